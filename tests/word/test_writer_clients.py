"""Every DOCX of the seed build, opened by the clients people and tools read Word files with.

LibreOffice lays each document out and prints it to PDF (page furniture, repeating table
headers, embedded fonts); pandoc reads each document's structure back (headings, lists,
picture alt text); python-docx reads styles and properties.
"""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from readback import normalise, pandoc_ast, pandoc_nodes, pandoc_text, pdf_page_texts
from test_writer_rich_content import words_on_pages
from tools import require

from booklet import structure
from booklet.colophon import author
from booklet.danish import LABELS
from booklet.editions import MATRIX, Edition, editions_for, select
from booklet.figures import DRAWERS, figure_for
from booklet.model import Foreword, Image, LevelMatrix, ListBlock, Paragraph, Publication, first_day, plain_text
from booklet.readers.project import load_project

REPO = Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class SeedDocx:
    path: Path
    edition: Edition
    model: Publication  # the edition's model, as the writer saw it

    @property
    def name(self) -> str:
        return self.path.name


@pytest.fixture(scope="module")
def seed_docx(seed_build: Path) -> list[SeedDocx]:
    """Every DOCX the manifest lists, with the model of its edition."""
    manifest = json.loads((seed_build / "manifest.json").read_text(encoding="utf-8"))
    publications = {p.id: p for p in load_project(REPO).publications}
    found = []
    for entry in manifest["files"]:
        if entry["format"] != "docx":
            continue
        publication = publications[entry["publication"]]
        (edition,) = [e for e in editions_for(publication) if e.id == entry["variant"]]
        found.append(SeedDocx(seed_build / entry["path"], edition, select(publication, edition)))
    assert len(found) >= len(publications)
    return found


