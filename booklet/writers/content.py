"""The model written back as content files: `publikation.yml` and one `.md` per section, in the
syntax content/README.md teaches and the readers read.

Used by the Word import, which reads a document into the model and writes it here. The rule is
that reading what this writes gives the same model (tests check it on every seed publication):
so text is escaped wherever Markdown or YAML would otherwise read it as syntax (a typed "1." at
the start of a line stays text, a '*' stays a star), and every construct is written in the one
form the readers know.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..model import (
    DRAFT, Block, CompetencyWheel, Emphasis, FactBox, FocusGrid, Foreword, Forum, Heading, House, Hub, Image,
    Inline, Inlines, LayerModel, LevelMatrix, LevelSlot, LineBreak, Link, ListBlock, Note, PackageList,
    Paragraph, PullQuote, Publication, Quote, Section, StatementGroups, Strong, Table, Text, ThemeList,
    ValueList,
)
from ..readers.components import FORUM_FIELDS
from ..readers.image_file import SHARED_PREFIX
from ..readers.publication import MANIFEST_NAME, VARIANT_AXES

_AXIS_NAMES = {axis: name for name, axis in VARIANT_AXES.items()}
_ALIGNMENT_ROWS = {"": "---", "left": ":--", "center": ":-:", "right": "--:"}
_WRAP = 100  # characters per line of running text: readable in an editor, diffable line by line


class NotWritable(Exception):
    """A block that only an edition holds (the review edition's matrix), never the content."""


def write_publication(publication: Publication, folder: Path, file_names: dict[str, str] | None = None,
                      wrap: bool = False) -> list[Path]:
    """The publication's manifest and section files in `folder` (which must exist); the paths
    written. `file_names` maps a section id to its file name (default '<id>.md'). `wrap` breaks
    paragraphs that have no line breaks of their own (text from Word) into lines of about
    _WRAP characters, so a later edit shows as one changed line in a diff."""
    names = {s.id: (file_names or {}).get(s.id, f"{s.id}.md") for s in publication.sections}
    written = []
    manifest = folder / MANIFEST_NAME
    manifest.write_text(manifest_text(publication, [names[s.id] for s in publication.sections]), encoding="utf-8")
    written.append(manifest)
    for section in publication.sections:
        path = folder / names[section.id]
        path.write_text(section_text(section, publication.folder, wrap), encoding="utf-8")
        written.append(path)
    return written


# --- the manifest ---------------------------------------------------------------------

def manifest_text(publication: Publication, section_files: list[str]) -> str:
    lines = [
        f"type: {publication.type}",
        f"organisation: {publication.organisation.id}",
        f"titel: {_scalar(publication.title)}",
    ]
    if publication.subtitle:
        lines.append(f"undertitel: {_scalar(publication.subtitle)}")
    # A full date, or a month (2014-06) or year (2014) where the source gives no day.
    lines.append(f"dato: {publication.date.isoformat() if hasattr(publication.date, 'isoformat') else publication.date}")
    if publication.issuer:  # none where the source names no publisher
        lines.append(f"udgiver: {_scalar(publication.issuer)}")
    if publication.variant_axis:
        lines.append(f"varianter: {_AXIS_NAMES[publication.variant_axis]}")
    if publication.keywords:
        lines.append("nøgleord: [" + ", ".join(_flow_scalar(k) for k in publication.keywords) + "]")
    if publication.paper != "A4":
        lines.append(f"papir: {publication.paper}")
    if publication.previous:
        lines.append(f"forrige: {_scalar(publication.previous)}")
    if publication.toc_concretisations:
        lines += ["indholdsfortegnelse:", "  konkretiseringer: ja"]
    if publication.status != DRAFT:  # without 'status:' a publication is a draft, as an import is
        lines.append(f"status: {publication.status}")
        if publication.approved_by:
            lines.append(f"godkendt_af: {_scalar(publication.approved_by)}")
        if publication.approved_on:
            lines.append(f"godkendt_dato: {publication.approved_on.isoformat()}")
    if publication.cover_image is not None:
        lines += ["forsidebillede:",
                  f"  fil: {_scalar(_image_path(publication.cover_image, publication.folder))}",
                  f"  alt: {_scalar(publication.cover_image.alt)}"]
    lines.append("afsnit:")
    lines += [f"  - {_scalar(name)}" for name in section_files]
    return "\n".join(lines) + "\n"


# --- a section ------------------------------------------------------------------------

def section_text(section: Section, folder: Path, wrap: bool = False) -> str:
    writer = _SectionWriter(folder, wrap)
    front = ["---", f"titel: {_scalar(section.title)}"]
    if section.short_title:
        front.append(f"kort_titel: {_scalar(section.short_title)}")
    if section.concretised and not section.slots:
        front.append("konkretisering: true")
    if section.new_page is not None:
        front.append(f"ny_side: {'ja' if section.new_page else 'nej'}")
    front.append("---")
    body = writer.blocks(section.blocks)
    text = "\n".join(front) + "\n" + "\n".join(body).strip("\n") + "\n"
    if writer.notes:
        text += "\n" + "\n".join(writer.notes) + "\n"
    return text


class _SectionWriter:
    """One section's Markdown. Its footnotes are numbered in reading order and their texts
    written at the end of the file, where the reader takes them from."""

    def __init__(self, folder: Path, wrap: bool = False):
        self.folder = folder
        self.wrap = wrap
        self.notes: list[str] = []

    # blocks -> lines, with a blank line between blocks

    def blocks(self, blocks: tuple[Block, ...]) -> list[str]:
        lines: list[str] = []
        for block in blocks:
            if lines:
                lines.append("")
            lines.extend(self.block(block))
        return lines

    def block(self, block: Block) -> list[str]:
        if isinstance(block, Paragraph):
            return self.paragraph(block.content)
        if isinstance(block, Heading):
            return ["#" * block.level + " " + self.inline(block.content, line_start=False)]
        if isinstance(block, ListBlock):
            return self.list(block)
        if isinstance(block, Quote):
            return [f"> {line}".rstrip() for line in self.blocks(block.blocks)]
        if isinstance(block, Image):
            return [self.image(block)]
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, LevelSlot):
            return self.slot(block)
        if isinstance(block, LevelMatrix):
            raise NotWritable("the level matrix belongs to an edition, not to the content")
        return self.component(block)

    def paragraph(self, content: Inlines) -> list[str]:
        # The model keeps the author's line breaks inside a paragraph ("\n" in its text), so
        # they are written where they were; a paragraph without any (from Word) is wrapped.
        written = self.inline(content)
        return _wrap(written) if self.wrap else written.split("\n")

    def list(self, block: ListBlock) -> list[str]:
        lines: list[str] = []
        # An item of more than one paragraph needs blank lines, which make the whole list loose;
        # a tight item's nested list follows its text directly, as authors write it.
        loose = any(sum(not isinstance(b, ListBlock) for b in item) > 1 for item in block.items)
        for number, item in enumerate(block.items, 1):
            marker = f"{block.start + number - 1}. " if block.ordered else "- "
            if loose and lines:
                lines.append("")
            if not item:
                lines.append(marker.rstrip())
                continue
            first = self.block(item[0])
            # The first paragraph's further lines are written as the text has them: the reader
            # keeps a continuation line's own spaces, so indenting it would change the text.
            lines.append(marker + first[0])
            lines.extend(first[1:] if isinstance(item[0], Paragraph) else
                         [("    " + line) if line else "" for line in first[1:]])
            for later in item[1:]:
                if loose:
                    lines.append("")
                lines.extend(("    " + line) if line else "" for line in self.block(later))
        return lines

    def slot(self, slot: LevelSlot) -> list[str]:
        flags = (" eksempel" if slot.example else "") + (" ingen" if slot.none_declared else "")
        return [f"::: {{{slot.role.axis}={slot.role.id}{flags}}}", *self.blocks(slot.blocks), ":::"]

    def image(self, image: Image) -> str:
        path = _image_path(image, self.folder)
        written = f"<{path}>" if re.search(r"[\s()<>]", path) else path
        caption = self.inline(image.caption, line_start=False) if image.caption else ""
        title = ""
        if caption:
            title = ' "' + caption.replace('"', '\\"') + '"'
        marks = []
        if image.width != "hel":
            marks.append(f"bredde={image.width}")
        if image.decorative:
            marks.append("dekorativ")
        alt = _escape(image.alt, line_start=False) if not image.decorative else ""
        return f"![{alt}]({written}{title})" + ("{" + " ".join(marks) + "}" if marks else "")

    def table(self, table: Table) -> list[str]:
        def row(cells) -> str:
            return "| " + " | ".join(self.cell(cell) for cell in cells) + " |"

        lines = [row(table.header), "|" + "|".join(_ALIGNMENT_ROWS[a] for a in table.alignments) + "|"]
        lines += [row(cells) for cells in table.rows]
        if table.caption:
            # The caption's line is not split into cells, so a '|' in it stays as it is.
            lines.append("Tabel: " + self.cell(table.caption, in_row=False))
        return lines

    def cell(self, content: Inlines, in_row: bool = True) -> str:
        # A cell is one line: a line break inside it has no pipe-table form, so it becomes a space.
        flat = tuple(Text(" ") if isinstance(node, LineBreak) else node for node in content)
        text = self.inline(flat, line_start=False, in_cell=True)
        return text.replace("|", "\\|") if in_row else text

    # inline content

    def inline(self, content: Inlines, line_start: bool = True, in_cell: bool = False) -> str:
        parts: list[str] = []
        for node in content:
            written = self.node(node, in_cell)
            if isinstance(node, LineBreak) and parts and parts[-1].endswith("\\"):
                written = "  \n"  # after a backslash the reader would not see a '\' break: two spaces are one
            if isinstance(node, Link) and parts and _ends_with_unescaped(parts[-1], "!"):
                parts[-1] = parts[-1][:-1] + "\\!"  # '!' right before a link would make it a picture
            parts.append(written)
        out = "".join(parts)
        if line_start:
            out = _escape_line_start(out)
        return out

    def node(self, node: Inline, in_cell: bool) -> str:
        if isinstance(node, Text):
            return _escape(node.text, line_start=False)
        if isinstance(node, Strong):
            return _delimited("**", self.inline(node.children, False, in_cell))
        if isinstance(node, Emphasis):
            return _delimited("*", self.inline(node.children, False, in_cell))
        if isinstance(node, Link):
            target = node.target
            written = f"<{target}>" if re.search(r"[\s()<>]", target) else target
            return f"[{self.inline(node.children, False, in_cell)}]({written})"
        if isinstance(node, LineBreak):
            return "\\\n"
        if isinstance(node, Note):
            label = str(len(self.notes) + 1)
            self.notes.append(self.note_text(label, node))
            return f"[^{label}]"
        raise NotWritable(f"unknown inline {node!r}")

    def note_text(self, label: str, note: Note) -> str:
        self.notes.append("")  # holds the label's place while the note's own text is written
        index = len(self.notes) - 1
        lines = self.blocks(note.blocks)
        del self.notes[index]
        first, rest = lines[0], lines[1:]
        indented = [("    " + line) if line else "" for line in rest]
        return "\n".join([f"[^{label}]: {first}", *indented])

    # components: YAML in a fence named by the kind

    def component(self, block: Block) -> list[str]:
        name, body = self.component_yaml(block)
        return [f"```{name}", *body, "```"]

    def component_yaml(self, block: Block) -> tuple[str, list[str]]:
        y = _Yaml(self)
        if isinstance(block, ValueList):
            return "værdier", y.items([[("navn", y.text(v.name)), ("tekst", y.inline(v.text))] for v in block.values])
        if isinstance(block, Forum):
            fields = [("navn", y.text(block.name))]
            keys = {attr: key for key, attr in FORUM_FIELDS.items()}
            if block.intro:
                fields.append(("tekst", y.blocks(block.intro)))
            fields += [(keys[part], y.blocks(blocks)) for part, blocks in block.parts]
            return "forum", y.mapping(fields)
        if isinstance(block, ThemeList):
            themes = []
            for theme in block.themes:
                fields = [("nr", [str(theme.number)]), ("titel", y.text(theme.title))]
                if theme.intro:
                    fields.append(("tekst", y.blocks(theme.intro)))
                if theme.subthemes:
                    fields.append(("underemner", y.block(y.items([
                        [("titel", y.text(s.title)), ("tagline", y.inline(s.tagline)), ("tekst", y.blocks(s.body))]
                        for s in theme.subthemes]))))
                themes.append(fields)
            return "temaer", y.items(themes)
        if isinstance(block, CompetencyWheel):
            items = []
            for c in block.competencies:
                fields = [("nr", y.text(c.number)), ("navn", y.text(c.name))]
                if c.focus_areas:
                    fields.append(("fokusområder", y.text_list(c.focus_areas)))
                if c.landmarks:
                    fields.append(("pejlemærker", y.text_list(c.landmarks)))
                if c.intro:
                    fields.append(("tekst", y.inline(c.intro)))
                fields.append(("punkter", y.inline_list(c.bullets)))
                items.append(fields)
            return "kompetencehjul", y.items(items)
        if isinstance(block, PackageList):
            items = []
            for p in block.packages:
                fields = [("titel", y.text(p.title))]
                if p.function is not None:
                    fields.append(("funktion", y.text(p.function.id)))
                if p.intro:
                    fields.append(("tekst", y.blocks(p.intro)))
                fields.append(("punkter", y.inline_list(p.items)))
                items.append(fields)
            return "pakker", y.items(items)
        if isinstance(block, StatementGroups):
            return "udsagnsgrupper", y.items([[("titel", y.text(g.title)), ("udsagn", y.inline_list(g.statements))]
                                              for g in block.groups])
        if isinstance(block, FocusGrid):
            return "fokusfelter", y.items([[("navn", y.text(a.name)), ("tekst", y.inline(a.text))] for a in block.areas])
        if isinstance(block, Hub):
            return "centrum", y.mapping([("midte", y.text(block.centre)), ("omkring", y.text_list(block.around))])
        if isinstance(block, LayerModel):
            items = []
            for layer in block.layers:
                fields = [("navn", y.text(layer.name))]
                if layer.text:
                    fields.append(("tekst", y.inline(layer.text)))
                if layer.items:
                    fields.append(("punkter", y.inline_list(layer.items)))
                items.append(fields)
            return "lagmodel", y.items(items)
        if isinstance(block, House):
            fields = [("tag", y.text(block.roof)), ("rum", y.text_list(block.rooms))]
            if block.centre:
                fields.append(("midte", y.text(block.centre)))
            fields.append(("fundament", y.text(block.foundation)))
            return "hus", y.mapping(fields)
        if isinstance(block, Foreword):
            fields = [("tekst", y.blocks(block.blocks))]
            signers = []
            for s in block.signers:
                signer = [("navn", y.text(s.name)), ("titel", y.text(s.title))]
                if s.signature is not None:
                    signer.append(("underskrift", y.text(_image_path(s.signature, self.folder))))
                signers.append(signer)
            fields.append(("underskrivere", y.block(y.items(signers))))
            if block.portrait is not None:
                fields.append(("portræt", y.block(y.mapping([
                    ("fil", y.text(_image_path(block.portrait, self.folder))), ("alt", y.text(block.portrait.alt))]))))
            return "forord", y.mapping(fields)
        if isinstance(block, FactBox):
            return "faktaboks", y.mapping([("titel", y.text(block.title)), ("tekst", y.blocks(block.blocks))])
        if isinstance(block, PullQuote):
            return "citat", y.mapping([("tekst", y.inline(block.text)), ("kilde", y.text(block.source))])
        raise NotWritable(f"no content form for {type(block).__name__}")


