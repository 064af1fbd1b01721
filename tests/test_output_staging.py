"""The output folder's life on disk, driven directly and without rendering (so these run in
moments): what a build carries over, what it puts back or clears after a killed build, and
which folders it will never take for its own."""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest

from booklet import output as output_module
from booklet.commands.exits import UsageError
from booklet.output import StagedOutput, describe, is_build_folder, relative_path

# Written literally, not imported: output folders that earlier versions built carry these names
# and this marker, and must stay recognised as builds (replaceable, and read for carrying over).
MANIFEST = "manifest.json"
MARKER = ".bygget-af-booklet"
MARKER_TEXT = b"booklet: denne mappe er lavet af python build.py og erstattes helt ved hvert byg.\n"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def build(project: Path, made: dict[str, str], scope=lambda entry: True) -> tuple[StagedOutput, list[str]]:
    """What commands.build does with its output folder, minus the rendering: `made` maps each
    output path to its text, and the text is also its input's fingerprint."""
    staged = StagedOutput(project / "output", project)
    rendered = []
    with staged as staging:
        staged.keep_outside(scope)
        for path, text in made.items():
            if staged.reuse(path, fingerprint(text)) is None:
                (staging / path).parent.mkdir(parents=True, exist_ok=True)
                (staging / path).write_text(text, encoding="utf-8")
                publication, name = path.split("/")
                staged.add(describe(staging, publication, "samlet", name.rsplit(".", 1)[1], path, None),
                           fingerprint(text))
                rendered.append(path)
        if staged.unchanged:
            staged.discard()
        else:
            staged.commit()
    return staged, rendered


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def beside(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".output-"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    root.mkdir()
    return root


def an_earlier_output(folder: Path, text: str) -> None:
    """A complete output folder as a build leaves it (marker, manifest and one file)."""
    (folder / "mini").mkdir(parents=True)
    (folder / MARKER).write_bytes(MARKER_TEXT)
    (folder / "mini" / "mini.html").write_text(text, encoding="utf-8")
    (folder / MANIFEST).write_text(json.dumps({"files": []}), encoding="utf-8")


def test_an_unchanged_build_leaves_output_as_it_was_and_a_changed_one_writes_only_the_change(project):
    made = {"mini/mini.html": "<p>1</p>", "mini/mini.docx": "docx"}
    staged, rendered = build(project, made)
    assert rendered == list(made) and not staged.unchanged
    inodes = {p: (project / "output" / p).stat().st_ino for p in made}

    staged, rendered = build(project, made)
    assert staged.unchanged and rendered == []
    assert {p: (project / "output" / p).stat().st_ino for p in made} == inodes  # not even swapped

    staged, rendered = build(project, {**made, "mini/mini.html": "<p>2</p>"})
    assert rendered == ["mini/mini.html"] and not staged.unchanged
    assert (project / "output/mini/mini.docx").stat().st_ino == inodes["mini/mini.docx"]  # carried, linked
    assert (project / "output/mini/mini.html").read_text(encoding="utf-8") == "<p>2</p>"
    entries = json.loads((project / "output" / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert [e["path"] for e in entries] == ["mini/mini.docx", "mini/mini.html"]
    assert beside(project) == []


def test_a_file_of_the_same_bytes_made_again_is_still_a_change(project):
    made = {"mini/mini.html": "<p>1</p>"}
    build(project, made)
    (project / "output/mini/mini.html").unlink()
    staged, rendered = build(project, made)
    assert rendered == ["mini/mini.html"] and not staged.unchanged
    assert (project / "output/mini/mini.html").read_text(encoding="utf-8") == "<p>1</p>"


def test_a_narrowed_build_carries_over_only_what_lies_outside_its_scope(project):
    build(project, {"mini/mini.html": "h1", "mini/mini.docx": "d1"})
    staged, rendered = build(project, {"mini/mini.html": "h2"}, scope=lambda entry: entry.format == "html")
    assert rendered == ["mini/mini.html"]
    assert contents(project / "output/mini") == {"mini.docx": b"d1", "mini.html": b"h2"}
    state = json.loads((project / "output/.byggetilstand.json").read_text(encoding="utf-8"))
    assert state == {"mini/mini.docx": fingerprint("d1"), "mini/mini.html": fingerprint("h2")}
    staged, rendered = build(project, {"mini/mini.html": "h2"}, scope=lambda entry: entry.format == "html")
    assert staged.unchanged and rendered == [], "the same narrowed build again changed output/"


def test_where_the_file_system_has_no_hard_links_a_carried_file_is_copied(project, monkeypatch):
    made = {"mini/mini.html": "<p>1</p>", "mini/mini.docx": "docx"}
    build(project, made)

    def no_links(_source, _target):
        raise OSError(errno.EPERM, "hard links are not supported here")

    monkeypatch.setattr(output_module.os, "link", no_links)
    staged, rendered = build(project, {**made, "mini/mini.html": "<p>2</p>"})
    assert rendered == ["mini/mini.html"]
    assert (project / "output/mini/mini.docx").read_text(encoding="utf-8") == "docx"


def test_an_old_output_left_beside_a_complete_one_is_cleared(project):
    # A build killed while it deleted the output it had just replaced.
    build(project, {"mini/mini.html": "ny"})
    an_earlier_output(project / ".output-forrige", "gammel")
    StagedOutput(project / "output", project)
    assert beside(project) == []
    assert (project / "output/mini/mini.html").read_text(encoding="utf-8") == "ny"


def test_of_several_old_outputs_the_newest_comes_back_and_one_in_use_is_left_alone(project):
    older, newer, busy = (project / name for name in (".output-forrige", ".output-forrige-2", ".output-forrige-3"))
    for folder, text, age in ((older, "ældst", 100), (newer, "nyest", 200), (busy, "i brug", 300)):
        an_earlier_output(folder, text)
        os.utime(folder, (age, age))
    # Another build that is swapping right now holds the marker of the newest one.
    holder = os.open(busy / MARKER, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        StagedOutput(project / "output", project)
        assert (project / "output/mini/mini.html").read_text(encoding="utf-8") == "nyest"
        assert beside(project) == [".output-forrige-3"]
        assert (busy / "mini" / "mini.html").read_text(encoding="utf-8") == "i brug"
    finally:
        os.close(holder)


def test_an_old_output_without_its_manifest_is_not_put_back(project):
    folder = project / ".output-forrige"
    an_earlier_output(folder, "halv")
    (folder / MANIFEST).unlink()
    StagedOutput(project / "output", project)
    assert not (project / "output").exists()
    assert beside(project) == []


def test_with_every_staging_name_taken_by_the_user_the_build_stops_and_says_so(project):
    for number in range(1, 1000):
        (project / (".output-ny" + (f"-{number}" if number > 1 else ""))).mkdir()
    staged = StagedOutput(project / "output", project)
    with pytest.raises(UsageError, match="for mange mapper med navnet .output-ny ved siden af"):
        staged.__enter__()
    assert len(beside(project)) == 999


def test_the_staging_folder_takes_the_first_free_name(project):
    (project / ".output-ny").mkdir()
    (project / ".output-ny" / "mit.txt").write_text("mit", encoding="utf-8")
    staged = StagedOutput(project / "output", project)
    with staged as staging:
        assert staging.name == ".output-ny-2"
        assert (staging / MARKER).read_bytes() == MARKER_TEXT
        staged.discard()
    assert beside(project) == [".output-ny"]


def test_a_folder_an_earlier_version_built_is_built_into_again(project):
    an_earlier_output(project / "output", "gammel")
    staged, rendered = build(project, {"mini/mini.html": "ny"})
    assert rendered == ["mini/mini.html"]
    assert contents(project / "output") == {MARKER: MARKER_TEXT, "mini/mini.html": b"ny",
                                            MANIFEST: (project / "output" / MANIFEST).read_bytes(),
                                            ".byggetilstand.json": (project / "output/.byggetilstand.json").read_bytes()}


def test_a_marker_that_is_a_folder_or_a_pipe_does_not_make_an_earlier_build(tmp_path):
    folder = tmp_path / "ud"
    (folder / MARKER).mkdir(parents=True)
    assert not is_build_folder(folder)
    (folder / MARKER).rmdir()
    os.mkfifo(folder / MARKER)
    assert not is_build_folder(folder)  # and does not wait for a writer
    assert not is_build_folder(tmp_path / "findes-ikke")
    (tmp_path / "fil").write_text("", encoding="utf-8")
    assert not is_build_folder(tmp_path / "fil")


def test_an_old_output_that_cannot_be_deleted_wholly_does_not_stop_the_build(project, monkeypatch):
    # On a network drive a file still open elsewhere leaves a '.nfs...' file that keeps its
    # folder from being removed: the old output then stays, and the build goes on.
    build(project, {"mini/mini.html": "1"})
    an_earlier_output(project / ".output-forrige", "gammel")
    an_earlier_output(project / ".output-ny", "halvt")  # a killed build's staging folder
    real_rmdir = os.rmdir

    def busy_rmdir(path, *args, **kwargs):
        if str(path).endswith("mini"):
            raise OSError(errno.EBUSY, "Device or resource busy", str(path))
        return real_rmdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "rmdir", busy_rmdir)
    staged, rendered = build(project, {"mini/mini.html": "2"})  # clears a leftover, then swaps
    assert rendered == ["mini/mini.html"]
    assert (project / "output/mini/mini.html").read_text(encoding="utf-8") == "2"


def test_a_build_that_fails_leaves_output_and_its_surroundings_as_they_were(project):
    build(project, {"mini/mini.html": "1"})
    before = contents(project / "output")
    with pytest.raises(RuntimeError):
        with StagedOutput(project / "output", project) as staging:
            (staging / "mini").mkdir()
            (staging / "mini" / "mini.html").write_text("halvt", encoding="utf-8")
            raise RuntimeError("disken er fuld")
    assert contents(project / "output") == before
    assert beside(project) == []


def test_each_edition_is_named_after_its_publication_and_the_full_one_after_it_alone():
    assert relative_path("mini", "samlet", ".pdf") == "mini/mini.pdf"
    assert relative_path("mini", "centerchef", ".docx") == "mini/mini-centerchef.docx"


def test_builds_that_change_nothing_or_fail_keep_no_file_open(project):
    # `serve` builds again on every save, for hours: each build must let go of its lock file.
    made = {"mini/mini.html": "1"}
    build(project, made)
    open_before = len(os.listdir("/proc/self/fd"))
    for number in range(3):
        staged, rendered = build(project, made)
        assert staged.unchanged
        staged, rendered = build(project, {"mini/mini.html": str(number)})
        assert rendered == ["mini/mini.html"]
        made = {"mini/mini.html": str(number)}
        with pytest.raises(RuntimeError):
            with StagedOutput(project / "output", project):
                raise RuntimeError("disken er fuld")
    assert len(os.listdir("/proc/self/fd")) == open_before


def test_files_put_into_a_new_output_folder_during_the_build_are_not_replaced(project):
    staged = StagedOutput(project / "output", project)
    with pytest.raises(UsageError, match="indeholder filer, der ikke er lavet af et byg"):
        with staged as staging:
            (staging / "mini.html").write_text("ny", encoding="utf-8")
            (project / "output").mkdir()  # meanwhile, someone saves a file of their own there
            (project / "output" / "budget.xlsx").write_bytes(b"tal")
            staged.commit()
    assert contents(project / "output") == {"budget.xlsx": b"tal"}
    assert beside(project) == []


def test_the_swap_waits_while_another_build_holds_the_old_outputs_marker(project):
    build(project, {"mini/mini.html": "1"})
    holder = os.open(project / "output" / MARKER, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another build deciding whether this folder is a leftover
    released = threading.Event()

    def let_go():
        time.sleep(1)
        released.set()
        os.close(holder)

    threading.Thread(target=let_go).start()
    staged, rendered = build(project, {"mini/mini.html": "2"})
    assert released.is_set(), "output/ was swapped while another build held it"
    assert (project / "output/mini/mini.html").read_text(encoding="utf-8") == "2"


def test_a_manifest_from_before_the_marker_is_read_up_to_64_mib(tmp_path):
    # Such a folder is recognised by its manifest alone, read no further than 64 MiB: a larger
    # "manifest.json" is not ours, however it ends.
    folder = tmp_path / "gammel"
    folder.mkdir()
    ours = b'{"files": []}'
    (folder / MANIFEST).write_bytes(b" " * (64 * 1024 * 1024 - len(ours)) + ours)
    assert is_build_folder(folder)
    (folder / MANIFEST).write_bytes(b" " * (64 * 1024 * 1024 - len(ours) + 1) + ours)
    assert not is_build_folder(folder)


def test_a_dangling_link_named_like_a_leftover_is_left_alone(project):
    an_earlier_output(project / ".output-forrige", "gammel")
    (project / ".output-forrige-2").symlink_to(project / "findes-ikke")
    staged, rendered = build(project, {"mini/mini.html": "1"})
    assert rendered == ["mini/mini.html"]
    assert beside(project) == [".output-forrige-2"] and (project / ".output-forrige-2").is_symlink()


def test_no_file_a_build_leaves_in_output_is_executable(project):
    build(project, {"mini/mini.html": "1"})
    modes = {p.name: p.stat().st_mode & 0o777 for p in (project / "output").rglob("*") if p.is_file()}
    assert MARKER in modes and all(mode & 0o111 == 0 for mode in modes.values()), modes


def test_a_leftover_from_before_the_marker_is_cleared(project):
    # Builds before the marker left folders that only their manifest.json tells apart.
    leftover = project / ".output-ny"
    an_earlier_output(leftover, "halvt")
    (leftover / MARKER).unlink()
    staged, rendered = build(project, {"mini/mini.html": "1"})
    assert rendered == ["mini/mini.html"] and beside(project) == []


def test_a_lock_that_fails_for_another_reason_than_a_running_build_stops_the_build(project, monkeypatch):
    # On a network drive without locks flock fails with ENOLCK: a leftover must then not be taken
    # for one a running build holds (and kept for ever), nor a swap go on unguarded.
    an_earlier_output(project / ".output-forrige", "gammel")

    def no_locks(_fd, _operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(output_module.fcntl, "flock", no_locks)
    with pytest.raises(OSError, match="No locks available"):
        StagedOutput(project / "output", project)


def test_the_manifest_writes_danish_letters_as_letters(project):
    build(project, {"grundlag-ø/grundlag-ø.html": "1"})
    text = (project / "output" / MANIFEST).read_text(encoding="utf-8")
    assert '"grundlag-ø/grundlag-ø.html"' in text and "\\u00f8" not in text


def test_a_build_that_fails_and_cannot_clear_its_staging_folder_reports_its_own_failure(project, monkeypatch):
    build(project, {"mini/mini.html": "1"})
    real_rmdir = os.rmdir

    def busy_rmdir(path, *args, **kwargs):
        if str(path).endswith("mini"):
            raise OSError(errno.EBUSY, "Device or resource busy", str(path))
        return real_rmdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "rmdir", busy_rmdir)
    with pytest.raises(RuntimeError, match="disken er fuld"):
        with StagedOutput(project / "output", project) as staging:
            (staging / "mini").mkdir()
            (staging / "mini" / "mini.html").write_text("halvt", encoding="utf-8")
            raise RuntimeError("disken er fuld")
    assert (project / "output/mini/mini.html").read_text(encoding="utf-8") == "1"


def test_the_project_reached_through_a_link_is_still_the_project(tmp_path):
    from booklet.output import check_output_place

    real = tmp_path / "projekt"
    real.mkdir()
    link = tmp_path / "genvej"
    link.symlink_to(real, target_is_directory=True)
    with pytest.raises(UsageError) as refused:
        check_output_place(real, link)  # build.py --rod genvej --output projekt
    assert str(refused.value) == (
        f"output-mappen {real} er projektets mappe. Et byg erstatter hele output-mappen og ville slette "
        "projektets filer. Vælg en anden mappe med --output, fx en ny mappe, eller byg uden --output til output/.")


def test_a_folder_of_other_files_is_refused_before_anything_is_made(project, tmp_path):
    folder = tmp_path / "dokumenter"
    folder.mkdir()
    (folder / "budget.xlsx").write_bytes(b"tal")
    with pytest.raises(UsageError, match="indeholder filer, der ikke er lavet af et byg"):
        StagedOutput(folder, project)  # before any rendering: not only at the swap
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dokumenter", "projekt"]


def test_an_output_path_that_is_a_file_is_refused_and_the_file_kept(project, tmp_path):
    document = tmp_path / "rapport.docx"
    document.write_bytes(b"mit dokument")
    with pytest.raises(UsageError, match=r"er en fil, ikke en mappe\. Vælg en anden mappe med --output\.$"):
        StagedOutput(document, project)
    assert document.read_bytes() == b"mit dokument"


def test_a_link_named_like_a_moved_aside_output_is_never_made_the_output(project, tmp_path):
    elsewhere = tmp_path / "et-andet-sted"
    an_earlier_output(elsewhere, "andetsteds")
    (project / ".output-forrige").symlink_to(elsewhere, target_is_directory=True)
    StagedOutput(project / "output", project)  # output/ is missing, as after a killed swap
    assert not (project / "output").exists() and not (project / "output").is_symlink()
    assert (project / ".output-forrige").is_symlink()
    assert (elsewhere / "mini" / "mini.html").read_text(encoding="utf-8") == "andetsteds"


def test_an_output_folder_in_a_folder_that_does_not_exist_yet_is_made_with_it(project, tmp_path):
    output = tmp_path / "ny" / "mappe" / "ud"
    staged = StagedOutput(output, project)
    with staged as staging:
        (staging / "mini.html").write_text("1", encoding="utf-8")
        staged.commit()
    assert (output / "mini.html").read_text(encoding="utf-8") == "1"
