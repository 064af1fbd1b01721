"""Opening a Word file from outside, safely, before anything reads its content.

A DOCX is a zip of XML parts written by whoever sent it. Everything is checked here, with the
bytes in hand, so the reader (and python-docx, if anything ever hands it the file) only sees a
document that is what it says:

- it is a zip at all, and a Word document (not an old binary .doc, an encrypted file, an .xlsx,
  an .odt or an .rtf renamed .docx);
- it carries no macros (.docm, a vbaProject part);
- it unpacks to a bounded size and number of parts: the central directory's sizes are checked
  first, and every part is read with a cap, since a hostile zip can state sizes it does not keep;
- its XML has no DTD, so no entity can expand (a "billion laughs") or reach the network;
- its relationships point at nothing on this machine or a network share (`file:`, `C:\\`,
  `\\\\server`, a relative path): a linked file would be read from wherever the importer runs.

Each refusal is a `WordRefused` with one Danish sentence saying what to do.
"""
from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from ..readers.limits import size_text
from .ooxml import W_NS

# --- limits ---------------------------------------------------------------------------
# A director's 50-page strategy letter with a dozen photos is 2-15 MB zipped and a little more
# unpacked (photos do not compress); its XML parts are a few MB. The limits are far above that
# and far below what would exhaust memory or time.
MAX_DOCX_BYTES = 100_000_000  # the file itself
MAX_UNPACKED_BYTES = 300_000_000  # all parts together, unpacked
MAX_PARTS = 2_000  # a document has 10-40 parts, plus one per picture
MAX_XML_PART_BYTES = 50_000_000  # one XML part: a 500-page document.xml is about 10 MB
# Word's XML compresses 5-20 times; a zip bomb's part compresses thousands of times. Checked only
# for parts above the size below, since a tiny part can have any ratio without harm.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1_000_000
_CHUNK = 1 << 20

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Office container (.doc, encrypted files)
ZIP_HEADER = b"PK\x03\x04"

WORD_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
MACRO_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
CONTENT_TYPES = "[Content_Types].xml"

NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_HYPERLINK = REL_OFFICE + "hyperlink"
REL_IMAGE = REL_OFFICE + "image"
# A document made from a template names it (often as file:///C:/.../Skabelon.dotx). Nothing here
# ever follows it, so it is left unread rather than refusing most documents from municipalities.
REL_ATTACHED_TEMPLATE = REL_OFFICE + "attachedTemplate"
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)

SAVE_AS_DOCX = "Åbn det i Word, og vælg Filer > Gem som > Word-dokument (*.docx)."


class WordRefused(Exception):
    """The file cannot be imported. The message is whole Danish sentences ending with what to do."""


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool


@dataclass
class WordPackage:
    """The parts of a checked DOCX, unpacked in memory, and what was dropped on the way."""

    path: Path
    parts: dict[str, bytes]  # part name without a leading '/' -> bytes
    content_types: dict[str, str]  # part name -> its content type (overrides and defaults applied)
    main: str  # the main document part, e.g. 'word/document.xml'
    warnings: list[str] = field(default_factory=list)
    _xml: dict[str, etree._Element] = field(default_factory=dict)

    def xml(self, name: str) -> etree._Element | None:
        """The part parsed (safely, see `parse_xml`), or None when the package has no such part."""
        if name not in self._xml:
            data = self.parts.get(name)
            if data is None:
                return None
            self._xml[name] = parse_xml(data, name)
        return self._xml[name]

    def body(self) -> etree._Element:
        """The main document's w:body (the document element itself, should it have none)."""
        document = self.xml(self.main)
        body = document.find(f"{{{W_NS}}}body")
        return body if body is not None else document

    def relationships(self, part: str) -> dict[str, Relationship]:
        """A part's relationships by id (already checked when the package was opened)."""
        return _relationships(self, part)

    def resolve(self, part: str, target: str) -> str:
        """A relationship's internal target as a part name."""
        return _resolve(part, target)


def open_docx(path: Path) -> WordPackage:
    """The checked package of the Word file at `path`; raises WordRefused saying why not."""
    data = _read_file(path)
    if data.startswith(OLE_HEADER):
        raise WordRefused(_ole_message(data))
    if data.lstrip()[:5] == b"{\\rtf":
        raise WordRefused(f"filen er et RTF-dokument, ikke et Word-dokument (.docx). {SAVE_AS_DOCX}")
    if not data.startswith(ZIP_HEADER):
        raise WordRefused("filen er ikke et Word-dokument (.docx): den kan ikke åbnes som en. Gem dokumentet "
                          "som .docx i Word, og importér den fil.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WordRefused("filen er ikke et helt Word-dokument (.docx): den er måske beskadiget eller ikke "
                          "hentet færdig. Åbn den i Word, gem den igen som .docx, og importér den fil.") from None
    with archive:
        infos = _checked_directory(archive)
        names = {info.filename for info in infos}
        if "mimetype" in names and CONTENT_TYPES not in names:
            raise WordRefused("filen er et OpenDocument-dokument (fra LibreOffice), ikke et Word-dokument. "
                              "Gem det som Word 2007-365 (.docx) i LibreOffice, og importér den fil.")
        if CONTENT_TYPES not in names:
            raise WordRefused("filen er ikke et Word-dokument (.docx). " + SAVE_AS_DOCX)
        parts = _read_parts(archive, infos)
    # Every XML part, read or not here: whatever reads the package later (python-docx in the round
    # trip) then never meets a DTD either.
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")) and _DOCTYPE.search(_as_utf8(data)):
            raise _dtd(name)
    content_types = _content_types(parts)
    main = _main_part(parts, content_types)
    package = WordPackage(path, parts, content_types, main)
    _check_relationships(package)
    return package


