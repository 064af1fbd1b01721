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
    ("::: {funktion=ledere-af-leder}\nx\n:::", 1,
     "funktion 'ledere-af-leder' findes ikke – mente du 'ledere-af-ledere'?"),
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
    blocks, problems = parse("Tekst.\n::: {niveau=direktion}\nx\n:::", slots_allowed=False)
    assert problems == [at(2, "blokke for niveauer kan kun stå direkte i afsnittets tekst, ikke inde i en "
                              "komponent. Flyt blokken ud under komponenten.")]
    assert blocks == (para("Tekst."),)
    # The text of a level block is read with in_slot: a block opened in it is said at its line.
    ctx = ReadContext(Problems(), ORG)
    blocks = parse_blocks("Tekst.\n:: {niveau=direktion}\nx\n:::", Location(Path("afsnit.md"), START), ctx,
                          in_slot=True)
    assert blocks == (para("Tekst."),)
    assert [str(p) for p in ctx.problems.items] == [
        at(2, "en blok for et niveau åbnes og lukkes med præcis tre koloner (':::'), men her står 2. Ret linjen "
              "til ':::'."),
        at(2, "blokke for niveauer kan ikke ligge inden i hinanden. Luk den ydre blok med ':::' før den næste "
              "åbnes."),
    ]


@pytest.mark.parametrize("text", ["Tekst.\n\n::: {niveau=direktion}\nx",
                                  "Tekst.\n\n::: {niveau=direktion}\n::: {niveau=centerchef}\nx\n:::",
                                  "Tekst.\n\n::: {niveau=direktion}\n```værdier\n- navn: A\n:::"])
def test_a_block_that_cannot_be_read_past_keeps_the_text_before_it(text):
    blocks, problems = parse(text)
    assert blocks == (para("Tekst."),) and len(problems) == 1


def test_a_role_in_an_organisation_without_functions_names_the_organisation():
    from test_markdown_text import ORG as ORG_WITHOUT_FUNCTIONS

    _, problems = parse("::: {funktion=x}\ny\n:::", ctx=ReadContext(Problems(), ORG_WITHOUT_FUNCTIONS))
    assert problems == [at(1, "funktion 'x' findes ikke: der er ingen funktioner for Kommune. Tilføj dem i "
                              "organisationens fil.")]


def test_a_level_block_without_any_organisation_says_there_are_no_levels():
    _, problems = parse("::: {niveau=x}\ny\n:::", ctx=ReadContext(Problems(), None))
    assert problems == [at(1, "niveau 'x' findes ikke: der er ingen niveauer. Tilføj dem i organisationens fil.")]


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


# --- one-line fields ----------------------------------------------------------------------

def inline(text: str):
    ctx = ReadContext(Problems(), ORG)
    content = parse_inline(text, Location(Path("afsnit.md"), START), ctx)
    return content, [str(p) for p in ctx.problems.items]


ONE_TEXT = ("her må kun stå almindelig tekst uden tomme linjer, lister eller overskrifter. Saml teksten, "
            "eller flyt resten ud af feltet.")


@pytest.mark.parametrize("text,n", [("En\n\nTo", 3), ("En\n- to", 2), ("- en\n- to", 1), ("## Ov", 1),
                                    ("En\nto\n\n## tre", 4), ("\n- en", 2)])
def test_a_one_line_field_with_more_than_one_text_is_refused_at_the_line_it_stops(text, n):
    assert inline(text) == ((), [at(n, ONE_TEXT)])


def test_a_one_line_field_is_its_inline_content():
    assert inline("Én **linje**\nmed [et link](https://kommune.dk)") == (
        (Text("Én "), Strong((Text("linje"),)), Text("\nmed "), Link("https://kommune.dk", (Text("et link"),))), [])
    assert inline("") == ((), []) and inline("  \n") == ((), [])


# --- tables -----------------------------------------------------------------------------

def cells(*texts: str) -> tuple:
    return tuple((Text(t),) if t else () for t in texts)


