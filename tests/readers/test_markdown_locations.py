"""Every mistake in a section's Markdown is reported once, at its own line; what is read is what
the author wrote (nothing dropped, nothing printed as raw characters)."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import Heading, LevelSlot, Link, ListBlock, Paragraph, Text, ValueList
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks

from test_markdown_text import ORG

START = 10  # the body's first line in the file, as after a front matter


def parse(text: str, slots_allowed: bool = True):
    problems = Problems()
    blocks = parse_blocks(text, Location(Path("afsnit.md"), START), ReadContext(problems, ORG),
                          slots_allowed=slots_allowed)
    return blocks, [str(p) for p in problems.items]


def line(n: int) -> str:
    """The message prefix for the n-th line of the text (1-based)."""
    return f"afsnit.md:{START + n - 1}: fejl: "


def one_error_at(text: str, n: int, says: str) -> str:
    _, problems = parse(text)
    assert len(problems) == 1, problems
    assert problems[0].startswith(line(n)), problems
    assert says in problems[0], problems
    return problems[0]


PROSE = "Første afsnit.\n\n- punkt\n- punkt\n\nAndet afsnit\nfortsætter her.\n\n"


def test_an_image_is_refused_at_its_own_line():
    one_error_at(PROSE + "Se ![kortet](kort.png) her.", 9, "billeder kan ikke")
    # The second of two images is found after the first, at its own line.
    _, problems = parse("![a](a.png)\n\nTekst.\n\n![a](a.png)")
    assert [p.split(" fejl")[0] for p in problems] == ["afsnit.md:10:", "afsnit.md:14:"]


@pytest.mark.parametrize("fence", ["::", "::::", ":::::"])
def test_a_fence_with_the_wrong_number_of_colons_is_reported_at_its_line(fence):
    message = one_error_at(f"Tekst.\n\n{fence} {{niveau=direktion}}\nTil direktionen.\n:::", 3,
                           f"præcis tre koloner (':::'), men her står {len(fence)}")
    assert message.endswith(".")
    one_error_at(f"Tekst.\n\n::: {{niveau=direktion}}\nTil direktionen.\n{fence}", 5, "præcis tre koloner")


@pytest.mark.parametrize("opening", [
    "::: {niveau = direktion}", "::: {niveau= direktion}", "::: {niveau =direktion}",
    '::: {niveau="direktion"}', "  ::: {niveau=direktion}", "\xa0::: {niveau=direktion}",
    ":::{niveau=direktion}",
])
def test_friendly_spellings_of_a_level_fence_are_read(opening):
    blocks, problems = parse(f"Kerne.\n\n{opening}\nTil direktionen.\n\nOgså dette.\n:::")
    assert not problems
    _, slot = blocks
    assert isinstance(slot, LevelSlot) and slot.role.id == "direktion"
    # Both paragraphs of the block are kept, in order.
    assert slot.blocks == (Paragraph((Text("Til direktionen."),)), Paragraph((Text("Også dette."),)))
    assert slot.location.line == START + 2


def test_a_level_without_a_name_is_one_error():
    one_error_at("::: {niveau=}\nx\n:::", 1, "'niveau=' mangler et navn")


def test_errors_inside_a_level_block_are_at_their_own_line():
    one_error_at("Kerne.\n\n::: {niveau=centerchef}\nTekst.\n\n# For højt\n:::", 6, "starter med '##'")
    one_error_at("::: {niveau=centerchef}\nTekst ![x](y.png).\n:::", 2, "billeder")
    one_error_at("::: {niveau=centerchef}\nTekst.\n\n```værdier\n- navn: A\n  tekst: Se ![x](y.png).\n```\n:::",
                 6, "billeder")
    one_error_at("::: {niveau=centerchef}\nTekst.\n\n```værdiliste\n- navn: A\n```\n:::", 4,
                 "ukendt komponent 'værdiliste'")


def test_a_level_block_inside_a_component_field_is_refused_at_its_line():
    text = ("```forum\nnavn: Chefforum\nmedlemmer: Alle.\nformål: Styring.\nansvar: |\n"
            "  Direktionen.\n\n  ::: {niveau=direktion}\n  Kun direktionen.\n  :::\n```")
    one_error_at(text, 8, "kan kun stå direkte i afsnittets tekst")


def test_a_one_line_field_with_two_paragraphs_is_refused_at_the_second():
    text = "```værdier\n- navn: Helhed\n  tekst: |\n    Første.\n\n    Anden.\n```"
    one_error_at(text, 6, "kun stå almindelig tekst")
    text = "```værdier\n- navn: Helhed\n  tekst: |\n    Første\n    linje.\n```"
    (values,), problems = parse(text)
    assert not problems
    assert isinstance(values, ValueList) and values.values[0].text == (Text("Første\nlinje."),)


@pytest.mark.parametrize("body", ["", "\n\n", "# bare en kommentar\n"])
def test_an_empty_component_is_reported(body):
    one_error_at(f"Tekst.\n\n```værdier\n{body}```", 3, "komponenten 'værdier' er tom")


@pytest.mark.parametrize("construct,n,says", [
    ("| Navn | Rolle |\n|------|-------|\n| A | B |", 1, "tabeller kan ikke bruges"),
    ("Navn | Rolle\n--- | ---\nA | B", 1, "tabeller kan ikke bruges"),
    ("| A | B |", 1, "tabeller kan ikke bruges"),
    ("Tekst med en note[^1].\n\n[^1]: Selve noten.", 1, "fodnoter"),
    ("[^note]: Selve noten.", 1, "fodnoter"),
    ("Det er ~~ikke~~ vigtigt.", 1, "gennemstreget"),
    ("Stor titel\n==========", 2, "overskrift på øverste niveau"),
    ("#hashtag", 1, "starter med '##'"),
    ("> # Citeret titel", 1, "starter med '##'"),
    ("- # Punkttitel", 1, "starter med '##'"),
    ("- punkt\n\n    # Titel i punktet", 3, "starter med '##'"),
    ("##### For dyb", 1, "højst '####'"),
    ("***", 1, "vandrette streger"),
    ("    kode <x>", 1, "læses som kode"),
    ("Tekst <b>fed</b>.", 1, "HTML-koder"),
])
def test_markdown_that_cannot_be_shown_is_refused_once_at_its_line(construct, n, says):
    one_error_at(PROSE + construct, 8 + n, says)


def test_a_code_span_may_show_the_characters_of_a_refused_construct():
    (para,), problems = parse("Skriv `[^1]` eller `~~x~~` eller `| a |` som tegn.")
    assert not problems
    assert para == Paragraph((Text("Skriv [^1] eller ~~x~~ eller | a | som tegn."),))


def test_a_list_right_under_a_paragraph_is_a_list():
    blocks, problems = parse("Vi vil:\n- lytte\n- handle\n\nOg:\n1. først")
    assert not problems
    intro, bullets, more, numbered = blocks
    assert intro == Paragraph((Text("Vi vil:"),)) and more == Paragraph((Text("Og:"),))
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert [item[0].content for item in bullets.items] == [(Text("lytte"),), (Text("handle"),)]
    assert isinstance(numbered, ListBlock) and numbered.ordered


def test_a_setext_heading_of_level_two_is_a_heading():
    (heading,), problems = parse("Økonomi\n-------")
    assert not problems and isinstance(heading, Heading) and heading.level == 2


def test_an_unclosed_level_block_is_reported_where_it_starts():
    one_error_at("::: {niveau=direktion}\nTekst.\n\n::: {niveau=centerchef}\nAndet.\n:::", 1,
                 "lukkes ikke før den næste blok på linje 13")
    one_error_at("Tekst.\n::: {niveau=direktion}\nTekst.", 2, "lukkes aldrig")
    # Opened again before anything is written in it: the inner fence is the mistake.
    one_error_at("::: {niveau=direktion}\n::: {niveau=centerchef}\nTekst.\n:::\n:::", 2, "inden i hinanden")


def test_after_an_unclosed_level_block_the_next_one_is_still_read():
    _, problems = parse("::: {niveau=direktion}\nTekst.\n\n::: {niveau=centerchf}\nAndet.\n:::")
    assert [p.split(": fejl: ")[0] for p in problems] == ["afsnit.md:10", "afsnit.md:13"]
    assert "mente du 'centerchef'?" in problems[1]


def test_an_unclosed_component_inside_a_level_block_is_reported_at_its_fence():
    one_error_at("::: {niveau=direktion}\nTekst.\n\n```værdier\n- navn: A\n  tekst: b\n:::", 4,
                 "blokken der starter med '```' lukkes aldrig")


def test_an_unclosed_component_before_a_level_block_is_reported_at_its_fence():
    one_error_at("```værdier\n- navn: A\n  tekst: b\n\nTekst.\n\n::: {niveau=direktion}\nx\n:::", 1,
                 "lukkes aldrig før den næste blok på linje 16")


def test_an_e_mail_address_in_angle_brackets_is_a_mail_link():
    (para,), problems = parse("Skriv til <hr@kommune.dk>.")
    assert not problems
    assert para.content[1] == Link("mailto:hr@kommune.dk", (Text("hr@kommune.dk"),))


FORUM = "```forum\nnavn: Chefforum\nmedlemmer: Alle.\nformål: Styring.\nansvar: {style}\n{body}\n```"


@pytest.mark.parametrize("style,body,n", [
    # A '>' field is folded (lines joined, a blank line a line break): still the file's line.
    (">-", "  Direktionen\n  leder.\n\n  Se ![x](y.png)\n  her.", 9),
    (">", "  Direktionen.\n\n\n  Se ![x](y.png).", 9),
    # A '|' field starting with a blank line.
    ("|", "\n  Direktionen.\n\n  Se ![x](y.png).", 9),
    ("|", "  Direktionen.\n\n  Se ![x](y.png).", 8),
])
def test_a_fault_in_a_folded_or_literal_field_is_at_its_line(style, body, n):
    one_error_at(FORUM.format(style=style, body=body), n, "billeder")
