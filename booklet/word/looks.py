"""The brand's looks of the style map's styles: fonts, sizes, colours and spacing from the Brand.

The brand lives in the document's styles, never on individual runs, so a municipality can
restyle the document in Word and every paragraph follows. Sizes and spacing are in em of the
brand's base size; colours are the brand's colour names. Besides the styles: the document
defaults, the table styles, the list numbering in brand colours and the theme (the colours
and fonts Word offers an editor first).
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER, WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm, Pt, RGBColor
from lxml import etree

from ..model import Brand
from .ooxml import A_NS, PPR_ORDER, abstract_num, insert_in_order
from .styles import (
    BUILTIN_STYLE_IDS, CAPTION_NUMBER, COLOPHON, COLOPHON_HEADING, COVER_EDITION, COVER_META, COVER_PHOTO,
    COVER_TYPE, DATA_TABLE, FACT_BOX, FACT_BOX_TEXT, FACT_BOX_TITLE, FACT_LABEL, FACT_TABLE, FIGURE, FLAG,
    FOCUS_AREAS, FOOTNOTE_REFERENCE, FOOTNOTE_TEXT, HYPERLINK, INTRO, LABEL, LIST_BULLET, LIST_DEPTHS,
    MATRIX_TABLE, NOTE, PACKAGE_AUDIENCE, PICTURE, PULL_QUOTE, PULL_QUOTE_SOURCE, SIGNATURE, STATEMENT,
    TABLE_HEADER, TABLE_TEXT, TAGLINE, TERM, TOC_HEADING, TOC_LEVELS, VALUE, continue_style, toc_style,
)

COLOPHON_LABEL_WIDTH = Mm(30)
LIST_INDENT_EM = 1.4
FLOWING_HEADING_BEFORE = 2.7  # em above a chapter heading that runs on

THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# The theme's colour slots in brand colours: text and background, then the accents the
# colour picker shows in columns, then links.
THEME_COLOURS = (
    ("dk1", "foreground"), ("lt1", "background"), ("dk2", "dark"), ("lt2", "light"),
    ("accent1", "primary"), ("accent2", "secondary"), ("accent3", "tertiary"), ("accent4", "dark"),
    ("accent5", "foreground"), ("accent6", "light"), ("hlink", "primary"), ("folHlink", "dark"),
)


@dataclass(frozen=True)
class Look:
    """A style's formatting in brand terms: sizes and spacing in em of the base size."""

    base: str | None = None
    font: str | None = None  # "body" or "heading"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    underline: bool | None = None
    color: str | None = None  # a brand colour name
    before: float | None = None
    after: float | None = None
    line: float | None = None
    indent: float | None = None
    keep_next: bool | None = None
    contextual: bool = False  # no spacing between paragraphs of this style, only around a run of them
    page_break: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    border: tuple[tuple[str, ...], str, int, int] | None = None  # sides, colour, eighths of a pt, gap in pt
    fill: str | None = None  # a brand colour name for paragraph shading
    hyphenate: bool | None = None  # False: never hyphenated, even with automatic hyphenation on
    superscript: bool | None = None
    keep_lines: bool | None = None


