"""Regenerate the municipal wordmark SVGs from the bundled brand fonts.

For every brand folder under ``styles/`` this writes

* ``logo.svg``          - emblem + two-line name in the brand's primary colour
* ``logo-negativ.svg``  - the same artwork in white, for primary-coloured covers

The name is drawn as outlined ``<path>`` glyphs (fontTools ``SVGPathPen``,
with the fonts' pair kerning), so no font is needed to render the SVG
(WeasyPrint, cairosvg, browsers). The primary colour is read from the brand's
``_brand.yml``; the glyphs come from the font files in its ``fonts/`` folder.
The output is deterministic: re-running gives byte-identical files.

Usage (from the repository root):

    .venv/bin/python styles/_tools/make_wordmark.py
"""

from __future__ import annotations

import logging
import math
import warnings
from pathlib import Path
from xml.sax.saxutils import escape

from brand_yml import Brand
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.svgLib.path import parse_path
from fontTools.ttLib import TTFont

# Lato's kern table triggers a harmless length notice; keep the output quiet.
logging.getLogger("fontTools").setLevel(logging.ERROR)

STYLES = Path(__file__).resolve().parent.parent

FONT_SIZE = 48.0  # px per em for both name lines
LEADING = 1.12  # baseline-to-baseline distance, in em
GAP = 0.30  # space between emblem and text, as a fraction of the emblem size


