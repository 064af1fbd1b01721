"""The DOCX writer's tables, footnotes, photos, foreword, fact box, pull quote and page breaks.

The blocks are built as model objects (what the Markdown reader produces) around the mini
fixture, written once per module, and read back as Word, pandoc and LibreOffice read them.
"""
from __future__ import annotations

import hashlib
import io
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree
from PIL import Image as PILImage
from readback import pandoc_ast, pandoc_nodes, pandoc_text
from tools import require, require_python_tool

from booklet import structure
from booklet.danish import LABELS
from booklet.editions import FULL, MATRIX, editions_for, select
from booklet.model import (
    IMAGE_WIDTH_FRACTIONS, Emphasis, FactBox, Foreword, Image, ImageFile, Link, ListBlock, Note, Paragraph,
    PullQuote, Section, Signer, Table, Text,
)
from booklet.readers.project import load_project
from booklet.word import styles
from booklet.word import writer as docx_writer
from booklet.word.writer import DocxWriter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}
DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

NOTE_SOURCE = "Kilde: Danmarks Statistik, statistikbanken."
NOTE_YEAR = "Tallet er opgjort i december 2015."
NOTE_ABSENCE = "Sygefravær i procent af den samlede arbejdstid."
LONG_TEXT = " ".join(["Parken bag rådhuset er åben for alle, og den bruges hver dag af borgere og ansatte."] * 12)


def mini_publication(root: Path):
    """The mini fixture's publication without its section of the author's own blocks (foreword,
    picture, table, note, fact box, quote): these tests add those in forms of their own and
    count them."""
    publication = load_project(root).publications[0]
    return replace(publication, sections=tuple(s for s in publication.sections if s.title != "Indhold"))


def para(*parts) -> Paragraph:
    return Paragraph(tuple(Text(p) if isinstance(p, str) else p for p in parts))


def note(text: str, *more) -> Note:
    return Note((para(text, *more),))


def picture(folder: Path, name: str, size: tuple[int, int], fmt: str, exif: bool = False) -> ImageFile:
    """A photo with a left and a right half in two colours; JPEGs carry a GPS position when asked."""
    path = folder / name
    image = PILImage.new("RGB", size, (200, 60, 40))
    image.paste((40, 60, 200), (size[0] // 2, 0, size[0], size[1]))
    options = {}
    if exif:
        data = PILImage.Exif()
        data[0x010F] = "Telefonens producent"
        data[0x8825] = {1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 20.0, 10.0)}
        options["exif"] = data.tobytes()
    image.save(path, fmt, **options)
    return ImageFile(path, hashlib.sha256(path.read_bytes()).hexdigest(), "jpeg" if fmt == "JPEG" else "png",
                     *size)


def key_figures(caption: tuple = (Text("Nøgletal for kommunen"),)) -> Table:
    return Table(
        header=((Text("Område"),), (Text("2014"),), (Text("2015"),), (Text("Mål 2016"),)),
        rows=(((Text("Borgere i job"),), (Text("1.204"),), (Text("1.310"), note(NOTE_YEAR)), (Text("1.400"),)),
              ((Text("Sygefravær"), note(NOTE_ABSENCE)), (Text("5,1 %"),), (Text("4,8 %"),), (Text("4,5 %"),)),
              ((Text("Tilfredshed"),), (Text("72"),), (Text("75"),), (Text("80"),))),
        alignments=("", "right", "right", "center"),
        caption=caption)


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    """The mini publication with a foreword, photos, tables, notes, a fact box and a pull quote."""
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path_factory.mktemp("docx-rich") / "projekt", FIXTURES / "mini" / "content")
    publication = mini_publication(root)
    where = publication.location
    pictures = root / "content" / "billeder"
    pictures.mkdir()
    portrait = Image(picture(pictures, "direktør.jpg", (600, 800), "JPEG", exif=True), "Portræt af Jens Hansen",
                     (), "tredjedel", where)
    signature = Image(picture(pictures, "underskrift.png", (600, 200), "PNG"), "", (), "hel", where,
                      decorative=True)
    town_hall = Image(picture(pictures, "rådhus.jpg", (3000, 2000), "JPEG", exif=True), "Rådhuset set fra torvet",
                      (Text("Rådhuset i "), Emphasis((Text("foråret"),))), "hel", where)
    half = Image(picture(pictures, "park.png", (800, 400), "PNG"), "Parken bag rådhuset", (Text("Parken"),),
                 "halv", where)
    pattern = Image(picture(pictures, "mønster.png", (800, 100), "PNG"), "", (), "hel", where, decorative=True)
    cover = Image(picture(pictures, "forside.jpg", (2400, 1600), "JPEG"), "Medarbejdere i samtale", (), "hel", where)
    foreword = Foreword(
        blocks=(para("Kære leder. Her er årets strategibrev", note(NOTE_SOURCE), ". God læsning."),),
        signers=(Signer("Jens Hansen", "Kommunaldirektør", signature), Signer("Mette Jensen", "Direktør for velfærd")),
        portrait=portrait)
    fact_box = FactBox("Fakta om kommunen", (para("48.000 indbyggere."),
                                             ListBlock(False, ((para("4.000 ansatte"),), (para("12 centre"),)))))
    quote = PullQuote((Text("Vi lykkes, når vi arbejder sammen"),), "Jens Hansen, kommunaldirektør")
    sections = (
        Section("forord", "Forord", "forord", (foreword,), where),
        *publication.sections,
        Section("billeder", "Billeder", "billeder",
                (para("Et foto fra\nrådhuset:"), town_hall, half, para(LONG_TEXT), pattern), where),
        # Flows on after the photos, though the publication type starts every chapter on a page.
        Section("tal", "Tal og fakta", "tal-og-fakta",
                (para("Se tabellen."), key_figures(), fact_box, key_figures(caption=()), quote, para("Slut.")),
                where, new_page=False),
    )
    # A title over two lines, as most are: the cover must hold it, the photo and the date.
    publication = replace(publication, sections=sections, cover_image=cover,
                          title="Direktionens strategibrev for Minikommune 2016")
    (edition,) = [e for e in editions_for(publication) if e.kind == FULL]
    model = select(publication, edition)
    target = root / "rig.docx"
    DocxWriter(root / "templates", root / "styles").write(model, edition, target, root)
    return model, target


