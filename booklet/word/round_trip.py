"""The round trip: a DOCX this project wrote, edited in Word or LibreOffice, back into the content
files it was made from, so that the version-control diff of content/ shows the author's edits and
nothing else.

Why not read the DOCX into the model and write the model out: the content writer has one form
for each construct, and the author's files have theirs (line breaks, quoting, key order), so
every file would change. Instead the edits are found and applied to the source text:

1. The stamp names the publication, the edition and the fingerprint of the content files when
   the document was written. A different fingerprint means content/ changed since: refused
   (merging both sides' edits is not attempted; the message says how to go on).
2. The same edition is written to DOCX again from the current content and read back with the
   same Word reader as the edited one. Both are then in the reader's vocabulary (components come
   back as paragraphs and lists, generated labels included), so unchanged text compares equal
   and only the author's edits differ.
3. Both are flattened into *units* (a title, a heading, a paragraph, a list item, a table row, a
   caption) and aligned with difflib. A changed unit is found in the source by its words,
   skipping Markdown and YAML markup (see `_Source`; words the tool adds at its ends, like a
   label, may be left off), and edited word by word, or piece by piece where the number of
   words changes: unchanged words keep their bytes, their markup and the line breaks between
   them. In a level edition only the core text and that level's blocks are searched. A new list item or table row is written
   after its neighbour in that neighbour's form; a new heading, paragraph, list or table is
   written with the content writer's Markdown after the block before it.
4. The edited files are read, written to DOCX and read again, in a staging copy; what still
   differs from the author's document is reported as not imported (never silently dropped).
   Edits that make a file fail to read are left out and named with the errors. Only then are
   the files replaced, each atomically, all or none.

What is not done: a new section (Heading 1) or picture, and formatting changed without the
words changing, are named for the author to add by hand; text only the tool writes (labels,
the level heading, the table of contents) has no place in the files and is named if edited.
"""
from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..editions import editions_for, select
from ..errors import ContentError
from ..fingerprint import source_fingerprint
from ..model import (
    Block, Heading, Image, Inlines, LevelSlot, ListBlock, Note, Paragraph, Publication, Quote, Table,
    plain_text,
)
from ..readers.project import load_project
from ..writers.content import NotWritable, _escape, _SectionWriter
from .reader import DocumentReader, ImportedDocument
from .safety import WordPackage, WordRefused, open_docx
from .styles import STAMP_EDITION, STAMP_FINGERPRINT, STAMP_PUBLICATION


class RoundTripRefused(Exception):
    """Raised as the importer's ImportRefused; content/ is unchanged."""


# --- units: the document flattened ------------------------------------------------------

@dataclass
class Unit:
    kind: str  # title, subtitle, h1 (a section), h2-h4, p, li, thead, row, caption, image, slot, note
    text: str  # the visible words, as the reader has them
    key: str  # what must be equal for the unit to be unchanged (its Markdown, formatting included)
    section: str  # the D0/D1 section's title: which file to look in
    block: object = None  # the whole block it belongs to, rendered when all of it is new
    depth: int = 0  # a list item's nesting
    ordered: bool = False
    content: Inlines = ()  # a list item's first paragraph, for writing a new item
    cells: tuple = ()  # a table row's cells, for writing a new row
    slot: object = None  # the level block it stands in: written whole when all of it is new

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _units(document: ImportedDocument, folder: Path) -> list[Unit]:
    writer = _SectionWriter(folder)
    units = [Unit("title", document.title, document.title, ""), Unit("subtitle", document.subtitle,
                                                                     document.subtitle, "")]
    for section in document.sections:
        units.append(Unit("h1", section.title, section.title, section.title))
        for block in section.blocks:
            units.extend(_block_units(block, section.title, writer, block))
    return units


def _md(writer: _SectionWriter, content: Inlines) -> str:
    try:
        return writer.inline(content)
    except NotWritable:
        return repr(content)


