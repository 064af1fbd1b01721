"""The Jinja2 page renderer shared by the HTML and PDF writers.

Both formats lay out the same page template (`templates/publication.html.j2`) with one
template per block kind (`templates/blocks/<kind>.html.j2`); they differ only in the
stylesheets and the medium they pass. Inline content is small and recursive, so it is
rendered here in Python, escaped. A block with a figure embeds it as an <img> with a data:
URI, so the page carries it wherever it is read (the HTML file, the site, WeasyPrint).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import structure
from ..danish import LABELS, PUBLICATION_TYPE_NAMES, format_date, forum_label
from ..editions import Edition
from ..figures import figure_for
from ..model import BLOCK_KINDS, Block, Inlines, Publication, Section, plain_text


@dataclass(frozen=True)
class PageAssets:
    """Where the page finds its stylesheets and logos (relative for HTML, file: for PDF)."""

    stylesheets: tuple[str, ...]
    logo: str
    logo_negative: str
    scripts: tuple[str, ...] = ()  # only the live preview adds one (its reload script)


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
            inlines=render_inlines,
            h=heading_tag,
            levels=structure,
            labels=LABELS,
            format_date=format_date,
            forum_label=forum_label,
            type_names=PUBLICATION_TYPE_NAMES,
            plain_text=plain_text,
            slot_anchor=structure.slot_anchor,
            slot_title=structure.slot_title,
            figure=figure_for,
            css_px=css_px,
        )
        self._block_templates = {
            kind.kind: self.env.get_template(f"blocks/{kind.kind}.html.j2") for kind in BLOCK_KINDS
        }

    @jinja2.pass_context
    def blocks(self, context, blocks: tuple[Block, ...], section: Section | None = None) -> Markup:
        # The publication goes along to every block: figures are drawn in its brand.
        pub = context.get("pub")
        return Markup("").join(
            Markup(self._block_templates[b.kind].render(block=b, section=section, pub=pub)) for b in blocks
        )

    def render(self, publication: Publication, edition: Edition, medium: str, assets: PageAssets) -> str:
        return self.env.get_template("publication.html.j2").render(
            pub=publication,
            edition=edition,
            medium=medium,
            assets=assets,
            toc=structure.table_of_contents(publication),
        )


def css_px(points: float) -> int:
    """A length in points as whole CSS pixels (96 to the inch, 72 points)."""
    return round(points * 96 / 72)


def heading_tag(level: int) -> str:
    """The HTML element for a model heading level: the document title is the page's h1."""
    return f"h{min(level + 1, 6)}"


def render_inlines(nodes: Inlines) -> Markup:
    out = []
    for node in nodes:
        if node.kind == "text":
            out.append(escape(node.text))
        elif node.kind == "emphasis":
            out.append(Markup("<em>%s</em>") % render_inlines(node.children))
        elif node.kind == "strong":
            out.append(Markup("<strong>%s</strong>") % render_inlines(node.children))
        elif node.kind == "link":
            out.append(Markup('<a href="%s">%s</a>') % (node.target, render_inlines(node.children)))
        elif node.kind == "linebreak":
            out.append(Markup("<br>"))
        else:
            raise TypeError(f"no HTML for inline kind {node.kind!r}")
    return Markup("").join(out)
