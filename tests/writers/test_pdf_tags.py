"""The structure tree after booklet.writers.pdf_tags: one Table for a table split over pages, its
repeated header row an artifact, TH cells with /Scope, an /IDTree for every /ID, footnotes as
/Note, running headers and footers as artifacts, and a ParentTree that still matches the pages."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from weasyprint import HTML

from tools import require

from booklet.editions import MATRIX, editions_for, select
from booklet.readers.project import load_project
from booklet.writers import pdf as pdf_writer
from booklet.writers.pdf_tags import fix_structure

REPO = Path(__file__).resolve().parents[2]

STYLE = """
@page { size: A5; margin: 2cm; @top-center { content: "Løbende sidehoved" } }
.note { float: footnote }
"""


def table_html(rows: int, long_row: int | None = None) -> str:
    body = "".join(
        f"<tr><th scope=row>Række {i}</th><td>{'Lang tekst der fylder. ' * 80 if i == long_row else f'Værdi {i}'}"
        f"</td><td>{i * 7}</td></tr>" for i in range(rows))
    return f"""<html lang=da><head><title>Tabeltest</title><style>{STYLE}</style></head><body>
<h1>Nøgletal</h1>
<p>Tallene er fra kommunens regnskab<span class=note>Kilde: Høje-Taastrup Kommune, regnskab 2015.</span>.</p>
<table><caption>Tabel 1: Nøgletal</caption>
<thead><tr><th>Område</th><th>Mål</th><th>Tal</th></tr></thead><tbody>{body}</tbody></table>
<p>Slut.</p></body></html>"""


def render(tmp: Path, html: str, name: str) -> tuple[Path, Path]:
    """WeasyPrint's own PDF, and the same PDF repaired."""
    document = HTML(string=html).render()
    raw, fixed = tmp / f"{name}-raw.pdf", tmp / f"{name}.pdf"
    document.write_pdf(raw, pdf_variant="pdf/ua-1")
    shutil.copy(raw, fixed)
    fix_structure(fixed, document)
    return raw, fixed


@pytest.fixture(scope="module")
def split_table(tmp_path_factory) -> tuple[Path, Path]:
    return render(tmp_path_factory.mktemp("tags"), table_html(60), "tabel")


@pytest.fixture(scope="module")
def cut_row(tmp_path_factory) -> tuple[Path, Path]:
    return render(tmp_path_factory.mktemp("tags"), table_html(12, long_row=6), "raekke")


@pytest.fixture(scope="module")
def level_matrix(tmp_path_factory) -> tuple[Path, Path]:
    """The seed level matrix through the project's own PdfWriter, before and after the repair."""
    out = tmp_path_factory.mktemp("matrix")
    raw = out / "matrix-raw.pdf"

    def keep_raw(path, document=None):
        shutil.copy(path, raw)
        fix_structure(path, document)

    publication = {p.id: p for p in load_project(REPO).publications}["htk-ledelsesgrundlag"]
    edition = next(e for e in editions_for(publication) if e.id == MATRIX)
    writer = pdf_writer.PdfWriter(REPO / "templates", REPO / "styles")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_writer, "fix_structure", keep_raw)
        writer.write(select(publication, edition), edition, out / "matrix.pdf", out)
    return raw, out / "matrix.pdf"


# -- reading the tree back, independently of the module under test ---------------------------

def elements(pdf: pikepdf.Pdf) -> list[Dictionary]:
    found = []

    def walk(node):
        for kid in node.K if isinstance(node.get("/K"), Array) else [node.get("/K")]:
            if isinstance(kid, Dictionary) and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def of_type(pdf: pikepdf.Pdf, tag: str) -> list[Dictionary]:
    return [e for e in elements(pdf) if e.S == Name(tag)]


def page_index(pdf: pikepdf.Pdf, element: Dictionary) -> int:
    return next(i for i, page in enumerate(pdf.pages) if page.obj.objgen == element.Pg.objgen)


def marked(pdf: pikepdf.Pdf, page: int) -> list[tuple[str, int | None, list[bytes]]]:
    """(tag, MCID, strings shown) for each marked-content sequence of a page, outermost only."""
    sequences, depth = [], 0
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[page]):
        op = str(operator)
        if op in ("BDC", "BMC"):
            if depth == 0:
                properties = operands[1] if op == "BDC" else None
                mcid = int(properties.MCID) if isinstance(properties, Dictionary) and "/MCID" in properties else None
                sequences.append((str(operands[0]), mcid, []))
            depth += 1
        elif op == "EMC":
            depth -= 1
        elif op in ("Tj", "TJ") and depth and sequences:
            items = operands[0] if op == "TJ" else [operands[0]]
            sequences[-1][2].extend(bytes(s) for s in items if isinstance(s, String))
    return sequences


