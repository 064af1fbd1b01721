"""One thing in the centre, the others on a ring around it, clockwise from the top."""
from __future__ import annotations

import math

from ..danish import LABELS, join_and
from ..model import Brand, Hub
from .figure import Drawing, Figure
from .geometry import Circle, boxes_in

WIDTH = 440.0
CENTRE_RADIUS = 76.0
AROUND_RADIUS = 56.0
ORBIT = 144.0  # from the centre to the middle of each circle around it: clear of the centre
ORBIT_LINE = 1.5
MARGIN = 4.0
PADDING = 8.0
CENTRE_SIZE, AROUND_SIZE = 14.0, 12.5


def draw(block: Hub, brand: Brand, column: float | None = None) -> Figure:
    count = len(block.around)
    places = [math.radians(-90 + index * 360 / count) for index in range(count)]
    top = min(math.sin(a) * ORBIT for a in places) - AROUND_RADIUS
    bottom = max(max(math.sin(a) * ORBIT for a in places) + AROUND_RADIUS, ORBIT + ORBIT_LINE)
    height = bottom - top + 2 * MARGIN
    cx, cy = WIDTH / 2, MARGIN - top
    drawing = Drawing(brand, WIDTH,
                      LABELS["alt_hub"].format(centre=block.centre, around=join_and(block.around)), column)
    drawing.fill(Circle(cx, cy, ORBIT), "none", stroke=drawing.tint("primary", 0.35), stroke_width=ORBIT_LINE)
    for name, angle in zip(block.around, places):
        circle = Circle(cx + ORBIT * math.cos(angle), cy + ORBIT * math.sin(angle), AROUND_RADIUS)
        fill = drawing.tint("primary", 0.14)
        drawing.fill(circle, fill, stroke=drawing.colour("background"), stroke_width=4)
        drawing.write([drawing.heading(name, AROUND_SIZE)], boxes_in(circle, [(circle.cx, circle.cy)],
                                                                     padding=PADDING), circle, fill)
    centre = Circle(cx, cy, CENTRE_RADIUS)
    drawing.fill(centre, drawing.colour("primary"), stroke=drawing.colour("background"), stroke_width=4)
    drawing.write([drawing.heading(block.centre, CENTRE_SIZE)], boxes_in(centre, [(cx, cy)], padding=PADDING),
                  centre, drawing.colour("primary"))
    return drawing.finish(height)
