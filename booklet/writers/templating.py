"""The Jinja2 page renderer shared by the HTML and PDF writers.

Both formats lay out the same page template (`templates/publication.html.j2`) with one
template per block kind (`templates/blocks/<kind>.html.j2`); they differ only in the
stylesheets and the medium they pass. Inline content is small and recursive, so it is
rendered here in Python, escaped. A block with a figure embeds it as an <img> with a data:
URI, so the page carries it wherever it is read (the HTML file, the site, WeasyPrint).

The author's photos are placed by an `ImageSource` the writer passes in: the PDF carries its
copies in the page (data: URIs, at the resolution its reader needs), the HTML pages refer to
copies written beside them (several widths, for `srcset`). Figures, tables and notes are
numbered once per render (`structure.Numbering`), so every format numbers them alike.
"""
from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Protocol

import jinja2
from markupsafe import Markup, escape

from .. import structure
from ..colophon import author, issued_by
from ..danish import LABELS, PUBLICATION_TYPE_NAMES, format_date, forum_label
from ..descriptions import publication_description, report_description
from ..editions import Edition
from ..figures import figure_for
from ..model import (
    BLOCK_KINDS, IMAGE_WIDTH_FRACTIONS, Block, Image, Inlines, Note, Publication, Section, Table, plain_text,
)
from ..status import status_mark
from .image_copies import PORTRAIT_FRACTION, SIGNATURE_FRACTION, cover_fraction, published_copy


@dataclass(frozen=True)
class PageAssets:
    """Where the page finds its stylesheets and logos (relative for HTML, file: for PDF)."""

    stylesheets: tuple[str, ...]
    logo: str
    logo_negative: str
    scripts: tuple[str, ...] = ()  # only the live preview adds one (its reload script)


@dataclass(frozen=True)
class PlacedImage:
    """What an <img> needs: where the picture is, its size (for width/height, so the page does
    not jump while it loads), and for the web, the other widths to choose from."""

    src: str
    width: int
    height: int
    srcset: str = ""
    sizes: str = ""


class ImageSource(Protocol):
    def place(self, image: Image, fraction: float) -> PlacedImage:
        """The copy of `image` for a place `fraction` of the text width wide."""


class DataUriImages:
    """Copies carried in the page as data: URIs (the PDF: WeasyPrint reads nothing else),
    `max_width(fraction)` pixels wide at most (None: the full-size copy)."""

    def __init__(self, max_width: Callable[[float], int | None]):
        self.max_width = max_width

    def place(self, image: Image, fraction: float) -> PlacedImage:
        copy = published_copy(image.file, self.max_width(fraction))
        uri = f"data:{copy.mime};base64," + base64.b64encode(copy.data).decode("ascii")
        return PlacedImage(uri, copy.width_px, copy.height_px)


class PageRenderer:
    def __init__(self, templates: Path):
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            blocks=self.blocks,
            inlines=self.inlines,
            h=heading_tag,
            levels=structure,
            labels=LABELS,
            format_date=format_date,
            author=author,
            issued_by=issued_by,
            forum_label=forum_label,
            type_names=PUBLICATION_TYPE_NAMES,
            plain_text=plain_text,
            slot_anchor=structure.slot_anchor,
            slot_title=structure.slot_title,
            figure=figure_for,
            css_px=css_px,
            width_fraction=IMAGE_WIDTH_FRACTIONS,
            portrait_fraction=PORTRAIT_FRACTION,
            signature_fraction=SIGNATURE_FRACTION,
            figure_caption=figure_caption,
            section_notes=section_notes,
            column_names=column_names,
            image_floats=image_floats,
            describe=publication_description,
            describe_report=report_description,
        )
        self._block_templates = {
            kind.kind: self.env.get_template(f"blocks/{kind.kind}.html.j2") for kind in BLOCK_KINDS
        }

    @jinja2.pass_context
    def blocks(self, context, blocks: tuple[Block, ...], section: Section | None = None) -> Markup:
        # What every block may need goes along: the publication (figures are drawn in its
        # brand), the medium, the edition's numbering, where its images are and how wide the
        # text column is that figures are placed in.
        shared = {name: context.get(name) for name in ("pub", "medium", "numbering", "images", "unique_id",
                                                        "column")}
        # The level of the heading the blocks stand under, so a fact box's title fits the outline.
        level = context.get("heading_level", 1)
        out = []
        for index, b in enumerate(blocks):
            out.append(Markup(self._block_templates[b.kind].render(
                block=b, section=section, heading_level=level, following=blocks[index + 1:], **shared)))
            if b.kind == "heading":
                level = b.level
        return Markup("").join(out)

    @jinja2.pass_context
    def inlines(self, context, nodes: Inlines) -> Markup:
        return render_inlines(nodes, lambda note: self._note(context, note))

    def _note(self, context, note: Note) -> Markup:
        """A footnote where it is referenced. In print, the note itself, which WeasyPrint moves
        to the foot of the page (float: footnote) and marks with its number at this place; on
        screen, a link to the note under the section, and back."""
        number = context["numbering"].note(note)
        if context.get("medium") == "print":
            body = Markup("").join(
                Markup('<span class="footnote-para">%s</span>') % self.inlines(context, block.content)
                if block.kind == "paragraph" else self.blocks(context, (block,))
                for block in note.blocks
            )
            return Markup('<span class="footnote" id="note-%d" data-note="%d">%s</span>') % (number, number, body)
        return Markup('<sup class="note-ref"><a href="#note-%d" id="note-ref-%d" role="doc-noteref" '
                      'aria-label="%s">%d</a></sup>') % (number, number, LABELS["note_ref"].format(number=number),
                                                          number)

    def render(self, publication: Publication, edition: Edition, medium: str, assets: PageAssets,
               images: ImageSource | None = None, column: float | None = None) -> str:
        return self.env.get_template("publication.html.j2").render(**page_context(
            publication, edition, medium, images, column), assets=assets)


