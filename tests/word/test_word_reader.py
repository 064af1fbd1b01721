"""What the Word reader maps and what it warns about: text boxes, numbers typed by hand, page
breaks and comments are reported with the Word paragraph's number and first words, their text
kept; tracked changes are refused, or accepted with --accepter-aendringer."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from booklet.word.reader import DocumentReader
from booklet.word.safety import open_docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))  # fault_injection

from docx_files import REL, p, write_docx  # noqa: E402
from fault_injection import copy_project, run, snapshot  # noqa: E402

PUBLICATIONS = "content/publikationer"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "projekt")


def imported(root: Path, source: Path, *flags: str) -> tuple[str, str]:
    """(what the import said, the new publication's section text, all files joined)."""
    result = run(root, "import", str(source), "--som", "brevet", *flags)
    assert "Traceback" not in result.out + result.err, result.err
    assert result.code == 0, result.out + result.err
    folder = root / PUBLICATIONS / "brevet"
    return result.out, "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md")))


def body(*paragraphs: str) -> str:
    return p("Strategibrev 2030", "Title") + p("Indledning", "Heading1") + "".join(paragraphs)


TEXT_BOX = (
    '<w:p><w:r><w:t xml:space="preserve">Før boksen.</w:t></w:r><w:r><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Tekstfelt 1"/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:txbx><w:txbxContent><w:p><w:r><w:t>Vigtigt i boksen</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
    '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Vigtigt i boksen</w:t></w:r></w:p></w:txbxContent>'
    '</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def test_a_text_box_is_reported_and_its_text_kept_once(project: Path, tmp_path: Path):
    said, text = imported(project, write_docx(tmp_path / "boks.docx", body(TEXT_BOX)))
    assert "tekstfelt" in said and "Word-afsnit 3" in said and "Vigtigt i boksen" in said
    assert text.count("Vigtigt i boksen") == 1
    assert "Før boksen." in text


def test_a_number_typed_by_hand_is_reported_and_stays_text(project: Path, tmp_path: Path):
    said, text = imported(project, write_docx(tmp_path / "tal.docx", body(p("1. Første mål for året"),
                                                                             p("- Et punkt med bindestreg"))))
    assert "skrevet som tekst" in said and '"1. Første mål for året"' in said
    # Said at the file the text went into, so the author knows where to look.
    assert "content/publikationer/brevet/01-indledning.md: advarsel: Word-afsnit 3" in said
    assert "1\\. Første mål for året" in text  # escaped: still text, not a list, when read again
    assert "\\- Et punkt med bindestreg" in text


def test_a_page_break_colour_and_font_are_reported(project: Path, tmp_path: Path):
    page_break = ('<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:rPr><w:rFonts w:ascii="Comic Sans MS"/>'
                  '<w:color w:val="FF0000"/></w:rPr><w:t>Efter skiftet kommer mere.</w:t></w:r></w:p>')
    said, text = imported(project, write_docx(tmp_path / "skift.docx", body(page_break)))
    line = next(line for line in said.splitlines() if "Efter skiftet" in line)
    assert "sideskift" in line and "farve" in line and "skrifttype" in line and "Word-afsnit 3" in line
    assert "Efter skiftet kommer mere." in text


def test_a_comment_is_listed_with_the_text_it_is_anchored_to(project: Path, tmp_path: Path):
    comments = ('<?xml version="1.0" encoding="UTF-8"?><w:comments '
                'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:comment w:id="0" w:author="Anne Direktør"><w:p><w:r><w:t>Er tallet rigtigt?</w:t></w:r></w:p>'
                '</w:comment></w:comments>')
    paragraph = ('<w:p><w:r><w:t xml:space="preserve">Vi har </w:t></w:r><w:commentRangeStart w:id="0"/>'
                 '<w:r><w:t>12 nye skoler</w:t></w:r><w:commentRangeEnd w:id="0"/>'
                 '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve"> i år.</w:t></w:r></w:p>')
    source = write_docx(tmp_path / "kommentar.docx", body(paragraph),
                        rels=f'<Relationship Id="rId5" Type="{REL}comments" Target="comments.xml"/>',
                        parts={"word/comments.xml": comments})
    said, text = imported(project, source)
    line = next(line for line in said.splitlines() if "kommentar fra" in line)
    assert "Anne Direktør" in line and "12 nye skoler" in line and "Er tallet rigtigt?" in line
    assert "Vi har 12 nye skoler i år." in text


TRACKED = ('<w:p><w:r><w:t xml:space="preserve">Vi skal </w:t></w:r>'
           '<w:ins w:id="1" w:author="Anne"><w:r><w:t>nå</w:t></w:r></w:ins>'
           '<w:del w:id="2" w:author="Anne"><w:r><w:delText>ramme</w:delText></w:r></w:del>'
           '<w:r><w:t xml:space="preserve"> målet.</w:t></w:r></w:p>')


def test_tracked_changes_are_refused_without_the_flag(project: Path, tmp_path: Path):
    source = write_docx(tmp_path / "spor.docx", body(TRACKED))
    before = snapshot(project / "content")
    result = run(project, "import", str(source))
    assert result.code == 1, result.out + result.err
    assert "registrerede ændringer" in result.err and "--accepter-aendringer" in result.err
    assert snapshot(project / "content") == before


def test_tracked_changes_are_accepted_with_the_flag(project: Path, tmp_path: Path):
    said, text = imported(project, write_docx(tmp_path / "spor.docx", body(TRACKED)), "--accepter-aendringer")
    assert "Vi skal nå målet." in text and "ramme" not in text
    assert "2 registrerede ændringer er accepteret" in said


NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def item(text: str, level: int) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f'<w:r><w:t>{text}</w:t></w:r></w:p>')


