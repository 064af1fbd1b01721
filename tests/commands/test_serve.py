"""The live preview: the open page follows the author's saves, and shows errors in the page."""
from __future__ import annotations

import http.client
import json
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


def launch(root, temp=None) -> tuple[subprocess.Popen, int]:
    """A preview on a free port, once it serves. The port is free when chosen but may be taken
    by another program before the preview binds it; then the preview says so (exit code 3) and
    another port is tried."""
    for _attempt in range(5):
        port = free_port()
        server = start_preview(root, port, temp)
        line = server.stdout.readline()
        if f"http://127.0.0.1:{port}/" in line:
            return server, port
        out, err = server.communicate(timeout=10)
        assert server.returncode == 3 and "er optaget" in err, line + out + err
    raise AssertionError("no free port in five tries")


@pytest.fixture
def preview(mini_project, tmp_path):
    server, port = launch(mini_project, tmp_path / "tmp")
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


def start_preview(root, port: int, temp) -> subprocess.Popen:
    """The preview with its own temporary folder, so what it leaves there can be seen."""
    temp.mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp)})


def ask(port: int, path: str, host: str | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.putrequest("GET", path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


@pytest.fixture
def running_preview(mini_project, tmp_path):
    edit = mini_project / "content/publikationer/mini/publikation.yml"
    edit.write_text(edit.read_text(encoding="utf-8").replace(
        "titel: Minigrundlag", "titel: Mini <script>alert(1)</script> & co", 1), encoding="utf-8")
    server, port = launch(mini_project, tmp_path / "tmp")
    yield server, port, tmp_path / "tmp"
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=10)


def test_the_preview_answers_only_to_its_own_address(running_preview):
    server, port, _ = running_preview
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert ask(port, "/", host)[0] == 200, host
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "localhost", "127.0.0.1.evil:80"):
        status, body = ask(port, "/", host)
        assert status == 403, host
        assert "Forhåndsvisning" not in body.decode() or "svarer kun på" in body.decode()
        assert b"mini.html" not in body
    assert ask(port, "/", None)[0] == 400
    assert ask(port, "/__status", "evil.example")[0] == 403


def test_an_impossible_path_gets_a_quiet_404(running_preview):
    server, port, _ = running_preview
    host = f"127.0.0.1:{port}"
    for path in ("/" + "a" * 300, "/mini/" + "%C3%A6" * 200 + ".html", "/%00.html", "/" + "b" * 5000):
        assert ask(port, path, host)[0] == 404, path
    assert ask(port, "/mini/mini.html", host)[0] == 200, "still serving"
    server.terminate()
    out, err = server.communicate(timeout=10)
    assert "Traceback" not in out + err
    assert "Forhåndsvisningen kunne ikke svare" not in out + err


def test_a_title_is_text_on_the_front_page(running_preview):
    _, port, _ = running_preview
    status, body = ask(port, "/", f"127.0.0.1:{port}")
    page = body.decode()
    assert "Mini &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "<script>alert" not in page


def test_sigterm_removes_the_preview_folder(running_preview):
    server, port, temp = running_preview
    assert len(list(temp.glob("forhaandsvisning-*"))) == 1
    server.terminate()
    out, err = server.communicate(timeout=10)
    assert server.returncode == 0, err
    assert "Forhåndsvisningen er stoppet." in err
    assert list(temp.glob("forhaandsvisning-*")) == []


def test_a_busy_port_is_said_in_danish_and_leaves_nothing(mini_project, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = start_preview(mini_project, port, tmp_path / "tmp")
        out, err = server.communicate(timeout=60)
    assert server.returncode == 3, out + err
    assert f"build.py serve: porten {port} er optaget – prøv --port {port + 1}." in err
    assert "Traceback" not in err and "Uventet" not in err
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_folder_left_by_a_killed_preview_is_removed_by_the_next(mini_project, tmp_path):
    temp = tmp_path / "tmp"
    killed, _ = launch(mini_project, temp)
    killed.kill()
    killed.communicate(timeout=10)
    assert len(list(temp.glob("forhaandsvisning-*"))) == 1, "kill -9 gives no chance to clean up"
    mine = temp / "forhaandsvisning-noget-andet"
    mine.mkdir()  # not a preview's folder by its name: left alone
    kept = tmp_path / "beholdes"
    (kept / "fil").mkdir(parents=True)
    (temp / "forhaandsvisning-999999999-link").symlink_to(kept)  # a link is never followed
    server, _ = launch(mini_project, temp)
    try:
        assert sorted(p.name for p in temp.iterdir() if not p.name.startswith(f"forhaandsvisning-{server.pid}-")) \
            == ["forhaandsvisning-999999999-link", "forhaandsvisning-noget-andet"]
        assert (kept / "fil").is_dir()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_front_page_lists_every_edition_and_format_and_a_pdf_follows_the_last_save(preview, mini_project):
    status, body = ask(int(preview.rsplit(":", 1)[1]), "/", preview.split("//", 1)[1])
    front = body.decode()
    assert status == 200
    for edition in ("mini", "mini-centerchef", "mini-matrix"):
        assert f'href="mini/{edition}.html">HTML</a>' in front, edition
        assert f'href="mini/{edition}.pdf">PDF</a>' in front and f'href="mini/{edition}.docx">Word</a>' in front
    assert 'href="mini/mini-tryk.pdf">Tryk-PDF</a>' in front
    assert "mini-matrix-tryk.pdf" not in front, "the matrix is not printed"

    port, host = int(preview.rsplit(":", 1)[1]), preview.split("//", 1)[1]
    status, first = ask(port, "/mini/mini.pdf", host)
    assert status == 200 and first.startswith(b"%PDF-")
    assert ask(port, "/mini/mini.pdf", host)[1] == first, "made once, until something is saved"
    section = mini_project / "content/publikationer/mini/01-indledning.md"
    version = json.loads(ask(port, "/__status", host)[1])["version"]
    section.write_text(section.read_text(encoding="utf-8").replace("enkeltfaktor", "vigtigste faktor"),
                       encoding="utf-8")
    status, body = ask(port, f"/__status?efter={version}", host)
    assert json.loads(body)["version"] == version + 1, "the page is told the moment the HTML is rebuilt"
    status, second = ask(port, "/mini/mini.pdf", host)
    assert status == 200 and second.startswith(b"%PDF-") and second != first
