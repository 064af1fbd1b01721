"""`diff A B` between two publications, and the site's "Hvad er nyt" page made from it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, make_project, run_build

from booklet.commands import diff, new
from booklet.commands.exits import UsageError
from booklet.errors import ContentError
from booklet.readers.project import load_project

OLD = "htk-strategibrev-2015"
NEW = "htk-strategibrev-2016"
EDITED = "03-den-politiske-retning.md"
SENTENCE = "Det er et solidt budget, som med afsæt i Udviklingsstrategien, skaber plads til nye udviklingstiltag"
REWRITTEN = "Det er et stramt budget, som med afsæt i Udviklingsstrategien, skaber plads til nye udviklingstiltag"


@pytest.fixture
def strategibrev(tmp_path, monkeypatch) -> Path:
    """A project with HTK's 2015 strategibrev and a 2016 copy made with `new --from`, one sentence edited."""
    content = tmp_path / "indhold"
    shutil.copytree(REPO / "content" / "organisationer", content / "organisationer")
    shutil.copytree(REPO / "content" / "publikationer" / OLD, content / "publikationer" / OLD)
    root = make_project(tmp_path / "projekt", content)
    created = new.run(root, "strategibrev", OLD, 2016, say=lambda _line: None)
    section = created / EDITED
    text = section.read_text(encoding="utf-8")
    assert SENTENCE in text
    section.write_text(text.replace(SENTENCE, REWRITTEN), encoding="utf-8")
    monkeypatch.chdir(root)  # files are named relative to the project, as a user in it sees them
    return root


def said(root: Path, *names: str, page: Path | None = None) -> list[str]:
    lines: list[str] = []
    diff.run(root, names, page=page, say=lines.append)
    return lines


def test_a_new_copy_with_one_edited_sentence_shows_that_sentence_and_nothing_else(strategibrev):
    assert f"forrige: {OLD}" in (strategibrev / "content/publikationer" / NEW / "publikation.yml").read_text(
        encoding="utf-8"), "new --from names the publication it was made from"
    lines = said(strategibrev, OLD, NEW)
    assert lines[0] == f"Sammenligner 'Direktionens strategibrev 2015' ({OLD}) med 'Direktionens strategibrev 2016' ({NEW})."
    assert lines[1] == f"== Den politiske retning (content/publikationer/{NEW}/{EDITED})"
    assert lines[2].startswith("~ Det er et [-solidt-] {+stramt+} budget, som med afsæt")
    assert lines[2].count("[-") == lines[2].count("{+") == 1, "only the edited sentence, not its paragraph"
    assert "plads til nye udviklingstiltag, der ledelsesmæssigt skal planlægges og implementeres." in lines[2]
    assert lines[3:] == ["1 afsnit er forskellige (1 med ændret tekst)."]


def test_a_renamed_and_moved_section_is_recognised(strategibrev):
    folder = strategibrev / "content/publikationer" / NEW
    manifest = folder / "publikation.yml"
    (folder / EDITED).rename(folder / "01-politikken.md")
    text = (folder / "01-politikken.md").read_text(encoding="utf-8")
    (folder / "01-politikken.md").write_text(text.replace("titel: Den politiske retning", "titel: Politikken"),
                                             encoding="utf-8")
    listed = manifest.read_text(encoding="utf-8").replace(f"  - {EDITED}\n", "")
    manifest.write_text(listed.replace("afsnit:\n", "afsnit:\n  - 01-politikken.md\n"), encoding="utf-8")
    lines = said(strategibrev, OLD, NEW)
    heading = [line for line in lines if line.startswith("== ")]
    assert heading == [f"== Politikken (content/publikationer/{NEW}/01-politikken.md) – hed før 'Den politiske "
                       f"retning', filen hed før {EDITED}, flyttet fra plads 3 til 1"], lines
    assert lines[-1] == "1 afsnit er forskellige (1 med ændret tekst, 1 med ny titel, 1 flyttet)."


