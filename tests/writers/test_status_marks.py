"""A publication that is not approved is marked in every format: a diagonal watermark on every
PDF page (an artifact, never text), the status in the PDF's title and keywords, a banner on the
web page and a header in the DOCX; an approved one carries none of it."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from corpus.fault_injection import MANIFEST, copy_project, read_lines, write_lines
from tools import require, require_python_tool

from booklet.commands.build import run as build
from booklet.contrast import AA_NORMAL_TEXT, contrast_ratio
from booklet.readers.project import load_project

WATERMARK = re.compile(rb"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC(.*?)EMC", re.S)
SENTENCE = "Ledelse er den enkeltfaktor, der har størst betydning."


def with_status(root: Path, *lines: str) -> None:
    kept = [line for line in read_lines(root, MANIFEST) if line and not line.startswith(("status:", "godkendt_"))]
    write_lines(root, MANIFEST, kept + list(lines) + [""])


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    """The mini fixture as a draft, built in the formats a reader gets (the full edition)."""
    root = copy_project(tmp_path_factory.mktemp("kladde") / "p")
    with_status(root, "status: kladde")
    build(root, root / "output", formats=("pdf", "pdf-print", "docx", "html"), variants=("samlet",),
          jobs=1, say=lambda _line: None)
    return root / "output"


def page_contents(page) -> bytes:
    contents = page.obj.Contents
    return b"".join(c.read_bytes() for c in contents) if isinstance(contents, pikepdf.Array) else contents.read_bytes()


@pytest.mark.parametrize("name", ["mini.pdf", "mini-tryk.pdf"])
def test_every_pdf_page_of_a_draft_carries_the_watermark_as_an_artifact(draft, name):
    with pikepdf.open(draft / "mini" / name) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            marks = WATERMARK.findall(page_contents(page))
            assert len(marks) == 1, f"page {number}: {len(marks)} watermarks"
            # Outlines only: no text the structure tree or a text extractor could meet.
            assert not re.search(rb"\bBT\b|\bTj\b|\bTJ\b|\bMCID\b", marks[0]), f"page {number}"
        assert "(KLADDE)" in str(pdf.docinfo.Title)
        assert "kladde" in str(pdf.docinfo.Keywords)
    if name == "mini.pdf":
        with pikepdf.open(draft / "mini" / name) as pdf:
            assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked


def test_the_watermark_is_not_read_into_the_text(draft):
    pdftotext = require("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, str(draft / "mini" / "mini.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "KLADDE" not in text.upper()
    assert SENTENCE in " ".join(text.split())


def test_the_draft_pdf_still_passes_pdfua(draft):
    import json

    command = require_python_tool("pdfua", "pdfua")
    result = subprocess.run([*command, "check", "--format", "json", str(draft / "mini" / "mini.pdf")],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["findings"] == [], report["findings"]


def test_the_web_page_of_a_draft_opens_with_a_banner_in_its_own_landmark(draft):
    page = (draft / "mini" / "mini.html").read_text(encoding="utf-8")
    banner = re.search(r'<aside class="status-banner[^"]*" aria-labelledby="([^"]+)"[^>]*>(.*?)</aside>', page, re.S)
    assert banner is not None
    assert f'id="{banner.group(1)}"' in banner.group(2) and "KLADDE" in banner.group(2)
    assert page.index("status-banner") < page.index('<header class="cover')  # seen first
    assert "(KLADDE)</title>" in page


def test_the_banners_colours_are_the_brands_and_meet_aa(draft):
    """The banner is the brand's background colour on its dark colour: no colour of its own."""
    css = (Path(__file__).resolve().parents[2] / "styles" / "screen.css").read_text(encoding="utf-8")
    rule = re.search(r"\.status-banner \{(.*?)\}", css, re.S).group(1)
    assert "var(--color-dark)" in rule and "var(--color-background)" in rule and "#" not in rule
    brands = {p.brand.id: p.brand for p in load_project(Path(__file__).resolve().parents[2]).publications}
    for brand in brands.values():
        assert contrast_ratio(brand.colors["background"], brand.colors["dark"]) >= AA_NORMAL_TEXT, brand.id


def test_every_page_of_the_draft_docx_has_the_mark_in_its_header(draft):
    from docx import Document

    document = Document(str(draft / "mini" / "mini.docx"))
    assert document.core_properties.content_status == "kladde"
    for number, section in enumerate(document.sections):
        # A section showing the header before it shows the mark of that one.
        header = next(s.header for s in reversed(document.sections[:number + 1])
                      if not s.header.is_linked_to_previous or s is document.sections[0])
        assert header.paragraphs[0].text.startswith("KLADDE – Publikationen er ikke godkendt"), number
    body = "\n".join(p.text for p in document.paragraphs)
    assert "KLADDE" not in body  # the mark is page furniture, not the text an editor works on


def test_an_approved_publication_carries_no_mark(tmp_path):
    root = copy_project(tmp_path / "p")
    build(root, root / "output", formats=("pdf", "html", "docx"), variants=("samlet",), jobs=1,
          say=lambda _line: None)
    with pikepdf.open(root / "output" / "mini" / "mini.pdf") as pdf:
        assert not any(WATERMARK.search(page_contents(page)) for page in pdf.pages)
        assert "KLADDE" not in str(pdf.docinfo.Title)
    assert "status-banner" not in (root / "output" / "mini" / "mini.html").read_text(encoding="utf-8")
    from docx import Document

    document = Document(str(root / "output" / "mini" / "mini.docx"))
    assert document.core_properties.content_status == ""
    assert not any("KLADDE" in p.text for s in document.sections for p in s.header.paragraphs)
