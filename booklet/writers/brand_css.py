"""The brand as CSS: @font-face rules for the bundled fonts and custom properties for colours.

The stylesheets in styles/ refer only to these properties (var(--color-primary) ...), so
the same CSS dresses every municipality.
"""
from __future__ import annotations

from collections.abc import Callable

from ..model import Brand, FontFace


def brand_stylesheet(brand: Brand, font_url: Callable[[FontFace], str]) -> str:
    faces = "\n".join(
        "@font-face {\n"
        f'  font-family: "{face.family}";\n'
        f'  src: url("{font_url(face)}");\n'
        f"  font-weight: {face.weight};\n"
        f"  font-style: {face.style};\n"
        "}"
        for face in brand.fonts
    )
    colors = "\n".join(f"  --color-{name}: {value};" for name, value in sorted(brand.colors.items()))
    return (
        f"/* Brand: {brand.name} (generated from {brand.id}/_brand.yml) */\n"
        f"{faces}\n"
        ":root {\n"
        f"{colors}\n"
        f'  --font-body: "{brand.body_font}";\n'
        f'  --font-heading: "{brand.heading_font}";\n'
        f"  --heading-weight: {brand.heading_weight};\n"
        f"  --base-size: {brand.base_size_pt}pt;\n"
        f"  --line-height: {brand.line_height};\n"
        "}\n"
    )
