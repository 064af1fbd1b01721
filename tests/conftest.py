"""Shared fixtures: the real content built once, and small throw-away projects."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(target: Path, content: Path) -> Path:
    """A project folder with its own content and the repository's styles and templates."""
    shutil.copytree(content, target / "content")
    for shared in ("styles", "templates"):
        (target / shared).symlink_to(REPO / shared, target_is_directory=True)
    return target


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`python build.py` as a user runs it, in the given project folder."""
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *args],
        cwd=root, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The repository's own content, built once for the whole session into a temporary output/."""
    from booklet.commands.build import run

    output = tmp_path_factory.mktemp("seed") / "output"
    run(REPO, output, say=lambda _message: None)
    return output
