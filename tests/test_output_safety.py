"""A build replaces its output folder in whole, so it may only ever replace a folder that is new,
empty or an earlier build; and a build killed at any moment leaves the complete old or the
complete new output (issue 14, finding 1; issue 13, the recovery between the two renames)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, make_project, run_build

from booklet.commands.build import run
from booklet.commands.exits import USAGE, UsageError
from booklet.output import MARKER, MARKER_TEXT, StagedOutput, is_build_folder


def quiet(_message: str) -> None:
    pass


@pytest.fixture
def own_project(tmp_path: Path) -> Path:
    """The mini project with its own copies of styles/ and templates/: a refusal that failed
    could only ever harm this copy, never the repository."""
    root = make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")
    for shared in ("styles", "templates"):
        (root / shared).unlink()
        shutil.copytree(REPO / shared, root / shared)
    return root


def tree(folder: Path) -> dict[str, str]:
    """Every file, folder and link under `folder` with what it holds; links are not followed."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "/"
    return found


def assert_refused(result, *phrases: str) -> None:
    assert result.returncode == USAGE == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Uventet fejl" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


def test_building_into_the_project_or_a_folder_above_it_is_refused(own_project):
    # Finding 1: `build --output .` left the project holding only the build's output.
    before = tree(own_project.parent)
    result = run_build(own_project, "build", "--output", ".", "--format", "html")
    assert_refused(result, "er projektets mappe", "ville slette projektets filer")
    result = run_build(own_project, "build", "--output", "..", "--format", "html")
    assert_refused(result, "en mappe over projektet")
    assert tree(own_project.parent) == before


@pytest.mark.parametrize("place", ["content", "content/ny-mappe", "styles", "templates/site", "styles/../content"])
def test_building_into_a_folder_the_build_reads_is_refused(own_project, place):
    before = tree(own_project)
    with pytest.raises(UsageError, match="som byggeriet læser fra"):
        StagedOutput(own_project / place, own_project)
    assert tree(own_project) == before


def test_a_folder_the_build_reads_is_refused_through_a_symbolic_link_too(mini_project, tmp_path):
    # The test projects link styles/ and templates/ to the repository's: an output there
    # would land in the repository.
    with pytest.raises(UsageError, match="ligger i styles/"):
        StagedOutput(mini_project / "styles" / "ny", mini_project)
    link = tmp_path / "genvej"
    link.symlink_to(mini_project / "content", target_is_directory=True)
    with pytest.raises(UsageError, match="ligger i content/"):
        StagedOutput(link, mini_project)
    assert not (REPO / "styles" / "ny").exists()


def test_a_folder_of_other_files_is_never_replaced(mini_project, tmp_path):
    # Finding 1: `--output /some/folder` deleted the files that were in it.
    folder = tmp_path / "dokumenter"
    folder.mkdir()
    (folder / "budget.xlsx").write_bytes(b"tal")
    (folder / "manifest.json").write_text('{"files": [], "andet": 1}\n', encoding="utf-8")  # not ours
    before = tree(folder)
    result = run_build(mini_project, "build", "--output", str(folder), "--format", "html")
    assert_refused(result, "indeholder filer, der ikke er lavet af et byg", "--output")
    assert tree(folder) == before
    (folder / "fil.txt").write_text("", encoding="utf-8")
    assert_refused(run_build(mini_project, "build", "--output", str(folder / "fil.txt")), "er en fil")


def test_only_our_marker_word_for_word_makes_a_folder_an_earlier_build(tmp_path):
    folder = tmp_path / "ud"
    folder.mkdir()
    (folder / "noter.txt").write_text("mine", encoding="utf-8")
    assert not is_build_folder(folder)
    (folder / MARKER).write_bytes(MARKER_TEXT.replace(b"booklet", b"bookle"))
    assert not is_build_folder(folder)
    (folder / MARKER).write_bytes(MARKER_TEXT + b" ")
    assert not is_build_folder(folder)
    (folder / MARKER).unlink()
    (folder / MARKER).symlink_to(tmp_path / "et-andet-sted")
    (tmp_path / "et-andet-sted").write_bytes(MARKER_TEXT)
    assert not is_build_folder(folder)  # a link to a marker is not the marker
    (folder / MARKER).unlink()
    (folder / MARKER).write_bytes(MARKER_TEXT)
    assert is_build_folder(folder)
    # From before builds wrote the marker: a manifest of exactly the build's form.
    legacy = tmp_path / "gammel"
    legacy.mkdir()
    (legacy / "manifest.json").write_text('{"files": []}\n', encoding="utf-8")
    assert is_build_folder(legacy)
    (legacy / "manifest.json").write_text('{"files": [{"path": "x"}]}\n', encoding="utf-8")
    assert not is_build_folder(legacy)


