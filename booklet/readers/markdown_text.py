"""Markdown text -> model blocks, with the two kinds of fenced block this project adds.

A section body is Markdown. Two fences carry structure and are cut out, with their line
numbers, before the prose goes to Python-Markdown:

    ```værdier            a structured component: YAML in a fence named by its kind
    - navn: Helhed
      tekst: ...
    ```

    ::: {niveau=centerchef eksempel}    one level's (or function's) concretisation
    Markdown text ...
    :::

Python-Markdown parses the prose into an element tree, which is mapped onto the model here;
raw HTML is refused, so no writer ever sees markup it did not make itself. Three constructs are
read around it, because it would not say where a mistake in them is:

    | Område | Mål |        a pipe table at the left margin, cut out and read cell by cell;
    |:-------|----:|        'Tabel: ...' right under it is its caption
    Tabel: Nøgletal

    Tekst[^1].             footnotes: each '[^1]: ...' is taken out of the section first, and
    [^1]: Notens tekst.    each reference becomes a Note holding that text

    ![Alt-tekst](billeder/foto.jpg "Billedtekst"){bredde=halv}    an image: a paragraph of its own
"""
from __future__ import annotations

import difflib
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from ..errors import Location, suggestion
from ..model import (
    IMAGE_WIDTHS, Block, Emphasis, Heading, Image, Inline, Inlines, LevelSlot, LineBreak, Link, ListBlock,
    Note, Paragraph, Quote, Strong, Table, Text, plain_text,
)
from .context import NoteDefinition, ReadContext
from .image_file import read_image
from .limits import MAX_LINE_CHARS
from .yaml_source import YamlDocument, parse_yaml

