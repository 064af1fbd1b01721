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
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from ..errors import Problem
from ..model import IMAGE_WIDTH_FRACTIONS, Image, ImageFile, Publication
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


# The width of the text column per paper size, from the page margins in styles/page-a4.css and
# page-a5.css (a test holds them equal): a picture's placed width is a fraction of it.
TEXT_WIDTH_MM = {"A4": 210 - 26 - 26, "A5": 148 - 18 - 16}
POINTS_PER_MM = 72 / 25.4
# Where the templates place pictures that are not blocks of their own, as fractions of the
# text width. The cover photo runs to the page's trimmed edges and 3 mm bleed beyond each.
PORTRAIT_FRACTION = 1 / 3
SIGNATURE_FRACTION = 0.3
COVER_PHOTO_MM = {"A4": (210 + 6, 297 - 153 + 3), "A5": (148 + 6, 210 - 109 + 3)}  # page-a4/a5.css
# The print shop's rule: 300 pixels per inch at the printed size; under 150 a photo looks
# visibly soft or blocky in print.
PRINT_PPI_GOOD = 300
PRINT_PPI_LEAST = 150


def text_width_pt(paper: str) -> float:
    """The text column's width in pt: the room a drawn figure is placed in on the page."""
    return TEXT_WIDTH_MM[paper] * POINTS_PER_MM


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


# A copy no build has used for this long is removed when a new one is written, so the cache
# does not grow with every photo an author tried and dropped.
CACHE_KEEP_SECONDS = 60 * 24 * 3600


def _read_cached(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)  # used now: kept
    except OSError:
        pass
    return data


def _prune(folder: Path) -> None:
    limit = time.time() - CACHE_KEEP_SECONDS
    for entry in folder.iterdir():
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
        except OSError:
            pass  # another build removed it first


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
        _prune(path.parent)
    except OSError:
        pass


def _slug(stem: str) -> str:
    """An ASCII file name part from the author's file name ('Direktør på kontoret' ->
    'direktoer-paa-kontoret'): every web server and zip reader handles it."""
    text = stem.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40] or "billede"


def cover_fraction(paper: str) -> float:
    """The cover photo's width as a fraction of the text width: it fills the area under the
    colour field (object-fit: cover), so a photo wider than the area is placed by its height,
    and placed wider than the area, cut at the sides."""
    return COVER_PHOTO_MM[paper][0] / TEXT_WIDTH_MM[paper]


def _cover_placed_fraction(image: Image, paper: str) -> float:
    width_mm, height_mm = COVER_PHOTO_MM[paper]
    scale = max(width_mm / image.file.width_px, height_mm / image.file.height_px)  # mm per pixel
    return image.file.width_px * scale / TEXT_WIDTH_MM[paper]


def placed_images(publication: Publication) -> list[tuple[Image, float]]:
    """Every picture of the publication with the fraction of the text width it is placed at,
    in reading order: the cover photo, then each in the text (also inside forewords, notes,
    fact boxes and every level's blocks)."""
    found: list[tuple[Image, float]] = []
    if publication.cover_image is not None:
        found.append((publication.cover_image, _cover_placed_fraction(publication.cover_image, publication.paper)))

    def walk(value: object, fraction: float | None = None) -> None:
        if isinstance(value, Image):
            found.append((value, fraction if fraction is not None else IMAGE_WIDTH_FRACTIONS[value.width]))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                item = getattr(value, name)
                if name == "portrait":
                    walk(item, PORTRAIT_FRACTION)
                elif name == "signature":
                    walk(item, SIGNATURE_FRACTION)
                elif name not in ("role", "location"):
                    walk(item)

    for section in publication.sections:
        walk(section.blocks)
    return found


def print_resolution(publication: Publication) -> list[Problem]:
    """The print edition's check, before any layout: a photo whose pixels are spread too thin
    at the size it is printed. A warning under 300 ppi, an error under 150 ppi, at the line
    that places the photo. SVG drawings scale without loss."""
    problems = []
    text_mm = TEXT_WIDTH_MM[publication.paper]
    for image, fraction in placed_images(publication):
        if image.file.format == "svg":
            continue
        ppi = round(image.file.width_px / (fraction * text_mm / 25.4))
        if ppi >= PRINT_PPI_GOOD:
            continue
        placed_mm = round(fraction * text_mm)
        name = image.file.path.name
        if ppi < PRINT_PPI_LEAST:
            problems.append(Problem(image.location, (
                f"billedet {name} er for småt til trykudgaven: {image.file.width_px} pixels i bredden "
                f"giver kun {ppi} ppi, når det trykkes {placed_mm} mm bredt (mindst {PRINT_PPI_LEAST}, "
                f"helst {PRINT_PPI_GOOD} ppi). Brug en større udgave af billedet, eller sæt det "
                "mindre, fx med {bredde=halv}.")))
        else:
            problems.append(Problem(image.location, (
                f"billedet {name} har kun {ppi} ppi, når det trykkes {placed_mm} mm bredt; "
                f"trykkeriet anbefaler {PRINT_PPI_GOOD} ppi. Brug en større udgave af billedet, "
                "hvis du har den."), "advarsel"))
    return problems
