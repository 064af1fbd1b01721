"""The stamp: what a DOCX was made from, as custom document properties (docProps/custom.xml).

python-docx has no API for custom properties, so the part is added through its OPC package,
as Word writes it: a package-level relationship of type custom-properties to
/docProps/custom.xml, one `property` per name (word/styles.py's STAMP_*), each a string
(vt:lpwstr). Word, LibreOffice and pandoc keep the properties when they save the document
again, so an edited document still says where it came from.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .styles import STAMP_EDITION, STAMP_FINGERPRINT, STAMP_PUBLICATION

CUSTOM_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# The format id every user-defined property carries (FMTID_UserDefinedProperties); property
# ids start at 2, as Word numbers them.
USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
FIRST_PID = 2
PART_NAME = "/docProps/custom.xml"


@dataclass(frozen=True)
class Stamp:
    publication: str  # the publication's id (its folder under content/publikationer/)
    edition: str  # samlet, a level's id, matrix or gennemsyn
    fingerprint: str  # fingerprint.source_fingerprint when the document was written

    def properties(self) -> dict[str, str]:
        return {STAMP_PUBLICATION: self.publication, STAMP_EDITION: self.edition,
                STAMP_FINGERPRINT: self.fingerprint}


def custom_properties_xml(properties: dict[str, str]) -> bytes:
    entries = "".join(
        f'<property fmtid="{USER_DEFINED}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=FIRST_PID))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{CUSTOM_PROPERTIES_NS}" xmlns:vt="{VT_NS}">{entries}</Properties>').encode()


def stamp_document(document: WordDocument, stamp: Stamp) -> None:
    """Add the custom-properties part holding the stamp to the document's package."""
    add_custom_properties(document, stamp.properties())


def add_custom_properties(document: WordDocument, properties: dict[str, str]) -> None:
    """docProps/custom.xml with these properties, in this order, related from the package."""
    package = document.part.package
    part = Part(PackURI(PART_NAME), CT.OFC_CUSTOM_PROPERTIES, custom_properties_xml(properties), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def custom_properties(xml: bytes) -> dict[str, str]:
    """Every custom property with a text value, by name, from a custom.xml part's bytes."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml, parser)
    properties = {}
    for entry in root.findall(f"{{{CUSTOM_PROPERTIES_NS}}}property"):
        value = entry.find(f"{{{VT_NS}}}lpwstr")
        if value is None:
            value = entry.find(f"{{{VT_NS}}}lpstr")
        if entry.get("name") and value is not None:
            properties[entry.get("name")] = value.text or ""
    return properties


def stamp_from_properties(properties: dict[str, str]) -> Stamp | None:
    """The stamp, if the properties hold all of it; None for a document not from this project."""
    try:
        return Stamp(properties[STAMP_PUBLICATION], properties[STAMP_EDITION], properties[STAMP_FINGERPRINT])
    except KeyError:
        return None


def custom_properties_part_name(package_rels: bytes) -> str | None:
    """The zip member name of the custom-properties part, from the package's _rels/.rels."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for rel in etree.fromstring(package_rels, parser).findall(f"{{{PACKAGE_RELS_NS}}}Relationship"):
        if rel.get("Type") == RT.CUSTOM_PROPERTIES and rel.get("TargetMode") != "External":
            return str(PurePosixPath("/", rel.get("Target", ""))).lstrip("/")
    return None


def read_stamp(source: Path | bytes) -> Stamp | None:
    """The stamp of a DOCX file (a path or its bytes); None when it has none.

    For a file from outside, check it with word/safety.py first: this reads two small parts
    and trusts the zip to be sane."""
    return stamp_from_properties(read_custom_properties(source))


def read_custom_properties(source: Path | bytes) -> dict[str, str]:
    """A DOCX file's custom properties by name ({} without any)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if "_rels/.rels" not in names:
            return {}
        name = custom_properties_part_name(package.read("_rels/.rels"))
        if name is None or name not in names:
            return {}
        return custom_properties(package.read(name))
