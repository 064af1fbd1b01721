"""`python build.py skabelon`: a Word template in the brand's styles, with the publication type's
sections, a level heading per level exactly as the writer marks a level's block, and
instructions the import skips; filled in (python-docx standing in for Word) and imported, it
becomes a publication whose level editions hold their blocks."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest

from booklet.commands import template as template_command
from booklet.commands.exits import UsageError
from booklet.danish import LABELS
from booklet.editions import editions_for, select
from booklet.readers.project import load_project
from booklet.word import styles
from booklet.word.stamp import read_custom_properties, read_stamp
from booklet.word.template import DEFAULT_SECTIONS, TEMPLATE_MAIN
from booklet.word.writer import DocxWriter

TODAY = dt.date(2026, 12, 2)
REPO = Path(__file__).resolve().parents[2]


def quiet(_message: str) -> None:
    pass


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy of the real content for the module (reading it is the slow part); each test
    writes files of its own names."""
    from conftest import make_project

    return make_project(tmp_path_factory.mktemp("skabelon") / "projekt", REPO / "content")


def make(project: Path, organisation: str, pub_type: str = "strategibrev", name: str | None = None) -> Path:
    name = name or f"skabelon-{organisation}-{pub_type}.docx"
    return template_command.run(project, organisation, pub_type, project / name, say=quiet, today=TODAY)


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_the_sections_are_the_newest_publication_of_the_type(project):
    newest = next(p for p in load_project(project).publications if p.id == "htk-strategibrev-2016")
    found = paragraphs(make(project, "hoeje-taastrup"))
    assert [text for style, text in found if style == styles.heading_style(1)] == [s.title for s in newest.sections]
    assert found[0] == (styles.TITLE, "Strategibrev for Høje-Taastrup Kommune")


def test_one_level_heading_per_level_as_the_writer_writes_it(project):
    organisation = load_project(project).organisations["hoeje-taastrup"]
    found = paragraphs(make(project, "hoeje-taastrup"))
    level_headings = [text for style, text in found if style == styles.heading_style(2)]
    assert level_headings == [LABELS["concretisation_for"].format(role=role.in_sentence) for role in organisation.levels]
    assert level_headings[:2] == ["Konkretisering for Direktionen", "Konkretisering for centerchefer"]
    # Under each, an instruction, not text of the author's.
    for index, (style, _text) in enumerate(found):
        if style == styles.heading_style(2):
            assert found[index + 1][0] == styles.INSTRUCTION


def test_a_type_the_organisation_has_none_of_gets_the_usual_sections(project):
    found = paragraphs(make(project, "odder", "strategibrev"))
    assert [text for style, text in found if style == styles.heading_style(1)] == list(DEFAULT_SECTIONS["strategibrev"])
    assert len([1 for style, _ in found if style == styles.heading_style(2)]) == 4  # Odder's four levels


def test_the_instructions_cover_what_a_director_writes_in_the_instruction_style(project):
    found = paragraphs(make(project, "hoeje-taastrup"))
    instructions = " ".join(text for style, text in found if style == styles.INSTRUCTION)
    for topic in ("Overskrift 1", "punktopstilling", "Tabel", "alternativ tekst", "dekorativ", "fodnote",
                  "Konkretisering for centerchefer"):
        assert topic in instructions
    # Only titles, headings and instructions: nothing the import would take for the author's text.
    assert {style for style, _ in found} == {styles.TITLE, styles.heading_style(1), styles.heading_style(2),
                                             styles.INSTRUCTION}
    assert styles.INSTRUCTION in styles.SKIPPED


def test_the_brand_styles_are_the_writers(project):
    brand = load_project(project).brands["hoeje-taastrup"]
    document = docx.Document(str(make(project, "hoeje-taastrup")))
    assert document.styles[styles.heading_style(1)].font.name == brand.heading_font
    assert document.styles["Normal"].font.name == brand.body_font
    names = {style.name for style in document.styles}
    assert {styles.DATA_TABLE, styles.FACT_BOX, styles.PULL_QUOTE, styles.LIST_BULLET, styles.CAPTION} <= names


def test_it_names_the_organisation_and_type_and_is_no_publication(project):
    path = make(project, "hoeje-taastrup")
    properties = read_custom_properties(path)
    assert properties[styles.TEMPLATE_ORGANISATION] == "hoeje-taastrup"
    assert properties[styles.TEMPLATE_TYPE] == "strategibrev"
    assert read_stamp(path) is None  # the import makes a new publication of it, no round trip


