"""The print shop's PDF as PDF/X-4: the output intent, RGB made device-independent, exact boxes.

WeasyPrint writes the PDF/X-4 identification (XMP `pdfxid:GTS_PDFXVersion`, `Trapped`) and an
output intent from the CMYK profile it is given. Three things a print shop's preflight checks
it leaves to us, done here with pikepdf after layout:

- the colours and photos are DeviceRGB, which PDF/X-4 allows only when the page says what RGB
  means: every page gets a /DefaultRGB colour space, sRGB (the colours the brand is written in),
  so the print shop's RIP converts them to its press with its own profile;
- the output intent names its printing condition as the ICC registry does ('FOGRA39'), so the
  print shop's software recognises the condition instead of reading the profile's long name;
- WeasyPrint sets the BleedBox at most 10 pt outside the TrimBox; a brand's bleed of more than
  3.5 mm would be cut short, so the BleedBox is set to exactly the bleed asked for;
- WeasyPrint's PDF/X XMP carries a random document id (xmpMM:DocumentID), so two builds of the
  same content would differ: the id is made from the file's own content instead.
"""
from __future__ import annotations

import hashlib
import re
import uuid
from importlib.resources import files
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

MM = 72 / 25.4
# The printing condition of the committed profile (styles/icc/README.md): offset on coated paper,
# ISO 12647-2, the usual condition for a Danish print shop's sheet-fed offset and digital press.
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
PROFILE = Path("icc") / "FOGRA39L.icc"


def profile_path(styles: Path) -> Path:
    return styles / PROFILE


def finish_print(path: Path, bleed_mm: float) -> None:
    """Make the PDF WeasyPrint wrote as PDF/X-4 what a print shop's preflight accepts (in place)."""
    srgb = (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        profile = pdf.make_stream(srgb)
        profile.N = 3
        default_rgb = pdf.make_indirect(Array([Name.ICCBased, profile]))
        for page in pdf.pages:
            if "/Resources" not in page.obj:
                page.obj.Resources = Dictionary()
            _exact_bleed_box(page.obj, bleed_mm * MM)
        # Every resource dictionary, not just the pages': a form XObject or pattern (WeasyPrint
        # draws gradients, SVG and opacity groups as such) paints with its own resources.
        for owner in [*(p.obj for p in pdf.pages), *pdf.objects]:
            resources = owner.get("/Resources") if isinstance(owner, (Dictionary, pikepdf.Stream)) else None
            if isinstance(resources, Dictionary):
                if "/ColorSpace" not in resources:
                    resources.ColorSpace = Dictionary()
                resources.ColorSpace.DefaultRGB = default_rgb
        for intent in pdf.Root.get("/OutputIntents", Array()):
            if intent.get("/S") == Name.GTS_PDFX:
                intent.OutputConditionIdentifier = String(OUTPUT_CONDITION)
                intent.OutputCondition = String(OUTPUT_CONDITION_INFO)
                intent.Info = String(OUTPUT_CONDITION_INFO)
                intent.RegistryName = String(REGISTRY)
        if "/Metadata" in pdf.Root:
            xmp = pdf.Root.Metadata
            data = _RANDOM_ID.sub(_content_id(pdf, xmp.read_bytes()).encode(), xmp.read_bytes())
            xmp.write(data)  # as WeasyPrint wrote it, uncompressed (PDF/X-4), with only the id changed
        pdf.save(path, deterministic_id=True, fix_metadata_version=False)  # the XMP is WeasyPrint's PDF/X claim


# WeasyPrint's document id: `xmp.did:` and a random UUID.
_RANDOM_ID = re.compile(rb"xmp\.did:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _content_id(pdf: pikepdf.Pdf, xmp: bytes) -> str:
    """A document id that is the same for the same content: a UUID from the metadata (the random
    id blanked out) and what the pages draw."""
    digest = hashlib.sha256(_RANDOM_ID.sub(b"xmp.did:", xmp))
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        for stream in (contents if isinstance(contents, Array) else [contents] if contents is not None else []):
            digest.update(stream.read_bytes())
    return f"xmp.did:{uuid.UUID(bytes=digest.digest()[:16], version=4)}"


def _exact_bleed_box(page: pikepdf.Dictionary, bleed: float) -> None:
    """The BleedBox `bleed` outside the TrimBox, never outside the MediaBox (ISO 32000-1 14.11.2)."""
    if "/TrimBox" not in page:
        return
    left, bottom, right, top = (float(v) for v in page.TrimBox)
    m_left, m_bottom, m_right, m_top = (float(v) for v in page.MediaBox)
    page.BleedBox = Array([max(m_left, left - bleed), max(m_bottom, bottom - bleed),
                           min(m_right, right + bleed), min(m_top, top + bleed)])