def paragraph_looks(brand: Brand, chapters_flow: bool, cover_photo: bool = False) -> dict[str, Look]:
    bold_headings = brand.heading_weight >= 600

    def heading(size: float, before: float, after: float, line: float = 1.2, **more) -> Look:
        return Look(font="heading", size=size, bold=bold_headings, italic=False, color="primary",
                    before=before, after=after, line=line, keep_next=True, **more)

    return {
        "Normal": Look(font="body", size=1, color="foreground", after=0.8, line=brand.line_height),
        "Heading 1": heading(2.3, FLOWING_HEADING_BEFORE if chapters_flow else 0, 0.7, page_break=not chapters_flow,
                             border=(("top",), "secondary", 24, 6)),
        "Heading 2": heading(1.35, 2.15, 0.7),
        "Heading 3": heading(1.12, 1.8, 0.55),
        "Heading 4": heading(1, 1.6, 0.5),
        TOC_HEADING: heading(2, 0, 1.2, page_break=False),
        # The cover title is not hyphenated, as in print.
        "Title": heading(3.2, 0, 1, line=1.05, page_break=False, hyphenate=False,
                         border=(("bottom",), "secondary", 36, 10)),
        "Subtitle": Look(size=1.25, italic=False, color="foreground", line=1.3, after=2),
        # The title stands a third down the cover; a cover photo under it takes that room instead.
        COVER_TYPE: Look(base="Normal", size=1.05, bold=True, caps=True, color="secondary",
                         before=4 if cover_photo else 15, after=0.6, keep_next=True),
        COVER_META: Look(base="Normal", size=1.15, after=0.3),
        COVER_PHOTO: Look(base="Normal", before=0.5, after=1.5, line=1, keep_next=True),
        COVER_EDITION: Look(base="Normal", size=1.05, bold=True, color="primary",
                            align=WD_ALIGN_PARAGRAPH.RIGHT),
        **{toc_style(level): _toc_look(level) for level in TOC_LEVELS},
        "Header": Look(size=0.76, color="primary"),
        "Footer": Look(size=0.76, color="foreground", align=WD_ALIGN_PARAGRAPH.RIGHT),
        "List Bullet": Look(after=0.9),
        "List Number": Look(after=0.9),
        **{continue_style(depth): Look(indent=LIST_INDENT_EM * (depth + 1), after=0.3)
           for depth in LIST_DEPTHS},
        "Quote": Look(italic=True, color="foreground", indent=1.2,
                      border=(("left",), "secondary", 18, 8)),
        # As in print: the caption small, its number ("Figur 3:") bold in the brand colour.
        "Caption": Look(size=0.88, bold=False, color="foreground", line=1.35, after=0.6, keep_next=True),
        LABEL: Look(base="Normal", size=0.8, bold=True, caps=True, color="secondary", after=0.3,
                    keep_next=True),
        TAGLINE: Look(base="Normal", size=1.12, italic=True, color="primary", after=0.7, keep_next=True),
        INTRO: Look(base="Normal", italic=True, keep_next=True),
        FOCUS_AREAS: Look(base="Normal", size=0.92, color="tertiary", after=0.4, keep_next=True),
        FIGURE: Look(base="Normal", before=0.6, after=1.2, line=1, keep_next=True, align=WD_ALIGN_PARAGRAPH.CENTER),
        # The author's pictures: the whole width from the left edge, their caption under them
        # (a narrower one stands centred, or beside the text in a frame: see _image).
        PICTURE: Look(base="Normal", before=0.6, after=0.4, line=1, keep_next=True, align=WD_ALIGN_PARAGRAPH.LEFT),
        NOTE: Look(base="Normal", italic=True),
        FLAG: Look(base="Normal", bold=True),
        TABLE_HEADER: Look(base="Normal", bold=True, color="background", after=0.2),
        VALUE: Look(base="Normal", indent=0.8, after=0.8, contextual=True,
                    border=(("top", "left", "bottom", "right"), "light", 4, 5), fill="light"),
        FACT_LABEL: Look(base="Normal", bold=True, color="primary", after=0.2),
        TABLE_TEXT: Look(base="Normal", after=0.3),
        COLOPHON_HEADING: heading(1.05, 0, 0.6, base="Normal", page_break=True),
        COLOPHON: Look(base="Normal", size=0.86, after=0.3),
        FOOTNOTE_TEXT: Look(base="Normal", size=0.8, after=0.2, line=1.2),
        # A fact box's title is bold text, not a heading: it stays out of the contents and the
        # navigation pane, as an aside should.
        FACT_BOX_TITLE: Look(base="Normal", font="heading", size=1.1, bold=bold_headings, color="primary",
                             after=0.4, keep_next=True),
        FACT_BOX_TEXT: Look(base="Normal", after=0.4),
        # Quote and source share indent and border, so Word draws one bar beside both.
        PULL_QUOTE: Look(base="Normal", font="heading", size=1.35, line=1.3, italic=False, color="primary",
                         before=1.2, after=0.3, indent=1.2, keep_next=True, keep_lines=True,
                         border=(("left",), "secondary", 24, 10)),
        PULL_QUOTE_SOURCE: Look(base="Normal", size=0.92, after=1.4, indent=1.2, keep_lines=True,
                                border=(("left",), "secondary", 24, 10)),
        # One paragraph per signer: the name (Strong) on one line, the title on the next; a name
        # is never hyphenated, as in print.
        SIGNATURE: Look(base="Normal", before=0.6, after=0.8, line=1.3, keep_lines=True, hyphenate=False),
        # Styles of their own for the reader to tell a kind by, looking as what they are based on.
        STATEMENT: Look(base=LIST_BULLET),
        PACKAGE_AUDIENCE: Look(base=LABEL),
    }


