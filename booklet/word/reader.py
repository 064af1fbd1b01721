"""A Word document from outside (a director's own, or one started from our template) read into
the model: sections, blocks and inline content, ready for `writers.content`.

The XML is walked directly with lxml (python-docx builds an object per run, which is slow on a
50-page document, and sees only part of what is here: footnotes, text boxes, fields). What has
a form in the content is mapped:

    Title / Subtitle             the publication's title and subtitle
    Heading 1                    a section (its title names the file)
    Heading 2-4                  subheadings ('##' to '####')
    bold, italic, links          **fed**, *kursiv*, [tekst](https://...)
    bullets and numbering        '- ' and '1. ' lists, nested by the numbering's level
    tables                       pipe tables: the first row is the header, alignment per column
    pictures                     saved in billeder/, with their alt text (or marked decorative)
    footnotes and endnotes       '[^1]' notes
    Caption                      the picture's or table's caption
    Quote / Block Text           '>' quotes
    "Konkretisering for <rolle>" a level's block '::: {niveau=<id>}' (the template's marker)

What has none (text boxes, SmartArt, colours, fonts, page breaks, fields, numbers typed by hand)
is reported as a warning naming the Word paragraph's number and first words; its text is kept.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..danish import LABELS, slugify
from ..errors import Location
from ..readers.markdown_text import MAX_LIST_DEPTH
from ..model import (
    Block, Emphasis, Heading, Image, Inline, Inlines, LeadershipRole, LevelSlot, LineBreak, Link, ListBlock,
    Note, Organisation, Paragraph, PartialDate, PublicationDate, Quote, Section, Strong, Table, Text, plain_text,
)
from . import read_changes
from .read_images import PictureStore
from .read_inline import Piece, run_formatting, tidy
from .read_styles import (
    A, CAPTION_STYLES, CHART_URI, DIAGRAM_URI, EMPHASIS_STYLES, FURNITURE_STYLES, INSTRUCTION_STYLES, M, MC,
    PICTURE_URI, QUOTE_STYLES, R, SKIPPED_STYLES, STRICT_W, STRONG_STYLES, SUBTITLE_STYLES, TITLE_STYLES, W, WP,
    Numbering, Styles, is_on, w,
)
from .safety import REL_HYPERLINK, WordPackage, WordRefused

_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$")
_TOC_STYLE = re.compile(r"^toc\s*\d")
# Word's "List Bullet 2", "List Number 3": a list's deeper levels as styles of their own, each
# with its own numbering at level 0; the style's number is the depth.
_LIST_STYLE_DEPTH = re.compile(r"^list (?:bullet|number)\s*([2-9])$")
# A number or bullet typed as text: Word's numbering was not used, so the list is not a list.
_MANUAL_NUMBER = re.compile(r"^\s*(\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[•●▪◦·○■□–\-*»§])\s+\S")
# "Figur 3: ..." / "Tabel 1. ...": the writers number captions themselves.
_CAPTION_NUMBER = re.compile(r"^\s*(figur|figure|tabel|table|billede)\s*[\d.]*\s*[:.–-]?\s*", re.IGNORECASE)
_FIELD_KIND = re.compile(r"^\s*([A-Za-z]+)")
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]+)"')
_SAFE_TARGET = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
MAX_FORMAT_WARNINGS = 30  # then one line saying how many more, so the list stays readable


@dataclass
class ImportedSection:
    title: str
    blocks: list[Block]
    slot_axis: str | None = None


@dataclass
class ImportedDocument:
    """What a Word document holds, as the model has it, and what was said about it."""

    title: str
    subtitle: str
    date: PublicationDate | None
    keywords: tuple[str, ...]
    sections: list[ImportedSection]
    pictures: PictureStore
    warnings: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    # Word paragraph number -> the index of the section its text went into, so a warning that
    # names a paragraph can name the file to look in.
    paragraph_sections: dict[int, int] = field(default_factory=dict)
    changes_accepted: int = 0

    def section_of(self, warning: str) -> int | None:
        """The index of the section a warning's Word paragraph ('Word-afsnit 12') went into: the
        paragraph's own, else the nearest one before it that has text."""
        named = re.match(r"Word-afsnit (\d+)", warning)
        if not named or not self.paragraph_sections:
            return None
        number = int(named.group(1))
        before = [n for n in self.paragraph_sections if n <= number]
        return self.paragraph_sections[max(before)] if before else 0

    @property
    def variant_axis(self) -> str | None:
        return next((s.slot_axis for s in self.sections if s.slot_axis), None)


@dataclass
class _Record:
    """One Word paragraph as read: what the second pass needs to place it."""

    number: int  # the paragraph's number in the document, counted from 1, for warnings
    style: str  # its style's name, lower-cased
    inlines: list[Inline]
    heading: int = 0  # 1-9 for a heading
    list_level: int = -1  # the numbering's level, -1 when not a list item
    ordered: bool = False
    list_id: str = ""  # the numbering's definition (abstractNum): items of one list share it
    num_id: str = ""
    restarts: bool = False  # its numbering starts again here (a new list, though the definition is shared)
    pictures: list[Image] = field(default_factory=list)
    table: Table | None = None  # a table stands as a record of its own

    @property
    def text(self) -> str:
        return "".join(node.text if isinstance(node, Piece) else plain_text((node,))
                       for node in self.inlines).strip()


