"""Figures drawn from the content: they follow the text, fit their labels in their shapes
whatever the words, read at WCAG AA, say what they show in every format, and come out the
same every time."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from readback import docx_alts, html_alts, normalise, pdf_alts

from booklet.contrast import AA_NORMAL_TEXT, contrast_ratio
from booklet.figures import DRAWERS, figure_for
from booklet.model import (
    Competency, CompetencyWheel, FocusArea, FocusGrid, House, Hub, Layer, LayerModel, LevelSlot,
    SubTheme, Text, Theme, ThemeList,
)
from booklet.readers.project import load_project

REPO = Path(__file__).resolve().parents[2]
COMPONENTS = "content/publikationer/mini/02-komponenter.md"
# A forty-letter Danish compound: no line of any figure is this wide at its type size.
LONG = "Medarbejderudviklingssamtalekoordinatorer"
assert len(LONG) == 41
SMALLEST_TYPE = 6.0  # pt: below this a label is no longer read


def figure_blocks(blocks):
    for block in blocks:
        if block.kind in DRAWERS:
            yield block
        elif isinstance(block, LevelSlot):
            yield from figure_blocks(block.blocks)


@pytest.fixture(scope="module")
def seed():
    return load_project(REPO).publications


def seed_figures(publications):
    return [(p, block) for p in publications for s in p.sections for block in figure_blocks(s.blocks)]


def test_every_seed_figure_is_there(seed):
    kinds = {(p.id, block.kind) for p, block in seed_figures(seed)}
    assert kinds == {
        ("htk-ledelsesgrundlag", "hub"),
        ("htk-strategibrev-2015", "themes"),
        ("helsingoer-ledelsesudvikling-2012-2015", "layers"),
        ("helsingoer-ledelsesudvikling-2012-2015", "competency_wheel"),
        ("odder-sammen-om-ledelse", "focus_grid"),
        ("odder-sammen-om-ledelse", "house"),
        ("htk-strategibrev-2016", "themes"),  # the sample written for issue 15, not a seed
    }


def test_renaming_a_competency_renames_its_slice(mini_project):
    def wheel():
        publication = load_project(mini_project).publications[0]
        block = next(b for s in publication.sections for b in figure_blocks(s.blocks) if b.kind == "competency_wheel")
        return figure_for(block, publication.brand)

    before = wheel()
    path = mini_project / COMPONENTS
    path.write_text(path.read_text(encoding="utf-8").replace("navn: Personlige kompetencer",
                                                             "navn: Nærværende lederskab"), encoding="utf-8")
    after = wheel()
    assert any(normalise(label.text) == normalise("4.1 Personlige kompetencer") for label in before.labels)
    assert any(normalise(label.text) == normalise("4.1 Nærværende lederskab") for label in after.labels)
    assert not any("personlige" in normalise(label.text) for label in after.labels)
    assert "Nærværende lederskab" in after.alt and after.svg != before.svg


def check_labels(figure, expected_words=()) -> None:
    """Every label inside its shape, legible, at AA contrast with its fill; the words complete."""
    for label in figure.labels:
        assert label.shape.contains(label.ink), (label.text, label.ink)
        assert contrast_ratio(label.colour, label.fill) >= AA_NORMAL_TEXT, label.text
    text = normalise(" ".join(label.text for label in figure.labels))
    for word in expected_words:
        assert normalise(word) in text, word
    assert "<text" not in figure.svg  # drawn as outlines of the brand font, so no fallback font


def test_seed_figures_fit_and_read(seed):
    for publication, block in seed_figures(seed):
        check_labels(figure_for(block, publication.brand))


def long_blocks():
    wheel = CompetencyWheel(tuple(
        Competency(f"4.{n}", LONG if n == 3 else f"Kompetence {n}", f"k{n}", (), (), ()) for n in range(1, 9)))
    themes = ThemeList((
        Theme(1, LONG, "t1", (), (SubTheme(LONG, "s1", (Text(f"Vi er {LONG} og meget mere."),), ()),)),
        Theme(2, "Resultater i organisationen", "t2", (), (SubTheme("Effektive arbejdsgange", "s2", (), ()),)),
        Theme(3, "Ledelse på tværs", "t3", (), ()),
    ))
    return [
        wheel,
        themes,
        Hub(LONG, (LONG, "Udad", "Indad")),
        LayerModel((Layer("Rammen", (), ()), Layer(LONG, (), ()), Layer(f"Hvor skal {LONG} hen", (), ()))),
        FocusGrid((FocusArea(LONG, ()), FocusArea("Emergens", ()), FocusArea("Compliance", ()),
                   FocusArea("Resiliens", ()))),
        House(LONG, (LONG, "Emergens", "Compliance", "Resiliens"), LONG, LONG),
    ]


@pytest.mark.parametrize("block", long_blocks(), ids=lambda b: b.kind)
def test_a_forty_letter_compound_fits_in_every_figure_and_brand(seed, block):
    for brand in {p.brand.id: p.brand for p in seed}.values():
        figure = DRAWERS[block.kind](block, brand)
        check_labels(figure, expected_words=[LONG])
        assert min(label.smallest_size for label in figure.labels) >= SMALLEST_TYPE


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8, 12])
def test_a_wheel_of_any_size_in_a_brand_without_a_tertiary_colour(seed, count):
    brand = seed[0].brand
    brand = dataclasses.replace(brand, colors={k: v for k, v in brand.colors.items() if k != "tertiary"})
    wheel = CompetencyWheel(tuple(Competency(f"{n}", f"Kompetence nummer {n}", f"k{n}", (), (), ())
                                  for n in range(1, count + 1)))
    check_labels(DRAWERS[wheel.kind](wheel, brand), expected_words=[f"Kompetence nummer {count}"])


def test_the_same_data_gives_byte_identical_svg(seed):
    for publication, block in seed_figures(seed):
        assert DRAWERS[block.kind](block, publication.brand).svg == DRAWERS[block.kind](block, publication.brand).svg


DIGESTS = """
import hashlib, json, sys
from pathlib import Path
from booklet.figures import DRAWERS
from booklet.readers.project import load_project
publications = load_project(Path(sys.argv[1])).publications
print(json.dumps([hashlib.sha256(DRAWERS[b.kind](b, p.brand).svg.encode()).hexdigest()
                  for p in publications for s in p.sections for b in s.blocks if b.kind in DRAWERS]))
