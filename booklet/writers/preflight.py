"""The layout preflight: what a print designer checks on every page before signing it off,
measured on the pages WeasyPrint laid out for the PDF (no second render).

For each page of a rendered `weasyprint.Document` (its page boxes):

- how full the text area is: how far down the content reaches, as a share of the text area's
  height (a footnote area counts as reaching the foot). Under `MIN_FULLNESS` is a finding,
  except on the cover, the colophon and the last page of the text (the end of a publication
  may be short); imposition blanks are added to the PDF later and are never laid out here;
- a heading in the last lines of a page: fewer than `KEEP_LINES` lines follow it on its
  page, and the text goes on on the next one;
- a single line of a paragraph, list item or list stranded at a page's foot (orphan) or top
  (widow), where the rest of it stands on the page before or after;
- any text or picture that reaches past the text area (right or bottom edge) or past the
  page, and any text wider than its own box (an unhyphenated long compound);
- a running header or footer set in more than one line;
- a drawn figure whose smallest label, at the size the figure is placed, is under
  `MIN_LABEL_PT` (booklet.figures knows each label's size from drawing it; the placed scale
  comes from the page).

Findings are plain data (picklable, JSON-able), in page order, and the same for the same
pages: the build records them beside the output (booklet.output) so a PDF carried over keeps
its findings. Reading the boxes changes nothing in them: the PDF's bytes do not depend on
whether the preflight ran.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace

from weasyprint.formatting_structure import boxes as wb
from weasyprint.layout.absolute import AbsolutePlaceholder

from ..figures.figure import SMALLEST_TYPE

PX_PER_PT = 96 / 72
PX_PER_MM = 96 / 25.4

# Under 40 % of the text area's height in use, a page reads as mostly empty: the bar the
# layout issue sets for the seed corpus.
MIN_FULLNESS = 0.40
# At least two lines at a page's top and foot, and two lines of text under a heading at the
# foot: one line alone is a widow or an orphan; a heading with one line under it belongs on
# the next page.
KEEP_LINES = 2
# Type smaller than 6 pt is not read in print (and is the usual floor in print preflight): the
# figures are drawn to keep it (booklet.figures.figure), this checks them where they landed.
MIN_LABEL_PT = SMALLEST_TYPE
# Layout arithmetic in floating point: a box is out only when it is out by more than this.
TOLERANCE_PX = 0.5

# Kinds of finding, as the author reads them in a warning.
FULLNESS, HEADING, STRANDED, OVERFLOW, RUNNING, LABEL = (
    "tom side", "overskrift nederst", "enlig linje", "uden for tekstområdet", "sidehoved over to linjer",
    "for lille figurtekst")

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The blocks whose lines belong together: a line alone of one of them at a page's top or foot
# is stranded.
TEXT_BLOCKS = {"p", "li", "ul", "ol", "dd", "dt", "dl", "blockquote", "figcaption", "pre"}
# Pages that are laid out on their own terms: no fullness rule. The table of contents stands
# on a page of its own, however short (recognised from its lines, as it has no named page).
TOC_PAGE = "toc"
EXEMPT_PAGES = {"cover", "colophon", TOC_PAGE}
WORDS = 8  # of a text quoted in a finding
MOST_CHARACTERS = 60


@dataclass(frozen=True)
class Finding:
    page: int  # 1-based, as printed in the footer
    kind: str
    message: str  # Danish, for the author: what is wrong on the page
    text: str  # the first words of the text concerned
    section: str | None = None  # anchor of the section the text stands in

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})


@dataclass
class _Line:
    """A line of the text flow: its box, the text blocks and heading it belongs to."""

    box: wb.LineBox
    blocks: tuple[int, ...]  # id() of the elements in TEXT_BLOCKS it stands in, outermost first
    heading: int | None
    section: str | None
    toc: bool
    text: str


@dataclass
class _Page:
    number: int
    name: str
    lines: list[_Line]
    bottom: float  # lowest edge of content in the flow
    top: float  # text area
    foot: float
    height: float
    findings: list[Finding]
    first_section: str | None = None


def preflight(document, figures: dict[str, object] | None = None) -> list[Finding]:
    """Every finding on the document's pages. `figures` maps a drawn figure's data: URI (the
    <img src> of the page) to its booklet.figures.Figure, for the label sizes."""
    pages = [_measure(index + 1, page._page_box, figures or {}) for index, page in enumerate(document.pages)]
    findings: list[Finding] = []
    last_text = _last_text_page(pages)
    for index, page in enumerate(pages):
        findings += page.findings
        if page.name not in EXEMPT_PAGES and page.number != last_text:
            fullness = max(0.0, min(1.0, (page.bottom - page.top) / page.height)) if page.lines or \
                page.bottom > page.top else 0.0
            if fullness < MIN_FULLNESS:
                findings.append(Finding(page.number, FULLNESS,
                                        f"siden er kun {math.floor(fullness * 100)} % fyldt",
                                        _first_words(line.text for line in page.lines),
                                        page.first_section))
        following = pages[index + 1] if index + 1 < len(pages) else None
        findings += _heading_at_foot(page, following)
        findings += _stranded(page, pages[index - 1] if index else None, following)
    return sorted(_running_once(findings), key=lambda f: (f.page, _KIND_ORDER.index(f.kind), f.text))


def _running_once(findings: list[Finding]) -> list[Finding]:
    """A running header that wraps does so on every page of its chapter: one finding, at its
    first page, naming the others."""
    pages: dict[tuple[str, str], list[int]] = {}
    for finding in findings:
        if finding.kind == RUNNING:
            pages.setdefault((finding.message, finding.text), []).append(finding.page)
    kept = []
    for finding in findings:
        if finding.kind != RUNNING:
            kept.append(finding)
            continue
        shown = pages[(finding.message, finding.text)]
        if finding.page != shown[0]:
            continue
        more = f" (side {_ranges(shown)})" if len(shown) > 1 else ""
        kept.append(replace(finding, message=finding.message + more))
    return kept


def _ranges(numbers: list[int]) -> str:
    """'7-10, 12' for [7, 8, 9, 10, 12]."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


