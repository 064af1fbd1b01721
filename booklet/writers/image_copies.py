"""Published copies of the author's photos and illustrations: what a reader receives.

A photo straight from a phone carries where it was taken (GPS), the camera, the time, often a
thumbnail of the uncropped original, and an orientation flag that some readers ignore. No
published file (PDF, DOCX, HTML, the site) ever carries the original: every writer takes a
copy from `published_copy`, which

- applies the EXIF orientation to the pixels (so the picture stands right in every reader),
- keeps no metadata at all (EXIF, GPS, XMP, IPTC, comments, ICC profiles): colours in a
  profile other than sRGB are converted to sRGB first, and CMYK becomes RGB, so the copy
  looks the same without its profile (web browsers and Word assume sRGB),
- is scaled down to a maximum width (never up), and
- stays in its format: JPEG stays JPEG, PNG stays PNG; an SVG is published as the cleaned
  drawing (readers/svg_image.clean_svg), which also drops its metadata element.

The same input gives the same bytes (reproducible builds), so copies are cached by the
file's digest and the size asked for, in the project's `.cache/` folder, which survives
builds (output/ is replaced whole by every build). Two builds may fill the cache at once:
each copy is written under a temporary name and renamed into place, and both write the same
bytes anyway.
"""
from __future__ import annotations

import hashlib
import io
import math
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from ..model import ImageFile
from ..readers.files import read_project_file
from ..readers.svg_image import clean_svg

# Quality of re-encoded JPEGs: 85 is indistinguishable from the original on screen at a
# fraction of the size; a full-size copy (for the print shop) keeps more, as it is printed at
# 300 ppi where JPEG artefacts in skin and sky can show.
JPEG_QUALITY = 85
JPEG_QUALITY_FULL = 92
# Raised when a copy is made differently, so no older copy is taken from the cache.
COPY_VERSION = 1
CACHE_FOLDER = Path(".cache") / "booklet" / f"billedkopier-{COPY_VERSION}"
# Read no further than this (the reader refuses larger files with a message before this).
_MAX_READ_BYTES = 100_000_000

_FORMATS = {  # format -> (mime, extension)
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "svg": ("image/svg+xml", ".svg"),
}


@dataclass(frozen=True)
class PublishedImage:
    data: bytes
    mime: str  # "image/jpeg", "image/png" or "image/svg+xml"
    extension: str  # with its dot: ".jpg", ".png" or ".svg"
    width_px: int  # of the copy, as shown (an SVG: its intrinsic size)
    height_px: int
    name: str  # a file name that changes when the content does: "direktoer-3fa2b1c9d0e1.jpg"


class ChangedWhileBuilding(Exception):
    """The file's bytes are no longer those the build read and checked."""


def published_copy(file: ImageFile, max_width_px: int | None) -> PublishedImage:
    """The copy of `file` to publish, at most `max_width_px` wide (None: full size)."""
    mime, extension = _FORMATS[file.format]
    width, height = copy_size(file, max_width_px)
    cache = _cache_folder(file.path)
    cached = cache / f"{file.digest}-{width}x{height}{extension}" if cache else None
    data = _read_cached(cached) if cached else None
    if data is None:
        data = _make_copy(file, width, height)
        if cached:
            _write_cached(cached, data)
    name = f"{_slug(file.path.stem)}-{hashlib.sha256(data).hexdigest()[:12]}{extension}"
    return PublishedImage(data, mime, extension, width, height, name)


def copy_size(file: ImageFile, max_width_px: int | None) -> tuple[int, int]:
    """The size of the copy: the image's own size, scaled down to `max_width_px`, never up.
    An SVG scales freely and keeps its intrinsic size."""
    width, height = file.width_px, file.height_px
    if file.format == "svg" or max_width_px is None or width <= max_width_px:
        return width, height
    return max_width_px, max(1, round(height * max_width_px / width))


def _make_copy(file: ImageFile, width: int, height: int) -> bytes:
    data = read_project_file(file.path, file.path.resolve().parent, _MAX_READ_BYTES)
    if hashlib.sha256(data).hexdigest() != file.digest:
        raise ChangedWhileBuilding(f"billedet {file.path} er ændret, mens det blev bygget. Byg igen.")
    if file.format == "svg":
        return clean_svg(data)
    with PILImage.open(io.BytesIO(data)) as opened:
        if file.format == "jpeg" and width < file.width_px:
            # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when that is still larger than the
            # copy: a 12 MP photo then loads in a fraction of the time and memory.
            scale = width / file.width_px
            opened.draft(None,
                         (math.ceil(opened.width * scale), math.ceil(opened.height * scale)))
        picture = ImageOps.exif_transpose(opened)
        picture.load()
        picture = _in_srgb(picture, opened.info.get("icc_profile"))
    if picture.size != (width, height):
        picture = picture.resize((width, height), PILImage.Resampling.LANCZOS)
    # A new image holds the pixels only: nothing the original carried besides them can ride along.
    bare = PILImage.frombytes(picture.mode, picture.size, picture.tobytes())
    out = io.BytesIO()
    if file.format == "jpeg":
        quality = JPEG_QUALITY_FULL if width == file.width_px else JPEG_QUALITY
        bare.save(out, "JPEG", quality=quality, optimize=True, progressive=False)
    else:
        bare.save(out, "PNG", optimize=False, compress_level=9)
    return out.getvalue()


_SRGB = ImageCms.createProfile("sRGB")


def _in_srgb(picture: PILImage.Image, icc: bytes | None) -> PILImage.Image:
    """The pixels in sRGB, in a mode every reader shows (L, LA, RGB or RGBA)."""
    if picture.mode in ("P", "PA"):
        picture = picture.convert("RGBA" if picture.has_transparency_data else "RGB")
    elif picture.mode == "1":
        picture = picture.convert("L")
    elif picture.mode.startswith("I"):  # 16-bit grey: to 8 bits, keeping the tones
        picture = picture.convert("I").point(lambda value: value / 256).convert("L")
    if icc and picture.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if "srgb" not in ImageCms.getProfileDescription(source).lower().replace(" ", ""):
                mode = "RGBA" if picture.mode == "RGBA" else "RGB"
                converted = ImageCms.profileToProfile(picture, source, _SRGB, outputMode=mode)
                if converted is not None:
                    picture = converted
        except (OSError, ImageCms.PyCMSError, ValueError):
            pass  # a broken profile: the pixels as they are, like most viewers show them
    if picture.mode not in ("L", "LA", "RGB", "RGBA"):
        picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")
    return picture


def _cache_folder(path: Path) -> Path | None:
    """`.cache/booklet/...` in the project the image belongs to: the nearest folder above it
    whose content/ holds it and has publications. None outside a project (then nothing is
    cached)."""
    resolved = path.resolve()
    for folder in resolved.parents:
        content = folder / "content"
        if (content / "publikationer").is_dir() and resolved.is_relative_to(content):
            return folder / CACHE_FOLDER
    return None


def _read_cached(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_cached(path: Path, data: bytes) -> None:
    """Under a temporary name first, then renamed: a reader never sees half a copy, and two
    builds writing the same copy at once both succeed. A cache that cannot be written (a
    read-only project) only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".skrives-")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def _slug(stem: str) -> str:
    """An ASCII file name part from the author's file name ('Direktør på kontoret' ->
    'direktoer-paa-kontoret'): every web server and zip reader handles it."""
    text = stem.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40] or "billede"