def convert_with_libreoffice(docs: list[SeedDocx], work: Path, env: dict | None = None) -> dict[Path, Path]:
    """Each DOCX converted to PDF, all in one soffice run: DOCX path -> PDF path."""
    soffice = require("soffice", "libreoffice-writer-nogui")
    outdir = work / "pdf"
    stems = [doc.path.stem for doc in docs]
    assert len(set(stems)) == len(stems), "one --outdir needs distinct file names"
    # A profile of its own, so a running or stale LibreOffice (or a parallel run) can't
    # swallow the conversion.
    completed = subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *(str(doc.path) for doc in docs)],
        capture_output=True, text=True, timeout=600, env=env,
    )
    pdfs = {doc.path: outdir / f"{doc.path.stem}.pdf" for doc in docs}
    missing = [docx.name for docx, pdf in pdfs.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice converted none of {missing}:\n{completed.stdout}\n{completed.stderr}"
    return pdfs


@pytest.fixture(scope="module")
def libreoffice_pdfs(seed_docx: list[SeedDocx], tmp_path_factory) -> dict[Path, Path]:
    return convert_with_libreoffice(seed_docx, tmp_path_factory.mktemp("libreoffice"))


@pytest.fixture(scope="module")
def pandoc_trees(seed_docx: list[SeedDocx]) -> dict[Path, dict]:
    return {doc.path: pandoc_ast(doc.path) for doc in seed_docx}


# --- LibreOffice ------------------------------------------------------------------------------


def test_libreoffice_prints_page_n_of_m_on_every_page_after_the_cover(seed_docx, libreoffice_pdfs):
    problems = []
    for doc in seed_docx:
        pages = pdf_page_texts(libreoffice_pdfs[doc.path])
        total = len(pages)
        if total < 3:
            problems.append(f"{doc.name}: only {total} pages")
            continue
        # The cover is a section without header or footer.
        if "Side " in pages[0]:
            problems.append(f"{doc.name}: the cover has a page footer")
        for number, text in enumerate(pages[1:], start=2):
            expected = LABELS["page_of"].format(page=number, pages=total)
            if expected not in " ".join(text.split()):
                problems.append(f"{doc.name}: page {number} lacks {expected!r}")
    assert problems == []


def test_libreoffice_repeats_the_matrix_header_row_on_every_page_of_the_table(seed_docx, libreoffice_pdfs):
    matrices = [doc for doc in seed_docx if doc.edition.kind == MATRIX]
    assert matrices
    for doc in matrices:
        (matrix,) = [b for b in doc.model.sections[0].blocks if isinstance(b, LevelMatrix)]
        header = [LABELS["matrix_section"]] + [role.name for role in matrix.roles]
        pages = [" ".join(text.split()) for text in pdf_page_texts(libreoffice_pdfs[doc.path])]
        # The table starts on the page of the matrix chapter's heading and ends before the colophon.
        first = next(i for i, text in enumerate(pages) if LABELS["matrix_caption"] in text)
        last = next(i for i, text in enumerate(pages) if LABELS["colophon"] in text) - 1
        assert last >= first, doc.name
        for number in range(first, last + 1):
            missing = [title for title in header if title not in pages[number]]
            assert not missing, f"{doc.name} page {number + 1}: header row lacks {missing}"


def test_libreoffice_sets_every_footnote_at_the_foot_of_a_page(seed_docx, libreoffice_pdfs):
    seen_any = False
    for doc in seed_docx:
        notes = structure.Numbering(doc.model).notes()
        if not notes:
            continue
        pages = words_on_pages(libreoffice_pdfs[doc.path])
        for number, note in notes:
            seen_any = True
            first = next(b for b in note.blocks if isinstance(b, Paragraph))
            start = normalise(plain_text(first.content))[:40]
            found = [(height, words) for height, words in pages if start in normalise("".join(w for w, _ in words))]
            assert found, f"{doc.name}: note {number} is on no page"
            height, words = found[0]
            # The note's first word, under the running text: low on the page, above the footer.
            word = plain_text(first.content).split()[0]
            assert max(top for w, top in words if w == word) > 0.6 * height, f"{doc.name}: note {number}"
    assert seen_any, "no seed has a footnote any more; the test would prove nothing"


def pdf_font_families(path: Path) -> set[str]:
    """The fonts a PDF's pages use, without subset prefix and style: {"Lato", "OpenSans"}."""
    families = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            name = str(font.get_object()["/BaseFont"]).lstrip("/")
            families.add(name.split("+", 1)[-1].split("-", 1)[0])
    return families


def test_libreoffice_lays_out_in_the_embedded_brand_fonts_where_they_are_not_installed(seed_docx, tmp_path):
    require("soffice", "libreoffice-writer-nogui")
    fc_list = require("fc-list", "fontconfig")
    one_per_brand = list({doc.model.brand.id: doc for doc in seed_docx if doc.edition.kind != MATRIX}.values())
    brand_families = {family.replace(" ", "") for doc in one_per_brand
                      for family in (doc.model.brand.body_font, doc.model.brand.heading_font)}
    # A fontconfig that knows one font, which is none of the brands' (LibreOffice needs one).
    listing = subprocess.run([fc_list, "--format", "%{file}\t%{family[0]}\n"],
                             capture_output=True, text=True, check=True).stdout
    fallback = next(Path(file) for file, family in (line.split("\t", 1) for line in listing.splitlines())
                    if family.replace(" ", "") not in brand_families and file.endswith((".ttf", ".otf")))
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / fallback.name).symlink_to(fallback)
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
                      f'<cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>', encoding="utf-8")
    pdfs = convert_with_libreoffice(one_per_brand, tmp_path, env={**os.environ, "FONTCONFIG_FILE": str(config)})
    for doc in one_per_brand:
        expected = {doc.model.brand.body_font.replace(" ", ""), doc.model.brand.heading_font.replace(" ", "")}
        # Every glyph from the brand's embedded faces; none from the fallback.
        assert pdf_font_families(pdfs[doc.path]) == expected, doc.name


# --- pandoc -------------------------------------------------------------------------------------


def test_pandoc_reads_the_outline_as_the_headings(seed_docx, pandoc_trees):
    for doc in seed_docx:
        headers = [node for node in pandoc_nodes(pandoc_trees[doc.path]) if node["t"] == "Header"]
        # "Indhold" has Word's TOC Heading style: based on Heading 1 for its looks, with outline
        # level 9 (body text), so Word keeps it out of the navigation pane and the TOC itself.
        # pandoc follows the basedOn chain and reads a Header 1, but marks it with the style's
        # name as class: it is the contents' title, not a chapter, and must be there exactly once.
        contents = [h for h in headers if "TOC-Heading" in h["c"][1][1]]
        assert [pandoc_text(h["c"][2]) for h in contents] == [LABELS["contents"]], doc.name
        found = [(h["c"][0], " ".join(pandoc_text(h["c"][2]).split())) for h in headers if h not in contents]
        expected = [(entry.level, " ".join(entry.title.split())) for entry in structure.outline(doc.model)]
        assert found == expected, doc.name


