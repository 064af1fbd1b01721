"""A paragraph's runs -> the model's inline content: runs of the same formatting joined, bold
around italic and links around both, so each mark opens and closes once and reads back from the
content files as it was; and what a run's direct formatting does that the content cannot say.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..model import Emphasis, Inline, Inlines, LineBreak, Link, Strong, Text, plain_text
from .read_styles import is_on, w

@dataclass(frozen=True)
class Piece:
    """A run's text with its formatting, before runs are joined into the model's inlines."""

    text: str
    bold: bool
    italic: bool
    link: str | None


def tidy(nodes: list) -> Inlines:
    """Runs -> the model's inline content: neighbouring runs of the same formatting joined,
    bold around italic (so '**a *b***' reads back), spaces collapsed, ends trimmed."""
    groups: list = []
    for node in nodes:
        if isinstance(node, Piece):
            text = re.sub(r"[ \t\r\n]+", " ", node.text.replace("\u00ad", ""))
            if groups and isinstance(groups[-1], Piece) and (groups[-1].bold, groups[-1].italic, groups[-1].link) \
                    == (node.bold, node.italic, node.link):
                groups[-1] = Piece(groups[-1].text + text, node.bold, node.italic, node.link)
            else:
                groups.append(Piece(text, node.bold, node.italic, node.link))
        else:
            groups.append(node)
    # Collapse spaces across the joins and trim the paragraph's ends.
    cleaned: list = []
    previous_space = True
    for node in groups:
        if isinstance(node, Piece):
            # '![' and '[^' in running text would read as a picture or a footnote in the content
            # files, which refuse them as typed characters: a space keeps them apart.
            text = node.text.replace("![", "! [").replace("[^", "[ ^")
            if previous_space:
                text = text.lstrip(" ")
            if not text:
                continue
            previous_space = text.endswith(" ")
            cleaned.append(Piece(text, node.bold, node.italic, node.link))
        elif isinstance(node, LineBreak):
            if cleaned and isinstance(cleaned[-1], LineBreak):
                continue  # an empty line made of breaks: one break (Markdown has no empty line in a paragraph)
            while cleaned and isinstance(cleaned[-1], Piece) and cleaned[-1].text.endswith(" "):
                last = cleaned[-1]
                cleaned[-1] = Piece(last.text.rstrip(" "), last.bold, last.italic, last.link)
                if not cleaned[-1].text:
                    cleaned.pop()
            previous_space = True
            if cleaned:  # a break at the very start of a paragraph breaks nothing
                cleaned.append(node)
        else:
            cleaned.append(node)
            previous_space = False
    while cleaned and (isinstance(cleaned[-1], LineBreak) or
                       (isinstance(cleaned[-1], Piece) and not cleaned[-1].text.strip())):
        cleaned.pop()
    if cleaned and isinstance(cleaned[-1], Piece):
        last = cleaned[-1]
        cleaned[-1] = Piece(last.text.rstrip(), last.bold, last.italic, last.link)
    while cleaned and isinstance(cleaned[0], LineBreak):
        cleaned.pop(0)
    return _formatted(cleaned)


def _formatted(pieces: list) -> Inlines:
    """Group by link, then bold, then italic, so each mark opens and closes once."""
    result: list[Inline] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if not isinstance(piece, Piece):
            result.append(piece)
            i += 1
            continue
        if piece.link:
            j = i
            while j < len(pieces) and isinstance(pieces[j], Piece) and pieces[j].link == piece.link:
                j += 1
            inner = [Piece(p.text, p.bold, p.italic, None) for p in pieces[i:j]]
            if "".join(p.text for p in inner).strip():
                result.append(Link(piece.link, _formatted(inner)))
            else:
                result.extend(_formatted(inner))  # a link on nothing but spaces: nothing to click
            i = j
            continue
        if piece.bold:
            j = i
            while j < len(pieces) and isinstance(pieces[j], Piece) and pieces[j].bold and not pieces[j].link:
                j += 1
            inner = [Piece(p.text, False, p.italic, None) for p in pieces[i:j]]
            result.extend(_marked(Strong, _formatted(inner)))
            i = j
            continue
        if piece.italic:
            j = i
            while j < len(pieces) and isinstance(pieces[j], Piece) and pieces[j].italic and \
                    not pieces[j].bold and not pieces[j].link:
                j += 1
            result.extend(_marked(Emphasis, (Text("".join(p.text for p in pieces[i:j])),)))
            i = j
            continue
        result.append(Text(piece.text))
        i += 1
    merged: list[Inline] = []
    for node in result:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def _marked(kind, children: Inlines) -> list[Inline]:
    """Bold or italic around the children, with the spaces at their ends left outside (Markdown
    reads '** fed**' as stars)."""
    text = plain_text(children)
    if not text.strip():
        return list(children)
    lead = text[:len(text) - len(text.lstrip(" "))]
    trail = text[len(text.rstrip(" ")):]
    inner = list(children)
    if lead and isinstance(inner[0], Text):
        inner[0] = Text(inner[0].text.lstrip(" "))
    if trail and isinstance(inner[-1], Text):
        inner[-1] = Text(inner[-1].text.rstrip(" "))
    inner = [n for n in inner if not (isinstance(n, Text) and not n.text)]
    return [*([Text(lead)] if lead and isinstance(children[0], Text) else []), kind(tuple(inner)),
            *([Text(trail)] if trail and isinstance(children[-1], Text) else [])]


def run_formatting(rpr: etree._Element, style_name: str) -> list[str]:
    """What a run's direct formatting does that the content cannot say."""
    found = []
    if style_name in ("hyperlink", "footnote reference", "endnote reference", "footnote anchor"):
        return found
    color = rpr.find(w("color"))
    if color is not None and color.get(w("val"), "auto").lower() not in ("auto", "000000"):
        found.append("farve")
    if rpr.find(w("highlight")) is not None or (rpr.find(w("shd")) is not None and
                                                rpr.find(w("shd")).get(w("fill"), "auto").lower() not in ("auto", "ffffff")):
        found.append("fremhævningsfarve")
    fonts = rpr.find(w("rFonts"))
    if fonts is not None and any(key.endswith(("}ascii", "}hAnsi")) for key in fonts.attrib):
        found.append("skrifttype")
    if rpr.find(w("sz")) is not None:
        found.append("skriftstørrelse")
    if is_on(rpr.find(w("u"))):
        found.append("understregning")
    if is_on(rpr.find(w("strike"))) or is_on(rpr.find(w("dstrike"))):
        found.append("gennemstregning")
    vert = rpr.find(w("vertAlign"))
    if vert is not None and vert.get(w("val")) in ("superscript", "subscript"):
        found.append("hævet eller sænket skrift")
    return found
