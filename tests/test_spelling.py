"""Danish spell check over every line an author wrote, variant blocks included."""
from __future__ import annotations

from pathlib import Path

from conftest import run_build
from tools import require

from booklet import spelling
from booklet.readers.project import load_project

MINI = Path("content/publikationer/mini")


def add_line(project: Path, relative: Path, after: str, line: str) -> int:
    path = project / relative
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, text in enumerate(lines) if after in text) + 1
    lines.insert(index, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def test_words_of_a_section_with_their_lines(mini_project):
    words = spelling.words_by_line(mini_project / MINI / "02-komponenter.md")
    assert (2, "Komponenter") in words  # the title in the front matter
    assert not any(word in ("forum", "navn", "temaer", "mødes") for _, word in words), "no YAML keys or fences"
    assert (5, "Chefforum") in words


def test_misspellings_in_core_text_and_variant_blocks_are_located(mini_project):
    require("hunspell", "hunspell-da")
    core = add_line(mini_project, MINI / "01-indledning.md", "enkeltfaktor", "Vi skal sikre en tydlig retning.")
    slot = add_line(mini_project, MINI / "01-indledning.md", "Som centerchef", "Du skaber fælleskab.")
    problems = [str(p) for p in spelling.check(list(load_project(mini_project).publications))]
    assert any(f"{MINI}/01-indledning.md:{core}: advarsel: stavning: 'tydlig'" in p and "tydelig" in p
               for p in problems), problems
    assert any(f"{MINI}/01-indledning.md:{slot}: advarsel: stavning: 'fælleskab'" in p
               for p in problems), problems
    assert len(problems) == 2, problems


def test_the_organisations_word_list_accepts_its_terms(mini_project):
    require("hunspell", "hunspell-da")
    add_line(mini_project, MINI / "01-indledning.md", "enkeltfaktor", "Chefforum og Strategisk Lederforum mødes i TKLF.")
    assert any("'TKLF'" in str(p) for p in spelling.check(list(load_project(mini_project).publications)))
    (mini_project / "content/organisationer/testkommune-ordliste.txt").write_text("TKLF\n", encoding="utf-8")
    assert not any("'TKLF'" in str(p) for p in spelling.check(list(load_project(mini_project).publications)))


def test_check_reports_three_broken_files_at_once(mini_project):
    org = mini_project / "content/organisationer/testkommune.yml"
    org.write_text(org.read_text(encoding="utf-8").replace("kortnavn: TK", "kortnavn TK"), encoding="utf-8")
    manifest = mini_project / MINI / "publikation.yml"
    # Only the publication's own date: 'godkendt_dato: 2016-04-24' ends with the same text.
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("\ndato: 2016-04-24", "\ndato: 24-04-2016"),
                        encoding="utf-8")
    section = mini_project / MINI / "02-komponenter.md"
    section.write_text(section.read_text(encoding="utf-8").replace("```temaer", "```temaerne"), encoding="utf-8")
    result = run_build(mini_project, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": fejl: " in line]
    assert [line.split(": fejl: ")[0].rsplit("/", 1)[-1] for line in errors] == [
        "testkommune.yml:2", "02-komponenter.md:14", "publikation.yml:5"], result.stderr
