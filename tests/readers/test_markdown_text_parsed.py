"""What a section's Markdown is read as, block by block, and each mistake's whole message at its
exact line: the model the writers get, not just that some block or some error came out."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import (
    Emphasis, Heading, LevelSlot, LineBreak, Link, ListBlock, Note, Paragraph, Quote, Strong, Table, Text,
    ValueList,
)
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks, parse_inline

# An organisation with levels and a function, so both axes of a level block can be read.
from test_markdown_properties import ORG

START = 10  # the body's first line in the file, as after a front matter


def parse(text: str, slots_allowed: bool = True, ctx: ReadContext | None = None):
    ctx = ctx or ReadContext(Problems(), ORG)
    blocks = parse_blocks(text, Location(Path("afsnit.md"), START), ctx, slots_allowed=slots_allowed)
    return blocks, [str(p) for p in ctx.problems.items]


def at(n: int, message: str) -> str:
    """The whole message for the n-th line of the text (1-based)."""
    return f"afsnit.md:{START + n - 1}: fejl: {message}"


def para(*content) -> Paragraph:
    return Paragraph(tuple(Text(c) if isinstance(c, str) else c for c in content))


def role(block: LevelSlot) -> tuple[str, str]:
    return block.role.axis, block.role.id


# --- level blocks -----------------------------------------------------------------------

def test_a_function_block_is_read_with_its_text():
    (slot,), problems = parse("::: {funktion=ledere-af-ledere}\nTekst.\n:::")
    assert not problems
    assert role(slot) == ("funktion", "ledere-af-ledere")
    assert slot.blocks == (para("Tekst."),)
    assert (slot.example, slot.none_declared, slot.location.line) == (False, False, START)


def test_a_quoted_level_name_is_read_without_its_quotes():
    (slot,), problems = parse("::: {niveau='direktion' eksempel}\nx\n:::")
    assert not problems and role(slot) == ("niveau", "direktion") and slot.example


@pytest.mark.parametrize("text,n,message", [
    ("::: {niveau=}\nx\n:::", 1, "'niveau=' mangler et navn efter '='. Skriv fx '::: {niveau=centerchef}'."),
    ("::: {funktion=}\nx\n:::", 1, "'funktion=' mangler et navn efter '='. Skriv fx '::: {funktion=...}'."),
    ("::: {eksempel}\nx\n:::", 1, "blokken mangler et niveau eller en funktion, fx '::: {niveau=centerchef}'."),
    ("::: niveau=direktion\nx\n:::", 1,
     "'::: niveau=direktion' kan ikke læses. Skriv fx '::: {niveau=centerchef}' med tuborgklammer."),
    ("::: {niveau=direktion}\n::: {niveau=centerchef}\nx\n:::", 2,
     "blokke for niveauer kan ikke ligge inden i hinanden. Luk blokken fra linje 10 med ':::' før den "
     "næste åbnes."),
    ("::: {niveau=centerchef}\n:::", 1, "blokken er tom. Skriv konkretiseringen, eller markér den "
                                       "'::: {niveau=centerchef ingen}', hvis niveauet ikke skal have en."),
    ("::: {funktion=ledere-af-ledere}\n:::", 1, "blokken er tom. Skriv konkretiseringen, eller markér den "
                                               "'::: {funktion=ledere-af-ledere ingen}', hvis niveauet ikke "
                                               "skal have en."),
    ("::: {niveau=direktion ingen}\nx\n:::", 1, "blokken er markeret 'ingen' (ingen konkretisering), men har "
                                               "tekst. Fjern enten teksten eller markeringen."),
    ("Tekst\n\n::: {niveau=direktion}\nx", 3, "blokken der starter her lukkes aldrig. Afslut den med en "
                                             "linje med ':::'."),
    ("Tekst\n:::\nMere", 2, "':::' lukker en blok, der ikke er åbnet. Slet linjen, eller åbn blokken med fx "
                            "'::: {niveau=centerchef}'."),
    ("::: {niveau=direktion ekspempel}\nx\n:::", 1, "ukendt markering 'ekspempel' – mente du 'eksempel'?"),
    ("::: {nivo=direktion}\nx\n:::", 1, "ukendt egenskab 'nivo' – mente du 'niveau'?"),
    ("::: {funktion=ledere-af-leder}\nx\n:::", 1, "funktion 'ledere-af-leder' findes ikke – mente du 'ledere-af-ledere'?"),
])
def test_each_level_block_mistake_is_one_whole_message_at_its_line(text, n, message):
    _, problems = parse(text)
    assert problems == [at(n, message)]


def test_two_roles_in_one_block_keep_the_first():
    (slot,), problems = parse("::: {niveau=direktion niveau=centerchef}\nx\n:::")
    assert problems == [at(1, "en blok gælder ét niveau eller én funktion. Lav en blok for hver.")]
    assert role(slot) == ("niveau", "direktion") and slot.blocks == (para("x"),)


def test_an_unknown_flag_leaves_the_block_read_without_it():
    (slot,), problems = parse("::: {niveau=direktion ekspempel}\nx\n:::")
    assert len(problems) == 1
    assert slot.blocks == (para("x"),) and not slot.example and not slot.none_declared


def test_an_unclosed_block_with_text_is_said_and_the_next_one_is_read():
    blocks, problems = parse("::: {niveau=direktion}\nTekst.\n\n::: {niveau=centerchef}\nAndet.\n:::\n\nEfter.")
    assert problems == [at(1, "blokken der starter her lukkes ikke før den næste blok på linje 13. Afslut den "
                              "med en linje med ':::'.")]
    slot, after = blocks
    assert role(slot) == ("niveau", "centerchef") and slot.blocks == (para("Andet."),)
    assert slot.location.line == 13 and after == para("Efter.")


def test_a_component_inside_a_level_block_is_read_into_it():
    (slot,), problems = parse("::: {niveau=direktion}\n```værdier\n- navn: A\n  tekst: b\n```\nEfter.\n:::")
    assert not problems
    values, after = slot.blocks
    assert isinstance(values, ValueList) and [v.name for v in values.values] == ["A"]
    assert after == para("Efter.")


def test_a_level_block_in_a_component_field_or_another_block_ends_the_reading():
    _, problems = parse("Tekst.\n::: {niveau=direktion}\nx\n:::", slots_allowed=False)
    assert problems == [at(2, "blokke for niveauer kan kun stå direkte i afsnittets tekst, ikke inde i en "
                              "komponent. Flyt blokken ud under komponenten.")]


def test_a_role_in_an_organisation_without_functions_names_the_organisation():
    from test_markdown_text import ORG as ORG_WITHOUT_FUNCTIONS

    _, problems = parse("::: {funktion=x}\ny\n:::", ctx=ReadContext(Problems(), ORG_WITHOUT_FUNCTIONS))
    assert problems == [at(1, "funktion 'x' findes ikke: der er ingen funktioner for Kommune. Tilføj dem i "
                              "organisationens fil.")]


def test_without_the_organisation_a_block_is_left_out_without_a_second_error():
    # The organisation's own file had the error (said there); its level blocks cannot be checked.
    blocks, problems = parse("Før.\n\n::: {niveau=direktion}\nx\n:::\n\nEfter.",
                             ctx=ReadContext(Problems(), None, roles_known=False))
    assert blocks == (para("Før."), para("Efter.")) and not problems


# --- components -------------------------------------------------------------------------

@pytest.mark.parametrize("text,n,message", [
    ("Tekst.\n\n```vaerdier\nx: 1\n```\n\nEfter.", 3, "ukendt komponent 'vaerdier' – mente du 'værdier'?"),
    ("Tekst.\n\n```værdier\n# kun en kommentar\n```\n\nEfter.", 3,
     "komponenten 'værdier' er tom. Skriv dens indhold mellem linjerne med '```', eller slet blokken."),
])
def test_a_component_that_cannot_be_read_is_left_out_and_the_text_around_it_kept(text, n, message):
    blocks, problems = parse(text)
    assert problems == [at(n, message)]
    assert blocks == (para("Tekst."), para("Efter."))


@pytest.mark.parametrize("text,n,message", [
    ("Tekst.\n\n```værdier\n- navn: A\n  tekst: b\n::: {niveau=direktion}\nx\n:::", 3,
     "blokken der starter med '```' lukkes aldrig før den næste blok på linje 15. Afslut den med en linje "
     "med '```'."),
    ("Tekst.\n\n```værdier\n- navn: A\n  tekst: b\n```forum\nnavn: x\n```", 3,
     "blokken der starter med '```' lukkes aldrig før den næste blok på linje 15. Afslut den med en linje "
     "med '```'."),
    ("Tekst.\n\n~~~værdier\n- navn: A", 3, "blokken der starter med '~~~' lukkes aldrig. Afslut den med en "
                                            "linje med '~~~'."),
])
def test_an_unclosed_component_fence_is_said_where_it_opens_and_ends_the_reading(text, n, message):
    blocks, problems = parse(text)
    assert problems == [at(n, message)]
    assert blocks == (para("Tekst."),)


def test_a_fence_without_a_kind_lists_the_kinds():
    _, (problem,) = parse("```\nx: 1\n```")
    assert problem.startswith(at(1, "skriv komponentens type lige efter '```', fx '```værdier'. Typer: værdier, "
                                    "forum, temaer, "))
    assert problem.endswith(", citat.")


@pytest.mark.parametrize("fence,closing", [("~~~", "~~~"), ("```", "````"), ("````", "````")])
def test_a_component_fence_may_be_tildes_or_longer(fence, closing):
    blocks, problems = parse(f"Før.\n\n{fence}værdier\n- navn: A\n  tekst: b\n{closing}\n\nEfter.")
    assert not problems
    before, values, after = blocks
    assert (before, after) == (para("Før."), para("Efter."))
    assert [(v.name, v.text) for v in values.values] == [("A", (Text("b"),))]


def test_text_right_under_a_closing_fence_is_kept():
    blocks, problems = parse("```værdier\n- navn: A\n  tekst: b\n```\nEfter.\n::: {niveau=direktion}\nx\n:::\nSidst.")
    assert not problems
    values, after, slot, last = blocks
    assert isinstance(values, ValueList) and after == para("Efter.") and last == para("Sidst.")
    assert slot.blocks == (para("x"),) and slot.location.line == 15


# --- footnotes --------------------------------------------------------------------------

def note(*paragraphs: str) -> Note:
    return Note(tuple(para(p) for p in paragraphs))


def test_a_note_of_several_lines_and_paragraphs_is_read_whole():
    text = ("Tekst[^1].\n\n[^1]: Første linje\nanden linje\n    indrykket linje\n\n    Nyt afsnit i noten.\n"
            "\tMed tabulator.\n\nEfter.")
    blocks, problems = parse(text)
    assert not problems
    assert blocks == (para("Tekst", note("Første linje\nanden linje\nindrykket linje",
                                         "Nyt afsnit i noten.\nMed tabulator."), "."),
                      para("Efter."))


def test_a_note_ends_at_a_list_a_fence_or_a_new_note():
    text = ("A[^1] B[^2] C[^3].\n\n[^1]: En\n- punkt\n\n[^2]: To\n[^3]: Tre\n```værdier\n- navn: V\n  tekst: t\n```")
    blocks, problems = parse(text)
    assert not problems
    first, items, values = blocks
    assert first == para("A", note("En"), " B", note("To"), " C", note("Tre"), ".")
    assert items == ListBlock(False, ((para("punkt"),),), 1)
    assert isinstance(values, ValueList)


def test_a_note_text_inside_a_component_is_left_to_the_component():
    # An unclosed fence stops the search for note texts: the rest is said when the fence is read.
    _, problems = parse("A[^1].\n\n```værdier\n[^1]: i komponenten")
    assert problems == [
        at(1, "fodnoten '[^1]' har ingen tekst. Skriv '[^1]: Notens tekst.' på en linje for sig i afsnittet."),
        at(3, "blokken der starter med '```' lukkes aldrig. Afslut den med en linje med '```'."),
    ]


@pytest.mark.parametrize("text,blocks,errors", [
    ("A[^1].\n\n[^1]: En.\n[^1]: To.", (para("A", note("En."), "."),),
     [at(4, "fodnoten '[^1]' har allerede en tekst (linje 12). Giv noterne hver sit navn, eller saml teksten i én.")]),
    ("A[^1].\n\n[^1]:", (para("A."),),
     [at(3, "fodnoten '[^1]' er tom. Skriv notens tekst efter '[^1]:', eller slet linjen.")]),
    ("A.\n\n[^1]: Ubrugt.", (para("A."),),
     [at(3, "fodnoten '[^1]' bruges ikke i teksten. Sæt '[^1]' ind, hvor noten hører til, eller slet noten.")]),
    ("A[^1].\n\n[^1]: Note med[^2].\n[^2]: Anden.", (para("A", note("Note med."), "."),),
     [at(3, "fodnoten '[^2]' står i en fodnotes egen tekst, og en fodnote kan ikke have sin egen fodnote. "
            "Skriv teksten direkte i noten.")]),
    ("A[^noet].\n\n[^note]: En.", (para("A."),), [at(1, "fodnoten '[^noet]' har ingen tekst – mente du '[^note]'?")]),
    ("A[^x].", (para("A."),),
     [at(1, "fodnoten '[^x]' har ingen tekst. Skriv '[^x]: Notens tekst.' på en linje for sig i afsnittet.")]),
    ("A[^1] og\nB[^1].\n\n[^1]: En.", (para("A", note("En."), " og\nB."),),
     [at(2, "fodnoten '[^1]' er allerede brugt (linje 10). En fodnote kan kun stå ét sted; giv den nye note sit "
            "eget navn og sin egen tekst.")]),
    ("Tekst.\n\n## Overskrift[^1]\n\n[^1]: En.", (para("Tekst."), Heading(2, (Text("Overskrift"),), "overskrift")),
     [at(3, "en fodnote kan ikke stå i en overskrift. Sæt '[^...]' i teksten under overskriften.")]),
])
def test_each_note_mistake_is_one_whole_message_at_its_line(text, blocks, errors):
    assert parse(text) == (blocks, errors)


def test_a_note_inside_emphasis_in_a_heading_is_taken_out_of_it():
    # This crashed the reading ("Uventet fejl") before: the formatting was rebuilt from every
    # dataclass entry, the ClassVar 'kind' among them.
    (heading,), problems = parse("## Om *ledelse[^1]* i dag\n\n[^1]: En.")
    assert problems == [at(1, "en fodnote kan ikke stå i en overskrift. Sæt '[^...]' i teksten under overskriften.")]
    assert heading == Heading(2, (Text("Om "), Emphasis((Text("ledelse"),)), Text(" i dag")), "om-ledelse-i-dag")
    (heading,), _ = parse("## Se [**her[^1]**](https://kommune.dk)\n\n[^1]: En.")
    assert heading.content == (Text("Se "), Link("https://kommune.dk", (Strong((Text("her"),)),)))