def test_real_numbering_becomes_nested_lists(project: Path, tmp_path: Path):
    source = write_docx(tmp_path / "liste.docx", body(item("Et", 0), item("Under et", 1), item("Under to", 1),
                                                        item("To", 0)),
                        rels=f'<Relationship Id="rId6" Type="{REL}numbering" Target="numbering.xml"/>',
                        parts={"word/numbering.xml": NUMBERING})
    _, text = imported(project, source)
    assert "- Et\n    1. Under et\n    2. Under to\n- To" in text


def test_a_template_level_heading_becomes_that_levels_block(project: Path, tmp_path: Path):
    source = write_docx(tmp_path / "skabelon.docx", body(
        p("Kernetekst for alle."), p("Konkretisering for Centerchefer", "Heading2"),
        p("Som centerchef gør du sådan."), p("Næste afsnit", "Heading1"), p("Mere tekst.")))
    said, text = imported(project, source)
    assert "::: {niveau=centerchef}\nSom centerchef gør du sådan.\n:::" in text
    manifest = (project / PUBLICATIONS / "brevet" / "publikation.yml").read_text(encoding="utf-8")
    assert "varianter: niveauer" in manifest


def test_the_reader_walks_a_long_document_quickly(tmp_path: Path):
    """50 pages of text, lists and tables (about 600 paragraphs) are read well under 2 s."""
    import time

    parts = []
    for page in range(50):
        parts.append(p(f"Afsnit {page}", "Heading1"))
        parts.extend(p(f"Brødtekst {page}.{n} med nogle ord, der fylder en linje eller to i dokumentet. " * 3)
                     for n in range(8))
        parts.extend(item(f"Punkt {n}", n % 2) for n in range(4))
    source = write_docx(tmp_path / "lang.docx", p("Lang", "Title") + "".join(parts),
                        rels=f'<Relationship Id="rId6" Type="{REL}numbering" Target="numbering.xml"/>',
                        parts={"word/numbering.xml": NUMBERING})
    started = time.perf_counter()
    document = DocumentReader(open_docx(source), tmp_path / "ud").read()
    assert time.perf_counter() - started < 2.0
    assert len(document.sections) == 50


TRICKY = [
    "*stjerner* og _understreger_ og [klammer] og `backticks`",
    "<b>ikke html</b> & &amp; og 3 < 4 > 2",
    "a | b | c",
    "# ikke en overskrift",
    "> ikke et citat",
    "1) ikke en liste",
    "---",
    "::: {niveau=direktion}",
    "```værdier",
    "Tabel: ikke en tabeltekst",
    "~~ikke gennemstreget~~",
    "Sti: C:\\Mapper\\fil.txt og ![ikke et billede](x.png)",
    "===",
    "+ plus",
    "Lang linje " + "med mange ord, der skal brydes, " * 12 + "- og 2. slutningen.",
]