class DocumentReader:
    """Reads one checked package. `roles`: the organisation's levels and functions, so that a
    template's "Konkretisering for <rolle>" headings become that role's blocks."""

    def __init__(self, package: WordPackage, folder: Path, organisation: Organisation | None = None,
                 accept_changes: bool = False):
        self.package = package
        self.folder = folder
        self.organisation = organisation
        self.accept_changes = accept_changes
        self.warnings: list[str] = []
        self.format_warnings: list[str] = []
        self.pictures = PictureStore(package, folder, self.warnings)
        self.paragraph_number = 0
        self.fields: list[dict] = []  # open complex fields: {'instr': str, 'result': bool}
        self.open_comments: dict[str, list[str]] = {}
        self.anchored: dict[str, str] = {}
        self.notes_used: set[str] = set()
        self.seen_toc = False
        self.said: set[str] = set()
        self.note_rels: dict[str, dict] = {}  # 'footnote'/'endnote' -> the notes part's relationships
        self.paragraph_sections: dict[int, int] = {}

    # --- the whole document --------------------------------------------------------

    def read(self) -> ImportedDocument:
        package = self.package
        document = package.xml(package.main)
        if document is None or document.tag != w("document"):
            if document is not None and document.tag.startswith(f"{{{STRICT_W}}}"):
                raise WordRefused("dokumentet er gemt som 'Strict Open XML', som importen ikke læser. Gem det "
                                  "i Word som almindeligt Word-dokument (*.docx), og importér den fil.")
            raise WordRefused("filen har ingen Word-tekst at læse. Gem dokumentet som .docx i Word igen.")
        accepted = read_changes.settle_changes(document, self.accept_changes)
        main_rels = package.relationships(package.main)
        self.rels = main_rels
        self.styles = Styles(self._related_xml(main_rels, "/styles"))
        self.numbering = Numbering(self._related_xml(main_rels, "/numbering"))
        self.notes_accepted = 0
        self.footnotes = self._notes(main_rels, "/footnotes", "footnote")
        self.endnotes = self._notes(main_rels, "/endnotes", "endnote")
        self.text_width_emu = _text_width(document)
        body = document.find(w("body"))
        records: list[_Record] = []
        for element in (body if body is not None else ()):
            records.extend(self._block_element(element))
        title, subtitle, sections = self._sections(records)
        self._headers_and_footers(main_rels)
        if len(sections) > 1 and not sections[0].title:
            self.warnings.append("teksten før dokumentets første overskrift 1 står i et afsnit for sig, kaldet "
                                 "'Indledning'. Giv det en bedre titel, eller flyt teksten, hvis det er en forside.")
        comments = read_changes.comment_texts(self._related_xml(main_rels, "/comments"))
        comment_warnings = []
        for comment_id, (author, text) in comments.items():
            anchored = " ".join(self.anchored.get(comment_id, "").split())
            at = f" til teksten \"{_first_words(anchored, 12)}\"" if anchored else ""
            by = f" fra {author}" if author else ""
            comment_warnings.append(f"kommentar{by}{at}: \"{_first_words(text, 40)}\". Kommentaren er ikke "
                                    "importeret; svar på den, og ret teksten i .md-filen, hvis det er nødvendigt.")
        core = _core_properties(package)
        if not title:
            title = core.get("title", "")
        warnings = list(package.warnings) + self.warnings + self._format_summary()
        return ImportedDocument(
            title=title, subtitle=subtitle, date=core.get("date"), keywords=core.get("keywords", ()),
            sections=sections, pictures=self.pictures, warnings=warnings, comments=comment_warnings,
            paragraph_sections=self.paragraph_sections,
            changes_accepted=accepted + self.notes_accepted)

    def _headers_and_footers(self, rels) -> None:
        """Text in a header or footer is page furniture every writer makes anew: said, not imported."""
        texts = []
        for rel in rels.values():
            if rel.type.endswith(("/header", "/footer")) and not rel.external:
                root = self.package.xml(self.package.resolve(self.package.main, rel.target))
                if root is not None:
                    texts += ["".join(t.text or "" for t in p.iter(w("t"))).strip() for p in root.iter(w("p"))]
        shown = [t for t in dict.fromkeys(texts) if t]
        if shown:
            self.warnings.append(f"sidehoved og sidefod er ikke importeret (\"{_first_words(' · '.join(shown), 12)}\"): "
                                 "alle formater laver deres egne. Står der noget, der skal med, så skriv det i et afsnit.")

    def _related_xml(self, rels, suffix: str):
        for rel in rels.values():
            if rel.type.endswith(suffix) and not rel.external:
                return self.package.xml(self.package.resolve(self.package.main, rel.target))
        return None

    def _notes(self, rels, suffix: str, tag: str) -> dict[str, etree._Element]:
        root = self._related_xml(rels, suffix)
        if root is None:
            return {}
        self.notes_accepted += read_changes.settle_changes(root, self.accept_changes)
        for rel in rels.values():
            if rel.type.endswith(suffix):
                part = self.package.resolve(self.package.main, rel.target)
                self.note_rels[tag] = self.package.relationships(part)
        return {note.get(w("id"), ""): note for note in root.iter(w(tag))
                if note.get(w("type")) in (None, "normal")}

    # --- blocks ----------------------------------------------------------------------

    def _block_element(self, element: etree._Element) -> list[_Record]:
        tag = element.tag
        if tag == w("p"):
            return self._paragraph(element)
        if tag == w("tbl"):
            return self._table(element)
        if tag in (w("sdt"),):
            content = element.find(w("sdtContent"))
            return [r for child in (content if content is not None else ()) for r in self._block_element(child)]
        if tag in (w("customXml"), w("smartTag")):
            return [r for child in element for r in self._block_element(child)]
        if tag == w("altChunk"):
            self._say("altchunk", "dokumentet har et indlejret dokument (altChunk), som ikke kan importeres. "
                                  "Kopiér dets tekst ind i selve dokumentet, og importér igen.")
            return []
        if tag in (w("commentRangeStart"), w("commentRangeEnd")):
            self._comment_range(element)
        return []

    def _paragraph(self, p: etree._Element, in_table: bool = False) -> list[_Record]:
        self.paragraph_number += 1
        number = self.paragraph_number
        ppr = p.find(w("pPr"))
        style_id = ""
        if ppr is not None and ppr.find(w("pStyle")) is not None:
            style_id = ppr.find(w("pStyle")).get(w("val"), "")
        style = self.styles.name(style_id)
        record = _Record(number, style, [])
        extra: list[_Record] = []
        problems: list[str] = []
        self._inlines(p, record, extra, problems)
        record.inlines = tidy(record.inlines)
        if style in INSTRUCTION_STYLES or style in FURNITURE_STYLES:
            return extra
        if _TOC_STYLE.match(style) or style in SKIPPED_STYLES or self._in_toc_field():
            if not self.seen_toc:
                self.seen_toc = True
                self.warnings.append("indholdsfortegnelsen er ikke importeret: alle formater laver deres egen.")
            return extra
        heading = _HEADING_STYLE.match(style)
        outline = None
        if ppr is not None and ppr.find(w("outlineLvl")) is not None:
            outline = int(ppr.find(w("outlineLvl")).get(w("val"), "9"))
        elif not heading:
            outline = self.styles.outline_level(style_id)
        if heading:
            record.heading = int(heading.group(1))
        elif outline is not None and outline < 9:
            record.heading = outline + 1
        numbering = None
        if ppr is not None and ppr.find(w("numPr")) is not None:
            num = ppr.find(w("numPr"))
            num_id = num.find(w("numId"))
            level = num.find(w("ilvl"))
            numbering = (num_id.get(w("val"), "0") if num_id is not None else "0",
                         int(level.get(w("val"), "0")) if level is not None else 0)
        elif style_id:
            numbering = self.styles.numbering(style_id)
        if numbering and not record.heading:
            fmt = self.numbering.format(*numbering)
            if fmt not in (None, "none"):
                record.list_id = self.numbering.definition(numbering[0])
                record.num_id, record.list_level = numbering[0], numbering[1]
                record.restarts = (numbering[0], numbering[1]) in self.numbering.restarts
                depth = _LIST_STYLE_DEPTH.match(style)
                if depth and record.list_level == 0:
                    record.list_level = int(depth.group(1)) - 1
                record.ordered = fmt != "bullet"
        if ppr is not None:
            if is_on(ppr.find(w("pageBreakBefore"))):
                problems.append("sideskift")
            if ppr.find(w("framePr")) is not None:
                problems.append("ramme (tekstfelt)")
            shading = ppr.find(w("shd"))
            if shading is not None and shading.get(w("fill"), "auto").lower() not in ("auto", "ffffff"):
                problems.append("baggrundsfarve")
        text = record.text
        if record.list_level < 0 and not record.heading and not in_table and _MANUAL_NUMBER.match(text):
            self.warnings.append(f"{_where(number, text)}: nummeret eller punkttegnet er skrevet som tekst, ikke "
                                 "med Words punktopstilling, så det står som almindelig tekst. Gør det til en "
                                 "liste i .md-filen ('- ' eller '1. ' forrest på linjen), hvis det skal være en.")
        if problems:
            self.format_warnings.append(f"{_where(number, text)}: {_joined(sorted(set(problems)))} går tabt; "
                                        "teksten er bevaret.")
        if not text and not record.pictures:
            return extra
        return [record, *extra]

    def _table(self, tbl: etree._Element) -> list[_Record]:
        self.paragraph_number += 1
        number = self.paragraph_number
        rows: list[list[list[Inline]]] = []
        alignments: list[list[str]] = []
        problems: set[str] = set()
        for tr in tbl.iterchildren(w("tr")):
            cells, aligned = [], []
            for tc in tr.iterchildren(w("tc")):
                inlines, align = self._cell(tc, problems)
                tcpr = tc.find(w("tcPr"))
                span = 1
                if tcpr is not None:
                    grid_span = tcpr.find(w("gridSpan"))
                    if grid_span is not None:
                        span = max(1, int(grid_span.get(w("val"), "1")))
                    merge = tcpr.find(w("vMerge"))
                    if merge is not None:
                        problems.add("sammenflettede celler")
                        if merge.get(w("val"), "continue") == "continue":
                            inlines = []
                if span > 1:
                    problems.add("sammenflettede celler")
                cells.append(inlines)
                aligned.append(align)
                for _ in range(span - 1):
                    cells.append([])
                    aligned.append("")
            rows.append(cells)
            alignments.append(aligned)
        if not rows:
            return []
        width = max(len(r) for r in rows)
        rows = [r + [[] for _ in range(width - len(r))] for r in rows]
        body_alignments = alignments[1:] or alignments
        columns = []
        for column in range(width):
            seen = {a[column] for a in body_alignments if column < len(a) and a[column]}
            columns.append(seen.pop() if len(seen) == 1 else "")
        header, body = rows[0], rows[1:]
        first_words = " ".join(plain_text(tuple(c)) for c in header)
        if problems:
            self.format_warnings.append(f"{_where(number, first_words, 'tabellen')}: {_joined(sorted(problems))} "
                                        "kan ikke vises i tabellen; teksten er bevaret.")
        table = Table(header=tuple(tuple(c) for c in header), rows=tuple(tuple(tuple(c) for c in r) for r in body),
                      alignments=tuple(columns), caption=())
        return [_Record(number, "table", [], table=table)]

    def _cell(self, tc: etree._Element, problems: set[str]) -> tuple[list[Inline], str]:
        """A cell's paragraphs as one line of inline content (a pipe-table cell is one line)."""
        parts: list[Inline] = []
        align = ""
        for child in tc:
            if child.tag == w("tbl"):
                problems.add("en tabel inde i en tabel")
                for p in child.iter(w("p")):
                    parts.extend([Text(" "), *self._cell_paragraph(p, problems)])
                continue
            if child.tag != w("p"):
                if child.tag == w("sdt"):
                    for p in child.iter(w("p")):
                        parts.extend([Text(" "), *self._cell_paragraph(p, problems)])
                continue
            jc = child.find(f"{w('pPr')}/{w('jc')}")
            if jc is not None:
                align = {"left": "left", "start": "left", "center": "center", "right": "right",
                         "end": "right"}.get(jc.get(w("val"), ""), align)
            if child.find(f"{w('pPr')}/{w('numPr')}") is not None:
                problems.add("punktopstilling")
            inlines = self._cell_paragraph(child, problems)
            if inlines:
                parts.extend([Text(" "), *inlines] if parts else inlines)
        return list(tidy(parts)), align

    def _cell_paragraph(self, p: etree._Element, problems: set[str]) -> list[Inline]:
        self.paragraph_number += 1
        record = _Record(self.paragraph_number, "", [])
        extra: list[_Record] = []
        said: list[str] = []
        self._inlines(p, record, extra, said)
        if record.pictures or extra:
            problems.add("billeder og tekstfelter")
        problems.update(said)
        return [Text(" ") if isinstance(node, LineBreak) else node for node in record.inlines]

    # --- inline content --------------------------------------------------------------

    def _inlines(self, element: etree._Element, record: _Record, extra: list[_Record], problems: list[str],
                 bold: bool = False, italic: bool = False, link: str | None = None, rels=None) -> None:
        rels = rels if rels is not None else self.rels
        for child in element:
            tag = child.tag
            if tag == w("r"):
                self._run(child, record, extra, problems, link, rels)
            elif tag == w("hyperlink"):
                target = None
                rel_id = child.get(f"{{{R}}}id")
                if rel_id and rel_id in rels and rels[rel_id].type == REL_HYPERLINK:
                    target = rels[rel_id].target
                if target and not _SAFE_TARGET.match(target):
                    target = None
                self._inlines(child, record, extra, problems, link=target or link, rels=rels)
            elif tag == w("fldSimple"):
                instruction = child.get(w("instr"), "")
                target = self._field_link(instruction)
                self._field_warning(instruction, record, problems)
                self._inlines(child, record, extra, problems, link=target or link, rels=rels)
            elif tag in (w("smartTag"), w("customXml"), w("ins"), w("moveTo"), w("dir"), w("bdo")):
                self._inlines(child, record, extra, problems, link=link, rels=rels)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inlines(content, record, extra, problems, link=link, rels=rels)
            elif tag in (w("commentRangeStart"), w("commentRangeEnd")):
                self._comment_range(child)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                chosen = choice if choice is not None else child.find(f"{{{MC}}}Fallback")
                if chosen is not None:
                    self._inlines(chosen, record, extra, problems, link=link, rels=rels)
            elif tag in (f"{{{M}}}oMath", f"{{{M}}}oMathPara"):
                problems.append("en formel (vist som tekst)")
                self._add_text(record, "".join(t.text or "" for t in child.iter(f"{{{M}}}t")), link, child)

    def _run(self, r: etree._Element, record: _Record, extra: list[_Record], problems: list[str],
             link: str | None, rels) -> None:
        rpr = r.find(w("rPr"))
        bold = italic = False
        if rpr is not None:
            bold = is_on(rpr.find(w("b")))
            italic = is_on(rpr.find(w("i")))
            char_style = rpr.find(w("rStyle"))
            name = self.styles.name(char_style.get(w("val"), "")) if char_style is not None else ""
            bold = bold or name in STRONG_STYLES
            italic = italic or name in EMPHASIS_STYLES
            problems.extend(run_formatting(rpr, name))
        for child in r:
            tag = child.tag
            if tag == w("t"):
                self._add_text(record, child.text or "", link, r, bold, italic)
            elif tag == w("instrText"):
                if self.fields and not self.fields[-1]["result"]:
                    self.fields[-1]["instr"] += child.text or ""
            elif tag == w("fldChar"):
                self._field_char(child, record, problems)
            elif tag in (w("tab"), w("ptab")):
                self._add_text(record, " ", link, r, bold, italic)
            elif tag == w("br"):
                kind = child.get(w("type"), "textWrapping")
                if kind == "page":
                    problems.append("sideskift")
                elif kind == "column":
                    problems.append("spalteskift")
                else:
                    self._add_node(record, LineBreak())
            elif tag == w("cr"):
                self._add_node(record, LineBreak())
            elif tag in (w("noBreakHyphen"),):
                self._add_text(record, "-", link, r, bold, italic)
            elif tag == w("sym"):
                problems.append("symboler fra en symbolskrift")
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                self._note(child, record)
            elif tag == w("drawing"):
                self._drawing(child, record, extra, problems, rels)
            elif tag == w("pict"):
                self._vml(child, record, extra, problems, rels)
            elif tag == w("object"):
                problems.append("et indlejret objekt (udeladt)")
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                chosen = choice if choice is not None else child.find(f"{{{MC}}}Fallback")
                if chosen is not None:
                    fake_run = etree.Element(w("r"))
                    if rpr is not None:
                        fake_run.append(rpr.__copy__())
                    for grandchild in chosen:
                        fake_run.append(grandchild.__copy__())
                    self._run(fake_run, record, extra, problems, link, rels)

    def _add_text(self, record: _Record, text: str, link: str | None, run, bold=False, italic=False) -> None:
        if not text:
            return
        for comment in self.open_comments.values():
            comment.append(text)
        if self.fields and not self.fields[-1]["result"]:
            return  # a field's instruction, not its text
        field_link = next((f["link"] for f in reversed(self.fields) if f.get("link")), None)
        record.inlines.append(Piece(text, bold, italic, link or field_link))

    def _add_node(self, record: _Record, node: Inline) -> None:
        if self.fields and not self.fields[-1]["result"]:
            return
        record.inlines.append(node)

    # fields: { HYPERLINK "..." } and the rest

    def _field_char(self, element, record: _Record, problems: list[str]) -> None:
        kind = element.get(w("fldCharType"))
        if kind == "begin":
            self.fields.append({"instr": "", "result": False})
        elif kind == "separate" and self.fields:
            field_ = self.fields[-1]
            field_["result"] = True
            field_["link"] = self._field_link(field_["instr"])
            self._field_warning(field_["instr"], record, problems)
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _field_link(self, instruction: str) -> str | None:
        found = _HYPERLINK_FIELD.search(instruction)
        if found and "\\l" not in instruction and _SAFE_TARGET.match(found.group(1)):
            return found.group(1)
        return None

    def _field_warning(self, instruction: str, record: _Record, problems: list[str]) -> None:
        kind = _FIELD_KIND.match(instruction)
        name = kind.group(1).upper() if kind else ""
        if name in ("HYPERLINK", "SEQ", "TOC", "PAGEREF", ""):
            return  # a link, a caption's number, the table of contents: all made anew
        problems.append(f"et felt ({name}), gemt som den tekst, det viste")

    def _in_toc_field(self) -> bool:
        return any(f["instr"].strip().upper().startswith("TOC") for f in self.fields)

    # notes and comments

    def _note(self, reference, record: _Record) -> None:
        note_id = reference.get(w("id"), "")
        notes = self.footnotes if reference.tag == w("footnoteReference") else self.endnotes
        note = notes.get(note_id)
        if note is None:
            return
        tag = "footnote" if reference.tag == w("footnoteReference") else "endnote"
        blocks: list[Block] = []
        for p in note.iter(w("p")):
            inner = _Record(0, "", [])
            problems: list[str] = []
            self._inlines(p, inner, [], problems, rels=self.note_rels.get(tag, {}))
            content = tidy([node for node in inner.inlines if not isinstance(node, Note)])
            if plain_text(content).strip():
                blocks.append(Paragraph(content))
        if blocks:
            self._add_node(record, Note(tuple(blocks)))

    def _comment_range(self, element) -> None:
        comment_id = element.get(w("id"), "")
        if element.tag == w("commentRangeStart"):
            self.open_comments[comment_id] = []
        elif comment_id in self.open_comments:
            self.anchored[comment_id] = "".join(self.open_comments.pop(comment_id))

    # pictures, text boxes, SmartArt

    def _drawing(self, drawing, record: _Record, extra: list[_Record], problems: list[str], rels) -> None:
        graphic = drawing.find(f".//{{{A}}}graphicData")
        uri = graphic.get("uri", "") if graphic is not None else ""
        text_box = drawing.find(f".//{w('txbxContent')}")
        if text_box is not None:
            self._text_box(text_box, record, extra)
            return
        if uri == DIAGRAM_URI:
            self._smart_art(graphic, record, extra, rels)
            return
        if uri == CHART_URI:
            problems.append("et diagram (udeladt; sæt det ind som billede)")
            return
        properties = drawing.find(f".//{{{WP}}}docPr")
        blip = drawing.find(f".//{{{A}}}blip")
        if blip is None or uri != PICTURE_URI:
            problems.append("en tegning eller figur (udeladt)")
            return
        extent = drawing.find(f".//{{{WP}}}extent")
        width_emu = int(extent.get("cx", "0")) if extent is not None else 0
        image = self.pictures.picture(blip, properties, width_emu, self.text_width_emu, rels,
                                      _where(record.number, record.text, "billedet"))
        if image is not None:
            record.pictures.append(image)

    def _vml(self, pict, record: _Record, extra: list[_Record], problems: list[str], rels) -> None:
        text_box = pict.find(f".//{w('txbxContent')}")
        if text_box is not None:
            self._text_box(text_box, record, extra)
        else:
            problems.append("en ældre tegning (VML, udeladt)")

    def _text_box(self, content, record: _Record, extra: list[_Record]) -> None:
        inner: list[_Record] = []
        for child in content:
            inner.extend(self._block_element(child))
        words = " ".join(r.text for r in inner if r.text)
        self.warnings.append(f"{_where(record.number, words, 'tekstfeltet')}: et tekstfelt kan ikke importeres "
                             "som tekstfelt; teksten står som almindelige afsnit lige efter. Flyt den, hvis den "
                             "skal stå et andet sted, eller gør den til en faktaboks ('```faktaboks').")
        extra.extend(inner)

    def _smart_art(self, graphic, record: _Record, extra: list[_Record], rels) -> None:
        ids = graphic.find(".//{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds")
        texts: list[str] = []
        if ids is not None:
            data_rel = rels.get(ids.get(f"{{{R}}}dm", ""))
            if data_rel is not None and not data_rel.external:
                data = self.package.xml(self.package.resolve(self.package.main, data_rel.target))
                if data is not None:
                    for p in data.iter(f"{{{A}}}p"):
                        text = "".join(t.text or "" for t in p.iter(f"{{{A}}}t")).strip()
                        if text:
                            texts.append(text)
        self.warnings.append(f"{_where(record.number, ' '.join(texts), 'SmartArt-grafikken')}: SmartArt kan ikke "
                             "importeres; dens tekst står som en liste lige efter. Tegn den evt. som en figur "
                             "(fx '```centrum' eller '```lagmodel') eller sæt den ind som billede.")
        for text in texts:
            self.paragraph_number += 1
            extra.append(_Record(self.paragraph_number, "", [Text(text)], list_level=0, list_id="smartart"))

    # --- sections and blocks from the records ------------------------------------------

    def _sections(self, records: list[_Record]) -> tuple[str, str, list[ImportedSection]]:
        title = subtitle = ""
        sections: list[ImportedSection] = []
        current: ImportedSection | None = None
        slot: _OpenSlot | None = None
        pending: list[_Record] = []

        def flush_pending() -> None:
            nonlocal current
            if not pending:
                return
            blocks = self._blocks(pending)
            pending.clear()
            if not blocks:
                return
            if slot is not None:
                slot.blocks.extend(blocks)
                return
            if current is None:
                current = ImportedSection("", [])
                sections.append(current)
            current.blocks.extend(blocks)

        def close_slot() -> None:
            nonlocal slot, current
            if slot is None:
                return
            done, slot = slot, None
            if not done.blocks and not done.none_declared:
                self.warnings.append(f"Word-afsnit {done.number}: konkretiseringen for {done.role.in_sentence} er tom og er "
                                     "udeladt. Skriv den i .md-filen, eller markér den "
                                     f"'::: {{{done.role.axis}={done.role.id} ingen}}'.")
                return
            if current is None:
                current = ImportedSection("", [])
                sections.append(current)
            current.blocks.append(LevelSlot(role=done.role, blocks=() if done.none_declared else tuple(done.blocks),
                                            example=done.example, location=Location(self.folder),
                                            none_declared=done.none_declared))
            if done.none_declared:
                # An 'ingen' block has no text of its own: what follows its mark is the core text
                # after it (nothing in Word closes a level block), kept rather than dropped.
                current.blocks.extend(done.blocks)
            current.slot_axis = done.role.axis

        for record in records:
            self.paragraph_sections[record.number] = max(len(sections) - 1, 0) + (
                1 if record.heading == 1 and self._slot_role(record.text) is None and sections else 0)
            if record.style in TITLE_STYLES and not title and record.text:
                flush_pending()
                title = record.text
                continue
            if record.style in SUBTITLE_STYLES and not subtitle and record.text:
                subtitle = record.text
                continue
            if slot is not None and not slot.blocks and not pending and self._slot_mark(record, slot):
                continue
            if record.heading:
                flush_pending()
                role = self._slot_role(record.text)
                if role is not None:
                    close_slot()
                    slot = _OpenSlot(role, record.heading, record.number)
                    continue
                if slot is not None and record.heading <= slot.level:
                    close_slot()
                if record.heading == 1:
                    close_slot()
                    current = ImportedSection(record.text, [])
                    sections.append(current)
                    continue
                level = record.heading
                if level > 4:
                    self.warnings.append(f"{_where(record.number, record.text)}: overskrift {level} er gjort til "
                                         "overskrift 4, den dybeste i publikationerne.")
                    level = 4
                heading = Heading(level, tuple(n for n in record.inlines if not isinstance(n, Note)), "")
                if slot is not None:
                    slot.blocks.append(heading)
                else:
                    if current is None:
                        current = ImportedSection("", [])
                        sections.append(current)
                    current.blocks.append(heading)
                continue
            pending.append(record)
        flush_pending()
        close_slot()
        return title, subtitle, sections

    def _slot_role(self, text: str) -> LeadershipRole | None:
        """The role a level block's heading names, as the Word writer titles it (structure.slot_title):
        "Konkretisering for <rolle>" by the role's name or id, or the role's own address ("Til dig
        som centerchef") as a level's edition has it."""
        if self.organisation is None:
            return None
        roles = (*self.organisation.levels, *self.organisation.functions)
        wanted = " ".join(text.split()).lower()
        for role in roles:
            if role.address and wanted == role.address.lower():
                return role
        prefix, _, suffix = LABELS["concretisation_for"].partition("{role}")
        if not (wanted.startswith(prefix.lower()) and wanted.endswith(suffix.lower())):
            return None
        named = wanted[len(prefix):len(wanted) - len(suffix) if suffix else None].strip()
        for role in roles:
            if named in (role.name.lower(), role.id.lower()):
                return role
        return None

    def _slot_mark(self, record: _Record, slot: "_OpenSlot") -> bool:
        """The writer's marks at the top of a level block: "Eksempel" (the block is an example) and
        "<rolle>: ingen særskilt konkretisering ..." (the author wrote 'ingen'). True if it was one."""
        text = " ".join(record.text.split())
        if text == LABELS["example"] and not slot.example:
            slot.example = True
            return True
        if text == LABELS["no_concretisation"].format(role=slot.role.name):
            slot.none_declared = True
            return True
        return False

    def _blocks(self, records: list[_Record]) -> list[Block]:
        """Paragraph records -> blocks: lists gathered by their numbering's level, captions
        joined to the picture or table next to them."""
        blocks: list[Block] = []
        i = 0
        while i < len(records):
            record = records[i]
            if record.table is not None:
                table = record.table
                caption = self._caption_next_to(records, i)
                if caption is not None:
                    table = Table(table.header, table.rows, table.alignments, caption[0])
                    records = [r for j, r in enumerate(records) if j != caption[1]]
                    i = i - 1 if caption[1] < i else i
                blocks.append(table)
                i += 1
                continue
            if record.list_level >= 0:
                end = i
                while end < len(records) and records[end].list_level >= 0 and records[end].table is None:
                    end += 1
                blocks.extend(_lists(records[i:end]))
                i = end
                continue
            if record.style in CAPTION_STYLES and not record.pictures:
                # A caption with nothing beside it to name stays as text.
                if not (i > 0 and (records[i - 1].pictures or records[i - 1].table)) and \
                        not (i + 1 < len(records) and (records[i + 1].pictures or records[i + 1].table)):
                    blocks.append(Paragraph(tuple(record.inlines)))
                i += 1
                continue
            if record.inlines and plain_text(tuple(record.inlines)).strip():
                paragraph = Paragraph(tuple(record.inlines))
                if record.style in QUOTE_STYLES:
                    if blocks and isinstance(blocks[-1], Quote):
                        blocks[-1] = Quote((*blocks[-1].blocks, paragraph))
                    else:
                        blocks.append(Quote((paragraph,)))
                else:
                    blocks.append(paragraph)
            if record.pictures:
                caption = None
                if i + 1 < len(records) and records[i + 1].style in CAPTION_STYLES and records[i + 1].text \
                        and not records[i + 1].pictures:
                    caption = _caption_text(records[i + 1].inlines)
                    i += 1
                for index, picture in enumerate(record.pictures):
                    if caption and index == len(record.pictures) - 1 and not picture.decorative:
                        picture = Image(picture.file, picture.alt, caption, picture.width, picture.location,
                                        picture.decorative)
                    blocks.append(picture)
            i += 1
        return blocks

    def _caption_next_to(self, records: list[_Record], i: int) -> tuple[Inlines, int] | None:
        for j in (i - 1, i + 1):
            if 0 <= j < len(records) and records[j].style in CAPTION_STYLES and records[j].text and \
                    not records[j].pictures and records[j].table is None:
                return _caption_text(records[j].inlines), j
        return None

    # --- warnings ----------------------------------------------------------------------

    def _say(self, key: str, message: str) -> None:
        if key not in self.said:
            self.said.add(key)
            self.warnings.append(message)

    def _format_summary(self) -> list[str]:
        shown = self.format_warnings[:MAX_FORMAT_WARNINGS]
        rest = len(self.format_warnings) - len(shown)
        if rest:
            shown.append(f"og {rest} Word-afsnit mere med formatering, der går tabt (farver, skrifttyper, "
                         "sideskift ...); teksten er bevaret.")
        return shown


