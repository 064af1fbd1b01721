"""sitemap.xml for the site's crawlers.

The addresses are relative to sitemap.xml itself, like every link on the site: the same
build then works at any address and from any folder, and `publish` copies it unchanged.
A crawler resolves them against the address it fetched the sitemap from.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from ..model import PublicationDate

SITEMAP = "sitemap.xml"


def write_sitemap(site: Path, pages: list[tuple[str, PublicationDate]]) -> None:
    """`pages`: each page's site-relative path and the date of the publication it shows (a W3C
    date: a month or a year alone is written as one, '2014-06' or '2014', not as a guessed day)."""
    urls = "".join(f"  <url><loc>{escape(path)}</loc><lastmod>{date.isoformat()}</lastmod></url>\n"
                   for path, date in pages)
    (site / SITEMAP).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n",
        encoding="utf-8",
    )
