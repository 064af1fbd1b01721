"""A framework as a house: the roof over the rooms, the centre among them, all on the foundation."""
from __future__ import annotations

import math

from ..danish import LABELS, join_and
from ..model import Brand, House
from .figure import Drawing, Figure
from .geometry import Box, Circle, Cutout, Polygon, Rect, boxes_in

WIDTH = 440.0
EAVES = 14.0  # how far the roof reaches past the walls
WALL_INSET = 26.0  # the walls stand this far in from the foundation's ends
ROOF_HEIGHT = 104.0
ROOM_HEIGHT = 74.0
FOUNDATION_HEIGHT = 46.0
GAP = 6.0
RADIUS = 4.0
CENTRE_RADIUS = 50.0
PADDING = 10.0
ROOF_SIZE, ROOM_SIZE, CENTRE_SIZE, FOUNDATION_SIZE = 12.5, 12.0, 12.5, 12.0


def draw(block: House, brand: Brand, column: float | None = None) -> Figure:
    rows = 2 if len(block.rooms) >= 4 and len(block.rooms) % 2 == 0 else 1
    columns = math.ceil(len(block.rooms) / rows)
    body_top = ROOF_HEIGHT + GAP
    body_height = rows * ROOM_HEIGHT + (rows - 1) * GAP
    height = body_top + body_height + GAP + FOUNDATION_HEIGHT
    centre = LABELS["alt_house_centre"].format(centre=block.centre) if block.centre else ""
    drawing = Drawing(brand, WIDTH, LABELS["alt_house"].format(
        foundation=block.foundation, rooms=join_and(block.rooms), centre=centre, roof=block.roof), column)

    roof = Polygon(((WALL_INSET - EAVES, ROOF_HEIGHT), (WIDTH / 2, 0), (WIDTH - WALL_INSET + EAVES, ROOF_HEIGHT)))
    drawing.fill(roof, drawing.colour("primary"))
    # The roof's text sits low, where the triangle is wide enough for it.
    roof_centres = [(WIDTH / 2, ROOF_HEIGHT * share) for share in (0.62, 0.68, 0.74)]
    drawing.write([drawing.heading(block.roof, ROOF_SIZE)], boxes_in(roof, roof_centres, padding=PADDING / 2),
                  roof, drawing.colour("primary"))

    disc = Circle(WIDTH / 2, body_top + body_height / 2, CENTRE_RADIUS) if block.centre else None
    room_width = (WIDTH - 2 * WALL_INSET - (columns - 1) * GAP) / columns
    room_fill = drawing.tint("primary", 0.14)
    for index, name in enumerate(block.rooms):
        row, column = divmod(index, columns)
        rect = Rect(WALL_INSET + column * (room_width + GAP), body_top + row * (ROOM_HEIGHT + GAP),
                    room_width, ROOM_HEIGHT)
        room = Box(rect, RADIUS)
        drawing.fill(room, room_fill)
        shape = room if disc is None else Cutout(room, disc.cx, disc.cy, disc.r + GAP + PADDING / 2)
        # Beside the centre disc, the room's free part is the side away from it.
        away = -1 if disc is not None and rect.centre[0] < disc.cx else 1
        centres = [(rect.centre[0] + away * shift * rect.width, rect.centre[1]) for shift in (0, 0.1, 0.2)]
        drawing.write([drawing.heading(name, ROOM_SIZE)], boxes_in(shape, centres, padding=PADDING / 2),
                      shape, room_fill)
    if disc is not None:
        drawing.fill(disc, drawing.colour("secondary"), stroke=drawing.colour("background"), stroke_width=GAP)
        drawing.write([drawing.heading(block.centre, CENTRE_SIZE)], boxes_in(disc, [(disc.cx, disc.cy)],
                                                                            padding=PADDING / 2),
                      disc, drawing.colour("secondary"))

    foundation = Box(Rect(0, height - FOUNDATION_HEIGHT, WIDTH, FOUNDATION_HEIGHT), RADIUS)
    drawing.fill(foundation, drawing.colour("dark"))
    drawing.write([drawing.heading(block.foundation, FOUNDATION_SIZE)],
                  [foundation.rect.inset(PADDING, PADDING / 2)], foundation, drawing.colour("dark"))
    return drawing.finish(height)
