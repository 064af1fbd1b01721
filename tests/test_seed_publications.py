"""The publications in content/, built and read back from every format: the five seed
publications and the samples written for the project (seed_expectations.SAMPLES)."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import docx
import pytest

from readback import (
    docx_text_and_notes,
    docx_headings, docx_text, html_headings, html_text, normalise, pdf_outline, pdf_text, read_html,
)
from seed_expectations import SAMPLES, SEEDS

from booklet import model, structure
from booklet.readers.project import load_project

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("pdf", "docx", "html")
EXPECTED = {**SEEDS, **SAMPLES}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".svg")


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
    return {"pdf": pdf_text, "docx": docx_text_and_notes, "html": html_text}[fmt](path)


def headings_of(path: Path, fmt: str) -> list[str]:
    if fmt == "pdf":
        return pdf_outline(path)
    if fmt == "docx":
        return [text for _, text in docx_headings(path)]
    return html_headings(path)


def test_every_seed_is_in_the_content(project):
    assert not set(SEEDS) & set(SAMPLES), "a sample is not a seed"
    assert sorted(p.id for p in project.publications) == sorted(EXPECTED)
    for publication in project.publications:
        assert publication.organisation.id == EXPECTED[publication.id]["organisation"]


def test_manifest_lists_every_format_of_every_seed(seed_build, manifest):
    for entry in manifest["files"]:
        path = seed_build / entry["path"]
        assert path.is_file() and path.stat().st_size == entry["bytes"]
        assert (entry["pages"] or 0) > (2 if entry["format"] == "pdf" else -1)
    listed = {(f["publication"], f["variant"], f["format"]) for f in manifest["files"]}
    for publication in EXPECTED:
        for fmt in FORMATS:
            assert (publication, "samlet", fmt) in listed


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("publication", sorted(EXPECTED))
def test_seed_headings_appear_as_headings(seed_build, manifest, publication, fmt):
    found = [normalise(h) for h in headings_of(output_file(seed_build, manifest, publication, fmt), fmt)]
    missing = [h for h in EXPECTED[publication]["headings"] if not any(normalise(h) in f for f in found)]
    assert not missing, f"{publication} {fmt}: headings missing: {missing}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("publication", sorted(EXPECTED))
def test_seed_items_and_date_appear_in_the_text(seed_build, manifest, publication, fmt):
    text = normalise(text_of(output_file(seed_build, manifest, publication, fmt), fmt))
    expected = EXPECTED[publication]["items"] + [EXPECTED[publication].get("date", "")]
    missing = [item for item in expected if normalise(item) not in text]
    assert not missing, f"{publication} {fmt}: missing: {missing}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_has_the_models_heading_structure(project, seed_build, manifest, fmt):
    for publication in project.publications:
        expected = [e.title for e in structure.outline(publication)]
        path = output_file(seed_build, manifest, publication.id, fmt)
        if fmt == "html":
            # The page's own headings (contents, colophon, each section's notes) and the fact
            # boxes' titles (an aside labelled by its heading) are outside the outline, as in
            # the PDF's bookmarks and Word's navigation pane.
            asides = {box.title for box in _nodes(publication.sections) if isinstance(box, model.FactBox)}
            found = [text for level, text in read_html(path).headings if level >= 2]
            found = [t for t in found if t not in ("Indhold", "Kolofon", "Noter") and t not in asides]
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


def _nodes(value):
    """Every model object in `value`, depth first (sections, blocks, inlines, images ...)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            yield from _nodes(getattr(value, f.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _nodes(item)


def test_the_2016_sample_uses_every_feature_of_issue_15(project):
    (sample,) = [p for p in project.publications if p.id == "htk-strategibrev-2016"]
    nodes = list(_nodes(sample.sections))
    of = lambda cls: [n for n in nodes if isinstance(n, cls)]  # noqa: E731
    cover = sample.cover_image
    assert cover is not None and cover.alt and cover.file.format == "jpeg"
    images = of(model.Image)
    assert {"jpeg", "png", "svg"} <= {i.file.format for i in images}
    assert any(i.decorative for i in images) and any(i.width == "halv" for i in images)
    assert any(i.caption and not i.decorative for i in images)
    assert [t for t in of(model.Table) if t.caption], "a key-figure table with a caption"
    assert of(model.Note)
    (foreword,) = of(model.Foreword)
    assert foreword.portrait and foreword.portrait.alt
    assert foreword.signers and all(s.name and s.title for s in foreword.signers)
    assert any(s.signature for s in foreword.signers)
    assert of(model.FactBox) and all(q.source for q in of(model.PullQuote)) and of(model.PullQuote)
    assert {s.new_page for s in sample.sections} >= {True, False}


def test_photos_and_illustrations_are_labelled_and_licensed(project):
    """Images in content/ are our own or openly licensed (a licence file beside each), and the
    ones we made say they are illustrations, not photos of real people or places."""
    for path in (REPO / "content").rglob("*"):
        if path.suffix.lower() in IMAGE_SUFFIXES:
            licence = path.parent / "LICENS.txt"
            assert licence.is_file(), f"{path.relative_to(REPO)}: no LICENS.txt beside it"
            assert path.name in licence.read_text(encoding="utf-8"), f"{path.name} not named in {licence}"
    for publication in project.publications:
        nodes = list(_nodes(publication.sections)) + [publication.cover_image]
        for image in (n for n in nodes if isinstance(n, model.Image) and not n.decorative):
            said = image.alt + " " + model.plain_text(image.caption)
            assert "Illustration" in said, f"{publication.id}: {image.file.path.name} is not labelled"
