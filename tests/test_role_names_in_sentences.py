"""Issue 18, item 3: phrases built from level and function names read as Danish. Inside a
sentence a name is lower-cased ("Konkretisering for centerchefer", "For ledere af ledere"), a
proper noun the organisation marks 'egennavn: ja' keeps its capital ("Direktionen"), and a name
that starts a sentence or a column is written as the organisation file has it. Asserted on what a
reader sees in the PDF, the DOCX, the web page and the Word template, case for case."""
from __future__ import annotations

import datetime as dt

import pytest
from corpus.fault_injection import ORG, assert_no_error, assert_one_located_error, copy_project, insert_lines
from wording_build import docx_paragraphs, edition_file, html_text, pdf_pages, wording_output

from booklet.danish import LABELS, in_sentence
from booklet.readers.project import load_project

# The levels fixture's names as written, and as they stand inside a sentence (wording_build marks
# Direktionen a proper noun; the others are common nouns).
IN_SENTENCE = {"direktion": "Direktionen", "centerchef": "centerchefer", "teamleder": "teamledere"}
AS_WRITTEN = {"direktion": "Direktionen", "centerchef": "Centerchefer", "teamleder": "Teamledere"}


@pytest.mark.parametrize("name, expected", [
    ("Centerchefer", "centerchefer"),
    ("Ledere af ledere", "ledere af ledere"),
    ("Østlige ledere", "østlige ledere"),
    ("HR-chefer", "HR-chefer"),  # an abbreviation keeps its capitals
    ("MED-ledere", "MED-ledere"),
    ("A-ledere", "A-ledere"),
    ("ledere af medarbejdere", "ledere af medarbejdere"),
])
def test_a_name_inside_a_sentence_loses_only_the_capital_that_starts_it(name, expected):
    assert in_sentence(name) == expected


@pytest.fixture(scope="module")
def out():
    return wording_output()


def _texts(out, publication: str, edition: str) -> dict[str, str]:
    return {
        "pdf": " ".join(pdf_pages(edition_file(out, publication, edition, "pdf"))),
        "docx": " ".join(p.text for p in docx_paragraphs(edition_file(out, publication, edition, "docx"))),
        "html": html_text(edition_file(out, publication, edition, "html")),
    }


def test_level_block_headings_name_the_level_mid_sentence_in_every_format(out):
    for fmt, text in _texts(out, "niveauer", "samlet").items():
        for level, name in IN_SENTENCE.items():
            assert f"Konkretisering for {name}" in text, (fmt, level)
        for wrong in ("Konkretisering for Centerchefer", "Konkretisering for Teamledere",
                      "Konkretisering for direktionen"):
            assert wrong not in text, (fmt, wrong)
        # A sentence that starts with the name keeps the capital it is written with.
        assert LABELS["no_concretisation"].format(role="Centerchefer") in text, fmt


def test_an_edition_is_named_for_its_readers_mid_sentence(out):
    for level, name in IN_SENTENCE.items():
        for fmt, text in _texts(out, "niveauer", level).items():
            assert f"Udgave for {name}" in text, (fmt, level)
            assert f"Udgave for {AS_WRITTEN[level]}" not in text or name == AS_WRITTEN[level], (fmt, level)


def test_the_review_flags_a_missing_block_mid_sentence(out):
    for fmt, text in _texts(out, "niveauer", "gennemsyn").items():
        assert "der er ikke skrevet en konkretisering for teamledere i dette afsnit." in text, fmt
        assert "konkretisering for Teamledere" not in text, fmt


def test_a_package_badge_starts_with_a_capital_and_names_the_function_in_lower_case(out):
    for fmt, text in _texts(out, "funktioner", "samlet").items():
        assert "For ledere af ledere" in text and "For administrative ledere" in text, fmt
        assert "For Ledere af ledere" not in text and "For Administrative ledere" not in text, fmt
        # A package for no function has no badge: its title says whom it is for.
        assert "For alle ledere" not in text, fmt


