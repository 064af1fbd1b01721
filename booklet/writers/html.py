"""HTML writer: the publication as an accessible web page with the brand's own assets."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..editions import Edition
from ..model import Brand, Publication
from .brand_css import brand_stylesheet
from .templating import PageAssets, PageRenderer

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
        target.write_text(self.renderer.render(publication, edition, "screen", assets), encoding="utf-8")
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
