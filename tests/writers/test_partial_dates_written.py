"""A date the source gives without its day is printed without it ("juni 2014", "2014") and
written so in every format's metadata; the colophon names each body once; a publication whose
source names no publisher has none (issue 18, item 4).

One build of the mini fixture dated `2014-06`, approved `2014`, with a publisher that is the
organisation written in other case and spacing; one more without 'udgiver' (HTML and DOCX)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest

from corpus.fault_injection import MANIFEST, copy_project, read_lines, write_lines
from readback import html_text, normalise, pdf_text

from booklet.commands.build import run as build
from booklet.readers.project import load_project

ORGANISATION = "Testkommune"
SAME_BODY = "  TESTKOMMUNE "  # the organisation again: in capitals, with stray spaces


def with_manifest(root: Path, **fields: str | None) -> None:
    """The mini manifest with these fields set (None: the field left out)."""
    lines = read_lines(root, MANIFEST)
    keys = {f"{key}:" for key in fields}
    kept = [line for line in lines if line and not any(line.startswith(key) for key in keys)]
    added = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    write_lines(root, MANIFEST, kept[:3] + added + kept[3:] + [""])


def built(tmp_path_factory, name: str, formats: tuple[str, ...], **fields: str | None) -> Path:
    root = copy_project(tmp_path_factory.mktemp(name) / "p")
    with_manifest(root, **fields)
    build(root, root / "output", formats=formats, variants=("samlet",), jobs=1, say=lambda _line: None)
    return root


@pytest.fixture(scope="module")
def month(tmp_path_factory) -> Path:
    return built(tmp_path_factory, "maaned", ("pdf", "docx", "html"),
                 dato="2014-06", udgiver=f"'{SAME_BODY}'", godkendt_af="Direktionen", godkendt_dato="2014")


@pytest.fixture(scope="module")
def no_issuer(tmp_path_factory) -> Path:
    return built(tmp_path_factory, "uden-udgiver", ("docx", "html"), udgiver=None)


def test_the_model_holds_the_month_and_the_year_as_written(month):
    publication = load_project(month).publications[0]
    assert (publication.date.year, publication.date.month, publication.date.day) == (2014, 6, None)
    assert publication.date.isoformat() == "2014-06"
    assert publication.approved_on.isoformat() == "2014"


def test_html_prints_the_month_and_dates_its_metadata_so(month):
    page = (month / "output" / "mini" / "mini.html").read_text(encoding="utf-8")
    assert '<meta name="dcterms.created" content="2014-06">' in page
    assert '<meta name="dcterms.modified" content="2014-06">' in page
    assert page.count('<time datetime="2014-06">juni 2014</time>') == 2  # the cover and the colophon
    assert "2014-06-01" not in page and "1. juni 2014" not in page


def test_docx_prints_the_month_and_stamps_its_properties_so(month):
    path = month / "output" / "mini" / "mini.docx"
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Dato\tjuni 2014" in texts
    assert "1. juni 2014" not in "\n".join(texts)
    core = zipfile.ZipFile(path).read("docProps/core.xml").decode("utf-8")
    assert re.search(r'<dcterms:created xsi:type="dcterms:W3CDTF">2014-06</dcterms:created>', core), core
    assert re.search(r'<dcterms:modified xsi:type="dcterms:W3CDTF">2014-06</dcterms:modified>', core), core
    props = docx.Document(str(path)).core_properties
    assert props.created.date().isoformat() == "2014-06-01"  # how a reader of W3CDTF takes a month


def test_pdf_prints_the_month_and_dates_its_metadata_so(month):
    path = month / "output" / "mini" / "mini.pdf"
    text = " ".join(pdf_text(path).split())
    assert "juni 2014" in text and "1. juni 2014" not in text
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:201406"
        assert str(pdf.docinfo.ModDate) == "D:201406"
        metadata = pdf.open_metadata()
        assert metadata.get("xmp:CreateDate") == "2014-06"
        assert metadata.get("dc:creator") == ["TESTKOMMUNE"]


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_the_colophon_says_a_body_once_whatever_its_case_and_spacing(month, fmt):
    path = month / "output" / "mini" / f"mini.{fmt}"
    if fmt == "docx":
        texts = [p.text for p in docx.Document(str(path)).paragraphs]
        issued = [t for t in texts if t.startswith("Udgivet af\t")]
        assert issued == ["Udgivet af\tTESTKOMMUNE"]
        cover = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Cover Meta"]
        assert cover == ["juni 2014", ORGANISATION]  # the organisation's own line, not twice
        return
    text = html_text(path) if fmt == "html" else pdf_text(path)
    flat = normalise(text)
    assert normalise("Udgivet af TESTKOMMUNE Dato juni 2014") in flat
    assert normalise("TESTKOMMUNE, Testkommune") not in flat


def test_without_a_publisher_the_colophon_and_metadata_name_the_organisation(no_issuer):
    publication = load_project(no_issuer).publications[0]
    assert publication.issuer == ""
    page = (no_issuer / "output" / "mini" / "mini.html").read_text(encoding="utf-8")
    assert f'<meta name="author" content="{ORGANISATION}">' in page
    assert f"<dt>Udgivet af</dt><dd>{ORGANISATION}</dd>" in page
    assert "<dd>, " not in page and ", </dd>" not in page
    document = docx.Document(str(no_issuer / "output" / "mini" / "mini.docx"))
    assert f"Udgivet af\t{ORGANISATION}" in [p.text for p in document.paragraphs]
    assert document.core_properties.author == ORGANISATION
    cover = [p.text for p in document.paragraphs if p.style.name == "Cover Meta"]
    assert cover == ["24. april 2016", ORGANISATION]
