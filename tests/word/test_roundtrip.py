"""The Word round trip: a DOCX the project wrote, edited in Word (python-docx stands in) or saved
again by LibreOffice, imports into the files it came from, and content/ changes by exactly the
author's edits, byte for byte everywhere else."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph as WordParagraph
from tools import require

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))  # fault_injection

from conftest import FIXTURES, REPO, make_project  # noqa: E402
from fault_injection import run, snapshot  # noqa: E402

from booklet.editions import editions_for, select  # noqa: E402
from booklet.readers.project import load_project  # noqa: E402
from booklet.word.writer import DocxWriter  # noqa: E402

MINI = "content/publikationer/mini"
SEEDS = sorted(p.name for p in (REPO / "content" / "publikationer").iterdir() if (p / "publikation.yml").is_file())


def export(root: Path, publication_id: str, edition_id: str, target: Path) -> Path:
    """The edition's DOCX as `build --format docx` writes it (in-process: one edition only)."""
    publication = next(p for p in load_project(root, only=publication_id).publications)
    edition = next(e for e in editions_for(publication) if e.id == edition_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    DocxWriter(root / "templates", root / "styles").write(select(publication, edition), edition, target, root)
    return target


def libreoffice_save(source: Path, tmp_path: Path) -> Path:
    soffice = require("soffice", "libreoffice-writer-nogui")
    out = tmp_path / "gemt-af-libreoffice"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "docx", "--outdir", str(out), str(source)],
                   capture_output=True, text=True, timeout=600)
    saved = out / source.name
    assert saved.is_file() and saved.read_bytes() != source.read_bytes()
    return saved


def imported(root: Path, source: Path):
    result = run(root, "import", str(source))
    assert "Traceback" not in result.out + result.err, result.err
    return result


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("frø") / "projekt", REPO / "content")


@pytest.mark.parametrize("publication_id", SEEDS)
def test_every_edition_of_every_seed_imports_with_content_byte_identical(seeds, tmp_path, publication_id):
    before = snapshot(seeds / "content")
    publication = load_project(seeds, only=publication_id).publications[0]
    for edition in editions_for(publication):
        source = export(seeds, publication_id, edition.id, tmp_path / f"{edition.id}.docx")
        result = imported(seeds, source)
        assert result.code == 0, result.out + result.err
        assert "Ingen ændringer" in result.out, (edition.id, result.out)
        assert snapshot(seeds / "content") == before, edition.id


@pytest.fixture
def mini(tmp_path) -> Path:
    return make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")


@pytest.mark.parametrize("edition_id", ["samlet", "centerchef"])
def test_a_docx_saved_again_by_libreoffice_imports_with_content_unchanged(mini, tmp_path, edition_id):
    before = snapshot(mini / "content")
    saved = libreoffice_save(export(mini, "mini", edition_id, tmp_path / f"{edition_id}.docx"), tmp_path)
    result = imported(mini, saved)
    assert result.code == 0, result.out + result.err
    assert "Ingen ændringer" in result.out and "advarsel" not in result.out, result.out
    assert snapshot(mini / "content") == before


def test_a_seed_with_pictures_and_a_table_saved_by_libreoffice_imports_unchanged(seeds, tmp_path):
    """LibreOffice drops Word's mark on a decorative picture; the picture is still the same."""
    before = snapshot(seeds / "content")
    saved = libreoffice_save(export(seeds, "htk-strategibrev-2016", "samlet", tmp_path / "brev.docx"), tmp_path)
    result = imported(seeds, saved)
    assert result.code == 0, result.out + result.err
    assert "Ingen ændringer" in result.out and "advarsel" not in result.out, result.out
    assert snapshot(seeds / "content") == before


def _paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def edit_as_an_author(source: Path, target: Path) -> Path:
    """The four edits of the issue, made with python-docx as Word would store them."""
    document = docx.Document(source)
    core = _paragraph(document, "Ledelse er den enkeltfaktor")
    run_ = next(r for r in core.runs if "betydning" in r.text)
    run_.text = run_.text.replace("betydning", "betydning for borgerne")
    slot_text = _paragraph(document, "Som centerchef oversætter")
    following = WordParagraph(slot_text._p.getnext(), slot_text._parent)
    following.insert_paragraph_before("Du holder møde med dine ledere hver måned.", style="List Bullet")
    _paragraph(document, "Tallet er fra").insert_paragraph_before("Nye mål", style="Heading 2")
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Område")
    row = table.add_row()
    row.cells[0].text, row.cells[1].text = "Trivsel", "80 %"
    document.save(target)
    return target