def mcids_of(pdf: pikepdf.Pdf, element: Dictionary, own: bool = False) -> list[tuple[int, int]]:
    """(page, MCID) of the content under `element`; with `own`, only what it holds itself."""
    found = []
    kids = element.K if isinstance(element.get("/K"), Array) else [element.get("/K")]
    for kid in kids:
        if isinstance(kid, int):
            found.append((page_index(pdf, element), kid))
        elif isinstance(kid, Dictionary) and "/MCID" in kid:
            found.append((page_index(pdf, kid if "/Pg" in kid else element), int(kid.MCID)))
        elif isinstance(kid, Dictionary) and "/S" in kid and not own:
            found.extend(mcids_of(pdf, kid))
    return found


def text_of(pdf: pikepdf.Pdf, element: Dictionary) -> list[bytes]:
    shown = {}
    for page, mcid in mcids_of(pdf, element):
        if page not in shown:
            shown[page] = {m: strings for _tag, m, strings in marked(pdf, page) if m is not None}
        shown[page].get(mcid)
    return [b"".join(shown[page][mcid]) for page, mcid in mcids_of(pdf, element)]


def assert_parent_tree_consistent(pdf: pikepdf.Pdf) -> None:
    """Every MCID on every page maps to an element of the tree that claims it, and back."""
    in_tree = {e.objgen for e in elements(pdf)}
    parent_tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    claimed = set()
    for element in elements(pdf):
        for page, mcid in mcids_of(pdf, element, own=True):
            table = parent_tree[int(pdf.pages[page].obj.StructParents)]
            assert table[mcid].objgen == element.objgen, (page, mcid)
            claimed.add((page, mcid))
    for page in range(len(pdf.pages)):
        table = parent_tree[int(pdf.pages[page].obj.StructParents)]
        for tag, mcid, _strings in marked(pdf, page):
            if mcid is None:
                assert tag == "/Artifact", (page, tag)
                continue
            assert (page, mcid) in claimed, (page, mcid)
            assert table[mcid].objgen in in_tree
        on_page = {mcid for _tag, mcid, _s in marked(pdf, page) if mcid is not None}
        for mcid, element in enumerate(table):
            if element is not None:
                assert mcid in on_page, (page, mcid)


def assert_id_tree_complete(pdf: pikepdf.Pdf) -> None:
    ids = {bytes(e.ID): e.objgen for e in elements(pdf) if "/ID" in e}
    assert ids
    names = pdf.Root.StructTreeRoot.IDTree.Names
    keys = [bytes(names[i]) for i in range(0, len(names), 2)]
    assert keys == sorted(keys)
    assert {key: names[2 * i + 1].objgen for i, key in enumerate(keys)} == ids
    for element in elements(pdf):
        attributes = element.get("/A")
        for headers in [attributes.get("/Headers")] if isinstance(attributes, Dictionary) else []:
            for header in headers or []:
                assert bytes(header) in ids, bytes(header)


def assert_header_cells_scoped(pdf: pikepdf.Pdf) -> None:
    cells = of_type(pdf, "/TH")
    assert cells
    for cell in cells:
        assert cell.A.O == Name.Table and cell.A.Scope in (Name.Column, Name.Row, Name.Both)


def qpdf_check(path: Path) -> None:
    qpdf = require("qpdf", "qpdf")
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# -- a table long enough to run over three pages ----------------------------------------------

def test_weasyprint_alone_splits_the_table_and_leaves_out_scope_and_idtree(split_table):
    raw, _fixed = split_table
    with pikepdf.open(raw) as pdf:
        assert len(of_type(pdf, "/Table")) == 3  # the defect this module exists for
        assert "/IDTree" not in pdf.Root.StructTreeRoot
        assert not any("/Scope" in th.A for th in of_type(pdf, "/TH"))