def ordered_lists(value) -> list[ListBlock]:
    """Every ordered list in a piece of the model, nested ones and those in components included."""
    if isinstance(value, ListBlock):
        own = [value] if value.ordered else []
        return own + [inner for item in value.items for inner in ordered_lists(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [found for field in dataclasses.fields(value) for found in ordered_lists(getattr(value, field.name))]
    if isinstance(value, tuple):
        return [found for item in value for found in ordered_lists(item)]
    return []


def test_pandoc_sees_every_numbered_list_counting_from_one(seed_docx, pandoc_trees):
    seen_any = False
    for doc in seed_docx:
        # pandoc continues a list's numbering when it shares a Word numbering instance with
        # an earlier list, so a list that failed to restart would start at 3, 4 ...
        starts = [node["c"][0][0] for node in pandoc_nodes(pandoc_trees[doc.path]) if node["t"] == "OrderedList"]
        assert len(starts) == len(ordered_lists(doc.model.sections)), doc.name
        assert all(start == 1 for start in starts), f"{doc.name}: {starts}"
        seen_any = seen_any or bool(starts)
    assert seen_any, "no seed has a numbered list any more; the test would prove nothing"


def figure_alts(value, brand) -> list[str]:
    """The alt text of every picture in a piece of the model, in the DOCX's reading order:
    drawn figures and photos ("" for a decorative one), a foreword's portrait before its text."""
    if isinstance(value, Image):
        return ["" if value.decorative else value.alt]
    if isinstance(value, Foreword):
        signatures = [signer.signature for signer in value.signers if signer.signature]
        return figure_alts((value.portrait, value.blocks, *signatures), brand)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        own = [figure_for(value, brand).alt] if getattr(value, "kind", None) in DRAWERS else []
        return own + [alt for field in dataclasses.fields(value) for alt in figure_alts(getattr(value, field.name), brand)]
    if isinstance(value, tuple):
        return [alt for item in value for alt in figure_alts(item, brand)]
    return []


def test_pandoc_reads_the_logo_cover_photo_and_figure_alt_text(seed_docx, pandoc_trees):
    for doc in seed_docx:
        # pandoc puts a captioned picture's caption in the image's text and its alt text in `alt`.
        alts = [dict(node["c"][0][2]).get("alt", pandoc_text(node["c"][1]))
                for node in pandoc_nodes(pandoc_trees[doc.path]) if node["t"] == "Image"]
        # The logo and the cover photo on the cover, the pictures in the text, the logo in the colophon.
        name = doc.model.organisation.name
        cover = [doc.model.cover_image.alt] if doc.model.cover_image else []
        assert alts == [name, *cover, *figure_alts(doc.model.sections, doc.model.brand), name], doc.name


# --- python-docx -------------------------------------------------------------------------------


def test_python_docx_reads_built_in_headings_styled_runs_and_properties(seed_docx):
    for doc in seed_docx:
        document = docx.Document(str(doc.path))
        body = document.element.body
        levels = {entry.level for entry in structure.outline(doc.model)}
        for level in levels:
            style = document.styles[f"Heading {level}"]
            assert style.builtin and style.style_id == f"Heading{level}", doc.name
        heading_ids = set(body.xpath(".//w:pStyle[starts-with(@w:val, 'Heading')]/@w:val"))
        assert heading_ids == {f"Heading{level}" for level in levels}, doc.name
        parts = [document.part] + [r.target_part for r in document.part.rels.values()
                                   if r.reltype.endswith(("/header", "/footer"))]
        for part in parts:
            direct = part.element.xpath(".//w:r/w:rPr/*[self::w:rFonts or self::w:color or self::w:sz]")
            assert direct == [], f"{doc.name} {part.partname}"
        props = document.core_properties
        assert (props.title, props.author, props.language) == (doc.model.title, author(doc.model), "da-DK")
        # A year or a month alone (no day in the source) is read as its first day.
        assert props.created.date() == first_day(doc.model.date), doc.name
