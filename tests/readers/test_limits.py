"""The limits an author is told in the README are the ones the build applies, to the byte, and
sizes in messages read as an author reads them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from booklet.readers import limits, svg_image
from booklet.readers.limits import size_text

README = Path(__file__).resolve().parents[2] / "README.md"
_UNITS = {"MB": 1_000_000, "kB": 1_000}


def readme_limit(row: str, index: int = 0) -> int:
    """The `index`-th number in the limit column of the README's row `| row | ... |`, in bytes
    where it has a unit (MB, kB); '10.000' is ten thousand."""
    line = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith(f"| {row} |"))
    numbers = re.findall(r"(\d[\d.]*)\s*(MB|kB)?", line.split("|")[2])
    number, unit = numbers[index]
    return int(number.replace(".", "")) * _UNITS.get(unit, 1)


@pytest.mark.parametrize("row, index, value", [
    ("en indholdsfil (publikation, afsnit, organisation)", 0, limits.MAX_CONTENT_FILE_BYTES),
    ("et logo", 0, limits.MAX_LOGO_BYTES),
    ("en skrifttypefil", 0, limits.MAX_FONT_BYTES),
    ("afsnit i én publikation", 0, limits.MAX_SECTIONS),
    ("afsnittenes tekst tilsammen", 0, limits.MAX_PUBLICATION_TEXT_BYTES),
    ("felter inde i hinanden i en YAML-fil", 0, limits.MAX_YAML_DEPTH),
    ("én linje Markdown-tekst", 0, limits.MAX_LINE_CHARS),
    ("et SVG-logo", 0, svg_image.MAX_SVG_FILE_BYTES),
    ("et SVG-logo", 1, svg_image.MAX_SVG_ELEMENTS),
    ("et SVG-logo", 2, svg_image.MAX_SVG_DEPTH),
    ("et SVG-logo", 3, svg_image.MAX_SVG_DRAWN),
])
def test_the_readme_states_each_limit_the_build_applies(row, index, value):
    assert readme_limit(row, index) == value


@pytest.mark.parametrize("size, text", [
    (6_900_000, "6,9 MB"), (2_000_000, "2 MB"), (1_000_000, "1 MB"), (12_340_000, "12,3 MB"),
    (612_000, "612 kB"), (1_500, "2 kB"), (2_499, "2 kB"), (400, "1 kB"),
])
def test_a_size_is_written_as_an_author_reads_it(size, text):
    assert size_text(size) == text
