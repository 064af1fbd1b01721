"""Raw WordprocessingML for the DOCX writer: what python-docx has no API for.

Schema order of settings and paragraph properties (Word refuses files whose children are out of
order), fields, internal links, numbering lookups, the core properties, the clean-up of python-
docx's template (its styles, lists, revision ids and parts that describe the template), and
saving the zip so the same publication gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.styles import BabelFish

from ..colophon import author
from ..model import Publication, PublicationDate, first_day

# Child order of w:settings (CT_Settings) and w:pPr (CT_PPr) in ECMA-376: Word refuses
# files whose children are out of order, so new children go to their schema position.
SETTINGS_ORDER = tuple("""
w:writeProtection w:view w:zoom w:removePersonalInformation w:removeDateAndTime
w:doNotDisplayPageBoundaries w:displayBackgroundShape w:printPostScriptOverText
w:printFractionalCharacterWidth w:printFormsData w:embedTrueTypeFonts w:embedSystemFonts
w:saveSubsetFonts w:saveFormsData w:mirrorMargins w:alignBordersAndEdges
w:bordersDoNotSurroundHeader w:bordersDoNotSurroundFooter w:gutterAtTop w:hideSpellingErrors
w:hideGrammaticalErrors w:activeWritingStyle w:proofState w:formsDesign w:attachedTemplate
w:linkStyles w:stylePaneFormatFilter w:stylePaneSortMethod w:documentType w:mailMerge
w:revisionView w:trackRevisions w:doNotTrackMoves w:doNotTrackFormatting w:documentProtection
w:autoFormatOverride w:styleLockTheme w:styleLockQFSet w:defaultTabStop w:autoHyphenation
w:consecutiveHyphenLimit w:hyphenationZone w:doNotHyphenateCaps w:showEnvelope
w:summaryLength w:clickAndTypeStyle w:defaultTableStyle w:evenAndOddHeaders
w:bookFoldRevPrinting w:bookFoldPrinting w:bookFoldPrintingSheets
w:drawingGridHorizontalSpacing w:drawingGridVerticalSpacing
w:displayHorizontalDrawingGridEvery w:displayVerticalDrawingGridEvery
w:doNotUseMarginsForDrawingGridOrigin w:drawingGridHorizontalOrigin
w:drawingGridVerticalOrigin w:doNotShadeFormData w:noPunctuationKerning
w:characterSpacingControl w:printTwoOnOne w:strictFirstAndLastChars w:noLineBreaksAfter
w:noLineBreaksBefore w:savePreviewPicture w:doNotValidateAgainstSchema w:saveInvalidXml
w:ignoreMixedContent w:alwaysShowPlaceholderText w:doNotDemarcateInvalidXml
w:saveXmlDataOnly w:useXSLTWhenSaving w:saveThroughXslt w:showXMLTags
w:alwaysMergeEmptyNamespace w:updateFields w:hdrShapeDefaults w:footnotePr w:endnotePr
w:compat w:docVars w:rsids m:mathPr w:attachedSchema w:themeFontLang w:clrSchemeMapping
w:doNotIncludeSubdocsInStats w:doNotAutoCompressPictures w:forceUpgrade w:captions
w:readModeInkLockDown w:smartTagType sl:schemaLibrary w:shapeDefaults w:doNotEmbedSmartTags
w:decimalSymbol w:listSeparator
""".split())

PPR_ORDER = tuple("""
w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr
w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap
w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd
w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc
w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr
w:sectPr w:pPrChange
""".split())

# The namespaces, once for the writer, the reader and the accessibility report.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
# Word's "Mark as decorative" (2019): an extension on a picture's properties.
DECORATIVE_EXTENSION = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

# Parts of python-docx's default template that describe that template, not this document.
LEFTOVER_DOCUMENT_RELS = ("/stylesWithEffects", "/customXml")
LEFTOVER_PACKAGE_RELS = ("/thumbnail", "/extended-properties")


# --- Document settings and properties -------------------------------------------------


def insert_in_order(parent, child, order: tuple[str, ...]) -> None:
    """Put `child` where the schema wants it, replacing an element of the same name.

    Elements the order does not know (Word's w14/w15 extensions) stay at the end.
    """
    existing = parent.find(child.tag)
    if existing is not None:
        parent.replace(existing, child)
        return
    rank = {qn(tag): i for i, tag in enumerate(order)}
    mine = rank[child.tag]
    for sibling in parent:
        if rank.get(sibling.tag, len(order)) > mine:
            sibling.addprevious(child)
            return
    parent.append(child)


def configure_settings(document: WordDocument) -> None:
    settings = document.settings.element
    # The template's own: a claim it was proofread (Word should spell-check the Danish
    # text), its editing sessions and document id, and a request for a preview picture.
    for leftover in ("w:proofState", "w:rsids", "w14:docId", "w:savePreviewPicture"):
        for element in settings.findall(qn(leftover)):
            settings.remove(element)
    # Word 2013 and later lay out in mode 15; the template's 14 opens in compatibility mode.
    for mode in settings.xpath('w:compat/w:compatSetting[@w:name="compatibilityMode"]'):
        mode.set(qn("w:val"), "15")
    for tag, attributes in (
        ("w:autoHyphenation", 'w:val="true"'),
        ("w:updateFields", 'w:val="true"'),  # fills in the TOC page numbers when Word opens the file
        ("w:themeFontLang", 'w:val="da-DK"'),
        ("w:decimalSymbol", 'w:val=","'),
        ("w:listSeparator", 'w:val=";"'),
    ):
        insert_in_order(settings, parse_xml(f"<{tag} {nsdecls('w')} {attributes}/>"), SETTINGS_ORDER)


def set_core_properties(document: WordDocument, publication: Publication) -> None:
    midnight = dt.datetime.combine(first_day(publication.date), dt.time(), tzinfo=dt.timezone.utc)
    props = document.core_properties
    props.title = publication.title
    props.subject = publication.subtitle
    props.author = props.last_modified_by = author(publication)
    props.keywords = ", ".join(publication.keywords)
    props.created = props.modified = midnight
    if not isinstance(publication.date, dt.date):
        # A date the source gives as a month or a year stays one: W3CDTF, the format of these
        # two, has 'ÅÅÅÅ-MM' and 'ÅÅÅÅ' (python-docx only writes a full time, so the text is set).
        for name in ("created", "modified"):
            props._element._get_or_add(name).text = publication.date.isoformat()
    props.revision = 1
    props.language = "da-DK"
    props.comments = props.category = props.content_status = ""


def drop_template_leftovers(document: WordDocument) -> None:
    for rels, suffixes in ((document.part.rels, LEFTOVER_DOCUMENT_RELS),
                           (document.part.package.rels, LEFTOVER_PACKAGE_RELS)):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype.endswith(suffixes)]:
            del rels[r_id]


def drop_unused_definitions(document: WordDocument, kept_styles: set[str]) -> None:
    """Once the document is written: drop the template's styles and lists it does not use.

    Kept are the styles named in `kept_styles` (the brand's, used or not, so editors find
    them), those the document, its headers and footers refer to, the defaults, and every
    style those are based on or followed by. Word recreates any built-in style from
    its own definition when it is applied, but the template's versions (Calibri, Office
    blue) would otherwise sit in the style gallery next to the brand's. Linked character
    styles ("Heading 1 Char") go too: Word derives them again from their paragraph style.
    """
    styles = document.styles.element
    parts = [document.part, *header_footer_parts(document)]
    used = {value for part in parts
            for value in part.element.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val")}
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = used | {style_id for style_id, style in by_id.items()
                     if style.get(qn("w:default")) in ("1", "true")
                     or BabelFish.internal2ui(style.find(qn("w:name")).get(qn("w:val"))) in kept_styles}
    kept: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        wanted.update(by_id[style_id].xpath("w:basedOn/@w:val | w:next/@w:val"))
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)
        for link in style.findall(qn("w:link")):
            if link.get(qn("w:val")) not in kept:
                style.remove(link)

    # Lists: the numbering instances paragraphs and kept styles use, and their definitions.
    numbering = document.part.numbering_part.element
    num_ids = {value for part in [document.part, document.part._styles_part, *header_footer_parts(document)]
               for value in part.element.xpath(".//w:numPr/w:numId/@w:val")}
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) not in num_ids:
            numbering.remove(num)
    abstract_ids = set(numbering.xpath("w:num/w:abstractNumId/@w:val"))
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) not in abstract_ids:
            numbering.remove(abstract)
    for link in numbering.xpath(".//w:lvl/w:pStyle"):
        if link.get(qn("w:val")) not in kept:
            link.getparent().remove(link)


def header_footer_parts(document: WordDocument) -> list:
    """The stories besides the body: headers, footers and the footnotes."""
    return [rel.target_part for rel in document.part.rels.values()
            if rel.reltype in (RT.HEADER, RT.FOOTER, RT.FOOTNOTES)]


def table_look(table, first_row: bool = True, first_column: bool = True) -> None:
    """Which of the table style's conditional looks apply (and which cells screen readers may
    take for headers): python-docx's tables claim a header row and a header column."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    look.set(qn("w:firstRow"), str(int(first_row)))
    look.set(qn("w:firstColumn"), str(int(first_column)))
    # The older hexadecimal form of the same switches, which Word 2007 reads.
    look.set(qn("w:val"), f"{0x0020 * first_row | 0x0080 * first_column | 0x0400:04X}")


