"""Pictures in a Word document: taken out of the package into the new publication's billeder/,
with their alt text (Word's "Alternativ tekst") or Word's mark for a decorative picture.

Only the formats the content takes are kept as they are (JPEG, PNG); a GIF, BMP or TIFF is
converted to PNG. A vector picture Word keeps as EMF or WMF cannot be converted here: it is
left out with a warning. Each picture is checked against the content's own limits before it
is decoded, and the same picture used twice is saved once.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from lxml import etree
from PIL import Image as PillowImage

from ..errors import Location
from ..model import Image, ImageFile
from ..readers.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from .ooxml import A_NS as A, DECORATIVE_EXTENSION, R_NS as R
from .safety import WordPackage

IMAGES_FOLDER = "billeder"
# A picture's share of the text width -> the content's widths (hel, halv, tredjedel).
THIRD_UP_TO, HALF_UP_TO = 0.4, 0.65


class PictureStore:
    """The pictures met so far: bytes by file name, to be written into billeder/ at the end."""

    def __init__(self, package: WordPackage, folder: Path, warnings_: list[str]):
        self.package = package
        self.folder = folder
        self.warnings = warnings_
        self.files: dict[str, bytes] = {}  # file name in billeder/ -> bytes
        self._by_digest: dict[str, ImageFile] = {}
        self.missing_alt = 0

    def picture(self, blip: etree._Element, properties: etree._Element | None, width_emu: int,
                text_width_emu: int, rels, where: str) -> Image | None:
        rel_id = blip.get(f"{{{R}}}embed")
        if not rel_id:
            if blip.get(f"{{{R}}}link"):
                self.warnings.append(f"{where}: billedet er kun linket ind og ikke gemt i dokumentet, så det er "
                                     "udeladt. Sæt det ind i Word (Indsæt > Billeder), og importér igen.")
            return None
        rel = rels.get(rel_id)
        if rel is None or rel.external:
            return None  # an external picture was dropped, with its warning, by safety
        part = self.package.resolve(self.package.main, rel.target)
        data = self.package.parts.get(part)
        if data is None:
            self.warnings.append(f"{where}: billedet mangler i dokumentet og er udeladt.")
            return None
        converted = self._usable(data, where)
        if converted is None:
            return None
        data, fmt, size = converted
        digest = hashlib.sha256(data).hexdigest()
        file = self._by_digest.get(digest)
        if file is None:
            name = f"billede-{len(self.files) + 1:02d}.{'jpg' if fmt == 'jpeg' else 'png'}"
            self.files[name] = data
            file = ImageFile(self.folder / IMAGES_FOLDER / name, digest, fmt, *size)
            self._by_digest[digest] = file
        alt = ((properties.get("descr") or properties.get("title") or "") if properties is not None else "").strip()
        alt = " ".join(alt.split())
        decorative = properties is not None and _decorative(properties)
        if not alt and not decorative:
            self.missing_alt += 1
            self.warnings.append(f"{where}: billedet ({file.path.name}) har ingen alt-tekst. Skriv en kort "
                                 "beskrivelse af billedet mellem '[' og ']' i .md-filen (eller i Word: højreklik > "
                                 "Rediger alternativ tekst), eller markér det '{dekorativ}', hvis det kun er pynt.")
        share = width_emu / text_width_emu if text_width_emu and width_emu else 1.0
        width = "tredjedel" if share <= THIRD_UP_TO else "halv" if share <= HALF_UP_TO else "hel"
        return Image(file=file, alt="" if decorative else alt, caption=(), width=width,
                     location=Location(self.folder), decorative=decorative)

    def _usable(self, data: bytes, where: str) -> tuple[bytes, str, tuple[int, int]] | None:
        """(bytes, 'jpeg' or 'png', (width, height)) as the content takes the picture, or None after
        saying why it is left out."""
        if len(data) > MAX_IMAGE_BYTES:
            self.warnings.append(f"{where}: billedet er større end et billede i publikationerne må være, og er "
                                 "udeladt. Gem det i en mindre udgave, og læg det i billeder/.")
            return None
        if data[:4] in (b"\x01\x00\x00\x00", b"\xd7\xcd\xc6\x9a") or data[:2] == b"\x01\x00":
            self.warnings.append(f"{where}: billedet er en Windows-tegning (EMF/WMF), som ikke kan bruges, og er "
                                 "udeladt. Gem det som PNG eller SVG, og læg det i billeder/.")
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
                with PillowImage.open(io.BytesIO(data)) as picture:
                    width, height = picture.size
                    if width * height > MAX_IMAGE_PIXELS:
                        raise ValueError("too many pixels")
                    if picture.format in ("JPEG", "MPO"):
                        return data, "jpeg", _shown_size(picture, width, height)
                    if picture.format == "PNG":
                        picture.load()
                        return data, "png", (width, height)
                    # GIF, BMP, TIFF ...: PNG keeps every pixel.
                    out = io.BytesIO()
                    picture.seek(0)
                    picture.convert("RGBA" if "A" in picture.mode or picture.mode == "P" else "RGB").save(out, "PNG")
                    return out.getvalue(), "png", (width, height)
        except Exception:  # noqa: BLE001 - Pillow raises many kinds on a bad file; all mean the same here
            self.warnings.append(f"{where}: billedet kan ikke læses (det er ikke et JPEG-, PNG- eller GIF-billede, "
                                 "eller det er for stort) og er udeladt. Gem det som JPEG eller PNG, og læg det i "
                                 "billeder/.")
            return None

    def save(self, folder: Path) -> None:
        if not self.files:
            return
        target = folder / IMAGES_FOLDER
        target.mkdir(exist_ok=True)
        for name, data in self.files.items():
            (target / name).write_bytes(data)


def _shown_size(picture, width: int, height: int) -> tuple[int, int]:
    orientation = picture.getexif().get(0x0112)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _decorative(properties: etree._Element) -> bool:
    for ext in properties.iter(f"{{{A}}}ext"):
        if ext.get("uri") == DECORATIVE_EXTENSION:
            return any(child.get("val") in ("1", "true") for child in ext.iter())
    return False
