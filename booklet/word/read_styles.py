"""Word's paragraph styles and numbering, as the reader needs them: a paragraph's style name
(through 'basedOn'), its heading level, and whether its numbering is bullets or numbers.

Style names are compared lower-cased, as Word stores the built-ins (English, whatever the user's
language); the project's own come from the shared style map, word/styles.py.
"""
from __future__ import annotations

from lxml import etree

from . import styles as style_map
from .ooxml import A_NS as A, R_NS as R, W_NS as W, WP_NS as WP

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
DIAGRAM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def is_on(element: etree._Element | None) -> bool:
    """A Word on/off property (<w:b/>, <w:b w:val="0"/>)."""
    return element is not None and element.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


# Style names as Word stores them (English, lower-cased here, whatever the user's language);
# LibreOffice and pandoc write the same names. The project's own, from the style map the writer
# uses too, are among them, so a document the writer or the template made reads the same way.


def _names(*names: str) -> set[str]:
    return {name.lower() for name in names if name}


TITLE_STYLES = _names("Title", style_map.TITLE)
SUBTITLE_STYLES = _names("Subtitle", style_map.SUBTITLE)
CAPTION_STYLES = _names("Caption", "Image Caption", "Table Caption", "Figure Caption", style_map.CAPTION)
QUOTE_STYLES = _names("Quote", "Intense Quote", "Block Text", style_map.QUOTE)
SKIPPED_STYLES = _names("TOC Heading", style_map.TOC_HEADING)  # every writer makes its own
# The template's instructions to the author ("Vejledning") and the page furniture the writer makes
# from the manifest (cover, colophon): never the author's text. Title and Subtitle are read above.
INSTRUCTION_STYLES = _names(style_map.INSTRUCTION)
FURNITURE_STYLES = _names(*style_map.FURNITURE) - TITLE_STYLES - SUBTITLE_STYLES
STRONG_STYLES = _names("Strong", "Strong Emphasis", style_map.STRONG)
EMPHASIS_STYLES = _names("Emphasis", "Intense Emphasis", style_map.EMPHASIS)

class Styles:
    """styles.xml: a paragraph style's name, heading level and numbering, through 'basedOn'."""

    def __init__(self, root: etree._Element | None):
        self.styles: dict[str, etree._Element] = {}
        self.default_paragraph = ""
        if root is None:
            return
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"), "")
            self.styles[style_id] = style
            if style.get(w("type")) == "paragraph" and _on_default(style):
                self.default_paragraph = style_id

    def name(self, style_id: str) -> str:
        style = self.styles.get(style_id or self.default_paragraph)
        if style is None:
            return (style_id or "").lower()
        element = style.find(w("name"))
        return (element.get(w("val"), "") if element is not None else style_id).lower()

    def _chain(self, style_id: str):
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(w("basedOn"))
            style_id = based.get(w("val"), "") if based is not None else ""

    def outline_level(self, style_id: str) -> int | None:
        for style in self._chain(style_id):
            level = style.find(f"{w('pPr')}/{w('outlineLvl')}")
            if level is not None:
                return int(level.get(w("val"), "9"))
        return None

    def numbering(self, style_id: str) -> tuple[str, int] | None:
        for style in self._chain(style_id):
            num = style.find(f"{w('pPr')}/{w('numPr')}")
            if num is not None:
                num_id = num.find(w("numId"))
                level = num.find(w("ilvl"))
                return (num_id.get(w("val"), "0") if num_id is not None else "0",
                        int(level.get(w("val"), "0")) if level is not None else 0)
        return None


def _on_default(style: etree._Element) -> bool:
    return style.get(w("default"), "0").lower() in ("1", "true", "on")


class Numbering:
    """numbering.xml: whether a list level is numbered (decimal, letters ...) or bulleted."""

    def __init__(self, root: etree._Element | None):
        self.abstract: dict[str, dict[int, str]] = {}
        self.nums: dict[str, tuple[str, dict[int, str]]] = {}
        self.restarts: set[tuple[str, int]] = set()
        if root is None:
            return
        for abstract in root.iter(w("abstractNum")):
            self.abstract[abstract.get(w("abstractNumId"), "")] = self._levels(abstract)
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                overrides.update(self._levels(override, override.get(w("ilvl"))))
                if override.find(w("startOverride")) is not None:
                    self.restarts.add((num.get(w("numId"), ""), int(override.get(w("ilvl"), "0"))))
            self.nums[num.get(w("numId"), "")] = (ref.get(w("val"), "") if ref is not None else "", overrides)

    @staticmethod
    def _levels(element: etree._Element, fixed: str | None = None) -> dict[int, str]:
        levels = {}
        for lvl in element.iter(w("lvl")):
            fmt = lvl.find(w("numFmt"))
            levels[int(lvl.get(w("ilvl"), fixed or "0"))] = fmt.get(w("val"), "decimal") if fmt is not None else "decimal"
        return levels

    def definition(self, num_id: str) -> str:
        return self.nums.get(num_id, ("", {}))[0] or num_id

    def format(self, num_id: str, level: int) -> str | None:
        """'bullet', 'decimal', ... or None when the paragraph is not numbered at all."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        if level in overrides:
            return overrides[level]
        return self.abstract.get(abstract_id, {}).get(level, "bullet")
