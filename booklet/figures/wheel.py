"""The competency wheel: one slice of a ring per competency, clockwise from the top, around a
hub that names the wheel."""
from __future__ import annotations

import math

from ..danish import LABELS, join_and
from ..model import Brand, CompetencyWheel
from ..structure import competency_title
from .figure import Drawing, Figure
from .geometry import Circle, Rect, Sector, boxes_in

SIZE = 420.0
OUTER = 206.0
INNER = 80.0  # where the slices start
HUB = 70.0
GAP = 3.0  # white between slices
PADDING = 7.0
NUMBER_SIZE, NAME_SIZE, HUB_SIZE = 9.0, 10.5, 11.5
# Where along a slice its label box is centred, as a share of the way out from INNER to OUTER:
# the slice is widest outside, the best spot depends on its angle.
CENTRE_CANDIDATES = (0.4, 0.45, 0.5, 0.55, 0.6)


def draw(block: CompetencyWheel, brand: Brand, column: float | None = None) -> Figure:
    names = [competency_title(c.number, c.name) for c in block.competencies]
    drawing = Drawing(brand, SIZE, LABELS["alt_wheel"].format(competencies=join_and(names)), column)
    centre = SIZE / 2
    count = len(block.competencies)
    step = 360 / count
    fills = (drawing.tint("primary", 0.1), drawing.tint("tertiary", 0.22))
    for index, competency in enumerate(block.competencies):
        start = -90 - step / 2 + index * step
        # An odd count would put two slices of one shade side by side where the ring closes.
        fill = fills[index % 2] if count % 2 == 0 or index < count - 1 else drawing.tint("primary", 0.22)
        slice_ = Sector(centre, centre, INNER, OUTER, start, start + step)
        drawing.fill(slice_, fill, stroke=drawing.colour("background"), stroke_width=GAP)
        runs = [drawing.heading(competency.name, NAME_SIZE)]
        if competency.number:
            runs.insert(0, drawing.body(competency.number, NUMBER_SIZE))
        drawing.write(runs, _label_boxes(slice_), slice_, fill)
    hub = Circle(centre, centre, HUB)
    drawing.fill(hub, drawing.colour("primary"))
    drawing.write([drawing.heading(LABELS["wheel_hub"], HUB_SIZE)],
                  boxes_in(hub, [(centre, centre)], padding=PADDING), hub, drawing.colour("primary"))
    return drawing.finish(SIZE)


def _label_boxes(slice_: Sector) -> list[Rect]:
    """Boxes along the slice's middle, kept clear of its edges (the white gaps included)."""
    middle = math.radians((slice_.a0 + slice_.a1) / 2)
    centres = []
    for share in CENTRE_CANDIDATES:
        radius = slice_.r0 + share * (slice_.r1 - slice_.r0)
        centres.append((slice_.cx + radius * math.cos(middle), slice_.cy + radius * math.sin(middle)))
    return boxes_in(slice_, centres, padding=PADDING + GAP / 2)
