"""Image files as the reader checks them, and images placed in Markdown: one located Danish error
for each way an image cannot be used, and the model's Image for each way it can."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import Emphasis, Image, Paragraph, Text
from booklet.readers import image_file
from booklet.readers.context import ReadContext
from booklet.readers.image_file import ImageProblem, read_image_file
from booklet.readers.markdown_text import parse_blocks

from images import SVG, SVG_VIEWBOX_ONLY, jpeg_bytes, png_bytes, png_header_only, write
from test_markdown_text import ORG


# --- the file ---------------------------------------------------------------------------

def test_a_phone_photo_turned_by_exif_is_read_at_its_shown_size(tmp_path):
    data = jpeg_bytes((40, 30), orientation=6, gps=True)
    path = write(tmp_path / "foto.jpg", data)
    file = read_image_file(path, tmp_path)
    assert (file.format, file.width_px, file.height_px) == ("jpeg", 30, 40)  # stored 40 x 30, shown upright
    assert file.digest == hashlib.sha256(data).hexdigest() and file.path == path


@pytest.mark.parametrize("orientation,shown", [(None, (40, 30)), (1, (40, 30)), (3, (40, 30)), (5, (30, 40)),
                                               (8, (30, 40))])
def test_only_the_quarter_turns_swap_width_and_height(tmp_path, orientation, shown):
    file = read_image_file(write(tmp_path / "f.jpeg", jpeg_bytes((40, 30), orientation)), tmp_path)
    assert (file.width_px, file.height_px) == shown


def test_png_and_svg_sizes(tmp_path):
    assert read_image_file(write(tmp_path / "a.PNG", png_bytes((20, 10))), tmp_path).width_px == 20
    svg = read_image_file(write(tmp_path / "a.svg", SVG), tmp_path)
    assert (svg.format, svg.width_px, svg.height_px) == ("svg", round(60 * 96 / 25.4), round(30 * 96 / 25.4))
    box = read_image_file(write(tmp_path / "b.svg", SVG_VIEWBOX_ONLY), tmp_path)
    assert (box.width_px, box.height_px) == (300, 150)


@pytest.mark.parametrize("name,data,says", [
    ("x.jpg", b"not a picture at all", "er ikke et billede, der kan læses"),
    ("x.jpg", jpeg_bytes()[:200], "er ikke et billede, der kan læses"),  # cut off
    ("x.jpg", png_bytes(), "er et PNG-billede, men navnet ender på .jpg. Omdøb filen, så den ender på .png."),
    ("x.png", jpeg_bytes(), "er et JPEG-billede, men navnet ender på .png"),
    ("x.gif", b"GIF89a", "har formatet '.gif', som ikke kan bruges"),
    ("x", b"", "har formatet uden endelse"),
    ("x.svg", b"<html/>", "er ikke et SVG-billede"),
    ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "har ingen størrelse"),
])
def test_a_file_that_is_no_usable_image_is_refused(tmp_path, name, data, says):
    with pytest.raises(ImageProblem) as raised:
        read_image_file(write(tmp_path / name, data), tmp_path)
    assert says in str(raised.value)
    assert str(raised.value).endswith((".", "?"))


def test_the_size_limits(tmp_path, monkeypatch):
    path = write(tmp_path / "stor.jpg", jpeg_bytes((400, 300)))
    monkeypatch.setattr(image_file, "MAX_IMAGE_PIXELS", 100_000)
    with pytest.raises(ImageProblem, match="400 x 300 punkter"):
        read_image_file(path, tmp_path)
    monkeypatch.setattr(image_file, "MAX_IMAGE_BYTES", 100)
    with pytest.raises(ImageProblem, match="et billede må højst fylde"):
        read_image_file(path, tmp_path)


@pytest.mark.parametrize("width,height,says", [(10_000, 7_000, "10000 x 7000 punkter (70 megapixel)"),
                                               (20_000, 20_000, "har langt over 60 megapixel")])
def test_a_picture_over_the_pixel_limit_is_refused_before_it_is_decoded(tmp_path, width, height, says):
    with pytest.raises(ImageProblem, match=re.escape(says)):
        read_image_file(write(tmp_path / "kæmpe.png", png_header_only(width, height)), tmp_path)


def test_a_link_out_of_the_project_is_refused(tmp_path):
    outside = write(tmp_path / "ude" / "foto.jpg", jpeg_bytes())
    inside = tmp_path / "projekt"
    inside.mkdir()
    (inside / "foto.jpg").symlink_to(outside)
    with pytest.raises(ImageProblem, match="uden for projektets mappe"):
        read_image_file(inside / "foto.jpg", inside)


def test_a_changed_photo_is_read_again(tmp_path):
    path = write(tmp_path / "f.jpg", jpeg_bytes((40, 30)))
    first = read_image_file(path, tmp_path)
    assert read_image_file(path, tmp_path) == first  # from the cache
    stat = path.stat()
    path.write_bytes(jpeg_bytes((50, 30)))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same date: the ctime still differs
    second = read_image_file(path, tmp_path)
    assert second.digest != first.digest and second.width_px == 50


# --- in the Markdown --------------------------------------------------------------------

def parse(text: str, folder: Path):
    problems = Problems()
    ctx = ReadContext(problems, ORG, folder=folder / "publikationer" / "p", content_root=folder)
    blocks = parse_blocks(text, Location(Path("afsnit.md"), 10), ctx)
    return blocks, [str(p) for p in problems.items], ctx


@pytest.fixture
def content(tmp_path) -> Path:
    write(tmp_path / "publikationer" / "p" / "billeder" / "direktør.jpg", jpeg_bytes(orientation=6, gps=True))
    write(tmp_path / "publikationer" / "p" / "billeder" / "mønster.png", png_bytes())
    write(tmp_path / "organisationer" / "k-billeder" / "rådhus.svg", SVG)
    return tmp_path


def test_an_image_paragraph_is_an_image(content):
    text = ('Tekst.\n\n![Direktøren ved sit skrivebord](billeder/direktør.jpg "Direktør Anne Hansen")'
            '{bredde=halv}\n\nMere.')
    blocks, problems, ctx = parse(text, content)
    assert not problems
    _, image, _ = blocks
    assert isinstance(image, Image)
    assert (image.alt, image.caption, image.width, image.decorative) == (
        "Direktøren ved sit skrivebord", (Text("Direktør Anne Hansen"),), "halv", False)
    assert image.location == Location(Path("afsnit.md"), 12)
    assert (image.file.width_px, image.file.height_px) == (30, 40)
    assert ctx.sources == [content / "publikationer" / "p" / "billeder" / "direktør.jpg"]


@pytest.mark.parametrize("text,width,decorative,alt", [
    ("![](billeder/mønster.png){dekorativ}", "hel", True, ""),
    ("![Mønster](billeder/mønster.png)\n{ bredde = tredjedel dekorativ }", "tredjedel", True, ""),
    ("![Rådhuset](fælles/rådhus.svg)", "hel", False, "Rådhuset"),
    ("![Rådhuset](<fælles/rådhus.svg>){bredde=hel}", "hel", False, "Rådhuset"),
])
def test_image_marks_and_the_shared_folder(content, text, width, decorative, alt):
    (image,), problems, _ = parse(text, content)
    assert not problems
    assert (image.width, image.decorative, image.alt, image.caption) == (width, decorative, alt, ())


@pytest.mark.parametrize("text,n,says", [
    ("Se ![Kort](billeder/mønster.png) her.", 1, "et billede skal stå i sit eget afsnit"),
    ("- ![Kort](billeder/mønster.png)", 1, "eget afsnit"),
    ("> ![Kort](billeder/mønster.png)", 1, "eget afsnit"),
    ("![Kort](billeder/mønster.png) og tekst", 1, "eget afsnit"),
    ("![](billeder/mønster.png)", 1, "billedet mangler en alt-tekst"),
    ("![](billeder/mønster.png \"Tekst\"){dekorativ}", 1, "har ingen billedtekst"),
    ("![Kort](billeder/mønster.png \"Figur 3: Kort\")", 1, "uden 'Figur' og nummer"),
    ("![Kort](billeder/mønster.png){bredde=kvart}", 1, "bredden 'kvart' findes ikke. Gyldige værdier"),
    ("![Kort](billeder/mønster.png){brede=halv}", 1, "mente du 'bredde'?"),
    ("![Kort](billeder/mønstre.png)", 1, "findes ikke i mappen billeder/ – mente du 'mønster.png'?"),
    ("![Kort](fælles/kort.png)", 1, "findes ikke blandt organisationens fælles billeder i organisationer/k-billeder/"),
    ("![Kort](https://example.org/kort.png)", 1, "er en adresse på nettet"),
    ("![Kort](//example.org/kort.png)", 1, "er en adresse på nettet"),
    ("![Kort](data:image/png;base64,AAAA)", 1, "er en adresse på nettet"),
    ("![Kort](../andet/kort.png)", 1, "ligger uden for publikationens mappe"),
    ("![Kort](/etc/kort.png)", 1, "ligger uden for publikationens mappe"),
    ("![Kort](C:\\Billeder\\kort.png)", 1, "ligger uden for publikationens mappe"),
    ("![Kort](billeder/kort.bmp)", 1, "har formatet '.bmp'"),
    ("Tekst.\n\n![Kort] (billeder/kort.png)", 3, "billedet kan ikke læses"),
    ("![Kort](<billeder/mit mønster.png>)", 1, "'billeder/mit mønster.png' findes ikke"),
])
def test_each_image_mistake_is_one_error_at_its_line(content, text, n, says):
    _, problems, ctx = parse(text, content)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"afsnit.md:{9 + n}: fejl: "), problems
    assert says in problems[0], problems
    assert not ctx.sources


def test_an_image_in_a_component_field_is_refused(content):
    _, problems, _ = parse("```faktaboks\ntitel: Fakta\ntekst: |\n  Se her.\n\n  ![Kort](billeder/mønster.png)\n```",
                           content)
    assert len(problems) == 1 and problems[0].startswith("afsnit.md:15: fejl: et billede skal stå i sit eget afsnit")


def test_an_image_in_a_level_block_is_read(content):
    (slot,), problems, _ = parse("::: {niveau=centerchef}\n![Kort](billeder/mønster.png)\n:::", content)
    assert not problems and isinstance(slot.blocks[0], Image) and slot.blocks[0].location.line == 11


def test_a_caption_may_be_formatted(content):
    (image,), problems, _ = parse('![Kort](billeder/mønster.png "Kort over *Taastrup*")', content)
    assert not problems and image.caption == (Text("Kort over "), Emphasis((Text("Taastrup"),)))


def test_an_image_in_a_code_span_is_text(content):
    (para,), problems, _ = parse("Skriv `![Alt](billeder/foto.jpg)` for et billede.", content)
    assert not problems and para == Paragraph((Text("Skriv ![Alt](billeder/foto.jpg) for et billede."),))
