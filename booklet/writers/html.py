"""HTML writer: the publication as an accessible web page with the brand's own assets.

The author's photos are published beside the pages, in assets/billeder/, as copies in a few
widths (the browser picks one for the screen it has: `srcset`) named by their content, so a
changed photo never shows from a browser's cache and one photo used twice is one file.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..editions import Edition
from ..model import Brand, ImageFile, Publication
from ..output import carry
from .brand_css import brand_stylesheet
from .image_copies import PublishedImage, placed_images, published_copy
from .templating import PageAssets, PageRenderer, PlacedImage

SCREEN_STYLESHEETS = ("booklet.css", "screen.css")


class HtmlWriter:
    format = "html"

    def __init__(self, templates: Path, styles: Path, scripts: tuple[str, ...] = ()):
        """`scripts`: absolute paths served beside the pages (the live preview's reload script)."""
        self.renderer = PageRenderer(templates)
        self.styles = styles
        self.scripts = scripts

    def write(self, publication: Publication, edition: Edition, target: Path, output_root: Path) -> int | None:
        assets_dir = brand_assets(publication.brand, output_root)

        def url(path: Path) -> str:
            return Path(os.path.relpath(path, target.parent)).as_posix()

        assets = PageAssets(
            stylesheets=tuple(url(assets_dir.parent / name) for name in SCREEN_STYLESHEETS)
            + (url(assets_dir / "brand.css"),),
            logo=url(assets_dir / publication.brand.logo.name),
            logo_negative=url(assets_dir / (publication.brand.logo_negative or publication.brand.logo).name),
            scripts=self.scripts,
        )
        images = WebImages(output_root, url)
        target.write_text(self.renderer.render(publication, edition, "screen", assets, images), encoding="utf-8")
        return None


def brand_assets(brand: Brand, output_root: Path) -> Path:
    """The folder with the brand's CSS, fonts and logos; the shared CSS is in its parent."""
    return output_root / "assets" / brand.id


def write_assets(brand: Brand, styles: Path, output_root: Path) -> Path:
    """Copy the shared CSS and the brand's fonts and logos next to the pages (once per build)."""
    brand_dir = brand_assets(brand, output_root)
    (brand_dir / "fonts").mkdir(parents=True, exist_ok=True)
    for name in SCREEN_STYLESHEETS:
        shutil.copyfile(styles / name, brand_dir.parent / name)
    for logo, cleaned in ((brand.logo, brand.logo_svg), (brand.logo_negative, brand.logo_negative_svg)):
        if logo is not None:
            (brand_dir / logo.name).write_bytes(cleaned)
    for face in brand.fonts:
        shutil.copyfile(face.path, brand_dir / "fonts" / face.path.name)
    css = brand_stylesheet(brand, lambda face: f"fonts/{face.path.name}")
    (brand_dir / "brand.css").write_text(css, encoding="utf-8")
    return brand_dir


IMAGE_FOLDER = "billeder"  # in assets/, beside the brands' folders
# The widths a photo is published in for the web, in CSS pixels times the screen's density:
# a phone's column (390 px at 1x to 3x) to the page's 46rem column at 2x.
WEB_WIDTHS = (480, 960, 1440)
# The column is 46rem wide at most, with 1.25rem padding each side below that.
_COLUMN = "46rem"
_WIDE = "(min-width: 48.5rem)"
_NARROW_PHONE = "(max-width: 30rem)"


def web_copies(file: ImageFile) -> list[PublishedImage]:
    """The copies the web pages offer, smallest first. A width within 15 % of the next is left
    out, and nothing is made wider than the photo is: a 1000 px photo gives 480 and 1000."""
    if file.format == "svg":
        return [published_copy(file, None)]
    widths = sorted({min(width, file.width_px) for width in WEB_WIDTHS})
    kept = [w for w, wider in zip(widths, widths[1:]) if wider > w * 1.15] + widths[-1:]
    return [published_copy(file, width) for width in kept]


def write_copy(copy: PublishedImage, folder: Path) -> Path:
    """Put a copy in `folder` under its content name; one already there is the same picture.
    Written under a temporary name and renamed, as writers of several editions run at once."""
    path = folder / copy.name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".skrives-")
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(copy.data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    return path


def write_images(publications, output_root: Path, like: Path | None = None) -> None:
    """Every web copy of every picture of the publications, in `output_root`/assets/billeder:
    a page carried over unchanged from the previous build still finds its pictures. With
    `like` (another output root that has them), the copies are hard links to its files."""
    folder = output_root / "assets" / IMAGE_FOLDER
    for publication in publications:
        for image, _fraction in placed_images(publication):
            for copy in web_copies(image.file):
                if (folder / copy.name).exists():
                    continue  # the same picture placed twice: one file
                if like is None or not carry(like / "assets" / IMAGE_FOLDER / copy.name, folder / copy.name):
                    write_copy(copy, folder)


class WebImages:
    """Places pictures in a web page: writes their copies to assets/billeder/ and offers them
    with `srcset`; `sizes` tells the browser how wide the picture is shown before it loads."""

    def __init__(self, output_root: Path, url):
        self.folder = output_root / "assets" / IMAGE_FOLDER
        self.url = url  # a path in the output -> its address from the page

    def place(self, image, fraction: float) -> PlacedImage:
        published = web_copies(image.file)
        copies = [self.url(write_copy(copy, self.folder)) for copy in published]
        # The fallback for browsers without srcset: the middle copy, good on most screens.
        fallback = published[min(1, len(published) - 1)]
        largest = published[-1]
        srcset = ", ".join(f"{url} {copy.width_px}w" for url, copy in zip(copies, published))
        return PlacedImage(copies[published.index(fallback)], largest.width_px, largest.height_px,
                           srcset if image.file.format != "svg" else "", image_sizes(fraction))


def image_sizes(fraction: float) -> str:
    """How wide a picture placed at `fraction` of the column is shown, for `sizes`. On a narrow
    phone a half-width picture takes the whole column and a third-width one half of it
    (styles/screen.css does the same)."""
    if fraction > 1:  # the cover photo: the band's width, to the screen's edges on a phone
        return f"(min-width: {_COLUMN}) {_COLUMN}, 100vw"
    if fraction == 1:
        return f"{_WIDE} {_COLUMN}, calc(100vw - 2.5rem)"
    on_phone = "calc(100vw - 2.5rem)" if fraction >= 0.5 else "calc(50vw - 1.25rem)"
    return f"{_NARROW_PHONE} {on_phone}, {_WIDE} calc({_COLUMN} * {fraction:.3f}), " \
           f"calc((100vw - 2.5rem) * {fraction:.3f})"
