"""Issue 18, item 5: the table of contents leaves out the level blocks' headings ("Konkretisering
for ..."), unless the publication asks for them ('indholdsfortegnelse: konkretiseringer: ja').
Asserted on the contents a reader sees: the PDF's contents page, the DOCX's TOC (as written and as
Word rebuilds it from the outline levels) and the web page's contents; the PDF's bookmarks keep
the blocks for navigation."""
from __future__ import annotations

import re

import pytest
from corpus.fault_injection import MANIFEST, assert_no_error, assert_one_located_error, copy_project, \
    insert_lines, read_lines
from docx.oxml.ns import qn
from wording_build import docx_paragraphs, edition_file, pdf_pages, wording_output

from booklet.danish import LABELS
from booklet.readers.project import load_project


@pytest.fixture(scope="module")
def out():
    return wording_output()


def pdf_contents_page(path) -> str:
    """The PDF's contents page: the first page after the cover that starts with 'Indhold'."""
    pages = pdf_pages(path)
    found = [text for text in pages[1:] if text.startswith(LABELS["contents"])]
    assert found, pages[:3]
    return found[0]


def docx_contents(path) -> list[str]:
    return [p.text.rstrip("\t").strip() for p in docx_paragraphs(path) if p.style.name.startswith("toc ")]


def html_contents(path) -> list[str]:
    nav = re.search(r'<nav class="toc".*?</nav>', path.read_text(encoding="utf-8"), re.S)
    assert nav, path
    return [re.sub(r"<[^>]+>", "", entry).strip() for entry in re.findall(r"<li[^>]*>(.*?)</li>", nav.group(0), re.S)]


def pdf_bookmarks(path) -> list[str]:
    from pypdf import PdfReader

    def walk(items):
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield item.title

    return list(walk(PdfReader(str(path)).outline))


SLOT_HEADINGS = ["Konkretisering for Direktionen", "Konkretisering for centerchefer", "Konkretisering for teamledere"]


def test_the_full_editions_contents_list_sections_not_level_blocks(out):
    page = pdf_contents_page(edition_file(out, "niveauer", "samlet", "pdf"))
    assert all(title in page for title in ("Retning", "Afslutning", "Samarbejde")), page
    assert "Konkretisering" not in page and "Centrets mål" not in page, page
    for contents in (docx_contents(edition_file(out, "niveauer", "samlet", "docx")),
                     html_contents(edition_file(out, "niveauer", "samlet", "html")),
                     html_contents(out / "site-intern" / "niveauer" / "index.html")):
        assert contents[:1] == ["Retning"], contents
        assert not [entry for entry in contents if entry.startswith("Konkretisering") or entry == "Centrets mål"]


def test_a_level_edition_does_not_repeat_its_address_in_the_contents(out):
    page = pdf_contents_page(edition_file(out, "niveauer", "centerchef", "pdf"))
    assert "Til dig som centerchef" not in page and "Retning" in page
    assert "Til dig som centerchef" not in html_contents(edition_file(out, "niveauer", "centerchef", "html"))
    assert "Til dig som centerchef" not in docx_contents(edition_file(out, "niveauer", "centerchef", "docx"))


def test_the_pdf_bookmarks_keep_the_level_blocks_for_navigation(out):
    bookmarks = pdf_bookmarks(edition_file(out, "niveauer", "samlet", "pdf"))
    assert [b for b in bookmarks if b.startswith("Konkretisering")][:3] == SLOT_HEADINGS
    assert "Centrets mål" in bookmarks


def test_word_rebuilds_the_same_contents_the_left_out_headings_are_body_text_in_the_outline(out):
    """Word updates the TOC field when it opens the file (updateFields): the headings left out
    are marked as Word's 'Do Not Show in Table of Contents' marks them (outline level 9)."""
    outline_levels = {p.text: p._p.xpath("./w:pPr/w:outlineLvl/@w:val")
                      for p in docx_paragraphs(edition_file(out, "niveauer", "samlet", "docx"))
                      if p.style.name.startswith("Heading")}
    for heading in [*SLOT_HEADINGS, "Centrets mål"]:
        assert outline_levels[heading] == ["9"], heading
    assert outline_levels["Retning"] == []
    paragraphs = docx_paragraphs(edition_file(out, "niveauer", "samlet", "docx"))
    instruction = "".join(p._p.xpath(".//w:instrText[contains(., 'TOC')]/text()")[0] for p in paragraphs
                          if p._p.xpath(".//w:instrText[contains(., 'TOC')]"))
    assert '\\o "1-2"' in instruction and "\\u" in instruction


def test_a_publication_that_asks_lists_the_level_blocks_in_every_format(out):
    expected = ["Konkretisering for ledere af ledere", "Konkretisering for administrative ledere"]
    page = pdf_contents_page(edition_file(out, "funktioner", "samlet", "pdf"))
    assert all(title in page for title in expected), page
    for contents in (docx_contents(edition_file(out, "funktioner", "samlet", "docx")),
                     html_contents(edition_file(out, "funktioner", "samlet", "html")),
                     html_contents(out / "site" / "funktioner" / "index.html")):
        assert [entry for entry in contents if entry.startswith("Konkretisering")] == expected, contents
    docx_headings = {p.text: p._p.xpath("./w:pPr/w:outlineLvl/@w:val")
                     for p in docx_paragraphs(edition_file(out, "funktioner", "samlet", "docx"))}
    assert all(docx_headings[title] == [] for title in expected)


# --- the key in publikation.yml -------------------------------------------------------------------

def _with_toc(tmp_path, *lines: str):
    root = copy_project(tmp_path / "projekt")
    at = read_lines(root, MANIFEST).index("afsnit:") + 1
    insert_lines(root, MANIFEST, at, list(lines))
    return root, at


@pytest.mark.parametrize("value, expected", [("ja", True), ("nej", False), ("true", True)])
def test_the_key_is_read(tmp_path, value, expected):
    root, _ = _with_toc(tmp_path, "indholdsfortegnelse:", f"  konkretiseringer: {value}")
    assert_no_error(root)
    assert load_project(root).publications[0].toc_concretisations is expected


def test_without_the_key_the_level_blocks_are_left_out(tmp_path):
    assert load_project(copy_project(tmp_path / "projekt")).publications[0].toc_concretisations is False


@pytest.mark.parametrize("lines, offset, says", [
    (["indholdsfortegnelse:", "  konkretiseringer: måske"], 1, "'konkretiseringer' skal være 'ja' eller 'nej'"),
    (["indholdsfortegnelse:", "  konkretisering: ja"], 1, "ukendt felt 'konkretisering'"),
    (["indholdsfortegnelse: ja"], 0, "samling af felter"),
    (["indholdsfortegnelse: {}"], 0, "skal sige, om konkretiseringerne står i indholdsfortegnelsen"),
])
def test_a_wrong_value_is_a_located_danish_error(tmp_path, lines, offset, says):
    root, at = _with_toc(tmp_path, *lines)
    message = assert_one_located_error(root, MANIFEST, at + offset)
    assert says in message, message
