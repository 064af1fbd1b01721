"""The style map: every Word style name the DOCX writer sets and the Word reader recognises.

One table for both sides, as Pandoc's docx writer and reader share one: the writer marks each
block kind and each component field with the styles named here, and the reader recognises the
kind from those styles alone, so a new kind cannot be written without being read. The looks of
these styles (fonts, sizes, colours from the brand) are word/looks.py's.

Custom styles are named here; the rest are Word's built-ins (Normal, Heading N, Title, Quote
...), written under their English names, which Word shows in the user's language.
"""
from __future__ import annotations

from .. import structure

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
TABLE_STYLES = (FACT_TABLE, MATRIX_TABLE, DATA_TABLE, FACT_BOX)

# Inline marks and the character style carrying each, in the order combined names use.
MARK_STYLES = (("strong", STRONG), ("emphasis", EMPHASIS), ("link", HYPERLINK))

# Word's own names and ids for the built-ins the template lacks, so Word treats them as its own.
BUILTIN_STYLE_IDS = {HYPERLINK: HYPERLINK, SIGNATURE: SIGNATURE, **FOOTNOTE_STYLE_IDS,
                     **{toc_style(level): f"TOC{level}" for level in TOC_LEVELS}}

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
