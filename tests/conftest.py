"""Shared fixtures: the real content built once, and small throw-away projects; its site
served over http on 127.0.0.1, and one headless Chromium for all browser tests."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tools import require

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


# Debian's chromium, driven by playwright: playwright never downloads a browser here.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def site_pages(site: Path) -> list[str]:
    """Every page of the site, relative to it (pagefind's own files excluded)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "pagefind" not in p.relative_to(site).parts)


@pytest.fixture(scope="session")
def site(seed_build: Path) -> Path:
    return seed_build / "site"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name is http.server's
        pass


@pytest.fixture(scope="session")
def site_url(site: Path):
    """The site over http, as pagefind's search needs (it fetches its index)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    chromium = require("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