def test_a_badge_in_the_docx_is_its_own_paragraph_as_written(out):
    badges = [p.text for p in docx_paragraphs(edition_file(out, "funktioner", "samlet", "docx"))
              if p.style.name == "Målgruppe"]
    assert badges == ["For ledere af ledere", "For administrative ledere",
                      "For administrative ledere"]


def test_the_matrix_heads_its_columns_with_the_names_as_written(out):
    text = _texts(out, "niveauer", "matrix")["html"]
    assert "Afsnit Direktionen Centerchefer Teamledere" in text


def test_the_word_template_asks_for_the_headings_the_import_reads(tmp_path):
    from conftest import FIXTURES, make_project

    from booklet.commands import template as template_command

    project = make_project(tmp_path / "projekt", FIXTURES / "levels" / "content")
    organisation = project / "content" / "organisationer" / "provekommune.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(
        "    navn: Direktionen\n", "    navn: Direktionen\n    egennavn: ja\n", 1), encoding="utf-8")
    path = template_command.run(project, "provekommune", "ledelsesgrundlag", project / "skabelon.docx",
                                say=lambda _m: None, today=dt.date(2026, 12, 2))
    paragraphs = docx_paragraphs(path)
    headings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    # One example per level under each section that has level blocks.
    assert headings[:3] == ["Konkretisering for Direktionen", "Konkretisering for centerchefer",
                            "Konkretisering for teamledere"]
    assert set(headings) == set(headings[:3])
    instructions = " ".join(p.text for p in paragraphs)
    assert "»Konkretisering for centerchefer«" in instructions
    assert "hvad afsnittet betyder for centerchefer (" in instructions
    assert "for Centerchefer" not in instructions


@pytest.mark.parametrize("heading", ["Konkretisering for centerchefer", "Konkretisering for Centerchefer"])
def test_the_word_import_reads_the_heading_as_written_now_and_as_written_before(tmp_path, heading):
    """The writer and the template write the name mid-sentence; a document made before (or typed
    by hand with a capital) is read the same."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "word"))
    from docx_files import p, write_docx
    from corpus.fault_injection import run

    root = copy_project(tmp_path / "projekt")
    source = write_docx(tmp_path / "brev.docx", p("Strategibrev 2030", "Title") + p("Indledning", "Heading1")
                        + p("Kernetekst for alle.") + p(heading, "Heading2") + p("Som centerchef gør du sådan."))
    result = run(root, "import", str(source), "--som", "brevet")
    assert result.code == 0, result.out + result.err
    text = "\n".join(f.read_text(encoding="utf-8")
                     for f in sorted((root / "content" / "publikationer" / "brevet").glob("*.md")))
    assert "::: {niveau=centerchef}\nSom centerchef gør du sådan.\n:::" in text


def test_egennavn_is_read_and_keeps_the_capital(tmp_path):
    root = copy_project(tmp_path / "projekt")
    insert_lines(root, ORG, 8, ["    egennavn: ja"])  # under 'navn: Direktionen'
    assert_no_error(root)
    levels = load_project(root).organisations["testkommune"].levels
    assert [(r.id, r.proper_noun, r.in_sentence) for r in levels] == [("direktion", True, "Direktionen"),
                                                                      ("centerchef", False, "centerchefer")]


@pytest.mark.parametrize("value", ["måske", "1", "[ja]"])
def test_egennavn_other_than_ja_or_nej_is_a_located_danish_error(tmp_path, value):
    root = copy_project(tmp_path / "projekt")
    insert_lines(root, ORG, 8, [f"    egennavn: {value}"])
    message = assert_one_located_error(root, ORG, 8)
    assert "'egennavn' skal være 'ja' eller 'nej'" in message
    assert "»Konkretisering for direktionen«" in message  # what it gives without the field
