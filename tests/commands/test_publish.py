"""`python build.py publish`: the site goes live in one atomic swap, and back with --rollback;
one publish at a time; nothing publish did not make is ever deleted."""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_build

from booklet.commands import publish


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    (root / "output" / "site").mkdir(parents=True)
    return root


def build_site(root: Path, version: str, pages: int = 0) -> None:
    site = root / "output" / "site"
    (site / "index.html").write_text(version, encoding="utf-8")
    for number in range(pages):
        (site / "sider").mkdir(exist_ok=True)
        (site / "sider" / f"{number}.html").write_text(f"{version} {number}", encoding="utf-8")


def shown(target: Path) -> str:
    return (target / "index.html").read_text(encoding="utf-8")


def folders_beside(target: Path) -> list[str]:
    """The folders publish keeps beside the target (they are hidden: a dot first)."""
    return sorted(p.name for p in target.parent.iterdir()
                  if p.name.startswith(".") and p.is_dir() and not p.is_symlink())


def assert_refused(result, code: int, *phrases: str) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Uventet fejl" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def test_publish_swaps_the_link_and_keeps_one_previous_version(project, tmp_path):
    target = tmp_path / "www" / "ledelse"
    target.parent.mkdir()
    for version in ("v1", "v2", "v3"):
        build_site(project, version)
        result = run_build(project, "publish", str(target))
        assert result.returncode == 0, result.stderr
        assert target.is_symlink() and shown(target) == version
    assert "Udgivet" in result.stdout and "--rollback" in result.stdout
    versions = folders_beside(target)
    assert len(versions) == 2  # the one shown and the one before; older ones are removed
    assert not os.path.isabs(os.readlink(target))  # the web root can be moved as a whole

    assert run_build(project, "publish", "--rollback", str(target)).returncode == 0
    assert shown(target) == "v2"
    result = run_build(project, "publish", "--rollback", str(target))
    assert result.returncode == 0 and shown(target) == "v3"  # rolling back again undoes it


def test_publish_keeps_a_folder_published_before_as_the_previous_version(project, tmp_path):
    target = tmp_path / "ledelse"
    target.mkdir()
    (target / "index.html").write_text("gammel", encoding="utf-8")
    build_site(project, "ny")
    result = run_build(project, "publish", str(target))
    assert result.returncode == 0, result.stderr
    assert shown(target) == "ny"
    assert run_build(project, "publish", "--rollback", str(target)).returncode == 0
    assert shown(target) == "gammel"


def test_a_folder_publish_took_over_is_never_deleted_by_later_publishes(project, tmp_path):
    # Finding 3: the folder kept "so you can go back to it" was deleted by the next publish.
    target = tmp_path / "ledelse"
    target.mkdir()
    (target / "index.html").write_text("gammel", encoding="utf-8")
    (target / "billede.png").write_bytes(b"\x89PNG brugerens")
    for version in ("v1", "v2", "v3", "v4"):
        build_site(project, version)
        result = run_build(project, "publish", str(target))
        assert result.returncode == 0, result.stderr
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(".ledelse-oprindelig-")]
    assert len(kept) == 1
    assert (kept[0] / "index.html").read_text(encoding="utf-8") == "gammel"
    assert (kept[0] / "billede.png").read_bytes() == b"\x89PNG brugerens"
    # Bounded: the adopted folder, plus the version shown and the one before.
    assert len(folders_beside(target)) == 3


def test_rollback_from_a_link_publish_did_not_make_goes_back_to_that_folder(project, tmp_path):
    # Finding 3: the previous version was recorded by name only, so --rollback served an
    # unrelated local site/ folder instead of the one the link pointed at.
    www = tmp_path / "www"
    www.mkdir()
    elsewhere = tmp_path / "andet-sted" / "site"
    elsewhere.mkdir(parents=True)
    (elsewhere / "index.html").write_text("den rigtige gamle", encoding="utf-8")
    decoy = www / "site"
    decoy.mkdir()
    (decoy / "index.html").write_text("en helt anden mappe", encoding="utf-8")
    target = www / "ledelse"
    target.symlink_to(elsewhere, target_is_directory=True)

    build_site(project, "ny")
    result = run_build(project, "publish", str(target))
    assert result.returncode == 0, result.stderr
    assert "publish ikke har lavet" in result.stdout
    assert run_build(project, "publish", "--rollback", str(target)).returncode == 0
    assert shown(target) == "den rigtige gamle"
    # Neither folder was touched, and further publishes never delete the one linked before.
    for version in ("v2", "v3", "v4"):
        build_site(project, version)
        assert run_build(project, "publish", str(target)).returncode == 0
    assert (elsewhere / "index.html").read_text(encoding="utf-8") == "den rigtige gamle"
    assert (decoy / "index.html").read_text(encoding="utf-8") == "en helt anden mappe"


