"""`python build.py publish`: the site goes live in one atomic swap, and back with --rollback."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "projekt"
    (root / "output" / "site").mkdir(parents=True)
    return root


def build_site(root: Path, version: str) -> None:
    (root / "output" / "site" / "index.html").write_text(version, encoding="utf-8")


def shown(target: Path) -> str:
    return (target / "index.html").read_text(encoding="utf-8")


def assert_refused(result, *phrases: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
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
    versions = sorted(p.name for p in target.parent.iterdir() if p.is_dir() and not p.is_symlink())
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


def test_publish_without_a_built_site_is_refused(tmp_path):
    assert_refused(run_build(tmp_path, "publish", str(tmp_path / "ledelse")),
                   "Der er intet site at udgive", "python build.py")


def test_publish_into_a_missing_or_unusable_place_is_refused(project, tmp_path):
    build_site(project, "v1")
    assert_refused(run_build(project, "publish", str(tmp_path / "findes-ikke" / "ledelse")), "findes ikke")
    (tmp_path / "fil").write_text("", encoding="utf-8")
    assert_refused(run_build(project, "publish", str(tmp_path / "fil")), "er en fil")


def test_rollback_without_a_previous_version_is_refused(project, tmp_path):
    target = tmp_path / "ledelse"
    assert_refused(run_build(project, "publish", "--rollback", str(target)), "ingen tidligere version")
    build_site(project, "v1")
    assert run_build(project, "publish", str(target)).returncode == 0
    assert_refused(run_build(project, "publish", "--rollback", str(target)), "ingen tidligere version")