def test_a_split_table_is_one_table_with_every_row(split_table):
    _raw, fixed = split_table
    with pikepdf.open(fixed) as pdf:
        tables = of_type(pdf, "/Table")
        assert len(tables) == 1
        parts = [str(kid.S) for kid in tables[0].K]
        assert parts == ["/Caption", "/THead", "/TBody"]
        assert len(of_type(pdf, "/THead")) == 1
        assert len(of_type(pdf, "/TR")) == 61
        assert [page_index(pdf, row) for row in of_type(pdf, "/TR")][-1] == 2


def test_every_header_cell_has_a_scope_from_the_html(split_table):
    _raw, fixed = split_table
    with pikepdf.open(fixed) as pdf:
        assert_header_cells_scoped(pdf)
        head = of_type(pdf, "/THead")[0]
        scopes = [th.A.Scope for th in of_type(pdf, "/TH")]
        assert scopes[:3] == [Name.Column] * 3
        assert set(scopes[3:]) == {Name.Row}  # <th scope=row>
        assert head.objgen == of_type(pdf, "/Table")[0].K[1].objgen


def test_the_id_tree_resolves_every_id_and_every_headers_entry(split_table):
    _raw, fixed = split_table
    with pikepdf.open(fixed) as pdf:
        assert_id_tree_complete(pdf)


def test_the_repeated_header_is_an_artifact_not_content(split_table):
    raw, fixed = split_table
    with pikepdf.open(fixed) as pdf:
        head_text = text_of(pdf, of_type(pdf, "/THead")[0])
        assert len(head_text) == 3 and all(head_text)
        for page in (1, 2):
            assert not [e for e in elements(pdf) if e.S in (Name.THead, Name.Caption) and page_index(pdf, e) == page]
            artifacts = [b"".join(strings) for tag, _mcid, strings in marked(pdf, page) if tag == "/Artifact"]
            assert all(text in artifacts for text in head_text), page
            tagged = [b"".join(strings) for _tag, mcid, strings in marked(pdf, page) if mcid is not None]
            assert not any(text in tagged for text in head_text), page
    with pikepdf.open(raw) as pdf:
        assert len(of_type(pdf, "/THead")) == 3


def test_running_headers_are_artifacts(split_table):
    raw, fixed = split_table
    with pikepdf.open(raw) as pdf:
        in_tree = {e.objgen for e in elements(pdf)}
        table = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)[0]
        assert any(e.objgen not in in_tree for e in table if e is not None)  # WeasyPrint's orphans
    with pikepdf.open(fixed) as pdf:
        assert_parent_tree_consistent(pdf)


def test_the_parent_tree_matches_every_page(split_table):
    _raw, fixed = split_table
    with pikepdf.open(fixed) as pdf:
        assert_parent_tree_consistent(pdf)


def test_the_footnote_is_a_note_with_an_id_where_weasyprint_puts_it(split_table):
    raw, fixed = split_table
    with pikepdf.open(fixed) as pdf:
        notes = of_type(pdf, "/Note")
        assert len(notes) == 1
        note = notes[0]
        assert bytes(note.ID) in [bytes(k) for k in pdf.Root.StructTreeRoot.IDTree.Names[::2]]
        assert note.K[0].S == Name.Lbl
        assert note.P.S == Name.NonStruct and note.P.P.S == Name.Document  # the page's footnote area
        assert page_index(pdf, note) == 0
        marker, *text = text_of(pdf, note)
        assert marker == b"".join(text_of(pdf, note.K[0])) and text  # "1. ", then the note's lines
    with pikepdf.open(raw) as pdf:
        assert not of_type(pdf, "/Note")


def test_the_repaired_pdf_passes_qpdf_and_stays_pdf_ua(split_table):
    _raw, fixed = split_table
    qpdf_check(fixed)
    with pikepdf.open(fixed) as pdf:
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "da"


def test_the_same_input_gives_the_same_bytes_and_a_second_run_changes_nothing(split_table, tmp_path):
    raw, fixed = split_table
    again, twice = tmp_path / "igen.pdf", tmp_path / "to-gange.pdf"
    shutil.copy(raw, again)
    fix_structure(again)  # without the layout's hints: same result for a table not cut in a row
    assert again.read_bytes() == fixed.read_bytes()
    shutil.copy(fixed, twice)
    fix_structure(twice)
    # qpdf derives the second half of the file /ID from the input's: all else is unchanged.
    assert without_file_id(twice.read_bytes()) == without_file_id(fixed.read_bytes())


