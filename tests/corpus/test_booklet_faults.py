"""Issue 15's content in a whole project: photos, the cover photo, tables, footnotes and the page
switch. What is valid is read as meant (and carried into the editions with its level block);
each mistake stops `check` (and `build`, output untouched) with one Danish message at its line."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from booklet.editions import editions_for, select
from booklet.model import Image, LevelSlot, Note, Paragraph, Table
from booklet.readers import image_file
from booklet.readers.project import load_project
from fault_injection import (INTRO, MANIFEST, PARTS, PUB, assert_build_refused, assert_no_error,
                             assert_one_located_error, copy_project, insert_lines, read_lines, replace_line)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "readers"))
from images import SVG, jpeg_bytes, png_bytes, write  # noqa: E402

SHARED = "content/organisationer/testkommune-billeder"


@pytest.fixture
def root(tmp_path) -> Path:
    """The mini project with a photo, a pattern, a shared drawing and a cover photo, each large
    enough for the print edition's resolution check at any width."""
    root = copy_project(tmp_path / "p")
    write(root / PUB / "billeder" / "direktør.jpg", jpeg_bytes((2600, 1950), orientation=6, gps=True))
    write(root / PUB / "billeder" / "mønster.png", png_bytes((2600, 50)))
    write(root / SHARED / "rådhus.svg", SVG)
    lines = read_lines(root, MANIFEST)
    insert_lines(root, MANIFEST, len(lines) + 1, ["forsidebillede:", "  fil: billeder/direktør.jpg",
                                                   "  alt: Direktøren foran rådhuset"])
    return root


def body_line(root: Path, section: str) -> int:
    """The first line after the front matter's closing '---' (1-based)."""
    return read_lines(root, section).index("---", 1) + 2


def test_everything_valid_is_read_as_meant(root):
    replace_line(root, PARTS, 2, "titel: Komponenter\nny_side: nej")
    at = body_line(root, INTRO)
    insert_lines(root, INTRO, at, [
        '![Direktøren](billeder/direktør.jpg "Direktøren"){bredde=halv}', "",
        "![](billeder/mønster.png){dekorativ}", "", "![Rådhuset](fælles/rådhus.svg)", "",
        "| Område | Mål |", "|:--|--:|", "| Ældre | 3 |", "Tabel: Mål", "",
        "Med en note[^1].", "", "[^1]: Kilde.", ""])
    assert_no_error(root)
    publication = load_project(root).publications[0]
    assert publication.cover_image.alt == "Direktøren foran rådhuset" and publication.cover_image.width == "hel"
    intro, parts = publication.sections[:2]
    assert (intro.new_page, parts.new_page) == (None, False)
    photo, pattern, drawing, table, para = intro.blocks[:5]
    assert isinstance(photo, Image) and photo.location.line == at and photo.width == "halv"
    assert pattern.decorative and drawing.file.format == "svg" and isinstance(table, Table)
    assert isinstance(para.content[1], Note)
    # ... and the illustration the fixture's third section already had.
    images = [root / PUB / "billeder" / "direktør.jpg", root / PUB / "billeder" / "mønster.png",
              root / SHARED / "rådhus.svg", root / PUB / "billeder" / "raadhus.svg"]
    assert [p for p in publication.sources if p.suffix != ".md" and p.suffix != ".yml"] == images


def test_a_level_blocks_image_table_and_note_go_with_it_into_the_editions(root):
    slot = next(i for i, line in enumerate(read_lines(root, INTRO), 1) if line.startswith("::: {niveau=centerchef"))
    insert_lines(root, INTRO, slot + 1, ["![Kort](billeder/mønster.png)", "", "| A | B |", "|---|---|",
                                         "| 1 | 2 |", "", "En note[^c].", "", "[^c]: Kun for centerchefer.", ""])
    assert_no_error(root)
    publication = load_project(root).publications[0]
    editions = {edition.id: edition for edition in editions_for(publication)}

    def kinds(edition_id: str) -> list[str]:
        section = select(publication, editions[edition_id]).sections[0]
        found = []
        for block in section.blocks:
            inner = block.blocks if isinstance(block, LevelSlot) else (block,)
            found += [b.kind for b in inner]
            found += ["note" for b in inner if isinstance(b, Paragraph) and any(isinstance(n, Note) for n in b.content)]
        return found

    assert {"image", "table", "note"} <= set(kinds("centerchef"))
    assert not {"image", "table", "note"} & set(kinds("direktion"))


