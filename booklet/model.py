"""The typed document model: what every reader produces and every writer walks.

A publication is a tree of sections holding blocks; blocks hold inline content. Structured
components (values, fora, themes, ...) are blocks of their own kind, so writers render them
as real structure rather than as prose. Each block class names its `kind`; a writer has one
handler per kind (tests check that no kind is missing in any writer).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Union

from .danish import in_sentence
from .errors import Location

# --- Inline content -------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str
    kind: ClassVar[str] = "text"


@dataclass(frozen=True)
class Emphasis:
    children: tuple["Inline", ...]
    kind: ClassVar[str] = "emphasis"


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]
    kind: ClassVar[str] = "strong"


@dataclass(frozen=True)
class Link:
    target: str
    children: tuple["Inline", ...]
    kind: ClassVar[str] = "link"


@dataclass(frozen=True)
class LineBreak:
    kind: ClassVar[str] = "linebreak"


@dataclass(frozen=True)
class Note:
    """A footnote, held where it is referenced (as Pandoc does). Writers number notes in reading
    order with `structure.Numbering`, so an edition without some level blocks has no gaps."""

    blocks: tuple["Block", ...]
    kind: ClassVar[str] = "note"


Inline = Union[Text, Emphasis, Strong, Link, LineBreak, Note]
Inlines = tuple[Inline, ...]


def plain_text(inlines: Inlines) -> str:
    """The inline content as text, for anchors, bookmarks, alt text and tests."""
    parts = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, Note):
            continue  # a note is read at the foot of the page, not in the sentence
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)


# --- Prose blocks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    content: Inlines
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Heading:
    """A heading inside a section; level 2 is the first level below the section title."""

    level: int
    content: Inlines
    anchor: str
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple["Block", ...], ...]
    start: int = 1  # an ordered list's first number ('3.' continues a list the text interrupted)
    kind: ClassVar[str] = "list"


@dataclass(frozen=True)
class Quote:
    blocks: tuple["Block", ...]
    kind: ClassVar[str] = "quote"


IMAGE_WIDTHS = ("hel", "halv", "tredjedel")  # of the text width; Danish, as authors write them
IMAGE_WIDTH_FRACTIONS = {"hel": 1.0, "halv": 0.5, "tredjedel": 1 / 3}


@dataclass(frozen=True)
class ImageFile:
    """An image file as read and checked: its content, not its path, names its published copies."""

    path: Path  # inside the project
    digest: str  # sha256 of the file's bytes, hex
    format: str  # "jpeg", "png" or "svg"
    width_px: int  # as shown: after the EXIF orientation is applied
    height_px: int


@dataclass(frozen=True)
class Image:
    """A photo or illustration the author placed: a figure of its own, numbered with the drawn ones."""

    file: ImageFile
    alt: str  # "" only when decorative
    caption: Inlines  # "" -> no caption and no number
    width: str  # one of IMAGE_WIDTHS
    location: Location
    decorative: bool = False  # marked '{dekorativ}': an artifact, skipped by screen readers
    kind: ClassVar[str] = "image"


TABLE_ALIGNMENTS = ("", "left", "center", "right")  # "" : the column has no alignment marker


@dataclass(frozen=True)
class Table:
    """A GFM pipe table: one header row, then body rows of the same width."""

    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    alignments: tuple[str, ...]  # one per column, from TABLE_ALIGNMENTS
    caption: Inlines  # from a 'Tabel: ...' line under the table; () -> no caption and no number
    kind: ClassVar[str] = "table"


# --- Structured components ------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    name: str
    title: str
    signature: Image | None = None  # a scanned signature: decorative, the name is printed under it


@dataclass(frozen=True)
class Foreword:
    """The foreword signed by name and title (the strategibrev's letter from the director)."""

    blocks: tuple["Block", ...]
    signers: tuple[Signer, ...]
    portrait: Image | None = None
    kind: ClassVar[str] = "foreword"


@dataclass(frozen=True)
class FactBox:
    """A boxed aside with a title: key facts next to the running text."""

    title: str
    blocks: tuple["Block", ...]
    kind: ClassVar[str] = "fact_box"


@dataclass(frozen=True)
class PullQuote:
    """A quotation set apart, with who said it (distinct from a '>' quote inside the text)."""

    text: Inlines
    source: str
    kind: ClassVar[str] = "pull_quote"


@dataclass(frozen=True)
class Value:
    name: str
    text: Inlines


@dataclass(frozen=True)
class ValueList:
    """A municipality's values: a name and one line each (HTK's four values)."""

    values: tuple[Value, ...]
    kind: ClassVar[str] = "values"


@dataclass(frozen=True)
class Forum:
    """A formal leadership forum (HTK: Direktionen, Chefforum, Strategisk Lederforum ...)."""

    name: str
    anchor: str
    intro: tuple["Block", ...]  # unlabelled text before the labelled parts
    # (part, blocks) for each labelled part the author filled in, in the order the author wrote
    # them: a source tells members, rhythm, purpose ... in its own order, and so do the writers.
    parts: tuple[tuple[str, tuple["Block", ...]], ...]
    kind: ClassVar[str] = "forum"

    # The labelled parts a forum may have (danish.forum_label names each).
    PARTS: ClassVar[tuple[str, ...]] = (
        "members", "rhythm", "purpose", "form", "workflow", "content", "responsibility")

    def part(self, name: str) -> tuple["Block", ...]:
        """The blocks of one part; () if the author left it out."""
        return next((blocks for part, blocks in self.parts if part == name), ())


@dataclass(frozen=True)
class SubTheme:
    title: str
    anchor: str
    tagline: Inlines
    body: tuple["Block", ...]


@dataclass(frozen=True)
class Theme:
    number: int
    title: str
    anchor: str
    intro: tuple["Block", ...]
    subthemes: tuple[SubTheme, ...]


@dataclass(frozen=True)
class ThemeList:
    """Numbered themes with sub-themes and taglines (the strategibrev)."""

    themes: tuple[Theme, ...]
    kind: ClassVar[str] = "themes"


@dataclass(frozen=True)
class Competency:
    number: str
    name: str
    anchor: str
    focus_areas: tuple[str, ...]
    intro: Inlines
    bullets: tuple[Inlines, ...]
    # 'pejlemærker': the leadership principles it is linked to, kept apart from the focus areas
    # (Helsingør links a competency to focus areas of the strategy map and to pejlemærker).
    landmarks: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompetencyWheel:
    """Competencies with their linked focus areas and bullets (Helsingør's wheel)."""

    competencies: tuple[Competency, ...]
    kind: ClassVar[str] = "competency_wheel"


@dataclass(frozen=True)
class Package:
    title: str
    anchor: str
    function: "LeadershipRole | None"  # None: the package is for every leader
    intro: tuple["Block", ...]
    items: tuple[Inlines, ...]


@dataclass(frozen=True)
class PackageList:
    """Development packages, one for all and one per leadership function (Helsingør)."""

    packages: tuple[Package, ...]
    kind: ClassVar[str] = "packages"


@dataclass(frozen=True)
class StatementGroup:
    title: str
    anchor: str
    statements: tuple[Inlines, ...]


@dataclass(frozen=True)
class StatementGroups:
    """Headed groups of "Vi ..." statements (Odder's lederprofil)."""

    groups: tuple[StatementGroup, ...]
    kind: ClassVar[str] = "statement_groups"


@dataclass(frozen=True)
class FocusArea:
    name: str
    text: Inlines


@dataclass(frozen=True)
class FocusGrid:
    """Four focus areas shown as a 2x2 (Odder's Ny Syntese), read row by row."""

    areas: tuple[FocusArea, FocusArea, FocusArea, FocusArea]
    kind: ClassVar[str] = "focus_grid"


@dataclass(frozen=True)
class Hub:
    """One thing in the centre with others around it (HTK: Kerneopgaven with Sammen, Udad and
    Indad); drawn as a figure, its text is the figure's alt text."""

    centre: str
    around: tuple[str, ...]
    kind: ClassVar[str] = "hub"


@dataclass(frozen=True)
class Layer:
    name: str
    text: Inlines
    items: tuple[Inlines, ...]


@dataclass(frozen=True)
class LayerModel:
    """A model built in layers, the foundation first (Helsingør's Figur 1: Opbygning)."""

    layers: tuple[Layer, ...]
    kind: ClassVar[str] = "layers"


@dataclass(frozen=True)
class House:
    """A framework drawn as a house (Odder): a roof over rooms around a centre, on a foundation."""

    roof: str
    rooms: tuple[str, ...]
    centre: str
    foundation: str
    kind: ClassVar[str] = "house"


# --- Per-level slots ------------------------------------------------------------------


@dataclass(frozen=True)
class LevelSlot:
    """One leadership level's (or function's) concretisation of the core text around it."""

    role: "LeadershipRole"
    blocks: tuple["Block", ...]
    example: bool
    location: Location
    none_declared: bool = False  # the author wrote 'ingen': this level has no concretisation here
    missing: bool = False  # placed by the review edition where no block was written
    addressed: bool = False  # the reader's own level, in that level's edition
    kind: ClassVar[str] = "level_slot"

    @property
    def is_explicitly_empty(self) -> bool:
        return self.none_declared


@dataclass(frozen=True)
class MatrixRow:
    title: str
    anchor: str
    cells: tuple[LevelSlot, ...]  # one per role, in the matrix's role order


@dataclass(frozen=True)
class LevelMatrix:
    """Concretised sections x levels: every level's block side by side."""

    roles: tuple["LeadershipRole", ...]
    rows: tuple[MatrixRow, ...]
    kind: ClassVar[str] = "level_matrix"


Block = Union[
    Paragraph, Heading, ListBlock, Quote, Image, Table,
    Foreword, FactBox, PullQuote,
    ValueList, Forum, ThemeList, CompetencyWheel, PackageList, StatementGroups, FocusGrid,
    Hub, LayerModel, House, LevelSlot, LevelMatrix,
]
BLOCK_KINDS: tuple[type, ...] = Block.__args__  # type: ignore[attr-defined]


# --- Organisation, brand and publication ----------------------------------------------


@dataclass(frozen=True)
class LeadershipRole:
    """A leadership level (Direktionen, centerchef ...) or function (ledere af ledere ...)."""

    id: str
    name: str
    description: str
    order: int
    axis: str  # "niveau" or "funktion": the slot attribute that names it
    address: str  # how the level's own edition speaks to its reader: "Til dig som centerchef"
    proper_noun: bool = False  # 'egennavn: ja': the name keeps its capital mid-sentence ("Direktionen")

    @property
    def in_sentence(self) -> str:
        """The name inside a sentence: "Konkretisering for centerchefer", "For ledere af ledere"
        (the name as written starts a sentence or a table's column)."""
        return self.name if self.proper_noun else in_sentence(self.name)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    short_name: str
    brand_id: str
    contact: str
    levels: tuple[LeadershipRole, ...]
    functions: tuple[LeadershipRole, ...]
    location: Location
    accessibility_statement: str = ""  # the tilgængelighedserklæring every web page must link to


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str  # "normal" or "italic"


@dataclass(frozen=True)
class Brand:
    """The brand.yml data the writers need, resolved to plain values."""

    id: str
    folder: Path
    name: str
    colors: dict[str, str]  # semantic name (primary, foreground, ...) -> "#rrggbb"
    body_font: str
    heading_font: str
    heading_weight: int
    base_size_pt: float
    line_height: float
    fonts: tuple[FontFace, ...]
    logo: Path
    logo_negative: Path | None
    logo_svg: bytes  # the logo as published: cleaned by readers.svg_image
    logo_negative_svg: bytes | None
    # The print edition's bleed beyond the trimmed edge, from `defaults: print: bleed:`; print
    # shops differ (3 mm is the common ask, some want 5 mm).
    bleed_mm: float = 3.0

    def color(self, name: str) -> str:
        return self.colors[name]


# Characters of a chapter title that fit the running header on one line at its 8 pt in the
# narrowest header (the A5 booklet's, 40 % of 114 mm: "2. Ramme for ledelsesudviklingen" fits);
# a longer title is cut at a word.
RUNNING_TITLE_MAX = 32


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    anchor: str
    blocks: tuple[Block, ...]
    location: Location
    concretised: bool = False  # every level (or function) is expected to have a block here
    new_page: bool | None = None  # front matter 'ny_side': ja / nej; None: as the publication type does
    short_title: str | None = None  # front matter 'kort_titel': the running header's title, if given

    @property
    def running_title(self) -> str:
        """The chapter's title in the running header, which has room for one line: 'kort_titel'
        where the author wrote one, else the title, cut at a word after RUNNING_TITLE_MAX
        characters with an ellipsis."""
        title = self.short_title or self.title
        if len(title) <= RUNNING_TITLE_MAX:
            return title
        cut = title[:RUNNING_TITLE_MAX + 1].rsplit(" ", 1)[0].rstrip(" ,:;–-")
        return (cut or title[:RUNNING_TITLE_MAX]) + "…"

    @property
    def slots(self) -> tuple[LevelSlot, ...]:
        return tuple(b for b in self.blocks if isinstance(b, LevelSlot))


@dataclass(frozen=True)
class PartialDate:
    """A date the source gives without its day ('juni 2014') or without day and month ('2014'),
    written `dato: 2014-06` or `dato: 2014`: an estimate is not printed as a fact. A full date
    is a datetime.date; both have year, month (None here when not given) and isoformat()."""

    year: int
    month: int | None = None
    day: ClassVar[None] = None

    def isoformat(self) -> str:
        """'2014' or '2014-06': W3C dates, as HTML's <time>, XMP, the sitemap and OOXML take them."""
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.isoformat()


PublicationDate = Union[dt.date, PartialDate]


def first_day(date: PublicationDate) -> dt.date:
    """The first day a date can mean: to sort by and for the timestamps a file format requires
    (zip members, font subsets); never printed."""
    if isinstance(date, dt.date):
        return date
    return dt.date(date.year, date.month or 1, 1)


PUBLICATION_TYPES = ("ledelsesgrundlag", "strategibrev", "udviklingsplan", "folder")
# 'status:' in publikation.yml, in the order a publication passes through them. Only an
# approved publication is published; the others are marked in every format.
DRAFT, AWAITING_APPROVAL, APPROVED = "kladde", "til-godkendelse", "godkendt"
STATUSES = (DRAFT, AWAITING_APPROVAL, APPROVED)
PAPER_SIZES = ("A4", "A5")


@dataclass(frozen=True)
class Publication:
    id: str
    type: str
    organisation: Organisation
    brand: Brand
    title: str
    subtitle: str
    date: PublicationDate
    issuer: str  # 'udgiver'; "" when the source does not say who published it
    keywords: tuple[str, ...]
    sections: tuple[Section, ...]
    folder: Path
    location: Location
    paper: str = "A4"  # "A4" or "A5"
    variant_axis: str | None = None  # "niveau" or "funktion": an edition per level or function
    edition_label: str = ""  # set on a selected edition: "Udgave for centerchefer"
    sources: tuple[Path, ...] = field(default=())  # every file the publication was read from
    cover_image: Image | None = None  # 'forsidebillede' in publikation.yml
    # Without 'status:' a publication is a draft: nothing reaches readers unless someone approved it.
    status: str = DRAFT
    approved_by: str = ""  # 'godkendt_af', set when approved
    approved_on: PublicationDate | None = None  # 'godkendt_dato'
    previous: str | None = None  # 'forrige': the id of last year's publication, for "Hvad er nyt"
    # 'indholdsfortegnelse: konkretiseringer: ja': the level blocks' headings ("Konkretisering for
    # centerchefer") are listed in the table of contents too; by default they are left out.
    toc_concretisations: bool = False

    @property
    def approved(self) -> bool:
        return self.status == APPROVED

    @property
    def variant_roles(self) -> tuple[LeadershipRole, ...]:
        if self.variant_axis == "niveau":
            return self.organisation.levels
        if self.variant_axis == "funktion":
            return self.organisation.functions
        return ()
