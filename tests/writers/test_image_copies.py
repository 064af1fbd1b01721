"""Published image copies: upright, without any metadata, scaled, deterministic, cached."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from booklet.model import ImageFile
from booklet.writers.image_copies import (
    CACHE_FOLDER, ChangedWhileBuilding, copy_size, published_copy,
)

GPS = {1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 20.0, 10.0)}
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Kamera"/></rdf:RDF></x:xmpmeta>')


@pytest.fixture
def pictures(tmp_path: Path) -> Path:
    folder = tmp_path / "projekt" / "content" / "publikationer" / "p" / "billeder"
    folder.mkdir(parents=True)
    return folder


def _exif(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Telefonens producent"
    exif[0x8825] = GPS
    return exif.tobytes()


def _photo(size=(400, 300)) -> Image.Image:
    """Left half red, right half blue: which way up it is shows in the pixels."""
    picture = Image.new("RGB", size, (200, 30, 30))
    picture.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    return picture


def _file(path: Path, fmt: str, size: tuple[int, int]) -> ImageFile:
    return ImageFile(path, hashlib.sha256(path.read_bytes()).hexdigest(), fmt, *size)


def _no_metadata(data: bytes) -> None:
    copy = Image.open(io.BytesIO(data))
    assert not dict(copy.getexif())
    assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"} & set(copy.info)
    for trace in (b"Exif", b"GPS", b"Telefonens", b"adobe", b"xmpmeta", b"ICC_PROFILE", b"tEXt", b"iTXt", b"eXIf"):
        assert trace not in data, trace


def test_jpeg_copy_is_upright_and_carries_no_exif_gps_xmp_or_profile(pictures):
    path = pictures / "direktør.jpg"
    # Orientation 6: the camera was turned; the stored pixels must be turned 90° clockwise.
    _photo().save(path, "JPEG", exif=_exif(6), xmp=XMP, comment=b"Telefonens kommentar",
                  icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    assert b"GPS" in path.read_bytes() or b"\x88\x25" in path.read_bytes()
    file = _file(path, "jpeg", (300, 400))  # as shown: turned
    for width in (None, 150):
        copy = published_copy(file, width)
        _no_metadata(copy.data)
        shown = Image.open(io.BytesIO(copy.data))
        assert shown.format == "JPEG" and copy.mime == "image/jpeg" and copy.extension == ".jpg"
        assert shown.size == (copy.width_px, copy.height_px)
        assert copy.height_px > copy.width_px  # portrait, as the camera was held
        top, bottom = shown.getpixel((shown.width // 2, 5)), shown.getpixel((shown.width // 2, shown.height - 5))
        assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # red half on top after turning
        assert copy.name.startswith("direktoer-") and copy.name.endswith(".jpg")


def test_scaled_down_never_up(pictures):
    path = pictures / "foto.jpg"
    _photo((400, 300)).save(path, "JPEG")
    file = _file(path, "jpeg", (400, 300))
    assert copy_size(file, 200) == (200, 150)
    assert copy_size(file, 1000) == (400, 300)
    assert copy_size(file, None) == (400, 300)
    assert (published_copy(file, 200).width_px, published_copy(file, 200).height_px) == (200, 150)


def test_png_stays_png_without_text_chunks_and_keeps_transparency(pictures):
    from PIL import PngImagePlugin

    path = pictures / "diagram.png"
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Telefonens ejer")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    picture = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    picture.paste((10, 120, 60, 255), (0, 0, 150, 200))
    picture.save(path, "PNG", pnginfo=info, exif=_exif())
    copy = published_copy(_file(path, "png", (300, 200)), 150)
    _no_metadata(copy.data)
    shown = Image.open(io.BytesIO(copy.data))
    assert shown.format == "PNG" and shown.mode == "RGBA" and copy.extension == ".png"
    assert shown.getpixel((140, 50))[3] == 0 and shown.getpixel((10, 50))[3] == 255


def test_cmyk_jpeg_becomes_rgb(pictures):
    path = pictures / "tryk.jpg"
    Image.new("CMYK", (100, 80), (0, 255, 255, 0)).save(path, "JPEG", exif=_exif())
    copy = published_copy(_file(path, "jpeg", (100, 80)), None)
    shown = Image.open(io.BytesIO(copy.data))
    assert shown.mode == "RGB"
    red, green, blue = shown.getpixel((50, 40))
    assert red > 200 and green < 60 and blue < 60
    _no_metadata(copy.data)


def test_an_srgb_profile_is_dropped_and_the_colours_stay(pictures):
    path = pictures / "profil.jpg"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    _photo((60, 40)).save(path, "JPEG", icc_profile=profile.tobytes())
    copy = published_copy(_file(path, "jpeg", (60, 40)), None)
    _no_metadata(copy.data)
    assert Image.open(io.BytesIO(copy.data)).getpixel((5, 5))[0] > 150


def test_svg_is_published_cleaned(pictures):
    path = pictures / "tegning.svg"
    path.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
                     b'<metadata>Telefonens ejer</metadata><script>alert(1)</script>'
                     b'<rect width="120" height="60" fill="#123456"/></svg>')
    copy = published_copy(_file(path, "svg", (120, 60)), 40)
    assert copy.mime == "image/svg+xml" and copy.extension == ".svg"
    assert (copy.width_px, copy.height_px) == (120, 60)
    assert b"<script" not in copy.data and b"rect" in copy.data


def test_same_bytes_twice_with_and_without_the_cache(pictures):
    path = pictures / "foto.jpg"
    _photo((640, 480)).save(path, "JPEG", exif=_exif(3))
    file = _file(path, "jpeg", (640, 480))
    first = published_copy(file, 320)
    cache = pictures.parents[3] / CACHE_FOLDER
    assert [p.name for p in cache.iterdir()] == [f"{file.digest}-320x240.jpg"]
    assert published_copy(file, 320) == first  # from the cache
    for entry in cache.iterdir():
        entry.unlink()
    assert published_copy(file, 320) == first  # made again: the same bytes and name


def test_a_file_changed_after_reading_is_not_published(pictures):
    path = pictures / "foto.jpg"
    _photo().save(path, "JPEG")
    file = _file(path, "jpeg", (400, 300))
    _photo().save(path, "JPEG", quality=40)
    with pytest.raises(ChangedWhileBuilding):
        published_copy(file, 200)


def test_copies_unused_for_two_months_leave_the_cache_when_a_new_one_is_made(pictures):
    import os
    import time

    path = pictures / "foto.jpg"
    _photo((640, 480)).save(path, "JPEG")
    file = _file(path, "jpeg", (640, 480))
    published_copy(file, 320)
    cache = pictures.parents[3] / CACHE_FOLDER
    [old] = list(cache.iterdir())
    months_ago = time.time() - 61 * 24 * 3600
    os.utime(old, (months_ago, months_ago))
    published_copy(file, 200)
    assert not old.exists()
    [kept] = list(cache.iterdir())
    os.utime(kept, (months_ago, months_ago))
    published_copy(file, 200)  # read from the cache: used now, so kept
    assert kept.stat().st_mtime > months_ago + 24 * 3600