def test_the_same_template_twice_is_byte_identical_and_may_be_made_again_over_itself(project):
    first = make(project, "hoeje-taastrup", name="to-gange.docx").read_bytes()
    assert make(project, "hoeje-taastrup", name="to-gange.docx").read_bytes() == first


def test_a_dotx_is_a_word_template(project):
    path = make(project, "hoeje-taastrup", name="skabelon.dotx")
    with zipfile.ZipFile(path) as package:
        assert f'ContentType="{TEMPLATE_MAIN}"' in package.read("[Content_Types].xml").decode()


def test_a_file_the_tool_did_not_make_is_not_written_over(project):
    other = project / "referat.docx"
    docx.Document().save(str(other))
    before = other.read_bytes()
    with pytest.raises(UsageError, match="ikke en skabelon"):
        template_command.run(project, "hoeje-taastrup", output=other, say=quiet, today=TODAY)
    text = project / "noter.docx"
    text.write_text("ikke Word", encoding="utf-8")
    with pytest.raises(UsageError, match="ikke en skabelon"):
        template_command.run(project, "hoeje-taastrup", output=text, say=quiet, today=TODAY)
    assert other.read_bytes() == before and text.read_text(encoding="utf-8") == "ikke Word"


def fill_in(template: Path, target: Path, title: str) -> None:
    """A director's work, python-docx standing in for Word: a title, text in each section and one
    block under each level heading, each as a paragraph right under its heading."""
    document = docx.Document(str(template))
    found = list(document.paragraphs)
    found[0].text = title
    for index, paragraph in enumerate(found):
        if paragraph.style.name == styles.heading_style(1):
            found[index + 1].insert_paragraph_before(f"Kernetekst om {paragraph.text}.", style="Normal")
        elif paragraph.style.name == styles.heading_style(2):
            role = paragraph.text.removeprefix(LABELS["concretisation_for"].format(role=""))
            found[index + 1].insert_paragraph_before(f"Særligt for {role}: vi går forrest.", style="Normal")
    document.save(str(target))


def test_a_filled_in_template_is_never_written_over(project):
    template = make(project, "hoeje-taastrup", name="udfyldt-af-direktoeren.docx")
    fill_in(template, template, "Strategibrev 2027")
    before = template.read_bytes()
    with pytest.raises(UsageError, match="skrevet i den"):
        make(project, "hoeje-taastrup", name="udfyldt-af-direktoeren.docx")
    assert template.read_bytes() == before


def test_unknown_organisation_or_type_is_said_with_the_valid_names(project):
    with pytest.raises(UsageError, match="hoeje-taastrup"):
        make(project, "hoeje-tastrup")
    with pytest.raises(UsageError, match="strategibrev"):
        make(project, "hoeje-taastrup", "strategibreve")
    with pytest.raises(UsageError, match=r"\.docx"):
        make(project, "hoeje-taastrup", name="skabelon.pdf")


def test_filled_in_imported_and_built_each_level_edition_holds_its_block(tmp_path):
    from conftest import make_project

    import_docx = pytest.importorskip("booklet.commands.import_docx")
    project = make_project(tmp_path / "projekt", REPO / "content")  # its own: the import adds a publication
    organisation = load_project(project).organisations["hoeje-taastrup"]
    filled = project / "udfyldt.docx"
    fill_in(make(project, "hoeje-taastrup", name="til-import.docx"), filled, "Strategibrev 2027")
    folder = import_docx.run(project, filled, as_id="htk-strategibrev-2027", say=quiet)
    assert folder.name == "htk-strategibrev-2027"
    publication = load_project(project, only="htk-strategibrev-2027").publications[0]
    assert publication.title == "Strategibrev 2027"
    editions = {edition.id: edition for edition in editions_for(publication)}
    assert {role.id for role in organisation.levels} <= set(editions)
    writer = DocxWriter(project / "templates", project / "styles")
    for role in organisation.levels:
        target = project / f"{role.id}.docx"
        writer.write(select(publication, editions[role.id]), editions[role.id], target, project)
        text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
        # fill_in writes the role's name as the template's heading has it: mid-sentence.
        assert f"Særligt for {role.in_sentence}: vi går forrest." in text
        assert not [r.name for r in organisation.levels
                    if r.id != role.id and f"Særligt for {r.in_sentence}: vi går forrest." in text]
        assert "Kernetekst om Forord." in text
        assert "Skriv afsnittet" not in text and "Sådan skriver du" not in text  # the instructions stayed behind
