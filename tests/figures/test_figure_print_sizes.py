"""Drawn figures print their labels at least at the figures' floor (6 pt) on every paper size:
a figure placed narrower than it is drawn (the A5 booklet's column) is set for that column,
and on a page wide enough for it (A4) it is the same drawing as on screen."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.figures import DRAWERS, figure_for
from booklet.figures.figure import SMALLEST_TYPE
from booklet.model import LevelSlot
from booklet.readers.project import load_project
from booklet.writers.image_copies import TEXT_WIDTH_MM, text_width_pt

REPO = Path(__file__).resolve().parents[2]


def _figure_blocks(blocks):
    for block in blocks:
        if block.kind in DRAWERS:
            yield block
        elif isinstance(block, LevelSlot):
            yield from _figure_blocks(block.blocks)


@pytest.fixture(scope="module")
def seed_figures():
    return [(p, block) for p in load_project(REPO).publications for s in p.sections
            for block in _figure_blocks(s.blocks)]


@pytest.mark.parametrize("paper", sorted(TEXT_WIDTH_MM))
def test_every_seed_figure_prints_its_labels_at_least_at_the_floor(seed_figures, paper):
    column = text_width_pt(paper)
    kinds = set()
    for publication, block in seed_figures:
        figure = figure_for(block, publication.brand, column)
        placed = min(1.0, column / figure.width)  # max-width: 100% of the column
        for label in figure.labels:
            assert label.smallest_size * placed >= SMALLEST_TYPE - 0.005, (publication.id, paper, label.text)
        kinds.add(block.kind)
    assert kinds == {"competency_wheel", "themes", "layers", "hub", "focus_grid", "house"}


def test_a_figure_with_room_is_drawn_as_on_screen(seed_figures):
    for publication, block in seed_figures:
        assert figure_for(block, publication.brand, text_width_pt("A4")).svg == figure_for(block, publication.brand).svg