def _block_units(block: Block, section: str, writer: _SectionWriter, whole: object, depth: int = 0,
                 prefix: str = "") -> list[Unit]:
    units: list[Unit] = []

    def notes(content: Inlines) -> None:
        for node in _notes_in(content):
            for inner in node.blocks:
                units.extend(_block_units(inner, section, writer, None, 0, "note-"))

    if isinstance(block, Paragraph):
        units.append(Unit(prefix + "p", plain_text(block.content), _md(writer, block.content), section, whole))
        notes(block.content)
    elif isinstance(block, Heading):
        units.append(Unit(prefix + f"h{block.level}", plain_text(block.content), _md(writer, block.content),
                          section, whole))
    elif isinstance(block, ListBlock):
        for item in block.items:
            first = item[0] if item and isinstance(item[0], Paragraph) else None
            content = first.content if first else ()
            units.append(Unit(prefix + "li", plain_text(content), f"{depth}{block.ordered}" + _md(writer, content),
                              section, whole, depth, block.ordered, content))
            if first:
                notes(first.content)
            for inner in item[1 if first else 0:]:
                units.extend(_block_units(inner, section, writer, whole, depth + 1, prefix))
    elif isinstance(block, Quote):
        for inner in block.blocks:
            units.extend(_block_units(inner, section, writer, whole, depth, prefix + "q"))
    elif isinstance(block, Table):
        rows = [("thead", block.header), *(("row", row) for row in block.rows)]
        for kind, cells in rows:
            units.append(Unit(prefix + kind, " ".join(plain_text(c) for c in cells),
                              " | ".join(_md(writer, c) for c in cells) + str(len(cells)), section, whole,
                              cells=cells))
            for cell in cells:
                notes(cell)
        if block.caption:
            units.append(Unit(prefix + "caption", plain_text(block.caption), _md(writer, block.caption), section,
                              whole))
    elif isinstance(block, Image):
        caption = plain_text(block.caption)
        # A picture without alt text is decorative either way: LibreOffice does not keep Word's
        # decorative mark, and the file says it with '{dekorativ}' anyway.
        units.append(Unit(prefix + "image", f"{block.alt} {caption}".strip(),
                          f"{block.file.digest}|{block.alt}|{block.width}|{block.decorative or not block.alt}",
                          section, whole))
        if caption:
            units.append(Unit(prefix + "caption", caption, _md(writer, block.caption), section, whole))
    elif isinstance(block, LevelSlot):
        flags = f"{block.example}{block.none_declared}"
        units.append(Unit(prefix + "slot", "", f"{block.role.axis}={block.role.id}{flags}", section, whole))
        for inner in block.blocks:
            for unit in _block_units(inner, section, writer, inner, depth, prefix):
                unit.slot = block
                units.append(unit)
    else:  # a kind the Word reader does not make: compared whole, never edited
        try:
            text = "\n".join(writer.block(block))
        except NotWritable:
            text = repr(block)
        units.append(Unit(prefix + "other", text, text, section, whole))
    return units


def _notes_in(content: Inlines) -> list[Note]:
    found: list[Note] = []
    for node in content:
        if isinstance(node, Note):
            found.append(node)
        elif hasattr(node, "children"):
            found.extend(_notes_in(node.children))
    return found


# --- the source: words and where they stand ------------------------------------------------

_NOTE_REF = re.compile(r"\[\^[^\]\s]*\]")
_LINK_TAIL = re.compile(r"\]\((?:<[^>]*>|[^)\s]*)(?:\s+\"[^\"]*\")?\)(\{[^}]*\})?")
_MARKUP = str.maketrans("", "", "*_\\[]`|\"'<>#")
_LIST_NUMBER = re.compile(r"^\d+[.)]$")
_YAML_KEY = re.compile(r"^[\wæøåÆØÅ-]+:$")
_CODE_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_SLOT_FENCE = re.compile(r"^\s*:{2,}")
_SLOT_OPEN = re.compile(r"^\s*:{2,}\s*\{[^}]*?(niveau|funktion)\s*=\s*[\"']?([\w-]+)")


def _core(word: str) -> str:
    """A word as the reader shows it: without note references, link targets and markup."""
    return _LINK_TAIL.sub("", _NOTE_REF.sub("", word)).translate(_MARKUP)


def _counts(core: str) -> bool:
    return any(ch.isalnum() for ch in core)


@dataclass
class _Token:
    start: int
    end: int
    line: int
    core: str


class _Source:
    """One content file's text as searchable words: a token per run of non-space characters,
    kept only if it has a letter or digit once its markup is taken off, and is not syntax (a
    list number, a YAML key, a fence line). A unit is found as a contiguous run of these."""

    def __init__(self, path: Path, excluded_role: str | None = None, role_axis: str | None = None):
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        self.original = self.text
        self.lines_at = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.tokens: list[_Token] = []
        yaml_file = path.suffix in (".yml", ".yaml")
        in_fence = in_front = False
        in_other_slot = False
        for number, line in enumerate(self.text.split("\n")):
            offset = self.lines_at[number]
            if number == 0 and line.strip() == "---" and not yaml_file:
                in_front = True
                continue
            if in_front and line.strip() == "---":
                in_front = False
                continue
            if _CODE_FENCE.match(line):
                in_fence = not in_fence
                continue
            if not in_fence and _SLOT_FENCE.match(line):
                opened = _SLOT_OPEN.match(line)
                # A level edition holds the core text and its own level's blocks: the others'
                # words are not searched, so a sentence they share cannot be edited there.
                in_other_slot = bool(opened and role_axis and opened.group(2) != excluded_role)
                continue
            if in_other_slot:
                continue
            yaml = yaml_file or in_fence or in_front
            if yaml and line.lstrip().startswith("#"):
                continue  # a comment to the authors: never shown, so never what a unit is
            first = True
            for match in re.finditer(r"\S+", line):
                word = match.group(0)
                syntax = first and (_LIST_NUMBER.match(word) or word in ("-", "*", "+")) or \
                    (yaml and _YAML_KEY.match(word) and line[:match.start()].strip() in ("", "-"))
                if word in (">",) or (first and word in ("-", "*", "+")):
                    continue  # a quote's or a list's marker: the next word is still first
                first = False
                core = _core(word)
                if syntax or not _counts(core):
                    continue
                self.tokens.append(_Token(offset + match.start(), offset + match.end(), number, core))

    def find(self, words: list[str], after: int = 0) -> list[int] | None:
        """The token indices of `words` (their counting cores, contiguous), first at or after
        token `after`, else anywhere; None if they are not in this file."""
        wanted = [c for c in (_core(w) for w in words) if _counts(c)]
        if not wanted:
            return None
        cores = [t.core for t in self.tokens]
        n = len(wanted)
        for start in [*range(after, len(cores) - n + 1), *range(0, min(after, len(cores) - n + 1))]:
            if cores[start] == wanted[0] and cores[start:start + n] == wanted:
                return list(range(start, start + n))
        return None

    def line_start(self, line: int) -> int:
        return self.lines_at[line]

    def line_end(self, line: int) -> int:
        """The offset of the line's newline (or the text's end)."""
        return self.lines_at[line + 1] - 1 if line + 1 < len(self.lines_at) else len(self.text)

    def line(self, number: int) -> str:
        return self.text[self.line_start(number):self.line_end(number)]

    @property
    def line_count(self) -> int:
        return len(self.lines_at)


