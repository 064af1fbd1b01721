"""A build reads only files inside the project: no other file, no network request."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from weasyprint import HTML

from booklet.writers.fetcher import ProjectFetcher

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    f"file://{REPO}/styles/../../../etc/passwd",
    "https://example.com/logo.png",
    "http://127.0.0.1:9/x.css",
    "ftp://example.com/x",
])
def test_outside_the_project_is_refused(url):
    with pytest.raises(ValueError):
        ProjectFetcher(REPO / "styles").fetch(url)


def test_a_data_uri_is_read_from_the_page_itself():
    response = ProjectFetcher(REPO / "styles").fetch("data:image/svg+xml;base64,PHN2Zy8+")
    assert response.read() == b"<svg/>"


def test_inside_the_project_is_read():
    logo = (REPO / "styles/hoeje-taastrup/logo.svg").resolve()
    response = ProjectFetcher(REPO / "styles").fetch(logo.as_uri())
    assert b"<svg" in response.read()


def test_a_page_cannot_pull_in_a_file_from_elsewhere(tmp_path, caplog):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("HEMMELIGT INDHOLD", encoding="utf-8")
    page = f'<p>x</p><object data="{secret.as_uri()}"></object><img src="{secret.as_uri()}">' \
           f'<link rel="stylesheet" href="https://example.com/x.css">'
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = HTML(string=page, url_fetcher=ProjectFetcher(REPO / "styles")).write_pdf()
    assert b"HEMMELIGT" not in pdf
    assert "byggeriet læser kun filer i projektet" in caplog.text
    assert "byggeriet henter ikke noget fra nettet" in caplog.text
