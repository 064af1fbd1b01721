"""Check the WCAG 2.x contrast rules for every brand under ``styles/``.

Rules: primary, secondary and dark >= 4.5:1 against white (and so white text
on them); foreground on background >= 7:1; foreground on light >= 4.5:1.
Tertiary, and the accents on the light tint, are reported for information. Exits 1 when a
rule fails.

Usage (from the repository root):

    .venv/bin/python styles/_tools/check_contrast.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from brand_yml import Brand

STYLES = Path(__file__).resolve().parent.parent
WHITE = "#ffffff"


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
           for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def main() -> int:
    ok = True
    for brand_file in sorted(STYLES.glob("*/_brand.yml")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            c = Brand.from_yaml(brand_file).color
        checks = [
            ("primary / white", c.primary, WHITE, 4.5),
            ("secondary / white", c.secondary, WHITE, 4.5),
            ("dark / white", c.dark, WHITE, 4.5),
            ("foreground / background", c.foreground, c.background, 7.0),
            ("foreground / light", c.foreground, c.light, 4.5),
            ("tertiary / white (info)", c.tertiary, WHITE, None),
            ("primary / light (info)", c.primary, c.light, None),
            ("secondary / light (info)", c.secondary, c.light, None),
            ("tertiary / light (info)", c.tertiary, c.light, None),
        ]
        print(brand_file.parent.name)
        for label, fg, bg, minimum in checks:
            if fg is None or bg is None:
                continue
            ratio = contrast(fg, bg)
            passed = minimum is None or ratio >= minimum
            ok &= passed
            need = f">= {minimum}" if minimum else "info"
            flag = "ok" if passed else "FAIL"
            print(f"  {label:26} {fg} on {bg}  {ratio:5.2f}:1  ({need}) {flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
