"""`python build.py skabelon ORGANISATION [--type strategibrev] [--output FIL]`: a Word template.

The template carries the organisation's brand in its styles, the sections of the newest
publication of that type for the organisation as headings (or the type's usual sections when
there is none yet), a "Konkretisering for <niveau>" heading per level as the example of how a
level's text is written, and short instructions in a style the import skips. A director writes
in it; `python build.py import` makes a new publication of it.

An existing file is only written over when the tool made it and nobody has written in it since
(its text is still the text it was made with), so a filled-in template is never lost.
"""
from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

from ..danish import PUBLICATION_TYPE_NAMES
from ..model import PUBLICATION_TYPES, LeadershipRole, Organisation, Publication, first_day
from ..readers.project import load_project
from ..word.stamp import read_custom_properties
from ..word.styles import TEMPLATE_ORGANISATION, TEMPLATE_TEXT
from ..word.template import (
    DEFAULT_SECTIONS, TemplateSection, build_template, text_fingerprint_of_file, write_template,
)
from .exits import UsageError, not_found

DEFAULT_TYPE = "strategibrev"
SUFFIXES = (".docx", ".dotx")


def default_name(organisation_id: str, pub_type: str) -> str:
    return f"skabelon-{organisation_id}-{pub_type}.docx"


def run(root: Path, organisation_id: str, pub_type: str = DEFAULT_TYPE, output: Path | None = None,
        say=print, today: dt.date | None = None) -> Path:
    if pub_type not in PUBLICATION_TYPES:
        raise UsageError(not_found("typen", pub_type, PUBLICATION_TYPES))
    target = (output or Path.cwd() / default_name(organisation_id, pub_type)).resolve()
    if target.suffix.lower() not in SUFFIXES:
        raise UsageError(f"skabelonen skrives som Word-dokument: giv filen endelsen .docx (eller .dotx), "
                         f"fx --output {target.with_suffix('.docx').name}.")
    if not target.parent.is_dir():
        raise UsageError(f"mappen {target.parent} findes ikke. Opret den, eller vælg en anden med --output.")
    project = load_project(root)
    organisation = project.organisations.get(organisation_id)
    if organisation is None:
        raise UsageError(not_found("organisationen", organisation_id, sorted(project.organisations),
                                   "content/organisationer"))
    _refuse_to_overwrite(target)
    newest = newest_publication(project.publications, organisation, pub_type)
    sections, roles = template_outline(organisation, pub_type, newest)
    date = today or dt.date.today()
    document = build_template(organisation, project.brands[organisation.brand_id], pub_type, sections, roles, date)
    staging = target.with_name(f".{target.name}.ny")
    try:
        write_template(staging, document, date, dotx=target.suffix.lower() == ".dotx")
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
    origin = (f"afsnittene fra {newest.id}" if newest is not None
              else f"de sædvanlige afsnit for typen {PUBLICATION_TYPE_NAMES[pub_type].lower()}")
    say(f"Skabelonen er skrevet: {target} ({origin}, {len(roles)} eksempler på konkretiseringer). "
        "Send den til forfatteren; når den kommer tilbage udfyldt: python build.py import "
        f"{target.name}.")
    return target


def newest_publication(publications: tuple[Publication, ...], organisation: Organisation,
                       pub_type: str) -> Publication | None:
    own = [p for p in publications if p.organisation.id == organisation.id and p.type == pub_type]
    return max(own, key=lambda p: (first_day(p.date), p.id), default=None)


def template_outline(organisation: Organisation, pub_type: str, newest: Publication | None
                     ) -> tuple[tuple[TemplateSection, ...], tuple[LeadershipRole, ...]]:
    """The sections (the newest publication's, else the type's usual ones) and the levels whose
    examples the template shows: the newest publication's own (its levels or functions), else the
    organisation's levels, else its functions. The examples stand under the sections that are
    concretised, or under the last section when none is."""
    if newest is not None and newest.variant_roles:
        roles = newest.variant_roles
    else:
        roles = organisation.levels or organisation.functions
    if newest is not None and newest.sections:
        titles = [(s.title, s.concretised) for s in newest.sections]
    else:
        titles = [(title, False) for title in DEFAULT_SECTIONS[pub_type]]
    if not any(concretised for _title, concretised in titles):
        titles[-1] = (titles[-1][0], True)
    return tuple(TemplateSection(title, concretised) for title, concretised in titles), roles


def _refuse_to_overwrite(target: Path) -> None:
    if not target.exists():
        return
    refusal = (f"{target} findes allerede, og {{why}}. Den skrives ikke over: vælg et andet navn med "
               "--output, eller flyt filen først.")
    try:
        properties = read_custom_properties(target) if target.is_file() else {}
        made_here = TEMPLATE_ORGANISATION in properties
        untouched = made_here and properties.get(TEMPLATE_TEXT) == text_fingerprint_of_file(target)
    except (OSError, zipfile.BadZipFile, ValueError, KeyError):
        made_here = untouched = False
    if not made_here:
        raise UsageError(refusal.format(why="det er ikke en skabelon, som værktøjet har lavet"))
    if not untouched:
        raise UsageError(refusal.format(why="der er skrevet i den, siden værktøjet lavede den"))
