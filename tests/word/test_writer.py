"""The DOCX writer: Word structure, brand styles and metadata, read back from the files."""
from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph as WordParagraph
from fontTools.ttLib import TTFont
from lxml import etree
from readback import pandoc_ast, pandoc_nodes, pandoc_text

from booklet import structure
from booklet.danish import LABELS, format_date
from booklet.editions import FULL, MATRIX, REVIEW, editions_for, select
from booklet.model import Link, ListBlock, Paragraph, Section, Strong, Text
from booklet.readers.project import load_project
from booklet.word.fonts import REPERTOIRE, obfuscate, truetype_subset
from booklet.word.writer import DocxWriter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
REPO = Path(__file__).resolve().parents[2]

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


# The headings each edition of the mini fixture (plus the "Ekstra" section) must have, written
# out from the fixture by hand: a wrong selection of blocks for an edition shows here, where a
# comparison with the outline of the very model the writer was given could not see it.
_COMPONENT_HEADINGS = [
    (1, "Komponenter"), (2, "Chefforum"), (2, "1. Resultater for borgeren"), (3, "Implementering i bund"),
    (2, "4.1 Personlige kompetencer"), (2, "Basispakke for alle ledere"), (2, "Pakke for ledere af ledere"),
    (2, "Vi lærer og udvikler sammen med andre"),
]
_BOTH_LEVELS = [(2, "Konkretisering for centerchefer"), (2, "Konkretisering for direktionen")]
# The section of the author's own blocks (foreword, picture, table, fact box, quote): no headings.
_CONTENT = [(1, "Indhold")]
EXPECTED_HEADINGS = {
    FULL: [(1, "Indledning"), (2, "Værdier"), *_BOTH_LEVELS, *_COMPONENT_HEADINGS, *_CONTENT, (1, "Ekstra")],
    # Direktionen's block in the fixture is 'ingen': its edition has no block of its own.
    "direktion": [(1, "Indledning"), (2, "Værdier"), *_COMPONENT_HEADINGS, *_CONTENT, (1, "Ekstra")],
    "centerchef": [(1, "Indledning"), (2, "Værdier"), (2, "Til dig som centerchef"), *_COMPONENT_HEADINGS,
                   *_CONTENT, (1, "Ekstra")],
    MATRIX: [(1, "Afsnit og niveauer")],
    # "Ekstra" is concretised without blocks: both levels are flagged there, in the levels' order.
    REVIEW: [(1, "Indledning"), (2, "Værdier"), *_BOTH_LEVELS, *_COMPONENT_HEADINGS, *_CONTENT, (1, "Ekstra"),
             (2, "Konkretisering for direktionen"), (2, "Konkretisering for centerchefer")],
}


def test_headings_are_the_outline_in_every_edition(built):
    assert sorted(built) == sorted(EXPECTED_HEADINGS)
    for edition, (_model, _edition, path) in built.items():
        assert headings(docx.Document(str(path))) == EXPECTED_HEADINGS[edition], edition


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
        "Basispakke for alle ledere", "For ledere af ledere",
        "Internt kursus i konflikthåndtering",
        "Vi lærer og udvikler sammen med andre", "Vi er nysgerrige og har mod til nytænkning.",
        "Performance", "Handler om at tilpasse os.",  # focus grid cells
        "Konkretisering for centerchefer", LABELS["example"],
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


def test_matrix_header_row_is_styled_by_the_table_style_and_repeats(built):
    _model, _edition, path = built[MATRIX]
    document = docx.Document(str(path))
    table = document.tables[0]
    header, body = table.rows[0], table.rows[1:]
    assert header._tr.xpath("w:trPr/w:tblHeader") and not any(r._tr.xpath("w:trPr/w:tblHeader") for r in body)
    assert {p.style.name for c in header.cells for p in c.paragraphs} == {"Table Header"}
    assert table._tbl.tblPr.xpath("w:tblLook/@w:firstRow") == ["1"]
    shading = table.style.element.xpath('w:tblStylePr[@w:type="firstRow"]/w:tcPr/w:shd/@w:fill')
    assert shading == [_model.brand.color("dark")[1:].upper()]
    # White header text on the dark row, set in the style, not on the runs.
    assert document.styles["Table Header"].font.color.rgb == RGBColor.from_string("FFFFFF")


def test_component_kinds_are_real_word_structure(full):
    _model, _edition, path = full
    document = docx.Document(str(path))
    by_style: dict[str, list[str]] = {}
    for paragraph in paragraphs(document):
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert "Vi er nysgerrige og har mod til nytænkning." in by_style["Udsagn"]  # a statement, by its own style
    assert {"første", "anden"} <= set(by_style["List Number"])
    assert "Ledelse er noget, vi er sammen om." in by_style["Quote"]
    assert "Vores indsatser skal følges til dørs." in by_style["Tagline"]
    assert LABELS["contents"] in by_style["TOC Heading"]
    # A figure is a picture in a paragraph of its own style; the focus areas under it name
    # each area in the Term style.
    assert by_style["Figure"] and all(not text.strip() for text in by_style["Figure"])
    terms = {run.text.strip() for p in paragraphs(document) for run in p.runs if run.style.name == "Term"}
    assert {"Performance", "Resiliens", "Rammen", "Hvor skal vi hen"} <= terms


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


