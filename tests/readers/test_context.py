"""In-page anchors and links within one publication: every heading gets its own anchor, and a
link is checked against all of them once the whole publication is read."""
from __future__ import annotations

from pathlib import Path

from booklet.errors import Location, Problems
from booklet.readers.context import ReadContext


def test_headings_of_the_same_text_get_their_own_anchors_numbered_from_two():
    context = ReadContext(Problems(), None)
    assert [context.anchor("Mål") for _ in range(4)] == ["maal", "maal-2", "maal-3", "maal-4"]


def test_a_numbered_anchor_a_heading_already_has_is_not_given_again():
    context = ReadContext(Problems(), None)
    assert [context.anchor(text) for text in ("Mål 2", "Mål", "Mål", "Mål")] == ["maal-2", "maal", "maal-3", "maal-4"]


def test_a_link_is_checked_against_every_heading_also_those_after_it():
    problems = Problems()
    context = ReadContext(problems, None)
    context.link("resultater", Location(Path("a.md"), 3))  # a heading further down
    context.link("maalet", Location(Path("a.md"), 4))
    context.anchor("Formål")
    context.anchor("Resultater")
    context.link("formaal", Location(Path("b.md"), 7))
    context.link("resultater-2", Location(Path("b.md"), 9))
    context.check_links()
    assert [str(p) for p in problems.items] == [
        "a.md:4: fejl: linket '#maalet' peger på en overskrift, der ikke findes – mente du 'formaal'?",
        "b.md:9: fejl: linket '#resultater-2' peger på en overskrift, der ikke findes – mente du 'resultater'?"]