def test_a_table_is_read_cell_by_cell_with_alignment_and_caption():
    text = ("Før.\n\n| A | *B* | C | D |\n|:--:|--:|:--|---|\n| **1** | a\\|b |  | `x` |\n"
            "tabel : Små *tal*\nEfter.")
    blocks, problems = parse(text)
    assert not problems
    before, table, after = blocks
    assert (before, after) == (para("Før."), para("Efter."))
    assert table == Table(header=(cells("A")[0], (Emphasis((Text("B"),)),), cells("C")[0], cells("D")[0]),
                          rows=(((Strong((Text("1"),)),), (Text("a|b"),), (), (Text("x"),)),),
                          alignments=("center", "right", "left", ""),
                          caption=(Text("Små "), Emphasis((Text("tal"),))))


def test_a_table_without_body_rows_or_outer_pipes():
    blocks, problems = parse("A | B\n---|---\n\nEfter.")
    assert not problems
    assert blocks == (Table(header=cells("A", "B"), rows=(), alignments=("", ""), caption=()), para("Efter."))


def test_a_cell_that_starts_like_a_list_or_heading_is_text():
    (table,), problems = parse("| Dato | Tal |\n|---|---|\n| 1. kvartal | - 5 % |\n| # 1 | > 2 |")
    assert not problems
    assert table.rows == (cells("1. kvartal", "- 5 %"), cells("# 1", "> 2"))


def test_a_caption_over_a_table_is_said_and_the_table_is_read():
    blocks, problems = parse("Tabel: Over\n\n| A | B |\n|---|---|\n| 1 | 2 |")
    assert problems == [at(1, "tabelteksten ('Tabel: ...') skal stå på linjen lige under tabellen, ikke over "
                              "den. Flyt linjen ned under tabellens sidste række.")]
    assert blocks == (Table(header=cells("A", "B"), rows=(cells("1", "2"),), alignments=("", ""), caption=()),)


def test_a_caption_line_in_a_paragraph_over_a_table_is_text():
    blocks, problems = parse("Tekst.\nTabel: Ikke alene\n| A | B |\n|---|---|")
    assert not problems
    assert blocks == (para("Tekst.\nTabel: Ikke alene"),
                      Table(header=cells("A", "B"), rows=(), alignments=("", ""), caption=()))


@pytest.mark.parametrize("text,errors", [
    ("| A | B |\n|---|\n| 1 | 2 |",
     [(2, "linjen under tabellens overskriftsrække har 1 kolonner, men overskriftsrækken har 2. Skriv én '---' "
          "for hver kolonne, fx '| --- | --- |'.")]),
    ("|  |  |\n|---|---|\n| 1 | 2 |",
     [(1, "tabellens overskriftsrække er tom. Skriv en overskrift over hver kolonne: den læses op for hver "
          "celle under den.")]),
    ("| A | B |\n|---|:|\n| 1 | 2 |",
     [(2, "linjen under tabellens overskriftsrække skal have '---' i hver kolonne (med ':' for at stille "
          "teksten til venstre, højre eller i midten), fx '| :--- | ---: |'.")]),
    ("| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |",
     [(3, "rækken har 3 celler, men tabellens overskriftsrække har 2. Giv alle rækker lige mange celler adskilt "
          "af '|' (en tom celle skrives '| |')."),
      (4, "rækken har 1 celler, men tabellens overskriftsrække har 2. Giv alle rækker lige mange celler adskilt "
          "af '|' (en tom celle skrives '| |').")]),
    ("| A | B |\n|---|---|\n| 1 | 2 |\nTabel 3: Tal",
     [(4, "skriv tabelteksten uden nummer, fx 'Tabel: Nøgletal 2015'. Tabellerne nummereres automatisk.")]),
    ("| A | B |\n|---|---|\n| 1 | 2 |\nTabel:  ",
     [(4, "tabelteksten er tom. Skriv den efter 'Tabel:', eller slet linjen.")]),
    ("| A | B |\n|---|-x-|\n| 1 | 2 |",
     [(1, "linjen ligner en tabel, men en tabel skal stå helt ude til venstre (ikke i en liste eller et citat) "
          "og have en linje som '| --- | --- |' lige under overskriftsrækken. Ret tabellen, eller fjern tegnene "
          "'|'.")]),
])
def test_each_table_mistake_is_said_at_its_line_and_the_table_left_out(text, errors):
    assert parse(text + "\n\nEfter.") == ((para("Efter."),), [at(n, m) for n, m in errors])


