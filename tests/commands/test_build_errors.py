"""Bad content stops the build with a located Danish message, and output/ stays as it was."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from conftest import run_build

PUB = Path("content/publikationer/mini")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def previous_output(mini_project: Path) -> Path:
    output = mini_project / "output"
    (output / "mini").mkdir(parents=True)
    (output / "manifest.json").write_text('{"files": []}\n', encoding="utf-8")
    (output / "mini" / "mini.pdf").write_bytes(b"%PDF- forrige udgave")
    return output


def edit(root: Path, relative: Path | str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, relative: Path | str, needle: str) -> int:
    lines = (root / relative).read_text(encoding="utf-8").split("\n")
    return next(i + 1 for i, line in enumerate(lines) if needle in line)


def assert_stopped(result, previous: dict[str, str], output: Path, location: str, *phrases: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    problem_lines = [line for line in result.stderr.splitlines() if location in line]
    assert len(problem_lines) == 1, result.stderr
    for phrase in phrases:
        assert phrase in problem_lines[0], problem_lines[0]
    assert "output/ er ikke ændret" in result.stderr
    assert snapshot(output) == previous


def test_broken_yaml_names_file_and_line(mini_project, previous_output):
    before = snapshot(previous_output)
    edit(mini_project, PUB / "publikation.yml", "titel: Minigrundlag", "titel: Minigrundlag: ny: udgave")
    line = line_of(mini_project, PUB / "publikation.yml", "titel: Minigrundlag")
    result = run_build(mini_project)
    assert_stopped(result, before, previous_output, f"publikation.yml:{line}:", "YAML-formatet er ugyldigt")


def test_unknown_component_kind_suggests_the_nearest(mini_project, previous_output):
    before = snapshot(previous_output)
    edit(mini_project, PUB / "01-indledning.md", "```værdier", "```værdiar")
    line = line_of(mini_project, PUB / "01-indledning.md", "```værdiar")
    result = run_build(mini_project)
    assert_stopped(result, before, previous_output, f"01-indledning.md:{line}:",
                   "ukendt komponent 'værdiar'", "mente du 'værdier'?")


def test_unknown_field_in_component_names_its_line(mini_project, previous_output):
    before = snapshot(previous_output)
    edit(mini_project, PUB / "02-komponenter.md", "mødes: Én gang ugentligt.", "møder: Én gang ugentligt.")
    line = line_of(mini_project, PUB / "02-komponenter.md", "møder:")
    result = run_build(mini_project)
    assert_stopped(result, before, previous_output, f"02-komponenter.md:{line}:",
                   "ukendt felt 'møder'", "mente du 'mødes'?")


def test_unknown_manifest_field(mini_project, previous_output):
    before = snapshot(previous_output)
    edit(mini_project, PUB / "publikation.yml", "undertitel:", "undertitle:")
    line = line_of(mini_project, PUB / "publikation.yml", "undertitle:")
    result = run_build(mini_project)
    assert_stopped(result, before, previous_output, f"publikation.yml:{line}:",
                   "ukendt felt 'undertitle'", "mente du 'undertitel'?")


def test_missing_section_file(mini_project, previous_output):
    before = snapshot(previous_output)
    (mini_project / PUB / "02-komponenter.md").unlink()
    line = line_of(mini_project, PUB / "publikation.yml", "02-komponenter.md")
    result = run_build(mini_project)
    assert_stopped(result, before, previous_output, f"publikation.yml:{line}:",
                   "afsnittet '02-komponenter.md' findes ikke")


def test_misspelled_level_suggests_the_valid_name(mini_project, previous_output):
    before = snapshot(previous_output)
    edit(mini_project, PUB / "01-indledning.md", "{niveau=centerchef eksempel}", "{niveau=centerchf eksempel}")
    line = line_of(mini_project, PUB / "01-indledning.md", "centerchf")
    result = run_build(mini_project)
    assert_stopped(result, before, previous_output, f"01-indledning.md:{line}:",
                   "niveau 'centerchf' findes ikke – mente du 'centerchef'?")


def test_all_problems_are_reported_at_once(mini_project, previous_output):
    edit(mini_project, PUB / "01-indledning.md", "```værdier", "```værdiar")
    edit(mini_project, PUB / "02-komponenter.md", "mødes:", "møder:")
    result = run_build(mini_project)
    assert result.returncode == 1
    located = [l for l in result.stderr.splitlines() if re.search(r"\.md:\d+: fejl:", l)]
    assert len(located) == 2, result.stderr


def test_a_good_build_replaces_the_output(mini_project, previous_output):
    result = run_build(mini_project)
    assert result.returncode == 0, result.stderr
    assert not (previous_output / "mini" / "mini.pdf").read_bytes().startswith(b"%PDF- forrige")
    assert not any(p.name.startswith(".output") for p in mini_project.iterdir())


def test_new_edition_builds_and_is_marked_for_revision(mini_project):
    result = run_build(mini_project, "new", "ledelsesgrundlag", "--from", "mini", "--year", "2017")
    assert result.returncode == 0, result.stderr
    created = mini_project / "content/publikationer/mini-2017"
    manifest = (created / "publikation.yml").read_text(encoding="utf-8")
    assert "dato: 2017-04-24" in manifest and "titel: Minigrundlag" in manifest
    check = run_build(mini_project, "check")
    assert check.returncode == 0, check.stderr
    assert "mini-2017/01-indledning.md:2: advarsel: afsnittet er markeret til revision" in check.stdout
    build = run_build(mini_project, "build", "--only", "mini-2017", "--format", "html", "--format", "pdf")
    assert build.returncode == 0, build.stderr
    assert (mini_project / "output/mini-2017/mini-2017.pdf").is_file()


def test_new_from_a_dated_id_moves_the_year_on(mini_project):
    (mini_project / "content/publikationer/mini").rename(mini_project / "content/publikationer/brev-2015")
    result = run_build(mini_project, "new", "strategibrev", "--from", "brev-2015", "--year", "2016")
    assert result.returncode == 0, result.stderr
    manifest = (mini_project / "content/publikationer/brev-2016/publikation.yml").read_text(encoding="utf-8")
    assert "type: strategibrev" in manifest and "dato: 2017-04-24" in manifest
    again = run_build(mini_project, "new", "strategibrev", "--from", "brev-2015", "--year", "2016")
    assert again.returncode == 2 and "findes allerede" in again.stderr, "a year already made is a usage error"
