"""PDF writers: the same page template, print stylesheets, laid out by WeasyPrint.

Three editions for three readers: `pdf` for the screen and the website (tagged PDF/UA-1),
`pdf-print` for the print shop (PDF/X-4, the brand's bleed, crop marks), and `pdf-imposed`: A5 pages on A4
sheets in saddle-stitch order.
"""
from __future__ import annotations

import base64
import calendar
import contextlib
import datetime as dt
import hashlib
import logging
import math
import os
import tempfile
import time
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..danish import LABELS
from ..editions import Edition
from ..model import Brand, Publication, first_day
from ..status import stamp_watermark
from .brand_css import brand_stylesheet
from .fetcher import ProjectFetcher
from .image_copies import TEXT_WIDTH_MM, text_width_pt
from .imposition import impose
from .pdf_print import finish_print, profile_path
from .pdf_tags import fix_structure
from .preflight import Finding, drawn_figures, preflight
from .templating import DataUriImages, PageAssets, PageRenderer

PRINT_STYLESHEETS = ("booklet.css", "print.css")
PAGE_SIZE_STYLESHEETS = {"A4": "page-a4.css", "A5": "page-a5.css"}
BLEED_STYLESHEET = "print-bleed.css"
PRINT_VARIANT = "pdf/x-4"
PROFILE_NAME = "FOGRA39L.icc"

# fontTools warns about the bundled fonts' old 'created' stamps while subsetting; harmless,
# and noise in front of the author.
logging.getLogger("fontTools").setLevel(logging.ERROR)