def test_text_right_under_a_table_is_said_and_kept():
    blocks, problems = parse("| A | B |\n|---|---|\n| 1 | 2 |\nTekst lige under")
    assert problems == [at(4, "linjen står lige under tabellen, men er ikke en række (den har intet '|'). Sæt "
                              "en tom linje mellem tabellen og teksten, eller skriv 'Tabel: ...', hvis det er "
                              "tabellens tekst.")]
    assert blocks == (para("Tekst lige under"),)


def test_a_table_indented_by_one_space_is_refused():
    blocks, problems = parse(" | A | B |\n |---|---|\n\nEfter.")
    assert problems == [at(1, "linjen ligner en tabel, men en tabel skal stå helt ude til venstre (ikke i en "
                              "liste eller et citat) og have en linje som '| --- | --- |' lige under "
                              "overskriftsrækken. Ret tabellen, eller fjern tegnene '|'.")]
    assert blocks == (para("Efter."),)


def test_a_table_in_a_list_is_refused_and_leaves_the_list():
    blocks, problems = parse("- punkt\n\n  | A | B |\n  |---|---|")
    assert problems == [at(3, "linjen ligner en tabel, men en tabel skal stå helt ude til venstre (ikke i en "
                              "liste eller et citat) og have en linje som '| --- | --- |' lige under "
                              "overskriftsrækken. Ret tabellen, eller fjern tegnene '|'.")]
    assert blocks == (ListBlock(False, ((para("punkt"),),), 1),)


# --- headings, rules, code and the Markdown that cannot be shown --------------------------

@pytest.mark.parametrize("text,n,message", [
    ("Tekst.\n\n##### Dyb", 3, "overskriften er 5 niveauer dyb; brug højst '####'."),
    ("Tekst.\n\n# Titel", 3, "overskrifter i teksten starter med '##': '#' er afsnittets titel (feltet 'titel')."),
    ("> # Titel", 1, "overskrifter i teksten starter med '##': '#' er afsnittets titel (feltet 'titel')."),
    ("Tekst\n=====", 2, "en linje med '=' under teksten gør den til en overskrift på øverste niveau, og det er "
                        "afsnittets titel. Skriv overskriften som '## Overskrift'."),
    ("Tekst\n\n---\n\nMere", 3, "vandrette streger ('---' eller '***') bruges ikke i teksten. Start i stedet et "
                                "nyt afsnit med '##'."),
    ("Tekst\n\n    kode her\n\nMere", 3, "indrykket tekst læses som kode og understøttes ikke. Fjern "
                                          "indrykningen (4 mellemrum) foran linjerne."),
    ("Det er ~~slettet~~ nu.", 1, "gennemstreget tekst ('~~...~~') kan ikke bruges. Fjern tegnene '~~', eller "
                                  "slet teksten."),
    ("- [ ] opgave\n- [x] gjort", 1, "afkrydsningsfelter ('- [ ]') kan ikke bruges. Skriv punktet uden '[ ]'."),
    ("Begreb\n: forklaring", 2, "en linje, der starter med ': ', ville blive en definitionsliste, og den kan ikke "
                                "bruges. Skriv i stedet '**Begreb**: forklaring' på én linje, eller brug en "
                                "liste med '- '."),
    ("Tekst.\n> [^1]: note", 2, "en fodnotes tekst ('[^1]: ...') skal stå på en linje for sig i afsnittets "
                                 "tekst, ikke i en liste, et citat eller en komponents felt. Flyt linjen ud i "
                                 "afsnittets tekst."),
    ("Se [her](javascript:alert) nu.", 1, "linket 'javascript:alert' er ikke tilladt. Brug en adresse, der "
                                          "starter med https://, http:// eller mailto:."),
    ("Tekst\n\n<b>fed</b>", 3, "HTML-koder er ikke tilladt i teksten. Skriv teksten som almindelig Markdown "
                               "(fx **fed**, *kursiv*, - punkter)."),
    ("Tekst [^ 1] her.", 1, "'[^' står uden en fodnotes navn. Skriv fodnoten som '[^1]' uden mellemrum, eller "
                            "fjern tegnene '[^'."),
    ("Tekst.\n\n![Kort] (billeder/kort.png)", 3,
     "billedet kan ikke læses. Skriv det som '![Alt-tekst](billeder/foto.jpg)' på en linje for sig, med '<' og "
     "'>' om stien, hvis filnavnet har mellemrum: '![Alt-tekst](<billeder/mit foto.jpg>)'."),
])
def test_each_construct_that_cannot_be_shown_is_one_whole_message_at_its_line(text, n, message):
    _, problems = parse(text)
    assert problems == [at(n, message)]


