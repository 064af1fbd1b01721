"""`import` of a DOCX this project wrote (it carries the project's stamp in its custom document
properties) goes to the round trip into its publication, not into a new one; and pictures come
in with their alt text, or Word's decorative mark."""
from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image as PillowImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "word"))

from booklet.word.styles import STAMP_NAMES, TEMPLATE_NAMES  # noqa: E402
from docx_files import REL, p, write_docx  # noqa: E402
from fault_injection import copy_project, run, snapshot  # noqa: E402

CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _custom(properties: dict[str, str]) -> str:
    items = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{n}" name="{name}">'
                    f'<vt:lpwstr>{value}</vt:lpwstr></property>'
                    for n, (name, value) in enumerate(properties.items(), 2))
    return ('<?xml version="1.0" encoding="UTF-8"?><Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>')


def test_a_stamped_docx_goes_to_the_round_trip_not_into_a_new_publication(tmp_path: Path):
    root = copy_project(tmp_path / "projekt")
    names = STAMP_NAMES
    source = write_docx(tmp_path / "retur.docx", p("Mini", "Title") + p("Indledning", "Heading1") + p("Tekst."),
                        parts={"docProps/custom.xml": _custom({names[0]: "mini"})},
                        types_extra=f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM_TYPE}"/>')
    before = snapshot(root / "content")
    result = run(root, "import", str(source))
    # It names the publication it came from and is not made into a new one.
    assert "Traceback" not in result.err and "'mini'" in result.out + result.err, result.out + result.err
    assert not (root / "content/publikationer/mini-1").exists()
    assert sorted(p.name for p in (root / "content/publikationer").iterdir()) == ["mini"]


def _picture_paragraph(rel_id: str, descr: str, decorative: bool = False, width_cm: float = 16) -> str:
    ext = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative '
           'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'
           if decorative else "")
    cx = int(width_cm * 360000)
    return (f'<w:p><w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cx // 2}"/>'
            f'<wp:docPr id="1" name="Billede 1" descr="{descr}">{ext}</wp:docPr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:blipFill><a:blip r:embed="{rel_id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
            '</wp:inline></w:drawing></w:r></w:p>')


def _png(size=(2400, 1200)) -> bytes:
    out = io.BytesIO()
    PillowImage.new("RGB", size, (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def test_pictures_keep_their_alt_text_caption_width_and_decorative_mark(tmp_path: Path):
    root = copy_project(tmp_path / "projekt")
    rels = (f'<Relationship Id="rId3" Type="{REL}image" Target="media/foto.png"/>'
            f'<Relationship Id="rId4" Type="{REL}image" Target="media/moenster.png"/>')
    body = (p("Billeder", "Title") + p("Indledning", "Heading1")
            + _picture_paragraph("rId3", "Direktøren ved sit skrivebord", width_cm=7.5)
            + p("Figur 1: Direktøren på kontoret", "Caption")
            + _picture_paragraph("rId4", "", decorative=True))
    source = write_docx(tmp_path / "billeder.docx", body, rels=rels,
                        parts={"word/media/foto.png": _png(), "word/media/moenster.png": _png((3000, 300))})
    result = run(root, "import", str(source))
    assert result.code == 0, result.out + result.err
    text = (root / "content/publikationer/billeder/01-indledning.md").read_text(encoding="utf-8")
    assert ('![Direktøren ved sit skrivebord](billeder/billede-01.png "Direktøren på kontoret")'
            "{bredde=halv}") in text
    assert "![](billeder/billede-02.png){dekorativ}" in text


def test_a_picture_without_alt_text_is_said_and_the_publication_kept_for_fixing(tmp_path: Path):
    root = copy_project(tmp_path / "projekt")
    source = write_docx(tmp_path / "udenalt.docx", p("Uden alt", "Title") + p("Indledning", "Heading1")
                        + _picture_paragraph("rId3", ""),
                        rels=f'<Relationship Id="rId3" Type="{REL}image" Target="media/foto.png"/>',
                        parts={"word/media/foto.png": _png()})
    result = run(root, "import", str(source))
    assert result.code == 1, result.out + result.err
    assert "ingen alt-tekst" in result.out
    assert "alt-tekst" in result.err  # check's own error, at the picture's line
    assert (root / "content/publikationer/uden-alt/01-indledning.md").is_file()


def _template_docx(path: Path, body: str, text_fingerprint: str = "") -> Path:
    organisation, pub_type, text = TEMPLATE_NAMES
    properties = {organisation: "testkommune", pub_type: "ledelsesgrundlag", text: text_fingerprint or "x" * 64}
    return write_docx(path, body, parts={"docProps/custom.xml": _custom(properties)},
                      types_extra=f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM_TYPE}"/>')


def test_a_filled_in_template_takes_its_organisation_and_type_and_skips_the_instructions(tmp_path: Path):
    from booklet.word.styles import INSTRUCTION as instruction

    root = copy_project(tmp_path / "projekt")
    body = (p("Vores ledelsesgrundlag", "Title") + p("Sådan skriver du i skabelonen.", instruction)
            + p("Indledning", "Heading1") + p("Vi leder sammen.")
            + p("Konkretisering for Centerchefer", "Heading2") + p("Skriv centerchefernes tekst her.", instruction)
            + p("Som centerchef går du forrest."))
    result = run(root, "import", str(_template_docx(tmp_path / "udfyldt.docx", body)))
    assert result.code == 0, result.out + result.err
    folder = root / "content/publikationer/vores-ledelsesgrundlag"
    manifest = (folder / "publikation.yml").read_text(encoding="utf-8")
    assert "type: ledelsesgrundlag" in manifest and "organisation: testkommune" in manifest
    text = (folder / "01-indledning.md").read_text(encoding="utf-8")
    assert "skabelonen" not in text and "Skriv centerchefernes" not in text
    assert "::: {niveau=centerchef}\nSom centerchef går du forrest.\n:::" in text


def test_a_template_nobody_wrote_in_is_refused(tmp_path: Path):
    """The template as `skabelon` wrote it, imported without a word written in it."""
    root = copy_project(tmp_path / "projekt")
    blank = tmp_path / "skabelon.docx"
    made = run(root, "skabelon", "testkommune", "--type", "ledelsesgrundlag", "--output", str(blank))
    assert made.code == 0, made.out + made.err
    before = snapshot(root / "content")
    result = run(root, "import", str(blank))
    assert result.code == 1 and "ikke udfyldt" in result.err, result.out + result.err
    assert snapshot(root / "content") == before