def lines(root: Path, relative: str) -> list[str]:
    return (root / relative).read_text(encoding="utf-8").split("\n")


def test_edits_in_word_then_libreoffice_come_back_as_exactly_those_edits(mini, tmp_path):
    intro, content = f"{MINI}/01-indledning.md", f"{MINI}/03-indhold.md"
    # Last version kept beside it as a publication of its own, so `diff` can compare the two.
    shutil.copytree(mini / MINI, mini / "content/publikationer/mini-foer")
    before = snapshot(mini / "content")
    old_intro, old_content = lines(mini, intro), lines(mini, content)
    exported = export(mini, "mini", "centerchef", tmp_path / "centerchef.docx")
    edited = libreoffice_save(edit_as_an_author(exported, tmp_path / "rettet.docx"), tmp_path)

    result = imported(mini, edited)
    assert result.code == 0, result.out + result.err
    assert "advarsel" not in result.out, result.out

    expected_intro = list(old_intro)
    core = expected_intro.index("Ledelse er den **enkeltfaktor**, der har *størst* betydning.")
    expected_intro[core] = "Ledelse er den **enkeltfaktor**, der har *størst* betydning for borgerne."
    slot = expected_intro.index("Som centerchef oversætter du grundlaget til dit center.")
    expected_intro[slot + 1:slot + 1] = ["", "- Du holder møde med dine ledere hver måned."]
    assert lines(mini, intro) == expected_intro

    expected_content = list(old_content)
    row = expected_content.index("| Sygefravær | 4 % |")
    expected_content[row + 1:row + 1] = ["| Trivsel | 80 % |"]
    paragraph = expected_content.index("Tallet er fra personalepolitikken.[^kilde]")
    expected_content[paragraph:paragraph] = ["## Nye mål", ""]
    assert lines(mini, content) == expected_content

    changed = {name for name, digest in snapshot(mini / "content").items() if before.get(name) != digest}
    assert changed == {"publikationer/mini/01-indledning.md", "publikationer/mini/03-indhold.md"}

    # The review loop runs as usual on the result, and every format holds the edits.
    assert run(mini, "check", "mini").code == 0
    compared = run(mini, "diff", "mini-foer", "mini")
    assert compared.code == 0, compared.err
    assert "Indledning" in compared.out and "borgerne" in compared.out and "Trivsel" in compared.out, compared.out
    output = tmp_path / "output"
    built = run(mini, "build", "mini", "--variant", "centerchef", "--format", "docx", "--format", "html",
                "--format", "pdf", "--output", str(output))
    assert built.code == 0, built.out + built.err
    _assert_outputs_hold(output, ["betydning for borgerne", "Du holder møde med dine ledere", "Nye mål", "Trivsel"])


def _assert_outputs_hold(output: Path, texts: list[str]) -> None:
    from pypdf import PdfReader

    pdf = next(p for p in output.rglob("*centerchef*.pdf") if "tryk" not in p.name)
    word = next(output.rglob("*centerchef*.docx"))
    pdf_text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    word_text = "\n".join(p.text for p in docx.Document(word).paragraphs) + "\n".join(
        c.text for t in docx.Document(word).tables for r in t.rows for c in r.cells)
    html_text = "\n".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    for text in texts:
        assert text in pdf_text, text
        assert text in word_text, text
        assert text in html_text, text


def test_a_changed_content_file_since_the_export_is_refused_in_danish(mini, tmp_path):
    exported = export(mini, "mini", "samlet", tmp_path / "samlet.docx")
    path = mini / MINI / "02-komponenter.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEn ny linje skrevet efter eksporten.\n", encoding="utf-8")
    before = snapshot(mini / "content")
    result = run(mini, "import", str(exported))
    assert result.code != 0
    assert "er ændret, siden dokumentet blev lavet" in result.err and "content/ er ikke ændret" in result.err
    assert snapshot(mini / "content") == before


def test_text_the_importer_cannot_place_is_reported_with_its_words(mini, tmp_path):
    """'Fokusområder:' before a competency's focus areas is the tool's own label: an edit to that
    paragraph has no place in the files, so its words are named, and nothing is changed."""
    exported = export(mini, "mini", "centerchef", tmp_path / "centerchef.docx")
    document = docx.Document(exported)
    label = _paragraph(document, "Fokusområder:")
    texts = label._p.xpath(".//w:t")
    texts[0].text = "Områder i fokus: Én kommune og hele landet"
    for text in texts[1:]:
        text.text = ""
    document.save(tmp_path / "rettet.docx")
    before = snapshot(mini / "content")
    result = imported(mini, tmp_path / "rettet.docx")
    assert result.code == 0, result.out + result.err
    assert "advarsel" in result.out and "Områder i fokus: Én kommune og hele landet" in result.out, result.out
    assert snapshot(mini / "content") == before


