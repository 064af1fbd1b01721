"""The DOCX writer: Word structure, brand styles and metadata, read back from the files."""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from booklet import structure
from booklet.danish import LABELS, format_date
from booklet.editions import FULL, MATRIX, REVIEW, editions_for, select
from booklet.model import Link, ListBlock, Paragraph, Section, Strong, Text
from booklet.readers.project import load_project
from booklet.writers.docx import DocxWriter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}

# CT_Settings in ECMA-376 part 1 (wml.xsd): the order Word requires of settings.xml.
SETTINGS_SCHEMA_ORDER = [
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
    "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
    "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
    "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
    "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
    "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
    "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
]
SCHEMA_NAMESPACES = {W, "http://schemas.openxmlformats.org/officeDocument/2006/math",
                     "http://schemas.openxmlformats.org/schemaLibrary/2006/main"}


def settings_order_problems(settings: etree._Element) -> list[str]:
    """Children out of schema order; extensions (w14, w15 ...) may only follow the schema's own."""
    problems, last_rank, seen_extension = [], -1, False
    for child in settings:
        namespace, local = etree.QName(child).namespace, etree.QName(child).localname
        if namespace not in SCHEMA_NAMESPACES:
            seen_extension = True
            continue
        rank = SETTINGS_SCHEMA_ORDER.index(local)
        if rank < last_rank or seen_extension:
            problems.append(local)
        last_rank = max(last_rank, rank)
    return problems


# --- building ---------------------------------------------------------------------------


def with_links_and_lists(publication):
    """The mini publication plus a section with links, back-to-back ordered lists and no slots."""
    target = publication.sections[0].anchor
    # Concretised but without slots: the review edition flags every level as missing.
    extra = Section(
        id="ekstra", title="Ekstra", anchor="ekstra", location=publication.location, concretised=True,
        blocks=(
            Paragraph((Text("Læs "), Link("https://www.example.dk/ledelse", (Text("mere her"),)),
                       Text(" og "), Link(f"#{target}", (Strong((Text("indledningen"),)),)), Text("."))),
            ListBlock(True, ((Paragraph((Text("a-et"),)),), (Paragraph((Text("a-to"),)),))),
            ListBlock(True, ((Paragraph((Text("b-et"),)),
                              ListBlock(True, ((Paragraph((Text("b-indre"),)),),))),)),
        ),
    )
    return replace(publication, sections=publication.sections + (extra,))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every edition of the mini fixture as DOCX: edition id -> (edition's model, file)."""
    from conftest import FIXTURES, make_project

    root = make_project(tmp_path_factory.mktemp("docx") / "projekt", FIXTURES / "mini" / "content")
    publication = with_links_and_lists(load_project(root).publications[0])
    writer = DocxWriter(root / "templates", root / "styles")
    result = {}
    for edition in editions_for(publication):
        model = select(publication, edition)
        target = root / f"{edition.id}.docx"
        assert writer.write(model, edition, target, root) is None
        result[edition.id] = (model, edition, target)
    return result


@pytest.fixture
def full(built):
    return built[FULL]


def paragraphs(document) -> list[WordParagraph]:
    """Every body paragraph in reading order, those in table cells included."""
    return [WordParagraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]


def headings(document) -> list[tuple[int, str]]:
    found = []
    for paragraph in paragraphs(document):
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), paragraph.text))
    return found


def xml_parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith(".xml") or name.endswith(".rels")}


# --- structure ----------------------------------------------------------------------------


def test_headings_are_the_outline_in_every_edition(built):
    for model, _edition, path in built.values():
        expected = [(entry.level, entry.title) for entry in structure.outline(model)]
        assert headings(docx.Document(str(path))) == expected


def test_every_component_reaches_the_document(built):
    model, _edition, path = built[FULL]
    text = "\n".join(p.text for p in paragraphs(docx.Document(str(path))))
    expected = [
        "Ledere er en del af koncernen.",  # values
        "Helhed – Ledere er en del af koncernen.",
        "Chefforum", "Medlemmer", "Direktører og centerchefer.", "Mødeform og hyppighed", "Formål",
        "Strategisk ledelse", "Ansvar",  # forum, in table cells
        "1. Resultater for borgeren", "Implementering i bund", "Vores indsatser skal følges til dørs.",
        "4.1 Personlige kompetencer", f"{LABELS['focus_areas']}: Én kommune", "Skaber tid og rum for dialog",
        "Basispakke for alle ledere", LABELS["for_everyone"], "For Ledere af ledere",
        "Internt kursus i konflikthåndtering",
        "Vi lærer og udvikler sammen med andre", "Vi er nysgerrige og har mod til nytænkning.",
        "Performance", "Handler om at tilpasse os.",  # focus grid cells
        "Konkretisering for Centerchefer", LABELS["example"],
        "Som centerchef oversætter du grundlaget til dit center.",
        LABELS["no_concretisation"].format(role="Direktionen"),
        "Ledelse er noget, vi er sammen om.", "underpunkt",
    ]
    assert [snippet for snippet in expected if snippet not in text] == []


