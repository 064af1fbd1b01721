"""More of the YAML reader: the document markers copied YAML often has, and what each file
read gives back (the data, or one error at its exact line in Danish)."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus.fault_injection import MANIFEST, assert_no_error, copy_project, read_lines, write_lines

from booklet.errors import Problems
from booklet.readers.yaml_source import YamlDocument, parse_yaml

DOC = YamlDocument(Path("fil.yml"), 10)  # text standing on line 10 of its file


def parsed(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    node = parse_yaml(text, DOC, problems)
    return node, [f"{p.location.line}: {p.message}" for p in problems.items]


@pytest.mark.parametrize("text", [
    "---\na: 1\nb: x",
    "--- # kopieret fra et eksempel\na: 1\nb: x",
    "# en kommentar først\n\n---   \na: 1\nb: x",
    "---\na: 1\nb: x\n...",
    "---\na: 1\nb: x\n...\n# slut\n",
])
def test_a_document_start_before_the_first_field_and_an_end_after_the_last_are_accepted(text):
    node, problems = parsed(text)
    assert problems == [] and dict(node) == {"a": 1, "b": "x"}


@pytest.mark.parametrize("text, says", [
    ("a: 1\n---\nb: x", "11: en linje '---' midt i filen starter et nyt YAML-dokument. Slet linjen."),
    ("---\n---\na: 1", "11: en linje '---' midt i filen starter et nyt YAML-dokument. Slet linjen."),
    ("---\na: 1\n--- # igen\nb: x", "12: en linje '---' midt i filen starter et nyt YAML-dokument. Slet linjen."),
    ("a: 1\n...\nb: x", "11: en linje '...' midt i filen afslutter YAML-dokumentet, så linjerne under den "
                        "ikke bliver læst. Slet linjen."),
])
def test_a_document_marker_in_the_middle_is_one_error_at_its_line(text, says):
    node, problems = parsed(text)
    assert node is None and problems == [says]


def test_a_publication_file_that_starts_with_a_document_start_is_read(tmp_path):
    root = copy_project(tmp_path / "projekt")
    write_lines(root, MANIFEST, ["---", *read_lines(root, MANIFEST)])
    assert assert_no_error(root).code == 0