_CODE_FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([^\s`]*)\s*$")
# Two or four colons are a slip for three, reported as such rather than read as text.
_SLOT_FENCE = re.compile(r"^\s*(:{2,})(.*)$")
_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
_SLOT_AXES = ("niveau", "funktion")
_SLOT_FLAGS = ("eksempel", "ingen")


class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished element tree, so no HTML is ever serialised."""

    def run(self, root: ET.Element) -> None:
        self.md.kept_tree = root  # type: ignore[attr-defined]


def _new_parser() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"])
    md.treeprocessors.deregister("prettify")
    md.treeprocessors.register(_KeepTree(md), "keep_tree", -100)
    return md


_parser = _new_parser()


def parse_blocks(text: str, start: Location, ctx: ReadContext, in_slot: bool = False,
                 slots_allowed: bool = True) -> tuple[Block, ...]:
    """Blocks of a Markdown text whose first line stands at `start`.

    Level blocks may stand only in a section's own text (`slots_allowed`), not inside a
    component's fields, so every edition can select them at the top of a section. A section's
    own text (slots allowed, not inside one) is where its footnotes' texts stand.
    """
    if slots_allowed and not in_slot:
        return _parse_section_text(text, start, ctx)
    return _parse_blocks(text, start, ctx, in_slot, slots_allowed)


def _parse_blocks(text: str, start: Location, ctx: ReadContext, in_slot: bool = False,
                  slots_allowed: bool = True) -> tuple[Block, ...]:
    lines = text.split("\n")
    blocks: list[Block] = []
    prose: list[str] = []
    prose_start = 0

    def flush() -> None:
        nonlocal prose
        if any(line.strip() for line in prose):
            blocks.extend(_parse_prose(prose, start.shifted(prose_start), ctx, headings_allowed=slots_allowed))
        prose = []

    i = 0
    while i < len(lines):
        line = lines[i]
        here = start.shifted(i)
        fence = _CODE_FENCE.match(line)
        slot = _SLOT_FENCE.match(line)
        if fence:
            flush()
            end = _code_fence_end(lines, i, here, ctx)
            if end is None:
                return tuple(blocks)
            component = _read_component(fence.group(2), lines[i + 1:end], here, ctx)
            if component is not None:
                blocks.append(component)
            i = end + 1
            prose_start = i
        elif slot:
            flush()
            attributes = slot.group(2).strip()
            if not attributes:
                ctx.problems.error(here, "':::' lukker en blok, der ikke er åbnet. Slet linjen, "
                                         "eller åbn blokken med fx '::: {niveau=centerchef}'.")
                i += 1
                prose_start = i
                continue
            _check_colons(slot.group(1), here, ctx)
            if in_slot:
                ctx.problems.error(here, "blokke for niveauer kan ikke ligge inden i hinanden. "
                                         "Luk den ydre blok med ':::' før den næste åbnes.")
                return tuple(blocks)
            if not slots_allowed:
                ctx.problems.error(here, "blokke for niveauer kan kun stå direkte i afsnittets tekst, "
                                         "ikke inde i en komponent. Flyt blokken ud under komponenten.")
                return tuple(blocks)
            end = _find_slot_end(lines, i, here, ctx)
            if end is None:
                return tuple(blocks)
            if end < 0:
                # Unclosed before the next block opens: reported; read on from that block.
                i = prose_start = -end
                continue
            block = _read_slot(attributes, lines[i + 1:end], here, ctx)
            if block is not None:
                blocks.append(block)
            i = end + 1
            prose_start = i
        else:
            if not prose:
                prose_start = i
            prose.append(line)
            i += 1
    flush()
    return tuple(blocks)


def parse_inline(text: str, location: Location, ctx: ReadContext) -> Inlines:
    """One line of Markdown (a value's text, a bullet): inline content only."""
    lines = text.split("\n")
    blocks = _parse_prose(lines, location, ctx, inline_only=True)
    if not blocks:
        return ()
    if len(blocks) > 1 or not isinstance(blocks[0], Paragraph):
        ctx.problems.error(location.shifted(_second_block(lines, isinstance(blocks[0], Paragraph))),
                           "her må kun stå almindelig tekst uden tomme linjer, lister eller "
                           "overskrifter. Saml teksten, eller flyt resten ud af feltet.")
        return ()
    return blocks[0].content


_BLOCK_START = re.compile(r"^\s*(#|>|[-*+]\s|\d+[.)]\s)")


def _second_block(lines: list[str], first_is_text: bool) -> int:
    """The offset of the line where the text stops being one paragraph: the next block's first
    line after a paragraph, else the first line of the block that is not one."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not first_is_text:
        return next((i for i in content if _BLOCK_START.match(lines[i])), content[0])
    for i in content[1:]:
        # A rule ('***', '___') right under the text also ends the paragraph, without a blank line.
        if not lines[i - 1].strip() or _BLOCK_START.match(lines[i]) or _RULE.match(lines[i]):
            return i
    return content[0]


# --- footnotes ------------------------------------------------------------------------
# '[^1]' in the text, '[^1]: Notens tekst.' on a line of its own anywhere in the same section
# file (further lines of the note indented). The texts are taken out of the section first, with
# their lines, and read; each reference then becomes a Note holding its text, where it stands.

_NOTE_LABEL = r"\[\^([^\]\[\s]+)\]"  # no brackets or spaces in a label: each try ends soon
_NOTE_REFERENCE = re.compile(_NOTE_LABEL)
_NOTE_DEFINITION = re.compile(r"^ {0,3}" + _NOTE_LABEL + r":[ \t]*(.*)$")
# A note's text where it cannot be taken out: in a quote, a list or a component's field.
_MISPLACED_NOTE = re.compile(r"^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?" + _NOTE_LABEL + ":")


def _parse_section_text(text: str, start: Location, ctx: ReadContext) -> tuple[Block, ...]:
    lines = text.split("\n")
    definitions = _take_note_definitions(lines)
    notes: dict[str, NoteDefinition] = {}
    ctx.notes = None  # a note's text has no notes of its own
    ctx.nested_note_labels = set()
    for label, offset, body in definitions:
        here = start.shifted(offset)
        earlier = notes.get(label)
        if earlier is not None:
            ctx.problems.error(here, f"fodnoten '[^{label}]' har allerede en tekst (linje {earlier.location.line}). "
                                     "Giv noterne hver sit navn, eller saml teksten i én.")
            continue
        if not any(line.strip() for line in body):
            ctx.problems.error(here, f"fodnoten '[^{label}]' er tom. Skriv notens tekst efter "
                                     f"'[^{label}]:', eller slet linjen.")
            notes[label] = NoteDefinition(label, (), here, mentioned=True)  # said once, not also unused
            continue
        blocks = _parse_blocks("\n".join(body), here, ctx, slots_allowed=False)
        notes[label] = NoteDefinition(label, blocks, here)
    ctx.notes = notes
    try:
        blocks = _parse_blocks("\n".join(lines), start, ctx)
    finally:
        ctx.notes = None
    for note in notes.values():
        if note.used_at is None and not note.mentioned and note.label not in ctx.nested_note_labels:
            ctx.problems.error(note.location, f"fodnoten '[^{note.label}]' bruges ikke i teksten. Sæt "
                                              f"'[^{note.label}]' ind, hvor noten hører til, eller slet noten.")
    return blocks


def _take_note_definitions(lines: list[str]) -> list[tuple[str, int, list[str]]]:
    """(label, line offset, the note's lines) of each note text outside a component; its lines
    are blanked in `lines`, so every other line keeps its number."""
    found = []
    i = 0
    while i < len(lines):
        fence = _CODE_FENCE.match(lines[i])
        if fence:
            end = _find_code_fence_end(lines, i, fence.group(1))
            if end is None:
                break  # unclosed to the end: said when the fence is read
            i = abs(end) + (end > 0)
            continue
        definition = _NOTE_DEFINITION.match(lines[i])
        if not definition:
            i += 1
            continue
        body = [definition.group(2)]
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if not line.strip():
                following = next((k for k in range(j, len(lines)) if lines[k].strip()), len(lines))
                if following < len(lines) and _indented(lines[following]):
                    body.extend([""] * (following - j))
                    j = following
                    continue
                break
            if _indented(line):
                body.append(_dedent(line))
            elif body[-1].strip() and not (_NOTE_DEFINITION.match(line) or _CODE_FENCE.match(line)
                                           or _SLOT_FENCE.match(line) or _BLOCK_START.match(line)
                                           or "|" in line):
                body.append(line)  # more of the note's paragraph, as in any Markdown paragraph
            else:
                break
            j += 1
        found.append((definition.group(1), i, body))
        lines[i:j] = [""] * (j - i)
        i = j
    return found


def _indented(line: str) -> bool:
    return line.startswith(("  ", "\t"))


def _dedent(line: str) -> str:
    if line.startswith("\t"):
        return line[1:]
    return line[min(4, len(line) - len(line.lstrip(" "))):]


# --- fences ---------------------------------------------------------------------------


def _find_code_fence_end(lines: list[str], start: int, marker: str) -> int | None:
    """The closing fence's index; minus the index of a new block's opening fence met first
    (a forgotten closing fence); None at the end of the text."""
    for j in range(start + 1, len(lines)):
        stripped = lines[j].strip()
        if stripped.startswith(marker[0] * len(marker)):
            return j if not stripped.strip(marker[0]) else -j
        if lines[j].startswith(":::"):
            # Never YAML at the left margin: a level block begins, so this fence was left open.
            return -j
    return None


def _code_fence_end(lines: list[str], start: int, here: Location, ctx: ReadContext) -> int | None:
    """The closing fence's index, or None after reporting, at the opening line, that it has none."""
    marker = _CODE_FENCE.match(lines[start]).group(1)  # type: ignore[union-attr]
    end = _find_code_fence_end(lines, start, marker)
    if end is not None and end > 0:
        return end
    before = f" før den næste blok på linje {here.line - end - start}" if end is not None and here.line else ""
    ctx.problems.error(here, f"blokken der starter med '{marker}' lukkes aldrig{before}. "
                             f"Afslut den med en linje med '{marker}'.")
    return None


def _check_colons(colons: str, here: Location, ctx: ReadContext) -> None:
    """`::` and `::::` are read as the fence the author meant, after saying so at their line."""
    if len(colons) != 3:
        ctx.problems.error(here, f"en blok for et niveau åbnes og lukkes med præcis tre koloner (':::'), "
                                 f"men her står {len(colons)}. Ret linjen til ':::'.")


def _find_slot_end(lines: list[str], start: int, here: Location, ctx: ReadContext) -> int | None:
    """The closing ':::' line's index; minus the index of the next level block when this one is
    not closed before it; None after reporting a block that cannot be read past."""
    j = start + 1
    while j < len(lines):
        line = lines[j]
        if _CODE_FENCE.match(line):
            end = _code_fence_end(lines, j, here.shifted(j - start), ctx)
            if end is None:
                return None
            j = end + 1
            continue
        slot = _SLOT_FENCE.match(line)
        if slot:
            if not slot.group(2).strip():
                _check_colons(slot.group(1), here.shifted(j - start), ctx)
                return j
            if not any(body.strip() for body in lines[start + 1:j]):
                # Nothing written yet in the outer block: the inner fence is the mistake.
                ctx.problems.error(
                    here.shifted(j - start),
                    "blokke for niveauer kan ikke ligge inden i hinanden. Luk blokken "
                    f"fra linje {here.line} med ':::' før den næste åbnes.",
                )
                return None
            # The outer block has its text: what is missing is its closing line.
            ctx.problems.error(here, "blokken der starter her lukkes ikke før den næste blok på linje "
                                     f"{here.shifted(j - start).line}. Afslut den med en linje med ':::'.")
            return -j
        j += 1
    ctx.problems.error(here, "blokken der starter her lukkes aldrig. Afslut den med en linje "
                             "med ':::'.")
    return None


def _read_slot(attributes: str, body: list[str], here: Location, ctx: ReadContext) -> LevelSlot | None:
    """`{niveau=centerchef eksempel}` -> the level's slot, checked against the organisation."""
    inner = attributes.strip()
    if not (inner.startswith("{") and inner.endswith("}")):
        ctx.problems.error(here, f"'::: {attributes}' kan ikke læses. Skriv fx "
                                 "'::: {niveau=centerchef}' med tuborgklammer.")
        return None
    role = None
    flags = set()
    ok = True
    # `niveau = direktion` and `niveau="direktion"` mean what they say; read them so.
    normalised = re.sub(r"\s*=\s*", "=", inner[1:-1])
    for token in normalised.split():
        key, equals, value = token.partition("=")
        value = value.strip("\"'")
        if equals and not value:
            ctx.problems.error(here, f"'{key}=' mangler et navn efter '='. Skriv fx "
                                     f"'::: {{{key}={'centerchef' if key == 'niveau' else '...'}}}'.")
            ok = False
            continue
        if value:
            if key not in _SLOT_AXES:
                ctx.problems.error(here, f"ukendt egenskab '{key}'{suggestion(key, list(_SLOT_AXES))}")
                ok = False
                continue
            if role is not None:
                ctx.problems.error(here, "en blok gælder ét niveau eller én funktion. Lav en blok "
                                         "for hver.")
                ok = False
                continue
            role = _find_role(key, value, here, ctx)
            ok = ok and role is not None
        elif token in _SLOT_FLAGS:
            flags.add(token)
        else:
            ctx.problems.error(here, f"ukendt markering '{token}'{suggestion(token, list(_SLOT_FLAGS))}")
            ok = False
    if role is None:
        if ok and ctx.roles_known:
            ctx.problems.error(here, "blokken mangler et niveau eller en funktion, fx "
                                     "'::: {niveau=centerchef}'.")
        return None
    blocks = _parse_blocks("\n".join(body), here.shifted(1), ctx, in_slot=True)
    if "ingen" in flags and blocks:
        ctx.problems.error(here, "blokken er markeret 'ingen' (ingen konkretisering), men har tekst. "
                                 "Fjern enten teksten eller markeringen.")
    if "ingen" not in flags and not blocks:
        ctx.problems.error(here, "blokken er tom. Skriv konkretiseringen, eller markér den "
                                 f"'::: {{{role.axis}={role.id} ingen}}', hvis niveauet ikke skal have en.")
    return LevelSlot(role=role, blocks=blocks, example="eksempel" in flags, location=here,
                     none_declared="ingen" in flags)


def _find_role(axis: str, value: str, here: Location, ctx: ReadContext):
    org = ctx.organisation
    if not ctx.roles_known:
        return None
    roles = () if org is None else (org.levels if axis == "niveau" else org.functions)
    for role in roles:
        if role.id == value:
            return role
    valid = [r.id for r in roles]
    where = f" for {org.name}" if org else ""
    if valid:
        ctx.problems.error(here, f"{axis} '{value}' findes ikke{suggestion(value, valid)}")
    else:
        ctx.problems.error(here, f"{axis} '{value}' findes ikke: der er ingen {axis}er{where}. "
                                 "Tilføj dem i organisationens fil.")
    return None


def _read_component(kind: str, body: list[str], here: Location, ctx: ReadContext) -> Block | None:
    from .components import COMPONENT_READERS  # components read Markdown fields through this module

    if not kind:
        ctx.problems.error(here, "skriv komponentens type lige efter '```', fx '```værdier'. "
                                 f"Typer: {', '.join(COMPONENT_READERS)}.")
        return None
    reader = COMPONENT_READERS.get(kind)
    if reader is None:
        ctx.problems.error(here, f"ukendt komponent '{kind}'{suggestion(kind, list(COMPONENT_READERS))}")
        return None
    doc = YamlDocument(here.path, (here.line or 0) + 1)
    errors_before = len(ctx.problems.errors)
    node = parse_yaml("\n".join(body), doc, ctx.problems)
    if node is None:
        if len(ctx.problems.errors) == errors_before:  # blank, or comments only: nothing to show
            ctx.problems.error(here, f"komponenten '{kind}' er tom. Skriv dens indhold mellem linjerne "
                                     "med '```', eller slet blokken.")
        return None
    return reader(node, doc, ctx)


# --- prose ----------------------------------------------------------------------------


def _parse_prose(lines: list[str], start: Location, ctx: ReadContext,
                 headings_allowed: bool = True, inline_only: bool = False) -> list[Block]:
    """Prose via Python-Markdown, with the pipe tables cut out and read here. Headings stand only
    at the top of a section's text, where every writer and the table of contents see them (not
    in lists, quotes or component fields). `inline_only`: one text of a field or a table cell,
    where neither a table nor an image has room."""
    overlong = next((i for i, line in enumerate(lines) if len(line) > MAX_LINE_CHARS), None)
    if overlong is not None:
        ctx.problems.error(start.shifted(overlong), f"linjen er {len(lines[overlong])} tegn lang; en linje må højst "
                                                    f"være {MAX_LINE_CHARS} tegn. Del teksten i flere afsnit med "
                                                    "en tom linje imellem.")
        return []
    # First, before any other pattern reads the lines: a quote nested 150 deep made Python-Markdown
    # recurse past Python's limit, and no author needs more than a few levels.
    quoted_too_deep = next((i for i, line in enumerate(lines)
                            if len(_QUOTE_MARKS.match(line).group(0).replace(" ", "")) > MAX_QUOTE_DEPTH), None)
    if quoted_too_deep is not None:
        ctx.problems.error(start.shifted(quoted_too_deep), f"citatet ligger mere end {MAX_QUOTE_DEPTH} niveauer "
                                                           "inde i et andet citat ('>'). Brug højst "
                                                           f"{MAX_QUOTE_DEPTH} '>' forrest på linjen.")
        return []
    blocks: list[Block] = []
    first = i = 0
    while i < len(lines):
        if not inline_only and _starts_table(lines, i):
            above = _caption_above(lines, first, i)
            if above is not None:
                ctx.problems.error(start.shifted(above), "tabelteksten ('Tabel: ...') skal stå på linjen lige "
                                                         "under tabellen, ikke over den. Flyt linjen ned under "
                                                         "tabellens sidste række.")
                lines = lines[:above] + [""] + lines[above + 1:]
            blocks.extend(_parse_markdown(lines[first:i], start.shifted(first), ctx, headings_allowed, inline_only))
            i, table = _read_table(lines, i, start, ctx)
            if table is not None:
                blocks.append(table)
            first = i
        else:
            i += 1
    blocks.extend(_parse_markdown(lines[first:], start.shifted(first), ctx, headings_allowed, inline_only))
    return blocks


def _parse_markdown(lines: list[str], start: Location, ctx: ReadContext, headings_allowed: bool,
                    inline_only: bool) -> list[Block]:
    if not any(line.strip() for line in lines):
        return []
    headings_reported = _check_heading_levels(lines, start, ctx)
    lines = _refuse_not_yet_supported(lines, start, ctx)
    if not any(line.strip() for line in lines):
        return []  # all refused: Python-Markdown would not even run on an empty text
    normalised = _normalise_list_indent(lines)
    too_deep = next((i for i, line in enumerate(normalised)
                     if _LIST_ITEM.match(line) and len(line) - len(line.lstrip(" ")) >= 4 * MAX_LIST_DEPTH), None)
    if too_deep is not None:
        ctx.problems.error(start.shifted(too_deep), f"listen har mere end {MAX_LIST_DEPTH} niveauer. Saml "
                                                    "underpunkterne, så listen højst har "
                                                    f"{MAX_LIST_DEPTH} niveauer.")
        return []
    _parser.reset()
    _parser.convert("\n".join(_separate_lists(normalised)))
    root: ET.Element = _parser.kept_tree  # type: ignore[attr-defined]
    converter = _TreeConverter(_parser, start, ctx, lines, headings_reported, images_allowed=not inline_only)
    blocks = [b for child in root for b in converter.block(child, nested=not headings_allowed)]
    # A caption is the image's title, which Python-Markdown keeps as typed: its *formatting* is
    # read now that the parser is free again.
    return [replace(b, caption=parse_inline(b.caption[0].text, b.location, ctx))
            if isinstance(b, Image) and b.caption and not _PLAIN_CELL.match(b.caption[0].text) else b
            for b in blocks]


# --- tables ----------------------------------------------------------------------------
# A GFM pipe table at the left margin: a header row, a row of '---' (':' for alignment), then
# body rows of the same width; 'Tabel: ...' on the line right under it is its caption. Read here
# rather than by Python-Markdown, which pads or cuts a ragged row without a word; each cell is
# inline Markdown (notes too).

_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_TABLE_CAPTION = re.compile(r"^\s*[Tt]abel(\s*\d+)?\s*:(.*)$")
_PLAIN_CELL = re.compile(r"^[^\\`*_\[\]<>&!~]*$")  # nothing Markdown would read: taken as it is
# A cell is inline text: '1. kvartal' or '- 5 %' in it is not a list, nor '# 1' a heading.
_CELL_BLOCK_MARK = re.compile(r"^(?:(\d+)(?=[.)]\s)|(?=[-*+]\s|[#>]))")


def _starts_table(lines: list[str], i: int) -> bool:
    line = lines[i]
    return (i + 1 < len(lines) and "|" in line and not line[:1].isspace()
            and not line.startswith((">", "#")) and not _LIST_ITEM.match(line)
            and _is_delimiter_row(lines[i + 1]))


def _caption_above(lines: list[str], first: int, header: int) -> int | None:
    """The offset of a 'Tabel: ...' line standing alone just over a table (the caption put on the
    wrong side, which would print as a paragraph of its own)."""
    above = header - 1
    if above >= first and not lines[above].strip():
        above -= 1  # one blank line between
    if above < first or not _TABLE_CAPTION.match(lines[above]):
        return None
    alone = above == first or not lines[above - 1].strip()
    return above if alone else None


def _header_is_empty(header: list[str]) -> bool:
    return not any(cell.strip() for cell in header)


def _cells(line: str) -> list[str]:
    """A row's cells: split at each '|' not written '\\|', the outer pipes optional."""
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    cells, current, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1:i + 2] == "|":
            current.append("|")
            i += 2
            continue
        if text[i] == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(text[i])
        i += 1
    cells.append("".join(current).strip())
    return cells


def _has_pipe(line: str) -> bool:
    return "|" in line.replace("\\|", "")


def _alignment(cell: str) -> str:
    left, right = cell.startswith(":"), cell.endswith(":")
    return "center" if left and right else "left" if left else "right" if right else ""


def _read_table(lines: list[str], i: int, start: Location, ctx: ReadContext) -> tuple[int, Table | None]:
    """(the offset after the table and its caption, the table or None after its errors)."""
    problems = ctx.problems
    header, delimiter = _cells(lines[i]), _cells(lines[i + 1])
    ok = True
    if len(delimiter) != len(header):
        problems.error(start.shifted(i + 1), f"linjen under tabellens overskriftsrække har {len(delimiter)} "
                                             f"kolonner, men overskriftsrækken har {len(header)}. Skriv én "
                                             "'---' for hver kolonne, fx '| --- | --- |'.")
        ok = False
    elif _header_is_empty(header):
        problems.error(start.shifted(i), "tabellens overskriftsrække er tom. Skriv en overskrift over hver "
                                         "kolonne: den læses op for hver celle under den.")
        ok = False
    elif not all(_DELIMITER_CELL.match(cell) for cell in delimiter):
        problems.error(start.shifted(i + 1), "linjen under tabellens overskriftsrække skal have '---' i hver "
                                             "kolonne (med ':' for at stille teksten til venstre, højre eller "
                                             "i midten), fx '| :--- | ---: |'.")
        ok = False
    rows: list[tuple[list[str], int]] = []
    j = i + 2
    while j < len(lines) and lines[j].strip() and _has_pipe(lines[j]) and not _TABLE_CAPTION.match(lines[j]):
        cells = _cells(lines[j])
        if len(cells) != len(header):
            problems.error(start.shifted(j), f"rækken har {len(cells)} celler, men tabellens overskriftsrække "
                                             f"har {len(header)}. Giv alle rækker lige mange celler adskilt af "
                                             "'|' (en tom celle skrives '| |').")
            ok = False
        rows.append((cells, j))
        j += 1
    caption: Inlines = ()
    if j < len(lines) and lines[j].strip():
        written = _TABLE_CAPTION.match(lines[j])
        if written is None:
            problems.error(start.shifted(j), "linjen står lige under tabellen, men er ikke en række (den har "
                                             "intet '|'). Sæt en tom linje mellem tabellen og teksten, eller "
                                             "skriv 'Tabel: ...', hvis det er tabellens tekst.")
            return j, None
        if written.group(1):
            problems.error(start.shifted(j), "skriv tabelteksten uden nummer, fx 'Tabel: Nøgletal 2015'. "
                                             "Tabellerne nummereres automatisk.")
            ok = False
        elif not written.group(2).strip():
            problems.error(start.shifted(j), "tabelteksten er tom. Skriv den efter 'Tabel:', eller slet linjen.")
            ok = False
        else:
            caption = _cell_inlines(written.group(2).strip(), start.shifted(j), ctx)
        j += 1
    if not ok:
        return j, None
    return j, Table(
        header=tuple(_cell_inlines(cell, start.shifted(i), ctx) for cell in header),
        rows=tuple(tuple(_cell_inlines(cell, start.shifted(offset), ctx) for cell in cells)
                   for cells, offset in rows),
        alignments=tuple(_alignment(cell) for cell in delimiter),
        caption=caption,
    )


def _cell_inlines(text: str, location: Location, ctx: ReadContext) -> Inlines:
    if not text:
        return ()
    if _PLAIN_CELL.match(text):
        return (Text(text),)  # most cells are words and numbers: not worth a parse each
    return parse_inline(_CELL_BLOCK_MARK.sub(lambda m: (m.group(1) or "") + "\\", text, count=1), location, ctx)


# Python-Markdown makes a heading of '#' at the start of a line, space or not, in a quote or a
# list item too; and of a line underlined with '='. The markers are taken possessively (*+): the
# spaces between them could otherwise be split in exponentially many ways before failing.
_HASH_HEADING = re.compile(r"^(?:[ ]{0,3}(?:>|[-*+](?=\s)|\d+[.)](?=\s))[ ]*)*+(#+)")
_SETEXT_ONE = re.compile(r"^[ ]{0,3}=+\s*$")


def _check_heading_levels(lines: list[str], start: Location, ctx: ReadContext) -> bool:
    """Report headings above '##' or below '####' at their line; True if any was."""
    reported = False
    for offset, line in enumerate(lines):
        heading = _HASH_HEADING.match(line)
        depth = len(heading.group(1)) if heading else 0
        if depth == 1:
            ctx.problems.error(start.shifted(offset), "overskrifter i teksten starter med '##': "
                                                      "'#' er afsnittets titel (feltet 'titel').")
        elif depth > 4:
            ctx.problems.error(start.shifted(offset), f"overskriften er {depth} "
                                                      "niveauer dyb; brug højst '####'.")
        elif _SETEXT_ONE.match(line) and offset > 0 and lines[offset - 1].strip():
            ctx.problems.error(start.shifted(offset), "en linje med '=' under teksten gør den til en "
                                                      "overskrift på øverste niveau, og det er afsnittets "
                                                      "titel. Skriv overskriften som '## Overskrift'.")
        else:
            continue
        reported = True
    return reported


# --- Markdown the writers cannot show --------------------------------------------------
# Python-Markdown would print these as the raw characters the author typed. Each is refused at
# its first line and taken out of the text, so nothing else is reported because of it. To
# support one, delete its entry and map its element in _TreeConverter. (Tables that are read
# have been cut out before these run: a pipe row left here is not part of one.)

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_STRIKETHROUGH = re.compile(r"~~(?=\S).*?~~")
_TASK_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s")


def _table_rows(lines: list[str]) -> list[int]:
    """Offsets of the lines of pipe tables (a row between '|', or a header over '---|---')."""
    rows: list[int] = []
    for offset, line in enumerate(lines):
        following = lines[offset + 1] if offset + 1 < len(lines) else ""
        starts = (_PIPE_ROW.match(line) and line.count("|") >= 2) or (
            "|" in line and _is_delimiter_row(following))
        if starts or (rows and rows[-1] == offset - 1 and "|" in line and line.strip()):
            rows.append(offset)
    return rows


def _is_delimiter_row(line: str) -> bool:
    """'---|---' or '| :-- | --: |' (checked without a pattern, which backtracked on spaces)."""
    return "|" in line and "-" in line and not set(line) - set("|-: \t")


def _spans(pattern: re.Pattern) -> Callable[[list[str]], list[int]]:
    return lambda lines: [i for i, line in enumerate(lines) if pattern.search(_without_code_spans(line))]


def _without_code_spans(line: str) -> str:
    """The line without its `code spans`, which show these characters as they are. Paired run by
    run in one pass: a pattern like (`+).+?\\1 takes seconds on a line of backticks."""
    if "`" not in line:
        return line
    runs = [match.span() for match in re.finditer("`+", line)]
    closing: list[int | None] = [None] * len(runs)
    latest: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):  # each run's next run of the same length
        length = runs[index][1] - runs[index][0]
        closing[index] = latest.get(length)
        latest[length] = index
    kept, position, index = [], 0, 0
    while index < len(runs):
        end = closing[index]
        if end is None:
            index += 1
            continue
        kept.append(line[position:runs[index][0]])
        position, index = runs[end][1], end + 1
    kept.append(line[position:])
    return "".join(kept)