_KIND_ORDER = [FULLNESS, HEADING, STRANDED, OVERFLOW, RUNNING, LABEL]


def _last_text_page(pages: list[_Page]) -> int | None:
    text = [page.number for page in pages if page.name not in EXEMPT_PAGES and page.lines]
    return text[-1] if text else None


def _measure(number: int, page_box: wb.PageBox, figures: dict[str, object]) -> _Page:
    name = page_box.page_type.name or ""
    left, top = page_box.content_box_x(), page_box.content_box_y()
    right, foot = left + page_box.width, top + page_box.height
    page_right, page_foot = page_box.margin_width(), page_box.margin_height()
    page = _Page(number, name, [], top, top, foot, page_box.height, [])
    limits = (right, foot, page_right, page_foot)
    for child in page_box.children:
        if isinstance(child, wb.MarginBox):
            page.findings += _running(number, child, page_right, page_foot)
        elif isinstance(child, wb.FootnoteAreaBox):
            if child.children:
                page.bottom = max(page.bottom, foot)
            _walk(child, page, figures, limits, _Where(own_right=right, in_flow=False))
        else:
            _walk(child, page, figures, limits, _Where(own_right=right))
    # A running header names the chapter the page holds.
    page.findings = [replace(f, section=page.first_section) if f.kind == RUNNING and f.section is None else f
                     for f in page.findings]
    if page.lines and all(line.toc for line in page.lines) and not page.name:
        page.name = TOC_PAGE
    if name == "cover":
        # The cover has no margins: its text area is the page, and its pictures run to the
        # edges (into the print edition's bleed) on purpose.
        page.findings = [f for f in page.findings if f.kind != OVERFLOW or "billede" not in f.message]
    return page