class PdfWriter:
    format = "pdf"
    bleed = False
    # The screen PDF is PDF/UA-1; the print shop's edition is PDF/X-4 (tagged all the same).
    pdf_variant = "pdf/ua-1"
    # Photos in the screen PDF: 200 pixels per inch at their placed width is sharp on any
    # screen and in an office printer, and keeps a 12 MP photo from making a 10 MB file.
    # None: the print shop's editions carry the full-size copy.
    image_ppi: int | None = 200

    def __init__(self, templates: Path, styles: Path):
        self.renderer = PageRenderer(templates)
        self.styles = styles
        self.fetcher = ProjectFetcher(styles.parent, styles, templates)
        # One font configuration per process: loading fonts is the costly part of a render.
        self.font_config = FontConfiguration()
        self._sheets: dict[str, CSS] = {}
        # The layout preflight of the last render (booklet.writers.preflight), read by the build.
        self.findings: list[Finding] = []
        self.timings: dict[str, float] = {}  # seconds of the last render: layout, preflight

    def write(self, publication: Publication, edition: Edition, target: Path, output_root: Path) -> int:
        return self.render(publication, edition, target, self.paper(publication))

    def paper(self, publication: Publication) -> str:
        return publication.paper

    def render(self, publication: Publication, edition: Edition, target: Path, paper: str) -> int:
        brand = publication.brand
        assets = PageAssets(
            stylesheets=(),
            logo=_svg_data_uri(brand.logo_svg),
            logo_negative=_svg_data_uri(brand.logo_negative_svg or brand.logo_svg),
        )
        column = text_width_pt(paper)
        html = self.renderer.render(publication, edition, "print", assets,
                                    DataUriImages(lambda fraction: self.image_width(fraction, paper)), column)
        names = [*PRINT_STYLESHEETS, PAGE_SIZE_STYLESHEETS[paper]]
        stylesheets = [
            self._brand_sheet(brand),
            *(self._sheet(name) for name in names),
            *([self._bleed_sheet(brand)] if self.bleed else []),
            CSS(string=page_furniture(publication), font_config=self.font_config, url_fetcher=self.fetcher),
        ]
        started = time.perf_counter()
        document = HTML(string=html, base_url=str(publication.folder.resolve()),
                        url_fetcher=self.fetcher).render(
            stylesheets=stylesheets, font_config=self.font_config, color_profiles=self._color_profiles()
        )
        laid_out = time.perf_counter()
        # Measured on the pages just laid out, before they are written; reading them changes nothing.
        self.findings = preflight(document, drawn_figures(publication, column))
        self.timings = {"layout": laid_out - started, "preflight": time.perf_counter() - laid_out}
        with _font_subsets_stamped(first_day(publication.date)):
            document.write_pdf(target, pdf_variant=self.pdf_variant, pdf_tags=True, **self._identifier(publication, edition))
        fix_structure(target, document)
        stamp_watermark(target, publication)  # a draft's mark, outside the structure tree
        if self.pdf_variant == PRINT_VARIANT:
            finish_print(target, brand.bleed_mm)
        return len(document.pages)

    def _identifier(self, publication: Publication, edition: Edition) -> dict:
        """PDF/X requires a file identifier, and WeasyPrint's own is a hash of the file with a random
        XMP document id in it: one from the publication keeps two builds of it the same."""
        if self.pdf_variant != PRINT_VARIANT:
            return {}
        return {"pdf_identifier": hashlib.md5(f"{publication.id}:{edition.id}:{self.format}".encode()).hexdigest().encode()}

    def _color_profiles(self) -> dict | None:
        """The output intent's CMYK profile, for the PDF/X edition only: WeasyPrint makes the
        output intent from the profile named 'device-cmyk'."""
        if self.pdf_variant != PRINT_VARIANT:
            return None
        from weasyprint.css import ColorProfile

        with profile_path(self.styles).open("rb") as icc:
            return {"device-cmyk": ColorProfile(icc, PROFILE_NAME, "relative-colorimetric", ("c", "m", "y", "k"))}

    def _bleed_sheet(self, brand: Brand) -> CSS:
        """print-bleed.css with the brand's bleed in place of its 3 mm: `@page { bleed }` takes
        no var(), so the number is written into the stylesheet."""
        key = f"bleed:{brand.bleed_mm:g}"
        if key not in self._sheets:
            css = (self.styles / BLEED_STYLESHEET).read_text(encoding="utf-8")
            self._sheets[key] = CSS(string=css.replace("3mm", f"{brand.bleed_mm:g}mm"), font_config=self.font_config,
                                    url_fetcher=self.fetcher, base_url=str(self.styles.resolve()) + "/")
        return self._sheets[key]

    def image_width(self, fraction: float, paper: str) -> int | None:
        """The widest copy of a photo placed `fraction` of the text width wide, in pixels."""
        if self.image_ppi is None:
            return None
        return math.ceil(fraction * TEXT_WIDTH_MM[paper] / 25.4 * self.image_ppi)

    def _sheet(self, name: str) -> CSS:
        if name not in self._sheets:
            self._sheets[name] = CSS(filename=str(self.styles / name), font_config=self.font_config,
                                     url_fetcher=self.fetcher)
        return self._sheets[name]

    def _brand_sheet(self, brand: Brand) -> CSS:
        key = f"brand:{brand.id}"
        if key not in self._sheets:
            css = brand_stylesheet(brand, lambda face: face.path.resolve().as_uri())
            self._sheets[key] = CSS(string=css, font_config=self.font_config, url_fetcher=self.fetcher)
        return self._sheets[key]


class PrintPdfWriter(PdfWriter):
    """For the print shop: the publication's paper size with the brand's bleed (3 mm unless
    `_brand.yml` says otherwise) and crop marks, as PDF/X-4 with a FOGRA39 output intent."""

    format = "pdf-print"
    bleed = True
    pdf_variant = PRINT_VARIANT
    image_ppi = None


class ImposedPdfWriter(PdfWriter):
    """For the print shop: an A5 booklet imposed on A4 sheets for saddle stitching."""

    format = "pdf-imposed"
    image_ppi = None

    def write(self, publication: Publication, edition: Edition, target: Path, output_root: Path) -> int:
        with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
            pages = Path(scratch) / "sider.pdf"
            self.render(publication, edition, pages, "A5")
            return impose(pages, target)


def _svg_data_uri(svg: bytes) -> str:
    """The cleaned logo travels in the page itself, so the layout never reads the file as it lies."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


@contextlib.contextmanager
def _font_subsets_stamped(date: dt.date):
    """Font subsets carry the publication's date instead of the moment they were written.

    Without HarfBuzz's subsetter (Debian's libharfbuzz-subset0), WeasyPrint subsets fonts with
    fontTools, which stamps each subset's `head.modified` with the wall clock: every PDF then
    differs from the previous build in a few bytes per font. fontTools honours the
    reproducible-builds variable SOURCE_DATE_EPOCH, so it gets the same date the DOCX zip
    members carry.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(date.timetuple()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


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
