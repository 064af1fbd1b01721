"""Small Word files built by hand for the import tests: a minimal valid DOCX around a body of
WordprocessingML, and the bad files the import must refuse."""
from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def content_types(main: str = MAIN, extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/>{extra}</Types>')


ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/></Relationships>')


def document_rels(relationships: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}'
            '</Relationships>')


def document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'


def p(text: str, style: str = "", extra: str = "") -> str:
    """A paragraph of one run; `style` is the paragraph style's id (e.g. Heading1)."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>{extra}</w:p>'


def write_docx(path: Path, body: str, rels: str = "", parts: dict[str, bytes | str] | None = None,
               main: str = MAIN, types_extra: str = "", document_xml: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types(main, types_extra))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/document.xml", document_xml if document_xml is not None else document(body))
        archive.writestr("word/_rels/document.xml.rels", document_rels(rels))
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return path


def simple_docx(path: Path, *paragraphs: str) -> Path:
    body = p("Strategibrev 2030", "Title") + p("Indledning", "Heading1") + "".join(paragraphs or (p("Tekst."),))
    return write_docx(path, body)