@pytest.mark.parametrize("lines,at,says", [
    (["![Direktøren](billeder/direktøren.jpg)"], 0, "mente du 'direktør.jpg'?"),
    (["![](billeder/direktør.jpg)"], 0, "mangler en alt-tekst"),
    (["![Kort](fælles/kort.svg)"], 0, "blandt organisationens fælles billeder"),
    (["![Kort](billeder/ødelagt.jpg)"], 0, "er ikke et billede, der kan læses"),
    (["![Kort](billeder/link.jpg)"], 0, "uden for projektets mappe"),
    (["![Kort](https://example.org/kort.jpg)"], 0, "adresse på nettet"),
    (["Se[^x] og[^y].", "", "[^x]: X."], 0, "'[^y]' har ingen tekst"),
    (["Se[^x].", "", "[^x]: X.", "", "[^z]: Z."], 4, "'[^z]' bruges ikke"),
    (["| A | B |", "|---|---|", "| 1 | 2 |", "| 3 |"], 3, "rækken har 1 celler"),
])
def test_each_mistake_is_one_error_at_its_line(root, tmp_path, lines, at, says):
    write(root / PUB / "billeder" / "ødelagt.jpg", jpeg_bytes()[:300])
    outside = write(tmp_path / "ude.jpg", jpeg_bytes())
    (root / PUB / "billeder" / "link.jpg").symlink_to(outside)
    line = body_line(root, INTRO)
    insert_lines(root, INTRO, line, [*lines, ""])
    assert says in assert_one_located_error(root, INTRO, line + at)


def test_an_image_over_the_size_limit(root, monkeypatch):
    write(root / PUB / "billeder" / "stor.png", png_bytes((3000, 2000)))
    monkeypatch.setattr(image_file, "MAX_IMAGE_PIXELS", 5_500_000)  # the cover photo has 5.1 MP
    line = body_line(root, INTRO)
    insert_lines(root, INTRO, line, ["![Kort](billeder/stor.png)", ""])
    assert "(6 megapixel); et billede må højst have 5,5 megapixel" in assert_one_located_error(root, INTRO, line)


@pytest.mark.parametrize("cover,at,says", [
    (["forsidebillede:", "  fil: billeder/direktør.jpg"], 1, "feltet 'alt' mangler i forsidebilledet"),
    (["forsidebillede:", "  fil: billeder/forside.jpg", "  alt: Forsiden"], 2, "findes ikke"),
    (["forsidebillede: billeder/direktør.jpg"], 1, "forsidebilledet skal være en samling af felter"),
    (["forsidebilled:", "  fil: billeder/direktør.jpg", "  alt: Forsiden"], 1, "mente du 'forsidebillede'?"),
])
def test_cover_image_mistakes(root, cover, at, says):
    lines = read_lines(root, MANIFEST)
    start = lines.index("forsidebillede:")
    root.joinpath(MANIFEST).write_text("\n".join(lines[:start] + cover), encoding="utf-8")
    assert says in assert_one_located_error(root, MANIFEST, start + at)


def test_a_new_page_switch_that_is_neither_yes_nor_no(root):
    replace_line(root, INTRO, 2, "titel: Indledning\nny_side: måske")
    assert "'ny_side' skal være 'ja' eller 'nej'" in assert_one_located_error(root, INTRO, 3)


def test_a_build_with_a_missing_photo_leaves_the_output_alone(root):
    line = body_line(root, INTRO)
    insert_lines(root, INTRO, line, ["![Kort](billeder/findes-ikke.jpg)", ""])
    assert "findes ikke" in assert_build_refused(root, INTRO, line)