@pytest.mark.parametrize("text,blocks", [
    ("##### Dyb\n\nTekst.", (para("Tekst."),)),
    ("Tekst\n\n---\n\nMere", (para("Tekst"), para("Mere"))),
    ("Tekst\n\n    kode her\n\nMere", (para("Tekst"), para("Mere"))),
    ("Det er ~~slettet~~ nu.", (para("Det er slettet nu."),)),
    ("- [ ] opgave\n- [x] gjort", (ListBlock(False, ((para("opgave"),), (para("gjort"),)), 1),)),
    ("Begreb\n: forklaring", (para("Begreb\nforklaring"),)),
    ("Se [her](javascript:alert) nu.", (para("Se her nu."),)),
    ("Tekst <b>fed</b> og <i>mere</i>.", (para("Tekst fed og mere."),)),
])
def test_what_cannot_be_shown_is_taken_out_and_the_rest_kept(text, blocks):
    assert parse(text)[0] == blocks


def test_a_heading_in_a_list_or_quote_becomes_bold_text():
    blocks, problems = parse("- a\n\n    ## Under\n\n> ### Citeret")
    message = ("overskrifter kan kun stå direkte i afsnittets tekst, ikke i lister, citater eller komponenters "
               "felter. Brug **fed** tekst.")
    assert problems == [at(3, message), at(5, message)]
    assert blocks == (ListBlock(False, ((para("a"), para(Strong((Text("Under"),)))),), 1),
                      Quote((para(Strong((Text("Citeret"),))),)))


def test_headings_of_each_level_get_their_anchors():
    blocks, problems = parse("## Mål\n\n### Mål\n\n#### Del *to*")
    assert not problems
    assert blocks == (Heading(2, (Text("Mål"),), "maal"), Heading(3, (Text("Mål"),), "maal-2"),
                      Heading(4, (Text("Del "), Emphasis((Text("to"),))), "del-to"))


# --- lists, quotes, links and line breaks -------------------------------------------------

def bullets(*items) -> ListBlock:
    return ListBlock(False, tuple(item if isinstance(item, tuple) else (para(item),) for item in items), 1)


def test_lists_nest_by_their_relative_indent():
    blocks, problems = parse("- a\n  - b\n    - c\n- d\n\nTekst.\n\n- e\n      - f")
    assert not problems
    assert blocks == (bullets((para("a"), bullets((para("b"), bullets("c"))),), "d"), para("Tekst."),
                      bullets((para("e"), bullets("f")),))


def test_a_list_right_under_text_or_a_heading_is_a_list():
    blocks, problems = parse("Tekst\n* a\n+ b\n\n## Overskrift\n- c\n\nTo:\n1. en\n2. to")
    assert not problems
    assert blocks == (para("Tekst"), bullets("a", "b"), Heading(2, (Text("Overskrift"),), "overskrift"),
                      bullets("c"), para("To:"), ListBlock(True, ((para("en"),), (para("to"),)), 1))


def test_a_numbered_list_keeps_its_start_and_a_wrapped_number_stays_text():
    blocks, problems = parse("3. tre\n4. fire\n\nDen\n15. maj kom.")
    assert not problems
    assert blocks == (ListBlock(True, ((para("tre"),), (para("fire"),)), 3), para("Den\n15. maj kom."))


def test_five_list_levels_are_read_and_six_refused_at_the_sixth():
    five = "- 1\n    - 2\n        - 3\n            - 4\n                - 5"
    (lst,), problems = parse(five)
    assert not problems
    four_and_five = bullets((para("4"), bullets("5")),)
    assert lst == bullets((para("1"), bullets((para("2"), bullets((para("3"), four_and_five),)),)),)
    blocks, problems = parse("Før.\n\n" + five + "\n                    - 6")
    assert problems == [at(8, "listen har mere end 5 niveauer. Saml underpunkterne, så listen højst har 5 "
                              "niveauer.")]
    assert blocks == ()


def test_three_quote_levels_are_read_and_four_refused_at_the_fourth():
    (quote,), problems = parse("> a\n>> b\n> > > c")
    assert not problems
    assert quote == Quote((para("a"), Quote((para("b"), Quote((para("c"),))))))
    blocks, problems = parse("Før.\n\n> a\n>>>> dybt")
    assert problems == [at(4, "citatet ligger mere end 3 niveauer inde i et andet citat ('>'). Brug højst 3 "
                              "'>' forrest på linjen.")]
    assert blocks == ()