def _toc_look(level: int) -> Look:
    if level == 1:
        return Look(base="Normal", size=1.05, bold=True, color="primary", before=0.9, after=0.1)
    return Look(base="Normal", size=0.95, indent=1.2 * (level - 1), after=0.1)


CHARACTER_LOOKS = {
    "Strong": Look(bold=True),
    "Emphasis": Look(italic=True),
    HYPERLINK: Look(color="primary", underline=True),
    TERM: Look(base="Strong", color="primary"),
    FOOTNOTE_REFERENCE: Look(superscript=True, color="primary"),
    CAPTION_NUMBER: Look(bold=True, color="primary"),
}

# Word's own names and ids for the built-ins the template lacks, so Word treats them as its own.


def apply_brand(document: WordDocument, brand: Brand, text_width: Length, chapters_flow: bool,
                cover_photo: bool = False) -> None:
    _set_defaults(document, brand)
    styles = document.styles
    for name, look in paragraph_looks(brand, chapters_flow, cover_photo).items():
        _apply_look(styles, _style(styles, name, WD_STYLE_TYPE.PARAGRAPH), look, brand)
    for name, look in CHARACTER_LOOKS.items():
        _apply_look(styles, _style(styles, name, WD_STYLE_TYPE.CHARACTER), look, brand)
    styles["Normal"].paragraph_format.widow_control = True
    # The template's Subtitle carries a stray list level, and both cover styles letter-spacing.
    leftovers = (("Subtitle", "w:pPr/w:numPr"), ("Subtitle", "w:rPr/w:spacing"), ("Title", "w:rPr/w:spacing"))
    for name, path in leftovers:
        for leftover in styles[name].element.xpath(path):
            leftover.getparent().remove(leftover)
    for level in TOC_LEVELS:
        styles[toc_style(level)].paragraph_format.tab_stops.add_tab_stop(
            text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    colophon = styles[COLOPHON].paragraph_format
    colophon.tab_stops.add_tab_stop(COLOPHON_LABEL_WIDTH)
    colophon.left_indent, colophon.first_line_indent = COLOPHON_LABEL_WIDTH, -COLOPHON_LABEL_WIDTH
    _add_table_styles(document, brand)
    _brand_numbering(document, brand)
    _remove_theme_fonts(document)
    _brand_theme(document, brand)


def _style(styles, name: str, kind: WD_STYLE_TYPE):
    if name in styles:
        return styles[name]
    style = styles.add_style(name, kind, builtin=name in BUILTIN_STYLE_IDS)
    if name in BUILTIN_STYLE_IDS:
        style.style_id = BUILTIN_STYLE_IDS[name]
    return style


def _set_defaults(document: WordDocument, brand: Brand) -> None:
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), brand.body_font)
    r_pr.get_or_add_sz().val = _font_size(brand, 1)
    _set_complex_script_size(r_pr)
    r_pr.find(qn("w:lang")).set(qn("w:val"), "da-DK")