def separate_from_a_table_before(container) -> None:
    """An empty paragraph after a table that a new table would follow directly: Word joins two
    tables that touch into one."""
    element = container._element
    body = element.find(qn("w:body")) if element.tag == qn("w:document") else element
    last = [child for child in body if child.tag != qn("w:sectPr")]
    if last and last[-1].tag == qn("w:tbl"):
        container.add_paragraph()


def drop_revision_ids(document: WordDocument) -> None:
    """The template's revision-session ids (rsid): they tell Word about editing sessions
    that never happened in this document."""
    parts = [document.part, document.part._styles_part, document.part.numbering_part,
             document.part._settings_part, *header_footer_parts(document)]
    for part in parts:
        for element in part.element.iter():
            for attribute in [a for a in element.attrib if a.startswith(f"{{{W_NS}}}rsid")]:
                del element.attrib[attribute]
        for rsid in part.element.xpath(".//w:rsid | .//w:rsids"):
            rsid.getparent().remove(rsid)


# --- Low-level WordprocessingML -----------------------------------------------------------


def field_start(instruction: str) -> list:
    return [
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} '
                  '</w:instrText></w:r>'),
        parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'),
    ]


def field_end():
    return parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>')


def add_field(parent, instruction: str) -> None:
    """A field with an empty result: Word and LibreOffice compute it when laying out."""
    for run in field_start(instruction) + [field_end()]:
        parent.append(run)


def internal_link(bookmark: str):
    return OxmlElement("w:hyperlink", {qn("w:anchor"): bookmark, qn("w:history"): "1"})


def keep_row_together(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.insert_element_before(OxmlElement("w:cantSplit"),
                                "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


def abstract_num(document: WordDocument, style_name: str):
    numbering = document.part.numbering_part.element
    num_id = document.styles[style_name].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    return numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]


# --- The zip ------------------------------------------------------------------------------

# Office files are zip archives; python-docx stamps each member with the time of saving. The
# same publication should give the same bytes, so the members get the publication's date.


def save_reproducibly(write, target: Path, date: PublicationDate) -> None:
    """Call `write(stream)`, then store its zip members in order with a fixed timestamp."""
    buffer = io.BytesIO()
    write(buffer)
    day = first_day(date)  # a month or a year alone: its first day (the zip needs one)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as result:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            result.writestr(info, source.read(member.filename))