def without_file_id(data: bytes) -> bytes:
    return re.sub(rb"/ID *\[ *<[0-9a-fA-F]+> *<[0-9a-fA-F]+> *\]", b"", data)


def test_a_row_cut_by_the_page_break_stays_one_row(cut_row):
    raw, fixed = cut_row
    with pikepdf.open(raw) as pdf:
        pages = len(pdf.pages)
        assert len(of_type(pdf, "/TR")) == 1 + 12 + 2 * (pages - 1)  # header and row 6 on each page
    with pikepdf.open(fixed) as pdf:
        rows = of_type(pdf, "/TR")
        assert len(of_type(pdf, "/Table")) == 1 and len(rows) == 1 + 12
        long_row = rows[1 + 6]
        assert {page for page, _mcid in mcids_of(pdf, long_row.K[1])} == set(range(pages))
        assert {page for page, _mcid in mcids_of(pdf, long_row.K[0])} == {0}  # "Række 6", once
        assert_parent_tree_consistent(pdf)
        assert_id_tree_complete(pdf)
        assert_header_cells_scoped(pdf)
    qpdf_check(fixed)


# -- the seed level matrix, through the project's PdfWriter ------------------------------------

def test_the_level_matrix_is_one_table_with_scoped_headers_and_an_id_tree(level_matrix):
    raw, fixed = level_matrix
    with pikepdf.open(raw) as pdf:
        raw_tables = of_type(pdf, "/Table")
        raw_rows = len(of_type(pdf, "/TR"))
    assert len(raw_tables) > 1, "the seed matrix no longer breaks over pages: the test needs a longer one"
    with pikepdf.open(fixed) as pdf:
        tables = of_type(pdf, "/Table")
        assert len(tables) == 1
        assert len(of_type(pdf, "/THead")) == 1
        assert len(of_type(pdf, "/TR")) == raw_rows - (len(raw_tables) - 1)
        assert_header_cells_scoped(pdf)
        row_heads = [th for th in of_type(pdf, "/TH") if th.P.P.S == Name.TBody]
        assert row_heads and all(th.A.Scope == Name.Row for th in row_heads)
        assert_id_tree_complete(pdf)
        assert_parent_tree_consistent(pdf)
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
    qpdf_check(fixed)


NOTE_CSS = """@page { size: A5; margin: 2cm }
.footnote { float: footnote; font-size: 8pt }
.footnote::footnote-call { content: attr(data-note); vertical-align: super }
.footnote::footnote-marker { content: attr(data-note) ". "; font-weight: bold }
.footnote-para { display: block }"""


def footnote(number: int, *paragraphs: str) -> str:
    """The print markup booklet's templates give a note: a float, its paragraphs as blocks."""
    body = "".join(f'<span class="footnote-para">{text}</span>' for text in paragraphs)
    return f'<span class="footnote" id="note-{number}" data-note="{number}">{body}</span>'


def test_notes_of_several_paragraphs_and_in_table_cells_are_notes_with_or_without_the_layout(tmp_path):
    html = f"""<html lang=da><head><title>Noter</title><style>{NOTE_CSS}</style></head><body>
<p>Første note{footnote(1, "Kilde: Danmarks Statistik.")} og anden{footnote(2, "Et afsnit.", "Et til.")}.</p>
<table><thead><tr><th>Område</th><th>Mål</th></tr></thead>
<tbody><tr><th scope=row>Ældre</th><td>90 %{footnote(3, "Note i en tabel.")}</td></tr></tbody></table>
<aside style="break-before: page"><p><strong>Faktaboks</strong> alene på siden: ikke en note.</p></aside>
</body></html>"""
    raw, fixed = render(tmp_path, html, "noter")
    without_layout = tmp_path / "uden.pdf"
    shutil.copy(raw, without_layout)
    fix_structure(without_layout)
    for path in (fixed, without_layout):
        with pikepdf.open(path) as pdf:
            notes = of_type(pdf, "/Note")
            assert [bytes(n.ID) for n in notes] == [b"fodnote-1", b"fodnote-2", b"fodnote-3"]
            assert len(of_type(pdf, "/Lbl")) == 3
            assert len(of_type(pdf, "/P")) == 2 and of_type(pdf, "/P")[1].P.S == Name.NonStruct  # the aside
            assert all(len(text_of(pdf, n)) >= 2 for n in notes)
            assert_id_tree_complete(pdf)
            assert_parent_tree_consistent(pdf)
        qpdf_check(path)
