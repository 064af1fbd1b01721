"""Photos and illustrations the content places: the author's path resolved inside the project,
the file read and checked once, and the model's `Image` made from it.

A JPEG or PNG is opened with Pillow only as far as needed to know it is a whole picture and
how large it is as shown (EXIF orientation 5-8 turns it on its side); its metadata is not
kept here, because the writers publish copies made by `writers.image_copies`, which strip it.
An SVG is published only as `svg_image.clean_svg` leaves it, so that is what is checked.
"""
from __future__ import annotations

import contextlib
import difflib
import hashlib
import io
import os
import re
import stat
import warnings
from pathlib import Path, PurePosixPath

from lxml import etree
from PIL import Image as PillowImage
from PIL import ImageFile as PillowFile
from PIL import UnidentifiedImageError

from ..errors import Location
from ..model import IMAGE_WIDTHS, Image, ImageFile, Inlines
from .context import ReadContext
from .files import TooLarge, Unreadable, read_project_file
from .limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, size_text
from .svg_image import UnsafeSvg, clean_svg

# The file name's ending -> the format it must hold.
IMAGE_FORMATS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".svg": "svg"}
SHARED_PREFIX = "fælles/"  # -> content/organisationer/<org-id>-billeder/
_PILLOW_FORMATS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png"}  # MPO: a camera's JPEG with a preview
_SWAPPING_ORIENTATIONS = (5, 6, 7, 8)  # EXIF: the picture is stored turned a quarter
_EXIF_ORIENTATION = 0x0112
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


class ImageProblem(Exception):
    """The file cannot be used as an image. The message is the rest of a Danish sentence whose
    subject is the file ("billedet 'billeder/x.jpg' " + message), ending with what to do."""


# (resolved path, device, inode, size, mtime, ctime) -> the file as read. The ctime changes with
# every write to the file, so a photo replaced by one of the same size and date is read again.
_cache: dict[tuple, ImageFile] = {}
_CACHE_SIZE = 512


def read_image_file(path: Path, within: Path) -> ImageFile:
    """The checked image at `path`, which must be a regular file inside `within` no larger than
    MAX_IMAGE_BYTES. Raises FileNotFoundError when there is none, ImageProblem otherwise."""
    extension = path.suffix.lower()
    if extension not in IMAGE_FORMATS:
        raise ImageProblem(_wrong_format(extension))
    resolved = path.resolve()
    key = None
    if resolved.is_relative_to(within.resolve()):  # else read_project_file says why not
        status = os.stat(resolved)
        if stat.S_ISREG(status.st_mode):
            key = (str(resolved), status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
                   status.st_ctime_ns)
            cached = _cache.get(key)
            if cached is not None:
                return ImageFile(path, cached.digest, cached.format, cached.width_px, cached.height_px)
    try:
        data = read_project_file(path, within, MAX_IMAGE_BYTES)
    except TooLarge as exc:
        raise ImageProblem(f"fylder {size_text(exc.size)}; et billede må højst fylde "
                           f"{size_text(MAX_IMAGE_BYTES)}. Gem det i en mindre udgave (fx 3000 punkter "
                           "bredt som JPEG).") from None
    except Unreadable as exc:
        raise ImageProblem(str(exc)) from None
    expected = IMAGE_FORMATS[extension]
    width, height = _svg_size(data) if expected == "svg" else _bitmap_size(data, expected, extension)
    image = ImageFile(path, hashlib.sha256(data).hexdigest(), expected, width, height)
    if key is not None:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = image
    return image


def _wrong_format(extension: str) -> str:
    shown = f"'{extension}'" if extension else "uden endelse"
    return (f"har formatet {shown}, som ikke kan bruges. Gem billedet som JPEG (.jpg), PNG (.png) "
            "eller SVG (.svg).")


def _bitmap_size(data: bytes, expected: str, extension: str) -> tuple[int, int]:
    """(width, height) as shown, after checking the file is a whole JPEG or PNG of its name's kind."""
    not_an_image = ImageProblem(f"er ikke et billede, der kan læses (filen er ikke et helt "
                                f"{expected.upper()}-billede). Gem billedet igen som {extension} fra "
                                "billedprogrammet.")
    try:
        with warnings.catch_warnings(), _cut_off_refused():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(io.BytesIO(data)) as image:
                found = _PILLOW_FORMATS.get(image.format or "")
                if found != expected:
                    named = f"et {image.format}-billede" if image.format else "et andet slags billede"
                    right = next((ext for ext, fmt in IMAGE_FORMATS.items() if fmt == found), None)
                    fix = (f"Omdøb filen, så den ender på {right}" if right
                           else "Gem billedet som JPEG (.jpg) eller PNG (.png)")
                    raise ImageProblem(f"er {named}, men navnet ender på {extension}. {fix}.")
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageProblem(
                        f"er {width} x {height} punkter ({_megapixels(width * height)} megapixel); et "
                        f"billede må højst have {_megapixels(MAX_IMAGE_PIXELS)} megapixel. Gem det i en "
                        "mindre udgave (fx 3000 punkter bredt).")
                orientation = image.getexif().get(_EXIF_ORIENTATION)
                image.load()  # decodes it all: a cut-off file is found here, not in the writers
    except ImageProblem:
        raise
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
        # Pillow's own guard, met on opening a picture far over ours: its size is all we know.
        raise ImageProblem(f"har langt over {_megapixels(MAX_IMAGE_PIXELS)} megapixel, som er det "
                           "højeste et billede må have. Gem det i en mindre udgave (fx 3000 punkter "
                           "bredt).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_an_image from None
    if width < 1 or height < 1:
        raise not_an_image
    return (height, width) if orientation in _SWAPPING_ORIENTATIONS else (width, height)


@contextlib.contextmanager
def _cut_off_refused():
    """Pillow refusing a cut-off file while the picture is read. WeasyPrint sets Pillow's
    process-wide LOAD_TRUNCATED_IMAGES when it is imported (as a build always does before
    reading content), and then a cut-off picture is padded with grey instead; reading a PNG's
    EXIF already decodes it, so the switch covers the whole reading."""
    allowed = PillowFile.LOAD_TRUNCATED_IMAGES
    PillowFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        PillowFile.LOAD_TRUNCATED_IMAGES = allowed


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.1f}".removesuffix(".0").replace(".", ",")


