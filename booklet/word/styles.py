"""The style map: every Word style name the DOCX writer sets and the Word reader recognises.

One table for both sides, as Pandoc's docx writer and reader share one: the writer marks each
block kind and each component field with the styles named here, and the reader recognises the
kind from those styles alone, so a new kind cannot be written without being read. The looks of
these styles (fonts, sizes, colours from the brand) are word/looks.py's.

Custom styles are named here; the rest are Word's built-ins (Normal, Heading N, Title, Quote
...), written under their English names, which Word shows in the user's language.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .. import structure
from ..danish import LABELS

# --- Word's built-ins --------------------------------------------------------------------

NORMAL, TITLE, SUBTITLE = "Normal", "Title", "Subtitle"
QUOTE, CAPTION = "Quote", "Caption"
LIST_BULLET, LIST_NUMBER = "List Bullet", "List Number"
HEADER, FOOTER = "Header", "Footer"
STRONG, EMPHASIS, HYPERLINK = "Strong", "Emphasis", "Hyperlink"
SIGNATURE = "Signature"  # Word's built-in ("Underskrift" in Danish Word)
NORMAL_TABLE = "Normal Table"
# Word's built-in names and ids, so Word (and LibreOffice, which maps them to its own
# "Footnote" styles) treats the styles as the footnote styles they are.
FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "footnote text", "footnote reference"
FOOTNOTE_STYLE_IDS = {FOOTNOTE_TEXT: "FootnoteText", FOOTNOTE_REFERENCE: "FootnoteReference"}
HEADING_LEVELS = range(1, 7)


def heading_style(level: int) -> str:
    return f"Heading {level}"


def toc_style(level: int) -> str:
    return f"toc {level}"


def continue_style(depth: int) -> str:
    """A list item's second and later paragraphs, indented as the item at `depth` (0: top)."""
    return "List Continue" if depth == 0 else f"List Continue {min(depth, 2) + 1}"


LIST_DEPTHS = range(3)  # depths with a continue style of their own; deeper ones share the last
TOC_LEVELS = range(1, structure.TOC_DEPTH + 1)

# --- Custom styles -----------------------------------------------------------------------

COVER_TYPE, COVER_META, COVER_EDITION = "Cover Type", "Cover Meta", "Cover Edition"
LABEL, TAGLINE, INTRO, FOCUS_AREAS = "Label", "Tagline", "Intro", "Focus Areas"
FIGURE, COVER_PHOTO = "Figure", "Cover Photo"
PICTURE, CAPTION_NUMBER = "Billede", "Billedtekstnummer"  # the author's pictures; "Figur 3:" in a caption
NOTE, FLAG = "Note", "Flag"
VALUE, TERM = "Value", "Term"
FACT_TABLE, FACT_LABEL = "Fact Table", "Fact Label"
MATRIX_TABLE, TABLE_HEADER, TABLE_TEXT = "Matrix Table", "Table Header", "Table Text"
COLOPHON_HEADING, COLOPHON = "Colophon Heading", "Colophon"
TOC_HEADING = "TOC Heading"
# The author's tables and boxes. Named in Danish: these are the styles an editor picks by name
# when adding a table, a fact box or a quote of their own.
DATA_TABLE = "Datatabel"
FACT_BOX, FACT_BOX_TITLE, FACT_BOX_TEXT = "Faktaboks", "Faktaboks titel", "Faktaboks tekst"
# Not "Citat": Danish Word shows its built-in Quote style under that name.
PULL_QUOTE, PULL_QUOTE_SOURCE = "Fremhævet citat", "Citatkilde"
# A statement group's statements: bullets in a style of their own (based on List Bullet), so a
# reader tells a statement group from a heading followed by a list.
STATEMENT = "Udsagn"
# Whom a development package is for ("For alle ledere"): a label of its own (based on Label), so
# a reader tells a package from a level's example label.
PACKAGE_AUDIENCE = "Målgruppe"
TABLE_STYLES = (FACT_TABLE, MATRIX_TABLE, DATA_TABLE, FACT_BOX)

# Inline marks and the character style carrying each, in the order combined names use.
MARK_STYLES = (("strong", STRONG), ("emphasis", EMPHASIS), ("link", HYPERLINK))

