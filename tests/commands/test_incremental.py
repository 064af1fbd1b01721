"""Incremental builds: unchanged outputs are carried over, edited ones rendered again."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, run_build

from booklet.commands.build import run


def manifest_hashes(output: Path) -> dict[str, str]:
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    return {f["path"]: f["sha256"] for f in manifest["files"]}


def quiet(_message: str) -> None:
    pass


def second_publication(project: Path) -> None:
    """A copy of the mini publication under another id, so one can change without the other."""
    source = project / "content/publikationer/mini"
    shutil.copytree(source, project / "content/publikationer/mini2")


def test_no_change_renders_nothing_and_says_so(mini_project):
    first = run_build(mini_project, "build", "--format", "html", "--format", "pdf")
    assert first.returncode == 0, first.stderr
    before = {p: p.stat().st_mtime_ns for p in (mini_project / "output").rglob("*") if p.is_file()}
    second = run_build(mini_project, "build", "--format", "html", "--format", "pdf")
    assert second.returncode == 0, second.stderr
    assert "Intet er ændret siden sidste byg: ingen filer bygget" in second.stdout
    after = {p: p.stat().st_mtime_ns for p in (mini_project / "output").rglob("*") if p.is_file()}
    assert after == before


def test_editing_one_section_rebuilds_only_that_publication(mini_project):
    second_publication(mini_project)
    output = mini_project / "output"
    run(mini_project, output, formats=("html", "pdf", "docx"), jobs=1, say=quiet)
    before = manifest_hashes(output)
    section = mini_project / "content/publikationer/mini2/02-komponenter.md"
    section.write_text(section.read_text(encoding="utf-8").replace("Direktionen.", "Direktionen og HR."),
                       encoding="utf-8")
    result = run(mini_project, output, formats=("html", "pdf", "docx"), jobs=1, say=quiet)
    after = manifest_hashes(output)
    assert {f.publication for f in result.rendered} == {"mini2"}
    assert sorted(before) == sorted(after)
    changed = {path for path in after if after[path] != before[path]}
    assert changed and all(path.startswith("mini2/") for path in changed)
    assert all(after[p] == before[p] for p in after if p.startswith("mini/"))


def test_a_narrowed_build_keeps_the_rest_of_the_output(mini_project):
    second_publication(mini_project)
    output = mini_project / "output"
    run(mini_project, output, formats=("html", "pdf"), jobs=1, say=quiet)
    before = manifest_hashes(output)
    result = run(mini_project, output, only=("mini2",), formats=("html",), variants=("samlet",), jobs=1, say=quiet)
    assert result.unchanged and not result.rendered
    assert manifest_hashes(output) == before


def test_unknown_format_or_variant_is_named(mini_project):
    result = run_build(mini_project, "build", "--format", "pfd")
    assert result.returncode == 2, "a wrong command line is a usage error, not an error in the content"
    assert "formatet 'pfd' findes ikke – mente du 'pdf'?" in result.stderr
    result = run_build(mini_project, "build", "--variant", "centerchf")
    assert result.returncode == 2
    assert "udgaven 'centerchf' findes ikke i mini – mente du 'centerchef'?" in result.stderr


def test_a_killed_build_leaves_the_previous_output_and_the_next_build_succeeds(mini_project):
    output = mini_project / "output"
    assert run_build(mini_project, "build", "--format", "html").returncode == 0
    before = {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    # Touch the content so the next build renders everything, then kill it while it renders.
    manifest = mini_project / "content/publikationer/mini/publikation.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("Minigrundlag", "Minigrundlaget"),
                        encoding="utf-8")
    build = subprocess.Popen([sys.executable, str(REPO / "build.py"), "build", "--jobs", "2"],
                             cwd=mini_project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True)
    staging = mini_project / ".output-ny"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(staging.rglob("*.pdf")):
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert any(staging.rglob("*")), "the build was killed before it wrote anything"
    after = {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    again = run_build(mini_project, "build")
    assert again.returncode == 0, again.stderr
    assert not staging.exists()
    assert "Minigrundlaget" in (output / "mini/mini.html").read_text(encoding="utf-8")


def test_site_pages_of_unchanged_publications_are_carried_over(mini_project):
    second_publication(mini_project)
    output = mini_project / "output"
    run(mini_project, output, formats=("html", "pdf"), jobs=1, say=quiet)
    site_pages = {name: (output / "site" / name / "index.html").stat().st_ino for name in ("mini", "mini2")}
    section = mini_project / "content/publikationer/mini2/01-indledning.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nEt nyt afsnit om ledelse.\n", encoding="utf-8")
    run(mini_project, output, formats=("html", "pdf"), jobs=1, say=quiet)
    assert (output / "site/mini/index.html").stat().st_ino == site_pages["mini"], "carried over, not rendered"
    assert (output / "site/mini2/index.html").stat().st_ino != site_pages["mini2"]
    assert "Et nyt afsnit om ledelse." in (output / "site/mini2/index.html").read_text(encoding="utf-8")
