"""Property: one Markdown fault, put at a random place in a section of the mini project, makes
`check` stop with exactly one Danish message naming that section file and the fault's own line;
and input that is not a fault is read as the author meant it (asserted on what was read).

The places are found by reading the fixture here, independently of the reader: the gaps between
blocks of a section's text (inside level blocks too), the lines of a Markdown field of a
component, the YAML lines of a component, and the fence lines of the level blocks.

Runs in-process (`check`, no rendering). FAULTS_EXAMPLES=500 runs more examples by hand; the
default is sized for `make test`. The seed is fixed (derandomize), so a failure repeats.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.model import LevelSlot, ListBlock, Paragraph, Text
from booklet.readers.project import load_project
from fault_injection import (
    INTRO, MINI, PARTS, assert_no_error, assert_one_located_error, copy_project, read_lines, write_lines,
)

EXAMPLES = int(os.environ.get("FAULTS_EXAMPLES", "50"))
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MINI_SECTIONS = (INTRO, PARTS)


# --- the fixture's shape, read here ---------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    gaps: tuple[int, ...]          # 0-based indices a Markdown block may be put before
    top_gaps: tuple[int, ...]      # ... of them, those outside level blocks
    after_lists: tuple[int, ...]   # ... of them, those right after a list (indented text continues it)
    yaml_keys: tuple[int, ...]     # lines 'key: value' inside a component
    line_fields: tuple[int, ...]   # ... of them, fields read as one line of text
    field_lines: tuple[int, ...]   # lines of a '|' Markdown field of a component (not one-line)
    slot_openers: tuple[int, ...]
    slot_closers: tuple[int, ...]
    component_openers: tuple[int, ...]


def shape(lines: list[str]) -> Shape:
    body = lines.index("---", 1) + 1
    gaps, top, after_lists, keys, fields, openers, closers, components = [], [], [], [], [], [], [], []
    fence = slot = empty_slot = False
    field_indent = None
    for i in range(body, len(lines) + 1):
        line = lines[i] if i < len(lines) else ""
        after_block = (i == body or not lines[i - 1].strip() or lines[i - 1].startswith(("```", ":::"))
                       or (slot and line == ":::"))  # the end of a level block's text
        if after_block and not fence and not empty_slot:
            gaps.append(i)
            if not slot:
                top.append(i)
            previous = next((text for text in reversed(lines[body:i]) if text.strip()), "")
            if re.match(r"^\s*([-*+]|\d+\.)\s", previous):
                after_lists.append(i)
        if i == len(lines):
            break
        if line.startswith("```"):
            fence = not fence
            if fence:
                components.append(i)
            field_indent = None
        elif fence:
            indent = len(line) - len(line.lstrip(" "))
            if field_indent is not None and line.strip() and indent >= field_indent:
                fields.append(i)
                continue
            field_indent = None
            if re.match(r"^\s*(- )?[a-zæøå]+: \S", line):
                keys.append(i)
            if re.match(r"^\s*(formål|medlemmer|mødes|indhold|form|ansvar|tekst): \|$", line):
                field_indent = indent + 1
        elif line.startswith("::: {"):
            slot, empty_slot = True, "ingen" in line
            openers.append(i)
        elif line == ":::":
            slot = empty_slot = False
            closers.append(i)
    line_fields = [i for i in keys if lines[i].lstrip(" -").startswith(ONE_LINE_FIELDS)]
    return Shape(tuple(gaps), tuple(top), tuple(after_lists), tuple(keys), tuple(line_fields), tuple(fields),
                 tuple(openers), tuple(closers), tuple(components))


# The mini fixture's fields that the schema reads as one line of text (a value's, a focus
# area's, a layer's and a competency's 'tekst', a sub-theme's 'tagline').
ONE_LINE_FIELDS = ("tekst: Ledere", "tekst: Ledelse", "tekst: Handler", "tekst: Kommunen", "tekst: Knytter",
                   "tagline:")


def fixture_lines(section: str) -> list[str]:
    return (MINI / section.removeprefix("content/")).read_text(encoding="utf-8").split("\n")


SHAPES = {section: shape(fixture_lines(section)) for section in MINI_SECTIONS}


# --- the catalogue ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """Markdown put into the text as a block of its own; the message names line `at` of it."""
    id: str
    lines: tuple[str, ...]
    at: int
    says: str
    top_only: bool = False  # a level block: not inside another, and not where its level is used
    indented: bool = False  # right after a list it would be more of the list's last item


BLOCKS = (
    Block("image-in-sentence", ("Se ![organisationsdiagram](diagram.png) her.",), 0, "eget afsnit"),
    Block("image-missing", ("![Organisationsdiagram](billeder/diagram.png)",), 0, "findes ikke"),
    Block("image-without-alt", ("![](billeder/diagram.png)",), 0, "alt-tekst"),
    Block("image-url", ("![Kort](https://example.org/kort.png)",), 0, "adresse på nettet"),
    Block("image-outside", ("![Kort](../../kort.png)",), 0, "uden for publikationens mappe"),
    Block("image-format", ("![Kort](billeder/kort.gif)",), 0, "formatet '.gif'"),
    Block("image-width", ("![Kort](billeder/kort.png){bredde=kvart}",), 0, "bredden 'kvart' findes ikke"),
    Block("ragged-table", ("| Navn | Rolle |", "|------|-------|", "| Anne | Chef | Ekstra |"), 2, "rækken har 3"),
    Block("short-table-row", ("Navn | Rolle", "--- | ---", "Anne | Chef", "Bo |"), 3, "rækken har 1"),
    Block("table-without-delimiter", ("| Navn | Rolle |", "| Anne | Chef |"), 0, "ligner en tabel"),
    Block("text-under-table", ("| Navn | Rolle |", "|---|---|", "Kilde: DST"), 2, "intet '|'"),
    Block("footnote", ("Ledelse gør en forskel[^1].",), 0, "har ingen tekst"),
    Block("footnote-text", ("[^1]: Kilde: en undersøgelse.",), 0, "bruges ikke"),
    Block("definition-list", ("Begreb", ": Forklaring"), 1, "definitionsliste"),
    Block("strikethrough", ("Det er ~~ikke~~ vigtigt.",), 0, "gennemstreget"),
    Block("task-list", ("- [ ] Læs grundlaget", "- [x] Tal med din leder"), 0, "afkrydsningsfelter"),
    Block("setext-title", ("Stor titel", "=========="), 1, "overskrift på øverste niveau"),
    Block("title-heading", ("# Endnu en titel",), 0, "starter med '##'"),
    Block("hash-word", ("#ledelse",), 0, "starter med '##'"),
    Block("quoted-title", ("> # Citeret titel",), 0, "starter med '##'"),
    Block("deep-heading", ("##### Meget dyb",), 0, "højst '####'"),
    Block("raw-html", ("<div>Tekst</div>",), 0, "HTML-koder"),
    Block("inline-html", ("Tekst med <b>fed</b> skrift.",), 0, "HTML-koder"),
    Block("indented-code", ("    kode = 1",), 0, "læses som kode", indented=True),
    Block("rule", ("***",), 0, "vandrette streger"),
    Block("script-link", ("Se [her](javascript:alert(1)).",), 0, "er ikke tilladt"),
    Block("missing-anchor", ("Se [målet](#findes-ikke).",), 0, "peger på en overskrift"),
    Block("empty-component", ("```værdier", "```"), 0, "er tom"),
    Block("comment-component", ("```værdier", "# kun en kommentar", "```"), 0, "er tom"),
    Block("unknown-component", ("```værdiliste", "- navn: A", "```"), 0, "ukendt komponent"),
    Block("unclosed-component", ("```værdier", "- navn: Helhed", "  tekst: Sammen."), 0, "lukkes aldrig"),
    Block("two-colons", (":: {niveau=direktion}", "Til direktionen.", ":::"), 0, "præcis tre koloner", True),
    Block("four-colons", (":::: {niveau=direktion}", "Til direktionen.", ":::"), 0, "præcis tre koloner", True),
    Block("closing-two-colons", ("::: {niveau=direktion}", "Til direktionen.", "::"), 2, "præcis tre koloner", True),
    Block("unknown-level", ("::: {niveau=direktør}", "Til direktionen.", ":::"), 0, "findes ikke", True),
    Block("unknown-marking", ("::: {niveau=direktion eksampel}", "Til direktionen.", ":::"), 0,
          "mente du 'eksempel'?", True),
    Block("unclosed-level", ("::: {niveau=direktion}", "Til direktionen."), 0, "lukkes", True),
)


def inject_block(root: Path, section: str, fault: Block, gap: int) -> int:
    """Put the fault at `gap` between blank lines; returns the 1-based line it names."""
    lines = read_lines(root, section)
    lines[gap:gap] = ["", *fault.lines, ""]
    write_lines(root, section, lines)
    return gap + 2 + fault.at


@st.composite
def block_faults(draw):
    fault = draw(st.sampled_from(BLOCKS))
    # A new level block goes where no level has one: the components' section.
    section = PARTS if fault.top_only else draw(st.sampled_from(MINI_SECTIONS))
    shape_ = SHAPES[section]
    gaps = shape_.top_gaps if fault.top_only else shape_.gaps
    gap = draw(st.sampled_from([g for g in gaps if not (fault.indented and g in shape_.after_lists)]))
    return section, fault, gap


@SETTINGS
@given(block_faults())
def test_a_markdown_fault_is_reported_once_at_its_line(tmp_path_factory, case):
    section, fault, gap = case
    root = copy_project(tmp_path_factory.mktemp("fejl") / "p")
    line = inject_block(root, section, fault, gap)
    message = assert_one_located_error(root, section, line)
    assert fault.says in message, (fault.id, message)


# Faults made by changing a line that is already there.
@dataclass(frozen=True)
class Edit:
    id: str
    where: str  # which lines of the shape it may change
    change: object  # (old line) -> new line(s); the message names the first new line + `at`
    says: str
    at: int = 0


EDITS = (
    Edit("slot-two-colons", "slot_openers", lambda old: [old.replace(":::", "::", 1)], "præcis tre koloner"),
    Edit("slot-four-colons", "slot_openers", lambda old: [old.replace(":::", "::::", 1)], "præcis tre koloner"),
    Edit("closer-two-colons", "slot_closers", lambda old: ["::"], "præcis tre koloner"),
    Edit("closer-four-colons", "slot_closers", lambda old: ["::::"], "præcis tre koloner"),
    Edit("level-opened-inside-another", "slot_openers", lambda old: [old, "::: {niveau=direktion}"],
         "inden i hinanden", 1),
    Edit("level-without-braces", "slot_openers", lambda old: [old.replace("{", "").replace("}", "")],
         "tuborgklammer"),
    Edit("misspelt-component", "component_openers", lambda old: [old + "x"], "ukendt komponent"),
    Edit("component-without-kind", "component_openers", lambda old: ["```"], "skriv komponentens type"),
    Edit("misspelt-level", "slot_openers", lambda old: [re.sub(r"niveau=(\w+)", r"niveau=\1x", old)], "findes ikke"),
    Edit("tab-after-colon", "yaml_keys", lambda old: [old.replace(": ", ":\t", 1)], "tabulator"),
    Edit("nbsp-after-colon", "yaml_keys", lambda old: [old.replace(": ", ":\xa0", 1)], "hårdt mellemrum"),
    Edit("tab-as-indent", "yaml_keys", lambda old: ["\t" + old.lstrip(" ")] if old.startswith(" ") else None,
         "tabulator"),
    Edit("nbsp-as-indent", "yaml_keys", lambda old: ["\xa0" + old[1:]] if old.startswith(" ") else None,
         "hårdt mellemrum"),
    Edit("image-in-field", "field_lines", lambda old: [old + " ![x](x.png)"], "eget afsnit"),
    Edit("ragged-table-in-field", "field_lines",
         lambda old: [old, "", _indent(old) + "| a | b |", _indent(old) + "|---|---|", _indent(old) + "| 1 |", ""],
         "rækken har 1", 4),
    Edit("undefined-note-in-field", "field_lines", lambda old: [old + "[^kilde]"], "har ingen tekst"),
    Edit("heading-in-field", "field_lines", lambda old: [old, "", _indent(old) + "## Overskrift"],
         "kan kun stå direkte i afsnittets tekst", 2),
    Edit("html-in-field", "field_lines", lambda old: [old + " <br>"], "HTML-koder"),
    Edit("level-in-field", "field_lines",
         lambda old: [old, "", _indent(old) + "::: {niveau=direktion}", _indent(old) + "Kun for direktionen.",
                      _indent(old) + ":::"], "kan kun stå direkte i afsnittets tekst", 2),
    Edit("image-in-folded-field", "line_fields",
         lambda old: [old.split(":")[0] + ": >-", _indent(old) + "  Første del.", "", _indent(old) + "  Se ![x](x.png)."],
         "eget afsnit", 3),
    Edit("two-paragraphs-in-a-line-field", "line_fields",
         lambda old: [old.split(":")[0] + ": |", _indent(old) + "  Første del.", "", _indent(old) + "  Anden del."],
         "kun stå almindelig tekst", 3),
)


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip(" "))]


@st.composite
def edits(draw):
    edit = draw(st.sampled_from(EDITS))
    choices = [(section, i) for section in MINI_SECTIONS for i in getattr(SHAPES[section], edit.where)
               if edit.change(fixture_lines(section)[i]) is not None]  # type: ignore[operator]
    section, index = draw(st.sampled_from(choices))
    return section, edit, index


@SETTINGS
@given(edits())
def test_a_changed_line_is_reported_once_at_its_line(tmp_path_factory, case):
    section, edit, index = case
    root = copy_project(tmp_path_factory.mktemp("fejl") / "p")
    lines = read_lines(root, section)
    lines[index:index + 1] = edit.change(lines[index])  # type: ignore[operator]
    write_lines(root, section, lines)
    message = assert_one_located_error(root, section, index + 1 + edit.at)
    assert edit.says in message, (edit.id, message)


def test_the_catalogue_reaches_every_kind_of_place():
    assert len(BLOCKS) + len(EDITS) >= 35
    for section in MINI_SECTIONS:
        assert SHAPES[section].gaps and SHAPES[section].yaml_keys
    assert SHAPES[INTRO].slot_openers and SHAPES[INTRO].gaps != SHAPES[INTRO].top_gaps
    assert SHAPES[PARTS].field_lines


def test_a_removed_closing_fence_is_reported_where_its_block_starts(tmp_path):
    """Each component and level block of the fixture, its closing line deleted, in turn."""
    for section in MINI_SECTIONS:
        lines = fixture_lines(section)
        fences = [i for i, line in enumerate(lines) if line.startswith("```")]
        shape_ = SHAPES[section]
        pairs = list(zip(fences[::2], fences[1::2])) + [
            (opener, closer) for opener, closer in zip(shape_.slot_openers, shape_.slot_closers)
            if "ingen" not in lines[opener]]
        for number, (opener, closer) in enumerate(pairs):
            root = copy_project(tmp_path / f"{Path(section).stem}-{number}")
            write_lines(root, section, lines[:closer] + lines[closer + 1:])
            assert "lukkes" in assert_one_located_error(root, section, opener + 1)


# --- what valid input reads as ----------------------------------------------------------------

def centerchef_slot(root: Path) -> LevelSlot:
    publication = load_project(root).publications[0]
    intro = next(s for s in publication.sections if s.id == "01-indledning")
    return next(b for b in intro.blocks if isinstance(b, LevelSlot) and b.role.id == "centerchef")


@SETTINGS
@given(st.sampled_from(["::: {niveau = centerchef eksempel}", "::: {niveau= centerchef eksempel}",
                        '::: {niveau="centerchef" eksempel}', "  ::: {niveau=centerchef eksempel}",
                        "\xa0::: {niveau=centerchef eksempel}", ":::{niveau=centerchef  eksempel}"]),
       st.integers(min_value=0, max_value=1))
def test_a_level_block_keeps_every_paragraph_however_its_fence_is_spaced(tmp_path_factory, opening, where):
    root = copy_project(tmp_path_factory.mktemp("gyldig") / "p")
    lines = read_lines(root, INTRO)
    opener = SHAPES[INTRO].slot_openers[0]
    lines[opener] = opening
    second = ["", "Og du følger op i dit center."]
    if where:  # before the first paragraph instead of after it
        lines[opener + 1:opener + 1] = [second[1], ""]
    else:
        lines[opener + 2:opener + 2] = second
    write_lines(root, INTRO, lines)
    assert_no_error(root)
    slot = centerchef_slot(root)
    first = Paragraph((Text("Som centerchef oversætter du grundlaget til dit center."),))
    added = Paragraph((Text("Og du følger op i dit center."),))
    assert slot.example and slot.blocks == ((added, first) if where else (first, added))


@SETTINGS
@given(st.sampled_from(SHAPES[INTRO].top_gaps))
def test_a_list_right_under_a_paragraph_is_read_as_a_list(tmp_path_factory, gap):
    root = copy_project(tmp_path_factory.mktemp("gyldig") / "p")
    lines = read_lines(root, INTRO)
    lines[gap:gap] = ["", "Vi vil:", "- lytte", "- handle", ""]
    write_lines(root, INTRO, lines)
    assert_no_error(root)
    intro = load_project(root).publications[0].sections[0]
    at = next(i for i, b in enumerate(intro.blocks) if b == Paragraph((Text("Vi vil:"),)))
    items = intro.blocks[at + 1]
    assert isinstance(items, ListBlock) and not items.ordered
    # (A list that follows after a blank line continues it, as in any Markdown.)
    assert [item[0].content for item in items.items][:2] == [(Text("lytte"),), (Text("handle"),)]