# Word's own names and ids for the built-ins the template lacks, so Word treats them as its own.
BUILTIN_STYLE_IDS = {HYPERLINK: HYPERLINK, SIGNATURE: SIGNATURE, **FOOTNOTE_STYLE_IDS,
                     **{toc_style(level): f"TOC{level}" for level in TOC_LEVELS}}

# Paragraph styles the template's instructions to the author are in: the importer skips them.
INSTRUCTION = "Vejledning"
# A drawn figure's picture is named for its kind (wp:docPr/@name), so a reader tells the
# kinds drawn as a figure apart; the name shows in Word's selection pane.
FIGURE_DRAWING_PREFIX = f"{LABELS['figure']}: "


def figure_drawing(kind: str) -> str:
    return f"{FIGURE_DRAWING_PREFIX}{kind}"


# Page furniture the writer makes from the publication's metadata, not from its blocks: a
# reader skips paragraphs in these styles (and the template's instructions).
FURNITURE = (TITLE, SUBTITLE, COVER_TYPE, COVER_META, COVER_EDITION, COVER_PHOTO, TOC_HEADING,
             *(toc_style(level) for level in TOC_LEVELS), HEADER, FOOTER, COLOPHON_HEADING, COLOPHON)
SKIPPED = (*FURNITURE, INSTRUCTION)

# --- Block kinds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KindStyles:
    """How one block kind (model.BLOCK_KINDS) is marked in Word.

    `marks`: the styles whose presence tells this kind from every other; a kind is recognised
    by any one of them (a paragraph or table style, a drawing name from `figure_drawing`, or a
    heading whose text is `title` filled in). `fields`: the style of each of its fields
    (component field -> style), so a reader puts text back where it came from. `headings`:
    the heading level of each field that is written as a heading (its title), as structure.py
    decides them for every format."""

    marks: tuple[str, ...]
    fields: Mapping[str, str] = field(default_factory=dict)
    headings: Mapping[str, int] = field(default_factory=dict)
    title: str = ""  # a LABELS text the marking heading carries: "Konkretisering for {role}"

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))
        object.__setattr__(self, "headings", MappingProxyType(dict(self.headings)))


def _figure(kind: str, **more) -> KindStyles:
    marks = (figure_drawing(kind), *more.pop("marks", ()))
    return KindStyles(marks=marks, fields={"figure": FIGURE, "caption": CAPTION, **more.pop("fields", {})}, **more)


