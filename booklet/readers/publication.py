"""A publication folder: its manifest (`publikation.yml`) and its section files."""
from __future__ import annotations

from pathlib import Path

from ..editions import missing_roles
from ..errors import Location, Problems, suggestion
from ..model import (
    APPROVED, DRAFT, PAPER_SIZES, PUBLICATION_TYPES, STATUSES, Brand, LevelSlot, Organisation, Publication, Section,
)
from .context import ReadContext
from .limits import MAX_CONTENT_FILE_BYTES, MAX_PUBLICATION_TEXT_BYTES, MAX_SECTIONS, size_text
from .components import image_field
from .markdown_text import parse_blocks
from .yaml_source import Fields, YamlDocument, parse_yaml, read_text, read_yaml_file

MANIFEST_NAME = "publikation.yml"
MANIFEST_KEYS = ["type", "organisation", "titel", "undertitel", "dato", "udgiver", "nøgleord",
                 "papir", "varianter", "afsnit", "forsidebillede", "forrige",
                 "status", "godkendt_af", "godkendt_dato", "indholdsfortegnelse"]
SECTION_KEYS = ["titel", "kort_titel", "konkretisering", "revideres", "ny_side"]
# 'indholdsfortegnelse:' in the manifest: what the table of contents lists besides the headings.
TOC_KEYS = ["konkretiseringer"]
# `varianter:` in the manifest -> the slot attribute whose roles get an edition each.
VARIANT_AXES = {"niveauer": "niveau", "funktioner": "funktion"}


