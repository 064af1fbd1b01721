"""What each structured component reads into the model, and the exact message for each mistake.

Every component is written as an author writes it in a section (a fenced YAML block named by
its kind) and read by the section reader, so each test sees what a writer will get: the whole
model value, not only its type, and each error line as the author reads it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import (
    CompetencyWheel, Competency, Emphasis, FactBox, FocusArea, FocusGrid, Forum, House, Hub, LeadershipRole, Layer,
    LayerModel, ListBlock, Organisation, Package, PackageList, Paragraph, PullQuote, Signer, StatementGroup,
    StatementGroups, Strong, SubTheme, Text, Theme, ThemeList, Value, ValueList,
)
from booklet.readers.components import COMPONENT_READERS, MAX_AROUND, MAX_ROOMS
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks

from test_booklet_components import folder  # noqa: F401 - the fixture: a folder with a portrait and a signature
from test_markdown_text import ROLES

FUNCTIONS = (
    LeadershipRole(id="ledere-af-ledere", name="Ledere af ledere", description="", order=1, axis="funktion",
                   address="Til dig som leder af ledere"),
)
ORG = Organisation("k", "Kommune", "K", "b", "", ROLES, FUNCTIONS, Location(Path("k.yml"), 1))
HTML = "HTML-koder er ikke tilladt i teksten. Skriv teksten som almindelig Markdown (fx **fed**, *kursiv*, - punkter)."


def read(text: str, organisation: Organisation | None = ORG, roles_known: bool = True, folder: Path | None = None):
    """The blocks of a section body that starts on line 10 of afsnit.md, and every problem."""
    problems = Problems()
    ctx = ReadContext(problems, organisation, roles_known=roles_known, folder=folder,
                      content_root=folder.parent.parent if folder else None)
    blocks = parse_blocks(text, Location(Path("afsnit.md"), 10), ctx)
    return blocks, [str(p) for p in problems.items]


def fence(kind: str, *lines: str) -> str:
    """A component: its fence on line 10, its YAML from line 11 on."""
    return "\n".join([f"```{kind}", *lines, "```"])


def one(kind: str, *lines: str, **options):
    """The one block a component reads into, and the problems."""
    blocks, problems = read(fence(kind, *lines), **options)
    assert len(blocks) <= 1, blocks
    return (blocks[0] if blocks else None), problems


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def error(line: int, message: str) -> str:
    return f"afsnit.md:{line}: fejl: {message}"


def test_every_kind_has_its_reader():
    assert sorted(COMPONENT_READERS) == sorted([
        "værdier", "forum", "temaer", "kompetencehjul", "pakker", "udsagnsgrupper", "fokusfelter", "centrum",
        "lagmodel", "hus", "forord", "faktaboks", "citat"])


# --- lists of items ----------------------------------------------------------------------


def test_values_are_read_with_their_names_and_text():
    block, problems = one("værdier", "- navn: Helhed", "  tekst: Vi er *én* kommune.", "- navn: Mod",
                          "  tekst: Vi tør.")
    assert problems == []
    assert block == ValueList((Value("Helhed", (Text("Vi er "), Emphasis((Text("én"),)), Text(" kommune."))),
                               Value("Mod", (Text("Vi tør."),))))


def test_a_value_twice_is_said_at_the_second_with_the_line_of_the_first():
    block, problems = one("værdier", "- navn: Mod", "  tekst: a", "- navn: Helhed", "  tekst: b",
                          "- navn: Mod", "  tekst: c")
    assert problems == [error(15, "værdien 'Mod' findes allerede (linje 11). Navne skal være forskellige.")]
    assert [v.name for v in block.values] == ["Mod", "Helhed", "Mod"]


def test_a_name_used_three_times_names_the_first_each_time():
    _, problems = one("værdier", "- navn: A", "  tekst: a", "- navn: A", "  tekst: b", "- navn: A", "  tekst: c")
    assert problems == [error(13, "værdien 'A' findes allerede (linje 11). Navne skal være forskellige."),
                        error(15, "værdien 'A' findes allerede (linje 11). Navne skal være forskellige.")]


def test_values_without_names_are_said_to_lack_them_not_to_be_duplicates():
    _, problems = one("værdier", "- tekst: a", "- tekst: b")
    assert problems == [error(11, "feltet 'navn' mangler i en værdi. Tilføj fx 'navn: Helhed'."),
                        error(12, "feltet 'navn' mangler i en værdi. Tilføj fx 'navn: Helhed'.")]


def test_a_value_needs_its_text():
    block, problems = one("værdier", "- navn: Helhed")
    assert problems == [error(11, "feltet 'tekst' mangler i en værdi. Tilføj fx 'tekst: ...'.")]
    assert block == ValueList((Value("Helhed", ()),))


@pytest.mark.parametrize("kind,what", [("værdier", "'værdier'"), ("temaer", "'temaer'"),
                                       ("kompetencehjul", "'kompetencehjul'"), ("pakker", "'pakker'"),
                                       ("udsagnsgrupper", "'udsagnsgrupper'"), ("lagmodel", "'lagmodel'"),
                                       ("fokusfelter", "'fokusfelter'")])
def test_a_list_component_written_as_fields_or_empty_is_one_error_at_its_first_line(kind, what):
    _, problems = one(kind, "navn: Helhed")
    assert problems == [error(11, f"{what} skal være en liste, hvor hvert element starter med '- '.")]
    _, problems = one(kind, "[]")
    assert problems == [error(11, f"{what} er en tom liste. Skriv mindst ét element med '- '.")]


def test_an_item_written_on_a_later_line_is_said_at_its_own_line():
    _, problems = one("værdier", "# Vores værdier", "", "- navn: Helhed", "  tekst: a", "", "- tekst: b")
    assert problems == [error(16, "feltet 'navn' mangler i en værdi. Tilføj fx 'navn: Helhed'.")]


# --- forum -------------------------------------------------------------------------------


def test_a_forum_reads_every_part_as_markdown():
    block, problems = one("forum", "navn: Chefforum", "tekst: Et forum.", "medlemmer: Direktører.",
                          "mødes: Ugentligt.", "formål: |", "  - Strategi", "  - Samstemning", "form: Møder.",
                          "arbejdsgang: Oplæg, drøftelse, beslutning.", "indhold: Sager.", "ansvar: Direktionen.")
    assert problems == []
    assert block == Forum(name="Chefforum", anchor="chefforum", intro=(para("Et forum."),), parts=(
        ("members", (para("Direktører."),)),
        ("rhythm", (para("Ugentligt."),)),
        ("purpose", (ListBlock(ordered=False, items=((para("Strategi"),), (para("Samstemning"),))),)),
        ("form", (para("Møder."),)),
        ("workflow", (para("Oplæg, drøftelse, beslutning."),)),
        ("content", (para("Sager."),)),
        ("responsibility", (para("Direktionen."),)),
    ))


def test_a_forums_parts_keep_the_order_the_author_wrote_them_in():
    """A source tells a forum's purpose before its members, or its content before its meetings:
    the parts come out in that order, not in one fixed order (issue 18: HTK's fora)."""
    block, problems = one("forum", "navn: Chefforum", "ansvar: Direktionen.", "indhold: Sager.",
                          "formål: Strategi.", "arbejdsgang: Oplæg.", "mødes: Ugentligt.",
                          "medlemmer: Direktører.", "tekst: Et forum.")
    assert problems == []
    assert [part for part, _ in block.parts] == [
        "responsibility", "content", "purpose", "workflow", "rhythm", "members"]
    assert block.intro == (para("Et forum."),)  # unlabelled: always before the labelled parts
    assert block.part("workflow") == (para("Oplæg."),) and block.part("form") == ()


def test_a_forum_needs_its_name_and_members_only():
    """Not a purpose: HTK's Direktionen has members, meetings and content, and no purpose."""
    block, problems = one("forum", "mødes: Ugentligt.")
    assert problems == [
        error(11, "feltet 'navn' mangler i et forum. Tilføj fx 'navn: Chefforum'."),
        error(11, "feltet 'medlemmer' mangler i et forum. Tilføj fx 'medlemmer: ...'."),
    ]
    assert block == Forum(name="", anchor="forum", intro=(), parts=(("rhythm", (para("Ugentligt."),)),))


def test_an_unknown_forum_field_is_named():
    _, problems = one("forum", "navn: F", "medlemmer: a", "formål: b", "formaal: c")
    assert problems == [error(14, "ukendt felt 'formaal' i et forum – mente du 'formål'?")]


def test_a_misspelt_workflow_field_is_said_at_its_line_with_the_field_it_resembles():
    _, problems = one("forum", "navn: F", "medlemmer: a", "arbejdsgange: b", "formål: c")
    assert problems == [error(13, "ukendt felt 'arbejdsgange' i et forum – mente du 'arbejdsgang'?")]


def test_an_empty_required_forum_part_is_said_where_it_stands():
    _, problems = one("forum", "navn: F", "formål: b", "medlemmer: ''")
    assert problems == [error(13, "feltet 'medlemmer' er tomt. Skriv en tekst.")]


# --- themes ------------------------------------------------------------------------------


THEMES = ("- nr: 1", "  titel: Resultater for borgeren", "  tekst: Om borgeren.", "  underemner:",
          "    - titel: Implementering i bund", "      tagline: Til *dørs*.", "      tekst: Vi følger op.",
          "- nr: 2", "  titel: Sammen")


def test_themes_are_read_with_numbers_subthemes_and_anchors():
    block, problems = one("temaer", *THEMES)
    assert problems == []
    assert block == ThemeList((
        Theme(1, "Resultater for borgeren", "resultater-for-borgeren", (para("Om borgeren."),), (
            SubTheme("Implementering i bund", "implementering-i-bund", (Text("Til "), Emphasis((Text("dørs"),)),
                                                                         Text(".")), (para("Vi følger op."),)),)),
        Theme(2, "Sammen", "sammen", (), ()),
    ))


def test_a_theme_number_twice_is_said_at_the_second():
    _, problems = one("temaer", "- nr: 3", "  titel: A", "- nr: 3", "  titel: B")
    assert problems == [error(13, "temanummeret '3' findes allerede (linje 11). Navne skal være forskellige.")]


def test_themes_without_numbers_are_said_to_lack_them_not_to_be_duplicates():
    block, problems = one("temaer", "- titel: A", "- titel: B")
    assert problems == [error(11, "feltet 'nr' mangler i et tema. Tilføj fx 'nr: 1'."),
                        error(12, "feltet 'nr' mangler i et tema. Tilføj fx 'nr: 1'.")]
    assert [theme.number for theme in block.themes] == [0, 0]


def test_a_theme_and_a_subtheme_without_title_get_an_anchor_all_the_same():
    block, problems = one("temaer", "- nr: 1", "  underemner:", "    - tagline: T", "      tekst: B")
    assert problems == [
        error(11, "feltet 'titel' mangler i et tema. Tilføj fx 'titel: Resultater for borgeren'."),
        error(13, "feltet 'titel' mangler i et underemne. Tilføj fx 'titel: Implementering i bund'."),
    ]
    (theme,) = block.themes
    assert (theme.anchor, theme.subthemes[0].anchor) == ("tema", "underemne")


def test_a_subtheme_needs_its_tagline_and_its_text():
    block, problems = one("temaer", "- nr: 1", "  titel: A", "  underemner:", "    - titel: S")
    assert problems == [
        error(14, "feltet 'tagline' mangler i et underemne. Tilføj fx 'tagline: ...'."),
        error(14, "feltet 'tekst' mangler i et underemne. Tilføj fx 'tekst: ...'."),
    ]
    assert block.themes[0].subthemes == (SubTheme("S", "s", (), ()),)


def test_a_theme_number_must_be_a_whole_number():
    _, problems = one("temaer", "- nr: én", "  titel: A")
    assert problems == [error(11, "feltet 'nr' skal være et helt tal, men her står 'én'.")]


# --- competency wheel ------------------------------------------------------------------


def test_a_competency_wheel_is_read_with_focus_areas_and_bullets():
    block, problems = one("kompetencehjul", '- nr: "4.1"', "  navn: Personlige kompetencer",
                          "  fokusområder: [Én kommune, Borgeren]", "  tekst: Om *dig*.",
                          "  punkter:", "    - Skaber tid", "    - Giver **rum**", "- nr: 4.2", "  navn: Faglige",
                          "  punkter: [Ved noget]")
    assert problems == []
    assert block == CompetencyWheel((
        Competency("4.1", "Personlige kompetencer", "personlige-kompetencer", ("Én kommune", "Borgeren"),
                   (Text("Om "), Emphasis((Text("dig"),)), Text(".")),
                   ((Text("Skaber tid"),), (Text("Giver "), Strong((Text("rum"),))))),
        Competency("4.2", "Faglige", "faglige", (), (), ((Text("Ved noget"),),)),
    ))


def test_a_competency_needs_number_name_and_bullets_and_names_differ():
    block, problems = one("kompetencehjul", "- punkter: [a]", "- nr: 1", "  navn: A", "  punkter: [b]",
                          "- nr: 2", "  navn: A", "  punkter: [c]")
    assert problems == [
        error(11, "feltet 'navn' mangler i en kompetence. Tilføj fx 'navn: Personlige kompetencer'."),
        error(11, "feltet 'nr' mangler i en kompetence. Tilføj fx 'nr: 4.1'."),
        error(15, "kompetencen 'A' findes allerede (linje 12). Navne skal være forskellige."),
    ]
    assert block.competencies[0].anchor == "kompetence"
    _, problems = one("kompetencehjul", "- nr: 1", "  navn: A")
    assert problems == [error(11, "feltet 'punkter' mangler i en kompetence. Tilføj fx "
                                  "'punkter: [...]  (eller en liste med '- ' på hver linje)'.")]


# --- packages --------------------------------------------------------------------------


def test_packages_are_read_with_their_function():
    block, problems = one("pakker", "- titel: Basis", "  tekst: For alle.", "  punkter: [Diplom, Kursus]",
                          "- titel: Ledere af ledere", "  funktion: ledere-af-ledere", "  punkter: [Konflikter]")
    assert problems == []
    assert block == PackageList((
        Package("Basis", "basis", None, (para("For alle."),), ((Text("Diplom"),), (Text("Kursus"),))),
        Package("Ledere af ledere", "ledere-af-ledere", FUNCTIONS[0], (), ((Text("Konflikter"),),)),
    ))


def test_an_unknown_function_is_said_at_its_line_with_a_suggestion():
    block, problems = one("pakker", "- titel: P", "  funktion: ledere-af-leder", "  punkter: [a]")
    assert problems == [error(12, "funktion 'ledere-af-leder' findes ikke – mente du 'ledere-af-ledere'?")]
    assert block.packages[0].function is None


def test_a_function_is_not_checked_when_the_organisation_could_not_be_read():
    block, problems = one("pakker", "- titel: P", "  funktion: ledere-af-ledere", "  punkter: [a]",
                          organisation=None, roles_known=False)
    assert problems == []
    assert block.packages[0].function is None


def test_without_an_organisation_every_function_is_unknown():
    _, problems = one("pakker", "- titel: P", "  funktion: ledere-af-ledere", "  punkter: [a]",
                      organisation=None, roles_known=True)
    assert problems == [error(12, "funktion 'ledere-af-ledere' findes ikke.")]


def test_a_function_that_is_no_text_is_said_once():
    _, problems = one("pakker", "- titel: P", "  funktion: [a]", "  punkter: [a]")
    assert problems == [error(12, "feltet 'funktion' skal være en tekst, men her står en liste.")]


def test_a_package_needs_title_and_items():
    block, problems = one("pakker", "- funktion:", "  tekst: x")
    assert problems == [
        error(11, "feltet 'titel' mangler i en pakke. Tilføj fx 'titel: Basispakke for alle ledere'."),
        error(11, "feltet 'punkter' mangler i en pakke. Tilføj fx "
                  "'punkter: [...]  (eller en liste med '- ' på hver linje)'."),
    ]
    assert block == PackageList((Package("", "pakke", None, (para("x"),), ()),))


# --- statement groups ------------------------------------------------------------------


def test_statement_groups_are_read_and_their_titles_differ():
    block, problems = one("udsagnsgrupper", "- titel: Vi lærer", "  udsagn:", "    - Vi er *nysgerrige*.",
                          "    - Vi tør.", "- titel: Vi lærer", "  udsagn: [Igen]", "- udsagn: [Uden titel]")
    assert problems == [
        error(17, "feltet 'titel' mangler i en gruppe af udsagn. Tilføj fx "
                  "'titel: Vi optimerer processer og forfølger vores mål'."),
        error(15, "gruppen 'Vi lærer' findes allerede (linje 11). Navne skal være forskellige."),
    ]
    assert block == StatementGroups((
        StatementGroup("Vi lærer", "vi-laerer", ((Text("Vi er "), Emphasis((Text("nysgerrige"),)), Text(".")),
                                                 (Text("Vi tør."),))),
        StatementGroup("Vi lærer", "vi-laerer-2", ((Text("Igen"),),)),
        StatementGroup("", "gruppe", ((Text("Uden titel"),),)),
    ))


# --- focus grid ------------------------------------------------------------------------


FOUR = ("- navn: Performance", "  tekst: Optimere.", "- navn: Emergens", "  tekst: Samskabe.",
        "- navn: Compliance", "  tekst: Styr på det.", "- navn: Resiliens", "  tekst: Tilpasse.")


def test_a_focus_grid_is_four_named_fields():
    block, problems = one("fokusfelter", *FOUR)
    assert problems == []
    assert block == FocusGrid((FocusArea("Performance", (Text("Optimere."),)), FocusArea("Emergens", (Text("Samskabe."),)),
                               FocusArea("Compliance", (Text("Styr på det."),)),
                               FocusArea("Resiliens", (Text("Tilpasse."),))))


@pytest.mark.parametrize("count", [1, 3, 5])
def test_a_focus_grid_of_another_size_is_one_error(count):
    items = [f"- navn: F{i}\n  tekst: t" for i in range(count)]
    block, problems = one("fokusfelter", *items)
    assert block is None
    assert problems == [error(11, f"'fokusfelter' skal have præcis fire felter (2 x 2), men har {count}.")]


def test_a_focus_field_needs_name_and_text():
    block, problems = one("fokusfelter", "- navn: A", "- tekst: b", *FOUR[4:])
    assert problems == [error(11, "feltet 'tekst' mangler i et fokusfelt. Tilføj fx 'tekst: ...'."),
                        error(12, "feltet 'navn' mangler i et fokusfelt. Tilføj fx 'navn: Performance'.")]
    assert block.areas[:2] == (FocusArea("A", ()), FocusArea("", (Text("b"),)))


# --- hub, layers, house ----------------------------------------------------------------


def test_a_hub_is_a_centre_and_the_names_around_it():
    block, problems = one("centrum", "midte: Kerneopgaven", "omkring:", "  - Sammen", "  - Udad")
    assert problems == []
    assert block == Hub("Kerneopgaven", ("Sammen", "Udad"))


def test_a_hub_has_room_for_eight_names_around_it():
    names = [f"N{i}" for i in range(MAX_AROUND)]
    block, problems = one("centrum", "midte: M", f"omkring: [{', '.join(names)}]")
    assert (problems, block) == ([], Hub("M", tuple(names)))
    block, problems = one("centrum", "midte: M", f"omkring: [{', '.join(names)}, N9]")
    assert block is None
    assert problems == [error(12, "'omkring' har 9 navne; der er plads til højst 8 rundt om midten.")]


def test_a_hub_name_twice_is_said():
    _, problems = one("centrum", "midte: M", "omkring:", "  - A", "  - B", "  - A")
    assert problems == [error(15, "navnet 'A' findes allerede (linje 13). Navne skal være forskellige.")]


@pytest.mark.parametrize("lines,message", [
    (("omkring: [A]",), error(11, "feltet 'midte' mangler i 'centrum'. Tilføj fx 'midte: Kerneopgaven'.")),
    (("midte: M",), error(11, "feltet 'omkring' mangler i 'centrum'. Tilføj fx "
                              "'omkring: [...]  (eller en liste med '- ' på hver linje)'.")),
    (("midte: M", "omkring: []"), error(12, "listen 'omkring' er tom.")),
])
def test_a_hub_without_centre_or_names_is_no_figure(lines, message):
    block, problems = one("centrum", *lines)
    assert (block, problems) == (None, [message])


def test_layers_are_read_with_text_and_items():
    block, problems = one("lagmodel", "- navn: Rammen", "  punkter: [Grundlag, '**Plan**']", "- navn: Målet",
                          "  tekst: Gode *ledere*.")
    assert problems == []
    assert block == LayerModel((
        Layer("Rammen", (), ((Text("Grundlag"),), (Strong((Text("Plan"),)),))),
        Layer("Målet", (Text("Gode "), Emphasis((Text("ledere"),)), Text(".")), ()),
    ))


def test_a_layer_twice_and_a_layer_without_name_are_said():
    _, problems = one("lagmodel", "- navn: A", "- navn: A", "- tekst: t")
    assert problems == [error(13, "feltet 'navn' mangler i et lag. Tilføj fx 'navn: Rammen'."),
                        error(12, "laget 'A' findes allerede (linje 11). Navne skal være forskellige.")]


def test_a_house_is_roof_rooms_centre_and_foundation():
    block, problems = one("hus", "tag: Visioner", "rum: [A, B]", "midte: Kerneopgaven", "fundament: Værdier")
    assert problems == []
    assert block == House("Visioner", ("A", "B"), "Kerneopgaven", "Værdier")
    block, problems = one("hus", "tag: Visioner", "rum: [A]", "fundament: Værdier")
    assert (block, problems) == (House("Visioner", ("A",), "", "Værdier"), [])


def test_a_house_has_six_rooms_at_most():
    rooms = [f"R{i}" for i in range(MAX_ROOMS)]
    block, problems = one("hus", "tag: T", f"rum: [{', '.join(rooms)}]", "fundament: F")
    assert (problems, block) == ([], House("T", tuple(rooms), "", "F"))
    block, problems = one("hus", "tag: T", "fundament: F", "rum:", *[f"  - {room}" for room in rooms], "  - R7")
    assert block is None
    assert problems == [error(13, "huset har 7 rum; der er plads til højst 6. Saml nogle af dem.")]


def test_a_room_twice_is_said():
    _, problems = one("hus", "tag: T", "rum:", "  - A", "  - A", "fundament: F")
    assert problems == [error(14, "rummet 'A' findes allerede (linje 13). Navne skal være forskellige.")]


@pytest.mark.parametrize("missing,message", [
    ("tag", "feltet 'tag' mangler i 'hus'. Tilføj fx 'tag: Kommunalbestyrelsens visioner'."),
    ("rum", "feltet 'rum' mangler i 'hus'. Tilføj fx 'rum: [...]  (eller en liste med '- ' på hver linje)'."),
    ("fundament", "feltet 'fundament' mangler i 'hus'. Tilføj fx 'fundament: Det personalepolitiske værdisæt'."),
])
def test_a_house_without_roof_rooms_or_foundation_is_no_figure(missing, message):
    lines = [line for line in ("tag: T", "rum: [A]", "fundament: F") if not line.startswith(missing)]
    block, problems = one("hus", *lines)
    assert (block, problems) == (None, [error(11, message)])


# --- fact box and pull quote -------------------------------------------------------------


def test_a_fact_box_and_a_pull_quote_read_in_full():
    box, problems = one("faktaboks", "titel: Fakta", "tekst: 50.000 *borgere*.")
    assert (box, problems) == (FactBox("Fakta", (Paragraph((Text("50.000 "), Emphasis((Text("borgere"),)),
                                                            Text("."))),)), [])
    quote, problems = one("citat", "kilde: Borgmesteren")
    assert quote == PullQuote((), "Borgmesteren")
    assert problems == [error(11, "feltet 'tekst' mangler i citatet. Tilføj fx 'tekst: ...'.")]
    box, problems = one("faktaboks", "tekst: x")
    assert box == FactBox("", (para("x"),))
    assert problems == [error(11, "feltet 'titel' mangler i faktaboksen. Tilføj fx 'titel: Fakta om kommunen'.")]


# --- a problem in a field's text is said at the file's line ----------------------------


def test_a_problem_in_a_literal_block_is_at_its_own_line():
    _, problems = one("faktaboks", "titel: F", "tekst: |", "", "  Første", "  linje.", "", "  Anden <b>x</b>.")
    assert problems == [error(17, HTML)]


def test_a_problem_in_a_folded_block_is_at_its_own_line_although_the_lines_are_joined():
    block, problems = one("faktaboks", "titel: F", "tekst: >", "", "  Første", "  linje.", "", "  Anden <b>x</b>.")
    assert problems == [error(17, HTML)]
    assert block.blocks == (para("Første linje.\nAnden x."),)
    # Two blank lines and one fold before the problem; ruamel keeps the blank lines but not the breaks.
    block, problems = one("faktaboks", "titel: F", "tekst: >", "  Et", "", "", "  to", "", "  tre <b>x</b>")
    assert problems == [error(18, HTML)]
    assert block.blocks == (para("Et"), para("to\ntre x"))
    # Lines folded into one are one text line: its problem is where that line starts.
    _, problems = one("faktaboks", "titel: F", "tekst: >", "  Et <b>x</b>", "  to")
    assert problems == [error(13, HTML)]


def test_a_problem_in_an_inline_field_is_at_its_line():
    _, problems = one("citat", "kilde: K", "tekst: >", "  Et", "  to", "", "  tre <b>x</b>")
    assert problems == [error(16, HTML)]
    _, problems = one("citat", "kilde: K", "tekst: Et <b>x</b>")
    assert problems == [error(12, HTML)]


def test_a_problem_in_a_plain_text_over_several_lines_is_at_the_field():
    _, problems = one("faktaboks", "titel: F", "tekst: Et", "  to <b>x</b>")
    assert problems == [error(12, HTML)]


def test_problems_found_before_the_field_keep_their_lines():
    # The unknown field on line 11 is said before the text is read; it must not be moved.
    _, problems = one("faktaboks", "titl: F", "tekst: >", "  Et", "  to <b>x</b>")
    assert problems == [error(11, "ukendt felt 'titl' i faktaboksen – mente du 'titel'?"),
                        error(11, "feltet 'titel' mangler i faktaboksen. Tilføj fx 'titel: Fakta om kommunen'."),
                        error(13, HTML)]


# --- foreword: signature and portrait --------------------------------------------------


def test_a_foreword_signature_and_portrait_are_a_third_wide_and_only_the_signature_is_decoration(folder):
    block, problems = one("forord", "tekst: Kære leder.", "underskrivere:", "  - navn: A", "    titel: B",
                          "    underskrift: billeder/underskrift.png", "portræt:", "  fil: billeder/direktør.jpg",
                          "  alt: A ved rådhuset", folder=folder)
    assert problems == []
    signature, portrait = block.signers[0].signature, block.portrait
    assert (signature.width, signature.decorative, signature.alt) == ("tredjedel", True, "")
    assert (portrait.width, portrait.decorative, portrait.alt) == ("tredjedel", False, "A ved rådhuset")
    assert (signature.location.line, portrait.location.line) == (15, 17)


def test_an_empty_signature_is_said_and_leaves_the_signer_without_one(folder):
    block, problems = one("forord", "tekst: T", "underskrivere:", "  - navn: A", "    titel: B",
                          "    underskrift: ''", folder=folder)
    assert problems == [error(15, "feltet 'underskrift' er tomt. Skriv en tekst.")]
    assert block.signers[0].signature is None
    block, problems = one("forord", "tekst: T", "underskrivere:", "  - navn: A", "    titel: B",
                          "    underskrift:", folder=folder)
    assert (problems, block.signers[0].signature) == ([], None)


@pytest.mark.parametrize("portrait,message", [
    (("portræt: billeder/direktør.jpg",),
     error(13, "portrættet skal være en samling af felter ('navn: værdi' på hver linje), men her står "
               "'billeder/direktør.jpg'.")),
    (("portræt:", "  fil: billeder/direktør.jpg"),
     error(13, "feltet 'alt' mangler i portrættet. Tilføj fx 'alt: Beskriv billedet for dem, der ikke kan se det'.")),
    (("portræt:", "  alt: Anne"),
     error(13, "feltet 'fil' mangler i portrættet. Tilføj fx 'fil: billeder/foto.jpg'.")),
])
def test_a_portrait_that_cannot_be_read_is_none_after_one_error(folder, portrait, message):
    block, problems = one("forord", "tekst: T", "underskrivere: []", *portrait, folder=folder)
    assert problems == [error(12, "listen 'underskrivere' er tom."), message]
    assert block.portrait is None


def test_a_problem_on_the_first_line_after_blank_ones_is_moved_past_them():
    _, problems = one("faktaboks", "titel: F", "tekst: |", "", "  <b>x</b>")
    assert problems == [error(14, HTML)]


def test_a_signer_needs_name_and_title(folder):
    block, problems = one("forord", "tekst: T", "underskrivere:", "  - underskrift:", folder=folder)
    assert problems == [error(13, "feltet 'navn' mangler i en underskriver. Tilføj fx 'navn: Jens Hansen'."),
                        error(13, "feltet 'titel' mangler i en underskriver. Tilføj fx 'titel: Kommunaldirektør'.")]
    assert block.signers == (Signer("", "", None),)


def test_a_pull_quote_needs_its_source():
    quote, problems = one("citat", "tekst: Sammen.")
    assert quote == PullQuote((Text("Sammen."),), "")
    assert problems == [error(11, "feltet 'kilde' mangler i citatet. Tilføj fx 'kilde: Borgmester Jens Hansen'.")]
