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