def read_publication(
    folder: Path,
    organisations: dict[str, Organisation | None],
    brands: dict[str, Brand],
    problems: Problems,
) -> Publication | None:
    path = folder / MANIFEST_NAME
    # content/publikationer/<id>/: only files inside content/ are read (a linked folder is not).
    node, doc = read_yaml_file(path, problems, "publikationens type, titel, dato og afsnit", folder.parent.parent)
    if node is None:
        return None
    f = Fields(node, doc, problems, "publikationens manifest", MANIFEST_KEYS)

    pub_type = f.text("type", hint="ledelsesgrundlag")
    if pub_type and pub_type not in PUBLICATION_TYPES:
        problems.error(f.key_location("type"), f"ukendt type '{pub_type}'{suggestion(pub_type, list(PUBLICATION_TYPES))}")

    org_id = f.text("organisation", hint="hoeje-taastrup")
    organisation = organisations.get(org_id)  # None also for a file with errors, reported there
    if org_id and org_id not in organisations:
        problems.error(f.key_location("organisation"),
                       f"organisationen '{org_id}' findes ikke i content/organisationer"
                       f"{suggestion(org_id, list(organisations))}")
    brand = brands.get(organisation.brand_id) if organisation else None

    status, status_at = _status(f, path)
    approved_at = status_at if status == APPROVED else None

    ctx = ReadContext(problems, organisation, roles_known=organisation is not None, folder=folder,
                      content_root=folder.parent.parent)
    sections, sources = [], [path]
    listed = f.text_list("afsnit")
    written = [name for name, _ in listed]  # also when too many to read: they are listed all the same
    if len(listed) > MAX_SECTIONS:
        problems.error(f.key_location("afsnit"), f"publikationen har {len(listed)} afsnit; en publikation kan "
                                                 f"højst have {MAX_SECTIONS}. Del den op i flere publikationer.")
        listed = []
    text_bytes = 0
    for name, loc in listed:
        section_path = folder / name
        if Path(name).name != name or not name.endswith(".md"):
            problems.error(loc, f"'{name}' skal være navnet på en .md-fil i mappen {folder.name}.")
            continue
        if not section_path.exists() and not section_path.is_symlink():
            existing = sorted(p.name for p in folder.glob("*.md"))
            problems.error(loc, f"afsnittet '{name}' findes ikke i mappen {folder.name}"
                                f"{suggestion(name, existing)}")
            continue
        size = section_path.stat().st_size if section_path.is_file() else 0
        text_bytes += size if size <= MAX_CONTENT_FILE_BYTES else 0  # that one has its own message
        if text_bytes > MAX_PUBLICATION_TEXT_BYTES:
            problems.error(loc, f"afsnittene fylder til og med '{name}' over "
                                f"{size_text(MAX_PUBLICATION_TEXT_BYTES)} tilsammen; det er mere end en "
                                "publikation kan sættes op. Del den op i flere publikationer.")
            break
        section = read_section(section_path, ctx, approved_at)
        sources.append(section_path)
        if section is not None:
            sections.append(section)

    if isinstance(f.node.get("afsnit"), list) and all((folder / name).exists() for name in written):
        _warn_unlisted(folder, written, problems)

    paper = f.text("papir", required=False).upper() or "A4"
    if paper not in PAPER_SIZES:
        problems.error(f.key_location("papir"), f"papir skal være A4 eller A5, ikke '{paper}'.")
    variant_axis, axis_known = None, True
    if f.has("varianter"):
        declared = f.text("varianter")
        variant_axis = VARIANT_AXES.get(declared)
        axis_known = variant_axis is not None  # else the level blocks are not wrong; the field is
        if not declared:
            pass  # not a text: said by f.text
        elif variant_axis is None:
            problems.error(f.key_location("varianter"),
                           f"'varianter' skal være 'niveauer' eller 'funktioner', ikke '{declared}'{suggestion(declared, list(VARIANT_AXES))}")
        elif organisation is not None:
            roles = organisation.levels if variant_axis == "niveau" else organisation.functions
            if not roles:
                problems.error(f.key_location("varianter"),
                               f"{organisation.name} har ingen {declared}. Tilføj dem i "
                               f"content/organisationer/{organisation.id}.yml.")
    if axis_known:
        _check_slot_axes(sections, variant_axis, problems)
        if approved_at is not None and organisation is not None:
            _check_no_open_slots(sections, organisation, variant_axis, approved_at, problems)
    ctx.check_links()
    cover_image = (image_field(f, "forsidebillede", ctx, "forsidebilledet")
                   if f.has("forsidebillede") else None)
    sources.extend(dict.fromkeys(p for p in ctx.sources if p not in sources))  # each image once

    previous = _previous(f, folder, problems)
    title = f.text("titel", hint="Ledelsesgrundlag")
    result = Publication(
        id=folder.name,
        type=pub_type,
        organisation=organisation,  # type: ignore[arg-type]
        brand=brand,  # type: ignore[arg-type]
        title=title,
        subtitle=f.text("undertitel", required=False),
        date=f.date("dato"),  # type: ignore[arg-type]
        # Only where the source says who published it: no publisher is inferred.
        issuer=f.text("udgiver", required=False),
        keywords=tuple(k for k, _ in f.text_list("nøgleord", required=False)),
        sections=tuple(sections),
        folder=folder,
        location=Location(path, 1),
        paper=paper,
        variant_axis=variant_axis,
        sources=tuple(sources),
        cover_image=cover_image,
        previous=previous,
        toc_concretisations=_toc_concretisations(f, doc, problems),
        status=status,
        # Missing ones are said by _status, at the status line.
        approved_by=f.text("godkendt_af", required=False) if approved_at is not None else "",
        approved_on=f.date("godkendt_dato") if approved_at is not None and f.has("godkendt_dato") else None,
    )
    return result if organisation is not None and brand is not None else None


def _previous(f: Fields, folder: Path, problems: Problems) -> str | None:
    """'forrige: <id>': the publication this one follows. Checked against the folders, not the
    read publications, so a build or check of this publication alone still finds a wrong id."""
    if not f.has("forrige"):
        return None
    name = f.text("forrige")
    if not name:
        return None  # not a text: said by f.text
    known = sorted(p.parent.name for p in folder.parent.glob(f"*/{MANIFEST_NAME}") if p.parent != folder)
    if name == folder.name:
        problems.error(f.key_location("forrige"), "'forrige' skal være en anden publikation end denne.")
        return None
    if name not in known:
        problems.error(f.key_location("forrige"), f"'forrige: {name}': publikationen findes ikke i "
                                                  f"content/publikationer{suggestion(name, known)}")
        return None
    return name