_DEFINITION_ITEM = re.compile(r"^ {0,3}:[ \t]+\S")

_NOT_YET: tuple[tuple[Callable[[list[str]], list[int]], re.Pattern | None, str], ...] = (
    # (the lines it stands on, the part of a line to take out (None: the whole line), message)
    (_table_rows, None, "linjen ligner en tabel, men en tabel skal stå helt ude til venstre (ikke i en "
                        "liste eller et citat) og have en linje som '| --- | --- |' lige under "
                        "overskriftsrækken. Ret tabellen, eller fjern tegnene '|'."),
    (_spans(_MISPLACED_NOTE), None, "en fodnotes tekst ('[^1]: ...') skal stå på en linje for sig i "
                                    "afsnittets tekst, ikke i en liste, et citat eller en komponents "
                                    "felt. Flyt linjen ud i afsnittets tekst."),
    (_spans(_STRIKETHROUGH), re.compile("~~"), "gennemstreget tekst ('~~...~~') kan ikke bruges. Fjern "
                                               "tegnene '~~', eller slet teksten."),
    (_spans(_TASK_ITEM), re.compile(r"(?<=\s)\[[ xX]\](?=\s)"), "afkrydsningsfelter ('- [ ]') kan ikke bruges. "
                                                                "Skriv punktet uden '[ ]'."),
    (_spans(_DEFINITION_ITEM), re.compile(r"^ {0,3}:[ \t]+"),
     "en linje, der starter med ': ', ville blive en definitionsliste, og den kan ikke bruges. Skriv "
     "i stedet '**Begreb**: forklaring' på én linje, eller brug en liste med '- '."),
)


