"""Saddle-stitch imposition: the pages of an A5 booklet on A4 sheets, in the order a print shop
folds and staples them. The page count is padded with blank pages to a multiple of four; the
blanks go before the last page, so the colophon stays on the back cover."""
from __future__ import annotations

from pathlib import Path

import pikepdf


def sheet_sides(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page index per printed side, 0-based; None where a blank page goes.

    For 8 pages: (7, 0), (1, 6), (5, 2), (3, 4) - the outer sheet's front carries the back
    cover and the front cover, its back the second and the second-to-last page, and so on.
    """
    if pages == 0:
        return []
    padded = -(-pages // 4) * 4
    booklet: list[int | None] = [*range(pages - 1), *[None] * (padded - pages), pages - 1]
    sides = []
    for i in range(padded // 2):
        left, right = (padded - 1 - i, i) if i % 2 == 0 else (i, padded - 1 - i)
        sides.append((booklet[left], booklet[right]))
    return sides


# A4 landscape in points: two A5 pages (148 mm wide) leave 1 mm either side.
SHEET = (297 * 72 / 25.4, 210 * 72 / 25.4)


def impose(source: Path, target: Path) -> int:
    """Write `source` (single pages) to `target` as imposed sheets; returns the number of sides."""
    with pikepdf.open(source) as pdf, pikepdf.new() as sheets:
        width, height = (float(v) for v in pdf.pages[0].trimbox[2:]) if pdf.pages else (0.0, 0.0)
        x0, y0 = (SHEET[0] - 2 * width) / 2, (SHEET[1] - height) / 2
        for left, right in sheet_sides(len(pdf.pages)):
            sheets.add_blank_page(page_size=SHEET)
            side = sheets.pages[-1]
            drawing = []
            for column, index in enumerate((left, right)):
                if index is not None:
                    # Named by page number, not at random, so the same input gives the same bytes.
                    name = side.add_resource(sheets.copy_foreign(pdf.pages[index].as_form_xobject()),
                                             pikepdf.Name.XObject, name=pikepdf.Name(f"/Side{index + 1}"))
                    drawing.append(f"q 1 0 0 1 {x0 + column * width:.4f} {y0:.4f} cm {name} Do Q")
            side.contents_add(pikepdf.Stream(sheets, "\n".join(drawing).encode()))
        sheets.docinfo = sheets.copy_foreign(pdf.docinfo)
        sheets.save(target, deterministic_id=True)
        return len(sheets.pages)