class _Yaml:
    """YAML written line by line: each value is a list of lines, the first to follow 'key:'."""

    def __init__(self, section: _SectionWriter):
        self.section = section

    def text(self, value: str) -> list[str]:
        return [_scalar(value)]

    def inline(self, content: Inlines) -> list[str]:
        written = self.section.inline(content)
        return self._literal(written) if "\n" in written else [_scalar(written)]

    def blocks(self, blocks: tuple[Block, ...]) -> list[str]:
        return self._literal("\n".join(self.section.blocks(blocks)))

    def _literal(self, text: str) -> list[str]:
        # '|' keeps every line as written; the indentation (added by the key) marks its end.
        return ["|", *text.split("\n")]

    def block(self, lines: list[str]) -> list[str]:
        """A mapping or list as a field's value: on the lines under its key."""
        return ["", *lines]

    def text_list(self, values) -> list[str]:
        return ["", *[f"- {_scalar(v)}" for v in values]] if values else ["[]"]

    def inline_list(self, items: tuple[Inlines, ...]) -> list[str]:
        if not items:
            return ["[]"]
        lines = [""]
        for item in items:
            value = self.inline(item)
            lines += _nested("- ", value)
        return lines

    def mapping(self, fields: list[tuple[str, list[str]]]) -> list[str]:
        lines = []
        for key, value in fields:
            lines += _nested(f"{key}:", value, space=True)
        return lines

    def items(self, items: list[list[tuple[str, list[str]]]]) -> list[str]:
        lines = []
        for fields in items:
            mapping = self.mapping(fields)
            lines.append("- " + mapping[0])
            lines += [("  " + line) if line else "" for line in mapping[1:]]
        return lines


