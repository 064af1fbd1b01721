"""The accessibility report: one per publication, made from its finished files, listing every
one of them with what was measured; a check it names either ran or says why not, and one that
should have run and could not stops the build."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import FIXTURES, make_project, run_build

from booklet.errors import ContentError
from booklet.readers.project import ProjectPaths, load_project
from booklet.reports import accessibility
from booklet.reports.accessibility import (FAILED, FORMAT, NO_BROWSER, NOT_RUN, PASSED, Axe, CheckNotRun,
                                           check_docx, check_html, check_pdf, measure, plan_reports)


def _manifest(output: Path) -> list[dict]:
    return json.loads((output / "manifest.json").read_text(encoding="utf-8"))["files"]


def _text(path: Path) -> str:
    return lxml_html.parse(str(path)).getroot().text_content()


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory) -> Path:
    """The mini publication in every format, with its report."""
    root = make_project(tmp_path_factory.mktemp("rapport") / "projekt", FIXTURES / "mini" / "content")
    result = run_build(root, "build", "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_the_report_lists_every_file_of_its_publication(mini_build):
    output = mini_build / "output"
    files = _manifest(output)
    reports = [f for f in files if f["format"] == FORMAT]
    publications = {f["publication"] for f in files}
    assert {r["publication"] for r in reports} == publications  # one for every publication
    for report in reports:
        assert report["path"] == f"{report['publication']}/{report['publication']}-tilgaengelighed.html"
        text = _text(output / report["path"])
        own = [f for f in files if f["publication"] == report["publication"] and f["format"] != FORMAT]
        assert own
        for file in own:
            assert Path(file["path"]).name in text, file["path"]
        # What was measured, in counts; never a blanket verdict.
        assert " af " in text and "overholder" not in text.lower()


def test_the_report_is_linked_from_the_publications_site_page(mini_build):
    site = mini_build / "output" / "site"
    page = (site / "mini" / "index.html").read_text(encoding="utf-8")
    assert 'href="../mini/mini-tilgaengelighed.html"' in page
    report = site / "mini" / "mini-tilgaengelighed.html"
    assert report.is_file()
    # Its stylesheets are there both in the site and beside output/'s files.
    for folder in (site, mini_build / "output"):
        assert (folder / "assets" / "site.css").is_file()


def test_an_unchanged_build_keeps_the_report(mini_project, tmp_path):
    from booklet.commands.build import run

    output = tmp_path / "output"
    first = run(mini_project, output, formats=("html",), say=lambda _line: None)
    report = output / "mini" / "mini-tilgaengelighed.html"
    assert report.as_posix().endswith(next(f.path for f in first.rendered if f.format == FORMAT))
    before = report.read_bytes()
    second = run(mini_project, output, formats=("html",), say=lambda _line: None)
    assert second.unchanged and second.rendered == []
    assert report.read_bytes() == before


def test_a_changed_file_makes_the_report_again(mini_project):
    project = load_project(mini_project)
    files = {"mini/mini.pdf": _file("mini", "pdf", "a"), "mini/mini.html": _file("mini", "html", "b")}
    [before] = plan_reports(project.publications, files, "kode", browser=False)
    files["mini/mini.pdf"] = _file("mini", "pdf", "c")
    [after] = plan_reports(project.publications, files, "kode", browser=False)
    [with_browser] = plan_reports(project.publications, files, "kode", browser=True)
    assert before.fingerprint != after.fingerprint != with_browser.fingerprint
    assert [f.path for f in after.files] == ["mini/mini.html", "mini/mini.pdf"]


def _file(publication, fmt, sha):
    from booklet.output import OutputFile

    suffix = {"pdf": ".pdf", "html": ".html"}[fmt]
    return OutputFile(publication, "samlet", fmt, f"{publication}/{publication}{suffix}", 1, sha, None)


def test_the_checks_measure_the_real_files(mini_build):
    folder = mini_build / "output" / "mini"
    screen = {c.what: c for c in check_pdf(folder / "mini.pdf", screen=True)}
    assert screen["Tagget PDF (struktur til skærmlæsere)"].status == PASSED
    assert screen["PDF/UA-identifikation i metadata (XMP)"].status == PASSED
    figures = screen["Alternativ tekst på figurer og billeder"]
    assert figures.status == PASSED and " af " in figures.measured
    tables = screen["Tabeller har overskriftsceller (TH) med /Scope"]
    assert tables.status == PASSED and "har /Scope" in tables.measured  # the mini fixture has a table
    docx = {c.what: c for c in check_docx(folder / "mini.docx")}
    assert all(c.status == PASSED for c in docx.values()), docx
    html = {c.what: c for c in check_html(folder / "mini.html", Axe(None))}
    assert html["Én hovedoverskrift (h1)"].status == PASSED


def test_without_a_browser_axe_is_not_run_and_says_so(mini_build):
    folder = mini_build / "output" / "mini"
    axe = {c.what: c for c in check_html(folder / "mini.html", Axe(None))}["Automatisk test med axe-core (WCAG 2.1 AA)"]
    assert axe.status == NOT_RUN and axe.measured == NO_BROWSER


def test_an_unreadable_file_stops_the_report_loudly(mini_build, tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(mini_build / "output" / "mini", folder)
    (folder / "mini.pdf").write_bytes(b"%PDF-1.7\nikke en pdf")
    (folder / "mini.docx").write_bytes(b"ikke en zip")
    with pytest.raises(CheckNotRun, match="mini.pdf"):
        check_pdf(folder / "mini.pdf", screen=True)
    with pytest.raises(CheckNotRun, match="mini.docx"):
        check_docx(folder / "mini.docx")
    files = [f for f in _load_files(mini_build) if f.publication == "mini" and f.format != FORMAT]
    (folder / "mini.html").unlink()
    publication = next(p for p in load_project(mini_build).publications if p.id == "mini")
    with pytest.raises(CheckNotRun):
        measure(publication, tuple(files), tmp_path, Axe(None))


def test_a_browser_that_is_there_but_fails_stops_the_build(mini_build, tmp_path, monkeypatch):
    """A claimed axe run that cannot run is an error, not a quiet 'ikke kørt'."""
    pytest.importorskip("playwright.sync_api")
    output = tmp_path / "output"
    shutil.copytree(mini_build / "output", output)
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(accessibility, "browser_available", lambda: str(broken))
    from booklet.commands.build import run

    manifest = output / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"] = [f for f in data["files"] if f["format"] != FORMAT]  # the report must be made again
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError, match="axe"):
        run(mini_build, output, formats=("html",), say=lambda _line: None)


def _load_files(root: Path):
    from booklet.output import OutputFile

    return [OutputFile(**f) for f in _manifest(root / "output")]


def test_a_report_states_failures_with_counts(tmp_path):
    page = tmp_path / "side.html"
    page.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><h1>A</h1><h1>B</h1><h4>C</h4>'
                    '<img src="a.png"><img src="b.png" alt=""><img src="c.png" alt="Et kort"></body></html>',
                    encoding="utf-8")
    checks = {c.what: c for c in check_html(page, Axe(None))}
    assert checks["Sidens sprog (lang)"].status == FAILED
    assert checks["Én hovedoverskrift (h1)"].measured == "2 h1 på siden"
    assert checks["Overskrifternes rækkefølge"].details == ("h4 'C' efter h1",)
    assert checks["Landmærker (sidens områder)"].status == FAILED
    images = checks["Alternativ tekst på billeder og figurer (alt)"]
    assert images.status == FAILED and images.measured.startswith("2 af 3 billeder og figurer")


def test_every_seed_publication_has_a_report_listing_every_file(seed_build):
    files = _manifest(seed_build)
    publications = {f["publication"] for f in files}
    reports = {f["publication"]: f for f in files if f["format"] == FORMAT}
    assert set(reports) == publications
    for publication, report in reports.items():
        text = _text(seed_build / report["path"])
        for file in files:
            if file["publication"] == publication and file["format"] != FORMAT:
                assert Path(file["path"]).name in text, (publication, file["path"])


def test_axe_runs_while_the_caller_holds_a_playwright_session_of_its_own(browser, tmp_path):
    """The build's axe used Playwright's sync API in the caller's thread: with a session already
    open there (the suite's `browser` fixture, or any asyncio host) it refused to start, and the
    build stopped with 'kan ikke startes'. It now keeps its browser on a thread of its own."""
    page = tmp_path / "side.html"
    page.write_text('<!DOCTYPE html><html lang="da"><head><title>Side</title></head><body><main>'
                    '<h1>Overskrift</h1><p>Tekst.</p></main></body></html>', encoding="utf-8")
    browser.new_page().close()  # the caller's own session is open and in use
    with Axe.started(accessibility.browser_available()) as axe:
        check = axe.check(page)
    assert check.status == PASSED, check
