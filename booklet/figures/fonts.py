"""The brand's own font files, read with fontTools: advance widths to measure text, glyph
outlines to draw it.

Figures are measured with the same advances (and pair kerning) they are drawn with, so a
label that was measured to fit, does fit. Text is drawn as outlines rather than as SVG text:
cairosvg and WeasyPrint would otherwise set it in whatever system font they find.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

from ..model import Brand
from .geometry import num

# Reading the bundled fonts, fontTools warns about their old 'created' stamps and long kern
# tables: harmless, and noise in front of the author (the HTML preview prints nothing else).
logging.getLogger("fontTools").setLevel(logging.ERROR)


class Face:
    """One font file: metrics in font units, glyph outlines as SVG path data."""

    def __init__(self, path: Path):
        self.path = path
        font = TTFont(path, lazy=True)
        self.units_per_em = font["head"].unitsPerEm
        self.cap_height = getattr(font["OS/2"], "sCapHeight", 0) or round(0.7 * self.units_per_em)
        self._cmap = font.getBestCmap()
        self._advances = font["hmtx"].metrics
        self._glyphs = font.getGlyphSet()
        self._kerning: dict[tuple[str, str], int] = {}
        if "kern" in font:
            for table in font["kern"].kernTables:
                self._kerning.update(getattr(table, "kernTable", {}) or {})
        self._widths: dict[str, int] = {}

    def glyph_name(self, char: str) -> str:
        # A character the font lacks is drawn as its "missing" glyph, never from another font.
        return self._cmap.get(ord(char), ".notdef")

    def place(self, text: str) -> list[tuple[str, int]]:
        """(glyph name, pen position in font units) for each character, kerned."""
        names = [self.glyph_name(char) for char in text]
        placed, pen = [], 0
        for i, name in enumerate(names):
            placed.append((name, pen))
            pen += self._advances[name][0]
            if i + 1 < len(names):
                pen += self._kerning.get((name, names[i + 1]), 0)
        return placed

    def advance(self, text: str) -> int:
        """The width of `text` in font units."""
        if text not in self._widths:
            placed = self.place(text)
            self._widths[text] = placed[-1][1] + self._advances[placed[-1][0]][0] if placed else 0
        return self._widths[text]

    @functools.cache
    def outline(self, name: str) -> str:
        pen = SVGPathPen(self._glyphs, ntos=num)
        self._glyphs[name].draw(pen)
        return pen.getCommands()

    @functools.cache
    def ink(self, name: str) -> tuple[float, float, float, float] | None:
        """The glyph's drawn extent (xmin, ymin, xmax, ymax) in font units; None for a space."""
        pen = BoundsPen(self._glyphs)
        self._glyphs[name].draw(pen)
        return pen.bounds


@functools.cache
def _face(path: Path) -> Face:
    return Face(path)


@dataclass(frozen=True)
class Typeface:
    """The two faces a figure sets text in: the brand's headings and its body text."""

    heading: Face
    body: Face
    family: str


def typeface(brand: Brand) -> Typeface:
    return Typeface(
        heading=_face(_nearest(brand, brand.heading_font, brand.heading_weight)),
        body=_face(_nearest(brand, brand.body_font, 400)),
        family=brand.body_font,
    )


def _nearest(brand: Brand, family: str, weight: int) -> Path:
    upright = [f for f in brand.fonts if f.style == "normal"] or list(brand.fonts)
    same_family = [f for f in upright if f.family == family] or upright
    return min(same_family, key=lambda f: (abs(f.weight - weight), f.weight)).path