# The map, per block kind: what the writer marks it with and the reader recognises it by.
BLOCK_STYLES: Mapping[str, KindStyles] = MappingProxyType({
    "paragraph": KindStyles(marks=(NORMAL,)),
    # Heading 1 is a section's title; a block's own headings are the levels under it.
    "heading": KindStyles(marks=tuple(heading_style(level) for level in HEADING_LEVELS[1:])),
    "list": KindStyles(marks=(LIST_BULLET, LIST_NUMBER),
                       fields={"items": LIST_BULLET, "ordered items": LIST_NUMBER,
                               **{f"more paragraphs at depth {depth}": continue_style(depth)
                                  for depth in LIST_DEPTHS}}),
    "quote": KindStyles(marks=(QUOTE,)),
    "image": KindStyles(marks=(PICTURE,), fields={"file": PICTURE, "caption": CAPTION,
                                                  "number": CAPTION_NUMBER}),
    "table": KindStyles(marks=(DATA_TABLE,), fields={"header": TABLE_HEADER, "rows": TABLE_TEXT,
                                                     "caption": CAPTION, "number": CAPTION_NUMBER}),
    # A foreword's portrait is an image (the image kind's styles), its text paragraphs.
    "foreword": KindStyles(marks=(SIGNATURE,), fields={"signers": SIGNATURE, "signer name": STRONG,
                                                       "blocks": NORMAL}),
    "fact_box": KindStyles(marks=(FACT_BOX, FACT_BOX_TITLE), fields={"title": FACT_BOX_TITLE,
                                                                     "blocks": FACT_BOX_TEXT}),
    "pull_quote": KindStyles(marks=(PULL_QUOTE,), fields={"text": PULL_QUOTE, "source": PULL_QUOTE_SOURCE}),
    "values": KindStyles(marks=(VALUE,), fields={"name": TERM, "text": VALUE}),
    "forum": KindStyles(marks=(FACT_TABLE,), fields={"intro": NORMAL, "part label": FACT_LABEL,
                                                     "part text": TABLE_TEXT},
                        headings={"name": structure.FORUM_LEVEL}),
    "themes": _figure("themes", marks=(TAGLINE,), fields={"subthemes.tagline": TAGLINE, "intro": NORMAL},
                      headings={"title": structure.THEME_LEVEL, "subthemes.title": structure.SUBTHEME_LEVEL}),
    "competency_wheel": _figure("competency_wheel", marks=(FOCUS_AREAS, INTRO),
                                fields={"focus_areas": FOCUS_AREAS, "intro": INTRO, "bullets": LIST_BULLET},
                                headings={"name": structure.COMPETENCY_LEVEL}),
    "packages": KindStyles(marks=(PACKAGE_AUDIENCE,), fields={"function": PACKAGE_AUDIENCE, "intro": NORMAL, "items": LIST_BULLET},
                           headings={"title": structure.PACKAGE_LEVEL}),
    "statement_groups": KindStyles(marks=(STATEMENT,), fields={"statements": STATEMENT},
                                   headings={"title": structure.STATEMENT_GROUP_LEVEL}),
    "focus_grid": _figure("focus_grid", fields={"name": TERM, "text": NORMAL}),
    "hub": _figure("hub"),
    "layers": _figure("layers", fields={"name": TERM, "text": NORMAL, "items": LIST_BULLET}),
    "house": _figure("house"),
    # A level's block: a heading "Konkretisering for <rolle>" (in the level's own edition, the
    # level's address instead), its blocks in their own kinds' styles under it.
    "level_slot": KindStyles(marks=(heading_style(structure.SLOT_LEVEL),), title=LABELS["concretisation_for"],
                             fields={"example": LABEL, "none_declared": NOTE, "missing": FLAG},
                             headings={"role": structure.SLOT_LEVEL}),
    "level_matrix": KindStyles(marks=(MATRIX_TABLE,), fields={"roles": TABLE_HEADER, "row title": FACT_LABEL,
                                                              "cells": TABLE_TEXT}),
})
# Each style that marks one kind alone, and the kind it marks (Normal and the headings mark
# more than one: a reader decides those by what follows, or by the heading's text).
KIND_BY_MARK: Mapping[str, str] = MappingProxyType({
    mark: kind for kind, entry in BLOCK_STYLES.items() for mark in entry.marks
    if sum(mark in other.marks for other in BLOCK_STYLES.values()) == 1
})


def slot_title(role_name: str) -> str:
    """The heading that marks a level's block in a document (and in the template)."""
    return LABELS["concretisation_for"].format(role=role_name)


# --- The stamp ---------------------------------------------------------------------------

# Custom document properties (docProps/custom.xml; Word: Filer > Oplysninger > Egenskaber >
# Avancerede egenskaber > Brugerdefineret) that every DOCX the writer makes carries, so the
# Word import recognises a document this project wrote: which publication, which edition
# (samlet, a level's id, matrix, gennemsyn) and the state of its content files when it was
# written (fingerprint.source_fingerprint), to tell whether content/ changed since.
STAMP_PUBLICATION = "booklet-publikation"
STAMP_EDITION = "booklet-udgave"
STAMP_FINGERPRINT = "booklet-kildeaftryk"
STAMP_NAMES = (STAMP_PUBLICATION, STAMP_EDITION, STAMP_FINGERPRINT)
# The Word template (`skabelon`) names the organisation and publication type it was made for,
# and a fingerprint of the text it was made with: a template nobody has written in yet may be
# made again over itself, a filled-in one never.
TEMPLATE_ORGANISATION = "booklet-skabelon-organisation"
TEMPLATE_TYPE = "booklet-skabelon-type"
TEMPLATE_TEXT = "booklet-skabelon-tekst"
TEMPLATE_NAMES = (TEMPLATE_ORGANISATION, TEMPLATE_TYPE, TEMPLATE_TEXT)
