"""An organisation's brand: `styles/<brand>/_brand.yml` in the brand.yml format.

The parts the writers use (colours, font files, sizes, logos) are read like every other
content file, so a mistake is reported in Danish at its own line; the `brand_yml` package
(the reference implementation of the format) then checks the parts we only pass through.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import brand_yml
from fontTools.ttLib import TTFont
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..contrast import AA_GRAPHICS, AA_NORMAL_TEXT, failing_logos, failing_pairs
from ..danish import slugify
from ..errors import Location, Problems, suggestion
from ..model import Brand, FontFace, Organisation
from .limits import MAX_FONT_BYTES, MAX_LOGO_BYTES, size_text
from .svg_image import UnsafeSvg, read_svg_file
from .yaml_source import Fields, YamlDocument, read_yaml_file

BRAND_FILE = "_brand.yml"
REQUIRED_COLORS = ("primary", "secondary", "foreground", "background", "light", "dark")
THEME_COLORS = ("foreground", "background", "primary", "secondary", "tertiary", "success", "info",
                "warning", "danger", "light", "dark")
# The brand.yml keys at each spot. Those we do not read (defaults, monospace) are checked by brand_yml.
TOP_KEYS = ["meta", "color", "typography", "logo", "defaults"]
META_KEYS = ["name", "link"]
NAME_KEYS = ["full", "short"]
LINK_SITES = ["home", "mastodon", "github", "linkedin", "bluesky", "twitter", "facebook"]
TYPOGRAPHY_KEYS = ["fonts", "base", "headings", "monospace", "monospace-inline", "monospace-block", "link"]
FONT_KEYS = ["family", "source", "files"]
FONT_FILE_KEYS = ["path", "weight", "style"]
BASE_KEYS = ["family", "size", "line-height", "weight"]
HEADING_KEYS = ["family", "weight", "line-height", "color", "style"]
LINK_KEYS = ["color", "weight", "decoration", "background-color"]
LOGO_KEYS = ["images", "small", "medium", "large"]
IMAGE_KEYS = ["path", "alt"]
LOGO_NAME, NEGATIVE_LOGO_NAME = "wordmark", "wordmark-negativ"
STYLES = ["normal", "italic"]
PRINT_KEYS = ["bleed"]
DEFAULT_BLEED_MM = 3.0
MAX_BLEED_MM = 10.0  # beyond that a crop mark would land on the next sheet's page
_WEIGHTS = {"thin": 100, "extra-light": 200, "ultra-light": 200, "light": 300, "normal": 400,
            "regular": 400, "medium": 500, "semi-bold": 600, "demi-bold": 600, "semibold": 600,
            "bold": 700, "extra-bold": 800, "ultra-bold": 800, "black": 900}
# A palette name becomes a CSS and Sass variable name.
_PALETTE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def read_brand(folder: Path, organisation: Organisation, problems: Problems) -> Brand | None:
    path = folder / BRAND_FILE
    if not path.is_file():
        problems.error(organisation.location,
                       f"brandet '{organisation.brand_id}' findes ikke: {path} mangler. "
                       "Ret feltet 'brand', eller opret mappen i styles/.")
        return None
    errors_before = len(problems.errors)
    node, doc = read_yaml_file(path, problems, "brandets farver (color), skrifttyper (typography) og logo",
                               folder.parent)
    if node is None:
        return None
    top = Fields(node, doc, problems, "brandfilen", TOP_KEYS)
    if not top.ok:
        return None
    reader = _BrandReader(folder, doc, problems)
    name = reader.name(top) or organisation.name
    colors = reader.colors(top)
    typography = reader.typography(top, colors)
    logo, logo_negative = reader.logos(top)
    if len(problems.errors) > errors_before or typography is None or logo is None or colors is None:
        return None
    if not _follows_the_format(path, node, doc, problems):
        return None
    fonts, base, headings = typography
    brand = Brand(
        id=folder.name,
        folder=folder,
        name=name,
        colors=colors,
        body_font=base["family"],
        heading_font=headings["family"],
        heading_weight=headings["weight"],
        base_size_pt=base["size"],
        line_height=base["line-height"],
        fonts=tuple(fonts),
        logo=logo,
        logo_negative=logo_negative,
        logo_svg=reader.cleaned_svg[logo],
        logo_negative_svg=reader.cleaned_svg.get(logo_negative) if logo_negative else None,
        bleed_mm=reader.bleed(top),
    )
    for text, background, use, ratio in failing_pairs(brand):
        problems.warning(reader.color_lines.get(text, top.key_location("color")),
                         f"farven '{text}' på '{background}' ({use}) har kontrast {ratio:.1f}:1; "
                         f"WCAG AA kræver mindst {AA_NORMAL_TEXT}:1. Vælg en mørkere eller lysere farve.")
    _warn_about_logos(brand, reader, top, problems)
    return brand


def _warn_about_logos(brand: Brand, reader: "_BrandReader", top: Fields, problems: Problems) -> None:
    """A logo that nearly vanishes on the colour it is placed on (a teal logo on a teal cover),
    at the logo's line in _brand.yml."""
    for which, fill, background, where, ratio in failing_logos(brand):
        name = NEGATIVE_LOGO_NAME if which == "negative" else LOGO_NAME
        on_cover = background == "primary"
        if on_cover and which != "negative":
            advice = (f"Tilføj en lys udgave af logoet som '{NEGATIVE_LOGO_NAME}' under logo.images; "
                      "forsiden bruger den (se content/README.md).")
        elif on_cover:
            advice = "Brug en lys udgave af logoet (fx hvidt), eller vælg en anden farve til 'primary'."
        else:
            advice = "Brug en mørkere udgave af logoet, eller vælg en anden farve til 'background'."
        problems.warning(reader.logo_lines.get(name, top.key_location("logo")),
                         f"logoet '{name}' (farven {fill}) forsvinder næsten på {where}, hvor baggrunden er "
                         f"'{background}' ({brand.colors[background]}): kontrasten er {ratio:.1f}:1, og et logo "
                         f"bør have mindst {AA_GRAPHICS:g}:1. {advice}")