def test_pandoc_reads_back_to_back_lists_as_lists_of_their_own_from_one(full):
    # pandoc continues the count of a list that shares its Word numbering instance with an
    # earlier one, so the a-list and b-list, written back to back, show whether each restarts.
    lists = [node for node in pandoc_nodes(pandoc_ast(full[2])) if node["t"] == "OrderedList"]
    assert [node["c"][0][0] for node in lists] == [1] * 5

    def first_words(node):
        return [pandoc_text(next(pandoc_nodes(item))["c"]) for item in node["c"][1]]

    assert [first_words(node) for node in lists][2:] == [["a-et", "a-to"], ["b-et"], ["b-indre"]]


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
    logos = document.element.body.xpath('.//wp:docPr[@name="Logo"]')
    assert len(logos) == 2 and all(d.get("descr") == d.get("title") == model.organisation.name for d in logos)
    assert document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill is not None
    # Every other picture is a figure or photo, described by its own alt text, or marked decorative.
    others = document.element.body.xpath('.//wp:docPr[@name!="Logo"]')
    decorative = ".//*[local-name()='decorative'][@val='1']"
    assert others and all(d.get("descr", "").strip() or d.xpath(decorative) for d in others)


def test_table_of_contents_is_a_prefilled_field(full):
    model, _edition, path = full
    document = docx.Document(str(path))
    body = document.element.body
    instruction = body.xpath(".//w:instrText[contains(., 'TOC')]/text()")
    assert [i.strip() for i in instruction] == [f'TOC \\o "1-{structure.TOC_DEPTH}" \\h \\z \\u']
    # Each entry is its title, a tab to the page number and an empty PAGEREF until Word updates it.
    entries = [(int(p.style.name.split()[1]), p.text.rstrip("\t")) for p in paragraphs(document)
               if p.style.name.startswith("toc ")]
    # The level blocks' headings are left out by default ('indholdsfortegnelse:' in content/README.md).
    assert entries == [(level, title) for level, title in EXPECTED_HEADINGS[FULL]
                       if level <= 2 and (level, title) not in _BOTH_LEVELS]
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
    assert not [name for name in names if name.startswith("customXml/")]
    assert "python-docx" not in core
    parts = xml_parts(full[2])
    settings = parts["word/settings.xml"]
    for leftover in ("w:rsids", "w14:docId", "w:savePreviewPicture", "w:proofState", "w:attachedTemplate"):
        assert settings.find(qn(leftover)) is None, leftover
    # Word opens compatibility mode 14 (the template's) as an old document.
    assert settings.xpath('w:compat/w:compatSetting[@w:name="compatibilityMode"]/@w:val', namespaces=NS) == ["15"]
    for name, root in parts.items():
        rsids = [a for e in root.iter() for a in e.attrib if etree.QName(a).localname.startswith("rsid")]
        assert not rsids and not root.xpath(".//w:rsid", namespaces=NS), name


def test_only_the_brand_styles_and_the_used_ones_are_left(full):
    model, _edition, path = full
    document = docx.Document(str(path))
    names = {style.name for style in document.styles}
    # The template's table styles in Office colours and its linked "... Char" styles are gone.
    assert not {"Light Shading Accent 1", "Table Grid", "Heading 1 Char", "Title Char", "Intense Quote",
                "Body Text", "macro", "Heading 5"} & names
    assert document.styles.element.xpath("w:style/w:link") == []
    assert {"Normal", "Heading 1", "Heading 4", "Title", "Subtitle", "Quote", "Caption", "List Bullet",
            "List Number", "Strong", "Emphasis", "Hyperlink", "Matrix Table", "Normal Table"} <= names
    # Every style reference in the document resolves.
    ids = {style.style_id for style in document.styles}
    refs = document.element.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val")
    refs += document.styles.element.xpath(".//w:basedOn/@w:val | .//w:next/@w:val")
    assert set(refs) <= ids
    # The lists left are the brand's two definitions; every numbering instance is used.
    numbering = document.part.numbering_part.element
    assert len(numbering.xpath("w:abstractNum")) == 2
    used = set(document.element.xpath(".//w:numId/@w:val")) | set(document.styles.element.xpath(".//w:numId/@w:val"))
    assert set(numbering.xpath("w:num/@w:numId")) == used


