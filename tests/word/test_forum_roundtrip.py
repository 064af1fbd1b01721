"""A forum written in an unusual order goes through Word and back: the DOCX has its parts in the
written order, an untouched document imports as no change, and an edit in a part (the new
'arbejdsgang' among them) lands in that part's lines of the content file and nowhere else."""
from __future__ import annotations

import sys
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "writers"))  # test_forum_order
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))  # fault_injection

from fault_injection import run, snapshot  # noqa: E402
from test_forum_order import COMPONENTS, EXPECTED, LABELS, unusual_project  # noqa: E402
from test_roundtrip import export, imported, lines  # noqa: E402


def _forum_table(document):
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text in LABELS]
    return table


def _set_cell(cell, old: str, new: str) -> None:
    """Replace words in a cell as Word stores an edit: in the runs, the paragraph kept."""
    paragraph = next(p for p in cell.paragraphs if old in p.text)
    texts = paragraph._p.xpath(".//w:t")
    texts[0].text = paragraph.text.replace(old, new)
    for text in texts[1:]:
        text.text = ""


def test_an_untouched_forum_in_the_written_order_imports_as_no_change(tmp_path):
    root = unusual_project(tmp_path / "projekt")
    before = snapshot(root / "content")
    exported = export(root, "mini", "samlet", tmp_path / "samlet.docx")
    table = _forum_table(docx.Document(exported))
    assert [row.cells[0].text for row in table.rows] == LABELS
    result = imported(root, exported)
    assert result.code == 0, result.out + result.err
    assert "Ingen ændringer" in result.out, result.out
    assert snapshot(root / "content") == before


def test_edits_in_the_parts_of_a_forum_land_in_their_own_fields(tmp_path):
    root = unusual_project(tmp_path / "projekt")
    old = lines(root, COMPONENTS)
    exported = export(root, "mini", "samlet", tmp_path / "samlet.docx")
    document = docx.Document(exported)
    rows = {row.cells[0].text: row.cells[1] for row in _forum_table(document).rows}
    _set_cell(rows["Arbejdsgang"], "Fælles refleksioner", "Fælles og åbne refleksioner")
    _set_cell(rows["Ansvar"], "har ansvaret", "har hele ansvaret")
    document.save(tmp_path / "rettet.docx")

    result = imported(root, tmp_path / "rettet.docx")
    assert result.code == 0, result.out + result.err
    assert "advarsel" not in result.out, result.out
    expected = list(old)
    at = expected.index("ansvar: Direktionen har ansvaret for dagsordenen.")
    expected[at] = "ansvar: Direktionen har hele ansvaret for dagsordenen."
    at = expected.index("  2. Fælles refleksioner i Chefforum")
    expected[at] = "  2. Fælles og åbne refleksioner i Chefforum"
    assert lines(root, COMPONENTS) == expected

    # Built again, the edits stand in their parts, and the parts in the written order.
    again = docx.Document(export(root, "mini", "samlet", tmp_path / "igen.docx"))
    rows = [(row.cells[0].text, " ".join(row.cells[1].text.split())) for row in _forum_table(again).rows]
    assert [label for label, _ in rows] == [label for label, _ in EXPECTED]
    assert "Fælles og åbne refleksioner i Chefforum" in dict(rows)["Arbejdsgang"]
    assert dict(rows)["Ansvar"] == "Direktionen har hele ansvaret for dagsordenen."
    assert run(root, "check", "mini").code == 0
