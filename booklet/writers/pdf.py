"""PDF writer: the same page template, print stylesheets, laid out by WeasyPrint."""
from __future__ import annotations

import logging
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..danish import LABELS
from ..editions import Edition
from ..model import Brand, Publication
from .brand_css import brand_stylesheet
from .templating import PageAssets, PageRenderer

PRINT_STYLESHEETS = ("booklet.css", "print.css")

# fontTools warns about the bundled fonts' old 'created' stamps while subsetting; harmless,
# and noise in front of the author.
logging.getLogger("fontTools").setLevel(logging.ERROR)


class PdfWriter:
    format = "pdf"
    extension = ".pdf"

    def __init__(self, templates: Path, styles: Path):
        self.renderer = PageRenderer(templates)
        self.styles = styles
        # One font configuration per process: loading fonts is the costly part of a render.
        self.font_config = FontConfiguration()
        self._stylesheets: dict[str, list[CSS]] = {}

    def write(self, publication: Publication, edition: Edition, target: Path, output_root: Path) -> int:
        brand = publication.brand
        assets = PageAssets(
            stylesheets=(),
            logo=brand.logo.resolve().as_uri(),
            logo_negative=(brand.logo_negative or brand.logo).resolve().as_uri(),
        )
        html = self.renderer.render(publication, edition, "print", assets)
        furniture = CSS(string=page_furniture(publication), font_config=self.font_config)
        document = HTML(string=html, base_url=str(publication.folder.resolve())).render(
            stylesheets=[*self._stylesheets_for(brand), furniture], font_config=self.font_config
        )
        document.write_pdf(target, pdf_variant="pdf/ua-1")
        return len(document.pages)

    def _stylesheets_for(self, brand: Brand) -> list[CSS]:
        if brand.id not in self._stylesheets:
            sheets = [CSS(string=brand_stylesheet(brand, lambda face: face.path.resolve().as_uri()),
                          font_config=self.font_config)]
            sheets += [CSS(filename=str(self.styles / name), font_config=self.font_config)
                       for name in PRINT_STYLESHEETS]
            self._stylesheets[brand.id] = sheets
        return self._stylesheets[brand.id]


def page_furniture(publication: Publication) -> str:
    """Running header with the publication's title, footer 'Side N af M' from the Danish label."""
    before, rest = LABELS["page_of"].split("{page}")
    middle, after = rest.split("{pages}")
    footer = f"{_css_string(before)} counter(page) {_css_string(middle)} counter(pages) {_css_string(after)}"
    header = _css_string(publication.title)
    return f"@page {{ @top-left {{ content: {header}; }} @bottom-right {{ content: {footer}; }} }}"


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'