def test_theme_is_the_brand(full):
    model, _edition, path = full
    brand = model.brand
    theme = xml_parts(path)["word/theme/theme1.xml"]
    a = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    assert theme.get("name") == brand.name
    scheme = theme.find("a:themeElements/a:clrScheme", a)
    colour = {etree.QName(slot).localname: slot.xpath("a:srgbClr/@val", namespaces=a) for slot in scheme}
    assert colour["accent1"] == [brand.color("primary")[1:].upper()]
    assert colour["dk1"] == [brand.color("foreground")[1:].upper()]
    assert colour["hlink"] == [brand.color("primary")[1:].upper()]
    assert all(len(values) == 1 for values in colour.values())  # no Office colours left
    fonts = theme.find("a:themeElements/a:fontScheme", a)
    assert fonts.xpath("a:majorFont/a:latin/@typeface", namespaces=a) == [brand.heading_font]
    assert fonts.xpath("a:minorFont/a:latin/@typeface", namespaces=a) == [brand.body_font]


def test_cover_title_is_not_hyphenated(full):
    document = docx.Document(str(full[2]))
    assert document.styles["Title"].element.xpath("w:pPr/w:suppressAutoHyphens")
    assert not document.styles["Normal"].element.xpath("w:pPr/w:suppressAutoHyphens")


# --- embedded fonts --------------------------------------------------------------------------


def embedded_faces(path: Path) -> dict[str, dict[str, TTFont]]:
    """font name in fontTable.xml -> slot (embedRegular ...) -> the de-obfuscated face."""
    document = docx.Document(str(path))
    (table_part,) = [r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")]
    table = etree.fromstring(table_part.blob)
    faces: dict[str, dict[str, TTFont]] = {}
    for font in table.findall(f"{{{W}}}font"):
        for embed in font:
            slot = etree.QName(embed).localname
            if not slot.startswith("embed"):
                continue
            part = table_part.rels[embed.get(f"{{{R}}}id")].target_part
            assert part.content_type == "application/vnd.openxmlformats-officedocument.obfuscatedFont"
            assert part.partname.startswith("/word/fonts/") and part.partname.endswith(".odttf")
            key = uuid.UUID(embed.get(f"{{{W}}}fontKey"))
            assert part.blob[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true")  # obfuscated
            faces.setdefault(font.get(f"{{{W}}}name"), {})[slot] = TTFont(io.BytesIO(obfuscate(part.blob, key)))
    return faces


def test_brand_fonts_are_embedded_as_word_embeds_them(full):
    model, _edition, path = full
    settings = xml_parts(path)["word/settings.xml"]
    assert settings.find(qn("w:embedTrueTypeFonts")) is not None
    faces = embedded_faces(path)
    # The template's fonts (Calibri, Cambria, MS Mincho ...) are not listed; the brand's are.
    assert set(faces) == {model.brand.body_font, model.brand.heading_font}
    for family, slots in faces.items():
        assert set(slots) == {"embedRegular", "embedBold", "embedItalic", "embedBoldItalic"}
        for slot, face in slots.items():
            assert face["name"].getBestFamilyName() == family
            assert "glyf" in face and "CFF " not in face  # TrueType outlines: all Word embeds
            assert not face["OS/2"].fsType & 0x0202  # the licence allows embedding
            cmap = face.getBestCmap()
            assert all(ord(c) in cmap for c in "Ledelse på tværs: æøå ÆØÅ – “citat” • 10 €")
            assert (face["OS/2"].usWeightClass >= 600) == ("Bold" in slot)


def test_postscript_outlined_brand_fonts_are_converted_to_truetype():
    cabin = REPO / "styles" / "odder" / "fonts" / "Cabin-Regular.otf"
    original = TTFont(str(cabin))
    assert "CFF " in original
    face = TTFont(io.BytesIO(truetype_subset(cabin)))
    assert "glyf" in face and "CFF " not in face and face.sfntVersion == "\x00\x01\x00\x00"
    cmap, original_cmap = face.getBestCmap(), original.getBestCmap()
    assert set(cmap) == {c for c in REPERTOIRE if c in original_cmap}
    # Same advance widths, so text lays out as in the PDF.
    widths, original_widths = face["hmtx"].metrics, original["hmtx"].metrics
    assert all(widths[cmap[c]][0] == original_widths[original_cmap[c]][0] for c in map(ord, "Odder æøå"))
    assert face["glyf"][cmap[ord("ø")]].numberOfContours > 0


def test_font_obfuscation_is_ecma_376s():
    # ECMA-376 part 1, 17.8.1: the key's bytes are the GUID's hex digits read from the end.
    key = uuid.UUID("{62E79491-959F-41E9-B76B-6B32631DEA5C}")
    font = bytes(range(40))
    scrambled = obfuscate(font, key)
    assert scrambled[0] == 0x00 ^ 0x5C and scrambled[1] == 0x01 ^ 0xEA and scrambled[15] == 0x0F ^ 0x62
    assert scrambled[16] == 0x10 ^ 0x5C and scrambled[32:] == font[32:]
    assert obfuscate(scrambled, key) == font


def test_colophon(full):
    model, _edition, path = full
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    start = texts.index(LABELS["colophon"])
    colophon = texts[start:]
    assert f"{LABELS['issued_by']}\t{model.issuer}, {model.organisation.name}" in colophon
    assert f"{LABELS['date']}\t{format_date(model.date)}" in colophon
    assert f"{LABELS['contact']}\t{model.organisation.contact}" in colophon