def _refuse_not_yet_supported(lines: list[str], start: Location, ctx: ReadContext) -> list[str]:
    lines = list(lines)
    for find, part, message in _NOT_YET:
        offsets = find(lines)
        if offsets:
            ctx.problems.error(start.shifted(offsets[0]), message)
        for offset in offsets:
            lines[offset] = part.sub("", lines[offset]) if part else ""
    return lines


_LIST_ITEM = re.compile(r"^( *)([-*+]|\d+[.)])\s+")
MAX_LIST_DEPTH = 5
_QUOTE_MARKS = re.compile(r"^[ ]*(?:>[ ]?)*")
MAX_QUOTE_DEPTH = 3


def _normalise_list_indent(lines: list[str]) -> list[str]:
    """Nest list items by relative indent, so two spaces nest as well as four.

    Python-Markdown needs four spaces per level; authors (and CommonMark) often use two,
    which would otherwise flatten a nested list without a word.
    """
    result, open_indents = [], []
    for line in lines:
        item = _LIST_ITEM.match(line)
        if item:
            indent = len(item.group(1))
            while open_indents and indent < open_indents[-1]:
                open_indents.pop()
            if not open_indents or indent > open_indents[-1]:
                open_indents.append(indent)
            line = "    " * (len(open_indents) - 1) + line.lstrip(" ")
        elif line.strip() and not line.startswith(" "):
            open_indents = []
        result.append(line)
    return result