@dataclass(frozen=True)
class _Where:
    """Where in the page's tree a box stands."""

    blocks: tuple[int, ...] = ()  # id() of the enclosing elements in TEXT_BLOCKS, outermost first
    heading: int | None = None  # id() of the enclosing heading
    section: str | None = None  # anchor of the enclosing chapter
    toc: bool = False  # in the table of contents
    own_right: float = 0.0  # right edge of the enclosing block's content: what its lines may fill
    in_flow: bool = True  # not positioned out of the flow


def _walk(box, page: _Page, figures, limits: tuple[float, float, float, float], where: _Where) -> None:
    element = box.element
    tag = box.element_tag or ""
    if element is not None and "::" not in tag:
        classes = (element.get("class") or "").split()
        if tag == "section" and "chapter" in classes:
            where = replace(where, section=element.get("id") or where.section)
        elif tag == "nav" and "toc" in classes:
            where = replace(where, toc=True)
        elif tag in TEXT_BLOCKS and (not where.blocks or where.blocks[-1] != id(element)):
            where = replace(where, blocks=(*where.blocks, id(element)))
        elif tag in HEADINGS:
            where = replace(where, heading=id(element))
    if where.in_flow and box.style["position"] in ("absolute", "fixed"):
        where = replace(where, in_flow=False)
    if isinstance(box, wb.LineBox):
        if tag.endswith("::marker"):
            return  # a list item's bullet: its item's first line counts
        text = _text(box)
        if where.in_flow:
            page.bottom = max(page.bottom, box.position_y + box.height)
            if text.strip() or _pictured(box):
                page.lines.append(_Line(box, where.blocks, where.heading, where.section, where.toc, text))
                page.first_section = page.first_section or where.section
        page.findings += _overflow(page.number, box, text, where.section, limits, where.own_right)
        for child in box.children:
            _walk_inline(child, page, figures, where.section, limits)
        return
    if isinstance(box, wb.ReplacedBox):  # a block-level picture
        _picture(box, page, figures, where.section, limits, where.in_flow)
        return
    if where.in_flow and _painted(box):
        page.bottom = max(page.bottom, box.border_box_y() + box.border_height())
    if isinstance(box, wb.BlockContainerBox) and isinstance(box.width, (int, float)):
        where = replace(where, own_right=box.content_box_x() + box.width)
    for child in getattr(box, "children", ()):
        if isinstance(child, AbsolutePlaceholder):
            _walk(child._box, page, figures, limits, replace(where, in_flow=False))
        elif isinstance(child, wb.Box):
            _walk(child, page, figures, limits, where)


def _walk_inline(box, page: _Page, figures, section, limits) -> None:
    if isinstance(box, wb.ReplacedBox):
        _picture(box, page, figures, section, limits, in_flow=False)
    elif isinstance(box, wb.ParentBox) and not isinstance(box, wb.LineBox):
        for child in box.children:
            _walk_inline(child._box if isinstance(child, AbsolutePlaceholder) else child, page, figures, section, limits)


def _pictured(line: wb.LineBox) -> bool:
    """A line that holds a picture (a figure's image stands in a line of its own)."""
    return any(isinstance(child, wb.ReplacedBox) for child in _descendants(line))


def _painted(box) -> bool:
    """A box the reader sees as such: it has a background or a border (a fact box). The page's
    own background (the root's and the body's) is not content."""
    if box.element_tag in ("html", "body"):
        return False
    style = box.style
    if style["background_color"].alpha > 0 or any(image[0] != "none" for image in style["background_image"]):
        return True
    return any(style[f"border_{side}_width"] for side in ("top", "right", "bottom", "left"))


