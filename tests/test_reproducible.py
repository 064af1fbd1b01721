"""The same input gives the same bytes: every file in the manifest, built twice."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from readback import foreign_fonts

from booklet.commands.build import run
from booklet.readers.project import load_project

REPO = Path(__file__).resolve().parent.parent


def test_two_builds_are_byte_identical(mini_project):
    hashes = []
    for n in (1, 2):
        output = mini_project / f"output-{n}"
        run(mini_project, output, say=lambda _m: None)
        manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
        hashes.append({f["path"]: f["sha256"] for f in manifest["files"]})
        time.sleep(2.1)  # zip archives store time in two-second steps
    assert {path.rsplit(".", 1)[-1] for path in hashes[0]} >= {"pdf", "docx", "html"}
    assert hashes[0] == hashes[1], [p for p in hashes[0] if hashes[0][p] != hashes[1].get(p)]


# What a fresh clone holds that a build reads; output/, caches and the virtualenv stay behind.
PROJECT_PARTS = ("build.py", "pyproject.toml", "booklet", "content", "styles", "templates")


def fresh_project(target: Path) -> Path:
    target.mkdir()
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_seed_corpus_is_byte_identical_from_fresh_caches_on_a_busy_machine(seed_build, tmp_path):
    """A first build in a fresh copy with empty caches, with a CPU hog taking one of the cores
    for all of it (so its workers are preempted at moments no two runs share), gives the bytes
    of the session's quiet build, and no PDF borrows a font the brand doesn't have. One build:
    a second one in its own copy shares nothing with the first but the machine, which the hog
    keeps busy at a fraction of the cost."""
    root = fresh_project(tmp_path / "projekt")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_CONFIG_HOME": str(home / ".config"), "PYTHONPATH": str(root)}
    env.pop("SOURCE_DATE_EPOCH", None)
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        build = subprocess.run([sys.executable, "build.py"], cwd=root, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, timeout=900)
    finally:
        hog.kill()
        hog.wait()
    assert build.returncode == 0, build.stdout
    quiet, busy = tree_digest(seed_build), tree_digest(root / "output")
    assert busy.keys() == quiet.keys()
    assert [path for path in quiet if quiet[path] != busy[path]] == []
    pdfs = sorted(p for p in (root / "output").rglob("*.pdf") if "site" not in p.relative_to(root / "output").parts)
    assert pdfs
    publications = {p.id: p for p in load_project(REPO).publications}
    assert foreign_fonts(root / "output", pdfs, publications) == []
