"""Writers: one per output format, each walking the same document model.

A writer is a class with `write(publication, edition, target, output_root)`, returning the
page count where the format has pages. Writers are imported on first use, so a process that
only writes HTML never loads WeasyPrint.
"""
from __future__ import annotations

import importlib

EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html"}
_CLASSES = {"pdf": "pdf:PdfWriter", "docx": "docx:DocxWriter", "html": "html:HtmlWriter"}


def load_writer(fmt: str):
    module, _, name = _CLASSES[fmt].partition(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
