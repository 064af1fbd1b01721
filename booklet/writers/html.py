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
    extension = ".html"

    def __init__(self, templates: Path, styles: Path):
        self.renderer = PageRenderer(templates)
        self.styles = styles

    def write(self, publication: Publication, edition: Edition, target: Path, output_root: Path) -> int | None:
        assets_dir = write_assets(publication.brand, self.styles, output_root)

        def url(path: Path) -> str:
            return Path(os.path.relpath(path, target.parent)).as_posix()

        assets = PageAssets(
            stylesheets=tuple(url(assets_dir.parent / name) for name in SCREEN_STYLESHEETS)
            + (url(assets_dir / "brand.css"),),
            logo=url(assets_dir / publication.brand.logo.name),
            logo_negative=url(assets_dir / (publication.brand.logo_negative or publication.brand.logo).name),
        )
        target.write_text(self.renderer.render(publication, edition, "screen", assets), encoding="utf-8")
        return None


def write_assets(brand: Brand, styles: Path, output_root: Path) -> Path:
    """Copy the shared CSS and the brand's fonts and logos next to the pages; returns the brand's folder."""
    shared = output_root / "assets"
    brand_dir = shared / brand.id
    (brand_dir / "fonts").mkdir(parents=True, exist_ok=True)
    for name in SCREEN_STYLESHEETS:
        _copy_if_changed(styles / name, shared / name)
    for logo in filter(None, (brand.logo, brand.logo_negative)):
        _copy_if_changed(logo, brand_dir / logo.name)
    for face in brand.fonts:
        _copy_if_changed(face.path, brand_dir / "fonts" / face.path.name)
    css = brand_stylesheet(brand, lambda face: f"fonts/{face.path.name}")
    css_path = brand_dir / "brand.css"
    if not css_path.exists() or css_path.read_text(encoding="utf-8") != css:
        css_path.write_text(css, encoding="utf-8")
    return brand_dir


def _copy_if_changed(source: Path, target: Path) -> None:
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)