def _apply_look(styles, style, look: Look, brand: Brand) -> None:
    if look.base:
        style.base_style = styles[look.base]
    font = style.font
    if look.font:
        font.name = brand.heading_font if look.font == "heading" else brand.body_font
    if look.size is not None:
        font.size = _font_size(brand, look.size)
        _set_complex_script_size(style.element.get_or_add_rPr())
    for attribute in ("bold", "italic", "caps"):
        if getattr(look, attribute) is not None:
            setattr(font, "all_caps" if attribute == "caps" else attribute, getattr(look, attribute))
    if look.underline:
        font.underline = WD_UNDERLINE.SINGLE
    if look.color:
        font.color.rgb = _rgb(brand, look.color)
    if look.superscript is not None:
        font.superscript = look.superscript
    if style.type != WD_STYLE_TYPE.PARAGRAPH:
        return
    fmt = style.paragraph_format
    em = brand.base_size_pt
    if look.before is not None:
        fmt.space_before = Pt(look.before * em)
    if look.after is not None:
        fmt.space_after = Pt(look.after * em)
    if look.line is not None:
        fmt.line_spacing = look.line
    if look.indent is not None:
        fmt.left_indent = Pt(look.indent * em)
    if look.keep_next is not None:
        fmt.keep_with_next = look.keep_next
    if look.keep_lines is not None:
        fmt.keep_together = look.keep_lines
    if look.page_break is not None:
        fmt.page_break_before = look.page_break
    if look.align is not None:
        fmt.alignment = look.align
    p_pr = style.element.get_or_add_pPr()
    if look.contextual:
        insert_in_order(p_pr, OxmlElement("w:contextualSpacing"), PPR_ORDER)
    if look.hyphenate is False:
        insert_in_order(p_pr, OxmlElement("w:suppressAutoHyphens"), PPR_ORDER)
    if look.border:
        sides, color, size, space = look.border
        edges = "".join(f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" '
                        f'w:color="{_hex(brand, color)}"/>' for side in sides)
        insert_in_order(p_pr, parse_xml(f"<w:pBdr {nsdecls('w')}>{edges}</w:pBdr>"), PPR_ORDER)
    if look.fill:
        insert_in_order(p_pr, parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                                         f'w:fill="{_hex(brand, look.fill)}"/>'), PPR_ORDER)


