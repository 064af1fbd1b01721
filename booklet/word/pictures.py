"""Pictures in the DOCX: the author's photos from their published copies, and alt text.

Every picture's `wp:docPr` carries what Word's alt-text pane sets: a name, a description
(`descr`, what screen readers and pandoc read) and a title; a decorative picture instead has an
empty description and Word 2019's "Mark as decorative" extension, so screen readers pass over it.
"""
from __future__ import annotations

import io

import cairosvg
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Length
from docx.text.run import Run

from ..model import Image
from ..writers.image_copies import published_copy
from .ooxml import DECORATIVE_EXTENSION, DECORATIVE_NS

IMAGE_DPI = 300  # at the placed size: sharp in print from Word, without the camera's 12 MP


def flush(inline) -> None:
    """No space around an inline picture, said outright: the attributes are optional and 0 in
    ECMA-376, but LibreOffice reads them as absent and shifts the picture off the margin."""
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")


def describe(doc_pr, name: str, alt: str, decorative: bool = False) -> None:
    doc_pr.set("name", name)
    if decorative:
        doc_pr.set("descr", "")
        doc_pr.attrib.pop("title", None)
        doc_pr.append(parse_xml(
            f'<a:extLst {nsdecls("a")}><a:ext uri="{DECORATIVE_EXTENSION}">'
            f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/></a:ext></a:extLst>'))
    else:
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt)


def add_picture(run: Run, image: Image, width: Length, max_height: Length) -> tuple[Length, Length]:
    """The image's published copy (upright, without metadata) in `run` at `width`, kept in
    proportion and no taller than `max_height`; described, or marked decorative. Returns the
    size it was given."""
    width_px = round(width.inches * IMAGE_DPI)
    copy = published_copy(image.file, width_px)
    data = copy.data
    if copy.mime == "image/svg+xml":
        # Word shows SVG only from 2016 on and LibreOffice and pandoc want a bitmap beside it:
        # the drawing goes in as a bitmap at print resolution, as the drawn figures do.
        data = cairosvg.svg2png(bytestring=data, output_width=width_px)
    height = Length(round(width * copy.height_px / copy.width_px))
    if height > max_height:
        width, height = Length(round(width * max_height / height)), max_height
    shape = run.add_picture(io.BytesIO(data), width=width, height=height)
    flush(shape._inline)
    describe(shape._inline.docPr, image.file.path.name, image.alt, image.decorative)
    return width, height
