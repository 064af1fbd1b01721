"""The site in a real browser: WCAG 2.1 AA with axe-core on every page, search, and layout
from a phone to a desktop."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import REPO, site_pages

from booklet.readers.project import load_project

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEARCH_WORD = "borgernære"  # only in Helsingør's plan, with a Danish letter
SEARCH_PUBLICATION = "helsingoer-ledelsesudvikling-2012-2015"


def search(page, site_url: str, word: str) -> None:
    page.goto(f"{site_url}soeg.html")
    page.get_by_label("Søg i publikationerne").press_sequentially(word)
    page.wait_for_selector(".search-result")


def test_every_page_meets_wcag_21_aa_without_external_requests(browser, site, site_url):
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    axe = Axe()
    violations = {}
    for path in site_pages(site) + ["soeg.html?q=kerneopgaven"]:
        page.goto(site_url + path)
        if path.startswith("soeg.html?"):
            page.wait_for_selector(".search-result")  # check the results as the reader gets them
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA},
                                        "resultTypes": ["violations"]})
        found = [f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
                 for v in result.response["violations"]]
        if found:
            violations[path] = found
    page.close()
    assert violations == {}
    assert [url for url in requested if not url.startswith((site_url, "data:"))] == []


def test_search_for_a_danish_word_finds_the_right_publication_and_section(browser, site_url):
    page = browser.new_page()
    search(page, site_url, SEARCH_WORD)
    results = page.locator(".search-result")
    assert results.count() == 1
    assert "1 publikation" in page.locator("#search-status").inner_text()
    title = results.first.locator(".search-result-title a")
    assert title.get_attribute("href").endswith(f"{SEARCH_PUBLICATION}/index.html")
    section = results.first.locator(".search-sections a").first
    assert "#" in section.get_attribute("href")
    assert SEARCH_WORD in results.first.locator("mark").first.inner_text().casefold()
    section.click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith(f"{SEARCH_PUBLICATION}/index.html")
    anchor = page.url.split("#")[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(browser, site, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    too_wide = {}
    for path in site_pages(site):
        page.goto(site_url + path)
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            too_wide[path] = scroll
    page.close()
    assert too_wide == {}


def test_pages_work_from_the_file_system(browser, site):
    """Opened straight from the folder: the brand's stylesheet loads, and search says it needs a server."""
    primary = load_project(REPO, only="htk-ledelsesgrundlag").publications[0].brand.color("primary")
    page = browser.new_page()
    page.goto((site / "htk-ledelsesgrundlag" / "centerchef.html").as_uri())
    colour = page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomColor")
    assert colour == "rgb({}, {}, {})".format(*(int(primary[i:i + 2], 16) for i in (1, 3, 5)))
    page.goto((site / "soeg.html").as_uri() + "?q=ledelse")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('webserver')")
    page.close()