def _picture(box: wb.ReplacedBox, page: _Page, figures, section, limits, in_flow: bool) -> None:
    right, foot, page_right, page_foot = limits
    x, y = box.border_box_x(), box.border_box_y()
    width, height = box.border_width(), box.border_height()
    if in_flow:
        page.bottom = max(page.bottom, y + height)
    alt = (box.element.get("alt") if box.element is not None else "") or ""
    reach_right, reach_foot = x + width, y + height
    if reach_right > right + TOLERANCE_PX or reach_foot > foot + TOLERANCE_PX:
        page.findings.append(Finding(page.number, OVERFLOW, "et billede går " + _past(
            reach_right - right, reach_foot - foot, "tekstområdet"), _first_words([alt]) or "(billede)", section))
    src = box.element.get("src") if box.element is not None else None
    figure = figures.get(src) if src else None
    if figure is not None and figure.labels:
        scale = width / (figure.width * PX_PER_PT)
        smallest = min(figure.labels, key=lambda label: label.smallest_size)
        size = smallest.smallest_size * scale
        if size < MIN_LABEL_PT - 0.005:
            page.findings.append(Finding(
                page.number, LABEL,
                f"en tekst i figuren er sat i {_pt(size)} pt, under {_pt(MIN_LABEL_PT)} pt, og kan ikke læses på tryk",
                _first_words([smallest.text]), section))


def _overflow(number: int, line: wb.LineBox, text: str, section, limits, own_right: float) -> list[Finding]:
    """Text past the text area or the page, or wider than its own box."""
    right, foot, page_right, page_foot = limits
    reach = max((child.position_x + child.width for child in _texts(line)), default=line.position_x)
    bottom = line.position_y + line.height
    if reach > page_right + TOLERANCE_PX or bottom > page_foot + TOLERANCE_PX:
        where = _past(reach - page_right, bottom - page_foot, "siden")
    elif reach > right + TOLERANCE_PX or bottom > foot + TOLERANCE_PX:
        where = _past(reach - right, bottom - foot, "tekstområdet")
    elif reach > own_right + TOLERANCE_PX and own_right < right:
        where = _past(reach - own_right, 0, "sin kasse")
    else:
        return []
    widest = max(_texts(line), key=lambda child: child.position_x + child.width, default=None)
    word = max((widest.text if widest else text).split() or [text], key=len)
    return [Finding(number, OVERFLOW, "teksten går " + where, _first_words([word]), section)]


def _past(right: float, down: float, what: str) -> str:
    parts = []
    if right > TOLERANCE_PX:
        parts.append(f"{_mm(right)} mm ud over højre kant af {what}")
    if down > TOLERANCE_PX:
        parts.append(f"{_mm(down)} mm ned under {what}")
    return " og ".join(parts)


def _running(number: int, margin: wb.MarginBox, page_right: float, page_foot: float) -> list[Finding]:
    lines = [line for line in _descendants(margin) if isinstance(line, wb.LineBox) and _text(line).strip()]
    findings = []
    if len(lines) > 1:
        where = "sidehovedet" if margin.at_keyword.startswith("@top") else "sidefoden"
        findings.append(Finding(number, RUNNING, f"{where} står på {len(lines)} linjer",
                                _first_words(_text(line) for line in lines)))
    own_right = margin.content_box_x() + margin.width
    for line in lines:
        reach = max((child.position_x + child.width for child in _texts(line)), default=0.0)
        if reach > page_right + TOLERANCE_PX:
            findings.append(Finding(number, OVERFLOW, "teksten går " + _past(reach - page_right, 0, "siden"),
                                    _first_words([_text(line)])))
        elif reach > own_right + TOLERANCE_PX:
            where = "sin plads i sidehovedet" if margin.at_keyword.startswith("@top") else "sin plads i sidefoden"
            findings.append(Finding(number, OVERFLOW, "teksten går " + _past(reach - own_right, 0, where),
                                    _first_words([_text(line)])))
    return findings


def _heading_at_foot(page: _Page, following: _Page | None) -> list[Finding]:
    """A heading with fewer than KEEP_LINES lines under it on its page, whose text goes on on
    the next page."""
    if following is None or not page.lines or page.name in EXEMPT_PAGES or not following.lines:
        return []
    going_on = following.lines[0]
    if going_on.heading is not None or going_on.section != page.lines[-1].section:
        return []  # the next page starts a part of its own: what stands under the heading is all of it
    for index, line in enumerate(page.lines):
        if line.heading is None or (index + 1 < len(page.lines) and page.lines[index + 1].heading == line.heading):
            continue
        after = page.lines[index + 1:]
        if len(after) < KEEP_LINES and not any(other.heading is not None for other in after):
            heading = [other.text for other in page.lines if other.heading == line.heading]
            return [Finding(page.number, HEADING,
                            "overskriften står nederst på siden, og teksten under den begynder først på "
                            f"side {following.number}" if not after else
                            f"overskriften står nederst på siden med kun én linje under sig; resten står på "
                            f"side {following.number}", _first_words(heading), line.section)]
    return []