def test_an_overlong_line_is_refused_with_its_length():
    blocks, problems = parse("Før.\n\n" + "x" * 10_001)
    assert problems == [at(3, "linjen er 10001 tegn lang; en linje må højst være 10000 tegn. Del teksten i "
                              "flere afsnit med en tom linje imellem.")]
    assert blocks == ()
    assert parse("x" * 10_000)[0] == (para("x" * 10_000),)


def test_links_mail_addresses_code_and_line_breaks_are_read():
    text = ("[ok](http://x.dk) [mail](mailto:a@b.dk) [intern](#formaal)\nMail <a@b.dk> og `<kode> & x`.\n"
            "Linje\\\nnæste  \nsidste")
    ctx = ReadContext(Problems(), ORG)
    (paragraph,), problems = parse(text, ctx=ctx)
    assert not problems
    assert paragraph == para(Link("http://x.dk", (Text("ok"),)), " ", Link("mailto:a@b.dk", (Text("mail"),)), " ",
                             Link("#formaal", (Text("intern"),)), "\nMail ", Link("mailto:a@b.dk", (Text("a@b.dk"),)),
                             " og <kode> & x.\nLinje", LineBreak(), "næste", LineBreak(), "sidste")
    assert ctx._links == [("formaal", Location(Path("afsnit.md"), START))]


def test_a_quote_keeps_its_lists_and_paragraphs():
    (quote,), problems = parse("> Første.\n>\n> - a\n> - b")
    assert not problems
    assert quote == Quote((para("Første."), bullets("a", "b")))


# --- images -------------------------------------------------------------------------------

from test_image_file import content  # noqa: E402,F401 - the image files the fixture writes


def parse_in(folder: Path, text: str):
    return parse(text, ctx=ReadContext(Problems(), ORG, folder=folder / "publikationer" / "p", content_root=folder))


def shown(image) -> tuple:
    return image.alt, image.caption, image.width, image.decorative, image.location.line


@pytest.mark.parametrize("text,expected", [
    ("![Kort](billeder/mønster.png){bredde='halv' }", ("Kort", (), "halv", False, START)),
    ("![Kort](billeder/mønster.png) {bredde=halv}", ("Kort", (), "halv", False, START)),
    ("![Kort &amp; by](billeder/mønster.png \"A &amp; B\")", ("Kort & by", (Text("A & B"),), "hel", False, START)),
    ("![Kort](billeder/mønster.png \"**Fed** tekst\")",
     ("Kort", (Strong((Text("Fed"),)), Text(" tekst")), "hel", False, START)),
    ("![Kort](billeder/mønster.png \"Enkel tekst\")", ("Kort", (Text("Enkel tekst"),), "hel", False, START)),
    ("![Kort](billeder/mønster.png){dekorativ bredde=tredjedel}", ("", (), "tredjedel", True, START)),
])
def test_an_image_is_read_with_its_alt_text_caption_and_marks(content, text, expected):
    blocks, problems = parse_in(content, "Før.\n\n" + text + "\n\nEfter.")
    assert not problems
    before, image, after = blocks
    assert (before, after) == (para("Før."), para("Efter."))
    assert shown(image) == expected[:-1] + (START + 2,)