def read_section(path: Path, ctx: ReadContext, approved_at: Location | None = None) -> Section | None:
    """A section file: front matter between '---' lines, then the Markdown body. `approved_at`:
    the 'status: godkendt' line of an approved publication, which no section may still be
    marked for revision in."""
    problems = ctx.problems
    text = read_text(path, problems, path.parent.parent.parent)  # inside content/
    if text is None:
        return None
    if not text.strip():
        problems.error(Location(path, 1), "afsnittet er tomt. Skriv mindst en titel og noget tekst.")
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.error(Location(path, 1), "afsnittet skal starte med en linje '---', så 'titel: ...' "
                                          "og en linje '---' før teksten.")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.error(Location(path, 1), "forsiden af afsnittet ('---' ... '---') lukkes aldrig. "
                                          "Tilføj en linje '---' efter titlen.")
        return None
    doc = YamlDocument(path, 2)
    errors_before = len(problems.errors)
    node = parse_yaml("\n".join(lines[1:end]), doc, problems)
    if node is None and len(problems.errors) > errors_before:
        return None  # said where the front matter is broken; nothing more to say about it
    f = Fields(node, doc, problems, "afsnittets forside", SECTION_KEYS, at=Location(path, 1))
    title = f.text("titel", hint="Med kerneopgaven i centrum")
    if f.has("revideres") and approved_at is not None:
        problems.error(f.key_location("revideres"),
                       f"afsnittet er markeret til revision ({f.text('revideres')}), men publikationen er "
                       f"godkendt ('status: godkendt' i {MANIFEST_NAME}, linje {approved_at.line}). Gennemskriv "
                       "afsnittet og slet linjen 'revideres: ...', eller sæt status til 'til-godkendelse', "
                       "indtil teksten er færdig.")
    elif f.has("revideres"):
        problems.warning(f.key_location("revideres"),
                         f"afsnittet er markeret til revision: {f.text('revideres')} Slet linjen "
                         "'revideres: ...', når teksten er gennemskrevet.")
    anchor = ctx.anchor(title or path.stem)
    blocks = parse_blocks("\n".join(lines[end + 1:]), Location(path, end + 2), ctx)
    _check_one_slot_per_role(blocks, problems)
    has_slots = any(isinstance(b, LevelSlot) for b in blocks)
    return Section(id=path.stem, title=title, anchor=anchor, blocks=blocks, location=Location(path, 1),
                   concretised=has_slots or f.flag("konkretisering"), new_page=_new_page(f),
                   short_title=f.text("kort_titel", required=False) or None)


def _status(f: Fields, path: Path) -> tuple[str, Location | None]:
    """'status:' and where it stands; without it a draft. Who approved and when are required
    for 'godkendt', and said to be unused for the others (a copy of last year's approval)."""
    if not f.has("status"):
        written = DRAFT
    else:
        written = f.text("status", hint=DRAFT).lower()
        if written and written not in STATUSES:
            f.problems.error(f.value_location("status"),
                             f"status skal være {', '.join(STATUSES[:-1])} eller {STATUSES[-1]}, ikke "
                             f"'{written}'{suggestion(written, list(STATUSES))}")
            written = DRAFT
        written = written or DRAFT
    at = f.key_location("status") if f.has("status") else None
    if written == APPROVED:
        for key, hint in (("godkendt_af", "Direktionen"), ("godkendt_dato", "2016-04-24")):
            if not f.has(key):
                f.problems.error(at, f"en godkendt publikation skal sige, hvem der godkendte den og hvornår: "
                                     f"feltet '{key}' mangler. Tilføj fx '{key}: {hint}'.")
    else:
        for key in ("godkendt_af", "godkendt_dato"):
            if f.has(key):
                f.problems.warning(f.key_location(key),
                                   f"feltet '{key}' bruges kun, når status er godkendt; publikationen er "
                                   f"'{written}'. Slet linjen, eller sæt 'status: godkendt', når den er godkendt.")
    return written, at


