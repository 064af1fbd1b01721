"""Figures drawn from the content: SVG generated from the same model blocks the text is.

Each block kind that has a figure draws it from its own data, in the brand's colours and
fonts, with an alt text written from the same data; the writers place the figure before the
block's text. The same block and brand always give byte-identical SVG.
"""
from __future__ import annotations

import functools
from collections.abc import Callable

from ..model import Block, Brand, CompetencyWheel, FocusGrid, House, Hub, LayerModel, ThemeList
from . import grid, house, hub, layers, overview, wheel
from .figure import Figure

DRAWERS: dict[str, Callable[[Block, Brand, float | None], Figure]] = {
    CompetencyWheel.kind: wheel.draw,
    FocusGrid.kind: grid.draw,
    ThemeList.kind: overview.draw,
    Hub.kind: hub.draw,
    LayerModel.kind: layers.draw,
    House.kind: house.draw,
}


def figure_for(block: Block, brand: Brand, column: float | None = None) -> Figure:
    """The block's figure, for a place `column` pt wide (the text column of the page it is
    printed on; None: shown at its drawn size, as on screen). Its labels are set so that none
    is printed smaller than figure.SMALLEST_TYPE there. Every format draws each figure of each
    edition: drawn once per place."""
    return _cached(block, _BrandKey(brand), column)


class _BrandKey:
    """A brand as a cache key: what a figure's look depends on."""

    def __init__(self, brand: Brand):
        self.brand = brand
        self.key = (brand.id, tuple(sorted(brand.colors.items())), brand.fonts,
                    brand.body_font, brand.heading_font, brand.heading_weight)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, _BrandKey) and self.key == other.key


@functools.lru_cache(maxsize=64)
def _cached(block: Block, brand: _BrandKey, column: float | None) -> Figure:
    return DRAWERS[block.kind](block, brand.brand, column)
