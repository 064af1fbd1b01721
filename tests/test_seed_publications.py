"""The five seed publications, built from content/, read back from every format."""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from readback import (
    docx_headings, docx_text, html_headings, html_text, normalise, pdf_outline, pdf_text, read_html,
)
from seed_expectations import SEEDS

from booklet import structure
from booklet.readers.project import load_project

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("pdf", "docx", "html")


@pytest.fixture(scope="session")
def project():
    return load_project(REPO)


@pytest.fixture(scope="session")
def manifest(seed_build: Path) -> dict:
    return json.loads((seed_build / "manifest.json").read_text(encoding="utf-8"))


def output_file(seed_build: Path, manifest: dict, publication: str, fmt: str, variant: str = "samlet") -> Path:
    entries = [f for f in manifest["files"]
               if f["publication"] == publication and f["format"] == fmt and f["variant"] == variant]
    assert len(entries) == 1, f"{publication} {variant} {fmt}: {entries}"
    return seed_build / entries[0]["path"]


def text_of(path: Path, fmt: str) -> str:
    return {"pdf": pdf_text, "docx": docx_text, "html": html_text}[fmt](path)


def headings_of(path: Path, fmt: str) -> list[str]:
    if fmt == "pdf":
        return pdf_outline(path)
    if fmt == "docx":
        return [text for _, text in docx_headings(path)]
    return html_headings(path)


def test_every_seed_is_in_the_content(project):
    assert sorted(p.id for p in project.publications) == sorted(SEEDS)
    for publication in project.publications:
        assert publication.organisation.id == SEEDS[publication.id]["organisation"]


def test_manifest_lists_every_format_of_every_seed(seed_build, manifest):
    for entry in manifest["files"]:
        path = seed_build / entry["path"]
        assert path.is_file() and path.stat().st_size == entry["bytes"]
        assert (entry["pages"] or 0) > (2 if entry["format"] == "pdf" else -1)
    listed = {(f["publication"], f["variant"], f["format"]) for f in manifest["files"]}
    for publication in SEEDS:
        for fmt in FORMATS:
            assert (publication, "samlet", fmt) in listed


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("publication", sorted(SEEDS))
def test_seed_headings_appear_as_headings(seed_build, manifest, publication, fmt):
    found = [normalise(h) for h in headings_of(output_file(seed_build, manifest, publication, fmt), fmt)]
    missing = [h for h in SEEDS[publication]["headings"] if not any(normalise(h) in f for f in found)]
    assert not missing, f"{publication} {fmt}: headings missing: {missing}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("publication", sorted(SEEDS))
def test_seed_items_and_date_appear_in_the_text(seed_build, manifest, publication, fmt):
    text = normalise(text_of(output_file(seed_build, manifest, publication, fmt), fmt))
    expected = SEEDS[publication]["items"] + [SEEDS[publication].get("date", "")]
    missing = [item for item in expected if normalise(item) not in text]
    assert not missing, f"{publication} {fmt}: missing: {missing}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_has_the_models_heading_structure(project, seed_build, manifest, fmt):
    for publication in project.publications:
        expected = [e.title for e in structure.outline(publication)]
        path = output_file(seed_build, manifest, publication.id, fmt)
        if fmt == "html":
            found = [text for level, text in read_html(path).headings if level >= 2]
            found = [t for t in found if t not in ("Indhold", "Kolofon")]
        elif fmt == "pdf":
            found = pdf_outline(path)
        else:
            found = [text for _, text in docx_headings(path)]
        assert [normalise(t) for t in found] == [normalise(t) for t in expected], publication.id


def test_brand_primary_colour_is_in_the_css_and_the_docx_heading_style(project, seed_build, manifest):
    for publication in project.publications:
        primary = publication.brand.color("primary")
        page = output_file(seed_build, manifest, publication.id, "html")
        css = "".join((page.parent / href).read_text(encoding="utf-8") for href in read_html(page).styles)
        assert primary.lower() in css.lower()
        document = docx.Document(str(output_file(seed_build, manifest, publication.id, "docx")))
        heading_color = document.styles["Heading 1"].font.color.rgb
        assert str(heading_color).lower() == primary.lstrip("#").lower()


def test_html_is_danish_and_titled(project, seed_build, manifest):
    for publication in project.publications:
        page = output_file(seed_build, manifest, publication.id, "html").read_text(encoding="utf-8")
        assert '<html lang="da">' in page
        assert f"<title>{publication.title}" in page
