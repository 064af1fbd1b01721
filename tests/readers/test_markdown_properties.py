"""Properties: any Markdown with any fenced blocks either loads or gives located errors; it never
crashes, and every error points at a line of the text. Markdown written from a known structure
reads back as that structure."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.errors import Location, Problems
from booklet.model import (
    Heading, LeadershipRole, LevelSlot, ListBlock, Organisation, Paragraph, Quote, Strong, Text, plain_text,
)
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks

ROLES = tuple(LeadershipRole(i, i.title(), "", n, "niveau", f"Til dig som {i}")
              for n, i in enumerate(("direktion", "centerchef"), 1))
FUNCTIONS = (LeadershipRole("ledere-af-ledere", "Ledere af ledere", "", 1, "funktion", "Til dig"),)
ORG = Organisation("k", "Kommune", "K", "b", "", ROLES, FUNCTIONS, Location(Path("k.yml"), 1))

# Lines an author (or a slip of the keyboard) might write.
LINES = st.one_of(
    st.sampled_from([
        "", "Almindelig tekst med **fed** og *kursiv*.", "## Overskrift", "### Under", "# Titel",
        "####### Dyb", "- punkt", "  - underpunkt", "1. nummer", "> citat", "```værdier", "```forum",
        "```temaer", "```ukendt", "```", "~~~", ":::", "::: {niveau=centerchef}", "::: {niveau=direktion ingen}",
        "::: {niveau=centerchef eksempel}", "::: {funktion=ledere-af-ledere}", "::: {niveau=ukendt}",
        "::: niveau=centerchef", "- navn: Helhed", "  tekst: En linje.", "navn: Chefforum",
        "medlemmer: Alle.", "formål: |", "  1. Strategisk", "- nr: 1", "  titel: Tema", "  underemner:",
        "    - titel: Sub", "      tagline: Kort.", "      tekst: Lang.", "<script>x</script>", "<b>fed</b>",
        "[link](#overskrift)", "[link](javascript:x)", "&nbsp;&amp;", "---", "***", "    kode", "\t- tab",
        "key: [ubalanceret", "- : :", "|", "![billede](x.png)",
        # issue 15: tables, footnotes, images, definition lists and the booklet components
        "| A | B |", "|---|---|", "|:--|--:|", "| 1 | 2 |", "| 1 | 2 | 3 |", "A | B", "Tabel: Tal", "Tabel 2: Tal",
        "Tekst[^1].", "Tekst[^2] og[^1].", "[^1]: Noten.", "[^2]:", "    mere af noten", "[^", "![", ": forklaring",
        "![](x.png){dekorativ}", "![Alt](x.png \"Tekst\"){bredde=halv}", "{bredde=kvart}", "![Alt](https://x.dk/a.png)",
        "```forord", "```faktaboks", "```citat", "underskrivere:", "  - navn: Anne", "    titel: Chef",
        "portræt:", "  fil: x.png", "  alt: Anne", "titel: Fakta", "tekst: |", "kilde: Bo",
    ]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=30))
def test_any_markdown_loads_or_gives_located_errors(lines):
    # As read_text hands it over: line ends normalised.
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
    problems = Problems()
    ctx = ReadContext(problems, ORG)
    parse_blocks(text, Location(Path("afsnit.md"), 4), ctx)
    ctx.check_links()
    last_line = 4 + text.count("\n")
    for problem in problems.items:
        assert problem.location.path == Path("afsnit.md")
        assert problem.location.line is not None and 4 <= problem.location.line <= last_line, problem
        assert problem.message.strip()


# --- what was parsed ------------------------------------------------------------------------
# Documents built from a known structure, written out as Markdown: reading them back must give
# that structure, with every level block at its own line, and no problems at all.

WORDS = st.sampled_from(["ledelse", "kerneopgaven", "Borgeren", "sammen", "tillid", "æbletræ", "østlig",
                         "år", "Helhed", "modet", "centeret"])
TEXT = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
PROSE = st.one_of(
    st.tuples(st.just("p"), TEXT),
    st.tuples(st.just("b"), TEXT),
    st.tuples(st.just("q"), TEXT),
    st.tuples(st.just("h"), st.integers(2, 4), TEXT),
    st.tuples(st.just("ul"), st.lists(TEXT, min_size=1, max_size=4).map(tuple)),
    st.tuples(st.just("ol"), st.lists(TEXT, min_size=1, max_size=4).map(tuple)),
)


def separated(blocks: list) -> list:
    """Markdown joins a quote or list to the next one of its kind across a blank line; a
    paragraph between them keeps them apart."""
    result = []
    for block in blocks:
        if result and result[-1][0] in ("q", "ul", "ol") and block[0] in ("q", "ul", "ol"):
            result.append(("p", "mellem"))
        result.append(block)
    return result


@st.composite
def documents(draw):
    """A list of block specs: prose, and level blocks (each level at most once) holding prose."""
    blocks = draw(st.lists(PROSE, max_size=8))
    for role in draw(st.lists(st.sampled_from([r.id for r in ROLES]), unique=True, max_size=2)):
        inner = separated(draw(st.lists(PROSE.filter(lambda b: b[0] != "h"), min_size=1, max_size=3)))
        blocks.insert(draw(st.integers(0, len(blocks))), ("slot", role, tuple(inner)))
    blocks = separated(blocks)
    # Headings get a number, so no two have the same text (and anchor).
    return [("h", b[1], f"{b[2]} {i}") if b[0] == "h" else b for i, b in enumerate(blocks)]


def markdown_of(spec) -> list[str]:
    kind = spec[0]
    if kind == "p":
        return [spec[1]]
    if kind == "b":
        return [f"**{spec[1]}**"]
    if kind == "q":
        return [f"> {spec[1]}"]
    if kind == "h":
        return ["#" * spec[1] + " " + spec[2]]
    if kind == "ul":
        return [f"- {item}" for item in spec[1]]
    if kind == "ol":
        return [f"{n}. {item}" for n, item in enumerate(spec[1], 1)]
    inner = [line for i, block in enumerate(spec[2]) for line in ([""] if i else []) + markdown_of(block)]
    return [f"::: {{niveau={spec[1]}}}", *inner, ":::"]


def summary(block):
    """A parsed block in the terms of the specs above."""
    if isinstance(block, Paragraph):
        if len(block.content) == 1 and isinstance(block.content[0], Strong):
            return ("b", plain_text(block.content[0].children))
        assert all(isinstance(node, Text) for node in block.content), block
        return ("p", plain_text(block.content))
    if isinstance(block, Quote):
        (inner,) = block.blocks
        return ("q", summary(inner)[1])
    if isinstance(block, Heading):
        return ("h", block.level, plain_text(block.content))
    if isinstance(block, ListBlock):
        items = []
        for item in block.items:
            (paragraph,) = item
            items.append(summary(paragraph)[1])
        return ("ol" if block.ordered else "ul", tuple(items))
    if isinstance(block, LevelSlot):
        return ("slot", block.role.id, tuple(summary(b) for b in block.blocks))
    raise AssertionError(f"unexpected block {block!r}")


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_markdown_reads_back_as_the_structure_it_was_written_from(spec):
    lines = [line for i, block in enumerate(spec) for line in ([""] if i else []) + markdown_of(block)]
    problems = Problems()
    ctx = ReadContext(problems, ORG)
    blocks = parse_blocks("\n".join(lines), Location(Path("afsnit.md"), 4), ctx)
    assert not problems.items, [str(p) for p in problems.items]
    assert [summary(b) for b in blocks] == spec
    opening = [4 + i for i, line in enumerate(lines) if line.startswith("::: {")]
    assert [b.location.line for b in blocks if isinstance(b, LevelSlot)] == opening