"""


def test_another_process_draws_the_same_bytes(seed):
    """Nothing depends on hash order or the process: a fresh interpreter with another hash seed agrees."""
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", DIGESTS, str(REPO)], capture_output=True, text=True,
                            env=env, check=True)
    here = [hashlib.sha256(DRAWERS[b.kind](b, p.brand).svg.encode()).hexdigest()
            for p in seed for s in p.sections for b in s.blocks if b.kind in DRAWERS]
    assert json.loads(result.stdout) == here and len(here) == 7


def expected_alts(publication) -> list[str]:
    return [figure_for(block, publication.brand).alt
            for section in publication.sections for block in figure_blocks(section.blocks)]


@pytest.fixture(scope="module")
def full_editions(seed_build):
    manifest = json.loads((seed_build / "manifest.json").read_text(encoding="utf-8"))
    return [(entry, seed_build / entry["path"]) for entry in manifest["files"] if entry["variant"] == "samlet"]


@pytest.mark.parametrize("fmt,alts", [("html", html_alts), ("pdf", pdf_alts), ("docx", docx_alts)])
def test_every_figure_has_its_alt_text_in_every_format(seed, full_editions, fmt, alts):
    by_id = {p.id: p for p in seed}
    checked = 0
    for entry, path in full_editions:
        if entry["format"] != fmt:
            continue
        found = alts(path)
        assert all(alt.strip() for alt in found), path.name
        for alt in expected_alts(by_id[entry["publication"]]):
            assert alt.strip() and alt in found, (path.name, alt)
            checked += 1
    assert checked == 7


def test_docx_figures_are_300_dpi_pictures(seed, full_editions):
    for entry, path in full_editions:
        if entry["format"] != "docx":
            continue
        document = docx.Document(str(path))
        for shape in document.inline_shapes:
            if shape._inline.docPr.get("name") != "Figur":
                continue
            blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
            image = document.part.related_parts[blob].image
            assert image.px_width / shape.width.inches == pytest.approx(300, rel=0.02), path.name


def test_the_shapes_know_what_lies_inside_them():
    from booklet.figures.geometry import Box, Circle, Cutout, Polygon, Rect, Sector

    rounded = Box(Rect(0, 0, 100, 50), radius=10)
    assert rounded.contains(Rect(10, 0, 80, 50)) and rounded.contains(Rect(3, 3, 94, 44))
    assert not rounded.contains(Rect(0.5, 0.5, 20, 20))  # the corner is cut off by the arc
    assert not rounded.contains(Rect(-1, 10, 20, 20))
    top = Sector(0, 0, 50, 100, -112.5, -67.5)  # the slice at twelve o'clock
    assert top.contains(Rect(-10, -90, 20, 20))
    assert not top.contains(Rect(-10, -45, 20, 10))  # in the hub
    assert not top.contains(Rect(-40, -90, 20, 20))  # beside the slice
    assert not top.contains(Rect(-10, -105, 20, 10))  # beyond the rim
    assert not Sector(0, 0, 50, 100, 0, 360).contains(Rect(-10, -10, 20, 20))
    roof = Polygon(((0, 100), (100, 0), (200, 100)))
    assert roof.contains(Rect(60, 60, 80, 30)) and not roof.contains(Rect(10, 10, 30, 30))
    room = Cutout(Box(Rect(0, 0, 100, 100)), 100, 100, 30)
    assert room.contains(Rect(10, 10, 50, 50)) and not room.contains(Rect(50, 50, 40, 40))
    assert Circle(0, 0, 10).contains(Rect(-7, -7, 14, 14)) and not Circle(0, 0, 10).contains(Rect(-8, -8, 16, 16))