# --- the word-level edits, without Word: two reader-side documents of the mini fixture -----------

from booklet.model import ListBlock, Paragraph, Text  # noqa: E402
from booklet.word.reader import ImportedDocument, ImportedSection  # noqa: E402
from booklet.word.round_trip import apply, plan_edits  # noqa: E402


def _document(*blocks, title: str = "Indledning") -> ImportedDocument:
    return ImportedDocument(title="Minigrundlag", subtitle="Et lille testgrundlag", date=None, keywords=(),
                            sections=[ImportedSection(title, list(blocks))], pictures=None)  # type: ignore[arg-type]


def _paragraph_of(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def _items(*texts: str) -> ListBlock:
    return ListBlock(False, tuple((_paragraph_of(t),) for t in texts))


@pytest.fixture(scope="module")
def mini_publication(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("ord") / "projekt", FIXTURES / "mini" / "content")
    return load_project(root, only="mini").publications[0]


def _changed(publication, before, after) -> dict[str, str]:
    plan = plan_edits(publication, before, after, None)
    assert not plan.unplaced, plan.unplaced
    return {path.name: text for path, text in apply(plan).items()}


def test_a_changed_word_keeps_the_markup_around_the_others(mini_publication):
    old = _document(_paragraph_of("Ledelse er den enkeltfaktor, der har størst betydning."))
    for new, written in [
        ("Ledelse er den enkeltfaktor, der har mindst betydning. Det gælder alle.",
         "Ledelse er den **enkeltfaktor**, der har *mindst* betydning. Det gælder alle."),
        ("Ledelse er den enkeltfaktor, der har mindst betydning nu.",
         "Ledelse er den **enkeltfaktor**, der har *mindst* betydning nu."),
        ("Ledelse er den enkeltfaktor, der har betydning.", "Ledelse er den **enkeltfaktor**, der har betydning."),
        ("Ledelse er den store enkeltfaktor, som har størst betydning.",
         "Ledelse er den store **enkeltfaktor**, som har *størst* betydning."),
    ]:
        changed = _changed(mini_publication, old, _document(_paragraph_of(new)))
        assert changed["01-indledning.md"].split("\n")[3] == written


def test_a_deleted_and_an_added_bullet_change_only_their_lines(mini_publication):
    before = _document(_items("punkt et", "punkt to"))
    after = _document(_items("punkt et", "punkt tre", "punkt to"))
    text = _changed(mini_publication, before, after)["01-indledning.md"]
    assert "- punkt et\n- punkt tre\n- punkt to\n  - underpunkt\n" in text
    text = _changed(mini_publication, before, _document(_items("punkt to")))["01-indledning.md"]
    assert "```\n\n- punkt to\n  - underpunkt\n" in text


def test_a_text_found_nowhere_is_named_not_dropped(mini_publication):
    plan = plan_edits(mini_publication, _document(_paragraph_of("Tekst som værktøjet selv skrev.")),
                      _document(_paragraph_of("Tekst som forfatteren rettede.")), None)
    assert not apply(plan)
    assert any("Tekst som forfatteren rettede." in note for note in plan.unplaced)


def test_core_text_after_a_level_block_marked_ingen_is_read_and_edited(mini, tmp_path):
    """Nothing in Word closes a level block: the Word reader kept the text after an 'ingen' block
    inside it and dropped it, so an edit to the closing quote of the mini's first section was lost."""
    intro = mini / MINI / "01-indledning.md"
    exported = export(mini, "mini", "samlet", tmp_path / "samlet.docx")
    document = docx.Document(exported)
    texts = _paragraph(document, "Ledelse er noget")._p.xpath(".//w:t")
    texts[0].text = "Ledelse er noget, vi altid er sammen om."
    for text in texts[1:]:
        text.text = ""
    document.save(tmp_path / "rettet.docx")
    old = intro.read_text(encoding="utf-8")
    result = imported(mini, tmp_path / "rettet.docx")
    assert result.code == 0, result.out + result.err
    assert intro.read_text(encoding="utf-8") == old.replace("> Ledelse er noget, vi er sammen om.",
                                                            "> Ledelse er noget, vi altid er sammen om.")