def test_a_dangling_target_is_replaced_and_gives_no_previous_version(project, tmp_path):
    # Finding 3: a dangling link became a dangling "previous" that --rollback would swap to.
    target = tmp_path / "ledelse"
    target.symlink_to(tmp_path / "findes-ikke", target_is_directory=True)
    build_site(project, "ny")
    result = run_build(project, "publish", str(target))
    assert result.returncode == 0, result.stderr
    assert "som ikke findes" in result.stdout and "--rollback" not in result.stdout
    assert shown(target) == "ny"
    assert_refused(run_build(project, "publish", "--rollback", str(target)), 1, "ingen tidligere version")
    assert shown(target) == "ny"


def test_rollback_to_a_version_deleted_by_hand_is_refused_with_the_reason(project, tmp_path):
    target = tmp_path / "ledelse"
    for version in ("v1", "v2"):
        build_site(project, version)
        assert run_build(project, "publish", str(target)).returncode == 0
    state = json.loads((tmp_path / ".ledelse-udgivelser.json").read_text(encoding="utf-8"))
    previous = Path(state["forrige"])
    assert previous.is_absolute() and (previous / "index.html").read_text(encoding="utf-8") == "v1"
    for path in sorted(previous.rglob("*"), reverse=True):
        path.unlink()
    previous.rmdir()
    assert_refused(run_build(project, "publish", "--rollback", str(target)), 1,
                   "ingen tidligere version", "findes ikke længere")
    assert shown(target) == "v2"


def test_publish_never_deletes_a_folder_it_did_not_record_as_its_own(project, tmp_path):
    # A folder that merely looks like a version (the old naming) is somebody's: it stays.
    target = tmp_path / "ledelse"
    lookalike = tmp_path / ".ledelse-20260101-120000"
    lookalike.mkdir()
    (lookalike / "index.html").write_text("ikke vores", encoding="utf-8")
    for version in ("v1", "v2", "v3"):
        build_site(project, version)
        assert run_build(project, "publish", str(target)).returncode == 0
    assert (lookalike / "index.html").read_text(encoding="utf-8") == "ikke vores"


def test_publish_into_a_folder_of_other_files_is_refused_and_leaves_them(project, tmp_path):
    target = tmp_path / "dokumenter"
    target.mkdir()
    (target / "budget.xlsx").write_bytes(b"tal")
    build_site(project, "ny")
    assert_refused(run_build(project, "publish", str(target)), 2, "ikke et website")
    assert not target.is_symlink() and (target / "budget.xlsx").read_bytes() == b"tal"


@pytest.mark.parametrize("inside", ["output/site/sub", "output", ".", "content/x"])
def test_publish_inside_the_project_is_refused(project, inside):
    # Finding 3: publishing into output/site/sub copied each version into the next (1.5 GB
    # after five runs); the project itself would be moved away.
    build_site(project, "ny")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    assert_refused(run_build(project, "publish", inside), 2, "projektets mappe")
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_publish_into_a_folder_holding_the_project_is_refused(project, tmp_path):
    build_site(project, "ny")
    assert_refused(run_build(project, "publish", str(tmp_path)), 2, "rummer projektets mappe")
    assert not tmp_path.is_symlink() and (project / "output" / "site" / "index.html").is_file()


def test_publish_to_the_file_system_root_is_refused_in_danish(project):
    # Finding 3: `publish /` gave a ValueError.
    build_site(project, "ny")
    assert_refused(run_build(project, "publish", "/"), 2, "filsystemets rod")
    assert_refused(run_build(project, "publish", "--rollback", "/"), 2, "filsystemets rod")


def test_publish_without_a_built_site_is_refused(tmp_path):
    assert_refused(run_build(tmp_path, "publish", str(tmp_path.parent / "ledelse")), 1,
                   "Der er intet site at udgive", "python build.py")


def test_publish_into_a_missing_or_unusable_place_is_refused(project, tmp_path):
    build_site(project, "v1")
    assert_refused(run_build(project, "publish", str(tmp_path / "findes-ikke" / "ledelse")), 2, "findes ikke")
    (tmp_path / "fil").write_text("", encoding="utf-8")
    assert_refused(run_build(project, "publish", str(tmp_path / "fil")), 2, "er en fil")


def test_rollback_without_a_previous_version_is_refused(project, tmp_path):
    target = tmp_path / "ledelse"
    assert_refused(run_build(project, "publish", "--rollback", str(target)), 1, "ingen tidligere version")
    build_site(project, "v1")
    assert run_build(project, "publish", str(target)).returncode == 0
    assert_refused(run_build(project, "publish", "--rollback", str(target)), 1, "ingen tidligere version")


