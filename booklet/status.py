"""How a publication that is not approved is marked: the words for each status, and the
diagonal watermark on every PDF page of a draft.

The watermark is stamped onto each page after layout, as the outlines of the brand's letters
inside an /Artifact (Pagination, Watermark) sequence: it is no text, so neither a screen reader
nor `pdftotext` meets it in the middle of a sentence, and no structure element stands for it.
Stamped last, it lies over everything, the cover's colour field included.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

from .model import APPROVED, AWAITING_APPROVAL, DRAFT, Brand, Publication


@dataclass(frozen=True)
class StatusMark:
    status: str
    word: str  # the watermark and the DOCX header: "KLADDE"
    name: str  # in titles and lists: "kladde"
    banner: str  # the sentence after the word on the web page and in the DOCX header


MARKS = {
    DRAFT: StatusMark(DRAFT, "KLADDE", "kladde",
                      "Publikationen er ikke godkendt, og teksten kan stadig ændre sig. Del den kun "
                      "med dem, der skal læse den igennem."),
    AWAITING_APPROVAL: StatusMark(AWAITING_APPROVAL, "TIL GODKENDELSE", "til godkendelse",
                                  "Publikationen venter på at blive godkendt og er ikke udgivet. Del den kun "
                                  "med dem, der skal godkende den."),
}


def status_mark(publication: Publication) -> StatusMark | None:
    """The mark a publication carries; None when it is approved."""
    if publication.status == APPROVED:
        return None
    return MARKS.get(publication.status, MARKS[DRAFT])


_SHARE = 0.8  # of the page's diagonal the word spans
_FILL_OPACITY = 0.14  # the brand colour this faint leaves the text under it readable
# On the cover's field, which is the brand colour, the letters show by an outline in the
# brand's background colour (invisible on a white page).
_OUTLINE_OPACITY = 0.55
_OUTLINE = 14  # font units: about 1/50 of a capital's height


def stamp_watermark(path: Path, publication: Publication) -> None:
    """Stamp the status word across every page of the PDF at `path`; nothing for an approved one."""
    mark = status_mark(publication)
    if mark is None:
        return
    import pikepdf
    from pikepdf import Dictionary, Name

    operators, width, cap_height = _outline(mark.word, _font_file(publication.brand))
    fill = _rgb(publication.brand.colors["primary"])
    outline = _rgb(publication.brand.colors["background"])
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        state = pdf.make_indirect(Dictionary(Type=Name.ExtGState, ca=_FILL_OPACITY, CA=_OUTLINE_OPACITY))
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.trimbox)  # the trimmed page, without bleed
            w, h = x1 - x0, y1 - y0
            angle = math.atan2(h, w)
            scale = _SHARE * math.hypot(w, h) / width
            cos, sin = math.cos(angle) * scale, math.sin(angle) * scale
            # Centre of the word on the centre of the page, rotated along its diagonal.
            cx, cy = width / 2, cap_height / 2
            e = x0 + w / 2 - (cos * cx - sin * cy)
            f = y0 + h / 2 - (sin * cx + cos * cy)
            if Name.Resources not in page.obj:
                page.obj.Resources = Dictionary()
            if Name.ExtGState not in page.obj.Resources:
                page.obj.Resources.ExtGState = Dictionary()
            page.obj.Resources.ExtGState[Name.BookletStatus] = state
            page.contents_add(b"q\n", prepend=True)
            page.contents_add(
                b"Q\nq\n/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n/BookletStatus gs\n"
                + f"{fill} rg {outline} RG {_OUTLINE} w\n".encode()
                + f"{cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} {e:.3f} {f:.3f} cm\n".encode()
                + operators + b"B\nEMC\nQ\n")
        pdf.save(path, deterministic_id=True, fix_metadata_version=False)


def _rgb(colour: str) -> str:
    return " ".join(f"{int(colour[i:i + 2], 16) / 255:.4f}" for i in (1, 3, 5))


def _font_file(brand: Brand) -> Path:
    """The brand's boldest upright face: the word is read at a glance."""
    upright = [face for face in brand.fonts if face.style == "normal"] or list(brand.fonts)
    return max(upright, key=lambda face: face.weight).path


@functools.lru_cache(maxsize=16)
def _outline(word: str, font: Path) -> tuple[bytes, float, float]:
    """The word's letters as PDF path operators in font units (y up), its advance width and
    the capitals' height."""
    from fontTools.pens.basePen import BasePen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTFont

    class PdfPathPen(BasePen):
        def __init__(self, glyph_set):
            super().__init__(glyph_set)
            self.ops: list[str] = []

        def _moveTo(self, p):
            self.ops.append(f"{p[0]:.1f} {p[1]:.1f} m")

        def _lineTo(self, p):
            self.ops.append(f"{p[0]:.1f} {p[1]:.1f} l")

        def _curveToOne(self, p1, p2, p3):
            self.ops.append(" ".join(f"{x:.1f} {y:.1f}" for x, y in (p1, p2, p3)) + " c")

        def _qCurveToOne(self, p1, p2):
            # A quadratic (TrueType) segment as the cubic PDF draws: control points 2/3 of the way.
            p0 = self._getCurrentPoint()
            c1 = (p0[0] + 2 / 3 * (p1[0] - p0[0]), p0[1] + 2 / 3 * (p1[1] - p0[1]))
            c2 = (p2[0] + 2 / 3 * (p1[0] - p2[0]), p2[1] + 2 / 3 * (p1[1] - p2[1]))
            self._curveToOne(c1, c2, p2)

        def _closePath(self):
            self.ops.append("h")

    ttfont = TTFont(str(font), lazy=True)
    glyphs = ttfont.getGlyphSet()
    cmap = ttfont.getBestCmap()
    pen = PdfPathPen(glyphs)
    x = 0.0
    for character in word:
        name = cmap.get(ord(character), ".notdef")
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, 1, x, 0)))
        x += glyphs[name].width
    os2 = ttfont["OS/2"] if "OS/2" in ttfont else None
    cap_height = getattr(os2, "sCapHeight", 0) or 0.7 * ttfont["head"].unitsPerEm
    return ("\n".join(pen.ops) + "\n").encode("ascii"), x, cap_height
