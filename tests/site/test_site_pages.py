"""The site's files: links and downloads resolve, the front page's order, each edition's own
text and downloads, the accessibility statement, the sitemap and the search index."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO, run_build, site_pages
from readback import normalise

from booklet import structure
from booklet.danish import format_size
from booklet.editions import editions_for, select
from booklet.readers.project import load_project



class _Page(HTMLParser):
    """The links, ids, headings and pagefind attributes of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.elements: list[tuple[str, dict]] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.links.append((tag, attrs[name]))
        for candidate in (attrs.get("srcset") or "").split(","):  # every width a browser may pick
            if candidate.strip():
                self.links.append((tag, candidate.split()[0]))
        # A fact box's title and a section's "Noter" are headings to find on the page, not parts
        # of the publication's outline (no table of contents or bookmark holds them).
        if re.fullmatch(r"h[1-6]", tag) and not {"fact-box-title", "notes-title"} & set(
                (attrs.get("class") or "").split()):
            self._heading = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


@pytest.fixture(scope="module")
def manifest(seed_build):
    return json.loads((seed_build / "manifest.json").read_text(encoding="utf-8"))


def test_every_internal_link_and_download_resolves(site):
    pages = {path: read(site / path) for path in site_pages(site)}
    broken = []
    for path, page in pages.items():
        for tag, url in page.links:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "data"):
                assert parts.scheme != "http" or tag == "a", f"{path}: {url}"  # nothing loaded from outside
                continue
            assert not url.startswith("/"), f"{path}: {url} is not relative"
            target = (site / path).parent / unquote(parts.path) if parts.path else site / path
            target = target.resolve()
            if not target.is_file():
                broken.append(f"{path}: {url}")
            elif parts.fragment:
                relative = target.relative_to(site.resolve()).as_posix()
                if parts.fragment not in pages[relative].ids:
                    broken.append(f"{path}: {url} (no id '{parts.fragment}')")
    assert broken == []


def test_front_page_groups_by_organisation_and_type_newest_first(site):
    front = read(site / "index.html")
    organisations = [attrs["alt"] for tag, attrs in front.elements
                     if tag == "img" and "organisation-logo" in attrs.get("class", "")]
    assert organisations == ["Helsingør Kommune", "Høje-Taastrup Kommune", "Odder Kommune"]
    headings = front.headings
    htk = headings[headings.index("Foldere"):headings.index("Strategibreve") + 2]
    assert htk == ["Foldere", "Strategisk ledelse i HTK", "Ledelsesgrundlag", "Ledelsesgrundlag",
                   "Strategibreve", "Direktionens strategibrev 2016"]


def test_each_edition_page_holds_the_editions_own_outline(site, project):
    for publication in project.publications:
        for edition in editions_for(publication):
            model = select(publication, edition)
            path = f"{publication.id}/{'index' if edition.kind == 'samlet' else edition.id}.html"
            headings = read(site / path).headings
            outline = [entry.title for entry in structure.outline(model)]
            assert any(headings[i:i + len(outline)] == outline for i in range(len(headings))), path
    centerchef = normalise(" ".join(read(site / "htk-ledelsesgrundlag" / "centerchef.html").text))
    assert normalise("Til dig som centerchef") in centerchef
    assert normalise("Konkretisering for Direktionen") not in centerchef


def test_edition_pages_offer_their_files_with_sizes(site, seed_build, manifest):
    entries = {(f["publication"], f["variant"], f["format"]): f for f in manifest["files"]}
    page = read(site / "htk-ledelsesgrundlag" / "centerchef.html")
    text = " ".join(" ".join(page.text).split())
    for fmt, kind in (("pdf", "PDF"), ("pdf-print", "PDF"), ("docx", "DOCX")):
        entry = entries[("htk-ledelsesgrundlag", "centerchef", fmt)]
        assert re.search(r"\d+(,\d)? (kB|MB)", format_size(entry["bytes"]))
        assert f"{kind}, {format_size(entry['bytes'])}" in text
        assert ("a", f"../{entry['path']}") in page.links
        assert (site / entry["path"]).read_bytes() == (seed_build / entry["path"]).read_bytes()
    matrix = read(site / "htk-ledelsesgrundlag" / "matrix.html")
    assert not any(url.endswith("-tryk.pdf") for _, url in matrix.links)  # the matrix is not printed


