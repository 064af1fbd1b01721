"""The live preview: the open page follows the author's saves, and shows errors in the page."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import pytest

from conftest import REPO

from booklet.commands.serve import affected_publication
from booklet.readers.project import ProjectPaths


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(mini_project):
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)],
                              cwd=mini_project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    line = server.stdout.readline()
    assert f"http://127.0.0.1:{port}/" in line, line
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_the_page_changes_when_a_section_is_saved(preview, mini_project, browser):
    page = browser.new_page()
    page.goto(f"{preview}/mini/mini.html")
    assert "Ledelse er den enkeltfaktor" in page.inner_text("main")
    section = mini_project / "content/publikationer/mini/01-indledning.md"
    time.sleep(0.3)
    section.write_text(section.read_text(encoding="utf-8").replace(
        "Ledelse er den **enkeltfaktor**", "Ledelse er den **vigtigste faktor**"), encoding="utf-8")
    page.wait_for_function("document.querySelector('main').innerText.includes('vigtigste faktor')", timeout=20000)

    section.write_text(section.read_text(encoding="utf-8").replace("```værdier", "```værdiar"), encoding="utf-8")
    page.wait_for_selector("#forhaandsvisning-fejl", timeout=20000)
    message = page.inner_text("#forhaandsvisning-fejl")
    assert re.search(r"01-indledning\.md:8: fejl: ukendt komponent 'værdiar' – mente du 'værdier'\?", message)
    assert "vigtigste faktor" in page.inner_text("main"), "the last good page stays"
    page.close()


def test_a_change_in_one_publication_rebuilds_only_it(tmp_path):
    paths = ProjectPaths(tmp_path)
    one = paths.publications / "a" / "01.md"
    assert affected_publication(paths, {one, paths.publications / "a" / "publikation.yml"}) == "a"
    assert affected_publication(paths, {one, paths.publications / "b" / "01.md"}) is None
    assert affected_publication(paths, {paths.styles / "print.css"}) is None
