"""A forum's labelled parts come out in the order the author wrote them, in every writer: the HTML
(and the PDF made from it), the DOCX, the plain text (diff, "Hvad er nyt") and the content files
written back. Issue 18: HTK's fora tell their parts in their own order, and a fixed order moved
ten sentences of "Strategisk ledelse i HTK" away from where the source has them."""
from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html

from conftest import FIXTURES, make_project
from readback import normalise, pdf_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))  # fault_injection
from fault_injection import run  # noqa: E402

from booklet.model import Forum  # noqa: E402
from booklet.readers.project import load_project  # noqa: E402
from booklet.writers.content import section_text  # noqa: E402
from booklet.writers.plaintext import block_lines  # noqa: E402

COMPONENTS = "content/publikationer/mini/02-komponenter.md"
MINI_FORUM = """```forum
navn: Chefforum
medlemmer: Direktører og centerchefer.
mødes: Én gang ugentligt.
formål: |
  1. Strategisk ledelse
  2. Samstemt ledelse
ansvar: Direktionen.
```"""
# The parts in an order no fixed order has: responsibility first, members last.
UNUSUAL_FORUM = """```forum
navn: Chefforum
tekst: Chefforum samler de to øverste ledelseslag.
ansvar: Direktionen har ansvaret for dagsordenen.
arbejdsgang: |
  1. Beslutningsoplæg drøftes i direktionen
  2. Fælles refleksioner i Chefforum
indhold: Temadrøftelser frem for orientering.
formål: Chefforum binder ledelseslagene sammen.
mødes: Chefforum mødes hver uge.
medlemmer: Direktører og centerchefer.
```"""
# (label, the part's first words) in the order written above.
EXPECTED = [
    ("Ansvar", "Direktionen har ansvaret for dagsordenen."),
    ("Arbejdsgang", "Beslutningsoplæg drøftes i direktionen"),
    ("Indhold", "Temadrøftelser frem for orientering."),
    ("Formål", "Chefforum binder ledelseslagene sammen."),
    ("Mødeform og hyppighed", "Chefforum mødes hver uge."),
    ("Medlemmer", "Direktører og centerchefer."),
]
LABELS = [label for label, _ in EXPECTED]


def unusual_project(target: Path) -> Path:
    root = make_project(target, FIXTURES / "mini" / "content")
    path = root / COMPONENTS
    text = path.read_text(encoding="utf-8")
    assert MINI_FORUM in text
    path.write_text(text.replace(MINI_FORUM, UNUSUAL_FORUM), encoding="utf-8")
    return root


def the_forum(root: Path) -> Forum:
    publication = load_project(root, only="mini").publications[0]
    return next(b for s in publication.sections for b in s.blocks if isinstance(b, Forum))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = unusual_project(tmp_path_factory.mktemp("forum") / "projekt")
    output = root / "output"
    result = run(root, "build", "mini", "--variant", "samlet", "--format", "pdf", "--format", "docx",
                 "--format", "html", "--output", str(output))
    assert result.code == 0, result.out + result.err
    return output


def in_order(text: str, expected: list[str]) -> bool:
    """Each of `expected` found in `text` after the one before it (whitespace and hyphens aside)."""
    text, at = normalise(text), 0
    for item in expected:
        found = text.find(normalise(item), at)
        if found < 0:
            return False
        at = found + len(normalise(item))
    return True


def test_the_model_keeps_the_written_order(tmp_path):
    forum = the_forum(unusual_project(tmp_path / "projekt"))
    assert [part for part, _ in forum.parts] == [
        "responsibility", "workflow", "content", "purpose", "rhythm", "members"]


def test_html_labels_each_part_in_the_written_order(built):
    page = next(p for p in built.rglob("*.html") if p.parent.name == "mini" and p.stem == "mini")
    tree = lxml_html.fromstring(page.read_bytes())
    (forum,) = tree.xpath('//section[@class="forum"]')
    facts = forum.xpath('.//div[@class="forum-fact"]')
    found = [(" ".join(f.xpath("dt")[0].text_content().split()), " ".join(f.xpath("dd")[0].text_content().split()))
             for f in facts]
    assert [label for label, _ in found] == LABELS
    for (_, text), (_, start) in zip(found, EXPECTED):
        assert text.startswith(start), (text, start)
    # The unlabelled text stands before the labelled parts.
    assert "Chefforum samler de to øverste ledelseslag." in forum.text_content().split("Ansvar")[0]


def test_the_pdf_has_the_parts_in_the_written_order(built):
    pdf = next(p for p in built.rglob("mini.pdf"))
    text = pdf_text(pdf)
    body = text[text.index("Chefforum samler"):]
    assert in_order(body, [item for pair in EXPECTED for item in pair]), body[:600]


def test_the_docx_table_has_a_row_per_part_in_the_written_order(built):
    document = docx.Document(next(built.rglob("mini.docx")))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text in LABELS]
    rows = [(row.cells[0].text, " ".join(row.cells[1].text.split())) for row in table.rows]
    assert [label for label, _ in rows] == LABELS
    for (_, text), (_, start) in zip(rows, EXPECTED):
        assert text.startswith(start), (text, start)


def test_plain_text_has_the_parts_in_the_written_order(tmp_path):
    lines = block_lines((the_forum(unusual_project(tmp_path / "projekt")),))
    assert lines[0] == "Chefforum" and lines[1] == "Chefforum samler de to øverste ledelseslag."
    assert [line for line in lines if line in LABELS] == LABELS
    assert in_order("\n".join(lines), [item for pair in EXPECTED for item in pair])


def test_content_written_back_keeps_the_order_and_reads_the_same(tmp_path):
    root = unusual_project(tmp_path / "projekt")
    publication = load_project(root, only="mini").publications[0]
    section = next(s for s in publication.sections if any(isinstance(b, Forum) for b in s.blocks))
    written = section_text(section, section.location.path.parent)
    keys = [line.split(":")[0] for line in written.split("```forum\n", 1)[1].split("```")[0].split("\n")
            if line and not line.startswith(" ")]
    assert keys == ["navn", "tekst", "ansvar", "arbejdsgang", "indhold", "formål", "mødes", "medlemmer"]
    section.location.path.write_text(written, encoding="utf-8")
    assert the_forum(root).parts == the_forum(unusual_project(tmp_path / "igen")).parts
