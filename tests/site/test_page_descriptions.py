"""Issue 18, item 6: every page of the site and of the internal review site has a description
(<meta name="description">) in Danish, from the publication's own words, different on each page."""
from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import site_pages
from wording_build import wording_output

from booklet.danish import LABELS
from booklet.descriptions import MAX_LENGTH, clip

_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def descriptions(site: Path) -> dict[str, str]:
    """Every page of the site (pagefind's own excluded) -> its description ('' when it has none)."""
    found = {}
    for page in site_pages(site):
        matches = _DESCRIPTION.findall((site / page).read_text(encoding="utf-8"))
        assert len(matches) <= 1, page
        found[page] = html.unescape(matches[0]).strip() if matches else ""
    return found


def assert_every_page_described(site: Path) -> dict[str, str]:
    found = descriptions(site)
    assert found, site
    assert [page for page, text in found.items() if not text] == []
    assert [page for page, text in found.items() if len(text) > MAX_LENGTH] == []
    twice = [text for text, count in Counter(found.values()).items() if count > 1]
    assert twice == [], twice
    return found


def test_every_page_of_the_seed_site_has_its_own_description(seed_build):
    found = assert_every_page_described(seed_build / "site")
    # The kinds of page the site has, each described: front, search, 404, editions (a level's,
    # the matrix, the review), "Hvad er nyt" and the accessibility report.
    for page in ("index.html", "soeg.html", "404.html", "htk-ledelsesgrundlag/index.html",
                 "htk-ledelsesgrundlag/centerchef.html", "htk-ledelsesgrundlag/matrix.html",
                 "htk-ledelsesgrundlag/gennemsyn.html", "htk-strategibrev-2016/nyt.html",
                 "htk-strategisk-ledelse/htk-strategisk-ledelse-tilgaengelighed.html"):
        assert page in found, page
    assert found["index.html"] == LABELS["site_intro"]
    assert found["htk-ledelsesgrundlag/index.html"] == "Ledelse indad, udad og sammen – med kerneopgaven i centrum"
    assert found["htk-ledelsesgrundlag/centerchef.html"] == (
        "Udgave for centerchefer. Ledelse indad, udad og sammen – med kerneopgaven i centrum")
    # No subtitle (or one that only names where it was printed): the first paragraph speaks.
    assert found["helsingoer-ledelsesudvikling-2012-2015/index.html"].startswith(
        "I Helsingør Kommune tror vi på, at kompetente ledere giver kompetente medarbejdere")
    assert found["htk-strategibrev-2015/index.html"].startswith("I år har Direktionen valgt")
    assert found["htk-strategisk-ledelse/htk-strategisk-ledelse-tilgaengelighed.html"].startswith(
        "Tilgængelighedsrapport for Strategisk ledelse")


@pytest.fixture(scope="module")
def out():
    return wording_output()


def test_every_page_of_the_public_and_the_internal_site_has_its_own_description(out):
    public = assert_every_page_described(out / "site")
    internal = assert_every_page_described(out / "site-intern")
    assert "niveauer/index.html" not in public  # a draft: only on the internal site
    assert internal["niveauer/index.html"] == "Kerneteksten om retning gælder alle ledere i kommunen."
    assert internal["niveauer/gennemsyn.html"] == (
        f"{LABELS['edition_review']}. Kerneteksten om retning gælder alle ledere i kommunen.")
    # The matrix edition's own model has no paragraph: the full publication's is used.
    assert internal["niveauer/matrix.html"].endswith("Kerneteksten om retning gælder alle ledere i kommunen.")


def test_the_standalone_page_has_the_same_description(out):
    page = (out / "funktioner" / "funktioner.html").read_text(encoding="utf-8")
    assert _DESCRIPTION.findall(page) == ["Kerneteksten om udvikling gælder alle funktioner."]


@pytest.mark.parametrize("text, most, expected", [
    ("Kort.", 160, "Kort."),
    ("Første sætning er her. Anden sætning er her. Tredje.", 45, "Første sætning er her. Anden sætning er her."),
    ("Første sætning er her. Anden sætning er her.", 30, "Første sætning er her."),
    ("Et meget langt ord efter et andet uden punktum", 20, "Et meget langt ord…"),
])
def test_a_long_text_is_cut_after_a_sentence_or_else_at_a_word(text, most, expected):
    assert clip(text, most) == expected
    assert len(clip(text, most)) <= most
