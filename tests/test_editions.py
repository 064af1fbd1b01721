"""Per-level editions from shared core text: one build, every edition, nothing leaking between them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_build
from readback import docx_headings, docx_text, html_headings, html_text, normalise, pdf_outline, pdf_text

from booklet.editions import FULL, MATRIX, REVIEW, ROLE, editions_for, select
from booklet.model import LevelSlot
from booklet.readers.project import load_project
from booklet.structure import slot_title
from booklet.writers.plaintext import block_lines

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("pdf", "docx", "html")
VARIANTS = {
    "htk-ledelsesgrundlag": ["direktion", "centerchef", "leder-af-ledere", "leder-af-medarbejdere"],
    "odder-sammen-om-ledelse": ["direktoer", "stabschef", "virksomhedsleder", "leder-af-medarbejdere"],
    "helsingoer-ledelsesudvikling-2012-2015": [
        "ledere-af-ledere", "ledere-af-borgernaere-enheder", "administrative-ledere"],
}
READ_TEXT = {"pdf": pdf_text, "docx": docx_text, "html": html_text}
READ_HEADINGS = {
    "pdf": pdf_outline,
    "docx": lambda p: [text for _, text in docx_headings(p)],
    "html": html_headings,
}


@pytest.fixture(scope="session")
def manifest(seed_build):
    return json.loads((seed_build / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def publications():
    return {p.id: p for p in load_project(REPO).publications}


def path_of(seed_build, manifest, publication, variant, fmt) -> Path:
    (entry,) = [f for f in manifest["files"]
                if (f["publication"], f["variant"], f["format"]) == (publication, variant, fmt)]
    return seed_build / entry["path"]


def slots_by_role(publication) -> dict[str, list[LevelSlot]]:
    result: dict[str, list[LevelSlot]] = {}
    for section in publication.sections:
        for slot in section.slots:
            result.setdefault(slot.role.id, []).append(slot)
    return result


def distinctive_lines(slots: list[LevelSlot]) -> list[str]:
    """Block text long enough to be that level's own (not a word shared with the core text)."""
    return [line for slot in slots for line in block_lines(slot.blocks) if len(line) > 30]


@pytest.mark.parametrize("publication", sorted(VARIANTS))
def test_manifest_has_every_edition_in_every_format(manifest, publication):
    listed = {(f["variant"], f["format"]) for f in manifest["files"] if f["publication"] == publication}
    expected = {(v, fmt) for v in [FULL, *VARIANTS[publication], MATRIX, REVIEW] for fmt in FORMATS}
    printed = {(v, fmt) for v in [FULL, *VARIANTS[publication]] for fmt in ("pdf-print", "pdf-imposed")}
    report = {(FULL, "tilgaengelighed")}  # one accessibility report per publication
    assert listed == expected | printed | report


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("publication", sorted(VARIANTS))
def test_level_edition_holds_its_own_text_and_no_other_levels(seed_build, manifest, publications, publication, fmt):
    model = publications[publication]
    by_role = slots_by_role(model)
    core_sample = next(b for s in model.sections for b in s.blocks if b.kind == "paragraph")
    for role in VARIANTS[publication]:
        path = path_of(seed_build, manifest, publication, role, fmt)
        text = normalise(READ_TEXT[fmt](path))
        headings = [normalise(h) for h in READ_HEADINGS[fmt](path)]
        own = distinctive_lines(by_role.get(role, []))
        assert own, f"{publication}: no example text for {role}"
        assert all(normalise(line) in text for line in own), (role, fmt)
        assert normalise(block_lines((core_sample,))[0]) in text
        for other, slots in by_role.items():
            if other == role:
                continue
            leaked = [line for line in distinctive_lines(slots) if normalise(line) in text]
            assert not leaked, f"{publication}/{role} {fmt} holds {other}'s text: {leaked[:1]}"
            other_titles = {normalise(slot_title(s)) for s in slots}
            assert not other_titles & set(headings), f"{publication}/{role} {fmt}: heading of {other}"


def test_samlet_has_every_block_under_a_labelled_heading(seed_build, manifest, publications):
    model = publications["htk-ledelsesgrundlag"]
    headings = [normalise(h) for h in pdf_outline(path_of(seed_build, manifest, model.id, FULL, "pdf"))]
    for slots in slots_by_role(model).values():
        for slot in slots:
            assert normalise(slot_title(slot)) in headings


def test_level_edition_is_addressed_to_its_reader(seed_build, manifest, publications):
    model = publications["htk-ledelsesgrundlag"]
    centerchef = next(r for r in model.organisation.levels if r.id == "centerchef")
    headings = html_headings(path_of(seed_build, manifest, model.id, "centerchef", "html"))
    assert centerchef.address in headings


def test_function_edition_keeps_common_packages_and_its_own(seed_build, manifest):
    text = normalise(html_text(path_of(seed_build, manifest, "helsingoer-ledelsesudvikling-2012-2015",
                                       "ledere-af-ledere", "html")))
    assert normalise("Basispakke for alle ledere") in text
    assert normalise("Pakke for ledere af ledere") in text
    assert normalise("Pakke for administrative ledere") not in text


def test_matrix_is_a_table_of_sections_by_level(seed_build, manifest, publications):
    page = path_of(seed_build, manifest, "htk-ledelsesgrundlag", MATRIX, "html").read_text(encoding="utf-8")
    assert '<table class="level-matrix">' in page
    for role in publications["htk-ledelsesgrundlag"].organisation.levels:
        assert f'<th scope="col" class="level-order-{role.order}">{role.name}</th>' in page


def test_review_edition_flags_a_missing_block(mini_project):
    publication = load_project(mini_project).publications[0]
    section = publication.sections[0]
    without = section.__class__(**{**section.__dict__, "blocks": tuple(
        b for b in section.blocks if not (isinstance(b, LevelSlot) and b.role.id == "centerchef"))})
    trimmed = publication.__class__(**{**publication.__dict__, "sections": (without,) + publication.sections[1:]})
    review = next(e for e in editions_for(trimmed) if e.kind == REVIEW)
    flagged = [b for b in select(trimmed, review).sections[0].blocks if isinstance(b, LevelSlot) and b.missing]
    assert [b.role.id for b in flagged] == ["centerchef"]
    assert [e.kind for e in editions_for(trimmed)] == [FULL, ROLE, ROLE, MATRIX, REVIEW]


def test_check_lists_a_removed_block_as_missing(mini_project):
    path = mini_project / "content/publikationer/mini/01-indledning.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("::: {niveau=centerchef eksempel}")
    end = text.index(":::", start + 3) + 3
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    # Still being written: an approved publication with a missing block is an error (test_status.py).
    manifest = mini_project / "content/publikationer/mini/publikation.yml"
    manifest.write_text("\n".join(line for line in manifest.read_text(encoding="utf-8").split("\n")
                                  if not line.startswith(("status:", "godkendt_"))), encoding="utf-8")
    result = run_build(mini_project, "check")
    assert result.returncode == 0, result.stderr
    assert "01-indledning.md:1: advarsel: afsnittet 'Indledning' mangler en blok for 'centerchef'" in result.stdout


def test_check_is_clean_for_complete_content(mini_project):
    result = run_build(mini_project, "check")
    assert result.returncode == 0
    assert "mangler" not in result.stdout


def test_diff_prints_the_text_that_differs(mini_project):
    result = run_build(mini_project, "diff", "mini", "samlet", "centerchef")
    assert result.returncode == 0, result.stderr
    assert "-Konkretisering for direktionen" in result.stdout
    assert "+Til dig som centerchef" in result.stdout
