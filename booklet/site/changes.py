"""The "Hvad er nyt i 2016" page: a publication compared with the one its `forrige:` names,
written into the site beside the publication's pages, or on its own with `diff A B --side FIL`."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..changes import Comparison, body, year_of
from ..danish import LABELS
from ..readers.project import ProjectPaths
from ..writers.html import write_assets
from ..writers.templating import PageRenderer

CHANGES_PAGE = "nyt.html"
TEMPLATE = "site/changes.html.j2"


def changes_path(publication_id: str) -> str:
    return f"{publication_id}/{CHANGES_PAGE}"


def changes_title(comparison: Comparison) -> str:
    return LABELS["changes_title"].format(year=year_of(comparison.new))


def page_context(comparison: Comparison, publication_href: str | None) -> dict:
    """What the template needs besides the site's own: `publication_href` is the link to the new
    publication's page from this one, None for a page written on its own (it has no site)."""
    return dict(comparison=comparison, title=changes_title(comparison), publication_href=publication_href,
                body=body)


def write_change_page(comparison: Comparison, root: Path, target: Path) -> Path:
    """The page as a file of its own, its stylesheets in assets/ beside it."""
    from . import SITE_STYLESHEET

    paths = ProjectPaths(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    brand = comparison.new.brand
    write_assets(brand, paths.styles, target.parent)
    shutil.copyfile(paths.styles / SITE_STYLESHEET, target.parent / "assets" / SITE_STYLESHEET)
    html = PageRenderer(paths.templates).env.get_template(TEMPLATE).render(
        root="", path=target.name, brand=brand, footer_organisations=[comparison.new.organisation],
        standalone=True, **page_context(comparison, None))
    target.write_text(html, encoding="utf-8")
    return target