def _separate_lists(lines: list[str]) -> list[str]:
    """A blank line before a list item that follows a line of text directly.

    Python-Markdown reads '- a' right under 'Tekst:' (or under an item's second paragraph) as
    more of that paragraph and prints the dash; authors (and CommonMark) mean a list. As in
    CommonMark, a numbered line interrupts a paragraph only from 1, so a wrapped '15. maj'
    stays text. Lines are only added for the parser: locations are looked up in the author's
    own lines.
    """
    result: list[str] = []
    for line in lines:
        item = _LIST_ITEM.match(line)
        previous = result[-1] if result else ""
        if item and item.group(2) in ("-", "*", "+", "1.", "1)") and previous.strip() \
                and not _LIST_ITEM.match(previous) and not _HASH_HEADING.match(previous):
            result.append("")
        # CommonMark's line break, a '\\' at the end of a line, is Python-Markdown's two spaces.
        result.append(line[:-1] + "  " if line.endswith("\\") and not line.endswith("\\\\") else line)
    return result


_HTML_TAG = re.compile(r"<[A-Za-z/!]")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


class _TreeConverter:
    """Element tree -> model blocks. The tree has no line numbers, so what is reported is looked
    up in the source lines, searching on from the last thing found (the tree is walked in
    reading order), so the second of two alike mistakes is found at its own line."""

    def __init__(self, md: markdown.Markdown, start: Location, ctx: ReadContext, lines: list[str],
                 headings_reported: bool = False, images_allowed: bool = True):
        self.md = md
        self.start = start
        self.ctx = ctx
        self.lines = lines
        self.reported_html = False
        self.reported_raw: set[str] = set()  # '![' and '[^' left as characters: said once each
        self.images_allowed = images_allowed  # False in a one-line field or a table cell
        self.headings_reported = headings_reported
        self.cursor = (0, 0)  # (line, column) just after the last thing found

    def _find_text(self, text: str) -> Location:
        """Where `text` next stands after the last thing found (else anywhere; else the start)."""
        line, column = self.cursor
        for offset in range(line, len(self.lines)):
            found = self.lines[offset].find(text, column if offset == line else 0)
            if found >= 0:
                self.cursor = (offset, found + 1)
                return self.start.shifted(offset)
        return next((self.start.shifted(offset) for offset, source in enumerate(self.lines)
                     if text in source), self.start)

    def _find_line(self, wanted: Callable[[str], object]) -> Location:
        """The next line after the last thing found that is `wanted` (else any; else the start)."""
        line, column = self.cursor
        # The line of the last find still counts if that was a part of it, not the whole line.
        past = line < len(self.lines) and column > len(self.lines[line])
        for offset in range(line + past, len(self.lines)):
            if wanted(self.lines[offset]):
                self.cursor = (offset, len(self.lines[offset]) + 1)
                return self.start.shifted(offset)
        return next((self.start.shifted(offset) for offset, source in enumerate(self.lines)
                     if wanted(source)), self.start)

    def _line_of(self, text: str) -> Location:
        return self._find_text(text) if text else self.start

    def _html_location(self) -> Location:
        return self._find_line(_HTML_TAG.search)

    def text(self, raw: str | None) -> str:
        if not raw:
            return ""
        raw = _unobfuscate(raw)

        def resolve(match: re.Match) -> str:
            stashed = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            stashed = stashed if isinstance(stashed, str) else ET.tostring(stashed, encoding="unicode")
            if re.fullmatch(r"&[#A-Za-z0-9]+;", stashed):
                return html.unescape(stashed)
            if not self.reported_html:
                self.reported_html = True
                self.ctx.problems.error(
                    self._html_location(),
                    "HTML-koder er ikke tilladt i teksten. Skriv teksten som almindelig Markdown "
                    "(fx **fed**, *kursiv*, - punkter).",
                )
            return ""

        return _STASH.sub(resolve, raw)

    def texts(self, raw: str | None) -> list[Inline]:
        """Running text: its '[^label]' references become the notes they name."""
        text = self.text(raw)
        if "[^" not in text and "![" not in text:
            return [Text(text)]
        result: list[Inline] = []
        position = 0
        for reference in _NOTE_REFERENCE.finditer(text):
            result.append(Text(text[position:reference.start()]))
            position = reference.end()
            note = self.note(reference.group(1))
            if note is not None:
                result.append(note)
        result.append(Text(text[position:]))
        for node in result:
            if isinstance(node, Text):
                self._refuse_raw(node.text)
        return result

    def _refuse_raw(self, text: str) -> None:
        """'![' or '[^' that Python-Markdown left as characters would be printed as typed."""
        if "![" in text and "![" not in self.reported_raw:
            self.reported_raw.add("![")
            self.ctx.problems.error(self._find_line(lambda line: "![" in line),
                                    "billedet kan ikke læses. Skriv det som '![Alt-tekst](billeder/foto.jpg)' "
                                    "på en linje for sig, med '<' og '>' om stien, hvis filnavnet har "
                                    "mellemrum: '![Alt-tekst](<billeder/mit foto.jpg>)'.")
        if "[^" in text and "[^" not in self.reported_raw:
            self.reported_raw.add("[^")
            self.ctx.problems.error(self._find_line(lambda line: "[^" in line),
                                    "'[^' står uden en fodnotes navn. Skriv fodnoten som '[^1]' uden "
                                    "mellemrum, eller fjern tegnene '[^'.")

    def note(self, label: str) -> Note | None:
        here = self._find_text(f"[^{label}]")
        notes = self.ctx.notes
        if notes is None:
            self.ctx.nested_note_labels.add(label)
            self.ctx.problems.error(here, f"fodnoten '[^{label}]' står i en fodnotes egen tekst, og en "
                                          "fodnote kan ikke have sin egen fodnote. Skriv teksten direkte i noten.")
            return None
        definition = notes.get(label)
        if definition is None:
            close = difflib.get_close_matches(label, [n for n, d in notes.items() if d.used_at is None], n=1)
            if close:
                notes[close[0]].mentioned = True
            hint = (f" – mente du '[^{close[0]}]'?" if close else
                    f". Skriv '[^{label}]: Notens tekst.' på en linje for sig i afsnittet.")
            self.ctx.problems.error(here, f"fodnoten '[^{label}]' har ingen tekst{hint}")
            return None
        if definition.used_at is not None:
            self.ctx.problems.error(here, f"fodnoten '[^{label}]' er allerede brugt (linje {definition.used_at.line}). "
                                          "En fodnote kan kun stå ét sted; giv den nye note sit eget navn og "
                                          "sin egen tekst.")
            return None
        definition.used_at = here
        return Note(definition.blocks) if definition.blocks else None  # an empty one is said where it stands

    def inlines(self, element: ET.Element) -> Inlines:
        result: list[Inline] = []
        if element.text:
            result.extend(self.texts(element.text))
        for child in element:
            result.extend(self.inline(child))
            if child.tail:
                result.extend(self.texts(child.tail))
        return _merge_text(result)

    def inline(self, element: ET.Element) -> list[Inline]:
        tag = element.tag
        if tag == "em":
            return [Emphasis(self.inlines(element))]
        if tag == "strong":
            return [Strong(self.inlines(element))]
        if tag == "a":
            target = _unobfuscate(element.get("href", ""))
            if not _SAFE_LINK.match(target):
                self.ctx.problems.error(self._line_of(target), f"linket '{target}' er ikke tilladt. Brug en "
                                                    "adresse, der starter med https://, http:// eller mailto:.")
                return list(self.inlines(element))
            content = self.inlines(element)
            if target.startswith("#"):
                self.ctx.link(target[1:], self._line_of(f"]({target})"))
            return [Link(target, content)]
        if tag == "br":
            return [LineBreak()]
        if tag == "code":
            # Python-Markdown writes '<', '>' and '&' in a code span as HTML entities.
            return [Text(html.unescape(self.text(element.text)))]
        if tag == "img":
            self.ctx.problems.error(self._image_location(element),
                                    "et billede skal stå i sit eget afsnit direkte i afsnittets tekst, med en "
                                    "tom linje før og efter – ikke inde i en sætning, en liste, en tabel "
                                    "eller en komponent. Flyt '![...](...)' ud på sin egen linje.")
            return []
        return list(self.inlines(element))

    def block(self, element: ET.Element, nested: bool = False) -> list[Block]:
        tag = element.tag
        if tag == "p":
            if self.images_allowed and not nested:
                image = self.image_paragraph(element)
                if image is not None:
                    return image
            content = self.inlines(element)
            text = plain_text(content)
            if not text.strip():
                return []
            return [Paragraph(content)]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            content = self.inlines(element)
            level = int(tag[1])
            if level == 1 or level > 4:
                if not self.headings_reported:  # a form the line scan does not know: still said
                    self.ctx.problems.error(self._line_of(plain_text(content)),
                                            "overskrifter i teksten starter med '##' og går højst til "
                                            "'####'. Ret overskriftens niveau.")
                return []
            if nested:
                self.ctx.problems.error(self._line_of(plain_text(content)),
                                        "overskrifter kan kun stå direkte i afsnittets tekst, ikke i "
                                        "lister, citater eller komponenters felter. Brug **fed** tekst.")
                return [Paragraph((Strong(content),))]
            if _has_note(content):
                self.ctx.problems.error(self._line_of(plain_text(content)),
                                        "en fodnote kan ikke stå i en overskrift. Sæt '[^...]' i teksten "
                                        "under overskriften.")
                content = _without_notes(content)
            return [Heading(level, content, self.ctx.anchor(plain_text(content)))]
        if tag in ("ul", "ol"):
            start = int(element.get("start", "1")) if tag == "ol" else 1
            return [ListBlock(tag == "ol", tuple(self.list_item(li) for li in element if li.tag == "li"), start)]
        if tag == "blockquote":
            return [Quote(tuple(b for child in element for b in self.block(child, nested=True)))]
        if tag == "hr":
            self.ctx.problems.error(self._find_line(_RULE.match), "vandrette streger ('---' eller '***') bruges ikke i "
                                                "teksten. Start i stedet et nyt afsnit med '##'.")
            return []
        if tag in ("pre", "div"):
            code = "".join(element.itertext()).strip().split("\n")[0]
            self.ctx.problems.error(self._line_of(html.unescape(self.text(code)).strip()), "indrykket tekst læses som kode og understøttes ikke. "
                                                "Fjern indrykningen (4 mellemrum) foran linjerne.")
            return []
        self.ctx.problems.error(self.start, f"formateringen <{tag}> understøttes ikke i teksten. "
                                            "Brug afsnit, overskrifter (##), lister og citater (>).")
        return []

    def _image_location(self, img: ET.Element) -> Location:
        written = f"![{img.get('alt', '')}"  # the alt text as typed, unless it had formatting
        return self._find_text(written if any(written in line for line in self.lines) else "![")

    def image_paragraph(self, element: ET.Element) -> list[Block] | None:
        """A paragraph of one image, optionally followed by '{bredde=halv}' or '{dekorativ}':
        [the Image], or [] after its one error; None for any other paragraph."""
        children = list(element)
        if len(children) != 1 or children[0].tag != "img" or (element.text or "").strip():
            return None
        img = children[0]
        after = (img.tail or "").strip()
        if after and not _MARKS.match(after):
            return None  # text after the image: refused as an image in a sentence
        here = self._image_location(img)
        marks = _image_marks(after[1:-1], here, self.ctx) if after else ("hel", False)
        if marks is None:
            return []
        width, decorative = marks
        alt = html.unescape(img.get("alt", "")).strip()
        title = html.unescape(img.get("title", "") or "").strip()
        if not alt and not decorative:
            self.ctx.problems.error(here, "billedet mangler en alt-tekst: en beskrivelse af billedet for dem, "
                                          "der ikke kan se det. Skriv den mellem '[' og ']', fx "
                                          "'![Direktøren ved sit skrivebord](...)'. Er billedet kun pynt, så skriv "
                                          "'{dekorativ}' lige efter det.")
            return []
        if decorative and title:
            self.ctx.problems.error(here, "et billede markeret '{dekorativ}' er kun pynt og har ingen "
                                          "billedtekst. Fjern teksten i anførselstegn, eller fjern '{dekorativ}'.")
            return []
        if "[^" in title:
            self.ctx.problems.error(here, "en billedtekst kan ikke have fodnoter. Skriv kilden i selve "
                                          "billedteksten, fx 'Foto: Navn'.")
            return []
        if _NUMBERED_FIGURE.match(title):
            self.ctx.problems.error(here, "skriv billedteksten uden 'Figur' og nummer, fx \"Direktøren\". "
                                          "Billederne nummereres automatisk.")
            return []
        image = read_image(img.get("src", ""), here, self.ctx, alt="" if decorative else alt,
                           caption=(Text(title),) if title else (), width=width, decorative=decorative)
        return [image] if image is not None else []

    def list_item(self, li: ET.Element) -> tuple[Block, ...]:
        blocks: list[Block] = []
        loose: list[Inline] = []
        if li.text and li.text.strip():
            loose.extend(self.texts(li.text))
        for child in li:
            if child.tag in ("p", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                             "div", "hr"):
                if loose:
                    blocks.append(Paragraph(_merge_text(loose)))
                    loose = []
                blocks.extend(self.block(child, nested=True))
            else:
                loose.extend(self.inline(child))
            if child.tail and child.tail.strip():
                loose.extend(self.texts(child.tail))
        if loose:
            blocks.append(Paragraph(_merge_text(loose)))
        return tuple(blocks)