def _add_table_styles(document: WordDocument, brand: Brand) -> None:
    def borders(*edges: tuple[tuple[str, ...], str, int]) -> str:
        return "<w:tblBorders>" + "".join(
            f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="{_hex(brand, color)}"/>'
            for sides, color, size in edges for side in sides) + "</w:tblBorders>"

    def cell_margins(vertical: int, horizontal: int) -> str:
        return (f'<w:tblCellMar><w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
                f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/></w:tblCellMar>')

    def shading(color: str) -> str:
        return f'<w:shd w:val="clear" w:color="auto" w:fill="{_hex(brand, color)}"/>'

    def conditional(kind: str, color: str) -> str:
        return f'<w:tblStylePr {nsdecls("w")} w:type="{kind}"><w:tcPr>{shading(color)}</w:tcPr></w:tblStylePr>'

    all_sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    margins = cell_margins(100, 120)
    # Header rows are shaded by the table style; their text is white by TABLE_HEADER.
    matrix_header, data_header = conditional("firstRow", "dark"), conditional("firstRow", "primary")
    # Every other body row tinted, so a row of figures can be followed across the table.
    banded_rows = conditional("band2Horz", "light")
    for name, table_borders, cell_margin, cell_fill, conditionals in (
        (FACT_TABLE, borders((("top", "bottom", "insideH"), "primary", 4)), margins, "", ()),
        (MATRIX_TABLE, borders((all_sides, "tertiary", 4)), margins, "", (matrix_header,)),
        (DATA_TABLE, borders((("bottom", "insideH"), "light", 6)), margins, "", (data_header, banded_rows)),
        # A tinted box under a rule in the brand colour, roomier inside than a table (as in print).
        (FACT_BOX, borders((("top",), "primary", 24)), cell_margins(200, 240), shading("light"), ()),
    ):
        style = _style(document.styles, name, WD_STYLE_TYPE.TABLE)
        style.base_style = document.styles["Normal Table"]
        style.paragraph_format.space_after = Pt(0.3 * brand.base_size_pt)
        style.element.append(parse_xml(f"<w:tblPr {nsdecls('w')}>{table_borders}{cell_margin}</w:tblPr>"))
        if cell_fill:
            style.element.append(parse_xml(f"<w:tcPr {nsdecls('w')}>{cell_fill}</w:tcPr>"))
        for element in conditionals:
            style.element.append(parse_xml(element))


def _brand_numbering(document: WordDocument, brand: Brand) -> None:
    """Make the templates' single-level list definitions multi-level, in brand colours.

    Nested lists then indent by list level (ilvl) instead of needing other styles.
    """
    step = round(LIST_INDENT_EM * brand.base_size_pt * 20)
    for style_name, fmt, texts, color, bold in (
        ("List Bullet", "bullet", lambda i: "•–"[i % 2], "secondary", False),
        ("List Number", "decimal", lambda i: f"%{i + 1}.", "primary", True),
    ):
        abstract = abstract_num(document, style_name)
        for old in abstract.findall(qn("w:lvl")):
            abstract.remove(old)
        abstract.find(qn("w:multiLevelType")).set(qn("w:val"), "multilevel")
        style_id = document.styles[style_name].style_id
        for level in range(9):
            link = f'<w:pStyle w:val="{style_id}"/>' if level == 0 else ""
            abstract.append(parse_xml(
                f'<w:lvl {nsdecls("w")} w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}'
                f'<w:lvlText w:val="{texts(level)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{step * (level + 1)}" w:hanging="{step}"/></w:pPr>'
                f'<w:rPr>{"<w:b/>" if bold else ""}<w:color w:val="{_hex(brand, color)}"/></w:rPr></w:lvl>'))


def _remove_theme_fonts(document: WordDocument) -> None:
    """Theme font references outrank rFonts names in Word, so they would hide the brand fonts."""
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for attribute in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        if not fonts.attrib:
            fonts.getparent().remove(fonts)


def _set_complex_script_size(r_pr) -> None:
    """w:szCs (the size of complex-script text) as w:sz, not the template's own value."""
    size = r_pr.find(qn("w:sz"))
    cs_size = r_pr.find(qn("w:szCs"))
    if cs_size is None:
        cs_size = OxmlElement("w:szCs")
        size.addnext(cs_size)
    cs_size.set(qn("w:val"), size.get(qn("w:val")))


def _brand_theme(document: WordDocument, brand: Brand) -> None:
    """The document theme in brand colours and fonts, instead of the template's Office theme.

    The styles name their fonts and colours outright; the theme is what Word offers next
    to them: the colour picker's theme colours and the "Headings"/"Body" fonts at the top of
    the font list, so text an editor adds in Word stays on brand.
    """
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.THEME)
    theme = etree.fromstring(part.blob)
    theme.set("name", brand.name)
    scheme = theme.find(f"{{{A_NS}}}themeElements/{{{A_NS}}}clrScheme")
    scheme.set("name", brand.name)
    for slot, color in THEME_COLOURS:
        element = scheme.find(f"{{{A_NS}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A_NS}}}srgbClr", val=_hex(brand, color))
    fonts = theme.find(f"{{{A_NS}}}themeElements/{{{A_NS}}}fontScheme")
    fonts.set("name", brand.name)
    for kind, family in (("majorFont", brand.heading_font), ("minorFont", brand.body_font)):
        fonts.find(f"{{{A_NS}}}{kind}/{{{A_NS}}}latin").set("typeface", family)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font_size(brand: Brand, em: float) -> Length:
    return Pt(round(brand.base_size_pt * em * 2) / 2)  # Word sizes fonts in half points


def _hex(brand: Brand, color: str) -> str:
    return _color_value(brand, color)[1:].upper()


def _rgb(brand: Brand, color: str) -> RGBColor:
    return RGBColor.from_string(_hex(brand, color))


def _color_value(brand: Brand, color: str) -> str:
    # Tertiary is optional in the brand; captions and meta text fall back to the text colour.
    if color == "tertiary" and color not in brand.colors:
        color = "foreground"
    return brand.color(color)




# The Word template's instructions to the author: small, italic, on a tinted ground with a bar,
# so they stand apart from the author's own text (the importer skips the style).
INSTRUCTION_LOOK = Look(base="Normal", size=0.9, italic=True, color="foreground", fill="light", after=0.5,
                        border=(("left",), "secondary", 18, 8))


def add_paragraph_style(document: WordDocument, brand: Brand, name: str, look: Look) -> None:
    """A paragraph style of the brand's looks beyond those every document has."""
    styles = document.styles
    _apply_look(styles, _style(styles, name, WD_STYLE_TYPE.PARAGRAPH), look, brand)