class _BrandReader:
    def __init__(self, folder: Path, doc: YamlDocument, problems: Problems):
        self.folder = folder
        self.doc = doc
        self.problems = problems
        self.cleaned_svg: dict[Path, bytes] = {}
        self.palette: dict[str, str] = {}
        self.broken: set[str] = set()  # palette names already reported: not again where they are used
        self.in_rings: set[str] = set()  # theme colours in a ring of names already reported
        self.color_lines: dict[str, Location] = {}
        self.theme_names: list[str] = []  # the theme colours written, right or wrong
        self.logo_lines: dict[str, Location] = {}  # logo name -> the line of its path

    def section(self, f: Fields, key: str, what: str, allowed: list[str] | None,
                required: bool = True) -> Fields | None:
        """The mapping under `key`, read against `allowed` (None: any name, as in the palette)."""
        if not f.has(key):
            if required and f.ok:
                self.problems.error(f.key_location(key) if key in f.node else f.location,
                                    f"brandfilen mangler '{key}:' under {f.what}. Se formatet brand.yml.")
            return None
        node = f.node[key]
        names = [str(k) for k in node] if allowed is None and isinstance(node, dict) else allowed or []
        sub = Fields(node, self.doc, self.problems, what, names, at=f.value_location(key))
        return sub if sub.ok else None

    # --- meta ------------------------------------------------------------------------

    def name(self, top: Fields) -> str:
        meta = self.section(top, "meta", "'meta'", META_KEYS, required=False)
        if meta is None:
            return ""
        if meta.has("link") and isinstance(meta.node["link"], dict):
            links = self.section(meta, "link", "'meta.link'", LINK_SITES)
            for site in [site for site in links.node if site in LINK_SITES] if links else []:
                self.web_address(links, site)
        elif meta.has("link"):
            self.web_address(meta, "link")
        if not meta.has("name"):
            return ""
        if isinstance(meta.node["name"], dict):
            names = self.section(meta, "name", "'meta.name'", NAME_KEYS)
            return names.text("full", hint="Høje-Taastrup Kommune") if names else ""
        return meta.text("name")

    def web_address(self, f: Fields, key: str) -> None:
        address = f.text(key)
        if address and not re.fullmatch(r"https?://\S+", address):
            self.problems.error(f.value_location(key), f"'{key}' skal være en webadresse, der starter med "
                                                       f"https://, fx https://www.htk.dk (her: '{address}').")

    # --- colours ---------------------------------------------------------------------

    def colors(self, top: Fields) -> dict[str, str] | None:
        color = self.section(top, "color", "'color'", ["palette", *THEME_COLORS])
        if color is None:
            return None
        palette = self.section(color, "palette", "'color.palette'", None, required=False)
        for name in palette.node if palette else []:
            where = palette.key_location(name)
            self.broken.add(str(name))
            if not _PALETTE_NAME.fullmatch(str(name)):
                self.problems.error(where, f"farvenavnet '{name}' kan ikke bruges i paletten: et navn må kun "
                                           "have bogstaverne a-z, tal og bindestreg (ikke æ, ø, å eller "
                                           f"mellemrum). Skriv fx '{slugify(str(name))}'.")
                continue
            value = self._hex(palette, name)
            if value:
                self.palette[str(name)] = value
                self.broken.discard(str(name))
        written = {}
        for name in THEME_COLORS:
            if color.has(name):
                written[name] = color.text(name)
                self.color_lines[name] = color.key_location(name)
            elif name in REQUIRED_COLORS and color.ok:
                self.problems.error(color.location, f"brandfilen mangler farven '{name}' under 'color'. Tilføj "
                                                    f"fx '{name}: \"#1d2a30\"' eller et navn fra paletten.")
        self.theme_names = list(written)
        colors = {}
        for name, value in written.items():
            resolved = self.resolve(value, written, color.key_location(name), (name,))
            if resolved:
                colors[name] = resolved
        return colors

    def _hex(self, f: Fields, key: str) -> str:
        if not f.has(key):
            self.problems.error(f.key_location(key), f"farven '{key}' har ingen værdi. Skriv den i anførselstegn, "
                                                     f"fx {key}: \"#1d2a30\" (uden anførselstegn læses # som "
                                                     "starten på en kommentar).")
            return ""
        value = f.text(key)
        if value and not _HEX.fullmatch(value):
            self.problems.error(f.key_location(key), f"farven '{key}' skal skrives som #rrggbb med seks tegn "
                                                     f"0-9 og a-f, fx \"#1d2a30\" (her: '{value}').")
            return ""
        return value.lower()

    def resolve(self, value: str, theme: dict[str, str], where: Location, seen: tuple = ()) -> str:
        """A colour written as #rrggbb, a palette name or another theme colour's name."""
        if _HEX.fullmatch(value):
            return value.lower()
        if value in self.palette:
            return self.palette[value]
        if value in theme and value not in seen:
            return self.resolve(theme[value], theme, where, (*seen, value))
        if value in theme:
            self._ring(seen[seen.index(value):])
            return ""
        if value and value not in self.broken:
            self.problems.error(where, f"farven '{value}' findes ikke i paletten"
                                       f"{suggestion(value, [*self.palette, *theme, *seen])} Skriv et navn fra "
                                       "'color.palette' eller en farve som \"#1d2a30\".")
        return ""

    def _ring(self, ring: tuple[str, ...]) -> None:
        """Theme colours that name each other round in a ring, so none of them ends in a colour:
        told once, at the line of the ring's colour that stands first in the file (a colour
        leading into the ring is left without a colour by the same mistake, not told again)."""
        if ring[0] in self.in_rings:
            return
        first = min(range(len(ring)), key=lambda i: self.color_lines[ring[i]].line or 0)
        ring = ring[first:] + ring[:first]  # read from the line that comes first in the file
        self.in_rings.update(ring)
        path = " → ".join((*ring, ring[0]))
        if len(ring) == 1:
            what = f"farven '{ring[0]}' henviser til sig selv, så den får ingen farve"
        else:
            names = ", ".join(f"'{name}'" for name in ring[:-1]) + f" og '{ring[-1]}'"
            what = f"farverne {names} henviser til hinanden i ring ({path}), så ingen af dem får en farve"
        self.problems.error(self.color_lines[ring[0]], f"{what}. Giv '{ring[0]}' et navn fra 'color.palette' "
                                                       "eller en farve som \"#1d2a30\".")

    # --- print ----------------------------------------------------------------------

    def bleed(self, top: Fields) -> float:
        """`defaults: print: bleed: 3mm`: brand.yml leaves `defaults` to each tool, and the
        print shop's bleed belongs to the brand's print profile, not to one publication."""
        defaults = self.section(top, "defaults", "'defaults'", None, required=False)
        if defaults is None or not defaults.has("print"):
            return DEFAULT_BLEED_MM
        printing = self.section(defaults, "print", "'defaults.print'", PRINT_KEYS)
        if printing is None or not printing.has("bleed"):
            return DEFAULT_BLEED_MM
        written = printing.text("bleed", required=False)
        match = re.fullmatch(r"(\d+(?:\.\d+)?) ?mm", written or "")
        if not match or not 0 < float(match.group(1)) <= MAX_BLEED_MM:
            self.problems.error(printing.key_location("bleed"),
                                f"beskæringen (bleed) skal angives i millimeter mellem 0 og {MAX_BLEED_MM:g}, "
                                f"fx '3mm' (her: '{written}'). Spørg trykkeriet, hvor meget de vil have.")
            return DEFAULT_BLEED_MM
        return float(match.group(1))

    # --- typography ------------------------------------------------------------------

    def typography(self, top: Fields, colors: dict[str, str] | None):
        typography = self.section(top, "typography", "'typography'", TYPOGRAPHY_KEYS)
        if typography is None:
            return None
        errors_before = len(self.problems.errors)
        fonts = self.font_files(typography)
        families = sorted({face.family for face in fonts})
        base = self.section(typography, "base", "'typography.base'", BASE_KEYS)
        if base is None:
            return None
        base_values = {
            "family": self.family(base, families, required=True),
            "size": self.size(base),
            "line-height": base.number("line-height") or 1.4,
        }
        self.weight(base, 400)
        headings = self.section(typography, "headings", "'typography.headings'", HEADING_KEYS, required=False)
        heading_values = {"family": base_values["family"], "weight": 700}
        if headings is not None:
            heading_values["family"] = self.family(headings, families, required=False) or base_values["family"]
            heading_values["weight"] = self.weight(headings, 700)
            headings.number("line-height")
            self.style(headings)
            self.color_reference(headings, colors)
        link = self.section(typography, "link", "'typography.link'", LINK_KEYS, required=False)
        if link is not None:
            self.color_reference(link, colors)
            self.weight(link, 400)
        if not fonts and len(self.problems.errors) == errors_before:
            self.problems.error(typography.key_location("fonts") if "fonts" in typography.node else typography.location,
                                "brandet har ingen skrifttypefiler. Læg dem i styles/<brand>/fonts/ og angiv "
                                "dem under typography.fonts.")
            return None
        return fonts, base_values, heading_values

    def font_files(self, typography: Fields) -> list[FontFace]:
        fonts = []
        for item, where in typography.seq("fonts"):
            font = Fields(item, self.doc, self.problems, "en skrifttype", FONT_KEYS, at=where)
            family = font.text("family", hint="Lato")
            source = font.text("source", required=False) or "file"
            if source != "file":
                self.problems.error(font.key_location("source"), f"skrifttypen '{family}' hentes fra '{source}'; "
                                                                 "brandets skrifttyper skal ligge som filer i "
                                                                 "dets mappe. Skriv 'source: file', og angiv "
                                                                 "filerne under 'files'.")
                continue
            for file_item, file_where in font.seq("files", required=font.ok):
                face = self.font_file(family, file_item, file_where)
                if face is not None:
                    fonts.append(face)
        return fonts

    def font_file(self, family: str, item: Any, where: Location) -> FontFace | None:
        if isinstance(item, str):  # brand.yml allows a bare path; its line is the item's
            item = {"path": item}
        file = Fields(item, self.doc, self.problems, "en skrifttypefil", FONT_FILE_KEYS, at=where)
        written = file.text("path", hint="fonts/Lato-Regular.ttf")
        weight = self.weight(file, 400)
        style = self.style(file)
        if not written or not family:
            return None
        path = self.asset(file, "path", written, "skrifttypefilen", MAX_FONT_BYTES, "en skrifttype")
        if path is None:
            return None
        try:
            TTFont(path, lazy=True).getBestCmap()
        except Exception:  # fontTools raises many kinds for a file that is not a font
            self.problems.error(file.key_location("path"), f"skrifttypefilen {path.name} kan ikke læses som en "
                                                           "skrifttype (TTF eller OTF). Læg den rigtige fil i fonts/.")
            return None
        return FontFace(family, path, weight, style)

    def family(self, f: Fields, families: list[str], required: bool) -> str:
        family = f.text("family", required=required, hint="Lato")
        if family and families and family not in families:
            self.problems.error(f.key_location("family"), f"skrifttypen '{family}' har ingen filer under "
                                                          f"typography.fonts{suggestion(family, families)}")
        return family

    def size(self, base: Fields) -> float:
        size = base.text("size", required=False) or "10.5pt"
        match = re.fullmatch(r"(\d+(?:\.\d+)?)pt", size)
        if not match:
            self.problems.error(base.key_location("size"), "typography.base.size skal angives i punkter med "
                                                           f"punktum som decimaltegn, fx '10.5pt' (her: '{size}').")
            return 10.5
        return float(match.group(1))

    def weight(self, f: Fields, default: int) -> int:
        if not f.has("weight"):
            return default
        value = f.node["weight"]
        text = str(value).strip().lower()
        if isinstance(value, int) and not isinstance(value, bool) and value % 100 == 0 and 100 <= value <= 900:
            return value
        if isinstance(value, str) and text in _WEIGHTS:
            return _WEIGHTS[text]
        self.problems.error(f.key_location("weight"), f"vægten '{value}' findes ikke. Skriv et tal fra 100 til "
                                                      "900 i hele hundreder (400 er normal, 700 er fed), eller "
                                                      "fx normal eller bold.")
        return default

    def style(self, f: Fields) -> str:
        style = f.text("style", required=False) or "normal"
        if style not in STYLES:
            self.problems.error(f.key_location("style"), f"stilen '{style}' findes ikke{suggestion(style, STYLES)}")
            return "normal"
        return style

    def color_reference(self, f: Fields, colors: dict[str, str] | None) -> None:
        if f.has("color"):
            value = f.text("color")
            if value and colors is not None and value not in self.theme_names:
                self.resolve(value, {}, f.key_location("color"), tuple(self.theme_names))

    # --- logos -----------------------------------------------------------------------

    def logos(self, top: Fields) -> tuple[Path | None, Path | None]:
        logo = self.section(top, "logo", "'logo'", LOGO_KEYS)
        images = self.section(logo, "images", "'logo.images'", None) if logo is not None else None
        if images is None:
            return None, None
        found: dict[str, Path | None] = {}
        for name in images.node:
            found[str(name)] = self.image(images, str(name))
        for size in ("small", "medium", "large"):
            chosen = logo.text(size, required=False)
            if chosen and chosen not in images.node and not (self.folder / chosen).is_file():
                self.problems.error(logo.key_location(size), f"logoet '{chosen}' findes ikke under logo.images"
                                                             f"{suggestion(chosen, [str(n) for n in images.node])}")
        if LOGO_NAME not in images.node:
            self.problems.error(logo.key_location("images"), f"brandet mangler logoet '{LOGO_NAME}' under "
                                                             "logo.images. Tilføj det med 'path: logo.svg'.")
        return found.get(LOGO_NAME), found.get(NEGATIVE_LOGO_NAME)

    def image(self, images: Fields, name: str) -> Path | None:
        node = images.node[name]
        if isinstance(node, dict):
            image = self.section(images, name, f"logoet '{name}'", IMAGE_KEYS)
            if image is None:
                return None
            written = image.text("path", hint="logo.svg")
            image.text("alt", required=False)
            holder, key = image, "path"
        else:
            written = images.text(name)
            holder, key = images, name
        if not written:
            return None
        self.logo_lines[name] = holder.key_location(key)
        path = self.asset(holder, key, written, "logofilen", MAX_LOGO_BYTES, "et logo")
        if path is None:
            return None
        if name in (LOGO_NAME, NEGATIVE_LOGO_NAME):
            # The same reader and limits as every writer: what passes here is what is published.
            try:
                self.cleaned_svg[path] = read_svg_file(path, self.folder.parent)
            except (UnsafeSvg, OSError) as exc:
                reason = str(exc) if isinstance(exc, UnsafeSvg) else f"kan ikke læses ({exc.strerror})."
                self.problems.error(holder.key_location(key), f"logofilen {path.name} {reason}")
                return None
        return path

    def asset(self, f: Fields, key: str, written: str, what: str, limit: int, one: str) -> Path | None:
        """A file the brand names, inside its folder; a warning when it is heavier than `limit`."""
        where = f.key_location(key)
        path = self.folder / written
        if not _inside(path, self.folder):
            self.problems.error(where, f"{what} '{written}' ligger uden for brandets mappe. Læg filen i "
                                       f"styles/{self.folder.name}/, og henvis til den med dens filnavn.")
            return None
        if (path.exists() or path.is_symlink()) and not path.resolve().is_relative_to(self.folder.parent.resolve()):
            self.problems.error(where, f"{what} '{written}' er et link til noget uden for styles/. Læg selve "
                                       f"filen i styles/{self.folder.name}/ i stedet for et link.")
            return None
        if not path.is_file():
            existing = sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*")
                              if p.is_file() and p.suffix == path.suffix)
            self.problems.error(where, f"{what} '{written}' findes ikke i styles/{self.folder.name}"
                                       f"{suggestion(written, existing)}")
            return None
        size = path.stat().st_size
        if size > limit:
            self.problems.warning(where, f"{what} {path.name} fylder {size_text(size)}; {one} bør højst fylde "
                                         f"{size_text(limit)}, for filen kommer med i hver PDF og DOCX. Gem den "
                                         "i en mindre udgave.")
        return path