@dataclass
class _Edit:
    source: _Source
    start: int
    end: int
    text: str
    about: str = ""  # the author's text it brings in, to name it if it cannot be kept


@dataclass
class _Place:
    """Where a unit stands in the source: its file and token indices."""

    source: _Source
    tokens: list[int]

    @property
    def first_line(self) -> int:
        return self.source.tokens[self.tokens[0]].line

    @property
    def last_line(self) -> int:
        return self.source.tokens[self.tokens[-1]].line


# --- planning the edits ---------------------------------------------------------------------

@dataclass
class _Plan:
    publication: Publication
    sources: dict[Path, _Source]
    section_files: dict[str, Path]  # a section's title -> its file
    manifest: Path
    edits: list[_Edit] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    cursor: dict[Path, int] = field(default_factory=dict)
    placed: dict[int, _Place] = field(default_factory=dict)  # an old unit's index -> its place
    index: dict[int, int] = field(default_factory=dict)  # id() of an old unit -> its index

    def scope(self, unit: Unit) -> list[_Source]:
        if unit.kind in ("title", "subtitle"):
            return [self.sources[self.manifest]]
        own = self.section_files.get(unit.section)
        ordered = ([self.sources[own]] if own else []) + [s for p, s in self.sources.items() if p != own]
        return ordered

    def locate(self, unit: Unit) -> _Place | None:
        if not any(_counts(_core(w)) for w in unit.words):
            return None
        for source in self.scope(unit):
            found = source.find(unit.words, self.cursor.get(source.path, 0))
            if found is not None:
                self.cursor[source.path] = found[-1] + 1
                return _Place(source, found)
        return None

    def locate_trimmed(self, words: list[str], section: str) -> tuple[_Place, int, int] | None:
        """A unit whose first or last few words are the tool's own (a matrix cell's 'Eksempel',
        a label before a field): its place without them, and how many were left off each end."""
        counting = [k for k, w in enumerate(words) if _counts(_core(w))]
        for front in range(0, 4):
            for back in range(0, 3):
                if front + back == 0 or len(counting) - front - back < 2:
                    continue
                first, last = counting[front], counting[len(counting) - 1 - back]
                unit = Unit("p", " ".join(words[first:last + 1]), "", section)
                place = self.locate(unit)
                if place is not None:
                    return place, first, len(words) - 1 - last
        return None

    current: str = ""  # the unit being placed, named on each of its edits

    def add(self, edit: _Edit) -> None:
        edit.about = self.current
        self.edits.append(edit)

    def say_unplaced(self, unit: Unit, why: str) -> None:
        where = f" i afsnittet '{unit.section}'" if unit.section else ""
        self.unplaced.append(f"{why}{where}: \"{_first_words(unit.text)}\"")