def page_context(publication: Publication, edition: Edition, medium: str, images: ImageSource | None,
                 column: float | None = None) -> dict:
    """What the page and every block template are rendered with (the site adds its own).
    `column`: the text column's width in pt on the printed page, which drawn figures are set
    for (booklet.figures.figure_for); None on screen."""
    return dict(
        pub=publication,
        edition=edition,
        medium=medium,
        toc=structure.table_of_contents(publication),
        numbering=structure.Numbering(publication),  # once per render: one series per edition
        images=images or DataUriImages(lambda fraction: None),
        column=column,
        unique_id=UniqueIds(),
        cover_fraction=cover_fraction(publication.paper),
        status_mark=status_mark(publication),  # the banner on the page, the title's suffix
    )


class UniqueIds:
    """Ids for elements that have no name of their own (a fact box's title), unique in the page
    and the same in every render of it."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        self.used[prefix] = self.used.get(prefix, 0) + 1
        return f"{prefix}-{self.used[prefix]}"


def figure_caption(block: Block) -> str:
    """The short name under a drawn figure ("Kompetencehjulet"), after "Figur N: "."""
    return LABELS[f"figure_caption_{block.kind}"].format(centre=getattr(block, "centre", ""))


# For whether text can run beside a picture: a line of body text is about 1/29 of the text
# column's width high (10.5 pt at 1.5 line height on 158 mm), and a full line holds about 95
# characters. Rough on purpose: it only has to tell a paragraph that passes a picture from a
# short line that leaves a hole beside it.
LINE_HEIGHT_SHARE = 1 / 29
CHARACTERS_PER_LINE = 95


def image_floats(image: Image, following: tuple[Block, ...]) -> bool:
    """A picture narrower than the column stands at the right with the text after it beside
    it, where that text is long enough to pass it; otherwise it stands centred on its own, so
    no hole is left beside it before the next heading or box (the DOCX writer does the same)."""
    fraction = IMAGE_WIDTH_FRACTIONS[image.width]
    if fraction >= 1:
        return False
    lines_beside = fraction * image.file.height_px / image.file.width_px / LINE_HEIGHT_SHARE
    lines_beside += 2 if image.caption else 0
    text = 0
    for block in following:
        if block.kind != "paragraph":
            break
        text += len(plain_text(block.content))
    return text >= lines_beside * CHARACTERS_PER_LINE * (1 - fraction)


def column_names(table: Table) -> str:
    return ", ".join(plain_text(cell) for cell in table.header)


def section_notes(numbering: structure.Numbering, section: Section) -> list[tuple[int, Note]]:
    """The notes referenced in `section`, with their numbers in the edition, in order: the web
    page lists them under the section they belong to, not far below at the end of the page."""
    local = structure.Numbering(SimpleNamespace(sections=(section,)))  # type: ignore[arg-type]
    return [(numbering.note(note), note) for _number, note in local.notes()]


def css_px(points: float) -> int:
    """A length in points as whole CSS pixels (96 to the inch, 72 points)."""
    return round(points * 96 / 72)


def heading_tag(level: int) -> str:
    """The HTML element for a model heading level: the document title is the page's h1."""
    return f"h{min(level + 1, 6)}"


def render_inlines(nodes: Inlines, note: Callable[[Note], Markup] | None = None) -> Markup:
    out = []
    for node in nodes:
        if node.kind == "text":
            out.append(escape(node.text))
        elif node.kind == "emphasis":
            out.append(Markup("<em>%s</em>") % render_inlines(node.children, note))
        elif node.kind == "strong":
            out.append(Markup("<strong>%s</strong>") % render_inlines(node.children, note))
        elif node.kind == "link":
            out.append(Markup('<a href="%s">%s</a>') % (node.target, render_inlines(node.children, note)))
        elif node.kind == "linebreak":
            out.append(Markup("<br>"))
        elif node.kind == "note" and note is not None:
            out.append(note(node))
        else:
            raise TypeError(f"no HTML for inline kind {node.kind!r}")
    return Markup("").join(out)