@pytest.fixture(scope="module")
def document(rich):
    return docx.Document(str(rich[1]))


def body_paragraphs(document):
    return document.element.body.xpath(".//w:p")


def xpath(element, path: str) -> list:
    """Namespace-aware on python-docx's elements and plain lxml ones alike."""
    return etree._Element.xpath(element, path, namespaces=NS)


def text_of(p) -> str:
    return "".join(xpath(p, ".//w:t/text()"))


def style_of(p) -> str:
    return (xpath(p, "w:pPr/w:pStyle/@w:val") or ["Normal"])[0]


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


# --- tables -------------------------------------------------------------------------------


def data_tables(document):
    return [t for t in document.tables if t.style is not None and t.style.name == styles.DATA_TABLE]


def test_table_is_a_word_table_with_a_repeating_header_row_across_the_text_width(rich, document):
    model, _path = rich
    captioned, plain = data_tables(document)
    for table in (captioned, plain):
        rows = table.rows
        assert [c.text for c in rows[0].cells] == ["Område", "2014", "2015", "Mål 2016"]
        assert [c.text for c in rows[2].cells] == ["Sygefravær", "5,1 %", "4,8 %", "4,5 %"]
        assert rows[0]._tr.xpath("w:trPr/w:tblHeader") and not any(r._tr.xpath("w:trPr/w:tblHeader") for r in rows[1:])
        assert all(r._tr.xpath("w:trPr/w:cantSplit") for r in rows)
        width = table._tbl.tblPr.find(qn("w:tblW"))
        text_width = round(docx_writer.PORTRAIT.text_width.twips)
        assert (width.get(qn("w:type")), int(width.get(qn("w:w")))) == ("dxa", text_width)
        assert sum(int(w) for w in table._tbl.xpath("w:tblGrid/w:gridCol/@w:w")) == pytest.approx(text_width, abs=4)
        # Alignment per column: none marked (left), right, right, centre; the header follows its column.
        for row in rows:
            assert [c.paragraphs[0]._p.xpath("string(w:pPr/w:jc/@w:val)") for c in row.cells] == \
                ["", "right", "right", "center"]
        assert {p.style.name for c in rows[0].cells for p in c.paragraphs} == {styles.TABLE_HEADER}
        # A header row, no header column: the first column is data like the others.
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        assert (look.get(qn("w:firstRow")), look.get(qn("w:firstColumn")), look.get(qn("w:val"))) == ("1", "0", "0420")
    # The prose column is the wide one.
    widths = [int(w) for w in captioned._tbl.xpath("w:tblGrid/w:gridCol/@w:w")]
    assert widths[0] == max(widths)
    assert captioned._tbl.xpath("w:tblPr/w:tblCaption/@w:val") == ["Nøgletal for kommunen"]
    assert plain._tbl.xpath("w:tblPr/w:tblCaption/@w:val") == [
        LABELS["table_named_by_columns"].format(columns="Område, 2014, 2015, Mål 2016")]


