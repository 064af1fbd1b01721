"""Fingerprints: an output is built again exactly when something it is made from changed.

A stale output is what a user sees as "Intet er ændret" after editing the organisation file
or a template; these tests edit each kind of input, between two builds in one process as the
tests and the preview do, and look at the files that come out.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, run_build

from booklet import fingerprint
from booklet.commands.build import run, shared_fingerprint
from booklet.fingerprint import job_fingerprint, publication_inputs
from booklet.readers.project import load_project


def quiet(_message: str) -> None:
    pass


def own_project(target: Path) -> Path:
    """The mini fixture with its own copies of the templates and styles, so they can be edited."""
    shutil.copytree(FIXTURES / "mini" / "content", target / "content")
    for shared in ("templates", "styles"):
        shutil.copytree(REPO / shared, target / shared, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return own_project(tmp_path / "projekt")


def build_html(root: Path):
    return run(root, root / "output", formats=("html",), variants=("samlet",), jobs=1, say=quiet)


def page(root: Path) -> str:
    return (root / "output/mini/mini.html").read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def inputs(root: Path) -> str:
    """The fingerprint of the mini publication, as the build computes it."""
    (publication,) = load_project(root).publications
    return publication_inputs(publication, shared_fingerprint(root))


def test_editing_a_template_is_not_answered_with_nothing_changed(project):
    """As a user sees it: `build`, edit a template, `build` again."""
    assert run_build(project, "build", "--format", "html").returncode == 0
    edit(project / "templates/blocks/paragraph.html.j2", "<p>", '<p class="proeve">')
    again = run_build(project, "build", "--format", "html")
    assert again.returncode == 0, again.stderr
    assert "Intet er ændret" not in again.stdout
    assert '<p class="proeve">' in page(project)


def test_editing_a_template_between_two_builds_in_one_process_renders_again(project):
    assert not build_html(project).unchanged
    edit(project / "templates/blocks/paragraph.html.j2", "<p>", '<p class="proeve">')
    result = build_html(project)
    assert not result.unchanged and [f.path for f in result.rendered] == ["mini/mini.html", "mini/mini-tilgaengelighed.html"]
    assert '<p class="proeve">' in page(project)


def test_editing_the_organisation_renders_its_publications_again(project):
    build_html(project)
    assert "Testkommune Nord" not in page(project)
    edit(project / "content/organisationer/testkommune.yml", "navn: Testkommune", "navn: Testkommune Nord")
    result = build_html(project)
    assert [f.path for f in result.rendered] == ["mini/mini.html", "mini/mini-tilgaengelighed.html"]
    assert "Testkommune Nord" in page(project)


def test_nothing_edited_renders_nothing(project):
    build_html(project)
    again = build_html(project)
    assert again.unchanged and again.rendered == []


@pytest.mark.parametrize("relative", [
    "templates/publication.html.j2", "templates/site/edition.html.j2", "styles/booklet.css",
    "styles/hoeje-taastrup/_brand.yml", "styles/hoeje-taastrup/logo.svg",
    "styles/hoeje-taastrup/fonts/Lato-Regular.ttf", "content/organisationer/testkommune.yml",
    "content/publikationer/mini/publikation.yml", "content/publikationer/mini/02-komponenter.md",
])
def test_every_kind_of_input_is_part_of_the_fingerprint(project, relative):
    before = inputs(project)
    path = project / relative
    path.write_bytes(path.read_bytes() + b"\n")
    assert inputs(project) != before


def test_files_outside_the_inputs_are_not(project):
    before = inputs(project)
    (project / "templates/__pycache__").mkdir()
    (project / "templates/__pycache__/x.pyc").write_bytes(b"cache")
    (project / "content/organisationer/testkommune-ordliste.txt").write_text("ord\n", encoding="utf-8")
    (project / "styles/_tools/noter.txt").write_text("noter\n", encoding="utf-8")  # not a stylesheet
    (project / "README.txt").write_text("x\n", encoding="utf-8")
    assert inputs(project) == before


def test_a_moved_project_keeps_its_fingerprints(tmp_path):
    first = inputs(own_project(tmp_path / "et"))
    assert inputs(own_project(tmp_path / "andet" / "sted")) == first


def test_a_renamed_template_changes_the_fingerprint(project):
    before = inputs(project)
    # A name that sorts where the old one did: only the name differs, not the order of contents.
    (project / "templates/blocks/paragraph.html.j2").rename(project / "templates/blocks/paragraph2.html.j2")
    assert inputs(project) != before


def test_the_code_is_part_of_the_fingerprint(project, tmp_path, monkeypatch):
    code = tmp_path / "kode"
    shutil.copytree(fingerprint.PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "PACKAGE", code)
    before = inputs(project)
    (code / "__pycache__").mkdir(exist_ok=True)
    (code / "__pycache__" / "x.pyc").write_bytes(b"cache")
    assert inputs(project) == before
    (code / "editions.py").write_text((code / "editions.py").read_text(encoding="utf-8") + "\n# x\n",
                                      encoding="utf-8")
    assert inputs(project) != before


def test_each_output_has_its_own_fingerprint():
    prints = {job_fingerprint(publication, edition, fmt)
              for publication in ("a", "b") for edition in ("samlet", "centerchef") for fmt in ("pdf", "html")}
    assert len(prints) == 8
    assert job_fingerprint("a", "samlet", "pdf") == job_fingerprint("a", "samlet", "pdf")


# --- every file the build reads is an input ------------------------------------------------

_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], (str, Path)):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)  # inactive except while `_opened` is a list


def test_every_file_a_build_reads_changes_the_fingerprint_when_edited(project):
    """Whatever a build opens in the project (content, organisation, brand, templates, styles) is
    a file whose edit the next build must notice."""
    global _opened
    _opened = []
    try:
        run(project, project / "output", formats=("html", "docx", "pdf"), variants=("samlet", "centerchef"),
            jobs=1, say=quiet)
        opened = {Path(p).resolve() for p in _opened}
    finally:
        _opened = None
    root = project.resolve()
    read = sorted(p for p in opened if p.is_file() and p.is_relative_to(root)
                  and not p.is_relative_to(root / "output") and not p.name.startswith(".")
                  # Published image copies are named by their source's digest, which is fingerprinted.
                  and not p.is_relative_to(root / ".cache"))
    assert any(p.suffix == ".j2" for p in read) and any(p.name == "testkommune.yml" for p in read)
    before = inputs(project)
    unnoticed = []
    for path in read:
        data = path.read_bytes()
        path.write_bytes(data + b"\n")
        if inputs(project) == before:
            unnoticed.append(str(path.relative_to(root)))
        path.write_bytes(data)
    assert not unnoticed, f"read by the build but not part of its fingerprint: {unnoticed}"
