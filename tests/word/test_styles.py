"""The style map (word/styles.py) is the contract between the Word writer and the Word reader:
every block kind of the model has a writer handler and an entry in the map, and the written
document marks each kind with the styles its entry names, so a reader recognises every kind
from the styles alone. A new kind added to one side only fails here."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph

from booklet.editions import editions_for, select
from booklet.model import BLOCK_KINDS
from booklet.readers.project import load_project
from booklet.word import styles
from booklet.word.looks import CHARACTER_LOOKS, paragraph_looks
from booklet.word.writer import DocxWriter, _DocumentBuilder

KINDS = {kind.kind for kind in BLOCK_KINDS}
# The kinds Markdown has a form for: a reader takes what no component marks for one of these.
MARKDOWN_KINDS = {"paragraph", "heading", "list", "quote"}


def test_every_kind_has_a_writer_handler_and_an_entry_in_the_style_map():
    assert set(_DocumentBuilder.HANDLERS) == KINDS
    assert set(styles.BLOCK_STYLES) == KINDS


def names_in_the_map() -> set[str]:
    return {name for entry in styles.BLOCK_STYLES.values() for name in (*entry.marks, *entry.fields.values())
            if not name.startswith(styles.FIGURE_DRAWING_PREFIX)}


def test_every_style_of_the_map_is_one_the_writer_defines(mini):
    brand = load_project(mini).publications[0].brand
    defined = {*paragraph_looks(brand, False), *CHARACTER_LOOKS, *styles.TABLE_STYLES,
               *(styles.heading_style(level) for level in styles.HEADING_LEVELS)}
    assert names_in_the_map() - defined == set()


def distinctive_marks(kind: str) -> set[str]:
    """The marks of `kind` that no other kind uses, as a mark or for a field."""
    others = {name for other, entry in styles.BLOCK_STYLES.items() if other != kind
              for name in (*entry.marks, *entry.fields.values())}
    return set(styles.BLOCK_STYLES[kind].marks) - others


@pytest.mark.parametrize("kind", sorted(KINDS - MARKDOWN_KINDS))
def test_every_component_kind_is_told_apart_by_its_styles_alone(kind):
    entry = styles.BLOCK_STYLES[kind]
    assert distinctive_marks(kind) or entry.title, f"{kind} has no mark of its own"
    for mark in distinctive_marks(kind):
        assert styles.KIND_BY_MARK[mark] == kind


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    from conftest import FIXTURES, make_project

    return make_project(tmp_path_factory.mktemp("stilkort") / "projekt", FIXTURES / "mini" / "content")


@pytest.fixture(scope="module")
def marks_written(mini, tmp_path_factory) -> tuple[set[str], set[str], list[str]]:
    """The style names and drawing names used in every edition of the mini fixture (which holds
    every kind), the texts of its level-2 headings, and its levels' and functions' names as they
    stand inside the heading ("Konkretisering for centerchefer")."""
    publication = load_project(mini).publications[0]
    writer = DocxWriter(mini / "templates", mini / "styles")
    folder = tmp_path_factory.mktemp("skrevet")
    used, headings = set(), set()
    for edition in editions_for(publication):
        target = folder / f"{edition.id}.docx"
        writer.write(select(publication, edition), edition, target, mini)
        document = docx.Document(str(target))
        by_id = {style.style_id: style.name for style in document.styles}
        body = document.element.body
        used |= {by_id[value] for value in body.xpath(".//w:pStyle/@w:val | .//w:tblStyle/@w:val")}
        used |= set(body.xpath(".//wp:docPr/@name"))
        if body.xpath(".//w:p[not(w:pPr/w:pStyle)]"):
            used.add(by_id[document.styles.default(1).style_id])  # the default style is not named
        headings |= {WordParagraph(p, document._body).text for p in body.iter(qn("w:p"))
                     if WordParagraph(p, document._body).style.name == styles.heading_style(2)}
    organisation = publication.organisation
    return used, headings, [role.in_sentence for role in (*organisation.levels, *organisation.functions)]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_writer_marks_every_kind_as_the_map_says(kind, marks_written):
    used, headings, roles = marks_written
    entry = styles.BLOCK_STYLES[kind]
    if entry.title:
        assert any(styles.slot_title(name) in headings for name in roles)
    else:
        marks = distinctive_marks(kind) if kind not in MARKDOWN_KINDS else set(entry.marks)
        assert marks & used, f"no {kind} marked with {sorted(marks)}"


def test_the_template_instructions_and_page_furniture_are_skipped_not_read():
    assert styles.INSTRUCTION in styles.SKIPPED
    assert not set(styles.SKIPPED) & set(styles.KIND_BY_MARK)