def _read_file(path: Path) -> bytes:
    try:
        # O_NONBLOCK: a named pipe must not hang the import waiting for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise WordRefused(f"filen {path} findes ikke. Tjek navnet og mappen.") from None
    except IsADirectoryError:
        raise WordRefused(f"{path} er en mappe, ikke en fil. Angiv selve Word-filen.") from None
    except OSError as exc:
        raise WordRefused(f"filen {path} kan ikke læses ({exc.strerror}). Tjek, at du har adgang til "
                          "den, og at den ikke er åben et andet sted.") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise WordRefused(f"{path} er ikke en almindelig fil. Angiv selve Word-filen.")
        if status.st_size > MAX_DOCX_BYTES:
            raise WordRefused(_too_large(status.st_size))
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = stream.read(MAX_DOCX_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(data) > MAX_DOCX_BYTES:
        raise WordRefused(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return (f"filen fylder {size_text(size)}; et Word-dokument må højst fylde {size_text(MAX_DOCX_BYTES)}. "
            "Gør billederne mindre i Word (Billedformat > Komprimer billeder), og gem igen.")


def _ole_message(data: bytes) -> str:
    """An OLE container is an encrypted Office file, an old .doc, or something else of Office's.
    Its directory names its streams in UTF-16; the names tell which."""
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        return ("dokumentet er beskyttet med en adgangskode, og så kan det ikke læses. Åbn det i Word, "
                "fjern adgangskoden (Filer > Oplysninger > Beskyt dokument > Krypter med adgangskode, og "
                "slet koden), gem, og importér det igen.")
    if "WordDocument".encode("utf-16-le") in data:
        return f"dokumentet er gemt i det gamle Word-format (.doc). {SAVE_AS_DOCX}"
    return f"filen er et ældre Office-dokument, men ikke et Word-dokument. {SAVE_AS_DOCX}"


def _checked_directory(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's entries, refused if the central directory promises too much."""
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > MAX_PARTS:
        raise WordRefused(f"dokumentet består af {len(infos)} dele; et Word-dokument har højst "
                          f"{MAX_PARTS}. Det er ikke et almindeligt Word-dokument. Gem det som .docx i Word "
                          "igen, eller kopiér teksten over i et nyt dokument.")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise WordRefused("dokumentet er krypteret og kan ikke læses. Fjern beskyttelsen i Word, gem som "
                              ".docx, og importér det igen.")
        total += info.file_size
        if info.file_size >= RATIO_CHECKED_FROM_BYTES and \
                info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise _bomb()
    if total > MAX_UNPACKED_BYTES:
        raise _bomb()
    return infos


def _bomb() -> WordRefused:
    return WordRefused(f"dokumentet pakker sig ud til mere end {size_text(MAX_UNPACKED_BYTES)} eller er "
                       "pakket langt tættere end et Word-dokument. Det er ikke et almindeligt Word-dokument "
                       "og importeres ikke. Kopiér teksten over i et nyt Word-dokument, gem det som .docx, og "
                       "importér det.")


def _read_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Every part, each read in chunks and stopped at its stated size: a part that unpacks to
    more than its entry says (a forged directory) is refused before it fills the memory."""
    parts: dict[str, bytes] = {}
    total = 0
    for info in infos:
        name = info.filename.lstrip("/")
        if name in parts:
            raise WordRefused("dokumentet har den samme del to gange og er ikke et almindeligt Word-dokument. "
                              "Gem det som .docx i Word igen, og importér den fil.")
        chunks, size = [], 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > info.file_size or total > MAX_UNPACKED_BYTES:
                        raise _bomb()
                    chunks.append(chunk)
        except WordRefused:
            raise
        except Exception:  # noqa: BLE001 - zlib.error, a bad CRC, a truncated stream: a damaged file
            raise WordRefused("dokumentet er beskadiget og kan ikke pakkes ud. Åbn det i Word, gem det "
                              "igen som .docx, og importér den fil.") from None
        parts[name] = b"".join(chunks)
    return parts


# --- XML ------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _as_utf8(data: bytes) -> bytes:
    """The part's bytes as UTF-8, for finding '<!DOCTYPE' in a part written in UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def parse_xml(data: bytes, name: str) -> etree._Element:
    """An XML part, refused if it declares a DTD: Word never writes one, and a DTD is how an
    entity bomb or a reference to a file on this machine gets in."""
    head = _as_utf8(data)
    if len(data) > MAX_XML_PART_BYTES:
        raise WordRefused(f"dokumentets del {name} fylder {size_text(len(data))}; højst "
                          f"{size_text(MAX_XML_PART_BYTES)} kan læses. Del dokumentet i flere.")
    if _DOCTYPE.search(head):
        raise _dtd(name)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise WordRefused(f"dokumentets del {name} er ikke gyldig XML, så dokumentet er beskadiget. Åbn det i "
                          "Word, gem det igen som .docx, og importér den fil.") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _dtd(name)
    return root


def _dtd(name: str) -> WordRefused:
    return WordRefused(f"dokumentets del {name} har en DTD (<!DOCTYPE eller <!ENTITY), som Word aldrig "
                       "skriver; den kan bruges til at få importen til at læse filer eller løbe løbsk. "
                       "Importen er stoppet. Kopiér teksten over i et nyt Word-dokument, gem det som .docx, "
                       "og importér det.")


def _content_types(parts: dict[str, bytes]) -> dict[str, str]:
    root = parse_xml(parts[CONTENT_TYPES], CONTENT_TYPES)
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                for d in root.iter(f"{{{NS_CT}}}Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
                 for o in root.iter(f"{{{NS_CT}}}Override")}
    result = {}
    for name in parts:
        if name == CONTENT_TYPES:
            continue
        result[name] = overrides.get(name) or defaults.get(PurePosixPath(name).suffix.lstrip(".").lower(), "")
    return result


def _main_part(parts: dict[str, bytes], content_types: dict[str, str]) -> str:
    macros = [name for name, kind in content_types.items() if kind in MACRO_MAIN_TYPES]
    if macros or any(PurePosixPath(name).name.lower() == "vbaproject.bin" for name in parts) or \
            any("vbaProject" in kind for kind in content_types.values()):
        raise WordRefused("dokumentet indeholder makroer (.docm), og dem importerer værktøjet ikke. Åbn det i "
                          "Word, og vælg Filer > Gem som > Word-dokument (*.docx) – så fjernes makroerne – "
                          "og importér den fil.")
    main = [name for name, kind in content_types.items() if kind in WORD_MAIN_TYPES]
    if not main:
        kinds = " ".join(content_types.values())
        what = ("et Excel-regneark" if "spreadsheetml" in kinds else
                "en PowerPoint-præsentation" if "presentationml" in kinds else "ikke et Word-dokument")
        raise WordRefused(f"filen er {what}, ikke et Word-dokument. Importér et Word-dokument (.docx).")
    return main[0]


# --- relationships --------------------------------------------------------------------

def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _resolve(part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    base = PurePosixPath(part).parent
    joined: list[str] = []
    for piece in (base / target).parts:
        if piece == "..":
            if joined:
                joined.pop()
        elif piece not in (".", ""):
            joined.append(piece)
    return "/".join(joined)


def _relationships(package: WordPackage, part: str) -> dict[str, Relationship]:
    root = package.xml(_rels_name(part))
    if root is None:
        return {}
    result = {}
    for rel in root.iter(f"{{{NS_REL}}}Relationship"):
        result[rel.get("Id", "")] = Relationship(rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", ""),
                                                 rel.get("TargetMode", "") == "External")
    return result


def _check_relationships(package: WordPackage) -> None:
    """Every part's external relationships: a web link stays a link, a picture from the web is
    left out (with a warning), and anything pointing into this machine or a share is refused."""
    for name in list(package.parts):
        if not name.endswith(".rels"):
            continue
        folder, _, rels = name.rpartition("/")
        source = (folder.removesuffix("_rels").rstrip("/") + "/" if folder != "_rels" else "") + rels[:-5]
        for rel in _relationships(package, source).values():
            if not rel.external or rel.type == REL_ATTACHED_TEMPLATE:
                continue
            if rel.type == REL_HYPERLINK and _SAFE_LINK.match(rel.target):
                continue
            if rel.type == REL_IMAGE and _WEB_ADDRESS.match(rel.target):
                package.warnings.append(
                    f"et billede er hentet fra nettet ({_short(rel.target)}) og kun linket ind i dokumentet; "
                    "det er udeladt. Gem billedet, og sæt det ind i dokumentet (Indsæt > Billeder), eller "
                    "læg det i publikationens mappe billeder/ bagefter.")
                continue
            if _WEB_ADDRESS.match(rel.target):
                continue  # other web references (a web font, a linked style) are never followed
            what = "et link" if rel.type == REL_HYPERLINK else "et billede" if rel.type == REL_IMAGE else "en henvisning"
            raise WordRefused(
                f"dokumentet har {what} til en fil på en computer eller et netværksdrev ({_short(rel.target)}), "
                "og sådan en henvisning følger importen ikke. Fjern den i Word, eller erstat et link med en "
                "webadresse (https://...); sæt et billede ind i selve dokumentet (Indsæt > Billeder > Dette "
                "udstyr). Gem, og importér igen.")


def _short(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[:most] + "…"
