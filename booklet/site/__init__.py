"""The intranet site in output/site/: every publication and edition as a web page, with search.

The site is written after the other formats, because its pages offer their files (PDF, print
PDF, DOCX) with sizes. Its pages are rendered from the document model with the same block
templates as the HTML writer. It is self-contained and every link is relative, so it works
from file://, from any folder on a web server, and `publish` can copy it as it is.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from ..model import Publication, first_day
from ..output import OutputFile, carry, relative_path
from ..readers.project import ProjectPaths
from ..writers.html import WebImages, write_assets, write_images
from ..writers.templating import PageRenderer, page_context
from ..changes import compare
from .changes import page_context as changes_context
from .pages import PublicationPages, front_page_groups, plan, related
from .search import index_for_search
from .sitemap import write_sitemap

SITE_FOLDER = "site"
# Built beside the site when some publication is not approved: every publication, drafts marked,
# for `publish --intern` to a review site. The public site never holds a draft.
INTERNAL_SITE_FOLDER = "site-intern"
INTERNAL_MARK = ".internt-gennemsyn"  # in the internal site's root: publish tells the two apart
FRONT_PAGE = "index.html"
SEARCH_PAGE = "soeg.html"
NOT_FOUND_PAGE = "404.html"
SITE_STYLESHEET = "site.css"
SEARCH_SCRIPT = "search.js"


PAGE_STATE = ".sidetilstand.json"


def write_site(publications: tuple[Publication, ...], files: list[OutputFile], output_root: Path,
               paths: ProjectPaths, fingerprints: dict[str, str], previous: Path | None = None,
               internal: bool = False) -> None:
    """Write the site into `output_root`/site from the publications and their written files
    (`internal`: into site-intern, marked as the review site).

    `fingerprints` are the build's (output path -> inputs); an edition page whose inputs, files
    and related publications are as in the `previous` output is carried over, not rendered.
    """
    folder = INTERNAL_SITE_FOLDER if internal else SITE_FOLDER
    site = output_root / folder
    site.mkdir()
    if internal:
        (site / INTERNAL_MARK).write_text("Internt gennemsyn: udgives kun med publish --intern.\n", encoding="utf-8")
    old_site = previous / folder if previous is not None else None
    old_state = _read_state(old_site)
    state: dict[str, str] = {}
    env = PageRenderer(paths.templates).env
    entries = plan(publications, files)
    organisations = {p.organisation.id: p.organisation for p in publications}
    brands = {p.brand.id: p.brand for p in publications}
    # The front, search and 404 pages wear the organisation's brand when the site has one;
    # a site shared by several municipalities keeps them neutral (styles/site.css).
    site_brand = next(iter(brands.values())) if len(organisations) == 1 else None
    groups = front_page_groups(entries)
    common = {"footer_organisations": [g.organisation for g in groups]}

    def render(path: str, template: str, **context) -> None:
        html = env.get_template(f"site/{template}").render(root="../" * path.count("/"), path=path, **context)
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(html, encoding="utf-8")

    for brand in brands.values():
        write_assets(brand, paths.styles, site)
    # The HTML pages carried over from the previous build need their pictures too; the site
    # holds its own (publish copies the site alone).
    write_images(publications, output_root)
    write_images(publications, site, like=output_root)
    (site / "assets").mkdir(exist_ok=True)  # made by write_assets, unless no publication is shown
    shutil.copyfile(paths.styles / SITE_STYLESHEET, site / "assets" / SITE_STYLESHEET)
    shutil.copyfile(paths.templates / SITE_FOLDER / SEARCH_SCRIPT, site / "assets" / SEARCH_SCRIPT)

    for entry in entries:
        _link_downloads(entry, output_root, site)
        if entry.changes is not None:
            # Rendered every build: comparing two publications takes milliseconds.
            render(entry.changes.path, "changes.html.j2", brand=entry.publication.brand,
                   footer_organisations=[entry.publication.organisation],
                   **changes_context(compare(entry.changes.previous, entry.publication), entry.main.path))
        others = related(entry, entries)
        for page in entry.editions:
            state[page.path] = _page_fingerprint(page, others, fingerprints, entry.changes, entry.report)
            if old_site is not None and old_state.get(page.path) == state[page.path] \
                    and carry(old_site / page.path, site / page.path):
                continue
            images = WebImages(site, _url_from(site / page.path))
            render(page.path, "edition.html.j2", brand=entry.publication.brand, pages=entry, page=page,
                   related=others, footer_organisations=[entry.publication.organisation],
                   **page_context(page.publication, page.edition, "screen", images))
    render(FRONT_PAGE, "front.html.j2", brand=site_brand, groups=groups, **common)
    render(SEARCH_PAGE, "search.html.j2", brand=site_brand, **common)
    render(NOT_FOUND_PAGE, "not_found.html.j2", brand=site_brand, **common)
    # A public site before any publication is approved has no page to date but its front page.
    write_sitemap(site, ([(FRONT_PAGE, max((p.date for p in publications), key=first_day))] if publications else [])
                  + [(page.path, page.publication.date) for entry in entries for page in entry.editions]
                  + [(entry.changes.path, entry.publication.date) for entry in entries if entry.changes]
                  + [(entry.report, entry.publication.date) for entry in entries if entry.report])
    (site / PAGE_STATE).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    index_for_search(site)


def _url_from(page: Path):
    def url(path: Path) -> str:
        return Path(os.path.relpath(path, page.parent)).as_posix()
    return url


def _page_fingerprint(page, others, fingerprints: dict[str, str], changes=None, report: str | None = None) -> str:
    """What an edition page shows: its edition (the HTML output's fingerprint), its files, and
    the publications it links to."""
    digest = hashlib.sha256(fingerprints.get(relative_path(page.publication.id, page.edition.id, ".html"),
                                             "").encode())
    for download in page.downloads:
        digest.update(f"{download.path}:{download.detail}:{fingerprints.get(download.path, '')}".encode())
    digest.update(f"nyt:{changes.path if changes else ''}".encode())  # the page links to it
    digest.update(f"rapport:{report}:{fingerprints.get(report, '') if report else ''}".encode())  # linked too
    for other in others:
        digest.update(f"{other.publication.id}:{other.publication.title}:{other.publication.date}".encode())
    return digest.hexdigest()


def _read_state(old_site: Path | None) -> dict[str, str]:
    try:
        return json.loads((old_site / PAGE_STATE).read_text(encoding="utf-8")) if old_site else {}
    except (OSError, ValueError):
        return {}


def _link_downloads(entry: PublicationPages, output_root: Path, site: Path) -> None:
    """Put the edition files beside the pages: the site must hold them for `publish` to copy."""
    for page in entry.editions:
        for download in page.downloads:
            carry(output_root / download.path, site / download.path)  # no second copy inside output/
    if entry.report is not None:
        carry(output_root / entry.report, site / entry.report)
