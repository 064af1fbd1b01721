"""`python build.py new TYPE --from PUBLIKATION --year YEAR`: next year's edition from this year's.

The structure and text are kept; the year in the folder name, title and subtitle and the
date move on; `forrige:` names the source, so the site can show what is new; every section
is marked `revideres:` so `check` warns until an author has gone through it and removed the line.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from ruamel.yaml import YAML

from ..errors import Location
from ..model import DRAFT, PUBLICATION_TYPES
from ..readers.project import ProjectPaths, load_project
from ..readers.publication import MANIFEST_NAME
from .exits import UsageError, not_found
from .selection import require

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def run(root: Path, pub_type: str, source_id: str, year: int, say=print) -> Path:
    paths = ProjectPaths(root)
    if pub_type not in PUBLICATION_TYPES:
        raise UsageError(not_found("typen", pub_type, PUBLICATION_TYPES))
    require(root, (source_id,))
    source = load_project(root, only=source_id).publications[0]
    # The year a publication is *for* is the one in its name (strategibrev 2015 is dated
    # November 2014); without one, its date's year.
    named = _YEAR.search(source.id)
    shift = year - (int(named.group(0)) if named else source.date.year)
    new_id = _shifted_years(source.id, shift) if named else f"{source.id}-{year}"
    target = paths.publications / new_id
    if target.exists():
        raise UsageError(f"publikationen '{new_id}' findes allerede i {Location(target)}. Vælg et andet år, "
                         "eller slet mappen først.")
    staging = target.with_name(f".{new_id}-ny")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source.folder, staging)
    _move_manifest_on(staging / MANIFEST_NAME, pub_type, shift, source.id)
    for section in source.sections:
        _mark_for_revision(staging / section.location.path.name, year)
    staging.rename(target)
    say(f"Oprettet {target} ud fra {source.id} som kladde (status: kladde). Alle afsnit er markeret "
        "'revideres:'; python build.py check viser dem, indtil markeringen er slettet.")
    return target


def _shifted_years(text: str, shift: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(0)) + shift), text)


def _move_manifest_on(path: Path, pub_type: str, shift: int, source_id: str) -> None:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    manifest = yaml.load(path.read_text(encoding="utf-8"))
    manifest["type"] = pub_type
    for key in ("titel", "undertitel"):
        if key in manifest and isinstance(manifest[key], str):
            manifest[key] = _shifted_years(manifest[key], shift)
    manifest["dato"] = _add_years(manifest["dato"], shift)
    manifest.ca.items.pop("dato", None)  # a comment about last year's date no longer holds
    # The site's "Hvad er nyt" page compares the new edition with the one it was made from.
    if "forrige" in manifest:
        manifest["forrige"] = source_id
    else:
        manifest.insert(list(manifest).index("dato") + 1, "forrige", source_id)
    # Last year's approval does not cover this year's text: the copy starts as a draft.
    for key in ("godkendt_af", "godkendt_dato"):
        manifest.pop(key, None)
    if "status" in manifest:
        manifest["status"] = DRAFT
        manifest.ca.items.pop("status", None)
    else:
        manifest.insert(list(manifest).index("dato") + 1, "status", DRAFT)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(manifest, stream)


def _add_years(date, years: int):
    """The manifest's date moved on, in the form it was written: a full date, a month
    ('2014-06', a text to YAML) or a year (2014, a number)."""
    if isinstance(date, int) and not isinstance(date, bool):
        return date + years
    if not isinstance(date, dt.date):
        written = str(date).strip()
        if re.fullmatch(r"\d{4}", written):
            return int(written) + years
        if re.fullmatch(r"\d{4}-\d{2}", written):
            return f"{int(written[:4]) + years}-{written[5:]}"
        date = dt.date.fromisoformat(written)
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February into a year without it
        return date.replace(year=date.year + years, day=28)


def _mark_for_revision(path: Path, year: int) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(1, f'revideres: "Teksten er fra sidste udgave; gennemskriv den til {year}."')
    path.write_text("\n".join(lines), encoding="utf-8")
