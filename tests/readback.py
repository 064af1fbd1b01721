"""Read produced files back as their readers' tools would: text and headings per format."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import docx
import pikepdf
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

_HYPHENS_AND_SPACE = re.compile(r"[\s\-\u00ad\u2010\u2011\u2013]+")


def normalise(text: str) -> str:
    """Text without whitespace and hyphens, so line breaks and hyphenation don't matter."""
    return _HYPHENS_AND_SPACE.sub("", text).casefold()


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.styles: list[str] = []
        self._heading: list[str] | None = None
        self._level = 0
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._level = [], int(tag[1])
        if tag == "link":
            self.styles.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._level, " ".join("".join(self._heading).split())))
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)


def read_html(path: Path) -> _HtmlReader:
    reader = _HtmlReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def html_text(path: Path) -> str:
    return " ".join(read_html(path).text)


def html_headings(path: Path) -> list[str]:
    return [text for _, text in read_html(path).headings]


def html_alts(path: Path) -> list[str]:
    """The alt text of every image a screen reader announces. An empty alt="" is HTML's mark of a
    decorative image and is passed over; a missing alt attribute counts as an empty text."""
    class Images(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.alts: list[str] = []

        def handle_starttag(self, tag, attrs):
            alt = dict(attrs).get("alt")
            if tag == "img" and alt != "":
                self.alts.append(alt or "")

    reader = Images()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.alts


def pdf_alts(path: Path) -> list[str]:
    """The /Alt of every /Figure in the PDF's structure tree."""
    def walk(node):
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                yield str(node.get("/Alt", ""))
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                yield from walk(kid)

    with pikepdf.open(path) as pdf:
        return list(walk(pdf.Root.StructTreeRoot))


def docx_alts(path: Path) -> list[str]:
    """The description (alt text) of every picture in the document body that is not marked
    decorative (Word's adec:decorative extension, which screen readers pass over)."""
    document = docx.Document(str(path))
    return [d.get("descr", "") for d in document.element.body.xpath(".//wp:docPr")
            if not d.xpath(".//*[local-name()='decorative'][@val='1']")]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdf_page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_outline(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(path).outline)
    return titles


def _docx_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
                for inner in cell.tables:
                    for inner_row in inner.rows:
                        for inner_cell in inner_row.cells:
                            yield from inner_cell.paragraphs


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in _docx_paragraphs(document))


def docx_text_and_notes(path: Path) -> str:
    """The body and the footnotes, as a Word reader sees both (the notes have their own part)."""
    document = docx.Document(str(path))
    texts = [docx_text(path)]
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            root = etree.fromstring(rel.target_part.blob)
            texts += ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))]
    return "\n".join(texts)


def docx_headings(path: Path) -> list[tuple[int, str]]:
    document = docx.Document(str(path))
    result = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading "):
            result.append((int(name.split()[1]), paragraph.text))
    return result


def pandoc_ast(path: Path) -> dict:
    """The document as pandoc reads it (`pandoc -f docx -t json`), with pypandoc's own pandoc."""
    import pypandoc  # the test extra's pypandoc-binary; imported here so other readers work without it

    return json.loads(pypandoc.convert_file(str(path), "json", format="docx"))


def pandoc_nodes(tree) -> Iterator[dict]:
    """Every element of a pandoc AST (blocks and inlines), in document order, nested ones too."""
    if isinstance(tree, dict):
        if "t" in tree:
            yield tree
        for value in tree.values():
            yield from pandoc_nodes(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from pandoc_nodes(value)


def pandoc_text(inlines: list) -> str:
    """The plain text of a list of pandoc inlines."""
    parts = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Strikeout", "Superscript", "Subscript"):
            parts.append(pandoc_text(content))
        elif kind in ("Link", "Image", "Span", "Quoted"):
            parts.append(pandoc_text(content[1]))
    return "".join(parts)


def embedded_fonts(path: Path) -> list[tuple[str, bool]]:
    """(base font name without subset tag, embedded?) for every font the pages use."""
    result = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.obj.Resources.get("/Font", {}).values():
                fonts = [font] + list(font.get("/DescendantFonts", []))
                descriptor = next((f.FontDescriptor for f in fonts if "/FontDescriptor" in f), None)
                embedded = descriptor is not None and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                result.append((str(font.BaseFont).split("+")[-1], embedded))
    return result


def foreign_fonts(output: Path, paths: list[Path], publications: dict) -> list[str]:
    """'file: font' for every font in these PDFs that is not embedded or not the brand's own."""
    manifest = {entry["path"]: entry for entry in
                json.loads((output / "manifest.json").read_text(encoding="utf-8"))["files"]}
    found = []
    for path in paths:
        publication = publications[manifest[path.relative_to(output).as_posix()]["publication"]]
        family = re.sub(r"[^a-z]", "", publication.brand.body_font.lower())
        for name, embedded in embedded_fonts(path):
            if not embedded or not re.sub(r"[^a-z]", "", name.lower()).startswith(family):
                found.append(f"{path.name}: {name}" + ("" if embedded else " (ikke indlejret)"))
    return found