def test_text_that_looks_like_markdown_reads_back_as_the_same_text(project: Path, tmp_path: Path):
    """The content writer escapes what Markdown would read as syntax: each Word paragraph reads
    back from the new files as exactly its text."""
    from booklet.model import Paragraph, plain_text
    from booklet.readers.project import load_project

    source = write_docx(tmp_path / "tegn.docx", body(*(p(text.replace("&", "&amp;").replace("<", "&lt;")
                                                        .replace(">", "&gt;")) for text in TRICKY)))
    imported(project, source)
    publication = load_project(project, only="brevet").publications[0]
    texts = [" ".join(plain_text(b.content).split()) for b in publication.sections[0].blocks
             if isinstance(b, Paragraph)]
    # '![' alone is kept apart by a space: the content files cannot hold it as typed characters.
    assert texts == [" ".join(t.replace("![", "! [").split()) for t in TRICKY]


def test_bold_italic_and_links_next_to_each_other_read_back(project: Path, tmp_path: Path):
    from booklet.model import Emphasis, Link, Strong, Text
    from booklet.readers.project import load_project

    runs = ('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Fed </w:t></w:r>'
            '<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>og kursiv</w:t></w:r>'
            '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> kun kursiv</w:t></w:r>'
            '<w:r><w:t xml:space="preserve"> og </w:t></w:r>'
            '<w:hyperlink r:id="rId7"><w:r><w:rPr><w:b/></w:rPr><w:t>et link</w:t></w:r></w:hyperlink>'
            '<w:r><w:t>.</w:t></w:r></w:p>')
    source = write_docx(tmp_path / "fed.docx", body(runs),
                        rels=f'<Relationship Id="rId7" Type="{REL}hyperlink" Target="https://www.htk.dk" '
                             'TargetMode="External"/>')
    imported(project, source)
    content = load_project(project, only="brevet").publications[0].sections[0].blocks[0].content
    assert content == (Strong((Text("Fed "), Emphasis((Text("og kursiv"),)))), Text(" "),
                       Emphasis((Text("kun kursiv"),)), Text(" og "),
                       Link("https://www.htk.dk", (Strong((Text("et link"),)),)), Text("."))


