"""Property: any Markdown with any fenced blocks either loads or gives located errors; it never
crashes, and every error points at a line of the text."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.errors import Location, Problems
from booklet.model import LeadershipRole, Organisation
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
