"""More of the image reader: the exact size it reads (units, viewBox, limits at their edge),
what it remembers between reads, and the whole Danish sentence for each path that cannot be used."""
from __future__ import annotations

import errno
import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image as PillowImage

from booklet.errors import Location, Problems
from booklet.model import Image
from booklet.readers import image_file
from booklet.readers.context import ReadContext
from booklet.readers.image_file import ImageProblem, read_image, read_image_file, resolve_image_path
from booklet.readers.limits import size_text

from images import jpeg_bytes, png_bytes, write
from test_markdown_text import ORG

WHERE = Location(Path("afsnit.md"), 7)


def svg(attributes: str) -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect width="1" height="1"/></svg>'.encode()


def refused(path: Path, within: Path) -> str:
    with pytest.raises(ImageProblem) as raised:
        read_image_file(path, within)
    return str(raised.value)


# --- sizes ------------------------------------------------------------------------------

@pytest.mark.parametrize("attributes, size", [
    ('width="96" height="48"', (96, 48)),
    ('width="96px" height="48px"', (96, 48)),
    ('width="72pt" height="36pt"', (96, 48)),
    ('width="6pc" height="3pc"', (96, 48)),
    ('width="1in" height="0.5in"', (96, 48)),
    ('width="2.54cm" height="1.27cm"', (96, 48)),
    ('width="25.4mm" height="12.7mm"', (96, 48)),
    ('width=" 1e2 " height="5E1"', (100, 50)),
    ('viewBox="0,0,300,150"', (300, 150)),
    ('width="200" viewBox="0 0 300 150"', (200, 100)),  # the height follows the box's shape
    ('height="100" viewBox="0 0 300 150"', (200, 100)),
    ('width="100%" height="auto" viewBox="0 0 300 150"', (300, 150)),
    ('width="2em" height="1em" viewBox="0 0 30 15"', (30, 15)),  # a relative unit: the box says
    ('width="0.6" height="0.6"', (1, 1)),  # under a pixel, but not nothing
    ('width="40" height="20" viewBox="0 0 300 x"', (40, 20)),
])
def test_an_svgs_size_is_read_from_its_units_or_its_view_box(tmp_path, attributes, size):
    file = read_image_file(write(tmp_path / "a.svg", svg(attributes)), tmp_path)
    assert (file.format, file.width_px, file.height_px) == ("svg", *size)


@pytest.mark.parametrize("attributes", [
    'width="0.4" height="20"', 'width="20" height="0.4"', 'width="-5" height="20"', 'viewBox="0 0 0 150"',
    'viewBox="0 0 300 0"', 'viewBox="0 0 300 x"', 'viewBox="0 0 300"', 'width="20"',
])
def test_an_svg_without_a_size_is_refused_with_the_whole_sentence(tmp_path, attributes):
    assert refused(write(tmp_path / "a.svg", svg(attributes)), tmp_path) == (
        "har ingen størrelse (hverken 'width' og 'height' eller 'viewBox'). Gem billedet igen som SVG med en "
        "tegneflade (artboard).")


def test_the_pixel_limit_allows_a_picture_of_exactly_that_many(tmp_path, monkeypatch):
    monkeypatch.setattr(image_file, "_cache", {})
    path = write(tmp_path / "f.png", png_bytes((400, 300)))
    monkeypatch.setattr(image_file, "MAX_IMAGE_PIXELS", 120_000)
    assert read_image_file(path, tmp_path).width_px == 400
    monkeypatch.setattr(image_file, "MAX_IMAGE_PIXELS", 119_999)
    image_file._cache.clear()  # else the first read is remembered and not checked again
    assert refused(path, tmp_path) == ("er 400 x 300 punkter (0,1 megapixel); et billede må højst have 0,1 "
                                       "megapixel. Gem det i en mindre udgave (fx 3000 punkter bredt).")


def test_megapixels_are_written_with_a_decimal_comma_and_no_empty_decimal():
    assert [image_file._megapixels(n) for n in (60_000_000, 1_500_000, 1_449_999, 70_000_000)] == [
        "60", "1,5", "1,4", "70"]


def test_a_file_over_the_byte_limit_is_told_its_size_and_the_limit(tmp_path, monkeypatch):
    data = jpeg_bytes((400, 300))
    path = write(tmp_path / "f.jpg", data)
    monkeypatch.setattr(image_file, "MAX_IMAGE_BYTES", 1000)
    assert refused(path, tmp_path) == (f"fylder {size_text(len(data))}; et billede må højst fylde "
                                       f"{size_text(1000)}. Gem det i en mindre udgave (fx 3000 punkter bredt "
                                       "som JPEG).")
    assert size_text(len(data)) != size_text(1000)