def test_a_python_docx_document_with_word_list_styles_nests_by_style(project: Path, tmp_path: Path):
    """python-docx writes Word's own template: 'List Bullet 2' is a deeper level by its style."""
    from docx import Document

    document = Document()
    document.add_heading("Strategibrev 2031", 0)
    document.add_heading("Indledning", 1)
    document.add_paragraph("Punkt et", style="List Bullet")
    document.add_paragraph("Underpunkt", style="List Bullet 2")
    document.add_paragraph("Punkt to", style="List Bullet")
    document.add_paragraph("Nummer et", style="List Number")
    document.add_paragraph("Nummer to", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for (row, column), value in {(0, 0): "Område", (0, 1): "Antal", (1, 0): "Skoler", (1, 1): "12"}.items():
        table.cell(row, column).text = value
    document.save(tmp_path / "pydocx.docx")
    _, text = imported(project, tmp_path / "pydocx.docx")
    assert "- Punkt et\n    - Underpunkt\n- Punkt to\n\n1. Nummer et\n2. Nummer to" in text
    assert "| Område | Antal |\n|---|---|\n| Skoler | 12 |" in text


def test_fields_keep_their_text_and_a_hyperlink_field_stays_a_link(project: Path, tmp_path: Path):
    fields = ('<w:p><w:r><w:t xml:space="preserve">Opdateret </w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "d. MMMM yyyy" </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2. december 2026</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> – se </w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText> HYPERLINK "https://www.htk.dk" </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>kommunen</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>')
    said, text = imported(project, write_docx(tmp_path / "felter.docx", body(fields)))
    assert "Opdateret 2. december 2026 – se [kommunen](https://www.htk.dk)." in text
    assert "felt (DATE)" in said and "DATE \\@" not in text


def test_a_footnote_in_a_table_cell_and_the_text_come_through(project: Path, tmp_path: Path):
    footnotes = ('<?xml version="1.0" encoding="UTF-8"?><w:footnotes '
                 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Kilde: '
                 'Danmarks Statistik.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    table = ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Område</w:t></w:r></w:p></w:tc><w:tc><w:p><w:pPr><w:jc w:val="right"/>'
             '</w:pPr><w:r><w:t>Antal</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Skoler</w:t></w:r>'
             '<w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:tc><w:tc><w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
             '<w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    source = write_docx(tmp_path / "noter.docx", body(table),
                        rels=f'<Relationship Id="rId8" Type="{REL}footnotes" Target="footnotes.xml"/>',
                        parts={"word/footnotes.xml": footnotes})
    _, text = imported(project, source)
    assert "| Område | Antal |\n|---|--:|\n| Skoler[^1] | 12 |" in text
    assert "[^1]: Kilde: Danmarks Statistik." in text


def test_the_writers_example_and_none_marks_in_a_level_block_read_back(project: Path, tmp_path: Path):
    """The Word writer marks an example block with a "Eksempel" label and a declared empty one
    with a note; both come back as the block's flags, not as text."""
    source = write_docx(tmp_path / "maerker.docx", body(
        p("Kernetekst."), p("Konkretisering for Centerchefer", "Heading2"), p("Eksempel", "Label"),
        p("Som centerchef gør du sådan."), p("Konkretisering for Direktionen", "Heading2"),
        p("Direktionen: ingen særskilt konkretisering i dette afsnit.", "Note")))
    _, text = imported(project, source)
    assert "::: {niveau=centerchef eksempel}\nSom centerchef gør du sådan.\n:::" in text
    assert "::: {niveau=direktion ingen}\n:::" in text


def test_smart_art_is_reported_and_its_text_kept_as_a_list(project: Path, tmp_path: Path):
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    data = (f'<?xml version="1.0" encoding="UTF-8"?><dgm:dataModel xmlns:dgm="{dgm}" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
            + "".join(f'<dgm:pt modelId="{n}"><dgm:t><a:p><a:r><a:t>{word}</a:t></a:r></a:p></dgm:t></dgm:pt>'
                      for n, word in enumerate(("Borgeren", "Medarbejderen", "Lederen")))
            + '</dgm:ptLst></dgm:dataModel>')
    smart_art = ('<w:p><w:r><w:drawing><wp:inline><wp:extent cx="5000000" cy="3000000"/><wp:docPr id="3" name="Diagram 3"/>'
                 f'<a:graphic><a:graphicData uri="{dgm}"><dgm:relIds xmlns:dgm="{dgm}" r:dm="rId11" r:lo="rId12" '
                 'r:qs="rId13" r:cs="rId14"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    source = write_docx(tmp_path / "smartart.docx", body(p("Vi arbejder sammen:"), smart_art),
                        rels=f'<Relationship Id="rId11" Type="{REL}diagramData" Target="diagrams/data1.xml"/>',
                        parts={"word/diagrams/data1.xml": data})
    said, text = imported(project, source)
    assert "SmartArt" in said and "Borgeren" in said
    assert "- Borgeren\n- Medarbejderen\n- Lederen" in text


def test_empty_numbered_paragraphs_and_levels_past_the_deepest_read_back(project: Path, tmp_path: Path):
    source = write_docx(tmp_path / "dybe.docx", body(item("Et", 0), item("", 0), *(item(f"Niveau {n}", n)
                                                                                    for n in range(1, 8))),
                        rels=f'<Relationship Id="rId6" Type="{REL}numbering" Target="numbering.xml"/>',
                        parts={"word/numbering.xml": NUMBERING})
    _, text = imported(project, source)  # the check after the import passes: no empty item, no sixth level
    import re

    assert not re.search(r"^\s*-\s*$", text, re.MULTILINE) and "Niveau 7" in text


def test_text_in_a_header_is_said_not_imported(project: Path, tmp_path: Path):
    header = ('<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/'
              'wordprocessingml/2006/main"><w:p><w:r><w:t>Fortroligt udkast</w:t></w:r></w:p></w:hdr>')
    source = write_docx(tmp_path / "hoved.docx", body(p("Tekst.")),
                        rels=f'<Relationship Id="rId9" Type="{REL}header" Target="header1.xml"/>',
                        parts={"word/header1.xml": header})
    said, text = imported(project, source)
    assert "sidehoved og sidefod er ikke importeret" in said and "Fortroligt udkast" in said
    assert "Fortroligt" not in text