@dataclass
class _OpenSlot:
    """A level's block being read: from its heading to the next heading of its level or above."""

    role: LeadershipRole
    level: int  # its heading's level
    number: int  # its heading's Word paragraph, for warnings
    blocks: list = field(default_factory=list)
    example: bool = False
    none_declared: bool = False


def _lists(records: list[_Record]) -> list[Block]:
    """List paragraphs -> nested ListBlocks by their numbering level. A list that starts deeper
    than its first level is read from the level it starts at."""
    result: list[Block] = []
    base = records[0].list_level

    def build(start: int, level: int) -> tuple[ListBlock, int]:
        items: list[list[Block]] = []
        ordered = records[start].ordered
        list_id = records[start].list_id
        num_id = records[start].num_id
        i = start
        while i < len(records):
            record = records[i]
            # The content's lists nest at most MAX_LIST_DEPTH deep; deeper Word levels join the deepest.
            depth = min(max(record.list_level - base, 0), MAX_LIST_DEPTH - 1)
            if depth < level:
                break
            if depth > level and items:
                nested, i = build(i, depth if depth == level + 1 else level + 1)
                items[-1].append(nested)
                continue
            if level == 0 and items and (record.list_id != list_id or record.ordered != ordered or
                                         (record.restarts and record.num_id != num_id)):
                break  # another list starts right after this one
            num_id = record.num_id if depth == level else num_id
            content = tuple(record.inlines)
            if plain_text(content).strip():
                items.append([Paragraph(content)])
            # An empty numbered paragraph is no item: Markdown has no empty item to write it as.
            i += 1
        return ListBlock(ordered, tuple(tuple(item) for item in items)), i

    i = 0
    while i < len(records):
        block, i = build(i, 0)
        if block.items:
            result.append(block)
    return result


