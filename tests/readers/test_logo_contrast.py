"""A logo that vanishes on the colour it is placed on (the trial's teal logo on a teal cover) is
a warning at the logo's line in _brand.yml, from the same contrast check as the brand's text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO
from booklet.contrast import dominant_fill
from booklet.errors import Location, Problems
from booklet.model import Organisation
from booklet.readers.brand import read_brand

BRAND = "hoeje-taastrup"
PRIMARY = "#005a70"  # the brand's petrol, its cover colour


def _brand_folder(tmp_path: Path) -> Path:
    styles = tmp_path / "styles"
    shutil.copytree(REPO / "styles" / BRAND, styles / BRAND)
    return styles / BRAND


def _read(folder: Path) -> Problems:
    problems = Problems()
    organisation = Organisation("tk", "Testkommune", "TK", BRAND, "", (), (), Location(Path("tk.yml"), 1))
    assert read_brand(folder, organisation, problems) is not None
    return problems


def _line_of(folder: Path, text: str) -> int:
    lines = (folder / "_brand.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _logo_warnings(problems: Problems) -> list:
    return [p for p in problems.items if p.severity != "fejl" and "logoet" in p.message]


def test_the_seed_brands_logos_stand_out():
    for brand in ("hoeje-taastrup", "helsingoer", "odder"):
        organisation = Organisation("x", "X", "X", brand, "", (), (), Location(Path("x.yml"), 1))
        problems = Problems()
        read_brand(REPO / "styles" / brand, organisation, problems)
        assert not _logo_warnings(problems), brand


def test_a_negative_logo_in_the_cover_colour_is_a_warning_at_its_line(tmp_path):
    folder = _brand_folder(tmp_path)
    negative = folder / "logo-negativ.svg"
    negative.write_text(negative.read_text(encoding="utf-8").replace("#ffffff", PRIMARY), encoding="utf-8")
    [warning] = _logo_warnings(_read(folder))
    assert warning.location.path.name == "_brand.yml"
    assert warning.location.line == _line_of(folder, "path: logo-negativ.svg")
    assert "forsiden" in warning.message and "1.0:1" in warning.message and PRIMARY in warning.message


def test_without_a_negative_logo_the_cover_logo_is_the_ordinary_one(tmp_path):
    """The trial: no negative logo, so the teal wordmark stands on the teal cover."""
    folder = _brand_folder(tmp_path)
    brand_file = folder / "_brand.yml"
    text = brand_file.read_text(encoding="utf-8")
    start = text.index("    wordmark-negativ:")
    end = text.index("  medium:")
    brand_file.write_text(text[:start] + text[end:], encoding="utf-8")
    [warning] = _logo_warnings(_read(folder))
    assert warning.location.line == _line_of(folder, "path: logo.svg")
    assert "'wordmark-negativ'" in warning.message and "content/README.md" in warning.message


def test_a_pale_logo_on_the_white_page_is_a_warning(tmp_path):
    folder = _brand_folder(tmp_path)
    logo = folder / "logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace(PRIMARY, "#f4f4f4"), encoding="utf-8")
    [warning] = _logo_warnings(_read(folder))
    assert warning.location.line == _line_of(folder, "path: logo.svg")
    assert "kolofonen" in warning.message


@pytest.mark.parametrize("svg, expected", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L10 10Z"/></svg>', "#000000"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><g fill="#0A0"><path d="M0 0L10 10L0 10L10 0Z"/>'
     b'<rect fill="red" width="1" height="1"/></g></svg>', "#00aa00"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><path style="fill: rgb(255, 255, 255)" d="M0 0L9 9Z"/></svg>',
     "#ffffff"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><path fill="none" d="M0 0L9 9Z"/></svg>', None),
])
def test_dominant_fill(svg, expected):
    assert dominant_fill(svg) == expected