def num(v: float) -> str:
    """Format a coordinate with at most 2 decimals (stable output)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


# --------------------------------------------------------------------------
# Text -> outlines
# --------------------------------------------------------------------------
def kerning(font: TTFont) -> dict[tuple[str, str], int]:
    pairs: dict[tuple[str, str], int] = {}
    if "kern" in font:
        for table in font["kern"].kernTables:
            pairs.update(getattr(table, "kernTable", {}) or {})
    return pairs


def text_path(font_file: Path, text: str, x: float, baseline: float):
    """Return (svg path data, bounds, cap height in px) for one line of text."""
    font = TTFont(font_file)
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    kern = kerning(font)
    scale = FONT_SIZE / font["head"].unitsPerEm

    names = [cmap[ord(ch)] for ch in text]
    pen = SVGPathPen(glyphs, ntos=num)
    bounds = BoundsPen(glyphs)
    pen_x = 0.0
    for i, name in enumerate(names):
        t = (scale, 0, 0, -scale, x + pen_x * scale, baseline)
        glyphs[name].draw(TransformPen(pen, t))
        glyphs[name].draw(TransformPen(bounds, t))
        pen_x += hmtx[name][0]
        if i + 1 < len(names):
            pen_x += kern.get((name, names[i + 1]), 0)
    cap = font["OS/2"].sCapHeight * scale
    return pen.getCommands(), bounds.bounds, cap


# --------------------------------------------------------------------------
# Emblems: simple geometric marks drawn in a square of side h at (0, 0).
# Each returns a list of (path data, stroke width); stroke width None = fill.
# --------------------------------------------------------------------------
Shapes = list[tuple[str, float | None]]


def quarter_disc(cx: float, cy: float, r: float, start_deg: float) -> str:
    a0, a1 = math.radians(start_deg), math.radians(start_deg + 90)
    x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
    x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
    return (f"M{num(cx)} {num(cy)}L{num(x0)} {num(y0)}"
            f"A{num(r)} {num(r)} 0 0 1 {num(x1)} {num(y1)}Z")


def emblem_pinwheel(h: float) -> Shapes:
    """Høje-Taastrup: four quarter discs turning around a centre."""
    g = 0.09 * h
    s = (h - g) / 2
    d = "".join([
        quarter_disc(0, s, s, -90),        # top-left
        quarter_disc(s + g, 0, s, 0),      # top-right
        quarter_disc(h, s + g, s, 90),     # bottom-right
        quarter_disc(s, h, s, 180),        # bottom-left
    ])
    return [(d, None)]


def wave(x0: float, x1: float, y: float, amp: float, halves: int) -> str:
    step = (x1 - x0) / halves
    d = (f"M{num(x0)} {num(y)}Q{num(x0 + step / 2)} {num(y - amp)} "
         f"{num(x0 + step)} {num(y)}")
    for k in range(2, halves + 1):
        d += f"T{num(x0 + k * step)} {num(y)}"
    return d


def emblem_castle(h: float) -> Shapes:
    """Helsingør: a ring framing a three-spired castle above two waves."""
    def p(u: float, v: float) -> str:
        return f"{num(u * h)} {num(v * h)}"

    ring_w = 0.065 * h
    r = h / 2 - ring_w / 2
    ring = (f"M{num(h / 2 - r)} {num(h / 2)}"
            f"A{num(r)} {num(r)} 0 1 1 {num(h / 2 + r)} {num(h / 2)}"
            f"A{num(r)} {num(r)} 0 1 1 {num(h / 2 - r)} {num(h / 2)}Z")
    castle = (
        f"M{p(.27, .60)}L{p(.27, .41)}L{p(.315, .27)}L{p(.36, .41)}"
        f"L{p(.36, .46)}L{p(.44, .46)}L{p(.44, .34)}L{p(.50, .14)}"
        f"L{p(.56, .34)}L{p(.56, .46)}L{p(.64, .46)}L{p(.64, .41)}"
        f"L{p(.685, .27)}L{p(.73, .41)}L{p(.73, .60)}Z"
    )
    waves = (wave(.24 * h, .76 * h, .70 * h, .05 * h, 4)
             + wave(.30 * h, .70 * h, .80 * h, .05 * h, 3))
    return [(ring, ring_w), (castle, None), (waves, 0.045 * h)]


def leaf(ax: float, ay: float, bx: float, by: float, bulge: float) -> str:
    """A lens-shaped leaf from A to B; bulge = half-width / length."""
    length = math.hypot(bx - ax, by - ay)
    sag = bulge * length
    r = (length * length / 4 + sag * sag) / (2 * sag)
    return (f"M{num(ax)} {num(ay)}A{num(r)} {num(r)} 0 0 1 {num(bx)} {num(by)}"
            f"A{num(r)} {num(r)} 0 0 1 {num(ax)} {num(ay)}Z")


def emblem_sprout(h: float) -> Shapes:
    """Odder: a seedling, two leaves on a short stem."""
    leaves = (leaf(.50 * h, .64 * h, .97 * h, .03 * h, .22)
              + leaf(.50 * h, .78 * h, .03 * h, .34 * h, .22))
    # The stem rises from the bottom and bends smoothly into the right leaf.
    stem = (f"M{num(.5 * h)} {num(.965 * h)}L{num(.5 * h)} {num(.74 * h)}"
            f"Q{num(.5 * h)} {num(.62 * h)} {num(.6 * h)} {num(.51 * h)}")
    return [(leaves, None), (stem, 0.07 * h)]


def shape_element(d: str, stroke: float | None, colour: str) -> str:
    if stroke is None:
        return f'<path d="{d}"/>'
    return (f'<path d="{d}" fill="none" stroke="{colour}" '
            f'stroke-width="{num(stroke)}" stroke-linecap="round" '
            'stroke-linejoin="round"/>')


def shape_bounds(d: str, stroke: float | None):
    pen = BoundsPen(None)
    parse_path(d, pen)
    x0, y0, x1, y1 = pen.bounds
    m = (stroke or 0) / 2
    return x0 - m, y0 - m, x1 + m, y1 + m


# --------------------------------------------------------------------------
# Brands
# --------------------------------------------------------------------------
BRANDS = {
    "hoeje-taastrup": {
        "lines": [("Høje-Taastrup", "Lato-Bold.ttf"),
                  ("Kommune", "Lato-Regular.ttf")],
        "emblem": emblem_pinwheel,
    },
    "helsingoer": {
        "lines": [("Helsingør", "OpenSans-Bold.ttf"),
                  ("Kommune", "OpenSans-Regular.ttf")],
        "emblem": emblem_castle,
    },
    "odder": {
        "lines": [("Odder", "Cabin-Bold.otf"),
                  ("Kommune", "Cabin-Regular.otf")],
        "emblem": emblem_sprout,
    },
}


def build_svg(folder: Path, spec: dict, colour: str, title: str,
              title_id: str) -> str:
    (text1, font1), (text2, font2) = spec["lines"]
    # Put the cap top of line 1 at y = 0: measure the cap height first.
    _, _, cap = text_path(folder / "fonts" / font1, text1, 0, 0)
    base1 = cap
    base2 = base1 + LEADING * FONT_SIZE
    size = base2  # emblem spans cap top of line 1 .. baseline of line 2
    tx = size * (1 + GAP)
    d1, b1, _ = text_path(folder / "fonts" / font1, text1, tx, base1)
    d2, b2, _ = text_path(folder / "fonts" / font2, text2, tx, base2)

    shapes = spec["emblem"](size)
    boxes = [b1, b2] + [shape_bounds(d, w) for d, w in shapes]
    pad = 1.0
    vx = math.floor(min(b[0] for b in boxes) - pad)
    vy = math.floor(min(b[1] for b in boxes) - pad)
    vw = math.ceil(max(b[2] for b in boxes) + pad) - vx
    vh = math.ceil(max(b[3] for b in boxes) + pad) - vy

    body = [shape_element(d, w, colour) for d, w in shapes]
    body += [f'<path d="{d1}"/>', f'<path d="{d2}"/>']
    inner = "\n    ".join(body)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{title_id}" width="{vw}" height="{vh}" '
        f'viewBox="{vx} {vy} {vw} {vh}">\n'
        f'  <title id="{title_id}">{escape(title)}</title>\n'
        f'  <g fill="{colour}">\n    {inner}\n  </g>\n'
        "</svg>\n"
    )


def main() -> None:
    for slug, spec in BRANDS.items():
        folder = STYLES / slug
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            brand = Brand.from_yaml(folder / "_brand.yml")
        title = brand.meta.name.full
        for name, colour in (("logo.svg", brand.color.primary),
                             ("logo-negativ.svg", "#ffffff")):
            title_id = f"{slug}-{name.removesuffix('.svg')}-title"
            svg = build_svg(folder, spec, colour, title, title_id)
            (folder / name).write_text(svg, encoding="utf-8", newline="\n")
            print(f"wrote {(folder / name).relative_to(STYLES.parent)}")


if __name__ == "__main__":
    main()