def _nested(prefix: str, value: list[str], space: bool = False) -> list[str]:
    """'prefix value' when the value is one line; else the prefix, then the value's further
    lines indented two spaces (a block scalar's '|' stays on the prefix's line)."""
    first, rest = value[0], value[1:]
    head = prefix + ((" " + first) if first and space else first)
    return [head, *[("  " + line) if line else "" for line in rest]]


# --- escaping -------------------------------------------------------------------------

# Characters Python-Markdown would read as emphasis, code, links or escapes.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#|[A-Za-z0-9]+;)")  # what Python-Markdown would read as a character reference
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_IMAGE_START = re.compile(r"!(?=\\\[)")
# At the start of a line: a heading, a quote, a list item, a rule, a setext underline, a level
# block's or a code fence, a table caption's 'Tabel:'.
# (A mark right before a line break's '\' counts too: the reader turns that '\' into spaces.)
_LINE_START = re.compile(r"^(\s*)(#|>|-(?:\s*-){2,}\s*$|[-+*](?=\s|$|\\$)|(\d+)([.)])(?=\s|$|\\$)|=+\s*$|:(?=[:\s]|$)|~{3,}"
                         r"|`{3,}|\|)")


def _escape(text: str, line_start: bool = True) -> str:
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _TAG_START.sub("&lt;", text)
    text = _IMAGE_START.sub(r"\\!", text)
    # '[...]:' at a line's start is a link reference definition to Python-Markdown, escaped or not.
    text = text.replace("\\]:", "\\]&#58;")
    if "~~" in text:
        # '~~' would be strikethrough, which the reader refuses; there is no backslash escape.
        text = text.replace("~", "&#126;")
    return _escape_line_start(text) if line_start else text


