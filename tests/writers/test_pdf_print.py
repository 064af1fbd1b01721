"""The print shop's edition as PDF/X-4: identified in its XMP, with a FOGRA39 output intent,
RGB made device-independent, and trim and bleed boxes from the brand's bleed; the screen PDF
stays PDF/UA-1."""
from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from conftest import FIXTURES, REPO, run_build
from booklet.errors import Location, Problems
from booklet.model import Organisation
from booklet.readers.brand import read_brand

MM = 72 / 25.4


def _project_with_bleed(tmp_path: Path, bleed: str | None) -> Path:
    """The mini project with its own copy of styles/, so the brand's bleed can be changed."""
    root = tmp_path / "projekt"
    shutil.copytree(FIXTURES / "mini" / "content", root / "content")
    shutil.copytree(REPO / "styles", root / "styles", symlinks=True)
    (root / "templates").symlink_to(REPO / "templates", target_is_directory=True)
    if bleed is not None:
        brand = root / "styles" / "hoeje-taastrup" / "_brand.yml"
        brand.write_text(brand.read_text(encoding="utf-8") + f"\ndefaults:\n  print:\n    bleed: {bleed}\n",
                         encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[Path, Path]:
    """The mini publication's print and screen PDFs, built with a 5 mm bleed."""
    root = _project_with_bleed(tmp_path_factory.mktemp("tryk"), "5mm")
    result = run_build(root, "build", "--format", "tryk", "--format", "pdf", "--variant", "samlet", "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    folder = root / "output" / "mini"
    return folder / "mini-tryk.pdf", folder / "mini.pdf"


def test_print_pdf_declares_pdf_x4_with_fogra39_output_intent(printed):
    print_pdf, _screen = printed
    with pikepdf.open(print_pdf) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert str(xmp["pdf:Trapped"]) == "False"
        assert pdf.pdf_version >= "1.6"
        intents = list(pdf.Root.OutputIntents)
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        icc = profile.read_bytes()
        assert icc[12:16] == b"prtr" and icc[16:20] == b"CMYK"  # a printer's CMYK profile, as PDF/X asks
        # DeviceRGB colours and photos mean sRGB on every page: PDF/X-4 refuses bare DeviceRGB.
        for page in pdf.pages:
            space = page.Resources.ColorSpace.DefaultRGB
            assert space[0] == "/ICCBased" and int(space[1].N) == 3
        # Still tagged: the structure tree survives for whoever reads the print file.
        assert "/StructTreeRoot" in pdf.Root


def test_print_pdf_boxes_follow_the_brands_bleed(printed):
    print_pdf, _screen = printed
    with pikepdf.open(print_pdf) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
            media = [float(v) for v in page.MediaBox]
            assert trim[2] - trim[0] == pytest.approx(210 * MM, abs=0.5)
            assert trim[3] - trim[1] == pytest.approx(297 * MM, abs=0.5)
            for side in range(2):
                assert trim[side] - bleed[side] == pytest.approx(5 * MM, abs=0.05)
                assert bleed[side + 2] - trim[side + 2] == pytest.approx(5 * MM, abs=0.05)
            assert media[0] <= bleed[0] and media[2] >= bleed[2]


def test_screen_pdf_stays_pdf_ua1_without_output_intent(printed):
    _print, screen = printed
    with pikepdf.open(screen) as pdf:
        xmp = pdf.open_metadata()
        assert xmp["pdfuaid:part"] == "1"
        assert "pdfxid:GTS_PDFXVersion" not in xmp
        assert "/OutputIntents" not in pdf.Root
        assert "/TrimBox" not in pdf.pages[0] or pdf.pages[0].TrimBox == pdf.pages[0].MediaBox


@pytest.mark.parametrize("written, expected", [(None, 3.0), ("5mm", 5.0), ("2.5 mm", 2.5)])
def test_bleed_is_read_from_the_brand(tmp_path, written, expected):
    root = _project_with_bleed(tmp_path, written)
    problems = Problems()
    brand = read_brand(root / "styles" / "hoeje-taastrup", _organisation(), problems)
    assert not problems.errors
    assert brand.bleed_mm == expected


def test_a_wrong_bleed_is_a_located_error(tmp_path):
    root = _project_with_bleed(tmp_path, "3cm")
    problems = Problems()
    read_brand(root / "styles" / "hoeje-taastrup", _organisation(), problems)
    [error] = problems.errors
    assert error.location.path.name == "_brand.yml"
    assert "millimeter" in error.message and "3cm" in error.message


def test_the_committed_profile_keeps_its_licence():
    """The output intent's profile is redistributed inside every print PDF: its origin and licence
    travel with it in the repository."""
    readme = (REPO / "styles" / "icc" / "README.md").read_text(encoding="utf-8")
    assert "FOGRA39L.ti3" in readme and "zlib" in readme.lower()
    assert (REPO / "styles" / "icc" / "FOGRA39L.icc").stat().st_size > 1000


def _organisation() -> Organisation:
    return Organisation("testkommune", "Testkommune", "TK", "hoeje-taastrup", "", (), (),
                        Location(Path("testkommune.yml"), 1))
