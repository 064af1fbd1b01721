"""The model as plain text lines, for comparing editions and checking spelling."""
from __future__ import annotations

from ..danish import forum_label
from ..model import (
    Block, CompetencyWheel, FocusGrid, Forum, Heading, House, Hub, LayerModel, LevelMatrix, LevelSlot,
    ListBlock, PackageList, Paragraph, Quote, Section, StatementGroups, ThemeList, ValueList, plain_text,
)
from ..structure import competency_title, slot_title, theme_title


def section_lines(section: Section) -> list[str]:
    return [section.title, *block_lines(section.blocks)]


def block_lines(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        lines.extend(_lines(block))
    return lines


def _lines(block: Block) -> list[str]:
    if isinstance(block, (Paragraph, Heading)):
        return [plain_text(block.content)]
    if isinstance(block, ListBlock):
        return [line for item in block.items for line in block_lines(item)]
    if isinstance(block, Quote):
        return block_lines(block.blocks)
    if isinstance(block, ValueList):
        return [f"{v.name} – {plain_text(v.text)}" for v in block.values]
    if isinstance(block, Forum):
        lines = [block.name, *block_lines(block.intro)]
        for part, blocks in block.parts():
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
            lines += [competency_title(c.number, c.name), ", ".join(c.focus_areas), plain_text(c.intro)]
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
        return [f"{a.name} – {plain_text(a.text)}" for a in block.areas]
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