def _caption_text(inlines: list[Inline]) -> Inlines:
    content = tidy(list(inlines)) if any(isinstance(n, Piece) for n in inlines) else tuple(inlines)
    content = tuple(n for n in content if not isinstance(n, (Note, LineBreak)))
    if content and isinstance(content[0], Text):
        content = (Text(_CAPTION_NUMBER.sub("", content[0].text, count=1)), *content[1:])
    return tuple(n for n in content if not (isinstance(n, Text) and not n.text))


def _text_width(document: etree._Element) -> int:
    """The first page's text width in EMU (914400 to the inch), for a picture's share of it."""
    section = document.find(f".//{w('sectPr')}")
    try:
        size = section.find(w("pgSz"))
        margins = section.find(w("pgMar"))
        twips = int(size.get(w("w"))) - int(margins.get(w("left"), "0")) - int(margins.get(w("right"), "0"))
        return max(twips * 635, 1)
    except (AttributeError, TypeError, ValueError):
        return 5_760_720  # A4 with Word's 2 cm margins


def _core_properties(package: WordPackage) -> dict:
    root = package.xml("docProps/core.xml")
    result: dict = {}
    if root is None:
        return result
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
          "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
    title = root.findtext("dc:title", namespaces=ns)
    if title and title.strip():
        result["title"] = title.strip()
    for key in ("dcterms:modified", "dcterms:created"):
        written = (root.findtext(key, namespaces=ns) or "").strip()
        try:
            if re.match(r"\d{4}-\d{2}-\d{2}", written):
                result["date"] = dt.date.fromisoformat(written[:10])
            elif re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", written):  # a month or a year, as this project writes one
                year, *month = (int(part) for part in written.split("-"))
                result["date"] = PartialDate(year, *month)
            else:
                continue
            break
        except ValueError:
            continue
    keywords = root.findtext("cp:keywords", namespaces=ns)
    if keywords and keywords.strip():
        result["keywords"] = tuple(k.strip() for k in re.split(r"[,;]", keywords) if k.strip())
    return result