def _escape_line_start(text: str) -> str:
    return "\n".join(_escape_one_line_start(line) for line in text.split("\n"))


def _escape_one_line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if not match:
        return line
    indent, mark = match.group(1), match.group(2)
    if match.group(3) is not None:  # '1.' typed as text, not a list: '1\.'
        return indent + match.group(3) + "\\" + line[len(indent) + len(match.group(3)):]
    if mark.startswith(("=", ":", "~", "|")):
        return indent + _as_reference(line[len(indent):])
    return indent + "\\" + line[len(indent):]


def _as_reference(rest: str) -> str:
    # '=', ':', '~' and '|' have no backslash escape in Python-Markdown; a numeric character
    # reference reads back as the same character and starts no construct.
    return f"&#{ord(rest[0])};" + rest[1:]


def _ends_with_unescaped(text: str, char: str) -> bool:
    """`text` ends with `char` and no backslash escapes it (an even number of them before it)."""
    if not text.endswith(char):
        return False
    before = text[:-1]
    return (len(before) - len(before.rstrip("\\"))) % 2 == 0


def _delimited(marker: str, inner: str) -> str:
    """'**text**', with spaces at the ends moved outside: '** text**' would not be read as bold."""
    stripped = inner.strip(" ")
    if not stripped:
        return inner
    lead = inner[:len(inner) - len(inner.lstrip(" "))]
    trail = inner[len(inner.rstrip(" ")):]
    return f"{lead}{marker}{stripped}{marker}{trail}"