_CSS_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z]*)\s*$")


def _svg_size(data: bytes) -> tuple[int, int]:
    """The intrinsic size in CSS pixels: width and height in absolute units, else the viewBox."""
    try:
        cleaned = clean_svg(data)
    except UnsafeSvg as exc:
        raise ImageProblem(str(exc)) from None
    root = etree.fromstring(cleaned, etree.XMLParser(resolve_entities=False, no_network=True))
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        box_size = (float(box[2]), float(box[3])) if len(box) == 4 else None
    except ValueError:
        box_size = None
    if box_size and box_size[0] > 0 and box_size[1] > 0:
        if width is None and height is None:
            width, height = box_size
        elif width is None:
            width = height * box_size[0] / box_size[1]  # type: ignore[operator]
        elif height is None:
            height = width * box_size[1] / box_size[0]
    if not width or not height or width < 0.5 or height < 0.5:
        raise ImageProblem("har ingen størrelse (hverken 'width' og 'height' eller 'viewBox'). Gem "
                           "billedet igen som SVG med en tegneflade (artboard).")
    return max(1, round(width)), max(1, round(height))


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    if not match or match.group(2) not in _CSS_UNITS:
        return None  # '100%' or 'auto': the viewBox says the size
    return float(match.group(1)) * _CSS_UNITS[match.group(2)]


# --- the author's path -> Image ----------------------------------------------------------


def read_image(written: str, location: Location, ctx: ReadContext, *, alt: str, caption: Inlines = (),
               width: str = "hel", decorative: bool = False) -> Image | None:
    """The Image an author's path names, or None after one located error. Every image read is
    added to `ctx.sources`, so a changed photo is noticed by an incremental build."""
    path = resolve_image_path(written, location, ctx)
    if path is None:
        return None
    within = ctx.content_root or ctx.folder or Path.cwd()
    try:
        file = read_image_file(path, within)
    except FileNotFoundError:
        ctx.problems.error(location, _missing(written, path, ctx))
        return None
    except ImageProblem as exc:
        ctx.problems.error(location, f"billedet '{written}' {exc}")
        return None
    except OSError as exc:
        ctx.problems.error(location, f"billedet '{written}' kan ikke læses ({exc.strerror}).")
        return None
    ctx.sources.append(path)
    assert width in IMAGE_WIDTHS
    return Image(file=file, alt=alt, caption=caption, width=width, location=location, decorative=decorative)


def resolve_image_path(written: str, location: Location, ctx: ReadContext) -> Path | None:
    """The file an author's image path names, or None after saying why it cannot be used."""
    problems = ctx.problems
    if not written.strip():
        problems.error(location, "billedet mangler sin fil. Skriv stien i parentesen, fx "
                                 "'![Alt-tekst](billeder/foto.jpg)'.")
        return None
    if _URL.match(written) and not _DRIVE.match(written):
        problems.error(location, f"billedet '{written}' er en adresse på nettet. Billeder skal ligge i "
                                 "projektet: hent billedet ned, læg det i mappen billeder/ ved siden af "
                                 "afsnittene, og skriv fx 'billeder/foto.jpg'.")
        return None
    parts = PurePosixPath(written.replace("\\", "/")).parts
    if written.startswith(("/", "\\", "~")) or _DRIVE.match(written) or ".." in parts:
        problems.error(location, f"billedet '{written}' ligger uden for publikationens mappe. Læg det i "
                                 "mappen billeder/ ved siden af afsnittene, og skriv fx 'billeder/foto.jpg' "
                                 f"(eller '{SHARED_PREFIX}foto.jpg' for organisationens fælles billeder).")
        return None
    if written.startswith(SHARED_PREFIX):
        organisation = ctx.organisation
        if organisation is None:
            return None  # the organisation is unknown: said where it is named
        return ctx.shared_images_folder().joinpath(*PurePosixPath(written[len(SHARED_PREFIX):]).parts)
    return (ctx.folder or Path(".")).joinpath(*parts)


def _missing(written: str, path: Path, ctx: ReadContext) -> str:
    folder = path.parent
    here = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in IMAGE_FORMATS) if folder.is_dir() else []
    close = difflib.get_close_matches(path.name, here, n=1, cutoff=0.6)
    if written.startswith(SHARED_PREFIX):
        shared = ctx.shared_images_folder()
        where = f"blandt organisationens fælles billeder i {shared.parent.name}/{shared.name}/"
    else:
        parent = PurePosixPath(written.replace("\\", "/")).parent
        where = "i publikationens mappe" if str(parent) == "." else f"i mappen {parent}/"
    if close:
        return f"billedet '{written}' findes ikke {where} – mente du '{close[0]}'?"
    return f"billedet '{written}' findes ikke {where}. Læg billedet dér, eller ret navnet."