def test_a_column_is_never_narrower_than_its_longest_word():
    table = Table(header=((Text("Fra strategibrevet for 2015, som det blev vedtaget"),), (Text("Tal"),),
                          (Text("Hvor det står i brevet og i budgettet for året"),)),
                  rows=(((Text("Udviklingsstrategiens periode"),), (Text("2016–2028"),), (Text("Den politiske retning"),)),),
                  alignments=("", "right", ""), caption=())
    room = docx_writer.PORTRAIT.text_width
    widths = docx_writer._column_widths(table, room, 11)
    assert sum(widths) == room
    # Nine characters of 0.6 em at 11 pt, and the cell's margins.
    assert widths[1].pt >= 9 * 0.6 * 11 + 12


def test_text_after_a_table_or_box_keeps_its_distance(document):
    for table in document.element.body.findall(qn("w:tbl")):
        after = table.getnext()
        if style_of(after).startswith("Heading"):
            continue
        assert int(xpath(after, "string(w:pPr/w:spacing/@w:before)")) > 0, text_of(after)


def test_table_caption_is_a_numbered_caption_above_the_table(document):
    captioned, plain = data_tables(document)
    caption = captioned._tbl.getprevious()
    assert style_of(caption) == "Caption"
    assert text_of(caption) == f"{LABELS['table_number'].format(number=1)} Nøgletal for kommunen"
    # Word's own caption numbering: a SEQ field whose cached result is the number.
    assert [t.strip() for t in caption.xpath(".//w:instrText/text()")] == ["SEQ Tabel \\* ARABIC"]
    assert caption.xpath("w:r[w:fldChar/@w:fldCharType='separate']/following-sibling::w:r[1]/w:t/text()") == ["1"]
    # "Tabel 1:" in the caption number's character style (bold, brand colour), the text as the paragraph.
    styled = [(r.xpath("string(w:rPr/w:rStyle/@w:val)"), "".join(r.xpath("w:t/text()"))) for r in caption.xpath("w:r")]
    numbered = [(style, text) for style, text in styled if style == styles.CAPTION_NUMBER]
    assert "".join(text for _, text in numbered) == "Tabel 1:" and len(numbered) == 7  # field runs included
    # A table without a caption has no caption paragraph and no number.
    assert style_of(plain._tbl.getprevious()) != "Caption"


def test_table_style_is_in_brand_colours(rich, document):
    model, _path = rich
    style = document.styles[styles.DATA_TABLE]
    shading = style.element.xpath('w:tblStylePr[@w:type="firstRow"]/w:tcPr/w:shd/@w:fill')
    assert shading == [model.brand.color("primary")[1:].upper()]
    assert style.element.xpath("w:tblPr/w:tblBorders/w:bottom/@w:color") == [model.brand.color("light")[1:].upper()]
    assert document.styles[styles.TABLE_HEADER].font.color.rgb == RGBColor.from_string(
        model.brand.color("background")[1:].upper())


def test_pandoc_reads_the_table_with_its_header_row_and_caption(rich):
    tables = [n for n in pandoc_nodes(pandoc_ast(rich[1])) if n["t"] == "Table"]

    def cells(rows):
        return [[pandoc_text(list(pandoc_nodes(cell[4]))[0]["c"]) if cell[4] else "" for cell in row[1]]
                for row in rows]

    data = [t for t in tables if len(t["c"][2]) == 4]  # four columns: the fact box has one
    assert len(data) == 2
    first = data[0]["c"]
    head, bodies = first[3], first[4]
    assert cells(head[1]) == [["Område", "2014", "2015", "Mål 2016"]]
    body = cells(bodies[0][3])
    assert body[0] == ["Borgere i job", "1.204", "1.310", "1.400"]
    assert pandoc_text(first[1][1][0]["c"]) == f"{LABELS['table_number'].format(number=1)} Nøgletal for kommunen"


