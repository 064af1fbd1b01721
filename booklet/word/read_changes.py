"""Tracked changes and comments in a Word document from outside.

A document with tracked changes holds two texts at once; which one the director meant is not
the importer's guess. Without `--accepter-aendringer` it is refused with a message saying how
to accept or reject them in Word; with it, every change is accepted as Word's "Acceptér alle
ændringer" would: insertions kept, deletions dropped, moves kept at their new place, and
formatting changes kept as they now are.
"""
from __future__ import annotations

from lxml import etree

from .ooxml import W_NS as W
from .safety import WordRefused


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Elements that wrap changed content: kept (insertions, a move's new place) or dropped.
_KEPT = {_w("ins"), _w("moveTo")}
_DROPPED = {_w("del"), _w("moveFrom")}
# Markers that record a change without holding text: the change stays as it now is.
_MARKERS = {_w(tag) for tag in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                                "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel",
                                "cellMerge", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                                "customXmlDelRangeStart", "customXmlDelRangeEnd")}
_PROPERTIES = {_w("rPr"), _w("trPr"), _w("pPr")}

REFUSED = ("dokumentet har registrerede ændringer (Spor ændringer), og det er ikke til at sige, om de "
           "skal med. Acceptér eller afvis dem i Word (Gennemse > Acceptér > Acceptér alle ændringer), gem, "
           "og importér igen. Skal alle ændringer bare accepteres, så importér med --accepter-aendringer.")


def has_changes(root: etree._Element) -> bool:
    wanted = _KEPT | _DROPPED | _MARKERS
    return any(element.tag in wanted for element in root.iter(*wanted))


def settle_changes(root: etree._Element, accept: bool) -> int:
    """Refuse a part with tracked changes, or (`accept`) accept them all in place; the number of
    changes accepted."""
    if not has_changes(root):
        return 0
    if not accept:
        raise WordRefused(REFUSED)
    count = 0
    for element in list(root.iter(*(_KEPT | _DROPPED | _MARKERS))):
        parent = element.getparent()
        if parent is None:
            continue  # inside something already dropped
        count += 1
        if element.tag in _MARKERS:
            parent.remove(element)
        elif parent.tag in _PROPERTIES:
            # A paragraph mark or a table row marked inserted or deleted. A deleted row goes with
            # its text; a deleted paragraph mark would join two paragraphs, which is left undone
            # (both stay, as two paragraphs), since the text itself is not lost.
            if parent.tag == _w("trPr") and element.tag in _DROPPED:
                row = parent.getparent()
                if row is not None and row.getparent() is not None:
                    row.getparent().remove(row)
            else:
                parent.remove(element)
        elif element.tag in _DROPPED:
            parent.remove(element)
        else:
            _unwrap(element)
    return count


def _unwrap(element: etree._Element) -> None:
    """Replace the element by its children, where it stood."""
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def comment_texts(root: etree._Element | None) -> dict[str, tuple[str, str]]:
    """The comments part: comment id -> (author, text)."""
    if root is None:
        return {}
    result = {}
    for comment in root.iter(_w("comment")):
        paragraphs = ["".join(t.text or "" for t in p.iter(_w("t"))) for p in comment.iter(_w("p"))]
        result[comment.get(_w("id"), "")] = (comment.get(_w("author"), ""),
                                             " ".join(p.strip() for p in paragraphs if p.strip()))
    return result
