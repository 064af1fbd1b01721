"""The stamp: every DOCX names its publication, edition and the state of its content files in
custom document properties, read back here with lxml, after LibreOffice saved it too."""
from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from tools import require

from booklet.editions import editions_for, select
from booklet.fingerprint import source_fingerprint
from booklet.readers.project import load_project
from booklet.word import stamp as stamp_module
from booklet.word.stamp import Stamp, read_stamp
from booklet.word.styles import STAMP_EDITION, STAMP_FINGERPRINT, STAMP_NAMES, STAMP_PUBLICATION
from booklet.word.writer import DocxWriter

CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
NS = {"cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
      "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    from conftest import FIXTURES, make_project

    return make_project(tmp_path_factory.mktemp("stempel") / "projekt", FIXTURES / "mini" / "content")


def write_all(root: Path, folder: Path) -> dict[str, Path]:
    """Every edition of the project's publication as DOCX: edition id -> file."""
    publication = load_project(root).publications[0]
    writer = DocxWriter(root / "templates", root / "styles")
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for edition in editions_for(publication):
        files[edition.id] = folder / f"{edition.id}.docx"
        writer.write(select(publication, edition), edition, files[edition.id], root)
    return files


@pytest.fixture(scope="module")
def written(project, tmp_path_factory) -> dict[str, Path]:
    return write_all(project, tmp_path_factory.mktemp("udgaver"))


def properties_by_lxml(path: Path) -> dict[str, str]:
    """The custom properties as any client finds them: the package relationship, then the part."""
    with zipfile.ZipFile(path) as package:
        rels = etree.fromstring(package.read("_rels/.rels"))
        (target,) = rels.xpath("rel:Relationship[@Type=$t]/@Target", namespaces=NS, t=CUSTOM_REL)
        custom = etree.fromstring(package.read(target.lstrip("/")))
    return {p.get("name"): p.xpath("string(vt:lpwstr)", namespaces=NS) for p in custom.xpath("cp:property", namespaces=NS)}


def test_every_edition_names_its_publication_edition_and_sources(project, written):
    publication = load_project(project).publications[0]
    assert len(written) > 1  # the fixture has level editions, a matrix and a review edition
    for edition_id, path in written.items():
        assert properties_by_lxml(path) == {STAMP_PUBLICATION: publication.id, STAMP_EDITION: edition_id,
                                            STAMP_FINGERPRINT: source_fingerprint(publication)}
        assert read_stamp(path) == Stamp(publication.id, edition_id, source_fingerprint(publication))


def test_the_part_is_declared_as_word_declares_it(written):
    with zipfile.ZipFile(written["samlet"]) as package:
        types = etree.fromstring(package.read("[Content_Types].xml"))
        custom = etree.fromstring(package.read("docProps/custom.xml"))
    assert types.xpath("ct:Override[@PartName='/docProps/custom.xml']/@ContentType", namespaces=NS) == [CUSTOM]
    properties = custom.xpath("cp:property", namespaces=NS)
    assert [p.get("name") for p in properties] == list(STAMP_NAMES)
    # Word's user-defined property set, ids from 2 on, each a string.
    assert {p.get("fmtid") for p in properties} == {"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"}
    assert [p.get("pid") for p in properties] == ["2", "3", "4"]


def test_the_fingerprint_follows_the_content_files_only(project, tmp_path):
    publication = load_project(project).publications[0]
    before = source_fingerprint(publication)
    assert before == source_fingerprint(load_project(project).publications[0])  # the same files, the same print
    section = next(p for p in publication.sources if p.suffix == ".md")
    copy = tmp_path / "kopi"
    from conftest import make_project

    make_project(copy, project / "content")
    assert source_fingerprint(load_project(copy).publications[0]) == before  # where the project lies is no part of it
    edited = copy / "content" / section.relative_to(project / "content")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEn ny sætning.\n", encoding="utf-8")
    assert source_fingerprint(load_project(copy).publications[0]) != before


def test_a_document_without_a_stamp_has_none(tmp_path):
    import docx

    plain = tmp_path / "fremmed.docx"
    docx.Document().save(str(plain))
    assert read_stamp(plain) is None
    assert stamp_module.stamp_from_properties({STAMP_PUBLICATION: "x"}) is None


def test_names_and_values_are_escaped():
    xml = stamp_module.custom_properties_xml({'a "b" <c>': "x & <y>"})
    assert stamp_module.custom_properties(xml) == {'a "b" <c>': "x & <y>"}


def test_the_stamped_document_is_byte_identical_when_written_again(project, written, tmp_path):
    again = write_all(project, tmp_path / "igen")
    assert {e: p.read_bytes() for e, p in again.items()} == {e: p.read_bytes() for e, p in written.items()}


def test_libreoffice_keeps_the_stamp_when_it_saves_the_document_again(written, tmp_path):
    soffice = require("soffice", "libreoffice-writer-nogui")
    source = written["samlet"]
    out = tmp_path / "gemt"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "docx", "--outdir", str(out), str(source)],
                   capture_output=True, text=True, timeout=600)
    saved = out / source.name
    assert saved.is_file()
    assert saved.read_bytes() != source.read_bytes()  # really written again by LibreOffice
    expected = properties_by_lxml(source)
    assert {name: value for name, value in properties_by_lxml(saved).items() if name in STAMP_NAMES} == expected
    assert read_stamp(io.BytesIO(saved.read_bytes()).getvalue()) == read_stamp(source)