@pytest.mark.parametrize("text,message", [
    ("![](billeder/mønster.png)",
     "billedet mangler en alt-tekst: en beskrivelse af billedet for dem, der ikke kan se det. Skriv den mellem "
     "'[' og ']', fx '![Direktøren ved sit skrivebord](...)'. Er billedet kun pynt, så skriv '{dekorativ}' lige "
     "efter det."),
    ("![](billeder/mønster.png \"Tekst\"){dekorativ}",
     "et billede markeret '{dekorativ}' er kun pynt og har ingen billedtekst. Fjern teksten i anførselstegn, "
     "eller fjern '{dekorativ}'."),
    ("![Kort](billeder/mønster.png \"Figur 3: Kort\")",
     "skriv billedteksten uden 'Figur' og nummer, fx \"Direktøren\". Billederne nummereres automatisk."),
    ("![Kort](billeder/mønster.png \"figur2. Kort\")",
     "skriv billedteksten uden 'Figur' og nummer, fx \"Direktøren\". Billederne nummereres automatisk."),
    ("![Kort](billeder/mønster.png){bredde=kvart}",
     "bredden 'kvart' findes ikke. Gyldige værdier: 'hel', 'halv', 'tredjedel'."),
    ("![Kort](billeder/mønster.png){brede=halv}", "ukendt markering 'brede=halv' ved billedet – mente du 'bredde'?"),
    ("![Kort](billeder/mønster.png){dekorativ=ja}",
     "markeringen 'dekorativ' ved billedet har ingen værdi: skriv den alene, {dekorativ}."),
    ("![Kort](billeder/mønster.png){bredde}",
     "markeringen 'bredde' ved billedet mangler sin værdi, fx {bredde=halv}. "
     "Gyldige værdier: 'hel', 'halv', 'tredjedel'."),
])
def test_each_image_mistake_is_one_whole_message_and_the_image_left_out(content, text, message):
    assert parse_in(content, "Før.\n\n" + text) == ((para("Før."),), [at(3, message)])


def test_a_note_in_a_caption_is_refused():
    assert parse_in(Path("."), "![Kort](billeder/mønster.png \"Kilde[^1]\")\n\n[^1]: x")[1] == [
        at(1, "en billedtekst kan ikke have fodnoter. Skriv kilden i selve billedteksten, fx 'Foto: Navn'."),
        at(3, "fodnoten '[^1]' bruges ikke i teksten. Sæt '[^1]' ind, hvor noten hører til, eller slet noten."),
    ]


def test_an_image_in_a_sentence_is_refused_and_the_next_image_is_read(content):
    blocks, problems = parse_in(content, "Tekst ![a](b.png)\n\n![Kort](billeder/mønster.png)")
    assert problems == [at(1, "et billede skal stå i sit eget afsnit direkte i afsnittets tekst, med en tom "
                              "linje før og efter – ikke inde i en sætning, en liste, en tabel eller en komponent. "
                              "Flyt '![...](...)' ud på sin egen linje.")]
    text, image = blocks
    assert text == para("Tekst ") and shown(image) == ("Kort", (), "hel", False, START + 2)


# --- where a note's text ends -------------------------------------------------------------

@pytest.mark.parametrize("text,blocks", [
    ("A[^1].\n\n[^1]: En\n\nIkke indrykket.", (para("A", note("En"), "."), para("Ikke indrykket."))),
    ("A[^1].\n\n[^1]: En\n  \n\n  To.", (para("A", note("En", "To."), "."),)),
    ("A[^1].\n\n   [^1]: Tre mellemrum.", (para("A", note("Tre mellemrum."), "."),)),
    ("A[^1].\n\n[^1]: En\n        dybt", (para("A", note("En\n    dybt"), "."),)),
    ("A[^1].\n\n[^1]: En\n## Overskrift",
     (para("A", note("En"), "."), Heading(2, (Text("Overskrift"),), "overskrift"))),
    ("A[^1].\n\n[^1]: En\n::: {niveau=direktion}\nx\n:::", (para("A", note("En"), "."),)),
    ("A[^1].\n\n[^1]: En\n| A | B |\n|---|---|", (para("A", note("En"), "."),
                                                  Table(cells("A", "B"), (), ("", ""), ()))),
])
def test_a_note_text_ends_where_its_indented_lines_and_paragraph_end(text, blocks):
    read, problems = parse(text)
    assert not problems
    assert read[:len(blocks)] == blocks


def test_a_note_text_after_a_component_is_found_and_the_component_keeps_its_lines():
    blocks, problems = parse("A[^1].\n\n```værdier\n- navn: V\n  tekst: t\n```\n[^1]: Noten")
    assert not problems
    first, values = blocks
    assert first == para("A", note("Noten"), ".") and [v.name for v in values.values] == ["V"]
    # After a component left open before a level block, the note texts further down are still found.
    blocks, problems = parse("A[^1].\n\n```værdier\n- navn: A\n  tekst: b\n::: {niveau=direktion}\nx\n:::\n"
                             "[^1]: Noten")
    assert problems == [at(3, "blokken der starter med '```' lukkes aldrig før den næste blok på linje 15. "
                              "Afslut den med en linje med '```'.")]
    assert blocks == (para("A", note("Noten"), "."),)