def test_edition_switcher_links_every_edition(site, project):
    publication = next(p for p in project.publications if p.id == "htk-ledelsesgrundlag")
    html = (site / "htk-ledelsesgrundlag" / "direktion.html").read_text(encoding="utf-8")
    switcher = _Page()
    switcher.feed(re.search(r'<nav class="edition-switcher".*?</nav>', html, re.S).group(0))
    assert [url for _, url in switcher.links] == [
        f"../htk-ledelsesgrundlag/{'index' if e.kind == 'samlet' else e.id}.html" for e in editions_for(publication)]
    current = [attrs["href"] for _, attrs in switcher.elements if attrs.get("aria-current") == "page"]
    assert current == ["../htk-ledelsesgrundlag/direktion.html"]


def test_footer_links_the_organisations_accessibility_statement(site, project):
    for publication in project.publications:
        page = read(site / publication.id / "index.html")
        statement = publication.organisation.accessibility_statement
        assert statement.startswith("https://")
        assert ("a", statement) in page.links
    front = read(site / "index.html")
    assert {url for _, url in front.links if "tilgaengelighed" in url} == {
        p.organisation.accessibility_statement for p in project.publications}


def test_only_full_editions_are_indexed_and_chrome_is_not(site):
    for path in site_pages(site):
        page = read(site / path)
        indexed = any("data-pagefind-body" in attrs for _, attrs in page.elements)
        assert indexed == bool(re.fullmatch(r"[^/]+/index\.html", path)), path
        for tag, attrs in page.elements:
            if tag in ("header", "footer") or "edition-switcher" in attrs.get("class", "").split():
                assert "data-pagefind-ignore" in attrs, (path, tag)
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").glob("pagefind.da_*.pf_meta")), "no Danish index"


def test_sitemap_lists_the_front_page_and_every_edition(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert sorted(locations) == sorted(p for p in site_pages(site) if p not in ("soeg.html", "404.html"))


def test_a_statement_that_is_no_web_address_names_its_line(mini_project):
    organisation = mini_project / "content" / "organisationer" / "testkommune.yml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("kontakt: HR, Testkommune\n",
                                         "kontakt: HR, Testkommune\ntilgaengelighedserklaering: testkommune.dk\n"),
                            encoding="utf-8")
    result = run_build(mini_project, "check")
    assert result.returncode == 1
    assert "testkommune.yml:5: fejl: feltet 'tilgaengelighedserklaering' skal være en webadresse" in result.stderr


def test_photos_are_published_in_several_widths_without_metadata(site, project):
    """The sample with photos (issue 15): every picture offers its widths, loads lazily except
    the cover photo, and no published copy carries EXIF, GPS or other metadata."""
    from PIL import Image

    with_photos = [p for p in project.publications if p.cover_image is not None]
    assert with_photos
    for publication in with_photos:
        page = read(site / publication.id / "index.html")
        images = [attrs for tag, attrs in page.elements if tag == "img" and attrs.get("srcset")]
        assert images, publication.id
        cover = [a for a in images if a.get("alt") == publication.cover_image.alt]
        assert cover and all(a.get("loading") is None for a in cover)
        assert all(a.get("loading") == "lazy" for a in images if a not in cover)
        assert all(a.get("width") and a.get("height") and a.get("sizes") for a in images)
    copies = list((site / "assets" / "billeder").iterdir())
    assert copies
    for copy in copies:
        data = copy.read_bytes()
        assert b"Exif" not in data and b"GPS" not in data, copy.name
        if copy.suffix != ".svg":
            picture = Image.open(copy)
            assert not dict(picture.getexif()) and "icc_profile" not in picture.info, copy.name