def _unobfuscate(raw: str) -> str:
    """Python-Markdown writes an e-mail address (<navn@kommune.dk>) as numbered character
    references, to hide it from robots; the model holds the characters."""
    raw = re.sub(re.escape(AMP_SUBSTITUTE) + r"#(\d+);", lambda m: chr(int(m.group(1))), raw)
    return raw.replace(AMP_SUBSTITUTE, "&")


def _merge_text(nodes: list[Inline]) -> Inlines:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            merged.append(node)
    return tuple(merged)


_MARKS = re.compile(r"^\{[^{}\n]*\}$")
_NUMBERED_FIGURE = re.compile(r"^\s*Figur\s*\d+\s*[:.]", re.IGNORECASE)
_IMAGE_MARKS = ("bredde", "dekorativ")


def _image_marks(inner: str, here: Location, ctx: ReadContext) -> tuple[str, bool] | None:
    """'{bredde=halv dekorativ}' -> ("halv", True); None after saying what is wrong."""
    width, decorative = "hel", False
    normalised = re.sub(r"\s*=\s*", "=", inner.strip())
    for token in normalised.split():
        key, equals, value = token.partition("=")
        value = value.strip("\"'")
        if key == "dekorativ" and not equals:
            decorative = True
        elif key == "bredde" and equals:
            if value not in IMAGE_WIDTHS:
                ctx.problems.error(here, f"bredden '{value}' findes ikke{suggestion(value, list(IMAGE_WIDTHS))}")
                return None
            width = value
        elif key == "bredde":
            ctx.problems.error(here, "markeringen 'bredde' ved billedet mangler sin værdi, fx {bredde=halv}"
                                     + suggestion("", list(IMAGE_WIDTHS)))
            return None
        elif key == "dekorativ":
            ctx.problems.error(here, "markeringen 'dekorativ' ved billedet har ingen værdi: skriv den alene, {dekorativ}.")
            return None
        else:
            ctx.problems.error(here, f"ukendt markering '{token}' ved billedet"
                                     f"{suggestion(key, list(_IMAGE_MARKS))}")
            return None
    return width, decorative


def _has_note(content: Inlines) -> bool:
    return any(isinstance(node, Note) or (hasattr(node, "children") and _has_note(node.children))
               for node in content)


def _without_notes(content: Inlines) -> Inlines:
    kept: list[Inline] = []
    for node in content:
        if isinstance(node, Note):
            continue
        if hasattr(node, "children"):
            # replace(), not the class called with every entry of __dataclass_fields__: those hold
            # the ClassVar 'kind' too, and a note in emphasis in a heading then crashed the reading.
            node = replace(node, children=_without_notes(node.children))  # type: ignore[type-var]
        kept.append(node)
    return tuple(kept)
