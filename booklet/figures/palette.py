"""Fills from the brand's colours, and for each fill a text colour that meets WCAG AA."""
from __future__ import annotations

from ..contrast import AA_NORMAL_TEXT, contrast_ratio
from ..model import Brand

# Text colours to try on a fill, brand names in order of preference: white on dark fills,
# the brand's own colour on pale ones, plain text colour as the last resort.
TEXT_CHOICES = ("background", "primary", "dark", "foreground")


# A brand may leave out its tertiary colour; figures then use the secondary in its place.
STAND_INS = {"tertiary": "secondary"}


def tint(brand: Brand, name: str, amount: float) -> str:
    """The brand colour `name` laid over the background at `amount` (0 to 1) opacity."""
    if name not in brand.colors:
        name = STAND_INS[name]
    colour, paper = _rgb(brand.color(name)), _rgb(brand.color("background"))
    mixed = (round(p + (c - p) * amount) for c, p in zip(colour, paper))
    return "#" + "".join(f"{v:02x}" for v in mixed)


def text_on(brand: Brand, fill: str) -> str:
    """The first text colour that reads on `fill` at AA; failing all, the one that reads best."""
    choices = [brand.color(name) for name in TEXT_CHOICES]
    for colour in choices:
        if contrast_ratio(colour, fill) >= AA_NORMAL_TEXT:
            return colour
    return max(("#000000", "#ffffff", *choices), key=lambda colour: contrast_ratio(colour, fill))


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