def plan_edits(publication: Publication, before: ImportedDocument, after: ImportedDocument,
               edition_role: tuple[str, str] | None) -> _Plan:
    folder = publication.folder
    files = [p for p in publication.sources if p.suffix in (".md", ".yml") and p.is_relative_to(folder)]
    role_id, axis = edition_role or (None, None)
    sources = {p: _Source(p, role_id, axis) for p in dict.fromkeys(files)}
    section_files = {s.title: s.location.path for s in publication.sections if s.location.path in sources}
    manifest = next(p for p in sources if p.suffix == ".yml")
    plan = _Plan(publication, sources, section_files, manifest)
    old, new = _units(before, folder), _units(after, folder)
    plan.index = {id(unit): k for k, unit in enumerate(old)}
    _place_in_order(plan, old)
    matcher = difflib.SequenceMatcher(None, [(u.kind, u.key) for u in old], [(u.kind, u.key) for u in new],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = 0
        if tag == "replace":
            while (pairs < min(i2 - i1, j2 - j1) and old[i1 + pairs].kind == new[j1 + pairs].kind):
                pairs += 1
        for k in range(pairs):
            plan.current = _described(new[j1 + k])
            _edit_unit(plan, old[i1 + k], new[j1 + k])
        if i1 + pairs < i2:
            for unit in old[i1 + pairs:i2]:
                plan.current = "slettet: " + _described(unit)
                _delete_unit(plan, unit)
        if j1 + pairs < j2:
            plan.current = "; ".join(_described(u) for u in new[j1 + pairs:j2])
            _insert_units(plan, old, i1 + pairs, new[j1 + pairs:j2], new, j1 + pairs)
    return plan


def _described(unit: Unit) -> str:
    where = f" i afsnittet '{unit.section}'" if unit.section else ""
    return f"\"{_first_words(unit.text)}\"{where}"


def _first_words(text: str, most: int = 12) -> str:
    words = text.split()
    return " ".join(words[:most]) + (" ..." if len(words) > most else "")


def _edit_unit(plan: _Plan, old: Unit, new: Unit) -> None:
    if old.words == new.words:
        if old.kind not in ("slot", "image") and old.key != new.key:
            plan.say_unplaced(new, "ændret formatering (fed, kursiv, link) er ikke importeret")
        elif old.key != new.key:
            plan.say_unplaced(new, "ændringen af billedet eller niveaublokken er ikke importeret")
        return
    if old.kind == "other" or old.kind.endswith("image"):
        plan.say_unplaced(new, "teksten kan ikke placeres")
        return
    if old.kind.endswith(("row", "thead")) and len(old.cells) == len(new.cells) and len(old.cells) > 1:
        # Cell by cell: a row may mix the tool's labels (a forum's 'Mødeform og hyppighed')
        # with the author's text, and only the changed cells need a place.
        for before, after in zip(old.cells, new.cells):
            if plain_text(before) != plain_text(after):
                _edit_unit(plan, Unit("cell", plain_text(before), "", old.section),
                           Unit("cell", plain_text(after), "", new.section))
        return
    place = plan.placed.get(plan.index.get(id(old), -1)) or plan.locate(old)
    front = back = 0
    if place is None:
        trimmed = plan.locate_trimmed(old.words, old.section)
        if trimmed is None:
            plan.say_unplaced(new, "teksten står ikke i indholdsfilerne (den er lavet af værktøjet) og er ikke "
                                   "importeret")
            return
        place, front, back = trimmed
    source = place.source
    tokens = source.tokens
    # Old words onto source tokens: the counting ones in order; the others (and the tool's own
    # words at the ends) have none.
    mapping: list[int | None] = []
    position = iter(place.tokens)
    for k, word in enumerate(old.words):
        inside = front <= k < len(old.words) - back
        mapping.append(next(position) if inside and _counts(_core(word)) else None)
    old_words, new_words = old.words, new.words
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        mapped = [m for m in mapping[i1:i2] if m is not None]
        replacement = [_escape(word, line_start=False) for word in new_words[j1:j2]]
        if tag == "replace" and i2 - i1 == j2 - j1 and len(mapped) == i2 - i1:
            for index, word, fresh in zip(mapped, old_words[i1:i2], new_words[j1:j2]):
                token = tokens[index]
                written = source.text[token.start:token.end]
                # The word inside its markup ('*størst*') is replaced, so the markup stays;
                # a word the markup splits ('**enkelt**faktor') is replaced whole.
                start, end = token.start, token.end
                if written.count(word) == 1:
                    start += written.find(word)
                    end = start + len(word)
                plan.add(_Edit(source, start, end, _escape(fresh, line_start=False)))
            continue
        if tag == "replace" and len(mapped) == i2 - i1 and replacement and \
                _piece_edits(plan, source, [tokens[m] for m in mapped], old_words[i1:i2], new_words[j1:j2]):
            continue
        if mapped:
            start, end = tokens[mapped[0]].start, tokens[mapped[-1]].end
            gaps = [source.text[tokens[a].end:tokens[b].start] for a, b in zip(mapped, mapped[1:])]
            if replacement:
                text = replacement[0]
                for k, word in enumerate(replacement[1:]):
                    text += (gaps[k] if k < len(gaps) else " ") + word
                plan.add(_Edit(source, start, end, text))
            else:
                # Deleted words take one space with them, so no double space is left.
                while start > 0 and source.text[start - 1] == " ":
                    start -= 1
                if start == tokens[mapped[0]].start:
                    while end < len(source.text) and source.text[end] == " ":
                        end += 1
                plan.add(_Edit(source, start, end, ""))
            continue
        if any(_counts(_core(word)) for word in old_words[i1:i2]):
            plan.say_unplaced(new, "en rettelse i værktøjets egen tekst er ikke importeret")
            continue
        if not replacement:
            continue  # words without letters or digits that were only the tool's own
        before = next((m for m in reversed(mapping[:i1]) if m is not None), None)
        following = next((m for m in mapping[i2:] if m is not None), None)
        if before is not None:
            at = tokens[before].end
            plan.add(_Edit(source, at, at, " " + " ".join(replacement)))
        elif following is not None:
            at = tokens[following].start
            plan.add(_Edit(source, at, at, " ".join(replacement) + " "))
        else:
            plan.say_unplaced(new, "teksten kan ikke placeres")


_PIECE = re.compile(r"\w+|[^\w\s]")


def _piece_edits(plan: _Plan, source: _Source, tokens: list[_Token], old_words: list[str],
                 new_words: list[str]) -> bool:
    """Words replaced by a different number of words ('størst betydning.' -> 'mindst betydning
    nu.'), edited piece by piece (a word, or one punctuation mark), so the words and marks that
    stay keep their bytes and the markup around them. False (nothing added) when a piece cannot
    be found in its token, and the caller replaces the words whole."""
    old_pieces: list[tuple[int, int, int]] = []  # (word, start, end) in the source
    old_texts: list[str] = []
    for k, (word, token) in enumerate(zip(old_words, tokens)):
        written = source.text[token.start:token.end]
        cursor = 0
        for piece in _PIECE.findall(word):
            at = written.find(piece, cursor)
            if at < 0:
                return False
            old_pieces.append((k, token.start + at, token.start + at + len(piece)))
            old_texts.append(piece)
            cursor = at + len(piece)
    new_text = " ".join(new_words)
    new_spans = [(m.start(), m.end()) for m in _PIECE.finditer(new_text)]
    new_texts = [new_text[a:b] for a, b in new_spans]
    pending: list[_Edit] = []
    matcher = difflib.SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        inserted = new_text[new_spans[j1][0]:new_spans[j2 - 1][1]] if j2 > j1 else ""
        escaped = _escape(inserted, line_start=False)
        if i2 > i1:
            words = {old_pieces[k][0] for k in range(i1, i2)}
            whole = all(sum(1 for piece in old_pieces if piece[0] == w) ==
                        sum(1 for k in range(i1, i2) if old_pieces[k][0] == w) for w in words)
            if not inserted and whole:
                # Whole words deleted: their markup and one space go with them.
                start, end = tokens[min(words)].start, tokens[max(words)].end
                if start > 0 and source.text[start - 1] == " ":
                    start -= 1
                elif end < len(source.text) and source.text[end] == " ":
                    end += 1
                pending.append(_Edit(source, start, end, ""))
                continue
            pending.append(_Edit(source, old_pieces[i1][1], old_pieces[i2 - 1][2], escaped))
            continue
        # Inserted between two kept pieces: with the space the author typed before it.
        spaced_before = new_spans[j1][0] > 0 and new_text[new_spans[j1][0] - 1] == " "
        if i1 > 0:
            at = old_pieces[i1 - 1][2]
            if spaced_before:
                at = tokens[old_pieces[i1 - 1][0]].end if old_pieces[i1 - 1][0] != (
                    old_pieces[i1][0] if i1 < len(old_pieces) else -1) else at
                pending.append(_Edit(source, at, at, " " + escaped))
            else:
                pending.append(_Edit(source, at, at, escaped))
        elif i1 < len(old_pieces):
            at = old_pieces[i1][1]
            spaced_after = new_spans[j2 - 1][1] < len(new_text) and new_text[new_spans[j2 - 1][1]] == " "
            pending.append(_Edit(source, at, at, escaped + (" " if spaced_after else "")))
        else:
            return False
    for edit in pending:
        plan.add(edit)
    return True


def _delete_unit(plan: _Plan, unit: Unit) -> None:
    if unit.kind in ("slot", "title", "subtitle", "h1") or unit.kind.endswith("image"):
        plan.say_unplaced(unit, "det slettede kan ikke slettes i indholdsfilerne; slet det selv")
        return
    place = plan.placed.get(plan.index.get(id(unit), -1)) or plan.locate(unit)
    if place is None:
        plan.say_unplaced(unit, "det slettede står ikke i indholdsfilerne og er ikke slettet")
        return
    source = place.source
    first, last = place.first_line, place.last_line
    whole_lines = all(_only_syntax(source, n, place) for n in range(first, last + 1))
    if whole_lines:
        start = source.line_start(first)
        end = min(source.line_end(last) + 1, len(source.text))
        # A blank line on both sides: one of them goes with the text.
        above_blank = first > 0 and not source.line(first - 1).strip()
        below_blank = last + 1 < source.line_count and not source.line(last + 1).strip()
        if above_blank and below_blank:
            end = min(source.line_end(last + 1) + 1, len(source.text))
        plan.add(_Edit(source, start, end, ""))
    else:
        tokens = source.tokens
        start, end = tokens[place.tokens[0]].start, tokens[place.tokens[-1]].end
        while start > 0 and source.text[start - 1] == " ":
            start -= 1
        plan.add(_Edit(source, start, end, ""))


def _only_syntax(source: _Source, line: int, place: _Place) -> bool:
    """True when the line holds nothing but the unit's words and markup."""
    own = {source.tokens[i].start for i in place.tokens}
    others = [t for t in source.tokens if t.line == line and t.start not in own]
    return not others


_ITEM_PREFIX = re.compile(r"^(\s*(?:>\s*)*)([-+*]|\d+[.)])(\s+)")


def _insert_units(plan: _Plan, old: list[Unit], at: int, inserted: list[Unit], new: list[Unit], j: int) -> None:
    """New units after old[at - 1] (or before old[at])."""
    writer = _SectionWriter(plan.publication.folder, wrap=True)
    anchor = _anchor(plan, old, at)
    handled_blocks: set[int] = set()
    lines_after: list[str] = []  # accumulated item/row lines in order
    for offset, unit in enumerate(inserted):
        if unit.slot is not None and id(unit.slot) in handled_blocks:
            continue  # written with its new level block
        whole = unit.block
        if unit.kind in ("li", "row") and anchor is not None and anchor[1].kind in ("li", "row", "thead") \
                and not _block_all_new(whole, new, j, j + len(inserted)):
            place, neighbour = anchor
            line = place.source.line(place.first_line)
            if unit.kind == "li":
                prefix = _ITEM_PREFIX.match(line)
                if prefix is None or neighbour.kind != "li":
                    plan.say_unplaced(unit, "det nye punkt kan ikke placeres")
                    continue
                indent, marker, space = prefix.groups()
                if unit.depth > neighbour.depth:
                    indent += "    " * (unit.depth - neighbour.depth)
                elif unit.depth < neighbour.depth:
                    indent = indent[:max(0, len(indent) - 4 * (neighbour.depth - unit.depth))]
                if marker[0].isdigit():
                    marker = f"{int(marker[:-1]) + 1 + len(lines_after)}{marker[-1]}"
                lines_after.append(f"{indent}{marker}{space}{writer.inline(unit.content, line_start=False)}")
            else:
                if neighbour.kind not in ("row", "thead"):
                    plan.say_unplaced(unit, "den nye række kan ikke placeres")
                    continue
                lines_after.append("| " + " | ".join(writer.cell(c) for c in unit.cells) + " |")
            continue
        if whole is None or id(whole) in handled_blocks:
            if whole is None:
                plan.say_unplaced(unit, "den nye tekst kan ikke placeres")
            continue
        handled_blocks.add(id(whole))
        if not _block_all_new(whole, new, j, j + len(inserted)):
            plan.say_unplaced(unit, "den nye tekst kan ikke placeres")
            continue
        if _has_image(whole):
            # Its picture is only in the DOCX: writing the path without the file would make the
            # whole import fail, so the author is told to add it by hand.
            plan.say_unplaced(unit, "et nyt billede er ikke importeret; læg filen i billeder/, og skriv det i "
                                    "afsnittets fil")
            continue
        try:
            rendered = writer.block(whole)  # type: ignore[arg-type]
        except NotWritable:
            plan.say_unplaced(unit, "den nye tekst kan ikke skrives")
            continue
        if writer.notes:
            plan.say_unplaced(unit, "en ny fodnote er ikke importeret")
            writer.notes.clear()
        if unit.kind in ("title", "subtitle", "h1"):
            plan.say_unplaced(unit, "et nyt afsnit eller en ny titel kan ikke placeres; opret afsnittets fil selv")
            continue
        if anchor is None:
            # Nothing before it in the files (the section's start, or after a picture): the
            # block goes right before the one that follows it.
            following_place = _following(plan, old, at, unit.section)
            if following_place is None:
                plan.say_unplaced(unit, "den nye tekst kan ikke placeres")
                continue
            source = following_place.source
            start_line = _group_start(source, following_place.first_line)
            at_offset = source.line_start(start_line)
            plan.add(_Edit(source, at_offset, at_offset, "\n".join(rendered) + "\n\n"))
            continue
        place, _neighbour = anchor
        source = place.source
        end_line = _group_end(source, place.last_line)
        at_offset = source.line_end(end_line)
        following = source.line(end_line + 1) if end_line + 1 < source.line_count else ""
        text = "\n\n" + "\n".join(rendered)
        if following.strip() and not _SLOT_FENCE.match(following):
            text += "\n"
        plan.add(_Edit(source, at_offset, at_offset, text))
    if lines_after and anchor is not None:
        place, _ = anchor
        end_line = place.last_line
        at_offset = place.source.line_end(end_line)
        plan.add(_Edit(place.source, at_offset, at_offset, "\n" + "\n".join(lines_after)))


def _has_image(block: object) -> bool:
    if isinstance(block, Image):
        return True
    if isinstance(block, (Quote, LevelSlot)):
        return any(_has_image(inner) for inner in block.blocks)
    if isinstance(block, ListBlock):
        return any(_has_image(inner) for item in block.items for inner in item)
    return False


def _block_all_new(block: object, new: list[Unit], j1: int, j2: int) -> bool:
    return block is not None and all(j1 <= k < j2 for k, u in enumerate(new) if u.block is block)


def _anchor(plan: _Plan, old: list[Unit], at: int) -> tuple[_Place, Unit] | None:
    """The nearest unit before `at` found in the source, with its place."""
    for k in range(at - 1, -1, -1):
        unit = old[k]
        if unit.kind in ("title", "subtitle", "slot") or unit.kind.endswith("image"):
            if unit.kind == "slot":
                continue
            return None
        if unit.kind == "h1":
            return None  # the first block of a section: placed after the front matter below
        place = _locate_fresh(plan, unit, old, k)
        if place is not None:
            return place, unit
    return None


def _following(plan: _Plan, old: list[Unit], at: int, section: str) -> _Place | None:
    """The place of the first unit from `at` on, in the same section, found in the files."""
    for k in range(at, len(old)):
        unit = old[k]
        if unit.kind in ("h1", "title", "subtitle") or unit.section != section:
            return None
        if unit.kind == "slot" or unit.kind.endswith("image"):
            continue
        place = _locate_fresh(plan, unit, old, k)
        if place is not None:
            return place
    return None


def _group_start(source: _Source, line: int) -> int:
    """The first line of the block standing on `line` (back to a blank line or a fence)."""
    while line > 0:
        above = source.line(line - 1)
        if not above.strip() or _SLOT_FENCE.match(above) or _CODE_FENCE.match(above) or above.strip() == "---":
            return line
        line -= 1
    return line


def _locate_fresh(plan: _Plan, unit: Unit, old: list[Unit], k: int) -> _Place | None:
    """A unit's place in reading order (see `_place_in_order`)."""
    return plan.placed.get(k)


def _place_in_order(plan: _Plan, old: list[Unit]) -> None:
    """Every unit of the exported document found in the files in reading order, each search
    going on from where the one before it was found in that file: a sentence a section has
    twice is edited where this one stands, not at the first."""
    cursors: dict[Path, int] = {}
    for k, unit in enumerate(old):
        if unit.kind in ("h1", "slot") or not any(_counts(_core(w)) for w in unit.words):
            continue
        for source in plan.scope(unit):
            cursor = cursors.get(source.path, 0)
            hit = source.find(unit.words, cursor)
            if hit is not None and hit[0] >= cursor:
                cursors[source.path] = hit[-1] + 1
                plan.placed[k] = _Place(source, hit)
                break


def _group_end(source: _Source, line: int) -> int:
    """The last line of the block standing on `line`: on to the next blank line, a level
    block's fence, or a component's closing fence."""
    fence_open = False
    for n in range(0, line + 1):
        if _CODE_FENCE.match(source.line(n)):
            fence_open = not fence_open
    n = line
    while n + 1 < source.line_count:
        following = source.line(n + 1)
        if fence_open:
            n += 1
            if _CODE_FENCE.match(following):
                return n
            continue
        if not following.strip() or _SLOT_FENCE.match(following):
            return n
        n += 1
    return n


def apply(plan: _Plan) -> dict[Path, str]:
    """The new text of each changed file. Overlapping edits (one text found twice) are refused."""
    by_file: dict[Path, list[_Edit]] = {}
    for edit in plan.edits:
        by_file.setdefault(edit.source.path, []).append(edit)
    result = {}
    for path, edits in by_file.items():
        edits.sort(key=lambda e: (e.start, e.end))
        for a, b in zip(edits, edits[1:]):
            if b.start < a.end:
                raise RoundTripRefused(f"to rettelser i {path.name} rammer den samme tekst; importen kan ikke "
                                       "afgøre, hvilken der gælder. Ret teksten direkte i filen.")
        text = edits[0].source.original
        for edit in reversed(edits):
            text = text[:edit.start] + edit.text + text[edit.end:]
        if text != edits[0].source.original:
            result[path] = text
    return result


# --- the command --------------------------------------------------------------------------

def update(root: Path, package: WordPackage, stamp: dict[str, str], accept_changes: bool = False,
           say=print) -> Path:
    from ..commands.import_docx import ImportRefused

    try:
        return _update(root, package, stamp, accept_changes, say)
    except RoundTripRefused as exc:
        raise ImportRefused(str(exc)) from None


def _update(root: Path, package: WordPackage, stamp: dict[str, str], accept_changes: bool, say) -> Path:
    publication_id = stamp.get(STAMP_PUBLICATION, "")
    edition_id = stamp.get(STAMP_EDITION, "")
    fingerprint = stamp.get(STAMP_FINGERPRINT, "")
    folder = root / "content" / "publikationer" / publication_id
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", publication_id) or not folder.is_dir():
        raise RoundTripRefused(f"dokumentet er lavet ud fra publikationen '{publication_id}', som ikke findes i "
                               "content/publikationer/. Importér det som en ny publikation med --som <id>.")
    if not edition_id or not fingerprint:
        raise RoundTripRefused(f"dokumentet nævner publikationen '{publication_id}', men ikke hvilken udgave og "
                               "hvilken version af teksten det er lavet ud fra, så rettelserne kan ikke placeres. "
                               "Importér det som en ny publikation med --som <id>, og sammenlign.")
    try:
        publication = load_project(root, only=publication_id).publications[0]
    except ContentError as exc:
        raise RoundTripRefused(f"publikationen '{publication_id}' har fejl, der skal rettes, før Word-dokumentet "
                               f"kan læses ind i den:\n{exc}") from None
    if source_fingerprint(publication) != fingerprint:
        raise RoundTripRefused(
            f"indholdet af '{publication_id}' er ændret, siden dokumentet blev lavet, så rettelserne i Word kan "
            "ikke lægges ind uden at overskrive de nye ændringer. Byg DOCX'en igen ('python build.py build "
            f"{publication_id} --format docx'), og overfør rettelserne til den, eller importér dokumentet som en "
            "ny publikation med --som <id> og sammenlign med 'python build.py diff'.")
    edition = next((e for e in editions_for(publication) if e.id == edition_id), None)
    if edition is None:
        raise RoundTripRefused(f"dokumentet er udgaven '{edition_id}', som publikationen '{publication_id}' ikke "
                               "har. Importér det som en ny publikation med --som <id>.")
    with tempfile.TemporaryDirectory(prefix="booklet-round-trip-") as work:
        work_path = Path(work)
        try:
            edited = DocumentReader(package, publication.folder, publication.organisation, accept_changes).read()
        except WordRefused as exc:
            raise RoundTripRefused(str(exc)) from None
        before = _read_edition(root, publication, edition, work_path / "før.docx")
        role = (edition.role.id, edition.role.axis) if edition.role is not None else None
        plan = plan_edits(publication, before, edited, role)
        changed = apply(plan)
        left: list[str] = []
        if changed:
            try:
                left = _verify(root, publication, edition, changed, edited, work_path / "1", plan.unplaced)
            except _StagedErrors as exc:
                # The edits to a file that no longer reads are left out and named; the others
                # are checked again on their own.
                for edit in plan.edits:
                    if edit.source.path in exc.paths:
                        plan.unplaced.append(f"rettelsen gav fejl i {edit.source.path.name} og er ikke lagt ind: "
                                             f"{edit.about}")
                plan.unplaced.append("fejlene var:\n" + exc.message)
                plan.edits = [edit for edit in plan.edits if edit.source.path not in exc.paths]
                plan.unplaced = list(dict.fromkeys(plan.unplaced))
                changed = apply(plan)
                if changed:
                    try:
                        left = _verify(root, publication, edition, changed, edited, work_path / "2", plan.unplaced)
                    except _StagedErrors as again:
                        raise RoundTripRefused("rettelserne fra Word giver fejl i indholdsfilerne, så intet er "
                                               f"importeret:\n{again.message}\nRet dokumentet, eller ret filerne "
                                               "selv.") from None
        if not changed:
            for note in plan.unplaced:
                say(f"advarsel: {note}")
            say(f"Ingen ændringer at importere i {publication_id} ({edition_id})" +
                (": de ændringer, der er nævnt ovenfor, skal rettes i filerne selv." if plan.unplaced else "."))
            return folder
    _write_all(changed)
    relative = folder.relative_to(root)
    names = ", ".join(sorted(p.name for p in changed))
    say(f"Importeret rettelserne fra Word i {relative}/ (udgaven '{edition_id}'): {names}.")
    for note in plan.unplaced + left:
        say(f"advarsel: ikke importeret: {note}")
    if plan.unplaced or left:
        say("Teksten ovenfor er ikke lagt ind: ret den selv i filerne.")
    say(f"Se ændringerne med 'git diff {relative}', og kør 'python build.py check {publication_id}'.")
    return folder


class _StagedErrors(Exception):
    def __init__(self, paths: set[Path], message: str):
        super().__init__(message)
        self.paths = paths
        self.message = message


def _read_edition(root: Path, publication: Publication, edition, target: Path) -> ImportedDocument:
    """The edition written to DOCX as the project writes it, and read back by the Word reader."""
    from .writer import DocxWriter

    DocxWriter(root / "templates", root / "styles").write(select(publication, edition), edition, target, root)
    return DocumentReader(open_docx(target), publication.folder, publication.organisation).read()


def _verify(root: Path, publication: Publication, edition, changed: dict[Path, str],
            edited: ImportedDocument, work: Path, plan_unplaced: list[str]) -> list[str]:
    """The edited files in a staging copy of the project: they must read without errors, and
    what their DOCX holds is compared with the author's; the differences left are returned."""
    stage = work / "projekt"
    work.mkdir(parents=True, exist_ok=True)
    (stage / "content" / "publikationer").mkdir(parents=True)
    # Copied, not linked: the readers refuse a content file that links outside content/.
    shutil.copytree(root / "content" / "organisationer", stage / "content" / "organisationer")
    for name in ("styles", "templates"):
        if (root / name).exists():
            (stage / name).symlink_to((root / name).resolve())
    # The other publications by their manifests only: 'forrige:' names one of them.
    for other in publication.folder.parent.glob("*/publikation.yml"):
        if other.parent != publication.folder:
            (stage / "content" / "publikationer" / other.parent.name).mkdir()
            shutil.copyfile(other, stage / "content" / "publikationer" / other.parent.name / other.name)
    copy = stage / "content" / "publikationer" / publication.folder.name
    shutil.copytree(publication.folder, copy, symlinks=True)
    for path, text in changed.items():
        (copy / path.relative_to(publication.folder)).write_text(text, encoding="utf-8")
    try:
        staged = load_project(stage, only=publication.id).publications[0]
    except ContentError as exc:
        paths = set()
        for problem in exc.problems:
            path = Path(problem.location.path)
            if path.is_relative_to(copy):
                paths.add(publication.folder / path.relative_to(copy))
        raise _StagedErrors(paths, str(exc).replace(str(stage) + os.sep, "")) from None
    after = _read_edition(stage, staged, edition, work / "efter.docx")
    got, wanted = _units(after, publication.folder), _units(edited, publication.folder)
    left: list[str] = []
    matcher = difflib.SequenceMatcher(None, [tuple(u.words) for u in got], [tuple(u.words) for u in wanted],
                                      autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            left.extend(f"\"{_first_words(u.text)}\"" for u in wanted[j1:j2] if u.text.strip())
    said = " ".join(plan_unplaced)
    left = [note for note in dict.fromkeys(left) if note not in said]
    return left


def _write_all(changed: dict[Path, str]) -> None:
    """Each file through a temporary file beside it and a rename; if one fails, those already
    replaced get their old text back, so content/ is as before."""
    staged: list[tuple[Path, Path]] = []
    done: list[tuple[Path, bytes]] = []
    try:
        for path, text in changed.items():
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".import", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            staged.append((Path(temp), path))
        for temp, path in staged:
            old = path.read_bytes()
            os.replace(temp, path)
            done.append((path, old))
    except BaseException:
        for path, old in done:
            path.write_bytes(old)
        for temp, _path in staged:
            temp.unlink(missing_ok=True)
        raise
