"""A finished figure, and the drawing board the figure kinds draw on."""
from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass


from ..model import Brand
from .fonts import Typeface, typeface
from .geometry import Rect, Shape
from .palette import text_on, tint
from .svg import Canvas
from .typeset import Run, fit_labels

POINTS_PER_INCH = 72
# The least type size of a figure as printed, pt: smaller is not read in print (the usual floor
# of print preflight; booklet.writers.preflight checks the placed figures against it).
SMALLEST_TYPE = 6.0


def least_type(width: float, column: float | None) -> float:
    """The least type size in a figure's own units (pt at its drawn size) for a figure drawn
    `width` pt wide and placed in a column `column` pt wide. A figure is placed at its drawn
    size, or scaled down to the column's width if that is narrower (`max-width: 100%` in the
    stylesheets, the same in the Word writer); None: placed at its drawn size (the screen)."""
    return SMALLEST_TYPE * max(1.0, width / column) if column else SMALLEST_TYPE


@dataclass(frozen=True)
class PlacedLabel:
    """A label as drawn: its text, where its glyphs reach, and the shape it is written in."""

    text: str
    ink: Rect
    shape: Shape
    fill: str
    colour: str
    smallest_size: float  # pt: the smallest type in the label


@dataclass(frozen=True)
class Figure:
    svg: str
    alt: str
    width: float  # pt
    height: float  # pt
    labels: tuple[PlacedLabel, ...]

    def data_uri(self) -> str:
        """The SVG as a data: URI: the page carries its figure, whichever folder it is read from."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")

    def png(self, dpi: int) -> bytes:
        import cairosvg  # only the DOCX writer needs pixels; a rebuild with nothing to do skips the import

        return cairosvg.svg2png(bytestring=self.svg.encode("utf-8"),
                                output_width=round(self.width / POINTS_PER_INCH * dpi))


@dataclass(frozen=True)
class Written:
    """A label to write in a shape: its runs, the boxes inside the shape it may be set in
    (the one it reads largest in is chosen), the fill behind it."""

    runs: Sequence[Run]
    boxes: Sequence[Rect]
    shape: Shape
    fill: str


class Drawing:
    """Shapes are drawn as they come; labels are set together at the end, so a figure's
    labels share one type size. The height is given last: some figures grow with their text.
    `column` is the width the figure is placed in (pt; None: at its drawn size): no label is
    set smaller than SMALLEST_TYPE as printed there, where it fits at that size at all."""

    def __init__(self, brand: Brand, width: float, alt: str, column: float | None = None):
        self.brand = brand
        self.type: Typeface = typeface(brand)
        self.width, self.alt = width, alt
        self.least = least_type(width, column)
        self.canvas = Canvas(width, alt, self.type.family)
        self._labels: list[Written] = []

    def colour(self, name: str) -> str:
        return self.brand.color(name)

    def tint(self, name: str, amount: float) -> str:
        return tint(self.brand, name, amount)

    def fill(self, shape: Shape, fill: str, stroke: str | None = None, stroke_width: float = 0) -> None:
        self.canvas.shape(shape, fill, stroke, stroke_width)

    def heading(self, text: str, size: float) -> Run:
        return Run(text, self.type.heading, size)

    def body(self, text: str, size: float) -> Run:
        return Run(text, self.type.body, size)

    def write(self, runs: Sequence[Run], boxes: Sequence[Rect], shape: Shape, fill: str) -> None:
        runs = tuple(run for run in runs if run.text.strip())
        if runs:
            self._labels.append(Written(runs, tuple(boxes), shape, fill))

    def finish(self, height: float, align: str = "centre", vertical: str = "middle") -> Figure:
        labels = fit_labels([(w.runs, w.boxes) for w in self._labels], align, vertical, self.least)
        placed = []
        for written, label in zip(self._labels, labels):
            colour = text_on(self.brand, written.fill)
            self.canvas.label(label, colour)
            placed.append(PlacedLabel(label.text, label.ink(), written.shape, written.fill, colour,
                                      min(line.size for line in label.lines)))
        return Figure(self.canvas.svg(height), self.alt, self.width, height, tuple(placed))
