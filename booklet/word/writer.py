"""DOCX writer: the publication as an editable Word document, built from the model.

The document is the PDF booklet's sibling: a cover in a section of its own, a table of
contents, one chapter per section and a colophon. Every block is marked with the styles
word/styles.py names for its kind (the map the Word reader reads by), and the brand lives in
those styles (word/looks.py), never on individual runs, so a municipality can restyle the
document in Word and every paragraph follows. Headings are exactly `structure.outline`, so
Word's navigation pane and TOC match the other formats' outlines.
"""
from __future__ import annotations

import functools
import io
import math
import string
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cairosvg
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENTATION, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from .. import structure
from ..fingerprint import source_fingerprint
from ..colophon import distinct_names, issued_by
from ..danish import LABELS, PUBLICATION_TYPE_NAMES, format_date, forum_label
from ..editions import FULL, MATRIX, Edition
from ..figures import Figure, figure_for
from ..status import status_mark
from ..model import (
    IMAGE_WIDTH_FRACTIONS, Block, CompetencyWheel, FactBox, FocusGrid, Foreword, Forum, Heading,
    House, Hub, Image, Inlines, LayerModel, LevelMatrix, LevelSlot, ListBlock, Note, PackageList, Paragraph,
    Publication, PullQuote, Quote, Section, StatementGroups, Table, Text, ThemeList, ValueList, plain_text,
)
from .fonts import embed_fonts
from .looks import CHARACTER_LOOKS, FLOWING_HEADING_BEFORE, apply_brand, paragraph_looks
from .notes import Footnotes, reference_run
from .ooxml import (
    PPR_ORDER, SETTINGS_ORDER, abstract_num, add_field, configure_settings, drop_revision_ids,
    drop_template_leftovers, drop_unused_definitions, field_end, field_start, insert_in_order, internal_link,
    keep_row_together, save_reproducibly, separate_from_a_table_before, set_core_properties, table_look,
)
from .pictures import add_picture, describe, flush
from .stamp import Stamp, stamp_document
from .styles import (
    CAPTION_NUMBER, COLOPHON, COLOPHON_HEADING, COVER_EDITION, COVER_META, COVER_PHOTO, COVER_TYPE,
    DATA_TABLE, FACT_BOX, FACT_BOX_TEXT, FACT_BOX_TITLE, FACT_LABEL, FACT_TABLE, FIGURE, FLAG, FOCUS_AREAS,
    INTRO, LABEL, LIST_BULLET, MARK_STYLES, MATRIX_TABLE, NOTE, PACKAGE_AUDIENCE, PICTURE, PULL_QUOTE,
    PULL_QUOTE_SOURCE, SIGNATURE, STATEMENT, TABLE_HEADER, TABLE_STYLES, TABLE_TEXT, TAGLINE, TERM, TOC_HEADING,
    VALUE, continue_style, figure_drawing, toc_style,
)


@dataclass(frozen=True)
class PageLayout:
    width: Length
    height: Length
    margins: tuple[Length, Length, Length, Length]  # top, right, bottom, left

    @property
    def text_width(self) -> Length:
        return Length(self.width - self.margins[1] - self.margins[3])

    @property
    def text_height(self) -> Length:
        return Length(self.height - self.margins[0] - self.margins[2])


# The print stylesheet's pages (styles/page-a4.css), so the DOCX paginates like the PDF:
# A4, and A4 landscape for the matrix edition's wide table.
PORTRAIT = PageLayout(Mm(210), Mm(297), (Mm(26), Mm(26), Mm(24), Mm(26)))
LANDSCAPE = PageLayout(Mm(297), Mm(210), (Mm(18), Mm(16), Mm(18), Mm(16)))
COVER_LOGO_WIDTH, COLOPHON_LOGO_WIDTH = Mm(62), Mm(48)
LOGO_DPI = FIGURE_DPI = 300
# No picture taller than this share of the text height, so a tall portrait stays on its page
# with its caption; the cover photo leaves room for the title under it.
MAX_PICTURE_HEIGHT_SHARE, MAX_COVER_PHOTO_HEIGHT = 0.7, Mm(100)
IMAGE_FLOAT_GAP_EM = 1.5  # between a picture beside the text and the text, as in print
# For telling whether text runs past a picture beside it: characters narrower than most are
# (so lines are undercounted), a caption of two lines, and a margin on top.
FLOAT_CHARACTER_WIDTH_EM, CAPTION_LINES, FLOAT_SAFETY = 0.42, 2.6, 1.15
# A scanned signature is set at the size of a hand-written one, whatever the scan's size.
SIGNATURE_SIZE = (Mm(45), Mm(18))
FORUM_LABEL_WIDTH, MATRIX_LABEL_WIDTH = Mm(40), Mm(32)
# Publication types whose chapters run on without a page break (a letter), as in print.css.
FLOWING_TYPES = ("strategibrev",)
# Columns of an author's table share the width by their longest text, within these bounds
# (in characters), so a column of figures is narrow and one of prose wide but never a sliver.
COLUMN_WEIGHT_BOUNDS = (6, 40)
WORD_CHARACTER_WIDTH_EM, CELL_MARGINS_PT = 0.6, 14  # a wide character, the cell's margins and a little
TABLE_SPACE_AFTER_EM = 1.2
COLUMN_ALIGNMENTS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "right": WD_ALIGN_PARAGRAPH.RIGHT}