def test_review_and_matrix_editions(built):
    _model, _edition, review = built[REVIEW]
    review_text = "\n".join(p.text for p in paragraphs(docx.Document(str(review))))
    assert "Mangler: der er ikke skrevet en konkretisering for" in review_text

    model, edition, matrix = built[MATRIX]
    document = docx.Document(str(matrix))
    assert document.sections[-1].page_width > document.sections[-1].page_height  # landscape
    assert edition.label in [p.text for p in document.paragraphs]  # on the cover
    table = document.tables[0]
    header = table.rows[0]
    assert [c.text for c in header.cells][0] == LABELS["matrix_section"]
    assert header._tr.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None
    assert table._tbl.find(f"{{{W}}}tblPr/{{{W}}}tblCaption").get(qn("w:val")) == LABELS["matrix_caption"]


def test_component_kinds_are_real_word_structure(full):
    _model, _edition, path = full
    document = docx.Document(str(path))
    by_style: dict[str, list[str]] = {}
    for paragraph in paragraphs(document):
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert "Vi er nysgerrige og har mod til nytænkning." in by_style["List Bullet"]
    assert {"første", "anden"} <= set(by_style["List Number"])
    assert "Ledelse er noget, vi er sammen om." in by_style["Quote"]
    assert "Vores indsatser skal følges til dørs." in by_style["Tagline"]
    assert LABELS["contents"] in by_style["TOC Heading"]
    grid = [t for t in document.tables if len(t.rows) == 2 and len(t.columns) == 2]
    assert grid and grid[0].cell(0, 0).paragraphs[0].runs[0].style.name == "Term"


def test_inline_marks_use_character_styles(full):
    document = docx.Document(str(full[2]))
    runs = {run.text: run for p in paragraphs(document) for run in p.runs}
    assert runs["enkeltfaktor"].style.name == "Strong"
    assert runs["størst"].style.name == "Emphasis"


def test_links_are_word_hyperlinks(full):
    model, _edition, path = full
    document = docx.Document(str(path))
    body = document.element.body
    external = body.xpath(".//w:hyperlink[@r:id]")
    assert len(external) == 1
    assert document.part.rels[external[0].get(qn("r:id"))].target_ref == "https://www.example.dk/ledelse"
    bookmarks = set(body.xpath(".//w:bookmarkStart/@w:name"))
    internal = body.xpath(".//w:hyperlink/@w:anchor")
    assert internal and set(internal) <= bookmarks
    linked = [p for p in paragraphs(document) if "indledningen" in p.text][0]
    assert [r.style.name for r in linked.iter_inner_content() if hasattr(r, "runs")
            for r in r.runs] == ["Hyperlink", "Strong Hyperlink"]


# --- lists ----------------------------------------------------------------------------------


def test_each_ordered_list_restarts_at_one(full):
    document = docx.Document(str(full[2]))
    numbering = document.part.numbering_part.element
    list_number = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(list_number).abstractNumId.val
    num_ids = []
    for paragraph in paragraphs(document):
        if paragraph.style.name == "List Number":
            num_id = paragraph._p.pPr.numPr.numId.val
            if num_id not in num_ids:
                num_ids.append(num_id)
    # 'første/anden', the forum's purpose, a-list, b-list and its nested list.
    assert len(num_ids) == 5
    for num_id in num_ids:
        num = numbering.num_having_numId(num_id)
        assert num.abstractNumId.val == abstract
        starts = num.xpath("w:lvlOverride/w:startOverride/@w:val")
        assert starts == ["1"]


def test_nested_lists_use_list_levels(full):
    document = docx.Document(str(full[2]))
    levels = {p.text: p._p.pPr.numPr.ilvl.val for p in paragraphs(document)
              if p.style.name in ("List Bullet", "List Number")}
    assert levels["punkt et"] == 0 and levels["underpunkt"] == 1
    assert levels["b-et"] == 0 and levels["b-indre"] == 1


# --- styles ---------------------------------------------------------------------------------


def test_no_run_is_formatted_directly(full):
    for name, root in xml_parts(full[2]).items():
        if name.startswith("word/") and ("document" in name or "header" in name or "footer" in name):
            direct = root.xpath(".//w:r/w:rPr/*[self::w:rFonts or self::w:color or self::w:sz or self::w:szCs]",
                                namespaces=NS)
            assert direct == [], name


