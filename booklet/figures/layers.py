"""A model in layers: the foundation at the bottom, full width and darkest; each layer above
a little narrower and lighter, up to the top."""
from __future__ import annotations

from ..danish import LABELS
from ..model import Brand, LayerModel
from .figure import Drawing, Figure
from .geometry import Box, Rect

WIDTH = 440.0
TOP_SHARE = 0.56  # the top layer's width, as a share of the foundation's
BAND, GAP = 40.0, 5.0
RADIUS = 4.0
PADDING_X, PADDING_Y = 14.0, 6.0
NAME_SIZE = 11.0
DARKEST, LIGHTEST = 1.0, 0.14  # the fills' strength of the primary colour, bottom and top


def draw(block: LayerModel, brand: Brand, column: float | None = None) -> Figure:
    count = len(block.layers)
    height = count * BAND + (count - 1) * GAP
    names = "; ".join(layer.name for layer in block.layers)
    drawing = Drawing(brand, WIDTH, LABELS["alt_layers"].format(layers=names), column)
    for index, layer in enumerate(block.layers):
        share = index / (count - 1) if count > 1 else 0
        width = WIDTH * (1 - (1 - TOP_SHARE) * share)
        y = height - (index + 1) * BAND - index * GAP
        band = Box(Rect((WIDTH - width) / 2, y, width, BAND), RADIUS)
        fill = drawing.tint("primary", DARKEST + (LIGHTEST - DARKEST) * share)
        drawing.fill(band, fill)
        drawing.write([drawing.heading(layer.name, NAME_SIZE)],
                      [band.rect.inset(PADDING_X, PADDING_Y)], band, fill)
    return drawing.finish(height)
