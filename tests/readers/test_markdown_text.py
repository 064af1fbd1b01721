"""Section Markdown -> model blocks, and the located errors for what cannot be read."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import (
    Emphasis, Heading, LeadershipRole, LevelSlot, ListBlock, Organisation, Paragraph, Strong, Text,
)
from booklet.danish import slugify
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks

ROLES = tuple(
    LeadershipRole(id=i, name=n, description="", order=o, axis="niveau", address=f"Til dig som {n}")
    for o, (i, n) in enumerate([("direktion", "Direktionen"), ("centerchef", "Centerchefer")], 1)
)
ORG = Organisation("k", "Kommune", "K", "b", "", ROLES, (), Location(Path("k.yml"), 1))


def parse(text: str):
    problems = Problems()
    blocks = parse_blocks(text, Location(Path("afsnit.md"), 10), ReadContext(problems, ORG))
    return blocks, [str(p) for p in problems.items]


def test_inline_formatting_and_entities():
    (para,), problems = parse("Det er **fed**, *kursiv* & mere&nbsp;til.")
    assert not problems
    assert para == Paragraph((Text("Det er "), Strong((Text("fed"),)), Text(", "),
                              Emphasis((Text("kursiv"),)), Text(" & mere\xa0til.")))


def test_two_space_indent_nests_a_list():
    (lst,), problems = parse("- a\n  - b\n- c")
    assert not problems
    assert isinstance(lst, ListBlock) and len(lst.items) == 2
    nested = lst.items[0][1]
    assert isinstance(nested, ListBlock) and nested.items[0][0].content == (Text("b"),)


def test_headings_start_at_level_two():
    (heading,), problems = parse("## Økonomi og styring")
    assert heading == Heading(2, (Text("Økonomi og styring"),), "oekonomi-og-styring")
    _, problems = parse("tekst\n\n# For højt")
    assert problems == ["afsnit.md:12: fejl: overskrifter i teksten starter med '##': '#' er afsnittets titel (feltet 'titel')."]


def test_raw_html_is_refused_with_its_line():
    _, problems = parse("Tekst\n\n<script>alert(1)</script>")
    assert len(problems) == 1 and problems[0].startswith("afsnit.md:12: fejl: HTML-koder er ikke tilladt")


def test_level_slot_with_example_and_explicit_none():
    blocks, problems = parse("Kerne.\n\n::: {niveau=centerchef eksempel}\nSom centerchef ...\n:::\n"
                             "::: {niveau=direktion ingen}\n:::")
    assert not problems
    _, slot, empty = blocks
    assert isinstance(slot, LevelSlot) and slot.role.id == "centerchef" and slot.example
    assert slot.location.line == 12
    assert empty.is_explicitly_empty and not empty.example


@pytest.mark.parametrize("text,expected", [
    ("::: {niveau=centerchf}\nx\n:::", "afsnit.md:10: fejl: niveau 'centerchf' findes ikke – mente du 'centerchef'?"),
    ("::: {niveau=centerchef}\n::: {niveau=direktion}\nx\n:::\n:::", "afsnit.md:11: fejl: blokke for niveauer kan ikke ligge inden i hinanden"),
    ("tekst\n::: {niveau=centerchef}\nx", "afsnit.md:11: fejl: blokken der starter her lukkes aldrig"),
    ("::: {niveau=centerchef}\n:::", "afsnit.md:10: fejl: blokken er tom"),
    ("::: {niveau=centerchef ingen}\nx\n:::", "afsnit.md:10: fejl: blokken er markeret 'ingen'"),
    ("::: {nivau=centerchef}\nx\n:::", "afsnit.md:10: fejl: ukendt egenskab 'nivau' – mente du 'niveau'?"),
    (":::\n", "afsnit.md:10: fejl: ':::' lukker en blok, der ikke er åbnet"),
    ("```værdier\n- navn: A\n  tekst: b\n", "afsnit.md:10: fejl: blokken der starter med '```' lukkes aldrig"),
])
def test_slot_and_fence_mistakes_are_located(text, expected):
    _, problems = parse(text)
    assert problems and problems[0].startswith(expected), problems


def test_component_field_errors_point_into_the_fence():
    _, problems = parse("Intro\n\n```værdier\n- navn: A\n  tekts: b\n```")
    assert problems[0] == "afsnit.md:14: fejl: ukendt felt 'tekts' i en værdi – mente du 'tekst'?"


def test_slugify_danish():
    assert slugify("Økonomiske og styringsmæssige kompetencer") == "oekonomiske-og-styringsmaessige-kompetencer"
    assert slugify("Hvorfor er god ledelse vigtig?") == "hvorfor-er-god-ledelse-vigtig"


def test_headings_only_at_the_top_of_a_section():
    _, problems = parse("Tekst\n\n> ## Citeret overskrift\n\n- punkt\n\n    ## Listeoverskrift")
    assert problems[0].startswith("afsnit.md:12: fejl: overskrifter kan kun stå direkte i afsnittets tekst")
    assert len(problems) == 2
    problems_ = Problems()
    parse_blocks("## Overskrift", Location(Path("a.md"), 3), ReadContext(problems_, ORG), slots_allowed=False)
    assert [str(p) for p in problems_.items][0].startswith("a.md:3: fejl: overskrifter kan kun stå")


def test_links_to_missing_headings_are_errors():
    problems = Problems()
    ctx = ReadContext(problems, ORG)
    parse_blocks("## Formål\n\nSe [formålet](#formaal) og\n[målet](#maalet).", Location(Path("a.md"), 5), ctx)
    ctx.check_links()
    assert [str(p) for p in problems.items] == [
        "a.md:8: fejl: linket '#maalet' peger på en overskrift, der ikke findes – mente du 'formaal'?"]
