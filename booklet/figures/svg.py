"""An SVG document written the same way every time: fixed element order, two-decimal numbers,
glyph ids numbered by first use.

Each glyph's outline is defined once and placed with <use>, so a figure stays small even
with many labels. Sizes are in points, so the figure prints at its drawn size on an A4 page.
"""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .geometry import Shape, num
from .typeset import Label


class Canvas:
    def __init__(self, width: float, title: str, family: str):
        self.width = width
        self.title = title
        self.family = family
        self._body: list[str] = []
        self._glyph_ids: dict[tuple[str, str], str] = {}
        self._glyph_defs: list[str] = []

    def shape(self, shape: Shape, fill: str, stroke: str | None = None, stroke_width: float = 0) -> None:
        self._body.append(f'<path d="{shape.path()}" fill="{fill}"{_stroke(stroke, stroke_width)}/>')

    def label(self, label: Label, colour: str) -> None:
        # The words stay readable to a person opening the file; assistive technology reads
        # the figure's alt text, generated from the same data.
        parts = [f'<g fill="{colour}" aria-label={quoteattr(label.text)}>']
        for line in label.lines:
            scale = line.size / line.face.units_per_em
            uses = "".join(
                f'<use xlink:href="#{self._glyph(line.face, name)}" x="{pen}"/>'
                for name, pen in line.face.place(line.text) if line.face.outline(name)
            )
            parts.append(f'<g transform="translate({num(line.x)} {num(line.baseline)}) '
                         f'scale({num_scale(scale)} -{num_scale(scale)})">{uses}</g>')
        parts.append("</g>")
        self._body.append("".join(parts))

    def _glyph(self, face, name: str) -> str:
        key = (str(face.path), name)
        if key not in self._glyph_ids:
            glyph_id = f"g{len(self._glyph_ids) + 1}"
            self._glyph_ids[key] = glyph_id
            self._glyph_defs.append(f'<path id="{glyph_id}" d="{face.outline(name)}"/>')
        return self._glyph_ids[key]

    def svg(self, height: float) -> str:
        w, h = num(self.width), num(height)
        return "\n".join([
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}" role="img" '
            f'font-family={quoteattr(self.family)}>',
            f"<title>{escape(self.title)}</title>",
            "<defs>", *self._glyph_defs, "</defs>",
            *self._body,
            "</svg>",
            "",
        ])


def num_scale(value: float) -> str:
    """Glyph scales are tiny (a 10 pt label in a 2048-unit font is 0.0049): more decimals."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _stroke(colour: str | None, width: float) -> str:
    if not colour:
        return ""
    return f' stroke="{colour}" stroke-width="{num(width)}" stroke-linejoin="round"'