@pytest.mark.parametrize("name, data, says", [
    ("x.gif", b"GIF89a", "har formatet '.gif', som ikke kan bruges. Gem billedet som JPEG (.jpg), PNG (.png) "
                         "eller SVG (.svg)."),
    ("x.JPG", b"nej", "er ikke et billede, der kan læses (filen er ikke et helt JPEG-billede). Gem billedet igen "
                      "som .jpg fra billedprogrammet."),
    ("x.png", png_bytes()[:60], "er ikke et billede, der kan læses (filen er ikke et helt PNG-billede). Gem "
                                "billedet igen som .png fra billedprogrammet."),
])
def test_a_file_of_another_kind_is_refused_with_the_whole_sentence(tmp_path, name, data, says):
    assert refused(write(tmp_path / name, data), tmp_path) == says


def test_a_cut_off_picture_is_refused_also_after_weasyprint_is_imported(tmp_path):
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported,
    as every build does before reading content: the reader must still see a cut-off file."""
    import PIL.ImageFile
    import weasyprint  # noqa: F401

    assert PIL.ImageFile.LOAD_TRUNCATED_IMAGES
    assert refused(write(tmp_path / "x.png", png_bytes()[:60]), tmp_path) == (
        "er ikke et billede, der kan læses (filen er ikke et helt PNG-billede). Gem billedet igen som .png "
        "fra billedprogrammet.")
    assert PIL.ImageFile.LOAD_TRUNCATED_IMAGES  # left as WeasyPrint wants it


def test_a_gif_of_a_real_picture_named_png_is_refused(tmp_path):
    stream = io.BytesIO()
    PillowImage.new("RGB", (4, 4)).save(stream, "GIF")
    assert refused(write(tmp_path / "x.png", stream.getvalue()), tmp_path) == (
        "er et GIF-billede, men navnet ender på .png. Gem billedet som JPEG (.jpg) eller PNG (.png).")


# --- what is remembered -----------------------------------------------------------------

def test_a_file_read_again_through_another_name_keeps_the_name_it_was_asked_for(tmp_path):
    data = png_bytes((20, 10))
    original = write(tmp_path / "billeder" / "kort.png", data)
    link = tmp_path / "billeder" / "genvej.png"
    link.symlink_to(original)
    first = read_image_file(original, tmp_path)
    again = read_image_file(link, tmp_path)
    assert (again.path, again.digest, again.format, again.width_px, again.height_px) == (
        link, hashlib.sha256(data).hexdigest(), "png", 20, 10)
    assert first.path == original


def test_the_oldest_read_is_forgotten_when_the_memory_is_full(tmp_path, monkeypatch):
    monkeypatch.setattr(image_file, "_cache", {})
    monkeypatch.setattr(image_file, "_CACHE_SIZE", 2)
    paths = [write(tmp_path / f"{n}.png", png_bytes((10 + n, 10))) for n in range(3)]
    for path in paths:
        read_image_file(path, tmp_path)
    assert [key[0] for key in image_file._cache] == [str(paths[1].resolve()), str(paths[2].resolve())]
    read_image_file(paths[1], tmp_path)  # remembered: nothing is forgotten for it
    assert len(image_file._cache) == 2


def test_a_file_is_remembered_by_what_identifies_its_content(tmp_path, monkeypatch):
    monkeypatch.setattr(image_file, "_cache", {})
    path = write(tmp_path / "f.png", png_bytes())
    read_image_file(path, tmp_path)
    status = path.stat()
    assert list(image_file._cache) == [(str(path.resolve()), status.st_dev, status.st_ino, status.st_size,
                                        status.st_mtime_ns, status.st_ctime_ns)]


# --- the author's path ------------------------------------------------------------------

def context(tmp_path: Path, organisation=ORG, content_root: bool = True) -> ReadContext:
    return ReadContext(Problems(), organisation, folder=tmp_path / "publikationer" / "p",
                       content_root=tmp_path if content_root else None)


def told(ctx: ReadContext) -> list[str]:
    return [str(p) for p in ctx.problems.items]


@pytest.mark.parametrize("written, says", [
    ("  ", "billedet mangler sin fil. Skriv stien i parentesen, fx '![Alt-tekst](billeder/foto.jpg)'."),
    ("https://x.dk/a.png", "billedet 'https://x.dk/a.png' er en adresse på nettet. Billeder skal ligge i projektet: "
                           "hent billedet ned, læg det i mappen billeder/ ved siden af afsnittene, og skriv fx "
                           "'billeder/foto.jpg'."),
    ("~/a.png", "billedet '~/a.png' ligger uden for publikationens mappe. Læg det i mappen billeder/ ved siden af "
                "afsnittene, og skriv fx 'billeder/foto.jpg' (eller 'fælles/foto.jpg' for organisationens fælles "
                "billeder)."),
    ("\\\\server\\a.png", "billedet '\\\\server\\a.png' ligger uden for publikationens mappe."),
    ("C:/billeder/a.png", "billedet 'C:/billeder/a.png' ligger uden for publikationens mappe."),
    ("billeder\\..\\..\\a.png", "billedet 'billeder\\..\\..\\a.png' ligger uden for publikationens mappe."),
])
def test_a_path_that_cannot_be_used_is_one_error_with_the_whole_sentence(tmp_path, written, says):
    ctx = context(tmp_path)
    assert resolve_image_path(written, WHERE, ctx) is None
    assert len(told(ctx)) == 1 and told(ctx)[0].startswith(f"afsnit.md:7: fejl: {says}"), told(ctx)


def test_paths_are_resolved_in_the_publication_or_the_shared_folder(tmp_path):
    ctx = context(tmp_path)
    assert resolve_image_path("billeder\\kort.png", WHERE, ctx) == tmp_path / "publikationer" / "p" / "billeder" / "kort.png"
    assert resolve_image_path("fælles/kort/a.png", WHERE, ctx) == (
        tmp_path / "organisationer" / "k-billeder" / "kort" / "a.png")
    assert resolve_image_path("kort.png", WHERE, ReadContext(Problems(), ORG)) == Path("kort.png")
    unknown = context(tmp_path, organisation=None)
    assert resolve_image_path("fælles/kort.png", WHERE, unknown) is None and not told(unknown)


@pytest.mark.parametrize("written, says", [
    ("kort.png", "billedet 'kort.png' findes ikke i publikationens mappe. Læg billedet dér, eller ret navnet."),
    ("billeder/kort.png", "billedet 'billeder/kort.png' findes ikke i mappen billeder/. Læg billedet dér, eller "
                          "ret navnet."),
    ("billeder/monster.png", "billedet 'billeder/monster.png' findes ikke i mappen billeder/ – mente du "
                             "'mønster.png'?"),
    ("billeder/mønster.txt.png", "billedet 'billeder/mønster.txt.png' findes ikke i mappen billeder/ – mente du "
                                 "'mønster.png'?"),
    ("fælles/kort.png", "billedet 'fælles/kort.png' findes ikke blandt organisationens fælles billeder i "
                        "organisationer/k-billeder/. Læg billedet dér, eller ret navnet."),
])
def test_a_missing_image_names_the_folder_and_the_nearest_image_there(tmp_path, written, says):
    write(tmp_path / "publikationer" / "p" / "billeder" / "mønster.png", png_bytes())
    write(tmp_path / "publikationer" / "p" / "billeder" / "mønstre.txt", b"ikke et billede")
    ctx = context(tmp_path)
    assert read_image(written, WHERE, ctx, alt="Kort") is None
    assert told(ctx) == [f"afsnit.md:7: fejl: {says}"] and ctx.sources == []


def test_an_image_read_is_the_models_image_and_a_source(tmp_path):
    path = write(tmp_path / "publikationer" / "p" / "billeder" / "kort.png", png_bytes((20, 10)))
    ctx = context(tmp_path)
    image = read_image("billeder/kort.png", WHERE, ctx, alt="Kort", width="halv", decorative=True)
    assert isinstance(image, Image) and not told(ctx)
    assert (image.file.path, image.alt, image.caption, image.width, image.location, image.decorative) == (
        path, "Kort", (), "halv", WHERE, True)
    assert ctx.sources == [path]


def test_without_a_content_folder_an_image_is_read_within_the_publications(tmp_path):
    write(tmp_path / "publikationer" / "p" / "kort.png", png_bytes())
    ctx = context(tmp_path, content_root=False)
    assert read_image("kort.png", WHERE, ctx, alt="Kort").width == "hel" and not told(ctx)


def test_an_image_the_system_cannot_read_is_told_why(tmp_path, monkeypatch):
    write(tmp_path / "publikationer" / "p" / "kort.png", png_bytes())

    def denied(path, within):
        raise PermissionError(errno.EACCES, "Adgang nægtet")

    monkeypatch.setattr(image_file, "read_image_file", denied)
    ctx = context(tmp_path)
    assert read_image("kort.png", WHERE, ctx, alt="Kort") is None
    assert told(ctx) == ["afsnit.md:7: fejl: billedet 'kort.png' kan ikke læses (Adgang nægtet)."]
    assert ctx.sources == []


def test_an_image_that_is_no_image_is_told_with_its_path(tmp_path):
    write(tmp_path / "publikationer" / "p" / "kort.png", b"nej")
    ctx = context(tmp_path)
    assert read_image("kort.png", WHERE, ctx, alt="Kort") is None
    assert told(ctx) == ["afsnit.md:7: fejl: billedet 'kort.png' er ikke et billede, der kan læses (filen er ikke "
                         "et helt PNG-billede). Gem billedet igen som .png fra billedprogrammet."]