def test_a_new_or_empty_folder_is_built_into_and_marked(mini_project, tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    for output in (empty, tmp_path / "ny" / "ud"):
        run(mini_project, output, formats=("html",), jobs=1, say=quiet)
        assert (output / "mini" / "mini.html").is_file()
        assert (output / MARKER).read_bytes() == MARKER_TEXT
        assert not [p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}-")]


def test_folders_a_user_named_like_the_staging_folders_are_never_touched(mini_project, tmp_path):
    mine = {}
    for name in (".output-ny", ".output-forrige"):
        folder = mini_project / name
        folder.mkdir()
        (folder / "vigtigt.txt").write_text(name, encoding="utf-8")
        mine[name] = tree(folder)
    # Even a link to a folder that carries the marker is not a leftover: the link is not ours.
    elsewhere = tmp_path / "et-andet-sted"
    elsewhere.mkdir()
    (elsewhere / MARKER).write_bytes(MARKER_TEXT)
    (elsewhere / "vigtigt.txt").write_text("andetsteds", encoding="utf-8")
    (mini_project / ".output-ny-2").symlink_to(elsewhere, target_is_directory=True)
    mine[".output-ny-2"] = tree(elsewhere)
    output = mini_project / "output"
    run(mini_project, output, formats=("html",), jobs=1, say=quiet)
    edit_title(mini_project, "Minigrundlaget")
    result = run(mini_project, output, formats=("html",), jobs=1, say=quiet)  # a second swap
    assert result.rendered and "Minigrundlaget" in (output / "mini" / "mini.html").read_text(encoding="utf-8")
    for name, before in mine.items():
        assert tree(mini_project / name) == before
    assert (mini_project / ".output-ny-2").is_symlink()
    assert sorted(p.name for p in mini_project.iterdir() if p.name.startswith(".output-")) == sorted(mine)


def test_a_running_builds_staging_folder_is_never_taken_by_another(mini_project):
    output = mini_project / "output"
    first = StagedOutput(output, mini_project)
    with first as staging:
        (staging / "halvt.html").write_text("i gang", encoding="utf-8")
        second = StagedOutput(output, mini_project)
        with second as other:
            assert other != staging
            assert (staging / "halvt.html").read_text(encoding="utf-8") == "i gang"
            second.discard()
        first.discard()
    assert not [p for p in mini_project.iterdir() if p.name.startswith(".output-")]


def edit_title(root: Path, title: str) -> None:
    manifest = root / "content/publikationer/mini/publikation.yml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("titel: Minigrundlag", f"titel: {title}", 1), encoding="utf-8")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output-"))


def test_a_build_killed_between_the_two_renames_is_recovered_by_the_next(mini_project):
    # Issue 13: the recovery could be removed without a test noticing. The state on disk that
    # a kill between "output/ aside" and "staging in" leaves: no output/, the old output moved
    # aside, the new one complete in staging (its build gone, so nothing holds its lock).
    output = mini_project / "output"
    run(mini_project, output, formats=("html",), jobs=1, say=quiet)
    before = tree(output)
    shutil.copytree(output, mini_project / ".output-ny")
    os.rename(output, mini_project / ".output-forrige")

    result = run(mini_project, output, formats=("html",), jobs=1, say=quiet)
    # The old output came back whole, so nothing needed rendering again.
    assert result.unchanged and not result.rendered
    assert tree(output) == before
    assert leftovers(mini_project) == []


def test_a_build_killed_at_the_swap_leaves_a_state_the_next_build_puts_right(mini_project):
    # The same, from a real build that dies (as with kill -9) right after output/ was moved aside.
    output = mini_project / "output"
    run(mini_project, output, formats=("html",), jobs=1, say=quiet)
    before = tree(output)
    edit_title(mini_project, "Minigrundlaget")
    killed = subprocess.run(
        [sys.executable, "-c",
         "import os, sys\n"
         "from pathlib import Path\n"
         "from booklet.commands.build import run\n"
         "replace = os.replace\n"
         "def replace_then_die(source, target):\n"
         "    replace(source, target)\n"
         "    if Path(source).name == 'output':\n"
         "        os._exit(9)\n"
         "os.replace = replace_then_die\n"
         "run(Path(sys.argv[1]), Path(sys.argv[1]) / 'output', formats=('html',), jobs=1, say=print)\n",
         str(mini_project)],
        cwd=mini_project, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        timeout=300)
    assert killed.returncode == 9, killed.stdout + killed.stderr
    assert not output.exists()
    assert leftovers(mini_project) == [".output-forrige", ".output-ny"]
    assert tree(mini_project / ".output-forrige") == before

    StagedOutput(output, mini_project)  # what the next build does first
    assert tree(output) == before
    result = run_build(mini_project, "build", "--format", "html")
    assert result.returncode == 0, result.stderr
    assert "Minigrundlaget" in (output / "mini" / "mini.html").read_text(encoding="utf-8")
    assert leftovers(mini_project) == []


def test_a_link_to_the_project_is_seen_through_and_named_as_the_project(mini_project):
    """An output path that is a link to the project is the project, whatever its name says."""
    from booklet.commands.exits import UsageError
    from booklet.output import check_output_place

    link = mini_project.parent / "ser-uskyldig-ud"
    link.symlink_to(mini_project, target_is_directory=True)
    with pytest.raises(UsageError, match="er projektets mappe"):
        check_output_place(link, mini_project)


def test_an_output_folder_around_a_linked_styles_folder_is_refused_for_what_it_holds(tmp_path):
    """styles/ may be a link to a shared folder; an output folder holding that folder is refused."""
    from booklet.commands.exits import UsageError
    from booklet.output import check_output_place

    shared = tmp_path / "faelles"
    (shared / "styles").mkdir(parents=True)
    project = tmp_path / "projekt"
    project.mkdir()
    (project / "styles").symlink_to(shared / "styles", target_is_directory=True)
    with pytest.raises(UsageError, match="rummer styles/"):
        check_output_place(shared, project)


def test_a_folder_with_a_broken_manifest_is_not_taken_for_a_build(tmp_path):
    from booklet.output import is_build_folder

    folder = tmp_path / "ude"
    folder.mkdir()
    (folder / "manifest.json").write_text("{ikke json", encoding="utf-8")
    assert not is_build_folder(folder)