# --- footnotes ------------------------------------------------------------------------------


def test_notes_are_real_word_footnotes(rich, document):
    _model, path = rich
    rels = part_xml(path, "word/_rels/document.xml.rels")
    (target,) = rels.xpath(f"rel:Relationship[@Type='{FOOTNOTES_TYPE}']/@Target", namespaces=NS)
    assert target == "footnotes.xml"
    types = part_xml(path, "[Content_Types].xml")
    assert types.xpath("ct:Override[@PartName='/word/footnotes.xml']/@ContentType", namespaces=NS) == \
        [FOOTNOTES_CONTENT]
    notes = part_xml(path, "word/footnotes.xml")
    separators = [(n.get(qn("w:type")), n.get(qn("w:id"))) for n in notes.xpath("w:footnote[@w:type]", namespaces=NS)]
    assert separators == [("separator", "-1"), ("continuationSeparator", "0")]
    settings = part_xml(path, "word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]
    # One note per reference, ids in reading order: the foreword's, then two per table.
    texts = {n.get(qn("w:id")): text_of(n).strip() for n in notes.xpath("w:footnote[not(@w:type)]", namespaces=NS)}
    references = document.element.body.xpath(".//w:footnoteReference/@w:id")
    assert references == [str(i) for i in range(1, 6)] == list(texts)
    assert [texts[i] for i in references] == [NOTE_SOURCE, NOTE_YEAR, NOTE_ABSENCE, NOTE_YEAR, NOTE_ABSENCE]


def test_footnotes_are_in_word_footnote_styles(rich, document):
    _model, path = rich
    notes = part_xml(path, "word/footnotes.xml")
    for footnote in notes.xpath("w:footnote[not(@w:type)]", namespaces=NS):
        paragraphs = footnote.xpath("w:p", namespaces=NS)
        assert {style_of(p) for p in paragraphs} == {"FootnoteText"}
        # The number at the start of the note: Word's footnoteRef in the reference style.
        first_run = paragraphs[0].xpath("w:r", namespaces=NS)[0]
        assert first_run.xpath("w:footnoteRef", namespaces=NS)
        assert first_run.xpath("w:rPr/w:rStyle/@w:val", namespaces=NS) == ["FootnoteReference"]
    for reference in document.element.body.xpath(".//w:footnoteReference"):
        assert reference.getparent().xpath("w:rPr/w:rStyle/@w:val") == ["FootnoteReference"]
    styles = document.styles
    assert styles["footnote reference"].font.superscript
    assert styles["footnote reference"].style_id == "FootnoteReference"
    assert styles["footnote text"].style_id == "FootnoteText"
    assert styles["footnote text"].font.size < styles["Normal"].font.size


def test_pandoc_reads_each_footnote_at_its_reference(rich):
    notes = [pandoc_text(n["c"][0]["c"]) for n in pandoc_nodes(pandoc_ast(rich[1])) if n["t"] == "Note"]
    assert notes == [NOTE_SOURCE, NOTE_YEAR, NOTE_ABSENCE, NOTE_YEAR, NOTE_ABSENCE]


def test_a_document_without_notes_has_no_footnotes_part(tmp_path):
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")
    publication = mini_publication(root)
    (edition,) = [e for e in editions_for(publication) if e.kind == FULL]
    target = tmp_path / "uden-noter.docx"
    DocxWriter(root / "templates", root / "styles").write(select(publication, edition), edition, target, root)
    with zipfile.ZipFile(target) as archive:
        assert "word/footnotes.xml" not in archive.namelist()
        assert b"footnotePr" not in archive.read("word/settings.xml")
    # The styles for what this document lacks are there all the same, for an editor to use.
    names = {style.name for style in docx.Document(str(target)).styles}
    assert {styles.DATA_TABLE, styles.FACT_BOX, styles.FACT_BOX_TITLE, styles.PULL_QUOTE,
            styles.PULL_QUOTE_SOURCE, styles.CAPTION_NUMBER, "Signature", "footnote text",
            "footnote reference"} <= names


def test_a_link_in_a_note_is_a_hyperlink_of_the_footnotes_part(tmp_path):
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")
    publication = mini_publication(root)
    linked = note("Se ", Link("https://www.dst.dk", (Text("dst.dk"),)), ".")
    section = Section("kilder", "Kilder", "kilder", (para("Tal", linked, "."),), publication.location)
    publication = replace(publication, sections=(section,))
    (edition,) = [e for e in editions_for(publication) if e.kind == FULL]
    target = tmp_path / "link.docx"
    DocxWriter(root / "templates", root / "styles").write(select(publication, edition), edition, target, root)
    notes = part_xml(target, "word/footnotes.xml")
    (r_id,) = notes.xpath(".//w:hyperlink/@r:id", namespaces=NS)
    rels = part_xml(target, "word/_rels/footnotes.xml.rels")
    assert rels.xpath(f"rel:Relationship[@Id='{r_id}']/@Target", namespaces=NS) == ["https://www.dst.dk"]
    assert notes.xpath(".//w:hyperlink/w:r/w:rPr/w:rStyle/@w:val", namespaces=NS) == ["Hyperlink"]


# --- photos ---------------------------------------------------------------------------------


def pictures(document) -> dict[str, etree._Element]:
    """wp:inline by the picture's name (its file name; Logo and Figur for the others)."""
    return {i.xpath("string(wp:docPr/@name)"): i for i in document.element.body.xpath(".//wp:inline")}


def test_photos_carry_alt_text_and_decorative_ones_are_marked_so(document):
    found = pictures(document)
    town_hall = found["rådhus.jpg"].xpath("wp:docPr")[0]
    assert (town_hall.get("descr"), town_hall.get("title")) == ("Rådhuset set fra torvet",) * 2
    assert not xpath(town_hall, "a:extLst")
    for name in ("mønster.png", "underskrift.png"):
        doc_pr = found[name].xpath("wp:docPr")[0]
        assert doc_pr.get("descr") == "" and doc_pr.get("title") is None
        assert xpath(doc_pr, f"a:extLst/a:ext[@uri='{DECORATIVE}']/*[local-name()='decorative']/@val") == ["1"]
    # No space around any picture, said outright (LibreOffice shifts one without it off the margin).
    assert {i.get(side) for i in document.element.body.xpath(".//wp:inline")
            for side in ("distT", "distB", "distL", "distR")} == {"0"}
    ids = document.element.body.xpath(".//wp:docPr/@id")
    assert len(ids) == len(set(ids))


def test_photos_take_their_share_of_the_text_width_in_proportion(document):
    found = pictures(document)
    text_width = docx_writer.PORTRAIT.text_width
    for name, width, (w, h) in (("rådhus.jpg", "hel", (3000, 2000)), ("park.png", "halv", (800, 400)),
                                ("direktør.jpg", "tredjedel", (600, 800))):
        extent = found[name].xpath("wp:extent")[0]
        cx, cy = int(extent.get("cx")), int(extent.get("cy"))
        assert cx == pytest.approx(text_width * IMAGE_WIDTH_FRACTIONS[width], rel=0.01), name
        assert cy / cx == pytest.approx(h / w, rel=0.01), name


def test_embedded_photos_are_the_published_copies_without_metadata(rich):
    _model, path = rich
    with zipfile.ZipFile(path) as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    jpegs = [m for m in media if m[:2] == b"\xff\xd8"]
    assert len(jpegs) == 3  # the portrait, the town hall and the cover
    for data in jpegs:
        assert b"GPS" not in data and b"Telefonens" not in data and b"Exif" not in data
        # Scaled for the page (300 ppi at the text width at most), not the 3000 px original.
        assert PILImage.open(io.BytesIO(data)).width <= round(docx_writer.PORTRAIT.text_width.inches * 300)


def frame(p) -> dict[str, str]:
    (frame_pr,) = xpath(p, "w:pPr/w:framePr") or [None]
    return {} if frame_pr is None else {etree.QName(k).localname: v for k, v in frame_pr.attrib.items()}


def test_a_narrow_picture_stands_beside_the_text_that_runs_past_it(document):
    paragraphs = body_paragraphs(document)
    (index,) = [i for i, p in enumerate(paragraphs) if xpath(p, ".//wp:docPr[@name='park.png']")]
    picture, caption, text = paragraphs[index:index + 3]
    # Picture and caption: one Word frame at the right margin, as wide as the picture, the text around it.
    width = int(xpath(picture, "string(.//wp:extent/@cx)"))
    assert frame(picture) == frame(caption) and style_of(caption) == "Caption"
    assert frame(picture)["w"] == str(round(width / 635))
    assert {k: frame(picture)[k] for k in ("wrap", "hAnchor", "xAlign", "vAnchor")} == \
        {"wrap": "around", "hAnchor": "margin", "xAlign": "right", "vAnchor": "text"}
    assert text_of(text).startswith("Parken bag rådhuset") and not frame(text)
    # Not where the text after it is too short to pass it (Word has no "clear" for a heading
    # after it): the portrait beside a two-line letter, or a picture at a chapter's end.
    for name in ("direktør.jpg", "rådhus.jpg", "mønster.png"):
        (p,) = [p for p in paragraphs if xpath(p, f".//wp:docPr[@name='{name}']")]
        assert not frame(p), name
    # A narrow one that stands alone is centred, as in print; a full-width one keeps its style's left.
    (portrait,) = [p for p in paragraphs if xpath(p, ".//wp:docPr[@name='direktør.jpg']")]
    assert xpath(portrait, "string(w:pPr/w:jc/@w:val)") == "center"
    (town_hall,) = [p for p in paragraphs if xpath(p, ".//wp:docPr[@name='rådhus.jpg']")]
    assert not xpath(town_hall, "w:pPr/w:jc")


def test_photo_captions_are_numbered_figures_with_the_drawn_ones(rich, document):
    model, _path = rich
    numbers = structure.Numbering(model)
    captions = [text_of(p) for p in body_paragraphs(document) if style_of(p) == "Caption"]
    figure = LABELS["figure_number"].split("{number}")[0].strip()  # "Figur"
    town_hall = next(b for s in model.sections for b in s.blocks if getattr(b, "alt", "") == "Rådhuset set fra torvet")
    number = numbers.figure(town_hall)
    assert f"{figure} {number}: Rådhuset i foråret" in captions
    assert f"{figure} {number + 1}: Parken" in captions
    # Drawn figures are captioned by what they show.
    assert f"{figure} {number - 1}: {LABELS['figure_caption_house']}" in captions
    # Every numbered figure has its caption, numbered 1, 2, ... in reading order.
    figure_numbers = [int(re.match(rf"{figure} (\d+)", c).group(1)) for c in captions if c.startswith(figure)]
    assert figure_numbers == list(range(1, len(figure_numbers) + 1))
    assert len(figure_numbers) == sum(1 for s in model.sections for b in s.blocks if numbers.figure(b))


def test_pandoc_reads_the_photo_alt_texts(rich):
    alts = []
    for node in pandoc_nodes(pandoc_ast(rich[1])):
        if node["t"] == "Image":
            attributes = dict(node["c"][0][2])
            alts.append(attributes.get("alt", pandoc_text(node["c"][1])))
    assert "Rådhuset set fra torvet" in alts and "Parken bag rådhuset" in alts
    assert "Medarbejdere i samtale" in alts and "Portræt af Jens Hansen" in alts


def test_cover_photo_is_on_the_cover(rich, document):
    cover_section = document.sections[0]._sectPr
    cover = []
    for element in document.element.body:
        cover.append(element)
        if element.xpath("w:pPr/w:sectPr"):
            break
    names = [n for e in cover for n in e.xpath(".//wp:docPr/@name")]
    assert names == ["Logo", "forside.jpg"] and cover_section is not None
    (doc_pr,) = [d for e in cover for d in e.xpath(".//wp:docPr[@name='forside.jpg']")]
    assert doc_pr.get("descr") == "Medarbejdere i samtale"


def test_a_line_end_inside_a_paragraph_is_a_space_not_a_break(document):
    (paragraph,) = [p for p in document.paragraphs if p.text.startswith("Et foto fra")]
    assert paragraph.text == "Et foto fra rådhuset:" and not paragraph._p.xpath(".//w:br")


def test_cover_photo_fits_the_portrait_cover_of_the_landscape_matrix_edition(tmp_path):
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")
    publication = mini_publication(root)
    cover = Image(picture(tmp_path, "forside.jpg", (3000, 1000), "JPEG"), "Udsigt over byen", (), "hel",
                  publication.location)
    publication = replace(publication, cover_image=cover)
    (edition,) = [e for e in editions_for(publication) if e.kind == MATRIX]
    target = tmp_path / "matrix.docx"
    DocxWriter(root / "templates", root / "styles").write(select(publication, edition), edition, target, root)
    document = docx.Document(str(target))
    (extent,) = document.element.body.xpath(".//wp:docPr[@name='forside.jpg']/../wp:extent")
    assert int(extent.get("cx")) == pytest.approx(docx_writer.PORTRAIT.text_width, abs=2)
    assert document.sections[-1].page_width > document.sections[-1].page_height  # the matrix: landscape


# --- foreword, fact box, pull quote ------------------------------------------------------------


def test_foreword_signers_are_name_then_title_with_the_signature_above(document):
    signers = [p for p in body_paragraphs(document) if style_of(p) == "Signature"]
    assert len(signers) == 2
    first, second = (docx.text.paragraph.Paragraph(p, document._body) for p in signers)
    assert first.text == "\nJens Hansen\nKommunaldirektør"
    assert second.text == "Mette Jensen\nDirektør for velfærd"
    assert [r.style.name for r in second.runs if r.text] == ["Strong", "Default Paragraph Font"]
    assert first._p.xpath(".//wp:docPr/@name") == ["underskrift.png"]
    assert document.styles["Signature"].element.xpath("w:pPr/w:suppressAutoHyphens")
    # The portrait stands before the letter.
    texts = [text_of(p) for p in body_paragraphs(document)]
    portrait = next(i for i, p in enumerate(body_paragraphs(document)) if p.xpath(".//wp:docPr[@name='direktør.jpg']"))
    assert texts[portrait + 1].startswith("Kære leder.")


def test_fact_box_is_a_tinted_box_whose_title_is_not_a_heading(rich, document):
    model, _path = rich
    (box,) = [t for t in document.tables if t.style.name == styles.FACT_BOX]
    cell = box.rows[0].cells[0]
    assert [p.style.name for p in cell.paragraphs][:2] == [styles.FACT_BOX_TITLE, styles.FACT_BOX_TEXT]
    assert cell.paragraphs[0].text == "Fakta om kommunen"
    assert box._tbl.xpath("w:tblPr/w:tblCaption/@w:val") == ["Fakta om kommunen"]
    assert "4.000 ansatte" in [p.text for p in cell.paragraphs]
    title_style = document.styles[styles.FACT_BOX_TITLE]
    assert not title_style.element.xpath(".//w:outlineLvl")
    assert title_style.base_style.name == "Normal"
    fill = box.style.element.xpath("w:tcPr/w:shd/@w:fill")
    assert fill == [model.brand.color("light")[1:].upper()]
    assert "Fakta om kommunen" not in [e.title for e in structure.outline(model)]
    toc = [text_of(p) for p in body_paragraphs(document) if style_of(p).startswith("TOC")]
    assert not any("Fakta" in t for t in toc)


def test_pull_quote_has_guillemets_and_its_source_on_its_own_line(document):
    paragraphs = body_paragraphs(document)
    (index,) = [i for i, p in enumerate(paragraphs)
                if docx.text.paragraph.Paragraph(p, document._body).style.name == styles.PULL_QUOTE]
    assert text_of(paragraphs[index]) == "»Vi lykkes, når vi arbejder sammen«"
    source = docx.text.paragraph.Paragraph(paragraphs[index + 1], document._body)
    assert (source.style.name, source.text) == (styles.PULL_QUOTE_SOURCE, "– Jens Hansen, kommunaldirektør")


# --- page breaks --------------------------------------------------------------------------------


def chapter_breaks(document) -> dict[str, bool | None]:
    return {p.text: p.paragraph_format.page_break_before for p in document.paragraphs if p.style.name == "Heading 1"}


def test_a_section_can_flow_on_where_its_type_starts_a_page(document):
    breaks = chapter_breaks(document)
    assert document.styles["Heading 1"].paragraph_format.page_break_before  # a ledelsesgrundlag
    assert breaks["Tal og fakta"] is False
    assert breaks["Billeder"] is None and breaks["Forord"] is None  # as the style says


def test_a_section_can_start_a_page_where_its_type_flows_on(tmp_path):
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")
    publication = mini_publication(root)
    where = publication.location
    sections = tuple(Section(f"s{i}", f"Afsnit {i}", f"s{i}", (para("Tekst."),), where, new_page=new_page)
                     for i, new_page in enumerate((False, None, True, False)))
    publication = replace(publication, type="strategibrev", sections=sections)
    (edition,) = [e for e in editions_for(publication) if e.kind == FULL]
    target = tmp_path / "brev.docx"
    DocxWriter(root / "templates", root / "styles").write(select(publication, edition), edition, target, root)
    document = docx.Document(str(target))
    assert not document.styles["Heading 1"].paragraph_format.page_break_before  # a letter flows on
    assert chapter_breaks(document) == {"Afsnit 0": True, "Afsnit 1": None, "Afsnit 2": True, "Afsnit 3": None}
    heading = [p for p in document.paragraphs if p.text == "Afsnit 2"][0]
    assert heading.paragraph_format.space_before == 0  # no gap above a heading at the top of a page


# --- styles and validity ------------------------------------------------------------------------


def test_the_new_styles_are_kept_and_every_reference_resolves(rich, document):
    names = {style.name for style in document.styles}
    assert {styles.DATA_TABLE, styles.FACT_BOX, styles.FACT_BOX_TITLE, styles.PULL_QUOTE,
            styles.PULL_QUOTE_SOURCE, "Signature", "Caption", "footnote text", "footnote reference"} <= names
    ids = {style.style_id for style in document.styles}
    refs = set(document.element.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val"))
    notes = part_xml(rich[1], "word/footnotes.xml")
    refs |= set(notes.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val", namespaces=NS))
    assert refs <= ids


def test_openxml_audit_finds_nothing(rich):
    audit = require_python_tool("openxml_audit", "openxml-audit")
    result = subprocess.run([*audit, "-f", "microsoft365", "-m", "20", str(rich[1])],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "Errors: 0" in result.stdout, result.stdout + result.stderr


def test_the_same_model_gives_the_same_bytes(rich, tmp_path):
    model, path = rich
    (edition,) = [e for e in editions_for(model) if e.kind == FULL]
    again = tmp_path / "igen.docx"
    DocxWriter(path.parent / "templates", path.parent / "styles").write(model, edition, again, path.parent)
    assert again.read_bytes() == path.read_bytes()


# --- LibreOffice ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_pdf(rich, tmp_path_factory) -> Path:
    soffice = require("soffice", "libreoffice-writer-nogui")
    work = tmp_path_factory.mktemp("libreoffice-rich")
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(work), str(rich[1])],
                   capture_output=True, text=True, timeout=600)
    pdf = work / f"{rich[1].stem}.pdf"
    assert pdf.is_file()
    return pdf


def words_on_pages(pdf: Path) -> list[tuple[float, list[tuple[str, float]]]]:
    """(page height, [(word, top)]) per page, as pdftotext lays them out."""
    pdftotext = require("pdftotext", "poppler-utils")
    html = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [(word, float(top)) for top, word in
                 re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page.group(2))]
        pages.append((float(page.group(1)), words))
    return pages


def test_libreoffice_keeps_the_cover_with_its_photo_on_one_page(rich, libreoffice_pdf):
    model, _path = rich
    pages = words_on_pages(libreoffice_pdf)
    first, second = (" ".join(w for w, _ in words) for _, words in pages[:2])
    assert model.organisation.name.split()[0] in first  # the cover's last line
    assert LABELS["contents"] in second  # the contents follow on the next page


def test_libreoffice_sets_each_footnote_at_the_foot_of_its_references_page(libreoffice_pdf):
    pages = words_on_pages(libreoffice_pdf)
    for note_text, referenced_after in ((NOTE_SOURCE, "strategibrev"), (NOTE_ABSENCE, "Sygefravær")):
        first_word = note_text.split()[0]
        found = False
        for height, words in pages:
            texts = [w for w, _ in words]
            joined = " ".join(texts)
            if note_text not in joined:
                continue
            found = True
            # The note's text low on the page, under everything but the page footer.
            tops = [top for word, top in words if word == first_word]
            assert tops and max(tops) > 0.75 * height, note_text
            # Its reference on the same page: the word it follows carries the number.
            assert any(w.startswith(referenced_after) for w in texts), note_text
        assert found, note_text
