"""Any paragraph the Word reader can make (runs of text with bold, italic and links, in any
mix, with characters Markdown reads as syntax) is written by the content writer so that it reads
back as the same inline content."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.errors import Problems
from booklet.model import LineBreak, Paragraph, Section
from booklet.readers.context import ReadContext
from booklet.readers.publication import read_section
from booklet.word.read_inline import Piece as _Piece, tidy as _tidy
from booklet.writers.content import section_text

# Letters, spaces, and every character Markdown, the project's fences or YAML give a meaning.
ALPHABET = "abcæø ABC 12 *_[]()<>&#!|~`\\-+.:=^{}\"'"
LINKS = st.sampled_from([None, None, None, "https://www.htk.dk", "mailto:hr@htk.dk"])
piece = st.builds(_Piece, st.text(ALPHABET, min_size=1, max_size=12), st.booleans(), st.booleans(), LINKS)
pieces = st.lists(st.one_of(piece, piece, piece, st.just(LineBreak())), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces)
def test_any_paragraph_from_word_reads_back_the_same(tmp_path: Path, runs):
    content = _tidy(list(runs))
    if not content:
        return
    folder = tmp_path / "content" / "publikationer" / "p"
    folder.mkdir(parents=True, exist_ok=True)
    section = Section(id="01-a", title="A", anchor="a", blocks=(Paragraph(content),), location=None)
    path = folder / "01-a.md"
    written = section_text(section, folder, wrap=True)
    path.write_text(written, encoding="utf-8")
    problems = Problems()
    ctx = ReadContext(problems, None, roles_known=False, folder=folder, content_root=tmp_path / "content")
    read = read_section(path, ctx)
    assert not problems.errors, (written, problems.errors)
    blocks = read.blocks
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph), (written, blocks)
    assert _unwrapped(blocks[0].content) == content, written


def _unwrapped(content):
    """The read content with the writer's line wrapping undone (a wrapped line's break is a space)."""
    from dataclasses import replace

    from booklet.model import Text

    result = []
    for node in content:
        if isinstance(node, Text):
            node = Text(node.text.replace("\n", " "))
        elif hasattr(node, "children"):
            node = replace(node, children=_unwrapped(node.children))
        result.append(node)
    return tuple(result)


def _cell(runs):
    return tuple(n for n in _tidy([r for r in runs if not isinstance(r, LineBreak)]))


cells = st.lists(piece, min_size=0, max_size=3).map(_cell)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 3).flatmap(lambda width: st.tuples(
    st.lists(cells, min_size=width, max_size=width).filter(lambda header: any(header)),
    st.lists(st.lists(cells, min_size=width, max_size=width), max_size=3),
    st.lists(st.sampled_from(["", "left", "center", "right"]), min_size=width, max_size=width),
    cells)))
def test_any_table_from_word_reads_back_the_same(tmp_path: Path, table):
    from booklet.model import Table

    header, rows, alignments, caption = table
    written_table = Table(tuple(header), tuple(tuple(r) for r in rows), tuple(alignments), caption)
    folder = tmp_path / "content" / "publikationer" / "p"
    folder.mkdir(parents=True, exist_ok=True)
    section = Section(id="01-a", title="A", anchor="a", blocks=(written_table,), location=None)
    path = folder / "01-a.md"
    written = section_text(section, folder, wrap=True)
    path.write_text(written, encoding="utf-8")
    problems = Problems()
    ctx = ReadContext(problems, None, roles_known=False, folder=folder, content_root=tmp_path / "content")
    read = read_section(path, ctx)
    assert not problems.errors, (written, problems.errors)
    assert read.blocks == (written_table,), written
