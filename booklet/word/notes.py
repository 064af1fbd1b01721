"""Real Word footnotes for the DOCX writer: a footnotes part, its references and settings.

python-docx has no footnote API, so the part is built as Word itself writes it: a
`/word/footnotes.xml` story part related from the document, holding the separator (-1) and
continuation separator (0) that Word draws above the notes, then one `w:footnote` per note
with ids 1, 2, ... in reading order. Word and LibreOffice number the notes themselves from
their position, so the ids only have to be unique; they are given in order so the numbers a
reader sees are the ids.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import register_element_cls
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.story import StoryPart
from docx.text.paragraph import Paragraph as WordParagraph

from .styles import FOOTNOTE_REFERENCE, FOOTNOTE_STYLE_IDS, FOOTNOTE_TEXT


class CT_Footnotes(BaseOxmlElement):
    """w:footnotes, as an element python-docx knows, so its namespace-aware xpath works on the part."""


class CT_Footnote(BaseOxmlElement):
    """w:footnote: one note's story."""


register_element_cls("w:footnotes", CT_Footnotes)
register_element_cls("w:footnote", CT_Footnote)

SEPARATOR_IDS = (-1, 0)  # as Word writes them: the separator, then the continuation separator


def _empty_footnotes() -> str:
    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        f'w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
        for kind, note_id in zip(("separator", "continuationSeparator"), SEPARATOR_IDS))
    return f"<w:footnotes {nsdecls('w', 'r')}>{separators}</w:footnotes>"


@dataclass
class _Story:
    """The parent python-docx's Paragraph and Run ask for the part they live in (styles, links)."""

    part: StoryPart


class Footnotes:
    """The document's footnotes part, made on the first note so a document without notes has none."""

    def __init__(self, document: WordDocument):
        self.document = document
        self._part: StoryPart | None = None
        self._next_id = 1

    @property
    def part(self) -> StoryPart:
        if self._part is None:
            package = self.document.part.package
            self._part = StoryPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES,
                                   parse_xml(_empty_footnotes()), package)
            self.document.part.relate_to(self._part, RT.FOOTNOTES)
        return self._part

    def add(self) -> tuple[int, "_NoteWriter"]:
        """A new footnote: its id, and a writer for its paragraphs."""
        note_id = self._next_id
        self._next_id += 1
        footnote = OxmlElement("w:footnote", {qn("w:id"): str(note_id)})
        self.part.element.append(footnote)
        return note_id, _NoteWriter(footnote, _Story(self.part))

    def properties(self):
        """settings.xml's w:footnotePr naming the separators, as Word writes it; None without notes."""
        if self._part is None:
            return None
        refs = "".join(f'<w:footnote w:id="{note_id}"/>' for note_id in SEPARATOR_IDS)
        return parse_xml(f"<w:footnotePr {nsdecls('w')}>{refs}</w:footnotePr>")


class _NoteWriter:
    def __init__(self, footnote, story: _Story):
        self.footnote = footnote
        self.story = story

    def add_paragraph(self) -> WordParagraph:
        """A paragraph in the note's text style; the first starts with the note's number."""
        first = len(self.footnote) == 0
        p = OxmlElement("w:p")
        self.footnote.append(p)
        paragraph = WordParagraph(p, self.story)
        paragraph.style = FOOTNOTE_TEXT
        if first:
            p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{FOOTNOTE_STYLE_IDS[FOOTNOTE_REFERENCE]}"/>'
                               f'</w:rPr><w:footnoteRef/></w:r>'))
            p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> </w:t></w:r>'))
        return paragraph


def reference_run(note_id: int):
    """The run in the text that calls note `note_id`: its number, raised by the reference style."""
    return parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{FOOTNOTE_STYLE_IDS[FOOTNOTE_REFERENCE]}"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>')
