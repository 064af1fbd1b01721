"""Visual regression (issue 18, item 7): chosen pages of the seed corpus's PDFs look as their PNG
snapshots in tests/visual/snapshots/, within a tolerance for another poppler (snapshot_tools.py).

Reads the session's seed build (no build of its own) and renders only the chosen pages. When a
page differs, the page as it looks now and snapshot | now | difference are written beside each
other in the test's temporary folder, named in the failure. A layout change you mean is taken
into the snapshots with `make snapshots`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from snapshot_pages import PAGES
from snapshot_tools import (SNAPSHOTS, UPDATE_COMMAND, PageNotFound, compare, find_page, load, render,
                            write_difference)
from tools import require


@pytest.fixture(scope="module")
def poppler() -> None:
    require("pdftoppm", "poppler-utils")
    require("pdftotext", "poppler-utils")


@pytest.fixture(scope="module")
def differences(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("visuelle-forskelle")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_page_looks_as_its_snapshot(page, seed_build, poppler, differences):
    snapshot = SNAPSHOTS / f"{page.name}.png"
    assert snapshot.is_file(), f"{snapshot} mangler: lav den med `{UPDATE_COMMAND}`."
    pdf = seed_build / page.pdf
    try:
        number = find_page(pdf, page.phrase)
    except PageNotFound as error:
        pytest.fail(f"{page.name}: {error}", pytrace=False)
    expected, actual = load(snapshot), render(pdf, number)
    comparison = compare(expected, actual)
    if comparison.passes:
        return
    now, difference = write_difference(differences, page.name, expected, actual, comparison)
    pytest.fail(f"{page.name} ({page.shows}; side {number} i {page.pdf}) ser ikke ud som snapshottet: "
                f"{comparison.describe()}.\nSe {difference} (snapshot | nu | det, der afviger, med rødt og gult, hvor det samler sig) og "
                f"siden, som den ser ud nu: {now}.\nEr ændringen tilsigtet, så opdatér snapshottene med "
                f"`{UPDATE_COMMAND}`, se forskellene efter og commit tests/visual/snapshots/.", pytrace=False)


def test_every_snapshot_is_of_a_listed_page():
    """A snapshot of a page taken off the list (or renamed) would lie there unchecked."""
    listed = {f"{page.name}.png" for page in PAGES}
    assert {path.name for path in SNAPSHOTS.glob("*.png")} == listed
    assert len(listed) == len(PAGES), "two pages have the same name"


def test_the_snapshots_are_small_palette_images():
    """Committed PNGs stay small: a palette of at most 256 colours, low resolution."""
    for path in sorted(SNAPSHOTS.glob("*.png")):
        image = load(path)
        assert image.mode == "P", f"{path.name} is {image.mode}, not a palette image"
        assert max(image.size) <= 600, f"{path.name} is {image.size}"
        assert path.stat().st_size <= 48_000, f"{path.name} is {path.stat().st_size} bytes"
