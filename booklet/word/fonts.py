"""The brand's fonts embedded in a DOCX, as Word's "Embed fonts in the file" stores them.

A municipality's Word users seldom have the brand font installed; embedded, it travels with
the document, and Word and LibreOffice lay the text out in it. Word embeds TrueType only,
one face per slot (regular, bold, italic, bold italic) of each font in word/fontTable.xml,
each face in a part of its own, obfuscated as ECMA-376 part 1 §17.8.1 describes: the first
32 bytes XOR-ed with the bytes of a GUID key that fontTable.xml names in w:fontKey.

Faces are subset to the characters Danish (and other Western European) text is written
with, so the file stays small while editors can keep writing in the brand font. They are
not marked w:subsetted (which tells Word a face holds only the document's own characters):
the repertoire is what editors type, not what this document happens to contain. Faces with
PostScript (CFF) outlines are converted to TrueType outlines, which is all Word embeds.
A face whose licence forbids embedding (OS/2 fsType) is left out.
"""
from __future__ import annotations

import functools
import hashlib
import io
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from ..model import Brand, FontFace
from .ooxml import R_NS as R, W_NS as W

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"

# fontTable.xml's slot for each face Word can embed: (element, weight, style).
SLOTS = (
    ("embedRegular", 400, "normal"),
    ("embedBold", 700, "normal"),
    ("embedItalic", 400, "italic"),
    ("embedBoldItalic", 700, "italic"),
)
# OS/2 fsType bits that forbid embedding a face in a document: a restricted licence, or
# bitmap embedding only.
NO_EMBEDDING = 0x0002 | 0x0200
# What Danish and other Western European text is written with: Basic Latin, Latin-1,
# Latin Extended-A, general punctuation (dashes, quotes, bullet, ellipsis), the euro, the
# trade mark and numero signs, arrows and the minus sign.
REPERTOIRE = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2028), *range(0x2030, 0x203B),
     0x20AC, 0x2116, 0x2122, *range(0x2190, 0x2194), 0x2212]
)
# How far (in font units) the TrueType curves may stray from the PostScript ones.
MAX_CURVE_ERROR = 1.0


@dataclass(frozen=True)
class EmbeddedFace:
    slot: str  # embedRegular, embedBold, embedItalic or embedBoldItalic
    data: bytes  # the TrueType face, unobfuscated

    @property
    def key(self) -> uuid.UUID:
        """The obfuscation key: derived from the face, so a build is reproducible."""
        return uuid.uuid5(uuid.NAMESPACE_URL, "booklet-font:" + hashlib.sha256(self.data).hexdigest())


def embed_fonts(document: WordDocument, brand: Brand) -> list[str]:
    """Replace the template's font table with the brand's fonts, their faces embedded.

    Returns the families that have at least one face embedded (the caller turns on
    embedding in the settings when there are any).
    """
    font_table = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    for r_id in [r_id for r_id, rel in font_table.rels.items() if rel.reltype == RT.FONT]:
        del font_table.rels[r_id]
    families = list(dict.fromkeys((brand.body_font, brand.heading_font)))
    entries, embedded, number = [], [], 0
    for family in families:
        faces = faces_to_embed(brand, family)
        slots = []
        for face in faces:
            number += 1
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT,
                        obfuscate(face.data, face.key), document.part.package)
            r_id = font_table.relate_to(part, RT.FONT)
            slots.append(f'<w:{face.slot} r:id="{r_id}" w:fontKey="{{{str(face.key).upper()}}}"/>')
        if slots:
            embedded.append(family)
        entries.append(f'<w:font w:name="{_xml_attr(family)}">{_describe(brand, family)}{"".join(slots)}</w:font>')
    font_table._blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W}" xmlns:r="{R}">{"".join(entries)}</w:fonts>'
    ).encode("utf-8")
    return embedded


def faces_to_embed(brand: Brand, family: str) -> list[EmbeddedFace]:
    faces = {(face.weight, face.style): face for face in brand.fonts if face.family == family}
    found = []
    for slot, weight, style in SLOTS:
        face = faces.get((weight, style))
        data = truetype_subset(face.path) if face is not None else None
        if data is not None:
            found.append(EmbeddedFace(slot, data))
    return found


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """ECMA-376's font obfuscation (its own inverse): the first 32 bytes XOR-ed with the key's
    16 bytes, taken from the GUID's hex digits read from the end."""
    key_bytes = bytes.fromhex(key.hex)[::-1]
    head = bytes(byte ^ key_bytes[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


@functools.lru_cache(maxsize=32)
def truetype_subset(path: Path) -> bytes | None:
    """The face as a TrueType font with the repertoire's characters, or None if its licence
    forbids embedding."""
    with _quiet_fonttools():
        font = TTFont(str(path), recalcTimestamp=False)
        if font["OS/2"].fsType & NO_EMBEDDING:
            return None
        options = subset.Options()
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.name_legacy = True
        options.notdef_outline = True
        options.hinting = False  # unhinted faces render well in today's Word and are half the size
        options.desubroutinize = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=REPERTOIRE)
        subsetter.subset(font)
        if "CFF " in font:
            _cff_to_truetype(font)
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()


def _cff_to_truetype(font: TTFont) -> None:
    """Quadratic (TrueType) outlines for a face with cubic (PostScript/CFF) ones."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, field, 0)
    maxp.maxComponentElements = max((len(getattr(g, "components", ())) for g in glyphs.values()), default=0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames, post.mapping, post.glyphOrder = [], {}, glyph_order
    # Unhinted outlines: smooth at every size.
    font["gasp"] = gasp = newTable("gasp")
    gasp.gaspRange = {0xFFFF: 0x000A}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _describe(brand: Brand, family: str) -> str:
    """fontTable.xml's description of a font (PANOSE class, Unicode ranges), from its regular
    face: Word picks a look-alike by it where the font is neither installed nor embedded."""
    faces = [face for face in brand.fonts if face.family == family]
    regular = next((f for f in faces if (f.weight, f.style) == (400, "normal")), faces[0] if faces else None)
    description = '<w:charset w:val="00"/><w:family w:val="auto"/><w:pitch w:val="variable"/>'
    if regular is None:
        return description
    os2 = _os2(regular)
    panose = "".join(f"{getattr(os2.panose, field):02X}" for field in (
        "bFamilyType", "bSerifStyle", "bWeight", "bProportion", "bContrast", "bStrokeVariation",
        "bArmStyle", "bLetterForm", "bMidline", "bXHeight"))
    sig = (f'<w:sig w:usb0="{os2.ulUnicodeRange1:08X}" w:usb1="{os2.ulUnicodeRange2:08X}" '
           f'w:usb2="{os2.ulUnicodeRange3:08X}" w:usb3="{os2.ulUnicodeRange4:08X}" '
           f'w:csb0="{os2.ulCodePageRange1:08X}" w:csb1="{os2.ulCodePageRange2:08X}"/>')
    return f'<w:panose1 w:val="{panose}"/>{description}{sig}'


@functools.lru_cache(maxsize=32)
def _os2(face: FontFace):
    with _quiet_fonttools(), TTFont(str(face.path)) as font:
        return font["OS/2"]


@contextmanager
def _quiet_fonttools() -> Iterator[None]:
    """fontTools warns about harmless oddities of font files (an old 'created' date); the
    people building publications can't act on them."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _xml_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