def _check_no_open_slots(sections: list[Section], organisation: Organisation, axis: str | None,
                         approved_at: Location, problems: Problems) -> None:
    """An approved publication has a block (or an explicit 'ingen') for every level it concretises."""
    roles = organisation.levels if axis == "niveau" else organisation.functions if axis == "funktion" else ()
    # A block that could not be read is already an error in its file; it is not missing as well.
    files_with_errors = {problem.location.path for problem in problems.errors}
    for section in sections:
        if section.location.path in files_with_errors:
            continue
        missing = missing_roles(section, roles)
        if missing:
            names = ", ".join(f"'{role.id}'" for role in missing)
            problems.error(section.location,
                           f"afsnittet '{section.title}' mangler en blok for {names}, men publikationen er "
                           f"godkendt ('status: godkendt' i {MANIFEST_NAME}, linje {approved_at.line}). Skriv "
                           f"blokken (eller '::: {{{missing[0].axis}={missing[0].id} ingen}}'), eller sæt status "
                           "til 'til-godkendelse'.")


def _toc_concretisations(f: Fields, doc: YamlDocument, problems: Problems) -> bool:
    """'indholdsfortegnelse: konkretiseringer: ja': the level blocks' headings ("Konkretisering for
    centerchefer") are listed in the table of contents too. Without it (or with 'nej') they are
    not: a full edition's contents would otherwise hold one such line per level and section."""
    if not f.has("indholdsfortegnelse"):
        return False
    toc = Fields(f.node["indholdsfortegnelse"], doc, problems, "'indholdsfortegnelse'", TOC_KEYS,
                 at=f.key_location("indholdsfortegnelse"))
    if not toc.has("konkretiseringer"):
        if toc.ok and not toc.node:  # an unknown key instead is said by Fields, with the right name
            problems.error(toc.location, "'indholdsfortegnelse' skal sige, om konkretiseringerne står i "
                                         "indholdsfortegnelsen: skriv '  konkretiseringer: ja' (eller 'nej') "
                                         "på linjen under.")
        return False
    return bool(toc.yes_no("konkretiseringer", "Skriv 'ja', hvis overskrifterne »Konkretisering for ...« skal stå i "
                                               "indholdsfortegnelsen, eller 'nej' (standard), hvis kun afsnittene og "
                                               "deres overskrifter skal stå der."))


def _new_page(f: Fields) -> bool | None:
    """'ny_side: ja' / 'nej': whether the section starts a page; None (absent): as the type does."""
    return f.yes_no("ny_side", "Skriv 'ny_side: ja' for at starte afsnittet på en ny side, eller 'ny_side: nej' "
                               "for at lade det følge lige efter.")


def _warn_unlisted(folder: Path, listed: list[str], problems: Problems) -> None:
    """A section file the manifest does not name would be left out without a word."""
    for path in sorted(folder.glob("*.md")):
        if path.name not in listed:
            problems.warning(Location(path), f"filen er ikke med i publikationen: tilføj den under afsnit: "
                                             f"i {MANIFEST_NAME}, eller flyt den ud af mappen.")


def _check_slot_axes(sections: list[Section], axis: str | None, problems: Problems) -> None:
    """Level blocks need a publication that makes editions of that kind (said once, at the first)."""
    stray = [slot for section in sections for slot in section.slots if slot.role.axis != axis]
    if stray:
        first = stray[0]
        wanted = "niveauer" if first.role.axis == "niveau" else "funktioner"
        others = f" (og {len(stray) - 1} blokke mere)" if len(stray) > 1 else ""
        problems.error(first.location, f"blokken gælder {first.role.axis} '{first.role.id}'{others}, men "
                                       f"publikationen laver ikke udgaver pr. {first.role.axis}. "
                                       f"Tilføj 'varianter: {wanted}' i {MANIFEST_NAME}.")


def _check_one_slot_per_role(blocks, problems: Problems) -> None:
    seen: dict[str, LevelSlot] = {}
    for block in blocks:
        if isinstance(block, LevelSlot):
            earlier = seen.get(block.role.id)
            if earlier is not None:
                problems.error(block.location, f"{block.role.axis} '{block.role.id}' har allerede en "
                                               f"blok i dette afsnit (linje {earlier.location.line}). "
                                               "Saml teksten i én blok.")
            seen.setdefault(block.role.id, block)
