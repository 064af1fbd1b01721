"""`python build.py import FIL.docx [--som ID] [--organisation ORG] [--type TYPE]
[--accepter-aendringer]`: a Word document into a new publication in content/.

The file is checked before anything reads it (word.safety), read into the model (word.reader),
and written as content files (writers.content) into a folder beside the others, under a hidden
name; only when everything is written is the folder renamed to the publication's id. So a refused
or failed import leaves content/ exactly as it was, and an existing publication is never
overwritten. Then the same check as `python build.py check` runs on the new publication.

A DOCX that this project wrote carries a stamp (custom document properties naming the
publication, edition and fingerprint): it is routed to `update_from_stamped`, the round trip into
the publication it came from, instead of becoming a new one.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

from ..danish import slugify
from ..errors import ContentError, Problems
from ..model import PUBLICATION_TYPES, Publication
from ..readers.organisation import read_organisation
from ..readers.project import ProjectPaths
from ..word import round_trip
from ..word.reader import DocumentReader, to_sections
from ..word.safety import WordPackage, WordRefused, open_docx
from ..word.styles import STAMP_NAMES, TEMPLATE_NAMES
from ..word.template import template_text_fingerprint
from ..writers.content import write_publication
from .exits import UsageError, not_found

VALID_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DEFAULT_TYPE = "strategibrev"  # what directors write in Word
DEFAULT_ISSUER = "Direktionen"
_TYPE_WORDS = (("strategibrev", "strategibrev"), ("ledelsesgrundlag", "ledelsesgrundlag"),
               ("udviklingsplan", "udviklingsplan"), ("ledelsesudvikling", "udviklingsplan"),
               ("folder", "folder"))


class ImportRefused(Exception):
    """The Word file cannot be imported; content/ is unchanged. The message says what to do."""


def run(root: Path, source: Path, as_id: str | None = None, organisation_id: str | None = None,
        pub_type: str | None = None, accept_changes: bool = False, say=print) -> Path:
    """The new publication's folder. Raises ImportRefused (the file), UsageError (the command
    line) or ContentError (the new publication has errors to fix; it is kept, and they are said)."""
    paths = ProjectPaths(root)
    if pub_type is not None and pub_type not in PUBLICATION_TYPES:
        raise UsageError(not_found("typen", pub_type, PUBLICATION_TYPES))
    if as_id is not None and not VALID_ID.fullmatch(as_id):
        raise UsageError(f"'{as_id}' kan ikke bruges som id: skriv det med små bogstaver, tal og bindestreg, "
                         "fx --som htk-strategibrev-2017.")
    try:
        package = open_docx(source)
    except WordRefused as exc:
        raise ImportRefused(f"{source.name}: {exc}") from None
    stamp = project_stamp(package)
    if stamp and as_id is None:
        return update_from_stamped(root, package, stamp, accept_changes=accept_changes, say=say)
    # A document started from our template names the organisation and type it was made for.
    properties = custom_properties(package)
    template_org, template_type, template_text = (properties.get(name, "") for name in TEMPLATE_NAMES)
    if template_text and template_text == template_text_fingerprint(package.body()):
        raise ImportRefused(f"{source.name}: skabelonen er ikke udfyldt endnu: teksten er den samme, som da den "
                            "blev lavet. Skriv publikationens tekst i den, gem, og importér den igen.")
    if organisation_id is None and template_org:
        organisation_id = template_org if (paths.organisations / f"{template_org}.yml").is_file() else None
    if pub_type is None and template_type in PUBLICATION_TYPES:
        pub_type = template_type

    organisation = _organisation(paths, organisation_id)
    # The folder is named once the title is known; the pictures' paths are inside it.
    provisional = paths.publications / (as_id or "ny-publikation")
    try:
        document = DocumentReader(package, provisional, organisation, accept_changes).read()
    except WordRefused as exc:
        raise ImportRefused(f"{source.name}: {exc}") from None
    if not any(section.blocks for section in document.sections):
        raise ImportRefused(f"{source.name}: dokumentet har ingen tekst at importere ud over en titel eller "
                            "overskrifter. Tjek, at det er det rigtige dokument, og at teksten ikke ligger i "
                            "sidehoved eller sidefod.")
    title = document.title or next((s.title for s in document.sections if s.title), "")
    untitled = not title
    title = title or source.stem
    publication_id = as_id or slugify(title)
    target = paths.publications / publication_id
    if target.exists() or target.is_symlink():
        raise UsageError(f"publikationen '{publication_id}' findes allerede i content/publikationer/. Vælg et "
                         "andet id med --som, fx --som " + f"{publication_id}-2. Den eksisterende mappe røres ikke.")
    chosen_type = pub_type or _guess_type(f"{title} {source.stem}")
    sections = to_sections(document, provisional, title)
    publication = Publication(
        id=publication_id, type=chosen_type, organisation=organisation, brand=None,  # type: ignore[arg-type]
        title=title, subtitle=document.subtitle, date=document.date or dt.date.today(), issuer=DEFAULT_ISSUER,
        keywords=document.keywords, sections=tuple(sections), location=sections[0].location,
        folder=provisional,  # where the reader placed the pictures' paths: written relative to it
        variant_axis=document.variant_axis,
    )
    _write_in_place(publication, document, target)

    relative = target.relative_to(root) if target.is_relative_to(root) else target
    say(f"Importeret {source.name} som {relative}/ ({len(sections)} afsnit, {len(document.pictures.files)} "
        f"billeder). Type: {chosen_type}" + ("" if pub_type else " (gættet; ret 'type:' i publikation.yml)") +
        f"; udgiver: {DEFAULT_ISSUER}; organisation: {organisation.id}.")
    if untitled:
        say(f"Dokumentet har ingen titel (typografien Titel) og ingen overskrifter, så titlen er taget fra "
            f"filnavnet: '{title}'. Ret 'titel:' i publikation.yml.")
    if document.changes_accepted:
        say(f"{document.changes_accepted} registrerede ændringer er accepteret.")
    for note in document.warnings + document.comments:
        index = document.section_of(note)
        where = f"{relative}/{sections[index].id}.md" if index is not None and index < len(sections) else relative
        say(f"{where}: advarsel: {note}")
    from . import check

    try:
        check.run(root, only=(publication_id,), say=say)
    except ContentError:
        say(f"Publikationen er oprettet, men har fejl, der skal rettes (se ovenfor). Ret dem i {relative}/, "
            f"og kør 'python build.py check {publication_id}' igen.")
        raise
    say(_next_steps(publication_id, relative))
    return target


def _next_steps(publication_id: str, relative) -> str:
    return ("Sådan kommer du videre:\n"
            f"  1. Læs afsnittene i {relative}/ igennem, og ret det, advarslerne nævner.\n"
            f"  2. Kør 'python build.py check {publication_id}' for at tjekke teksten igen.\n"
            f"  3. Byg publikationen med 'python build.py build {publication_id}', og se den i output/.\n"
            "  4. Brug 'git diff' (eller 'python build.py diff') for at se ændringer, når du retter videre.")


def _organisation(paths: ProjectPaths, wanted: str | None):
    files = sorted(paths.organisations.glob("*.yml"))
    known = [p.stem for p in files]
    if not files:
        raise UsageError("der er ingen organisationer i content/organisationer/. Opret kommunens fil først "
                         "(se content/README.md).")
    if wanted is not None and wanted not in known:
        raise UsageError(not_found("organisationen", wanted, known))
    path = paths.organisations / f"{wanted or known[0]}.yml"
    problems = Problems()
    organisation = read_organisation(path, problems)
    if organisation is None or problems.errors:
        raise ContentError(problems.errors or [], problems.warnings)
    return organisation


def _guess_type(text: str) -> str:
    lowered = text.lower()
    return next((kind for word, kind in _TYPE_WORDS if word in lowered), DEFAULT_TYPE)


def _write_in_place(publication: Publication, document, target: Path) -> None:
    """Everything into a hidden folder beside the target, then one rename: a failure on the way
    leaves no half-written publication, and the rename never replaces a folder (it fails if the
    target appeared meanwhile)."""
    staging = target.with_name(f".{target.name}-import-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        document.pictures.save(staging)
        write_publication(publication, staging, wrap=True)
        if target.exists():
            raise UsageError(f"publikationen '{target.name}' er oprettet af en anden imens. Importér igen "
                             "med --som og et andet id.")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# --- the round trip hook ------------------------------------------------------------------

def custom_properties(package: WordPackage) -> dict[str, str]:
    """The document's custom properties by name (docProps/custom.xml), {} without any."""
    root = package.xml("docProps/custom.xml")
    if root is None:
        return {}
    return {prop.get("name", ""): "".join(prop.itertext()).strip() for prop in root}


def project_stamp(package: WordPackage) -> dict[str, str] | None:
    """The project's stamp, if this DOCX was written by the project: its custom document
    properties by name (publication id, edition, fingerprint), else None."""
    found = custom_properties(package)
    return found if found.get(STAMP_NAMES[0]) else None


def update_from_stamped(root: Path, package: WordPackage, stamp: dict[str, str], accept_changes: bool = False,
                        say=print) -> Path:
    """A DOCX this project wrote goes back into the publication it came from, edited in place
    (word/round_trip.py): refused if the content changed since the export, and what cannot be
    placed is said."""
    return round_trip.update(root, package, stamp, accept_changes=accept_changes, say=say)
