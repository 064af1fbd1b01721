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
    Block, CompetencyWheel, Forum, Heading, LevelSlot, PackageList, Publication, Section,
    StatementGroups, ThemeList, plain_text,
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


def slot_anchor(section: Section, slot: LevelSlot) -> str:
    return f"{section.anchor}--{slot.role.id}"


def slot_title(slot: LevelSlot) -> str:
    if slot.addressed:
        return slot.role.address
    return LABELS["concretisation_for"].format(role=slot.role.name)


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
    return [e for e in outline(publication) if e.level <= TOC_DEPTH]


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
            yield OutlineEntry(SLOT_LEVEL, slot_title(block), slot_anchor(section, block))
            yield from _block_headings(section, block.blocks)
