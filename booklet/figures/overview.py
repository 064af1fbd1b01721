"""The themes at a glance: a column per theme, its number and title on top, then a card per
sub-theme with its title and tagline. Cards in a row share their height.

What is at a glance is the themes' sub-themes and taglines: a theme with only a text (the
strategibrev's "4. Projekter i 2015") is read in the text, not drawn as an empty column, as in
the printed letter. Only when no theme has sub-themes are the themes drawn by their titles."""
from __future__ import annotations

from ..danish import LABELS, join_and
from ..model import Brand, ThemeList, plain_text
from ..structure import theme_title
from .figure import Drawing, Figure
from .geometry import Box, Rect
from .typeset import fit_labels

WIDTH = 440.0
GAP = 8.0
RADIUS = 4.0
PADDING = 9.0
NUMBER_SIZE, TITLE_SIZE, SUBTITLE_SIZE, TAGLINE_SIZE = 20.0, 11.0, 9.5, 8.5
UNBOUNDED = 10_000.0  # a column height no text reaches: only the width binds when measuring


def draw(block: ThemeList, brand: Brand, column: float | None = None) -> Figure:
    drawn = [t for t in block.themes if t.subthemes] or list(block.themes)
    themes = [LABELS["alt_overview_theme"].format(
        title=theme_title(t.number, t.title), subthemes=join_and([s.title for s in t.subthemes]))
        if t.subthemes else theme_title(t.number, t.title) for t in drawn]
    drawing = Drawing(brand, WIDTH, LABELS["alt_overview"].format(themes="; ".join(themes)), column)
    columns = len(drawn)
    width = (WIDTH - (columns - 1) * GAP) / columns

    headers = [[drawing.body(str(t.number), NUMBER_SIZE), drawing.heading(t.title, TITLE_SIZE)]
               for t in drawn]
    cards = [[[drawing.heading(s.title, SUBTITLE_SIZE), drawing.body(plain_text(s.tagline), TAGLINE_SIZE)]
              for s in t.subthemes] for t in drawn]
    # Set every text in its column as the figure will (at its least type size, if the figure
    # is placed small), to learn how tall each box must be; the boxes of a row share the
    # tallest height.
    texts = headers + [runs for column in cards for runs in column]
    room = Rect(0, 0, width - 2 * PADDING, UNBOUNDED)
    heights = iter(label.ink().bottom + 2 * PADDING
                   for label in fit_labels([(runs, [room]) for runs in texts], "left", "top", drawing.least))
    header_height = max(next(heights) for _ in headers)
    card_heights = [[next(heights) for _ in column] for column in cards]
    row_heights = [max(column[row] for column in card_heights if row < len(column))
                   for row in range(max(map(len, cards), default=0))]
    for index in range(columns):
        x = index * (width + GAP)
        header = Box(Rect(x, 0, width, header_height), RADIUS)
        drawing.fill(header, drawing.colour("primary"))
        drawing.write(headers[index], [header.rect.inset(PADDING)], header, drawing.colour("primary"))
        y = header_height + GAP
        fill = drawing.tint("primary", 0.12)
        for row, runs in enumerate(cards[index]):
            card = Box(Rect(x, y, width, row_heights[row]), RADIUS)
            drawing.fill(card, fill)
            drawing.write(runs, [card.rect.inset(PADDING)], card, fill)
            y += row_heights[row] + GAP
    return drawing.finish(header_height + sum(row_heights) + len(row_heights) * GAP, "left", "top")
