"""The YAML reader's own rules: where a typing slip is reported, what a date may look like,
how a wrong name ends its sentence, and the files a publication would leave out silently."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from booklet.errors import Location, Problems, suggestion
from booklet.readers.project import load_project
from booklet.readers.yaml_source import Fields, YamlDocument, parse_yaml

DOC = YamlDocument(Path("fil.yml"), 10)  # text standing on line 10 of its file, like front matter


def parsed(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    node = parse_yaml(text, DOC, problems)
    return node, [f"{p.location.line}: {p.message}" for p in problems.items]


@pytest.mark.parametrize("text, line, says", [
    ("a: 1\nb:\u00a0x\nc: 2", 11, "hårdt mellemrum (U+00A0, fx fra Word eller en webside) efter kolonet (tegn 3"),
    ("a:\n  - x\n\u00a0 - y\nb: 1", 12, "hårdt mellemrum (U+00A0, fx fra Word eller en webside) i indrykningen (tegn 1"),
    ("a:\n  -\u00a0x", 11, "efter bindestregen (tegn 4"),
    ("a:\n\t- x", 11, "tabulator i indrykningen"),
    ("a: 1\nb: \u201cTid: nu\u201d", 11, 'Brug lige anførselstegn: b: "Tid: nu".'),
    ("a: 'x\nb: 1\nc: 'y'", 10, "anførselstegnet ' lukkes aldrig"),
    ("a: [x\nb: |\n  tekst", 10, "klammen '[' lukkes aldrig"),
    ("a: x\nb: Året der gik: status", 11, 'b: "Året der gik: status".'),
    ("a: x\n  b: y", 11, "rykket længere ind end linjen over"),
    ("a:\n  - x\n    - y", 12, "punktet er rykket længere ind end linjen over"),
    ("a: 1\ntitel Mini\nb: 2", 11, "Der mangler et kolon efter feltnavnet"),
    ("meta:\n  name\n    full: X", 11, "Der mangler et kolon efter feltnavnet"),
    ("a:\n  - id x\n    navn: X", 11, "der mangler et kolon efter feltnavnet"),
    ("a:\n  - x.md\n  y.md", 12, "eller en bindestreg foran punktet"),
    ("a: 1\n---\nb: 2", 11, "starter et nyt YAML-dokument"),
    ("a: 1\ntitel: @kommune", 11, "tegnet @ kan ikke stå forrest"),
    ("a: 1\ntitel: &Ledelse og mere", 11, 'Sæt teksten i anførselstegn: titel: "&Ledelse og mere".'),
    ("a:\n  - ]x", 11, "tegnet ] kan ikke stå forrest"),
    (" a: 1\nb: 2", 10, "den står først"),
    ("a:\n  -  id: x\n    navn: y", 11, "mere end ét mellemrum efter bindestregen"),
    ("a:\n  b:\n     c: 1\n    d: 2\ne: 3", 12, "står ikke lige under de felter"),
    ("a:\n  b: 1\n?  c:\n    d: 2", 12, "et '?' forrest på linjen"),
    ('a: 1\nsti: "C:\\mappe"', 11, "starten på en kode"),
])
def test_a_typing_slip_is_reported_once_at_its_own_line(text, line, says):
    node, problems = parsed(text)
    assert node is None
    assert len(problems) == 1 and problems[0].startswith(f"{line}: "), problems
    assert says in problems[0], problems[0]


@pytest.mark.parametrize("text", [
    "tekst: |\n  \u00a0Et hårdt mellemrum i teksten er tekst.\n  \tOg en tabulator.",
    "navn: Tid\u00a0og sted",  # a hard space inside a text is the author's typography
    "titel: \u201cCitat\u201d uden kolon",
    "tekst: 'Det er ''citeret'' her'",
    "a:\n  - x\n  - y\nb: [1, 2]",
    "tekst: Lang tekst\n  der fortsætter på næste linje",  # YAML's folded plain text stays allowed
    "titel:\n  Værdien på linjen under\nnavn: x",
])
def test_what_yaml_allows_is_not_a_slip(text):
    node, problems = parsed(text)
    assert problems == [] and node is not None


def test_a_value_on_the_line_below_its_key_is_wrong_on_that_line():
    problems = Problems()
    node = parse_yaml("a: 1\nnøgleord:\n  ledelse\n", DOC, problems)
    Fields(node, DOC, problems, "manifestet", ["a", "nøgleord"]).seq("nøgleord")
    assert [p.location.line for p in problems.items] == [12]


def fields(text: str) -> tuple[Fields, Problems]:
    problems = Problems()
    return Fields(parse_yaml(text, DOC, problems), DOC, problems, "manifestet", ["dato"]), problems


@pytest.mark.parametrize("written", ["2026-11-15", '"2026-11-15"', "'2026-11-15'"])
def test_a_date_is_a_date_quoted_or_not(written):
    f, problems = fields(f"dato: {written}")
    assert f.date("dato") == dt.date(2026, 11, 15) and not problems.items


@pytest.mark.parametrize("written, says", [
    ("2027-02-30", "datoen 2027-02-30 i feltet 'dato' findes ikke: februar 2027 har 28 dage."),
    ("2028-02-30", "februar 2028 har 29 dage."),
    ('"2026-13-01"', "måned 13 findes ikke"),
    ("30. februar 2027", "skal være en dato skrevet som ÅÅÅÅ-MM-DD"),
])
def test_a_date_that_does_not_exist_is_located_and_explained(written, says):
    f, problems = fields(f"dato: {written}")
    assert f.date("dato") is None
    assert [p.location for p in problems.items] == [Location(Path("fil.yml"), 10)]
    assert says in problems.items[0].message


def test_a_wrong_name_ends_its_sentence_either_way():
    assert suggestion("centerchf", ["centerchef", "direktion"]) == " – mente du 'centerchef'?"
    assert suggestion("x", ["a", "b"]) == ". Gyldige værdier: 'a', 'b'."
    assert suggestion("x", []) == "."


def test_a_section_file_left_out_of_the_manifest_is_a_warning(mini_project):
    folder = mini_project / "content" / "publikationer" / "mini"
    (folder / "04-glemt.md").write_text("---\ntitel: Glemt\n---\nTekst.\n", encoding="utf-8")
    project = load_project(mini_project)
    warnings = [w for w in project.warnings if w.location.path.name == "04-glemt.md"]
    assert [w.message for w in warnings] == ["filen er ikke med i publikationen: tilføj den under afsnit: i "
                                             "publikation.yml, eller flyt den ud af mappen."]
    assert [s.id for s in project.publications[0].sections] == ["01-indledning", "02-komponenter", "03-indhold"]


def test_the_listed_sections_give_no_such_warning(mini_project):
    assert not [w for w in load_project(mini_project).warnings if "ikke med i publikationen" in w.message]