def test_a_second_publish_while_one_runs_is_refused_and_changes_nothing(project, tmp_path):
    # Finding 2: two publishes at once left the link at a missing or partial version.
    target = tmp_path / "ledelse"
    build_site(project, "v1")
    assert run_build(project, "publish", str(target)).returncode == 0
    build_site(project, "v2")
    with open(tmp_path / ".ledelse-udgiv.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running publish holds it
        assert_refused(run_build(project, "publish", str(target)), 3, "en anden udgivelse")
        assert_refused(run_build(project, "publish", "--rollback", str(target)), 3, "en anden udgivelse")
    assert shown(target) == "v1"
    assert run_build(project, "publish", str(target)).returncode == 0 and shown(target) == "v2"


def test_versions_published_in_the_same_second_get_their_own_folders(project, tmp_path):
    target = tmp_path / "ledelse"
    made = set()
    for version in ("v1", "v2", "v3"):
        build_site(project, version)
        publish.run(project / "output" / "site", target, say=lambda _: None)
        made.add(os.readlink(target))
        assert shown(target) == version
    assert len(made) == 3


def test_a_publish_killed_before_the_swap_leaves_the_live_site_and_is_cleaned_up(project, tmp_path):
    target = tmp_path / "ledelse"
    build_site(project, "v1", pages=20)
    assert run_build(project, "publish", str(target)).returncode == 0
    build_site(project, "v2", pages=20)
    # Killed after copying, before the link is swapped: the process ends at once, as with kill -9.
    killed = subprocess.run(
        [sys.executable, "-c",
         "import os, sys\n"
         "from pathlib import Path\n"
         "from booklet.commands import publish\n"
         "publish._write_to_disk = lambda folder: os._exit(9)\n"
         "publish.run(Path(sys.argv[1]), Path(sys.argv[2]))\n",
         str(project / "output" / "site"), str(target)],
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60)
    assert killed.returncode == 9, killed.stderr
    assert shown(target) == "v1"
    assert len(folders_beside(target)) == 2  # the live version and the killed one's copy
    result = run_build(project, "publish", str(target))
    assert result.returncode == 0, result.stderr
    assert shown(target) == "v2"
    assert len(folders_beside(target)) == 2  # the killed one's copy is gone
    assert run_build(project, "publish", "--rollback", str(target)).returncode == 0
    assert shown(target) == "v1"


def test_a_build_that_replaces_the_output_during_the_copy_makes_publish_copy_again(project, tmp_path,
                                                                                    monkeypatch):
    # A build swaps output/ in whole and deletes the old one: a copy made meanwhile may lack
    # files. Publish notices that output/ is another folder now and copies the new site.
    target = tmp_path / "ledelse"
    build_site(project, "gammel", pages=5)
    real_copytree = publish.shutil.copytree
    swaps = []

    def copy_while_a_build_swaps(source, destination, *args, **options):
        copied = real_copytree(source, destination, *args, **options)
        if not swaps and Path(source) == project / "output" / "site":
            swaps.append(True)
            output = project / "output"
            fresh = project / ".output-ny"
            real_copytree(output, fresh)
            (fresh / "site" / "index.html").write_text("ny", encoding="utf-8")
            os.rename(output, project / ".output-forrige")
            os.rename(fresh, output)
        return copied

    monkeypatch.setattr(publish.shutil, "copytree", copy_while_a_build_swaps)
    publish.run(project / "output" / "site", target, say=lambda _: None)
    assert swaps and shown(target) == "ny"
    assert len(list((target / "sider").iterdir())) == 5


BUILD_BUSY = "et andet byg kører allerede"
PUBLISH_BUSY = "en anden udgivelse"


def test_two_publishes_and_two_builds_at_once_always_leave_the_link_at_a_complete_site(mini_project, tmp_path):
    # Findings 2 and 10 together: whatever runs at the same time, the live link ends at a whole
    # site, each command either does its work or says what it waits for, and none fails.
    assert run_build(mini_project, "build", "--format", "html").returncode == 0
    target = tmp_path / "www" / "ledelse"
    target.parent.mkdir()
    manifest = mini_project / "content/publikationer/mini/publikation.yml"
    text = manifest.read_text(encoding="utf-8")
    for attempt in range(3):
        # A new title each round, so the builds render and swap output/ while publish copies it.
        manifest.write_text(text.replace("titel: Minigrundlag", f"titel: Minigrundlag {attempt}", 1),
                            encoding="utf-8")
        commands = [("build", "--format", "html"), ("publish", str(target))] * 2
        running = [subprocess.Popen([sys.executable, str(REPO / "build.py"), *command], cwd=mini_project,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env={**os.environ, "PYTHONPATH": str(REPO)})
                   for command in commands]
        finished = [(command[0], *process.communicate(timeout=300), process.returncode)
                    for command, process in zip(commands, running)]
        for kind, out, err, code in finished:
            assert code in (0, 3), f"{kind}: {out}{err}"
            assert "Traceback" not in err and "Uventet fejl" not in err, err
            if code == 3:
                assert (BUILD_BUSY if kind == "build" else PUBLISH_BUSY) in err, err
        for kind in ("build", "publish"):
            assert any(k == kind and code == 0 for k, _, _, code in finished), finished
        # The site shown is a whole one: its front page, and as many files as a build makes
        # (the round's publish may have copied the site from before or after the round's build).
        site = mini_project / "output" / "site"
        assert target.is_symlink() and (target / "index.html").is_file()
        assert count_files(target) == count_files(site) > 10
        assert len(folders_beside(target)) <= 2


def count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())