def _first_words(text: str, most: int = 8) -> str:
    words = text.split()
    shown = " ".join(words[:most])
    return shown + (" …" if len(words) > most else "")


def _where(number: int, text: str, what: str = "") -> str:
    """'Word-afsnit 12 ("Vi skal sammen …")': where in the Word document, as its author finds it."""
    words = _first_words(text)
    label = f"Word-afsnit {number}" + (f", {what}" if what else "")
    return f"{label} (\"{words}\")" if words else label


def _joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def section_file_names(sections: list[ImportedSection]) -> list[str]:
    """'01-indledning', '02-...': the section ids, from their titles, numbered in order."""
    names, seen = [], set()
    for number, section in enumerate(sections, 1):
        base = f"{number:02d}-{slugify(section.title)[:60].rstrip('-')}"
        name, n = base, 2
        while name in seen:
            name, n = f"{base}-{n}", n + 1
        seen.add(name)
        names.append(name)
    return names


def to_sections(document: ImportedDocument, folder: Path, fallback_title: str) -> list[Section]:
    """The imported sections as the model's, with ids, anchors left to the reader's numbering."""
    sections = document.sections or [ImportedSection(fallback_title, [])]
    if sections and not sections[0].title:
        sections[0].title = "Indledning" if len(sections) > 1 else (document.title or fallback_title)
    result = []
    for name, section in zip(section_file_names(sections), sections):
        result.append(Section(id=name, title=section.title, anchor="", blocks=tuple(section.blocks),
                              location=Location(folder / f"{name}.md"), concretised=bool(section.slot_axis)))
    return result