def test_brand_lives_in_the_styles(full):
    model, _edition, path = full
    brand = model.brand
    document = docx.Document(str(path))
    styles = document.styles
    primary = RGBColor.from_string(brand.color("primary")[1:])
    for level in range(1, 5):
        heading = styles[f"Heading {level}"]
        assert heading.font.color.rgb == primary
        assert heading.font.name == brand.heading_font
        assert heading.font.bold == (brand.heading_weight >= 600)
        assert heading.paragraph_format.keep_with_next
    assert styles["Heading 1"].font.size > styles["Heading 2"].font.size
    normal = styles["Normal"]
    assert normal.font.name == brand.body_font
    assert normal.font.size.pt == brand.base_size_pt
    assert normal.font.color.rgb == RGBColor.from_string(brand.color("foreground")[1:])
    assert normal.paragraph_format.line_spacing == pytest.approx(brand.line_height)
    theme_fonts = styles.element.xpath(
        ".//w:rFonts[@w:asciiTheme or @w:hAnsiTheme or @w:eastAsiaTheme or @w:cstheme]")
    assert theme_fonts == []


def test_document_language_is_danish(full):
    styles = xml_parts(full[2])["word/styles.xml"]
    assert styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=NS) == ["da-DK"]


# --- page furniture, contents and metadata -----------------------------------------------


def test_cover_section_then_running_header_and_page_footer(full):
    model, _edition, path = full
    document = docx.Document(str(path))
    cover, running = document.sections
    assert cover._sectPr.xpath("w:headerReference|w:footerReference") == []
    assert running.header.paragraphs[0].text == model.title
    footer = running.footer._element
    instructions = [t.strip() for t in footer.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert running.footer.paragraphs[0].text == "Side  af "
    assert (round(cover.page_width.mm), round(cover.page_height.mm)) == (210, 297)  # A4


def test_cover_logo_has_alt_text(full):
    model, _edition, path = full
    document = docx.Document(str(path))
    names = document.element.body.xpath(".//wp:docPr")
    assert names and all(d.get("descr") == d.get("title") == model.organisation.name for d in names)
    assert document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill is not None


def test_table_of_contents_is_a_prefilled_field(full):
    model, _edition, path = full
    document = docx.Document(str(path))
    body = document.element.body
    instruction = body.xpath(".//w:instrText[contains(., 'TOC')]/text()")
    assert [i.strip() for i in instruction] == [f'TOC \\o "1-{structure.TOC_DEPTH}" \\h \\z \\u']
    # Each entry is its title, a tab to the page number and an empty PAGEREF until Word updates it.
    entries = [(int(p.style.name.split()[1]), p.text.rstrip("\t")) for p in paragraphs(document)
               if p.style.name.startswith("toc ")]
    assert entries == [(e.level, e.title) for e in structure.table_of_contents(model)]
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_settings_are_in_schema_order(built):
    for _model, _edition, path in built.values():
        settings = xml_parts(path)["word/settings.xml"]
        assert settings_order_problems(settings) == []
        assert settings.find(qn("w:autoHyphenation")).get(qn("w:val")) == "true"


def test_settings_order_check_catches_misplaced_children():
    settings = etree.fromstring(f'<w:settings xmlns:w="{W}"><w:compat/><w:updateFields/></w:settings>')
    assert settings_order_problems(settings) == ["updateFields"]


def test_core_properties(full):
    model, _edition, path = full
    props = docx.Document(str(path)).core_properties
    midnight = dt.datetime.combine(model.date, dt.time(), tzinfo=dt.timezone.utc)
    assert props.title == model.title
    assert props.subject == model.subtitle
    assert props.author == props.last_modified_by == model.issuer
    assert props.keywords == ", ".join(model.keywords)
    assert props.created == props.modified == midnight
    assert props.revision == 1
    assert props.comments == props.category == ""


def test_template_leftovers_are_gone(full):
    with zipfile.ZipFile(full[2]) as archive:
        names = set(archive.namelist())
        core = archive.read("docProps/core.xml").decode()
    assert not {"docProps/thumbnail.jpeg", "docProps/app.xml", "word/stylesWithEffects.xml"} & names
    assert "python-docx" not in core


def test_colophon(full):
    model, _edition, path = full
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    start = texts.index(LABELS["colophon"])
    colophon = texts[start:]
    assert f"{LABELS['issued_by']}\t{model.issuer}, {model.organisation.name}" in colophon
    assert f"{LABELS['date']}\t{format_date(model.date)}" in colophon
    assert f"{LABELS['contact']}\t{model.organisation.contact}" in colophon