class DocxWriter:
    format = "docx"

    def __init__(self, templates: Path, styles: Path):
        # The DOCX is built from the model alone; templates and stylesheets are HTML's.
        pass

    def write(self, publication: Publication, edition: Edition, target: Path, output_root: Path) -> None:
        layout = LANDSCAPE if edition.kind == MATRIX else PORTRAIT
        document = _DocumentBuilder(publication, edition, layout).build()
        save_reproducibly(document.save, target, publication.date)


def page_setup(section, layout: PageLayout) -> None:
    landscape = layout.width > layout.height
    section.orientation = WD_ORIENTATION.LANDSCAPE if landscape else WD_ORIENTATION.PORTRAIT
    section.page_width, section.page_height = layout.width, layout.height
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = layout.margins
    section.header_distance = section.footer_distance = Mm(12)


def _column_widths(table: Table, room: Length, em: float) -> tuple[Length, ...]:
    """The text width shared by the columns in proportion to their longest cell text; a column
    is never narrower than its longest word (a year span like "2016–2028" is not broken)."""
    low, high = COLUMN_WEIGHT_BOUNDS
    weights, least = [], []
    for column in range(len(table.header)):
        texts = [plain_text(row[column]) for row in (table.header, *table.rows)]
        weights.append(max(low, min(high, max(map(len, texts)))))
        longest_word = max((len(word) for text in texts for word in text.split()), default=0)
        least.append(Pt(longest_word * WORD_CHARACTER_WIDTH_EM * em + CELL_MARGINS_PT))
    widths = [room * weight / sum(weights) for weight in weights]
    narrow = {i for i, width in enumerate(widths) if width < least[i]}
    if narrow and sum(least[i] for i in narrow) < room:
        rest = room - sum(least[i] for i in narrow)
        rest_weight = sum(w for i, w in enumerate(weights) if i not in narrow)
        widths = [least[i] if i in narrow else rest * weights[i] / rest_weight for i in range(len(weights))]
    widths = [Length(int(width)) for width in widths]
    widths[-1] = Length(room - sum(widths[:-1]))  # rounding: the columns fill the width exactly
    return tuple(widths)


def _space_after_tables(body, em: float) -> None:
    """Room between a table (or a fact box) and the text after it: Word sets a paragraph right
    under a table; print has a margin there. Headings keep their own space above."""
    for table in body.findall(qn("w:tbl")):
        after = table.getnext()
        if after is None or after.tag != qn("w:p"):
            continue
        style = after.xpath("string(w:pPr/w:pStyle/@w:val)")
        if not style.startswith("Heading"):
            after.get_or_add_pPr().get_or_add_spacing().set(qn("w:before"), str(round(TABLE_SPACE_AFTER_EM * em * 20)))


@functools.lru_cache(maxsize=8)
def _logo_png(svg: bytes, width_px: int) -> bytes:
    return cairosvg.svg2png(bytestring=svg, output_width=width_px)


@functools.lru_cache(maxsize=16)
def _figure_png(figure: Figure) -> bytes:
    return figure.png(FIGURE_DPI)


# --- The document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where blocks go: the body or a table cell, and how they are styled there."""

    container: Any  # the document or a table cell: both add paragraphs and tables
    section: Section
    paragraph_style: str = "Normal"


