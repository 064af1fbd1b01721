"""The heading structure of a publication, derived once from the model for every writer.

Components carry headings of their own (a forum's name, a theme's title ...). Which level
each gets is decided here, so the HTML, the PDF bookmarks, the DOCX headings and the table
of contents of every format agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator

from .danish import LABELS
from .model import (
    Block, CompetencyWheel, FactBox, Foreword, Forum, Heading, Image, Inlines, LevelMatrix, LevelSlot,
    ListBlock, Note, PackageList, Publication, Quote, Section, StatementGroups, Table, ThemeList,
    plain_text,
)

# Levels of component headings; section titles are level 1.
FORUM_LEVEL = 2
THEME_LEVEL = 2
SUBTHEME_LEVEL = 3
COMPETENCY_LEVEL = 2
PACKAGE_LEVEL = 2
STATEMENT_GROUP_LEVEL = 2
SLOT_LEVEL = 2
TOC_DEPTH = 2


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    anchor: str
    concretisation: bool = False  # a level block's heading, or a heading inside a level block


def slot_anchor(section: Section, slot: LevelSlot) -> str:
    return f"{section.anchor}--{slot.role.id}"


def slot_title(slot: LevelSlot) -> str:
    if slot.addressed:
        return slot.role.address
    return LABELS["concretisation_for"].format(role=slot.role.in_sentence)


def theme_title(number: int, title: str) -> str:
    return f"{number}. {title}"


def competency_title(number: str, name: str) -> str:
    return f"{number} {name}".strip()


def outline(publication: Publication) -> list[OutlineEntry]:
    entries: list[OutlineEntry] = []
    for section in publication.sections:
        entries.append(OutlineEntry(1, section.title, section.anchor))
        entries.extend(_block_headings(section, section.blocks))
    return entries


def table_of_contents(publication: Publication) -> list[OutlineEntry]:
    """The outline down to TOC_DEPTH. The level blocks' headings are left out unless the
    publication asks for them (`toc_concretisations`): in a full edition they would be one
    "Konkretisering for ..." line per level and section, a list of boxes rather than contents.
    The PDF's bookmarks keep them (made from the headings): a tree a reader folds open under its
    section, where a level's reader of the full edition finds their own block."""
    return [e for e in outline(publication)
            if e.level <= TOC_DEPTH and (publication.toc_concretisations or not e.concretisation)]


def _block_headings(section: Section, blocks: tuple[Block, ...]) -> Iterator[OutlineEntry]:
    for block in blocks:
        if isinstance(block, Heading):
            yield OutlineEntry(block.level, plain_text(block.content), block.anchor)
        elif isinstance(block, Forum):
            yield OutlineEntry(FORUM_LEVEL, block.name, block.anchor)
        elif isinstance(block, ThemeList):
            for theme in block.themes:
                yield OutlineEntry(THEME_LEVEL, theme_title(theme.number, theme.title), theme.anchor)
                for sub in theme.subthemes:
                    yield OutlineEntry(SUBTHEME_LEVEL, sub.title, sub.anchor)
        elif isinstance(block, CompetencyWheel):
            for c in block.competencies:
                yield OutlineEntry(COMPETENCY_LEVEL, competency_title(c.number, c.name), c.anchor)
        elif isinstance(block, PackageList):
            for p in block.packages:
                yield OutlineEntry(PACKAGE_LEVEL, p.title, p.anchor)
        elif isinstance(block, StatementGroups):
            for group in block.groups:
                yield OutlineEntry(STATEMENT_GROUP_LEVEL, group.title, group.anchor)
        elif isinstance(block, LevelSlot):
            yield OutlineEntry(SLOT_LEVEL, slot_title(block), slot_anchor(section, block), concretisation=True)
            for entry in _block_headings(section, block.blocks):
                yield OutlineEntry(entry.level, entry.title, entry.anchor, concretisation=True)


# --- Numbering ------------------------------------------------------------------------

# Kinds whose block is drawn as a figure (booklet.figures.DRAWERS); they are numbered with the
# author's captioned images, as one series "Figur 1, 2, ...".
DRAWN_FIGURE_KINDS = ("competency_wheel", "focus_grid", "themes", "hub", "layers", "house")


class Numbering:
    """Figure, table and note numbers of one edition, in reading order.

    Computed on the selected edition, so a level edition numbers only what it holds. Blocks and
    notes are looked up by identity: two identical notes in two places are two notes.
    """

    def __init__(self, publication: Publication):
        self._figures: dict[int, int] = {}
        self._tables: dict[int, int] = {}
        self._notes: dict[int, int] = {}
        self._keep: list[object] = []  # holds what is numbered, so no id() is reused while we live
        for section in publication.sections:
            self._walk_blocks(section.blocks)

    def figure(self, block: Block) -> int | None:
        """The figure number of an image with a caption or of a drawn figure; None otherwise."""
        return self._figures.get(id(block))

    def table(self, block: Table) -> int | None:
        """The table number of a table with a caption; None otherwise."""
        return self._tables.get(id(block))

    def note(self, note: Note) -> int:
        return self._notes[id(note)]

    def notes(self) -> list[tuple[int, Note]]:
        """Every note with its number, in order (the HTML page lists them at its end)."""
        by_id = {id(n): n for n in self._keep if isinstance(n, Note)}
        return sorted(((number, by_id[key]) for key, number in self._notes.items()), key=lambda e: e[0])

    def _number(self, table: dict[int, int], item: object) -> None:
        self._keep.append(item)
        table[id(item)] = len(table) + 1

    def _walk_blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Image):
                if block.caption and not block.decorative:
                    self._number(self._figures, block)
            elif block.kind in DRAWN_FIGURE_KINDS:
                self._number(self._figures, block)
            if isinstance(block, Table):
                if block.caption:
                    self._number(self._tables, block)
                for cell in (*block.header, *(c for row in block.rows for c in row)):
                    self._walk_inlines(cell)
                self._walk_inlines(block.caption)
            elif isinstance(block, Image):
                self._walk_inlines(block.caption)
            else:
                self._walk_children(block)

    def _walk_children(self, block: Block) -> None:
        """Notes may stand in any text: walk every field that holds blocks or inlines."""
        for value in vars(block).values() if hasattr(block, "__dict__") else ():
            self._walk_value(value)

    def _walk_value(self, value: object) -> None:
        if isinstance(value, tuple):
            if value and all(hasattr(v, "kind") and not isinstance(v, type) for v in value) and \
                    all(_is_inline(v) for v in value):
                self._walk_inlines(value)  # type: ignore[arg-type]
                return
            for item in value:
                self._walk_value(item)
        elif hasattr(value, "kind") and not _is_inline(value):
            self._walk_blocks((value,))  # type: ignore[arg-type]
        elif hasattr(value, "__dataclass_fields__") and not _is_inline(value):
            for field_value in vars(value).values():
                self._walk_value(field_value)
        elif _is_inline(value):
            self._walk_inlines((value,))  # type: ignore[arg-type]

    def _walk_inlines(self, inlines: Inlines) -> None:
        for node in inlines:
            if isinstance(node, Note):
                self._number(self._notes, node)
                self._walk_blocks(node.blocks)
            elif hasattr(node, "children"):
                self._walk_inlines(node.children)


_INLINE_KINDS = ("text", "emphasis", "strong", "link", "linebreak", "note")


def _is_inline(value: object) -> bool:
    return getattr(value, "kind", None) in _INLINE_KINDS
