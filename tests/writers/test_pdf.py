"""The PDF editions: accessible (PDF/UA-1), correctly paginated, in the brand's own fonts,
and the print shop's bleed and saddle-stitch imposition."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from weasyprint import HTML

from readback import foreign_fonts, normalise
from tools import require

from booklet.colophon import author
from booklet.contrast import contrast_ratio, failing_pairs
from booklet.readers.project import load_project
from booklet.writers.imposition import impose, sheet_sides

REPO = Path(__file__).resolve().parents[2]
MM = 72 / 25.4


@pytest.fixture(scope="module")
def manifest(seed_build):
    return json.loads((seed_build / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def publications():
    return {p.id: p for p in load_project(REPO).publications}


def files(seed_build, manifest, fmt):
    return [(entry, seed_build / entry["path"]) for entry in manifest["files"] if entry["format"] == fmt]


def struct_elements(node):
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                yield from struct_elements(kid)
        elif isinstance(kids, pikepdf.Dictionary):
            yield from struct_elements(kids)


def test_every_screen_pdf_is_tagged_and_described(seed_build, manifest, publications):
    for entry, path in files(seed_build, manifest, "pdf"):
        publication = publications[entry["publication"]]
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert "/StructTreeRoot" in root, path.name
            assert root.MarkInfo.Marked is True
            assert str(root.Lang) == "da"
            assert root.ViewerPreferences.DisplayDocTitle is True
            assert len(pdf.open_outline().root) > 0
            metadata = pdf.open_metadata()
            assert metadata.get("pdfuaid:part") == "1"
            assert metadata.get("dc:title", "").startswith(publication.title)
            assert metadata.get("dc:creator") == [author(publication)]
            # As precise as the source: D:2012 for a year alone, D:20160424... for a full date.
            assert str(pdf.docinfo.CreationDate).startswith("D:" + publication.date.isoformat().replace("-", ""))
            assert metadata.get("xmp:CreateDate", "").startswith(publication.date.isoformat())
            figures = [e for e in struct_elements(root.StructTreeRoot) if e.S == "/Figure"]
            assert figures and all(str(f.get("/Alt", "")).strip() for f in figures), path.name


def test_every_pdf_uses_only_the_brands_embedded_fonts(seed_build, manifest, publications):
    paths = [path for fmt in ("pdf", "pdf-print") for _entry, path in files(seed_build, manifest, fmt)]
    assert paths
    assert foreign_fonts(seed_build, paths, publications) == []


def test_page_three_says_side_3_af_n(seed_build, manifest):
    for entry, path in files(seed_build, manifest, "pdf"):
        pages = PdfReader(path).pages
        assert len(pages) == entry["pages"]
        assert f"Side 3 af {len(pages)}" in pages[2].extract_text(), path.name
        assert "Side" not in pages[0].extract_text(), "the cover has no page furniture"


def outline_pages(reader: PdfReader, depth: int) -> list[tuple[str, int]]:
    result = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif level <= depth:
                result.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return result


def test_table_of_contents_page_numbers_match_where_headings_land(seed_build, manifest):
    for entry, path in files(seed_build, manifest, "pdf"):
        reader = PdfReader(path)
        entries = outline_pages(reader, depth=2)
        first_chapter_page = entries[0][1]
        toc_text = "\n".join(reader.pages[i].extract_text() for i in range(1, first_chapter_page - 1))
        listed = [int(n) for n in re.findall(r"\.{2,}\s*(\d+)\s*$", toc_text, re.MULTILINE)]
        # The TOC leaves out the level blocks (indholdsfortegnelse: konkretiseringer); the bookmarks
        # keep them. Every chapter is in both, and every listed number is where its heading lands.
        flat = " ".join(toc_text.split())
        in_toc = [(title, page) for title, page in entries if " ".join(title.split()) in flat]
        assert listed == [page for _, page in in_toc], path.name
        chapters = outline_pages(reader, depth=1)
        assert all(chapter in in_toc for chapter in chapters), path.name


def test_print_edition_has_bleed_and_crop_marks(seed_build, manifest):
    printed = files(seed_build, manifest, "pdf-print")
    assert printed
    for _entry, path in printed:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[1]
            media, trim = [float(v) for v in page.mediabox], [float(v) for v in page.trimbox]
            bleed = [float(v) for v in page.bleedbox]
            assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=0.5)
            assert bleed[2] - bleed[0] == pytest.approx((210 + 6) * MM, abs=0.5)
            assert media == bleed  # WeasyPrint draws the crop marks inside the bleed area
        assert crop_marks_drawn(path)


def crop_marks_drawn(path: Path) -> bool:
    """Page 2 (white, with furniture only) has dark pixels in the bleed outside its corner."""
    pdftoppm = require("pdftoppm", "poppler-utils")
    pixels = subprocess.run([pdftoppm, "-f", "2", "-l", "2", "-r", "150", "-gray", str(path)],
                            capture_output=True, check=True).stdout
    header, _, data = pixels.partition(b"\n255\n")
    width, _height = (int(v) for v in header.split()[1:3])
    corner = [data[y * width + x] for y in range(19) for x in range(19)]  # the top-left 3 mm
    return min(corner) < 200


def test_print_formats_only_for_printed_editions(manifest):
    kinds = {(f["variant"], f["format"]) for f in manifest["files"]}
    assert ("samlet", "pdf-imposed") in kinds and ("centerchef", "pdf-print") in kinds
    assert ("matrix", "pdf-print") not in kinds and ("gennemsyn", "pdf-imposed") not in kinds


def test_saddle_stitch_order_for_twelve_pages():
    one_based = [tuple(None if i is None else i + 1 for i in side) for side in sheet_sides(12)]
    assert one_based == [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]


def test_padding_keeps_the_last_page_on_the_back_cover():
    one_based = [tuple(None if i is None else i + 1 for i in side) for side in sheet_sides(10)]
    assert one_based[0] == (10, 1)
    assert sorted(i for side in one_based for i in side if i) == list(range(1, 11))
    assert sum(i is None for side in one_based for i in side) == 2


def text_by_half(path: Path, page: int) -> tuple[str, str]:
    """The text on the left and the right half of an imposed side (1-based page), by poppler."""
    pdftotext = require("pdftotext", "poppler-utils")
    width, height = 842, 595  # A4 landscape at 72 dpi

    def region(x: int) -> str:
        return subprocess.run(
            [pdftotext, "-f", str(page), "-l", str(page), "-r", "72", "-x", str(x), "-y", "0",
             "-W", str(width // 2), "-H", str(height), str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout.split()

    return " ".join(region(0)), " ".join(region(width // 2))


def test_imposed_twelve_page_booklet_puts_each_page_where_it_folds(tmp_path):
    pages = "".join(f'<section style="break-before: page">SIDE{n}</section>' for n in range(1, 13))
    HTML(string=f"<style>@page {{ size: A5 }}</style>{pages}").write_pdf(tmp_path / "a5.pdf")
    assert impose(tmp_path / "a5.pdf", tmp_path / "ark.pdf") == 6
    reader = PdfReader(tmp_path / "ark.pdf")
    expected = [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]
    for number, (page, (left, right)) in enumerate(zip(reader.pages, expected), 1):
        assert float(page.mediabox.width) == pytest.approx(297 * MM, abs=1)
        assert float(page.mediabox.height) == pytest.approx(210 * MM, abs=1)
        assert text_by_half(tmp_path / "ark.pdf", number) == (f"SIDE{left}", f"SIDE{right}")


def test_imposed_editions_are_a5_on_a4_sheets(seed_build, manifest, publications):
    for entry, path in files(seed_build, manifest, "pdf-imposed"):
        reader = PdfReader(path)
        assert len(reader.pages) % 2 == 0, "whole sheets, printed on both sides"
        assert float(reader.pages[0].mediabox.width) == pytest.approx(297 * MM, abs=1)
        back_cover, front_cover = text_by_half(path, 1)
        assert normalise(publications[entry["publication"]].title) in normalise(front_cover)
        assert normalise("Kolofon") in normalise(back_cover)


def test_contrast_ratios_follow_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_seed_brands_pass_aa(publications):
    for publication in publications.values():
        assert failing_pairs(publication.brand) == []


def test_a_failing_brand_colour_is_warned_at_build_time(mini_project):
    from conftest import run_build

    styles = mini_project / "styles"
    real = styles.resolve()
    styles.unlink()
    # A copy: links from the project's styles/ to files elsewhere are refused (issue 14).
    shutil.copytree(real / "hoeje-taastrup", styles / "hoeje-taastrup")
    brand = styles / "hoeje-taastrup" / "_brand.yml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text.replace("secondary: green", 'secondary: "#9ccc65"'), encoding="utf-8")
    result = run_build(mini_project, "check")
    assert result.returncode == 0, result.stderr
    line = next(n for n, text in enumerate(brand.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("secondary:"))
    assert f"_brand.yml:{line}: advarsel: farven 'secondary' på 'background'" in result.stdout


def test_a5_publication(mini_project):
    from booklet.commands.build import run

    manifest_path = mini_project / "content/publikationer/mini/publikation.yml"
    manifest_path.write_text(manifest_path.read_text(encoding="utf-8") + "papir: A5\n", encoding="utf-8")
    files = run(mini_project, mini_project / "output", formats=("pdf",), jobs=1, say=lambda _m: None).files
    page = PdfReader(mini_project / "output" / files[0].path).pages[1]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((148 * MM, 210 * MM), abs=1)


# --- Photos, tables, footnotes, components and page breaks (issue 15) --------------------
# Rendered from model objects (tests/writers/sample_blocks.py), whatever the Markdown reader does.


def _render_pdf(root: Path, publication, name: str, writer_class=None) -> Path:
    from booklet.editions import editions_for, select
    from booklet.writers.pdf import PdfWriter

    edition = editions_for(publication)[0]
    target = root / "output" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    (writer_class or PdfWriter)(root / "templates", root / "styles").write(
        select(publication, edition), edition, target, target.parent)
    return target


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from conftest import FIXTURES, make_project
    from sample_blocks import sample_publication

    root = make_project(tmp_path_factory.mktemp("pdf-blocks") / "projekt", FIXTURES / "mini" / "content")
    publication = sample_publication(root)
    return root, publication, _render_pdf(root, publication, "mini.pdf")


def _page_texts(path: Path) -> list[str]:
    pages = len(PdfReader(path).pages)
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout for n in range(1, pages + 1)]


def _images(path: Path) -> list[pikepdf.Stream]:
    with pikepdf.open(path) as pdf:
        return [(int(obj.Width), int(obj.Height), obj.get("/Filter"), obj.read_raw_bytes())
                for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]


def test_photos_are_figures_with_their_alt_text_and_decorative_ones_are_not(sample):
    _root, publication, path = sample
    with pikepdf.open(path) as pdf:
        figures = [e for e in struct_elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
        alts = [str(f.get("/Alt", "")) for f in figures]
        first_page = pdf.pages[0].obj.objgen
        cover = next(f for f in figures if str(f.get("/Alt", "")) == publication.cover_image.alt)
        assert cover.Pg.objgen == first_page  # the cover photo is on the cover
    assert "Rådhuset i Høje-Taastrup set fra parken" in alts
    assert any(alt.startswith("Anne Hansen, kommunaldirektør") for alt in alts)
    assert all(alt.strip() for alt in alts)  # the signature and the pattern are no Figures


def test_footnotes_stand_at_the_foot_of_the_page_that_refers_to_them(sample):
    from sample_blocks import NOTE_TEXT, TABLE_NOTE_TEXT

    _root, _publication, path = sample
    pages = [normalise(text) for text in _page_texts(path)]
    for reference, note in (("Kommunen har 50.000 indbyggere", NOTE_TEXT), ("Høje-Taastrup 50.000", TABLE_NOTE_TEXT)):
        [page] = [p for p in pages if normalise(reference) in p]
        assert normalise(note) in page, note
        assert page.index(normalise(note)) > page.index(normalise(reference))  # below the text
        assert sum(normalise(note) in p for p in pages) == 1


def test_captions_number_photos_drawn_figures_and_tables(sample):
    _root, _publication, path = sample
    text = normalise("".join(_page_texts(path)))
    for caption in ("Figur 1: Rådhuset om sommeren", "Figur 2: Et halvt billede", "Figur 3: Temaerne",
                    "Tabel 1: Nøgletal 2015", "»Vi lykkes, når vi lykkes sammen«"):
        assert normalise(caption) in text, caption


def test_screen_pdf_carries_downscaled_photos_and_the_print_pdf_full_ones(sample):
    from booklet.writers.pdf import PrintPdfWriter

    root, publication, path = sample
    screen = _images(path)
    printed = _images(_render_pdf(root, publication, "mini-tryk.pdf", PrintPdfWriter))
    # 200 ppi at the text width of A4 (158 mm) and the cover's 216 mm, not the photos' 2400 and 3000 px.
    assert max(w for w, _h, _f, _d in screen) <= 1701
    assert {2400, 3000} <= {w for w, _h, _f, _d in printed}
    for _w, _h, kind, data in screen + printed:
        assert b"Exif" not in data and b"Telefonens" not in data and b"GPS" not in data


def _flow_publication(sample, kind: str, new_page: bool | None):
    import dataclasses

    from booklet.model import Paragraph, Text
    from sample_blocks import END_TEXT

    _root, publication, _path = sample
    first = dataclasses.replace(publication.sections[0], blocks=(Paragraph((Text(END_TEXT),)),), new_page=None)
    second = dataclasses.replace(publication.sections[1], new_page=new_page)
    return dataclasses.replace(publication, type=kind, sections=(first, second), cover_image=None)


# In the PDF every type's chapters flow on unless a section says `ny_side: ja` (issue 18: a short
# chapter never takes a page of its own).
@pytest.mark.parametrize("kind, new_page, same_page", [
    ("ledelsesgrundlag", None, True), ("ledelsesgrundlag", True, False), ("ledelsesgrundlag", False, True),
    ("strategibrev", None, True), ("strategibrev", True, False),
])
def test_a_section_starts_a_new_page_or_flows_on_as_its_front_matter_says(sample, kind, new_page, same_page):
    from sample_blocks import END_TEXT

    root = sample[0]
    path = _render_pdf(root, _flow_publication(sample, kind, new_page), f"flyd-{kind}-{new_page}.pdf")
    pages = [normalise(text) for text in _page_texts(path)]
    end = next(n for n, p in enumerate(pages) if normalise(END_TEXT) in p)
    start = next(n for n, p in enumerate(pages) if normalise("Ledelse er den enkeltfaktor") in p)
    assert (end == start) is same_page


def test_print_check_warns_under_300_ppi_and_stops_under_150_at_the_photo(sample):
    import dataclasses

    from booklet.writers.image_copies import print_resolution

    _root, publication, _path = sample
    section = publication.sections[0]

    def with_photo_width(pixels: int):
        blocks = tuple(
            dataclasses.replace(b, file=dataclasses.replace(b.file, width_px=pixels, height_px=pixels * 2 // 3))
            if b.kind == "image" and b.width == "hel" else b for b in section.blocks)
        return dataclasses.replace(publication, sections=(dataclasses.replace(section, blocks=blocks),),
                                   cover_image=None)

    # 158 mm is 6.22 inches: 1866 px is 300 ppi, 933 px 150 ppi.
    assert [p for p in print_resolution(with_photo_width(1900)) if "raadhus" in p.message] == []
    [warning] = [p for p in print_resolution(with_photo_width(1500)) if "raadhus" in p.message]
    assert warning.severity == "advarsel" and "241 ppi" in warning.message
    [error] = [p for p in print_resolution(with_photo_width(800)) if "raadhus" in p.message]
    assert error.severity == "fejl" and "129 ppi" in error.message and "158 mm" in error.message
    assert error.location == section.blocks[2].location


def test_text_widths_of_the_print_check_are_those_of_the_page_stylesheets():
    from booklet.writers.image_copies import TEXT_WIDTH_MM

    for paper, width in (("A4", 210), ("A5", 148)):
        css = (REPO / "styles" / f"page-{paper.lower()}.css").read_text(encoding="utf-8")
        margins = re.search(rf"@page {{ size: {paper}; margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm", css)
        assert TEXT_WIDTH_MM[paper] == width - float(margins.group(2)) - float(margins.group(4))


def test_a_photo_too_coarse_for_print_stops_the_print_build_before_layout_at_its_line(mini_project):
    from booklet.commands import check
    from booklet.commands.build import run
    from booklet.errors import ContentError
    from test_html_blocks import _add_photo

    line = _add_photo(mini_project, (600, 400))  # 96 ppi across the 158 mm of the A4 text
    output = mini_project / "output"
    with pytest.raises(ContentError) as stopped:
        run(mini_project, output, formats=("pdf-print",), jobs=1, say=lambda _m: None)
    [problem] = stopped.value.problems
    assert str(problem.location).endswith(f"01-indledning.md:{line}")
    assert "raadhus.jpg er for småt til trykudgaven" in problem.message and "96 ppi" in problem.message
    assert not output.exists()  # nothing was written
    with pytest.raises(ContentError):
        check.run(mini_project, say=lambda _m: None)
    # The screen PDF has no such demand: it builds.
    assert run(mini_project, output, formats=("pdf",), jobs=1, say=lambda _m: None).files


def test_a_12_megapixel_photo_does_not_make_a_large_screen_pdf(sample):
    import dataclasses

    from PIL import Image as PILImage

    from booklet.model import Image, Paragraph, Text
    from sample_blocks import image_file

    root, publication, _path = sample
    path = publication.folder / "billeder" / "tolv.jpg"
    # Noise does not compress: the camera's file is as large as a real photo's.
    noise = [PILImage.effect_noise((4000, 3000), 60 + 20 * n) for n in range(3)]
    PILImage.merge("RGB", noise).save(path, "JPEG", quality=92)
    assert path.stat().st_size > 8_000_000
    photo = Image(image_file(path, (4000, 3000)), "Støj", (Text("Tolv megapixel"),), "hel",
                  publication.sections[0].location)
    section = dataclasses.replace(publication.sections[0], blocks=(Paragraph((Text("Et foto."),)), photo))
    small = dataclasses.replace(publication, sections=(section,), cover_image=None)
    pdf = _render_pdf(root, small, "tolv.pdf")
    assert pdf.stat().st_size < 2_000_000
    assert max(w for w, _h, _f, _d in _images(pdf)) <= 1245


def test_a_fact_box_title_is_a_heading_but_no_bookmark(sample):
    from readback import pdf_outline

    _root, _publication, path = sample
    assert "Nøgletal" in pdf_outline(path)
    assert "Fakta om kommunen" not in pdf_outline(path)
    with pikepdf.open(path) as pdf:
        headings = [e for e in struct_elements(pdf.Root.StructTreeRoot) if str(e.S) in ("/H3", "/H4")]
        assert len(headings) >= 2  # 'Nøgletal' (H3) and the fact box's title under it (H4)
        assert any(str(e.S) == "/H4" for e in headings)


def test_the_same_pdf_twice_from_a_cold_and_a_warm_image_cache(sample):
    from booklet.writers.image_copies import CACHE_FOLDER

    root, publication, path = sample
    shutil.rmtree(root / CACHE_FOLDER)  # the copies are made again, not read from the cache
    again = _render_pdf(root, publication, "igen.pdf")
    assert again.read_bytes() == path.read_bytes()