class _DocumentBuilder:
    """Builds one publication's document; the state (numbering, bookmarks) is per document."""

    def __init__(self, publication: Publication, edition: Edition, layout: PageLayout):
        self.publication = publication
        self.edition = edition
        self.layout = layout
        self.brand = publication.brand
        self.chapters_flow = publication.type in FLOWING_TYPES
        self.cover_photo = publication.cover_image is not None
        self.doc = Document()
        self.numbering = self.doc.part.numbering_part.element
        self.bullets = self.doc.styles["List Bullet"].element.pPr.numPr.numId.val
        self.ordered = int(abstract_num(self.doc, "List Number").get(qn("w:abstractNumId")))
        # Hidden bookmarks (leading '_') for every outline heading, so TOC entries and
        # internal links can point at them; anchors contain '-', which Word's names may not.
        outline = structure.outline(publication)
        self.bookmarks = {entry.anchor: f"_Toc{index:06d}" for index, entry in enumerate(outline, start=1)}
        # Headings the table of contents leaves out (the level blocks' by default): Word builds its
        # TOC from the outline levels when it updates the field, so these are body text there, as
        # Word's own "Do Not Show in Table of Contents" marks them.
        listed = {entry.anchor for entry in structure.table_of_contents(publication)}
        self.outside_toc = {entry.anchor for entry in outline
                            if entry.level <= structure.TOC_DEPTH and entry.anchor not in listed}
        self.next_bookmark_id = 0
        self.numbers = structure.Numbering(publication)
        self.footnotes = Footnotes(self.doc)
        self.in_note = False
        self.following: tuple[Block, ...] = ()

    def build(self) -> WordDocument:
        apply_brand(self.doc, self.brand, self.layout.text_width, self.chapters_flow, self.cover_photo)
        configure_settings(self.doc)
        if embed_fonts(self.doc, self.brand):
            insert_in_order(self.doc.settings.element, OxmlElement("w:embedTrueTypeFonts"), SETTINGS_ORDER)
        set_core_properties(self.doc, self.publication)
        stamp_document(self.doc, Stamp(self.publication.id, self.edition.id, source_fingerprint(self.publication)))
        drop_template_leftovers(self.doc)
        page_setup(self.doc.sections[0], PORTRAIT)
        self._cover()
        self._running_section()
        self._table_of_contents()
        for index, section in enumerate(self.publication.sections):
            # Chapters that flow into each other still start on the page after the contents.
            self._page_break_switch(self._chapter(section), True if index == 0 else section.new_page)
        self._colophon()
        _space_after_tables(self.doc.element.body, self.brand.base_size_pt)
        footnote_properties = self.footnotes.properties()
        if footnote_properties is not None:
            insert_in_order(self.doc.settings.element, footnote_properties, SETTINGS_ORDER)
        brand_styles = {*paragraph_looks(self.brand, self.chapters_flow), *CHARACTER_LOOKS, *TABLE_STYLES}
        drop_unused_definitions(self.doc, brand_styles)
        drop_revision_ids(self.doc)
        self._status_mark()
        return self.doc

    def _status_mark(self) -> None:
        """A publication that is not approved says so at the top of every page and in the file's
        properties (Word's Status field), so a copy passed on is still known as a draft."""
        mark = status_mark(self.publication)
        if mark is None:
            return
        self.doc.core_properties.content_status = mark.name
        for index, section in enumerate(self.doc.sections):
            if index and section.header.is_linked_to_previous:
                continue  # shows the header of the section before, which has the mark
            section.header.is_linked_to_previous = False
            first = section.header.paragraphs[0]
            line = first.insert_paragraph_before(style="Header") if first.text else first
            line.add_run(mark.word, style="Strong")
            line.add_run(f" – {mark.banner}")

    # --- page furniture ---

    def _cover(self) -> None:
        pub, doc = self.publication, self.doc
        self._logo(doc.add_paragraph(), COVER_LOGO_WIDTH)
        if self.edition.kind != FULL:
            doc.add_paragraph(pub.edition_label, style=COVER_EDITION)
        doc.add_paragraph(PUBLICATION_TYPE_NAMES[pub.type], style=COVER_TYPE)
        doc.add_paragraph(pub.title, style="Title")
        if pub.subtitle:
            doc.add_paragraph(pub.subtitle, style="Subtitle")
        if pub.cover_image is not None:
            # The cover is an A4 portrait page in every edition, the matrix's landscape one too.
            add_picture(doc.add_paragraph(style=COVER_PHOTO).add_run(), pub.cover_image,
                        PORTRAIT.text_width, MAX_COVER_PHOTO_HEIGHT)
        meta = doc.add_paragraph(style=COVER_META)
        if len(distinct_names([pub.issuer, pub.organisation.name])) == 2:  # the organisation has its own line
            meta.add_run(pub.issuer, style="Strong")
            meta.add_run(" · ")
        meta.add_run(format_date(pub.date))
        doc.add_paragraph(pub.organisation.name, style=COVER_META)

    def _running_section(self) -> None:
        """The pages after the cover: running title in the header, 'Side N af M' in the footer."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        page_setup(section, self.layout)
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.style = "Header"
        header.add_run(self.publication.title)
        footer = section.footer.paragraphs[0]
        footer.style = "Footer"
        fields = {"page": "PAGE", "pages": "NUMPAGES"}
        for literal, name, _, _ in string.Formatter().parse(LABELS["page_of"]):
            if literal:
                footer.add_run(literal)
            if name:
                add_field(footer._p, fields[name])

    def _logo(self, paragraph: WordParagraph, width: Length) -> None:
        png = _logo_png(self.brand.logo_svg, round(width.inches * LOGO_DPI))
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width)
        flush(shape._inline)
        doc_pr = shape._inline.docPr
        doc_pr.set("name", "Logo")
        doc_pr.set("descr", self.publication.organisation.name)
        doc_pr.set("title", self.publication.organisation.name)

    def _table_of_contents(self) -> None:
        """A real TOC field, its result pre-filled so the contents show before Word updates it."""
        self.doc.add_paragraph(LABELS["contents"], style=TOC_HEADING)
        entries = structure.table_of_contents(self.publication)
        paragraphs = ([self._toc_entry(entry) for entry in entries]
                      or [self.doc.add_paragraph(style=toc_style(1))])
        instruction = f'TOC \\o "1-{structure.TOC_DEPTH}" \\h \\z \\u'
        for run in reversed(field_start(instruction)):
            paragraphs[0]._p.pPr.addnext(run)
        paragraphs[-1]._p.append(field_end())

    def _toc_entry(self, entry: structure.OutlineEntry) -> WordParagraph:
        paragraph = self.doc.add_paragraph(style=toc_style(entry.level))
        bookmark = self.bookmarks[entry.anchor]
        link = internal_link(bookmark)
        paragraph._p.append(link)
        Run(self._append_run(link), paragraph).text = entry.title
        Run(self._append_run(link), paragraph).add_tab()
        add_field(link, f"PAGEREF {bookmark} \\h")
        return paragraph

    def _colophon(self) -> None:
        pub, doc = self.publication, self.doc
        doc.add_paragraph(LABELS["colophon"], style=COLOPHON_HEADING)
        self._logo(doc.add_paragraph(style=COLOPHON), COLOPHON_LOGO_WIDTH)
        facts = [(LABELS["issued_by"], issued_by(pub)),
                 (LABELS["date"], format_date(pub.date))]
        if pub.organisation.contact:
            facts.append((LABELS["contact"], pub.organisation.contact))
        for label, value in facts:
            paragraph = doc.add_paragraph(style=COLOPHON)
            paragraph.add_run(label, style="Strong")
            paragraph.add_run("\t" + value)

    # --- blocks ---

    def _chapter(self, section: Section) -> WordParagraph:
        place = Place(self.doc, section)
        heading = self._heading_paragraph(place, 1, section.anchor)
        heading.add_run(section.title)
        self._blocks(section.blocks, place)
        return heading

    def _blocks(self, blocks: tuple[Block, ...], place: Place) -> None:
        for index, block in enumerate(blocks):
            self.following = blocks[index + 1:]  # what a picture may stand beside
            self.HANDLERS[block.kind](self, block, place)

    def _paragraph(self, block: Paragraph, place: Place) -> None:
        self._inlines(place.container.add_paragraph(style=place.paragraph_style), block.content)

    def _heading(self, block: Heading, place: Place) -> None:
        self._inlines(self._heading_paragraph(place, block.level, block.anchor), block.content)

    def _list(self, block: ListBlock, place: Place, depth: int = 0) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        num_id = self._restarted_numbering(depth, block.start) if block.ordered else self.bullets
        for item in block.items:
            for position, child in enumerate(item):
                if isinstance(child, ListBlock):
                    self._list(child, place, depth + 1)
                elif isinstance(child, Paragraph):
                    paragraph = (self._list_paragraph(place, style, num_id, depth) if position == 0
                                 else place.container.add_paragraph(style=continue_style(depth)))
                    self._inlines(paragraph, child.content)
                else:
                    self._blocks((child,), place)

    def _quote(self, block: Quote, place: Place) -> None:
        self._blocks(block.blocks, replace(place, paragraph_style="Quote"))

    def _values(self, block: ValueList, place: Place) -> None:
        for value in block.values:
            paragraph = place.container.add_paragraph(style=VALUE)
            paragraph.add_run(value.name, style=TERM)
            paragraph.add_run(" – ")
            self._inlines(paragraph, value.text)

    def _forum(self, block: Forum, place: Place) -> None:
        self._titled(place, structure.FORUM_LEVEL, block.name, block.anchor)
        self._blocks(block.intro, place)
        parts = block.parts
        if not parts:
            return
        widths = (FORUM_LABEL_WIDTH, Length(self.layout.text_width - FORUM_LABEL_WIDTH))
        table = self._table(place, len(parts), FACT_TABLE, widths)
        for row, (part, blocks) in zip(table.rows, parts):
            label_cell, content_cell = row.cells
            label_cell.paragraphs[0].style = FACT_LABEL
            label_cell.paragraphs[0].add_run(forum_label(part))
            with self._in_cell(content_cell, place) as cell_place:
                self._blocks(blocks, cell_place)

    def _themes(self, block: ThemeList, place: Place) -> None:
        self._figure(block, place)
        for theme in block.themes:
            title = structure.theme_title(theme.number, theme.title)
            self._titled(place, structure.THEME_LEVEL, title, theme.anchor)
            self._blocks(theme.intro, place)
            for sub in theme.subthemes:
                self._titled(place, structure.SUBTHEME_LEVEL, sub.title, sub.anchor)
                if sub.tagline:
                    self._inlines(place.container.add_paragraph(style=TAGLINE), sub.tagline)
                self._blocks(sub.body, place)

    def _competencies(self, block: CompetencyWheel, place: Place) -> None:
        self._figure(block, place)
        for competency in block.competencies:
            self._titled(place, structure.COMPETENCY_LEVEL,
                         structure.competency_title(competency.number, competency.name), competency.anchor)
            # Focus areas and pejlemærker are told apart, each on its own line, as the source does.
            for label, names in (("focus_areas", competency.focus_areas), ("landmarks", competency.landmarks)):
                if names:
                    paragraph = place.container.add_paragraph(style=FOCUS_AREAS)
                    paragraph.add_run(f"{LABELS[label]}:", style="Strong")
                    paragraph.add_run(" " + ", ".join(names))
            if competency.intro:
                self._inlines(place.container.add_paragraph(style=INTRO), competency.intro)
            self._bullets(place, competency.bullets)

    def _packages(self, block: PackageList, place: Place) -> None:
        for package in block.packages:
            self._titled(place, structure.PACKAGE_LEVEL, package.title, package.anchor)
            # Only a function's package is marked: one for everyone says so in its own words
            # ("Basispakke for alle ledere"), and an offer for single leaders is for no function.
            if package.function:
                place.container.add_paragraph(LABELS["for_function"].format(role=package.function.in_sentence),
                                              style=PACKAGE_AUDIENCE)
            self._blocks(package.intro, place)
            self._bullets(place, package.items)

    def _statement_groups(self, block: StatementGroups, place: Place) -> None:
        for group in block.groups:
            self._titled(place, structure.STATEMENT_GROUP_LEVEL, group.title, group.anchor)
            self._bullets(place, group.statements, STATEMENT)

    def _focus_grid(self, block: FocusGrid, place: Place) -> None:
        self._figure(block, place)
        for area in block.areas:
            paragraph = place.container.add_paragraph(style=place.paragraph_style)
            paragraph.add_run(area.name, style=TERM).add_break()
            self._inlines(paragraph, area.text)

    def _layers(self, block: LayerModel, place: Place) -> None:
        self._figure(block, place)
        for layer in block.layers:
            paragraph = place.container.add_paragraph(style=place.paragraph_style)
            paragraph.add_run(layer.name, style=TERM)
            if layer.text:
                paragraph.add_run(": ")
                self._inlines(paragraph, layer.text)
            self._bullets(place, layer.items)

    def _figure(self, block: Block, place: Place) -> None:
        """The block's figure as a 300 dpi picture, described by the figure's alt text, drawn
        for the room it is placed in (at its drawn size, or narrower where the room is)."""
        room = place.container.width if isinstance(place.container, _Cell) else self.layout.text_width
        figure = figure_for(block, self.brand, room.pt)
        width = min(Pt(figure.width), room)
        paragraph = place.container.add_paragraph(style=FIGURE)
        shape = paragraph.add_run().add_picture(io.BytesIO(_figure_png(figure)), width=width)
        flush(shape._inline)
        describe(shape._inline.docPr, figure_drawing(block.kind), figure.alt)  # named for its kind
        number = self.numbers.figure(block)
        if number is not None:
            name = LABELS[f"figure_caption_{block.kind}"].format_map(vars(block))
            caption = self._caption(place.container, "figure_number", number, (Text(name),))
            caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER  # under the centred drawing

    def _level_slot(self, block: LevelSlot, place: Place) -> None:
        self._titled(place, structure.SLOT_LEVEL, structure.slot_title(block),
                     structure.slot_anchor(place.section, block))
        self._slot_body(block, place)

    def _level_matrix(self, block: LevelMatrix, place: Place) -> None:
        # The matrix's title: in the caption's number look, as the web and print editions show it.
        place.container.add_paragraph(style="Caption").add_run(LABELS["matrix_caption"], style=CAPTION_NUMBER)
        role_width = Length((self.layout.text_width - MATRIX_LABEL_WIDTH) // len(block.roles))
        widths = (MATRIX_LABEL_WIDTH,) + (role_width,) * len(block.roles)
        table = self._table(place, len(block.rows) + 1, MATRIX_TABLE, widths,
                            header=True, caption=LABELS["matrix_caption"])
        titles = [LABELS["matrix_section"]] + [role.name for role in block.roles]
        for cell, title in zip(table.rows[0].cells, titles):
            cell.paragraphs[0].style = TABLE_HEADER
            cell.paragraphs[0].add_run(title)
        for row, matrix_row in zip(table.rows[1:], block.rows):
            row.cells[0].paragraphs[0].style = FACT_LABEL
            row.cells[0].paragraphs[0].add_run(matrix_row.title)
            for cell, slot in zip(row.cells[1:], matrix_row.cells):
                with self._in_cell(cell, place) as cell_place:
                    self._slot_body(slot, cell_place)

    def _image(self, block: Image, place: Place, beside: tuple[Block, ...] | None = None) -> None:
        """The author's photo or illustration at its chosen share of the width, then its caption.

        A picture narrower than the text stands at the right with the text after it running
        beside it, as in print and on the web: picture and caption are one Word frame (paragraphs
        with the same w:framePr), so they float together and stay ordinary paragraphs. Word has
        no "clear" for a frame, so a picture floats only where the paragraphs after it (`beside`,
        by default the blocks that follow) are long enough to pass it before a heading or a box."""
        width = Length(round(self._room(place) * IMAGE_WIDTH_FRACTIONS[block.width]))
        max_height = Length(round(self.layout.text_height * MAX_PICTURE_HEIGHT_SHARE))
        picture = place.container.add_paragraph(style=PICTURE)
        width, height = add_picture(picture.add_run(), block, width, max_height)
        paragraphs = [picture]
        number = self.numbers.figure(block)
        if number is not None:
            paragraphs.append(self._caption(place.container, "figure_number", number, block.caption))
        em = self.brand.base_size_pt
        gap = Pt(IMAGE_FLOAT_GAP_EM * em)
        caption_height = Pt(CAPTION_LINES * em if number is not None else 0)
        beside = self.following if beside is None else beside
        if block.width == "hel":
            return
        if (isinstance(place.container, _Cell)
                or not self._text_passes(beside, Length(self._room(place) - width - gap), Length(height + caption_height))):
            # Centred on its own line, as print and the web set a narrow picture that stands alone.
            for paragraph in paragraphs:
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            return
        for paragraph in paragraphs:
            insert_in_order(paragraph._p.get_or_add_pPr(), parse_xml(
                f'<w:framePr {nsdecls("w")} w:w="{round(width.twips)}" w:hSpace="{round(gap.twips)}" '
                'w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="right" w:y="1"/>'), PPR_ORDER)

    def _text_passes(self, blocks: tuple[Block, ...], width: Length, height: Length) -> bool:
        """Whether the paragraphs at the start of `blocks`, set `width` wide, surely run past
        `height`: counted generously in characters a line, so a doubtful case stays unfloated."""
        em = self.brand.base_size_pt
        characters_a_line = width.pt / (FLOAT_CHARACTER_WIDTH_EM * em)
        covered = 0.0
        for block in blocks:
            if not isinstance(block, Paragraph):
                break
            lines = math.ceil(len(plain_text(block.content)) / characters_a_line)
            covered += lines * em * self.brand.line_height + 0.8 * em  # Normal's space after
            if covered >= FLOAT_SAFETY * height.pt:
                return True
        return False

    def _data_table(self, block: Table, place: Place) -> None:
        """The author's table: caption above (as tables are captioned), header row repeated."""
        number = self.numbers.table(block)
        if number is not None:
            self._caption(place.container, "table_number", number, block.caption)
        widths = _column_widths(block, self._room(place), self.brand.base_size_pt)
        # The table's title for screen readers (Word's alt-text "Title"): its caption, or its columns.
        title = plain_text(block.caption) or LABELS["table_named_by_columns"].format(
            columns=", ".join(plain_text(cell) for cell in block.header))
        table = self._table(place, len(block.rows) + 1, DATA_TABLE, widths, header=True, caption=title)
        table_look(table, first_column=False)  # a GFM table has a header row, not a header column
        for row, cells, style in zip(table.rows, (block.header, *block.rows),
                                     (TABLE_HEADER, *[TABLE_TEXT] * len(block.rows))):
            for cell, content, alignment in zip(row.cells, cells, block.alignments):
                paragraph = cell.paragraphs[0]
                paragraph.style = style
                if alignment:
                    paragraph.paragraph_format.alignment = COLUMN_ALIGNMENTS[alignment]
                self._inlines(paragraph, content)

    def _foreword(self, block: Foreword, place: Place) -> None:
        if block.portrait is not None:
            self._image(block.portrait, place, beside=block.blocks)
        self._blocks(block.blocks, place)
        for signer in block.signers:
            # One paragraph a signer, kept together: (signature,) name in bold, title under it.
            paragraph = place.container.add_paragraph(style=SIGNATURE)
            if signer.signature is not None:
                run = paragraph.add_run()
                add_picture(run, signer.signature, *SIGNATURE_SIZE)
                run.add_break()
            paragraph.add_run(signer.name, style="Strong").add_break()
            paragraph.add_run(signer.title)

    def _fact_box(self, block: FactBox, place: Place) -> None:
        """A one-cell table in the fact box's table style: tinted, with a bar on the left."""
        table = self._table(place, 1, FACT_BOX, (self._room(place),), caption=block.title)
        table_look(table, first_row=False, first_column=False)  # the title is the box's own, not a header
        cell = table.rows[0].cells[0]
        cell.paragraphs[0].style = FACT_BOX_TITLE
        cell.paragraphs[0].add_run(block.title)
        self._blocks(block.blocks, replace(place, container=cell, paragraph_style=FACT_BOX_TEXT))

    def _pull_quote(self, block: PullQuote, place: Place) -> None:
        paragraph = place.container.add_paragraph(style=PULL_QUOTE)
        paragraph.add_run(LABELS["quote_open"])
        self._inlines(paragraph, block.text)
        paragraph.add_run(LABELS["quote_close"])
        # The en dash before the source, as the printed and web editions set it.
        place.container.add_paragraph(f"– {block.source}", style=PULL_QUOTE_SOURCE)

    HANDLERS = {
        Paragraph.kind: _paragraph,
        Heading.kind: _heading,
        ListBlock.kind: _list,
        Quote.kind: _quote,
        ValueList.kind: _values,
        Forum.kind: _forum,
        ThemeList.kind: _themes,
        CompetencyWheel.kind: _competencies,
        PackageList.kind: _packages,
        StatementGroups.kind: _statement_groups,
        FocusGrid.kind: _focus_grid,
        Hub.kind: _figure,  # a centre and what is around it are told by the figure alone
        LayerModel.kind: _layers,
        House.kind: _figure,
        LevelSlot.kind: _level_slot,
        LevelMatrix.kind: _level_matrix,
        Image.kind: _image,
        Table.kind: _data_table,
        Foreword.kind: _foreword,
        FactBox.kind: _fact_box,
        PullQuote.kind: _pull_quote,
    }

    # --- block helpers ---

    def _heading_paragraph(self, place: Place, level: int, anchor: str) -> WordParagraph:
        paragraph = place.container.add_paragraph(style=f"Heading {level}")
        name = self.bookmarks.get(anchor)
        if name is None:
            # A heading inside a level's block in the matrix edition's table: the outline (and so
            # the TOC) does not reach into the table, and nothing links to it.
            return paragraph
        bookmark_id = str(self.next_bookmark_id)
        self.next_bookmark_id += 1
        if anchor in self.outside_toc:
            insert_in_order(paragraph._p.get_or_add_pPr(), OxmlElement("w:outlineLvl", {qn("w:val"): "9"}), PPR_ORDER)
        paragraph._p.append(OxmlElement("w:bookmarkStart", {qn("w:id"): bookmark_id, qn("w:name"): name}))
        paragraph._p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): bookmark_id}))
        return paragraph

    def _page_break_switch(self, heading: WordParagraph, new_page: bool | None) -> None:
        """A chapter that starts a page, or flows on, against its publication type's habit."""
        breaks_by_style = not self.chapters_flow
        if new_page is None or new_page == breaks_by_style:
            return
        fmt = heading.paragraph_format
        fmt.page_break_before = new_page
        # The space above a chapter heading that flows on; none at the top of a page.
        fmt.space_before = Pt(0 if new_page else FLOWING_HEADING_BEFORE * self.brand.base_size_pt)

    def _room(self, place: Place) -> Length:
        return place.container.width if isinstance(place.container, _Cell) else self.layout.text_width

    def _caption(self, container, label: str, number: int, caption: Inlines) -> WordParagraph:
        """"Figur 3: ..." in Word's Caption style, the number a SEQ field named by the label's word
        as Word's own captions have it, so an editor can insert a figure and update the numbers."""
        before, after = LABELS[label].split("{number}")
        paragraph = container.add_paragraph(style="Caption")
        paragraph.add_run(before, style=CAPTION_NUMBER)
        # Every run of the field in the number's style: LibreOffice shows the number it computes
        # in the style of the field's first run, Word in that of the cached result.
        style_id = self.doc.styles[CAPTION_NUMBER].style_id
        result = parse_xml(f'<w:r {nsdecls("w")}><w:t>{number}</w:t></w:r>')
        for run in [*field_start(f"SEQ {before.strip()} \\* ARABIC"), result, field_end()]:
            run.insert(0, parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="{style_id}"/></w:rPr>'))
            paragraph._p.append(run)
        paragraph.add_run(after, style=CAPTION_NUMBER)
        paragraph.add_run(" ")
        self._inlines(paragraph, caption)
        return paragraph

    def _footnote(self, note: Note):
        """A Word footnote holding the note's text; returns the reference run for the text."""
        if self.in_note:
            raise TypeError("a note inside a note has no DOCX")
        note_id, story = self.footnotes.add()
        self.in_note = True
        try:
            for block in note.blocks or (Paragraph(()),):
                self._note_block(story, block)
        finally:
            self.in_note = False
        return reference_run(note_id)

    def _note_block(self, story, block: Block, prefix: str = "") -> None:
        if isinstance(block, Paragraph):
            paragraph = story.add_paragraph()
            if prefix:
                paragraph.add_run(prefix)
            self._inlines(paragraph, block.content)
        elif isinstance(block, ListBlock):
            # A note's text is one style; a list in it keeps its markers as text.
            for number, item in enumerate(block.items, start=1):
                marker = f"{number}. " if block.ordered else "• "
                for position, child in enumerate(item):
                    self._note_block(story, child, prefix + (marker if position == 0 else ""))
        elif isinstance(block, Quote):
            for child in block.blocks:
                self._note_block(story, child, prefix)
        else:
            raise TypeError(f"no DOCX for block kind {block.kind!r} in a note")

    def _titled(self, place: Place, level: int, title: str, anchor: str) -> None:
        self._heading_paragraph(place, level, anchor).add_run(title)

    def _slot_body(self, slot: LevelSlot, place: Place) -> None:
        if slot.example:
            place.container.add_paragraph(LABELS["example"], style=LABEL)
        if slot.missing:
            place.container.add_paragraph(
                LABELS["missing_concretisation"].format(role=slot.role.in_sentence), style=FLAG)
        elif slot.is_explicitly_empty:
            place.container.add_paragraph(LABELS["no_concretisation"].format(role=slot.role.name), style=NOTE)
        else:
            self._blocks(slot.blocks, place)

    def _bullets(self, place: Place, items: tuple[Inlines, ...], style: str = LIST_BULLET) -> None:
        for item in items:
            self._inlines(self._list_paragraph(place, style, self.bullets, 0), item)

    def _list_paragraph(self, place: Place, style: str, num_id: int, depth: int) -> WordParagraph:
        paragraph = place.container.add_paragraph(style=style)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = depth
        num_pr.get_or_add_numId().val = num_id
        return paragraph

    def _restarted_numbering(self, depth: int, start: int = 1) -> int:
        """A numbering instance of its own, so each ordered list counts from its own first number."""
        num = self.numbering.add_num(self.ordered)
        num.add_lvlOverride(ilvl=depth).add_startOverride(start)
        return num.numId

    def _table(self, place: Place, rows: int, style: str, widths: tuple[Length, ...],
               header: bool = False, caption: str | None = None):
        separate_from_a_table_before(place.container)
        table = place.container.add_table(rows, len(widths))
        table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        # As wide as its columns (the text width, or the cell it is in), not Word's "auto".
        table_width = table._tbl.tblPr.find(qn("w:tblW"))
        if table_width is not None:
            table_width.set(qn("w:w"), str(round(Length(sum(widths)).twips)))
            table_width.set(qn("w:type"), "dxa")
        for column, width in zip(table.columns, widths):
            column.width = width
            for cell in column.cells:
                cell.width = width
        for row in table.rows:
            keep_row_together(row)
        if header:
            # Repeated on every page the table runs over, and read as headers by screen readers.
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        if caption:
            table._tbl.tblPr.append(OxmlElement("w:tblCaption", {qn("w:val"): caption}))
        return table

    @staticmethod
    @contextmanager
    def _in_cell(cell, place: Place) -> Iterator[Place]:
        """The place inside a cell; afterwards drops the empty paragraph every new cell starts with."""
        placeholder = cell.paragraphs[0]._p
        yield replace(place, container=cell, paragraph_style=TABLE_TEXT)
        if placeholder.getnext() is not None:
            cell._tc.remove(placeholder)

    # --- inline content ---

    def _inlines(self, paragraph: WordParagraph, nodes: Inlines, parent=None,
                 marks: frozenset = frozenset()) -> None:
        """Runs for inline content; `parent` is the paragraph or a hyperlink inside it."""
        parent = paragraph._p if parent is None else parent
        for node in nodes:
            if node.kind == "text":
                # A line end inside a Markdown paragraph is a space (python-docx would make it a break).
                self._run(paragraph, parent, marks).text = node.text.replace("\n", " ")
            elif node.kind == "linebreak":
                self._run(paragraph, parent, marks).add_break()
            elif node.kind in ("strong", "emphasis"):
                self._inlines(paragraph, node.children, parent, marks | {node.kind})
            elif node.kind == "link":
                link = self._hyperlink(paragraph, node.target)
                if link is None:
                    self._inlines(paragraph, node.children, parent, marks)
                else:
                    parent.append(link)
                    self._inlines(paragraph, node.children, link, marks | {"link"})
            elif node.kind == "note":
                parent.append(self._footnote(node))
            else:
                raise TypeError(f"no DOCX for inline kind {node.kind!r}")

    def _run(self, paragraph: WordParagraph, parent, marks: frozenset) -> Run:
        run = Run(self._append_run(parent), paragraph)
        style = self._character_style(marks)
        if style:
            run.style = style
        return run

    @staticmethod
    def _append_run(parent):
        run = OxmlElement("w:r")
        parent.append(run)
        return run

    def _character_style(self, marks: frozenset) -> str | None:
        """The character style for a mix of marks; mixes get a combined style made on first use."""
        names = [name for mark, name in MARK_STYLES if mark in marks]
        if len(names) <= 1:
            return names[0] if names else None
        combined = " ".join(names)
        styles = self.doc.styles
        if combined not in styles:
            style = styles.add_style(combined, WD_STYLE_TYPE.CHARACTER)
            style.base_style = styles[names[-1]]
            style.font.bold = True if "strong" in marks else None
            style.font.italic = True if "emphasis" in marks else None
        return combined

    def _hyperlink(self, paragraph: WordParagraph, target: str):
        """A w:hyperlink for the target, or None for an anchor outside the outline."""
        if target.startswith("#"):
            bookmark = self.bookmarks.get(target[1:])
            return None if bookmark is None else internal_link(bookmark)
        r_id = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
        return OxmlElement("w:hyperlink", {qn("r:id"): r_id, qn("w:history"): "1"})

