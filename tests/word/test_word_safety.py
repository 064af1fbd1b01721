"""Every kind of file the Word import refuses is refused with one Danish message saying what to
do, and content/ is byte-identical afterwards."""
from __future__ import annotations

import struct
import sys
import zipfile
from pathlib import Path

import pytest

from booklet.word import safety

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))  # fault_injection

from docx_files import MACRO_MAIN, REL, p, simple_docx, write_docx  # noqa: E402
from fault_injection import assert_danish_sentences, copy_project, run, snapshot  # noqa: E402


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "projekt")


def refused(root: Path, source: Path, *flags: str) -> str:
    """Import `source`; assert it is refused cleanly with content/ untouched; the message."""
    before = snapshot(root / "content")
    result = run(root, "import", str(source), *flags)
    everything = result.out + result.err
    assert result.code == 1, everything
    assert "Traceback" not in everything and "Uventet fejl" not in everything, everything
    assert "content/ er ikke ændret" in result.err
    assert snapshot(root / "content") == before
    assert not [p for p in (root / "content" / "publikationer").iterdir() if p.name.startswith(".")]
    message = result.err.split("Fejl: ", 1)[1].split("\n")[0]
    assert_danish_sentences(message)
    return message


def test_a_file_that_is_not_a_zip_is_refused(project: Path, tmp_path: Path):
    source = tmp_path / "noter.docx"
    source.write_text("Bare noget tekst, ikke et Word-dokument.", encoding="utf-8")
    assert "ikke et Word-dokument" in refused(project, source)


def test_an_old_binary_doc_is_refused_with_save_as_docx(project: Path, tmp_path: Path):
    source = tmp_path / "gammel.docx"
    source.write_bytes(safety.OLE_HEADER + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(512))
    message = refused(project, source)
    assert ".doc" in message and "Gem som" in message


def test_an_encrypted_document_is_refused(project: Path, tmp_path: Path):
    source = tmp_path / "hemmelig.docx"
    source.write_bytes(safety.OLE_HEADER + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(64)
                       + "EncryptedPackage".encode("utf-16-le") + bytes(512))
    assert "adgangskode" in refused(project, source)