def _wrap(text: str) -> list[str]:
    """Running text broken at spaces into lines of about _WRAP characters (a line break inside
    it stays where it is); each new line is escaped where it would start a construct."""
    lines: list[str] = []
    for hard in text.split("\n"):
        current = ""
        for word in hard.split(" "):
            if current and len(current) + 1 + len(word) > _WRAP and _breakable(word):
                lines.append(current)
                current = _escape_one_line_start(word)
            else:
                current = f"{current} {word}" if current else word
        lines.append(current)
    return lines


def _breakable(word: str) -> bool:
    # A word that would start a line as syntax even escaped ("[^1]" can only follow text) stays on.
    return bool(word) and not word.startswith("[^")


def _image_path(image: Image, folder: Path) -> str:
    path = image.file.path
    shared = folder.parent.parent / "organisationer"
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        pass
    try:
        relative = path.relative_to(shared)
        return SHARED_PREFIX + Path(*relative.parts[1:]).as_posix()
    except ValueError:
        return path.as_posix()


# --- YAML scalars ---------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-zÆØÅæøåÄÖÜäöüÉéÀ-ÿ][^\n:#]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
_FILE_NAME = re.compile(r"^[0-9]+-[a-z0-9-]+\.md$")  # '01-indledning.md': a string to YAML, unquoted


def _scalar(value: str) -> str:
    """A one-line YAML value: plain where YAML reads it back as the same text, else double-quoted
    (JSON's string syntax is YAML's)."""
    text = str(value)
    if _FILE_NAME.match(text):
        return text
    if _PLAIN.match(text) and text == text.strip() and text.lower() not in _YAML_WORDS \
            and not text.endswith(("-", "?")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_scalar(value: str) -> str:
    text = str(value)
    if _PLAIN.match(text) and not re.search(r"[,\[\]{}]", text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)