def _stranded(page: _Page, before: _Page | None, after: _Page | None) -> list[Finding]:
    """One line of a text block alone at the page's top (the rest before it) or foot (the rest
    after it). The innermost such block is named, once per edge."""
    if page.name in EXEMPT_PAGES or not page.lines:
        return []
    findings = []
    for line, neighbour, where in ((page.lines[0], before, "øverst"), (page.lines[-1], after, "nederst")):
        if neighbour is None or not neighbour.lines:
            continue
        theirs = {block for other in neighbour.lines for block in other.blocks}
        for block in reversed(line.blocks):
            if block in theirs and sum(block in own.blocks for own in page.lines) == 1:
                findings.append(Finding(page.number, STRANDED,
                                        f"én linje står alene {where} på siden; resten står på side {neighbour.number}",
                                        _first_words([line.text]), line.section))
                break
    return findings
    if before is not None and before.lines:
        first = page.lines[0]
        previous = {block for line in before.lines for block in line.blocks}
        for block in reversed(first.blocks):
            if block in previous and sum(block in line.blocks for line in page.lines) == 1:
                findings.append(Finding(page.number, STRANDED,
                                        f"én linje står alene øverst på siden; resten står på side {before.number}",
                                        _first_words([first.text]), first.section))
                break
    if after is not None and after.lines:
        last = page.lines[-1]
        following = {block for line in after.lines for block in line.blocks}
        for block in reversed(last.blocks):
            if block in following and sum(block in line.blocks for line in page.lines) == 1:
                findings.append(Finding(page.number, STRANDED,
                                        f"én linje står alene nederst på siden; resten står på side {after.number}",
                                        _first_words([last.text]), last.section))
                break
    return findings


def drawn_figures(publication, column: float | None = None) -> dict[str, object]:
    """The publication's drawn figures by the data: URI their <img> carries, as drawn for a
    text column `column` pt wide (drawn once and cached in booklet.figures: the page's render
    has drawn them already)."""
    from ..figures import DRAWERS, figure_for

    found: dict[str, object] = {}

    def visit(value) -> None:
        if isinstance(value, (tuple, list)):
            for item in value:
                visit(item)
        elif hasattr(value, "__dataclass_fields__"):
            if getattr(value, "kind", None) in DRAWERS:
                figure = figure_for(value, publication.brand, column)
                found[figure.data_uri()] = figure
            for name in value.__dataclass_fields__:
                item = getattr(value, name, None)
                if isinstance(item, (tuple, list)) or (hasattr(item, "__dataclass_fields__") and hasattr(item, "kind")):
                    visit(item)

    for section in publication.sections:
        visit(section.blocks)
    return found


def _descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()):
        if isinstance(child, AbsolutePlaceholder):
            yield from _descendants(child._box)
        elif isinstance(child, wb.Box):
            yield from _descendants(child)


def _texts(box) -> Iterator[wb.TextBox]:
    return (child for child in _descendants(box) if isinstance(child, wb.TextBox))


def _text(box) -> str:
    return "".join(child.text for child in _texts(box))


def _first_words(texts: Iterable[str]) -> str:
    words: list[str] = []
    for text in texts:
        words += text.split()
        if len(words) >= WORDS:
            break
    quoted = " ".join(words[:WORDS])
    if len(words) > WORDS or len(quoted) > MOST_CHARACTERS:
        quoted = quoted[:MOST_CHARACTERS].rstrip() + " …"
    return quoted


def _mm(px: float) -> str:
    return f"{px / PX_PER_MM:.0f}" if px / PX_PER_MM >= 1 else f"{px / PX_PER_MM:.1f}".replace(".", ",")


def _pt(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
