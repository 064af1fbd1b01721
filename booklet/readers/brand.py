"""An organisation's brand: `styles/<brand>/_brand.yml` in the brand.yml format.

The file is validated by the `brand_yml` package (the reference implementation of the
format), then reduced to the plain values every writer needs: semantic colours as hex,
the bundled font files, the base size and the logos.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import brand_yml
from fontTools.ttLib import TTFont
from pydantic import ValidationError

from ..contrast import AA_NORMAL_TEXT, failing_pairs
from ..errors import Location, Problems
from ..model import Brand, FontFace, Organisation

BRAND_FILE = "_brand.yml"
REQUIRED_COLORS = ("primary", "secondary", "foreground", "background", "light", "dark")
_WEIGHTS = {"thin": 100, "light": 300, "normal": 400, "regular": 400, "medium": 500,
            "semibold": 600, "bold": 700, "black": 900}


def read_brand(folder: Path, organisation: Organisation, problems: Problems) -> Brand | None:
    path = folder / BRAND_FILE
    where = Location(path, 1)
    if not path.is_file():
        problems.error(organisation.location,
                       f"brandet '{organisation.brand_id}' findes ikke: {path} mangler. "
                       "Ret feltet 'brand', eller opret mappen i styles/.")
        return None
    try:
        spec = brand_yml.Brand.from_yaml(path)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        problems.error(where, f"brandfilen er ugyldig ved '{field}': {first['msg']}. Se formatet "
                              "brand.yml (felterne meta, color, typography, logo).")
        return None
    except Exception as exc:  # the YAML itself is broken
        problems.error(where, f"brandfilen kan ikke læses ({exc}).")
        return None

    colors = {}
    for name in REQUIRED_COLORS + ("tertiary",):
        value = getattr(spec.color, name, None) if spec.color else None
        if value:
            colors[name] = str(value).lower()
    missing = [c for c in REQUIRED_COLORS if c not in colors]
    if missing:
        problems.error(where, "brandfilen mangler farverne " + ", ".join(missing) + " under 'color'.")
        return None
    bad = [f"{k}: {v}" for k, v in colors.items() if not re.fullmatch(r"#[0-9a-f]{6}", v)]
    if bad:
        problems.error(where, "farver skal skrives som #rrggbb: " + ", ".join(bad))
        return None

    typography = spec.typography
    fonts: list[FontFace] = []
    for font in (typography.fonts or []) if typography else []:
        for file in getattr(font, "files", []) or []:
            font_path = folder / str(file.path.root)
            if not _inside(font_path, folder) or not font_path.is_file():
                problems.error(where, f"skrifttypefilen {file.path.root} findes ikke i {folder}.")
                continue
            fonts.append(FontFace(font.family, font_path, _weight(file.weight.root if file.weight else 400),
                                  str(file.style)))
    if not fonts:
        problems.error(where, "brandet har ingen skrifttypefiler. Læg dem i styles/<brand>/fonts/ og "
                              "angiv dem under typography.fonts.")
        return None
    base = typography.base
    headings = typography.headings or base
    size = str(base.size or "10.5pt")
    size_match = re.fullmatch(r"([\d.]+)pt", size)
    if not size_match:
        problems.error(where, f"typography.base.size skal angives i punkter, fx '10.5pt' (her: '{size}').")
        return None

    logo = _logo(spec, folder, "wordmark", where, problems)
    if logo is None or not _fonts_readable(fonts, where, problems):
        return None
    brand = Brand(
        id=folder.name,
        folder=folder,
        name=spec.meta.name.full if spec.meta and spec.meta.name else organisation.name,
        colors=colors,
        body_font=base.family,
        heading_font=headings.family or base.family,
        heading_weight=_weight(getattr(headings, "weight", None) or 700),
        base_size_pt=float(size_match.group(1)),
        line_height=float(base.line_height or 1.4),
        fonts=tuple(fonts),
        logo=logo,
        logo_negative=_logo(spec, folder, "wordmark-negativ", where, None),
    )
    for text, background, use, ratio in failing_pairs(brand):
        problems.warning(where, f"farven '{text}' på '{background}' ({use}) har kontrast {ratio:.1f}:1; "
                                f"WCAG AA kræver mindst {AA_NORMAL_TEXT}:1. Vælg en mørkere eller lysere farve.")
    return brand


def _weight(value) -> int:
    text = str(value).lower()
    return int(text) if text.isdigit() else _WEIGHTS.get(text, 400)


def _logo(spec, folder: Path, name: str, where: Location, problems: Problems | None) -> Path | None:
    images = (spec.logo.images or {}) if spec.logo else {}
    resource = images.get(name)
    if resource is None:
        if problems is not None:
            problems.error(where, f"brandet mangler logoet '{name}' under logo.images.")
        return None
    path = folder / str(resource.path.root)
    if not _inside(path, folder):
        if problems is not None:
            problems.error(where, f"logoet '{resource.path.root}' ligger uden for brandets mappe. "
                                  "Læg logoet i mappen og henvis til det med dets filnavn.")
        return None
    if not path.is_file():
        if problems is not None:
            problems.error(where, f"logofilen {path} findes ikke.")
        return None
    if not _is_svg(path):
        if problems is not None:
            problems.error(where, f"logofilen {path.name} er ikke et SVG-billede. Gem logoet som SVG.")
        return None
    return path


def _inside(path: Path, folder: Path) -> bool:
    """No '..' out of the brand folder (links inside it, e.g. to shared fonts, are fine)."""
    return Path(os.path.normpath(path)).is_relative_to(os.path.normpath(folder))


def _is_svg(path: Path) -> bool:
    try:
        return ET.parse(path).getroot().tag.rsplit("}", 1)[-1] == "svg"
    except (ET.ParseError, OSError, ValueError):
        return False


def _fonts_readable(fonts: list[FontFace], where: Location, problems: Problems) -> bool:
    ok = True
    for face in fonts:
        try:
            TTFont(face.path, lazy=True).getBestCmap()
        except Exception:  # fontTools raises many kinds for a file that is not a font
            problems.error(where, f"skrifttypefilen {face.path.name} kan ikke læses som en skrifttype "
                                  "(TTF eller OTF). Læg den rigtige fil i fonts/.")
            ok = False
    return ok
