"""WCAG 2.1 contrast of the brand colours the layouts set text in.

The pairs below are the ones the stylesheets and the DOCX styles use for text: a brand
whose colours fail AA (4.5:1 for body-size text) gets a build-time warning naming the pair,
so the communications team can adjust `_brand.yml` before publishing.
"""
from __future__ import annotations

from .model import Brand

AA_NORMAL_TEXT = 4.5

# (text colour, background colour, where the layouts use the pair)
TEXT_PAIRS = (
    ("foreground", "background", "brødtekst"),
    ("primary", "background", "overskrifter og links"),
    ("secondary", "background", "temanumre og eksempel-mærker"),
    ("tertiary", "background", "fokusområder og sidehoved"),
    ("foreground", "light", "tekst i farvede bokse"),
    ("primary", "light", "navne og titler i farvede bokse"),
    ("background", "primary", "forsidens tekst og målgruppe-mærker"),
    ("background", "secondary", "kolonneoverskrifter i matrixen"),
    ("background", "tertiary", "kolonneoverskrifter i matrixen"),
    ("background", "dark", "kolonneoverskrifter i matrixen"),
)


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def failing_pairs(brand: Brand) -> list[tuple[str, str, str, float]]:
    """(text colour, background, use, ratio) for each pair below WCAG AA."""
    failures = []
    for text, background, use in TEXT_PAIRS:
        if text in brand.colors and background in brand.colors:
            ratio = contrast_ratio(brand.colors[text], brand.colors[background])
            if ratio < AA_NORMAL_TEXT:
                failures.append((text, background, use, ratio))
    return failures


# A logo is a graphic, not text: WCAG's 3:1 for graphical objects (1.4.11) is the least at which
# it still stands out from its background. The trial's teal logo on the teal cover was 1:1.
AA_GRAPHICS = 3.0

# (which logo, background colour, where the layouts put it). The cover's colour field is the
# primary colour (print.css and screen.css `.cover-field`/`.cover`) and carries the negative logo,
# or the ordinary one where the brand has none; the colophon, the site's header and the DOCX
# cover put the ordinary logo on the page's background.
LOGO_PAIRS = (
    ("negative", "primary", "forsiden"),
    ("wordmark", "background", "kolofonen, sidehovedet på intranettet og Word-forsiden"),
)

_NAMED = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
          "gray": "#808080", "grey": "#808080", "yellow": "#ffff00", "navy": "#000080", "teal": "#008080"}
_SHAPES = {"path", "rect", "circle", "ellipse", "polygon", "polyline", "line", "text", "tspan", "use"}


def dominant_fill(svg: bytes) -> str | None:
    """The colour that paints most of a logo, as #rrggbb: each shape's fill (inherited from its
    groups, black where none is given, as SVG does), weighted by how much the shape draws (its
    path data, its text). None when the logo paints nothing with a flat colour we can read."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return None
    weights: dict[str, float] = {}

    def walk(element, inherited: str | None) -> None:
        fill = _fill_of(element, inherited)
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("defs", "title", "desc", "metadata", "clipPath", "mask", "symbol"):
            return
        if tag in _SHAPES and fill:
            weight = len(element.get("d", "")) / 10 + len((element.text or "").strip()) * 20 + 5
            weights[fill] = weights.get(fill, 0.0) + weight
        for child in element:
            walk(child, fill)

    walk(root, "#000000")
    return max(weights, key=weights.get) if weights else None


def _fill_of(element, inherited: str | None) -> str | None:
    import re

    value = element.get("fill")
    style = re.search(r"(?:^|;)\s*fill\s*:\s*([^;]+)", element.get("style", ""))
    if style:
        value = style.group(1)
    if value is None or value.strip() == "inherit":
        return inherited
    return _hex(value.strip().lower())


def _hex(value: str) -> str | None:
    import re

    if value in _NAMED:
        return _NAMED[value]
    if re.fullmatch(r"#[0-9a-f]{6}", value):
        return value
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(c * 2 for c in value[1:])
    rgb = re.fullmatch(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", value)
    if rgb:
        return "#" + "".join(f"{min(255, int(c)):02x}" for c in rgb.groups())
    return None  # none, a gradient, currentColor: nothing flat to measure


def failing_logos(brand: Brand) -> list[tuple[str, str, str, str, float]]:
    """(which logo, its fill, background name, where, ratio) for each logo below 3:1 on the
    colour the layouts put it on. `which` is 'negative' only when the brand has a negative logo."""
    failures = []
    for which, background, where in LOGO_PAIRS:
        if background not in brand.colors:
            continue
        has_negative = brand.logo_negative_svg is not None
        svg = brand.logo_negative_svg if which == "negative" and has_negative else brand.logo_svg
        fill = dominant_fill(svg)
        if fill is None:
            continue
        ratio = contrast_ratio(fill, brand.colors[background])
        if ratio < AA_GRAPHICS:
            failures.append(("negative" if which == "negative" and has_negative else "wordmark",
                             fill, background, where, ratio))
    return failures