def test_a_macro_enabled_docm_is_refused(project: Path, tmp_path: Path):
    source = write_docx(tmp_path / "makro.docm", p("Tekst"), main=MACRO_MAIN,
                        parts={"word/vbaProject.bin": b"\x00" * 100},
                        types_extra='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
    assert "makroer" in refused(project, source)


def test_a_vba_part_in_a_docx_is_refused_as_macros(project: Path, tmp_path: Path):
    source = write_docx(tmp_path / "forklaedt.docx", p("Tekst"), parts={"word/vbaProject.bin": b"\x00" * 100})
    assert "makroer" in refused(project, source)


def test_a_zip_bomb_by_compression_ratio_is_refused(project: Path, tmp_path: Path):
    source = write_docx(tmp_path / "bombe.docx", p("Tekst"), parts={"word/media/fyld.bin": bytes(5_000_000)})
    assert "pakker sig ud" in refused(project, source)


def test_a_zip_of_too_many_parts_is_refused(project: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_PARTS", 20)
    source = write_docx(tmp_path / "dele.docx", p("Tekst"), parts={f"word/x{i}.xml": "<x/>" for i in range(30)})
    assert "dele" in refused(project, source)


def test_a_zip_larger_unpacked_than_allowed_is_refused(project: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_UNPACKED_BYTES", 50_000)
    source = write_docx(tmp_path / "stor.docx", p("Tekst"), parts={"word/media/a.bin": bytes(range(256)) * 400})
    assert "pakker sig ud" in refused(project, source)


def test_a_zip_whose_directory_understates_a_part_is_refused(project: Path, tmp_path: Path):
    """The central directory says 10 bytes; the part unpacks to far more. Read with a cap, it is
    refused as damaged or as a bomb, never read whole on the directory's word."""
    source = write_docx(tmp_path / "loegn.docx", p("Tekst"), parts={"word/media/a.bin": bytes(200_000)})
    data = bytearray(source.read_bytes())
    name = b"word/media/a.bin"
    central = data.find(b"PK\x01\x02")  # the central directory's entries, each naming its part
    while central != -1:
        name_length = struct.unpack("<H", data[central + 28:central + 30])[0]
        if bytes(data[central + 46:central + 46 + name_length]) == name:
            data[central + 24:central + 28] = struct.pack("<I", 10)  # uncompressed size
            break
        central = data.find(b"PK\x01\x02", central + 4)
    source.write_bytes(bytes(data))
    message = refused(project, source)
    assert "beskadiget" in message or "pakker sig ud" in message


def test_an_entity_bomb_in_the_xml_is_refused(project: Path, tmp_path: Path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            '<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    source = write_docx(tmp_path / "entiteter.docx", "", document_xml=bomb)
    assert "DTD" in refused(project, source)


@pytest.mark.parametrize("target", ["file:///C:/Users/direktoer/hemmelig.png", "\\\\server\\deling\\foto.png",
                                    "../../../etc/passwd", "/etc/passwd"])
def test_a_picture_linked_from_this_machine_or_a_share_is_refused(project: Path, tmp_path: Path, target: str):
    rels = f'<Relationship Id="rId9" Type="{REL}image" Target="{target}" TargetMode="External"/>'
    source = write_docx(tmp_path / "link.docx", p("Tekst"), rels=rels)
    assert "netværksdrev" in refused(project, source)


def test_a_link_to_a_file_is_refused(project: Path, tmp_path: Path):
    rels = f'<Relationship Id="rId9" Type="{REL}hyperlink" Target="file:///S:/Direktion/budget.xlsx" TargetMode="External"/>'
    body = p("Indledning", "Heading1") + \
        '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>budgettet</w:t></w:r></w:hyperlink></w:p>'
    source = write_docx(tmp_path / "fillink.docx", body, rels=rels)
    assert "link" in refused(project, source)


def test_a_web_picture_is_left_out_with_a_warning_and_a_web_link_kept(project: Path, tmp_path: Path):
    rels = (f'<Relationship Id="rId9" Type="{REL}image" Target="https://example.org/foto.png" TargetMode="External"/>'
            f'<Relationship Id="rId10" Type="{REL}hyperlink" Target="https://www.htk.dk" TargetMode="External"/>')
    body = p("Webbilleder", "Title") + p("Indledning", "Heading1") + \
        '<w:p><w:r><w:t xml:space="preserve">Se </w:t></w:r><w:hyperlink r:id="rId10"><w:r><w:t>kommunen</w:t>' \
        '</w:r></w:hyperlink></w:p>'
    source = write_docx(tmp_path / "web.docx", body, rels=rels)
    result = run(project, "import", str(source))
    assert result.code == 0, result.out + result.err
    assert "billede er hentet fra nettet" in result.out
    text = (project / "content/publikationer/webbilleder/01-indledning.md").read_text(encoding="utf-8")
    assert "Se [kommunen](https://www.htk.dk)" in text


def test_an_existing_publication_is_never_overwritten(project: Path, tmp_path: Path):
    source = simple_docx(tmp_path / "brev.docx")
    before = snapshot(project / "content")
    result = run(project, "import", str(source), "--som", "mini")
    assert result.code == 2, result.out + result.err
    assert "findes allerede" in result.err
    assert snapshot(project / "content") == before


def test_a_missing_file_is_refused(project: Path, tmp_path: Path):
    assert "findes ikke" in refused(project, tmp_path / "findes-ikke.docx")


def test_a_document_without_text_is_refused(project: Path, tmp_path: Path):
    assert "ingen tekst" in refused(project, write_docx(tmp_path / "tom.docx", p("Kun en titel", "Title")))


def test_the_readme_states_the_word_limits_the_import_applies():
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("| et Word-dokument til `import` |"))
    numbers = re.findall(r"(\d[\d.]*)\s*(MB)?", line.split("|")[2])
    stated = [int(number.replace(".", "")) * (1_000_000 if unit else 1) for number, unit in numbers]
    assert stated == [safety.MAX_DOCX_BYTES, safety.MAX_UNPACKED_BYTES, safety.MAX_PARTS,
                      safety.MAX_COMPRESSION_RATIO]


def test_a_dtd_in_a_part_the_import_does_not_read_is_refused_too(project: Path, tmp_path: Path):
    """Whatever reads the package after the import's checks (python-docx) never meets a DTD."""
    header = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ekstern SYSTEM "file:///etc/passwd">]>'
              '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>&ekstern;'
              '</w:t></w:r></w:p></w:hdr>')
    source = write_docx(tmp_path / "sidehoved.docx", p("Tekst"), parts={"word/header1.xml": header})
    assert "DTD" in refused(project, source)
