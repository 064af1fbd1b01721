"""Every block kind of the model is rendered by every writer (the mini fixture holds them all)."""
from __future__ import annotations

import json

import pytest

from readback import docx_alts, docx_text_and_notes, html_alts, html_text, normalise, pdf_alts, pdf_text

from booklet.commands.build import run
from booklet.editions import MATRIX, editions_for, select
from booklet.model import BLOCK_KINDS, LevelSlot, ListBlock, Quote
from booklet.readers.project import load_project

# Text from each kind in the mini fixture: in the text, or in a figure's alt text (a centre
# and what is around it, and the house, are told in their figure's alt text only).
SAMPLES = {
    "paragraph": "har størst betydning",
    "heading": "Værdier",
    "list": "underpunkt",
    "quote": "Ledelse er noget, vi er sammen om.",
    "values": "Ledelse er et fælles anliggende.",
    "forum": "Direktører og centerchefer.",
    "themes": "Vores indsatser skal følges til dørs.",
    "competency_wheel": "Skaber tid og rum for dialog",
    "packages": "Internt kursus i konflikthåndtering",
    "statement_groups": "Vi er nysgerrige og har mod til nytænkning.",
    "focus_grid": "Handler om at tilpasse os.",
    "hub": "Kerneopgaven i midten med Sammen, Udad og Indad rundt om.",
    "layers": "Kommunen har til stadighed kompetente ledere.",
    "house": "Fundament: Det personalepolitiske værdisæt.",
    "level_slot": "Som centerchef oversætter du grundlaget til dit center.",
    "level_matrix": "Konkretiseringerne afsnit for afsnit",
    "image": "Illustration af et rådhus med grønt tag",
    "table": "Sygefravær",
    "foreword": "Anne Hansen",
    "fact_box": "Grundlaget gælder alle ledere i kommunen.",
    "pull_quote": "Ledelse gør en forskel for borgeren.",
}
# A note is inline, not a block; its text must reach every format all the same.
NOTE_SAMPLE = "Personalepolitikken fra 2009."


def kinds_in(blocks) -> set[str]:
    found = set()
    for block in blocks:
        found.add(block.kind)
        if isinstance(block, LevelSlot):
            found |= kinds_in(block.blocks)
        elif isinstance(block, Quote):
            found |= kinds_in(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                found |= kinds_in(item)
    return found


def test_fixture_holds_every_kind(mini_project):
    publication = load_project(mini_project).publications[0]
    editions = [select(publication, e) for e in editions_for(publication)]
    found = set().union(*(kinds_in(s.blocks) for e in editions for s in e.sections))
    assert found == {kind.kind for kind in BLOCK_KINDS} == set(SAMPLES)


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory):
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path_factory.mktemp("mini") / "projekt", FIXTURES / "mini" / "content")
    output = root / "output"
    run(root, output, jobs=1, say=lambda _m: None)
    return output


@pytest.mark.parametrize("fmt,read,alts", [("html", html_text, html_alts), ("pdf", pdf_text, pdf_alts),
                                            ("docx", docx_text_and_notes, docx_alts)])
def test_every_kind_reaches_every_format(mini_build, fmt, read, alts):
    manifest = json.loads((mini_build / "manifest.json").read_text(encoding="utf-8"))
    entries = [f for f in manifest["files"] if f["format"] == fmt and f["variant"] in ("samlet", MATRIX)]
    assert len(entries) == 2
    text = "".join(normalise(read(mini_build / entry["path"]) + " ".join(alts(mini_build / entry["path"])))
                   for entry in entries)
    missing = {kind: sample for kind, sample in {**SAMPLES, "note": NOTE_SAMPLE}.items()
               if normalise(sample) not in text}
    assert not missing
