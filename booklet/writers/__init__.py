"""Writers: one per output format, each walking the same document model.

A writer is a class with `write(publication, edition, target, output_root)`, returning the
page count where the format has pages. Writers are imported on first use, so a process that
only writes HTML never loads WeasyPrint. The Word writer lives in booklet/word/, beside the
Word reader it shares one style map with.
"""
from __future__ import annotations

import importlib

# Output format -> the end of its file name (after the publication and edition).
SUFFIXES = {
    "pdf": ".pdf",
    "pdf-print": "-tryk.pdf",
    "pdf-imposed": "-haefte.pdf",
    "docx": ".docx",
    "html": ".html",
}
# Formats for the print shop, made of the editions that are printed (not matrix or review).
PRINT_FORMATS = ("pdf-print", "pdf-imposed")
_CLASSES = {
    "pdf": "pdf:PdfWriter",
    "pdf-print": "pdf:PrintPdfWriter",
    "pdf-imposed": "pdf:ImposedPdfWriter",
    "docx": "..word.writer:DocxWriter",
    "html": "html:HtmlWriter",
}


def load_writer(fmt: str):
    module, _, name = _CLASSES[fmt].partition(":")
    relative = module if module.startswith(".") else f".{module}"
    return getattr(importlib.import_module(relative, __name__), name)