def _follows_the_format(path: Path, node: Any, doc: YamlDocument, problems: Problems) -> bool:
    """What our own reading let through, checked by the format's reference implementation."""
    try:
        brand_yml.Brand.from_yaml(path)
    except ValidationError as exc:
        first = exc.errors()[0]
        problems.error(_line_of(node, doc, first["loc"]),
                       f"brandfilen følger ikke formatet brand.yml ved '{'.'.join(map(str, first['loc']))}': "
                       f"{_PYDANTIC.get(first['type'], 'værdien er ugyldig')}. Se "
                       "https://posit-dev.github.io/brand-yml/.")
        return False
    except Exception as exc:  # noqa: BLE001 - whatever else the package raises, said in a sentence
        problems.error(doc.start, f"brandfilen kan ikke læses efter formatet brand.yml ({exc.__class__.__name__}).")
        return False
    return True


_PYDANTIC = {"missing": "feltet mangler", "extra_forbidden": "feltet findes ikke i formatet",
             "literal_error": "værdien er ikke en af de tilladte", "string_type": "værdien skal være en tekst",
             "int_type": "værdien skal være et helt tal", "float_type": "værdien skal være et tal"}


def _line_of(node: Any, doc: YamlDocument, loc: tuple) -> Location:
    """The deepest line of `loc` (pydantic's path, with its own model names in between) in the file."""
    where = doc.start
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            where = doc.line_of(node.lc.key(part)[0])
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            where = doc.line_of(node.lc.item(part)[0])
            node = node[part]
    return where


def _inside(path: Path, folder: Path) -> bool:
    """No '..' out of the brand folder (links inside it, e.g. to shared fonts, are fine)."""
    return Path(os.path.normpath(path)).is_relative_to(os.path.normpath(folder))


