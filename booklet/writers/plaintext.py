"""The model as plain text lines, for comparing editions and checking spelling."""
from __future__ import annotations

from ..danish import forum_label
from ..model import (
    Block, CompetencyWheel, FactBox, FocusGrid, Foreword, Forum, Heading, House, Hub, Image, Inlines,
    LayerModel, LevelMatrix, LevelSlot, ListBlock, Note, PackageList, Paragraph, PullQuote, Quote, Section,
    StatementGroups, Table, ThemeList, ValueList, plain_text,
)
from ..structure import competency_title, slot_title, theme_title


def section_lines(section: Section) -> list[str]:
    return [section.title, *block_lines(section.blocks)]


def block_lines(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        lines.extend(_lines(block))
    return lines


def _text(inlines: Inlines) -> list[str]:
    """The text, then each of its notes: a changed note shows in a diff, and is spell-checked."""
    return [plain_text(inlines), *(line for note in _notes(inlines) for line in block_lines(note.blocks))]


def _named(name: str, inlines: Inlines) -> list[str]:
    first, *notes = _text(inlines)
    return [f"{name} – {first}", *notes]


def _notes(inlines: Inlines) -> list[Note]:
    found = []
    for node in inlines:
        if isinstance(node, Note):
            found.append(node)
        elif hasattr(node, "children"):
            found += _notes(node.children)
    return found


def _lines(block: Block) -> list[str]:
    if isinstance(block, (Paragraph, Heading)):
        return _text(block.content)
    if isinstance(block, Image):
        return [line for line in (block.alt, *_text(block.caption)) if line]
    if isinstance(block, Table):
        rows = (block.header, *block.rows)
        return [*_text(block.caption), *(" | ".join(plain_text(cell) for cell in row) for row in rows),
                *(line for row in rows for cell in row for note in _notes(cell) for line in block_lines(note.blocks))]
    if isinstance(block, Foreword):
        return [*block_lines(block.blocks), *(line for s in block.signers for line in (s.name, s.title))]
    if isinstance(block, FactBox):
        return [block.title, *block_lines(block.blocks)]
    if isinstance(block, PullQuote):
        return [*_text(block.text), block.source]
    if isinstance(block, ListBlock):
        return [line for item in block.items for line in block_lines(item)]
    if isinstance(block, Quote):
        return block_lines(block.blocks)
    if isinstance(block, ValueList):
        return [line for v in block.values for line in _named(v.name, v.text)]
    if isinstance(block, Forum):
        lines = [block.name, *block_lines(block.intro)]
        for part, blocks in block.parts:
            lines += [forum_label(part), *block_lines(blocks)]
        return lines
    if isinstance(block, ThemeList):
        lines = []
        for theme in block.themes:
            lines += [theme_title(theme.number, theme.title), *block_lines(theme.intro)]
            for sub in theme.subthemes:
                lines += [sub.title, plain_text(sub.tagline), *block_lines(sub.body)]
        return lines
    if isinstance(block, CompetencyWheel):
        lines = []
        for c in block.competencies:
            lines += [competency_title(c.number, c.name), ", ".join(c.focus_areas), ", ".join(c.landmarks),
                      plain_text(c.intro)]
            lines += [plain_text(b) for b in c.bullets]
        return [line for line in lines if line]
    if isinstance(block, PackageList):
        lines = []
        for p in block.packages:
            lines += [p.title, *block_lines(p.intro), *(plain_text(i) for i in p.items)]
        return lines
    if isinstance(block, StatementGroups):
        return [line for g in block.groups for line in (g.title, *(plain_text(s) for s in g.statements))]
    if isinstance(block, FocusGrid):
        return [line for a in block.areas for line in _named(a.name, a.text)]
    if isinstance(block, Hub):
        return [block.centre, *block.around]
    if isinstance(block, LayerModel):
        lines = []
        for layer in block.layers:
            lines += [layer.name, plain_text(layer.text), *(plain_text(i) for i in layer.items)]
        return [line for line in lines if line]
    if isinstance(block, House):
        return [line for line in (block.roof, *block.rooms, block.centre, block.foundation) if line]
    if isinstance(block, LevelSlot):
        return [slot_title(block), *block_lines(block.blocks)]
    if isinstance(block, LevelMatrix):
        return [line for row in block.rows for cell in row.cells for line in (row.title, *_lines(cell))]
    raise TypeError(f"no plain text for block kind {block.kind!r}")
