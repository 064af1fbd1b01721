"""Never raw, never silent, at the reader: every CommonMark and GFM construct is either read into
the model (with none of its marking characters left in the text) or refused with one error at its
file and line. The writers' side of the same promise is checked on their output."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import Heading, Image, Link, ListBlock, Note, Paragraph, Quote, Table, Text
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks

ORG = None
START = 20
RAW = ("|---", "| --- |", "[^", "![", "~~", "[ ]", "[x]", "```", "\n: ", "===", "&lt;", "&amp;", "\\")


def read(text: str, tmp_path: Path):
    (tmp_path / "billeder").mkdir(exist_ok=True)
    from PIL import Image as Pillow
    Pillow.new("RGB", (8, 8)).save(tmp_path / "billeder" / "foto.png")
    problems = Problems()
    ctx = ReadContext(problems, ORG, roles_known=False, folder=tmp_path, content_root=tmp_path)
    blocks = parse_blocks(text, Location(Path("afsnit.md"), START), ctx)
    return blocks, problems.items


def texts(node) -> list[str]:
    """Every piece of text the writers would print, however deep."""
    if isinstance(node, Text):
        return [node.text]
    if isinstance(node, (list, tuple)):
        return [t for child in node for t in texts(child)]
    if isinstance(node, Image):
        return [node.alt, *texts(node.caption)]
    if isinstance(node, Table):
        return texts(node.header) + texts(node.rows) + texts(node.caption)
    for attr in ("content", "children", "blocks", "items"):
        if hasattr(node, attr):
            return texts(getattr(node, attr))
    return []


# (construct, what it must be read as, or None when it must be refused at line n of it)
CONSTRUCTS = [
    ("setext-h2", "Økonomi\n-------", Heading, 0),
    ("setext-h1", "Økonomi\n=======", None, 1),
    ("h4", "#### Lille", Heading, 0),
    ("h5", "##### For lille", None, 0),
    ("code-span", "Skriv `<b> & x` her.", Paragraph, 0),
    ("fenced-code", "```\nkode\n```", None, 0),
    ("fenced-code-with-language", "```python\nkode = 1\n```", None, 0),
    ("indented-code", "    kode = 1", None, 0),
    ("html-block", "<div>x</div>", None, 0),
    ("inline-html", "Tekst <b>fed</b>.", None, 0),
    ("table", "| A | B |\n|---|---|\n| 1 | 2 |", Table, 0),
    ("table-ragged", "| A | B |\n|---|---|\n| 1 |", None, 2),
    ("footnote", "Tekst[^1].\n\n[^1]: Note.", Paragraph, 0),
    ("footnote-undefined", "Tekst[^1].", None, 0),
    ("task-list", "- [ ] Opgave", None, 0),
    ("strikethrough", "Det er ~~ikke~~ sådan.", None, 0),
    ("autolink", "Se <https://example.org>.", Paragraph, 0),
    ("mail-autolink", "Skriv til <hr@example.org>.", Paragraph, 0),
    ("hard-break-spaces", "Linje  \nnæste", Paragraph, 0),
    ("hard-break-backslash", "Linje\\\nnæste", Paragraph, 0),
    ("definition-list", "Begreb\n: Forklaring", None, 1),
    ("image", "![Foto](billeder/foto.png)", Image, 0),
    ("image-in-sentence", "Se ![Foto](billeder/foto.png) her.", None, 0),
    ("reference-link", "Se [rapporten][r].\n\n[r]: https://example.org", Paragraph, 0),
    ("blockquote", "> Citat.", Quote, 0),
    ("nested-list", "- a\n  - b", ListBlock, 0),
    ("rule", "---", None, 0),
]


@pytest.mark.parametrize("name,text,kind,n", CONSTRUCTS, ids=[c[0] for c in CONSTRUCTS])
def test_each_construct_is_read_or_refused_at_its_line(tmp_path, name, text, kind, n):
    blocks, problems = read(text, tmp_path)
    if kind is None:
        assert len(problems) == 1, problems
        assert problems[0].location.line == START + n, problems
        return
    assert not problems, problems
    assert isinstance(blocks[0], kind), blocks
    printed = "\n".join(texts(blocks))
    for raw in RAW:
        assert raw not in printed, (raw, printed)


def test_a_code_span_is_its_characters(tmp_path):
    (para,), _ = read("Skriv `<b> & [^1]` her.", tmp_path)
    assert para == Paragraph((Text("Skriv <b> & [^1] her."),))


def test_links_and_notes_keep_their_structure(tmp_path):
    (para,), _ = read("Se [rapporten][r][^1].\n\n[r]: https://example.org\n[^1]: Note.", tmp_path)
    assert isinstance(para.content[1], Link) and isinstance(para.content[2], Note)
