"""Pipe tables and footnotes as read into the model (their mistakes are located in
test_markdown_locations and the fault catalogue)."""
from __future__ import annotations

from pathlib import Path

from booklet.errors import Location, Problems
from booklet.model import (
    Emphasis, Forum, LevelSlot, Link, ListBlock, Note, Paragraph, Strong, Table, Text, ValueList,
)
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks

from test_markdown_text import ORG


def parse(text: str):
    problems = Problems()
    blocks = parse_blocks(text, Location(Path("afsnit.md"), 10), ReadContext(problems, ORG))
    return blocks, [str(p) for p in problems.items]


def cell(text: str) -> tuple:
    return (Text(text),) if text else ()


def test_a_pipe_table_with_alignment_and_caption():
    blocks, problems = parse("Nøgletal:\n"
                             "| Område | Mål 2016 | Ændring | Note |\n"
                             "|:-------|---------:|:-------:|------|\n"
                             "| Ældre  | 1.200    | +3 %    | *ny* |\n"
                             "| Skole  | 2.015    |         | a \\| b |\n"
                             "Tabel: Nøgletal fra **2015**\n\nEfter.")
    assert not problems
    intro, table, after = blocks
    assert intro == Paragraph((Text("Nøgletal:"),)) and after == Paragraph((Text("Efter."),))
    assert table == Table(
        header=(cell("Område"), cell("Mål 2016"), cell("Ændring"), cell("Note")),
        rows=((cell("Ældre"), cell("1.200"), cell("+3 %"), (Emphasis((Text("ny"),)),)),
              (cell("Skole"), cell("2.015"), (), cell("a | b"))),
        alignments=("left", "right", "center", ""),
        caption=(Text("Nøgletal fra "), Strong((Text("2015"),))),
    )


def test_a_table_without_outer_pipes_or_caption():
    (table,), problems = parse("Navn | Rolle\n--- | ---\nAnne | Chef")
    assert not problems
    assert table.header == (cell("Navn"), cell("Rolle")) and table.rows == ((cell("Anne"), cell("Chef")),)
    assert table.caption == () and table.alignments == ("", "")


def test_a_caption_with_a_pipe_is_still_the_caption():
    (table,), problems = parse("| A | B |\n|---|---|\n| 1 | 2 |\nTabel: Før | efter")
    assert not problems and table.caption == (Text("Før | efter"),)


def test_a_cell_is_inline_text_whatever_it_starts_with():
    (table,), problems = parse("| a | b | c | d |\n|---|---|---|---|\n| 1. kvartal | - 5 % | # 1 | 2. *halvår* |")
    assert not problems
    assert table.rows[0] == (cell("1. kvartal"), cell("- 5 %"), cell("# 1"),
                             (Text("2. "), Emphasis((Text("halvår"),))))


def test_tables_in_level_blocks_and_component_fields():
    text = ("::: {niveau=centerchef}\n| A | B |\n|---|---|\n| 1 | 2 |\n:::\n\n"
            "```forum\nnavn: F\nmedlemmer: |\n  | Navn | Rolle |\n  |---|---|\n  | Anne | Chef |\nformål: B.\n```")
    (slot, forum), problems = parse(text)
    assert not problems
    assert isinstance(slot, LevelSlot) and isinstance(slot.blocks[0], Table)
    assert isinstance(forum, Forum) and isinstance(forum.part("members")[0], Table)


def test_a_footnote_becomes_a_note_where_it_is_referenced():
    text = ("Ledelse gør en forskel[^kilde].\n\n"
            "[^kilde]: Se [rapporten](https://example.org), side 4.\n"
            "    Andet afsnit af noten.\n\n"
            "    - et punkt\n\n"
            "Mere tekst[^2].\n\n[^2]: Kort note.")
    first, more = parse(text)[0]
    note = first.content[1]
    assert isinstance(note, Note) and first.content[0] == Text("Ledelse gør en forskel")
    assert note.blocks[0] == Paragraph((Text("Se "), Link("https://example.org", (Text("rapporten"),)),
                                        Text(", side 4.\nAndet afsnit af noten.")))
    assert isinstance(note.blocks[1], ListBlock)
    assert more.content == (Text("Mere tekst"), Note((Paragraph((Text("Kort note."),)),)), Text("."))
    assert not parse(text)[1]


def test_notes_in_every_place_text_stands():
    text = ("- punkt[^a]\n\n> citat[^b]\n\n| A | B |\n|---|---|\n| 1[^c] | 2 |\nTabel: Tal[^d]\n\n"
            "::: {niveau=centerchef}\nKun her[^e].\n:::\n\n"
            "```værdier\n- navn: Helhed\n  tekst: Sammen[^f].\n```\n\n"
            "[^a]: A.\n[^b]: B.\n[^c]: C.\n[^d]: D.\n[^e]: E.\n[^f]: F.")
    blocks, problems = parse(text)
    assert not problems
    lst, quote, table, slot, values = blocks
    assert isinstance(lst.items[0][0].content[1], Note)
    assert isinstance(quote.blocks[0].content[1], Note)
    assert isinstance(table.rows[0][0][1], Note) and isinstance(table.caption[1], Note)
    assert isinstance(slot.blocks[0].content[1], Note)
    assert isinstance(values, ValueList) and isinstance(values.values[0].text[1], Note)


def test_a_note_text_inside_a_level_block_or_before_its_reference_is_found():
    (slot, para), problems = parse("::: {niveau=centerchef}\n[^x]: Noten.\n\nTekst.\n:::\n\nSe[^x].")
    assert not problems
    assert slot.blocks == (Paragraph((Text("Tekst."),)),)
    assert para.content[1] == Note((Paragraph((Text("Noten."),)),))


def test_a_reference_in_a_code_span_is_text():
    (para,), problems = parse("Skriv `[^1]` for en note.")
    assert not problems and para == Paragraph((Text("Skriv [^1] for en note."),))


def test_a_note_text_in_a_component_fence_is_not_taken_out():
    _, problems = parse("```faktaboks\ntitel: Fakta\ntekst: |\n  Tekst.\n\n  [^1]: Noten.\n```")
    assert len(problems) == 1 and problems[0].startswith("afsnit.md:15: fejl: en fodnotes tekst")


def test_each_section_has_its_own_notes():
    problems = Problems()
    ctx = ReadContext(problems, ORG)
    parse_blocks("A[^1].\n\n[^1]: En.", Location(Path("a.md"), 1), ctx)
    parse_blocks("B[^1].", Location(Path("b.md"), 1), ctx)
    assert [str(p).split(": fejl")[0] for p in problems.items] == ["b.md:1"]
