"""Typed fields read from YAML: each kind of value read as written, and each wrong one named
with what stands there instead, at the line where it stands; and the file itself read as
UTF-8 text within its limit."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from booklet.errors import Problems
from booklet.readers.limits import MAX_CONTENT_FILE_BYTES
from booklet.readers.yaml_source import Fields, YamlDocument, parse_yaml, read_text, read_yaml_file

DOC = YamlDocument(Path("fil.yml"), 10)  # text standing on line 10 of its file


def fields(text: str, allowed=("a", "b", "c")) -> tuple[Fields, Problems]:
    problems = Problems()
    node = parse_yaml(text, DOC, problems)
    assert not problems.items, problems.items
    return Fields(node, DOC, problems, "testfilen", list(allowed)), problems


def told(problems: Problems) -> list[str]:
    return [f"{p.location.line}: {p.message}" for p in problems.items]


@pytest.mark.parametrize("node, says", [
    (["a", "b"], "testfilen skal være en samling af felter ('navn: værdi' på hver linje), men her står en liste."),
    ("bare tekst", "testfilen skal være en samling af felter ('navn: værdi' på hver linje), men her står 'bare tekst'."),
    (42, "testfilen skal være en samling af felter ('navn: værdi' på hver linje), men her står tallet 42."),
    (None, "testfilen skal være en samling af felter ('navn: værdi' på hver linje), men her står ingenting."),
])
def test_a_file_that_is_no_mapping_says_what_stands_there(node, says):
    problems = Problems()
    f = Fields(node, DOC, problems, "testfilen", ["a"])
    assert not f.ok and f.node == {} and told(problems) == [f"10: {says}"]
    assert f.text("a") == "" and len(problems.items) == 1  # and nothing more about its fields


def test_an_unknown_key_is_named_at_its_line_with_the_nearest_known_one():
    f, problems = fields("a: 1\n\nbb: 2")
    assert f.ok and told(problems) == ["12: ukendt felt 'bb' i testfilen – mente du 'b'?"]


def test_a_text_is_read_trimmed_and_a_number_as_its_text():
    f, problems = fields("a: '  Mål og midler  '\nb: 2016\nc: 1.5")
    assert (f.text("a"), f.text("b"), f.text("c")) == ("Mål og midler", "2016", "1.5") and not problems.items


@pytest.mark.parametrize("text, says", [
    ("a: true", "10: feltet 'a' skal være en tekst, men her står 'true' (ja/nej-værdi)."),
    ("a:\n  - x", "10: feltet 'a' skal være en tekst, men her står en liste."),
    ("a:\n  b: x", "10: feltet 'a' skal være en tekst, men her står en samling af felter."),
    ("a: '  '", "10: feltet 'a' er tomt. Skriv en tekst."),
    ("b: x", "10: feltet 'a' mangler i testfilen. Tilføj fx 'a: Mål'."),
    ("a:", "10: feltet 'a' mangler i testfilen. Tilføj fx 'a: Mål'."),
])
def test_a_wrong_or_missing_text_is_told_what_stands_there(text, says):
    f, problems = fields(text)
    assert f.text("a", hint="Mål") == "" and told(problems) == [says]


def test_an_optional_text_may_be_missing_or_empty():
    f, problems = fields("b: ''")
    assert f.text("a", required=False) == "" and f.text("b", required=False) == "" and not problems.items


@pytest.mark.parametrize("text, says", [
    ("a: '3'", "10: feltet 'a' skal være et helt tal, men her står '3'."),
    ("a: 2.5", "10: feltet 'a' skal være et helt tal, men her står tallet 2.5."),
    ("a: false", "10: feltet 'a' skal være et helt tal, men her står 'false' (ja/nej-værdi)."),
    ("b: 1", "10: feltet 'a' mangler i testfilen. Tilføj fx 'a: 1'."),
])
def test_a_whole_number_is_told_apart_from_what_only_looks_like_one(text, says):
    f, problems = fields(text)
    assert f.integer("a") is None and told(problems) == [says]


def test_numbers_are_read_as_written():
    f, problems = fields("a: 3\nb: 1.45\nc: 2")
    assert (f.integer("a"), f.number("b"), f.number("c"), f.number("x")) == (3, 1.45, 2.0, None)
    assert f.integer("x", required=False) is None and not problems.items
    f, problems = fields("b: 1,45")
    assert f.number("b") is None
    assert told(problems) == ["10: feltet 'b' skal være et tal med punktum som decimaltegn, fx 1.4, men her står '1,45'."]
    f, problems = fields("b: true")
    assert f.number("b") is None and "'true' (ja/nej-værdi)" in told(problems)[0]


def test_a_date_with_a_time_is_its_day():
    f, problems = fields("a: 2016-04-24 10:30:00")
    assert f.date("a") == dt.date(2016, 4, 24) and not problems.items
    f, problems = fields("b: x")
    assert f.date("a") is None and told(problems) == ["10: feltet 'a' mangler i testfilen. Tilføj fx 'a: 2016-04-24'."]


@pytest.mark.parametrize("text, value, says", [
    ("a: true", True, []), ("a: false", False, []), ("b: 1", False, []),
    ("a: ja", False, ["10: feltet 'a' skal være true eller false, men her står 'ja'."]),
])
def test_a_yes_or_no_is_true_or_false_and_nothing_else(text, value, says):
    f, problems = fields(text)
    assert f.flag("a") is value and told(problems) == says


def test_a_list_gives_each_item_with_its_own_line():
    f, problems = fields("a:\n  - x\n\n  - 2\n  - y: 1")
    assert [(item, loc.line) for item, loc in f.seq("a")][:2] == [("x", 11), (2, 13)]
    assert f.text_list("a") == [("x", f.seq("a")[0][1]), ("2", f.seq("a")[1][1])]
    assert told(problems) == ["14: punkterne i 'a' skal være tekst, men her står en samling af felter."]


@pytest.mark.parametrize("text, required, says", [
    ("a: []", True, ["10: listen 'a' er tom."]),
    ("a: []", False, []),
    ("a: x", True, ["10: feltet 'a' skal være en liste (linjer der starter med '- '), men her står 'x'."]),
    ("b: 1", True, ["10: feltet 'a' mangler i testfilen. Tilføj fx 'a: [...]  (eller en liste med '- ' på hver linje)'."]),
    ("b: 1", False, []),
])
def test_an_empty_wrong_or_missing_list(text, required, says):
    f, problems = fields(text)
    assert f.seq("a", required=required) == [] and told(problems) == says


def test_a_block_text_starts_on_the_line_after_its_key():
    f, _ = fields("a: x\nb: |\n  tekst\nc: >\n  mere")
    assert [f.text_location(k).line for k in "abc"] == [10, 12, 14]
    assert [f.value_location(k).line for k in "abc"] == [10, 11, 13]


def test_a_content_file_is_read_as_utf8_text_with_plain_line_ends(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes("\ufeffa: 1\r\nb: ø\rc: 3".encode())
    assert read_text(path, Problems(), tmp_path) == "a: 1\nb: ø\nc: 3"


def test_a_content_file_that_cannot_be_read_is_told_why(tmp_path):
    problems = Problems()
    (tmp_path / "latin1.yml").write_bytes("a: 1\nb: 2\nc: bl\xe5".encode("latin-1"))
    (tmp_path / "stor.yml").write_bytes(b"a: " + b"x" * MAX_CONTENT_FILE_BYTES)
    (tmp_path / "mappe.yml").mkdir()
    for name in ("latin1.yml", "stor.yml", "mappe.yml", "findes-ikke.yml"):
        assert read_text(tmp_path / name, problems, tmp_path) is None
    assert [f"{p.location.path.name}:{p.location.line}: {p.message.split('.')[0]}" for p in problems.items] == [
        "latin1.yml:3: filen er ikke gemt som UTF-8",
        "stor.yml:None: filen fylder 1 MB; en indholdsfil må højst fylde 1 MB",
        "mappe.yml:None: filen er ikke en almindelig fil (men fx en enhed, et rør eller en mappe)",
        "findes-ikke.yml:None: filen findes ikke"]


def test_an_empty_file_says_what_to_write_and_a_comment_only_file_too(tmp_path):
    for text in ("", "  \n\n", "# kun en kommentar\n"):
        problems = Problems()
        (tmp_path / "tom.yml").write_text(text, encoding="utf-8")
        node, _ = read_yaml_file(tmp_path / "tom.yml", problems, "publikationens titel", tmp_path)
        assert node is None
        messages = [f"{p.location.line}: {p.message}" for p in problems.items]
        assert messages == (["1: filen er tom. Skriv publikationens titel."] if not text.strip() else []), messages


@pytest.mark.parametrize("text", ["a: [!!int x]", "a: {!!float x: 1}", "a: [!!bool x]"])
def test_a_value_yaml_cannot_build_is_invalid_yaml_not_a_crash(text):
    problems = Problems()
    assert parse_yaml(text, DOC, problems) is None
    assert told(problems) == ["10: YAML-formatet er ugyldigt. Tjek indrykningen, kolonet efter feltnavnet og "
                              "anførselstegn omkring tekst med kolon."]


def test_a_comment_below_a_line_indented_too_far_does_not_hide_the_slip():
    problems = Problems()
    assert parse_yaml("  a: 1\n    # en kommentar\nb: 2", DOC, problems) is None
    assert told(problems) == ["10: linjen er rykket længere ind end linjerne under den, men den står først, så de "
                              "andre hører ikke til noget. Slet mellemrummene forrest på linjen."]