def test_a_new_and_a_removed_section_are_named(strategibrev):
    folder = strategibrev / "content/publikationer" / NEW
    manifest = folder / "publikation.yml"
    (folder / "06-nyt.md").write_text("---\ntitel: Helt nyt\n---\nEn ny tekst om noget andet.\n", encoding="utf-8")
    listed = manifest.read_text(encoding="utf-8").replace("  - 01-indledning.md\n", "")
    manifest.write_text(listed + "  - 06-nyt.md\n", encoding="utf-8")
    (folder / "01-indledning.md").unlink()
    lines = said(strategibrev, OLD, NEW)
    assert f"== Nyt afsnit: Helt nyt (content/publikationer/{NEW}/06-nyt.md)" in lines
    assert "+ En ny tekst om noget andet." in lines
    assert f"== Fjernet afsnit: Indledning (content/publikationer/{OLD}/01-indledning.md)" in lines


def test_the_change_page_is_linked_from_the_newer_publication(strategibrev):
    result = run_build(strategibrev, "build", NEW, "--format", "html", "--variant", "samlet", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    # A copy made with `new` is a draft: it is on the internal review site, not the public one.
    site = next(p for p in (strategibrev / "output/site-intern", strategibrev / "output/site") if (p / NEW).is_dir())
    assert 'href="../htk-strategibrev-2016/nyt.html">Hvad er nyt i 2016</a>' in (
        site / NEW / "index.html").read_text(encoding="utf-8")
    page = (site / NEW / "nyt.html").read_text(encoding="utf-8")
    assert "<h1>Hvad er nyt i 2016</h1>" in page
    assert '<span class="change-label">Ændret:</span>' in page
    assert '<del><span class="visually-hidden">Fjernet: </span>solidt</del>' in page
    assert "nyt.html" not in (site / OLD / "index.html").read_text(encoding="utf-8"), "only the newer one links"


def test_the_change_page_passes_axe(strategibrev, browser, tmp_path):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    folder = strategibrev / "content/publikationer" / NEW
    (folder / "01-indledning.md").unlink()  # a removed section too, so every kind of change is on the page
    manifest = folder / "publikation.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("  - 01-indledning.md\n", ""),
                        encoding="utf-8")
    (folder / "06-nyt.md").write_text("---\ntitel: Helt nyt\n---\nEn ny tekst.\n", encoding="utf-8")
    manifest.write_text(manifest.read_text(encoding="utf-8") + "  - 06-nyt.md\n", encoding="utf-8")
    target = tmp_path / "side" / "hvad-er-nyt.html"
    said(strategibrev, OLD, NEW, page=target)
    page = browser.new_page()
    page.goto(target.as_uri())
    assert page.locator("del").count() >= 2 and page.locator("ins").count() >= 2
    result = axe_module.Axe().run(page, options={
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]})
    page.close()
    assert [f"{v['id']}: {v['help']}" for v in result.response["violations"]] == []


def test_a_publication_where_an_edition_belongs_says_how_to_compare_publications(strategibrev):
    with pytest.raises(UsageError) as raised:
        said(strategibrev, OLD, "samlet", NEW)
    assert str(raised.value) == (f"udgaven '{NEW}' findes ikke. Gyldige værdier: 'samlet'. To publikationer "
                                 f"sammenlignes med to navne: diff {OLD} {NEW}.")


def test_a_wrong_previous_publication_is_a_located_error(strategibrev):
    manifest = strategibrev / "content/publikationer" / NEW / "publikation.yml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"forrige: {OLD}", "forrige: htk-strategibrev-2051"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("forrige:"))
    with pytest.raises(ContentError) as raised:
        load_project(strategibrev, only=NEW)
    assert [str(p) for p in raised.value.problems] == [
        f"content/publikationer/{NEW}/publikation.yml:{line}: fejl: 'forrige: htk-strategibrev-2051': publikationen "
        f"findes ikke i content/publikationer – mente du '{OLD}'?"]
