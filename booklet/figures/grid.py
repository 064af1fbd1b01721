"""Four focus areas as a 2 x 2, read row by row, around a shared centre point."""
from __future__ import annotations

from ..danish import LABELS, join_and
from ..model import Brand, FocusGrid
from .figure import Drawing, Figure
from .geometry import Box, Circle, Cutout, Rect, boxes_in

WIDTH = 440.0
CELL_HEIGHT = 92.0
GAP = 8.0
RADIUS = 6.0
KNOT = 18.0  # the disc where the four fields meet
PADDING = 12.0
NAME_SIZE = 15.0


def draw(block: FocusGrid, brand: Brand, column: float | None = None) -> Figure:
    names = [area.name for area in block.areas]
    height = 2 * CELL_HEIGHT + GAP
    alt = LABELS["alt_grid"].format(top=join_and(names[:2]), bottom=join_and(names[2:]))
    drawing = Drawing(brand, WIDTH, alt, column)
    cell_width = (WIDTH - GAP) / 2
    # Diagonal fields share a shade, as in a 2 x 2 where opposite corners balance each other.
    fills = (drawing.tint("primary", 0.16), drawing.tint("secondary", 0.16))
    knot = Circle(WIDTH / 2, height / 2, KNOT)
    for index, area in enumerate(block.areas):
        row, column = divmod(index, 2)
        cell = Box(Rect(column * (cell_width + GAP), row * (CELL_HEIGHT + GAP), cell_width, CELL_HEIGHT), RADIUS)
        fill = fills[(row + column) % 2]
        drawing.fill(cell, fill)
        shape = Cutout(cell, knot.cx, knot.cy, knot.r + PADDING)
        drawing.write([drawing.heading(area.name, NAME_SIZE)],
                      boxes_in(shape, [cell.rect.centre], padding=PADDING), shape, fill)
    drawing.fill(knot, drawing.colour("primary"), stroke=drawing.colour("background"), stroke_width=GAP)
    return drawing.finish(height)