def test_a_code_span_shows_the_characters_of_refused_constructs():
    assert parse("Se `~~ikke~~`, `- [ ] x` og ``a ` [^1]: b``.") == (
        (para("Se ~~ikke~~, - [ ] x og a ` [^1]: b."),), [])


@pytest.mark.parametrize("text,message", [
    ("Se ![a] (x.png) *fed* og\n![b] (y.png).",
     "billedet kan ikke læses. Skriv det som '![Alt-tekst](billeder/foto.jpg)' på en linje for sig, med '<' og "
     "'>' om stien, hvis filnavnet har mellemrum: '![Alt-tekst](<billeder/mit foto.jpg>)'."),
    ("Se [^ a] *fed* og\n[^ b].", "'[^' står uden en fodnotes navn. Skriv fodnoten som '[^1]' uden mellemrum, "
                                  "eller fjern tegnene '[^'."),
])
def test_characters_left_unread_are_said_once_per_paragraph(text, message):
    # Formatting splits the paragraph's text in parts; the mistake is said once, at its first line.
    assert parse(text)[1] == [at(1, message)]


# --- details the reader must get right ------------------------------------------------------

def test_a_note_keeps_each_line_and_its_mistakes_are_at_their_own_line():
    blocks, problems = parse("A[^1].\n\n[^1]: En\n  Xerxes.\n\n  To ~~x~~.")
    assert problems == [at(6, "gennemstreget tekst ('~~...~~') kan ikke bruges. Fjern tegnene '~~', eller slet "
                              "teksten.")]
    assert blocks == (para("A", note("En\nXerxes.", "To x."), "."),)


def test_a_level_name_is_compared_as_written():
    assert parse("::: {niveau=direktionX}\nx\n:::") == (
        (), [at(1, "niveau 'direktionX' findes ikke – mente du 'direktion'?")])


def test_a_component_with_a_yaml_mistake_is_not_also_called_empty():
    _, problems = parse("```værdier\n- navn: [ubalanceret\n```")
    assert problems == [at(2, "YAML-formatet er ugyldigt: klammen '[' lukkes aldrig. Sæt ']' sidst i listen på "
                              "samme linje.")]


def test_a_row_ending_in_an_escaped_pipe_keeps_it():
    (table,), problems = parse("| A | B |\n|---|---|\n| 1 | 2 \\|")
    assert not problems and table.rows == (cells("1", "2 |"),)


@pytest.mark.parametrize("text,blocks,errors", [
    ("Se `~~` og `~~`.", (para("Se ~~ og ~~."),), []),
    ("Et `tegn alene.", (para("Et `tegn alene."),), []),
    ("Begreb\n: forklaring med `kode`", (para("Begreb\nforklaring med kode"),),
     [at(2, "en linje, der starter med ': ', ville blive en definitionsliste, og den kan ikke bruges. Skriv i "
            "stedet '**Begreb**: forklaring' på én linje, eller brug en liste med '- '.")]),
])
def test_code_spans_are_paired_run_by_run(text, blocks, errors):
    assert parse(text) == (blocks, errors)


def test_a_list_after_text_starts_again_at_the_top_level():
    blocks, problems = parse("- a\n    - b\n\nTekst.\n\n  - c")
    assert not problems
    assert blocks == (bullets((para("a"), bullets("b")),), para("Tekst."), bullets("c"))


def test_a_rule_in_a_one_line_field_is_said_where_the_field_stops_being_one_text():
    # The rule itself is refused at its line; the field's text stops there too, not at its first line.
    assert inline("Tekst\n***\nMere") == ((), [
        at(2, "vandrette streger ('---' eller '***') bruges ikke i teksten. Start i stedet et nyt afsnit med '##'."),
        at(2, ONE_TEXT)])


def test_indented_code_of_several_lines_is_said_at_its_first_line():
    assert parse("Tekst\n\n    kode her\n    mere kode\n\nMere") == (
        (para("Tekst"), para("Mere")),
        [at(3, "indrykket tekst læses som kode og understøttes ikke. Fjern indrykningen (4 mellemrum) foran "
               "linjerne.")])


def test_a_list_item_keeps_the_text_after_its_formatting():
    (lst,), problems = parse("- a *b* c\n- d")
    assert not problems
    assert lst == bullets((para("a ", Emphasis((Text("b"),)), " c"),), "d")
