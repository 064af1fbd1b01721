"""Every mistake in a section's Markdown is reported once, at its own line; what is read is what
the author wrote (nothing dropped, nothing printed as raw characters)."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import Heading, LevelSlot, LineBreak, Link, ListBlock, Paragraph, Text, ValueList
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


def test_an_image_in_a_sentence_is_refused_at_its_own_line():
    one_error_at(PROSE + "Se ![kortet](kort.png) her.", 9, "et billede skal stå i sit eget afsnit")
    # The second of two images is found after the first, at its own line (neither file exists).
    _, problems = parse("![a](a.png)\n\nTekst.\n\n![a](a.png)")
    assert [p.split(" fejl")[0] for p in problems] == ["afsnit.md:10:", "afsnit.md:14:"]
    assert all("findes ikke" in p for p in problems)


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
    one_error_at("::: {niveau=centerchef}\nTekst ![x](y.png).\n:::", 2, "eget afsnit")
    one_error_at("::: {niveau=centerchef}\nTekst.\n\n```værdier\n- navn: A\n  tekst: Se ![x](y.png).\n```\n:::",
                 6, "eget afsnit")
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
    ("| Navn | Rolle |\n|------|-------|\n| A | B | C |", 3, "rækken har 3 celler"),
    ("Navn | Rolle\n--- | ---\nA | B | C", 3, "rækken har 3 celler"),
    ("| A | B |", 1, "linjen ligner en tabel"),
    ("| A | B |\n| C | D |", 1, "linjen ligner en tabel"),
    ("- punkt\n\n  | A | B |\n  |---|---|", 3, "linjen ligner en tabel"),
    ("| A | B |\n|---|---|---|", 2, "har 3 kolonner"),
    ("| A | B |\n|---|---|\n| 1 | 2 |\nKilde: DST", 4, "intet '|'"),
    ("| A | B |\n|---|---|\nTabel 1: Nøgletal", 3, "uden nummer"),
    ("| A | B |\n|---|---|\nTabel:", 3, "tabelteksten er tom"),
    ("Tabel: Nøgletal\n| A | B |\n|---|---|\n| 1 | 2 |", 1, "ikke over den"),
    ("Tabel: Nøgletal\n\n| A | B |\n|---|---|\n| 1 | 2 |", 1, "ikke over den"),
    ("| | |\n|---|---|\n| 1 | 2 |", 1, "overskriftsrække er tom"),
    ("Tekst med en note[^kilde].\n\n[^kilder]: Selve noten.", 1,
     "fodnoten '[^kilde]' har ingen tekst – mente du '[^kilder]'?"),
    ("[^note]: Selve noten.", 1, "fodnoten '[^note]' bruges ikke"),
    ("A[^1].\n\n[^1]: En.\n\n[^1]: To.", 5, "har allerede en tekst (linje 20)"),
    ("A[^1] og B[^1].\n\n[^1]: En.", 1, "er allerede brugt"),
    ("A[^1].\n\n[^1]:", 3, "er tom"),
    ("A[^1].\n\n[^1]: Se [^2].\n\n[^2]: x", 3, "kan ikke have sin egen fodnote"),
    ("## Titel[^1]\n\n[^1]: x", 1, "kan ikke stå i en overskrift"),
    ("> [^1]: Noten i et citat.", 1, "på en linje for sig"),
    ("Tekst [^ 1] her.", 1, "'[^' står uden en fodnotes navn"),
    ("Begreb\n: Forklaring", 2, "definitionsliste"),
    ("Det er ~~ikke~~ vigtigt.", 1, "gennemstreget"),
    ("- punkt\n- [ ] opgave\n- [x] klaret", 2, "afkrydsningsfelter"),
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
    (">-", "  Direktionen\n  leder.\n\n  Se ![x](y.png)\n  her.", 9),  # an image in a sentence
    (">", "  Direktionen.\n\n\n  Se ![x](y.png).", 9),
    # A '|' field starting with a blank line.
    ("|", "\n  Direktionen.\n\n  Se ![x](y.png).", 9),
    ("|", "\n  Se ![x](y.png).", 7),
    (">-", "\n\n  Se\n  ![x](y.png).", 8),
    (">-", "  Se ![x](y.png).", 6),  # nothing folded
    (">-", "\n  Se ![x](y.png).", 7),
    ("|", "  Direktionen.\n\n  Se ![x](y.png).", 8),
])
def test_a_fault_in_a_folded_or_literal_field_is_at_its_line(style, body, n):
    one_error_at(FORUM.format(style=style, body=body), n, "billede")


# --- what the reader keeps and where it looks (each found by a mutant the tests let through) ---

def test_a_stray_closing_fence_loses_nothing_after_it():
    blocks, problems = parse(":::\nTekst efter.")
    assert problems == [line(1) + "':::' lukker en blok, der ikke er åbnet. Slet linjen, eller åbn blokken "
                                  "med fx '::: {niveau=centerchef}'."]
    assert blocks == (Paragraph((Text("Tekst efter."),)),)


def test_messages_start_as_the_author_reads_them():
    _, problems = parse("```forum\nnavn: F\nmedlemmer: A.\nformål: B.\nansvar: |\n  ::: {niveau=direktion}\n  x\n  :::\n```")
    assert problems[0] == line(6) + ("blokke for niveauer kan kun stå direkte i afsnittets tekst, ikke inde i en "
                                     "komponent. Flyt blokken ud under komponenten.")
    _, problems = parse("| a | b |")
    assert problems == [line(1) + "linjen ligner en tabel, men en tabel skal stå helt ude til venstre (ikke i "
                                  "en liste eller et citat) og have en linje som '| --- | --- |' lige under "
                                  "overskriftsrækken. Ret tabellen, eller fjern tegnene '|'."]


@pytest.mark.parametrize("field,n", [
    ("- a\n\n    Tekst.", 4),          # a list first: the list's line
    ("- a\n    - b", 4),                # only a list: its first line
    ("Første\n    linje.\n\n    Anden.", 7),  # a paragraph of two lines, then the second paragraph
    ("Første.\n\n\n    Anden.", 7),
])
def test_a_one_line_field_names_the_line_where_it_stops_being_one_text(field, n):
    one_error_at(f"```værdier\n- navn: Helhed\n  tekst: |\n    {field}\n```", n, "her må kun stå almindelig tekst")


def test_an_unclosed_component_in_a_level_block_further_down_is_at_its_fence():
    one_error_at("Tekst.\n\n::: {niveau=direktion}\nTekst.\n\n```værdier\n- navn: A\n:::", 6,
                 "blokken der starter med '```' lukkes aldrig")


def test_each_wrong_part_of_a_level_fence_is_named():
    _, problems = parse("::: {nivau=centerchef eksampel}\nx\n:::")
    assert problems == [line(1) + "ukendt egenskab 'nivau' – mente du 'niveau'?",
                        line(1) + "ukendt markering 'eksampel' – mente du 'eksempel'?"]
    _, problems = parse("::: {niveau= eksempel}\nx\n:::")
    assert len(problems) == 1 and "niveau 'eksempel' findes ikke" in problems[0]
    # A wrong marking alone is one mistake, not also a missing level.
    _, problems = parse("::: {eksampel}\nx\n:::")
    assert problems == [line(1) + "ukendt markering 'eksampel' – mente du 'eksempel'?"]


def test_a_list_may_have_five_levels_not_six():
    five = "\n".join("  " * depth + f"- niveau {depth}" for depth in range(5))
    blocks, problems = parse(five)
    assert not problems
    six = five + "\n" + "  " * 5 + "- niveau 5"
    one_error_at("Tekst.\n\n" + six, 8, "listen har mere end 5 niveauer")


@pytest.mark.parametrize("table", ["| Navn |", "| Navn | Rolle |\n| A | B |", "  | A | B |\n  |---|---|"])
def test_a_refused_table_leaves_nothing_of_itself_in_the_text(table):
    blocks, problems = parse(f"Før.\n\n{table}\n\nEfter.")
    assert len(problems) == 1 and problems[0].startswith(line(3) + "linjen ligner en tabel")
    assert blocks == (Paragraph((Text("Før."),)), Paragraph((Text("Efter."),)))


def test_two_alike_mistakes_are_each_at_their_own_line():
    _, problems = parse("***\n\nTekst.\n\n***")
    assert [p.split(": fejl")[0] for p in problems] == ["afsnit.md:10", "afsnit.md:14"]
    _, problems = parse("Se [a](javascript:a()).\n\nSe [b](javascript:a()).")
    assert [p.split(": fejl")[0] for p in problems] == ["afsnit.md:10", "afsnit.md:12"]
    assert "linket 'javascript:a()' er ikke tilladt" in problems[0]


def test_an_image_with_formatted_alt_text_is_found():
    one_error_at("Tekst.\n\n![*fed* kort](x.png)", 3, "findes ikke")
    one_error_at("Tekst.\n\nSe ![*fed* kort](x.png).", 3, "eget afsnit")


@pytest.mark.parametrize("text", ["- a\n\n    b\n- c\n  - d", "- a\n\n    b\n\n- c\n  - d"])
def test_list_items_keep_every_paragraph_and_their_text_once(text):
    (lst,), problems = parse(text)
    assert not problems
    first, second = lst.items
    assert first == (Paragraph((Text("a"),)), Paragraph((Text("b"),)))
    assert second[0] == Paragraph((Text("c"),)) and len(second) == 2 and isinstance(second[1], ListBlock)


def test_a_wrapped_line_starting_with_a_number_stays_text():
    (para,), problems = parse("Vi mødes igen den\n15. maj i salen.")
    assert not problems and para == Paragraph((Text("Vi mødes igen den\n15. maj i salen."),))


def test_html_after_an_image_on_the_same_line_is_found_there():
    _, problems = parse("Tekst <i>før</i>.\n\nSe ![kort](x.png) og <b>fed</b>.")
    assert [p.split(": fejl: ")[0] for p in problems] == ["afsnit.md:10", "afsnit.md:12"]
    _, problems = parse("Tekst.\n\nSe ![kort](x.png) og <b>fed</b>.")
    assert [p.split(": fejl: ")[0] for p in problems] == ["afsnit.md:12", "afsnit.md:12"]


def test_every_heading_level_from_two_to_four_is_a_heading():
    blocks, problems = parse("## To\n\n### Tre\n\n#### Fire")
    assert not problems
    assert [(b.level, b.content) for b in blocks] == [(2, (Text("To"),)), (3, (Text("Tre"),)), (4, (Text("Fire"),))]


def test_a_backslash_at_the_end_of_a_line_breaks_the_line():
    (para,), problems = parse("Første linje\\\nanden linje. Et tegn \\\\\nbliver.")
    assert not problems
    assert para == Paragraph((Text("Første linje"), LineBreak(), Text("anden linje. Et tegn \\\nbliver.")))

