"""Labels set to fit: wrapped at word boundaries, long Danish compounds hyphenated, and the
type made smaller only when that is not enough.

Widths are measured with the brand font's advances, never by counting characters. One size
is used for every label of a figure where it fits (a figure with its labels in one size looks
designed); a label that would not fit even at the smallest shared size shrinks on its own.

A figure may be given the least type size it may be set in (`least`, in the figure's own
units: the printed floor of booklet.figures.figure, at the scale the figure is placed at).
Where the labels as set above would go under it, they are set again so that none does where
it fits at that size at all: the shared sizes stop at it, and a label takes the box it is set
in at that size with the fewest hyphens. A label that fits nowhere at that size is set
smaller (and the layout preflight says so).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pyphen

from .fonts import Face
from .geometry import Rect

LEADING = 1.22  # baseline to baseline, in em
PARAGRAPH_GAP = 0.3  # extra space between a label's paragraphs, in em
SHARED_SCALES = (1.0, 0.95, 0.9, 0.85, 0.8)  # the sizes a whole figure may step down through
SHRINK_STEP = 0.93  # a single label's further steps, when even the smallest shared size fails
MIN_PIECE = 3  # letters kept together at either side of a hyphen


@dataclass(frozen=True)
class Run:
    """One paragraph of a label in one face and size (pt at scale 1)."""

    text: str
    face: Face
    size: float


@dataclass(frozen=True)
class Line:
    text: str
    face: Face
    size: float
    x: float  # pen start
    baseline: float

    def ink(self) -> Rect | None:
        """What the glyphs cover, from their outlines."""
        scale = self.size / self.face.units_per_em
        box = None
        for name, pen in self.face.place(self.text):
            bounds = self.face.ink(name)
            if bounds is None:
                continue
            x0, y0, x1, y1 = bounds
            glyph = Rect(self.x + (pen + x0) * scale, self.baseline - y1 * scale,
                         (x1 - x0) * scale, (y1 - y0) * scale)
            box = glyph if box is None else box.union(glyph)
        return box


@dataclass(frozen=True)
class Label:
    text: str  # as written, without the line breaks and hyphens of its setting
    lines: tuple[Line, ...]

    def added_hyphens(self) -> int:
        return added_hyphens([line.text for line in self.lines], self.text)

    def ink(self) -> Rect:
        boxes = [box for line in self.lines if (box := line.ink()) is not None]
        result = boxes[0]
        for box in boxes[1:]:
            result = result.union(box)
        return result


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="da_DK", left=MIN_PIECE, right=MIN_PIECE)


def _breaks(word: str) -> list[tuple[str, str]]:
    """Where a word may break across lines, (this line's part, the next line's part), longest
    first line first: after a hyphen or slash as written, then inside a syllable run with a
    hyphen added (which reads worse, so it comes only when the written ones do not fit)."""
    written = [(word[:m.end()], word[m.end():]) for m in re.finditer(r"[-/]", word[:-1])]
    added = [(word[:start + position] + "-", word[start + position:])
             for start, part in _parts(word) for position in _hyphenator().positions(part)]
    return sorted(written, key=lambda o: len(o[1])) + sorted(added, key=lambda o: len(o[1]))


def _parts(word: str):
    start = 0
    for piece in re.split(r"([-/])", word):
        if piece and piece not in "-/":
            yield start, piece
        start += len(piece)


def _wrap(text: str, face: Face, size: float, width: float, hyphenate: bool) -> list[str] | None:
    """Greedy lines of at most `width`; a word too long for a line of its own is hyphenated
    (if allowed). None if some piece cannot fit."""
    def fits(candidate: str) -> bool:
        return face.advance(candidate) * size / face.units_per_em <= width

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while not fits(current):
            if not hyphenate:
                return None
            option = next(((head, rest) for head, rest in _breaks(current) if fits(head)), None)
            if option is None:
                return None
            lines.append(option[0])
            current = option[1]
    if current:
        lines.append(current)
    return lines


def added_hyphens(lines: Sequence[str], text: str) -> int:
    """How many words of `text` its setting in `lines` breaks with a hyphen of its own (one
    not written in the text)."""
    return sum(1 for line, after in zip(lines, lines[1:])
               if line.endswith("-") and after.split() and line.split()[-1][:-1] + after.split()[0] in text)


def _balanced(text: str, face: Face, size: float, width: float, hyphenate: bool) -> list[str] | None:
    """The greedy line count, with lines as even as possible: the narrowest width that still
    gives no more lines. A centred label reads better as 'Økonomiske og / styringsmæssige
    kompetencer' than as 'Økonomiske og styringsmæssige / kompetencer', but not at the cost
    of a hyphen: 'Administrative/ / politiske' stays, 'Administra- / tive/politiske' is worse."""
    lines = _wrap(text, face, size, width, hyphenate)
    if lines is None or len(lines) < 2:
        return lines
    hyphens = added_hyphens(lines, text)
    low, high = 0.0, width
    for _ in range(16):
        mid = (low + high) / 2
        attempt = _wrap(text, face, size, mid, hyphenate)
        if attempt is not None and len(attempt) <= len(lines) and added_hyphens(attempt, text) <= hyphens:
            high = mid
        else:
            low = mid
    return _wrap(text, face, size, high, hyphenate)


def set_label(runs: Sequence[Run], box: Rect, scale: float, align: str = "centre",
              vertical: str = "middle") -> Label | None:
    """The runs set in `box` at `scale`, hyphenated only if they must be; None if they do not fit."""
    for hyphenate in (False, True):
        label = _attempt(runs, box, scale, align, vertical, hyphenate)
        if label is not None:
            return label
    return None


def _attempt(runs: Sequence[Run], box: Rect, scale: float, align: str, vertical: str,
             hyphenate: bool) -> Label | None:
    runs = [run for run in runs if run.text.split()]
    if not runs:
        return None
    wrapped = []
    wrap = _balanced if align == "centre" else _wrap
    for run in runs:
        size = run.size * scale
        lines = wrap(run.text, run.face, size, box.width, hyphenate)
        if lines is None:
            return None
        wrapped.append((run, size, lines))
    # Baselines from the top of the first line's capitals; the block is centred on its
    # capitals-to-last-baseline height, as the eye centres text.
    placed, y = [], 0.0
    for index, (run, size, lines) in enumerate(wrapped):
        if index:
            y += PARAGRAPH_GAP * size
        cap = run.face.cap_height / run.face.units_per_em * size
        for text in lines:
            y += LEADING * size if placed else cap
            placed.append((run, size, text, y))
    top = box.y if vertical == "top" else box.y + (box.height - placed[-1][3]) / 2
    lines = []
    for run, size, text, baseline in placed:
        width = run.face.advance(text) * size / run.face.units_per_em
        x = box.x + (box.width - width) / 2 if align == "centre" else box.x
        lines.append(Line(text, run.face, size, x, top + baseline))
    written = " ".join(run.text for run in runs)
    ink = Label(written, tuple(lines)).ink()
    if ink.height > box.height or ink.width > box.width:
        return None
    # Accents above capitals (Å, Ø) and descenders may reach past the optical block: move
    # the whole label back inside its box.
    down = max(box.y - ink.y, 0) - max(ink.bottom - box.bottom, 0)
    across = max(box.x - ink.x, 0) - max(ink.right - box.right, 0)
    label = Label(written, tuple(Line(l.text, l.face, l.size, l.x + across, l.baseline + down) for l in lines))
    return label if label.ink().within(box) else None


def fit_labels(requests: Sequence[tuple[Sequence[Run], Sequence[Rect]]], align: str = "centre",
               vertical: str = "middle", least: float = 0.0) -> list[Label]:
    """Each label in the best of its boxes (where it is largest without hyphens), all at the
    largest shared scale where every one fits: unhyphenated, or hyphenated if it has a word
    too long for its box even at the smallest shared scale. A label that does not fit at
    that scale shrinks on its own.

    Where that sets some type smaller than `least`, the labels are set again with floors: no
    shared scale under the largest of the labels' floors (the scale at which a label's
    smallest run is `least`), each label in the box it is set in at that scale with the
    fewest hyphens added, and no label shrinking on its own under its floor unless it fits
    nowhere at it."""
    chosen = [(runs, _best_box(runs, boxes, align, vertical)) for runs, boxes in requests]
    labels = _fit(chosen, SHARED_SCALES, align, vertical)
    if all(min(line.size for line in label.lines) >= least - 1e-9 for label in labels):
        return labels
    floors = [least / min(run.size for run in runs if run.text.split()) for runs, _ in chosen]
    top = max(floors)
    shared = [scale for scale in SHARED_SCALES if scale >= top]
    if top > SHARED_SCALES[-1] and top not in shared:
        shared.append(top)  # in a figure placed much smaller than it is drawn, above 1
    chosen = [(runs, _roomiest(runs, boxes, (shared[-1], floor), align, vertical) or box)
              for (runs, boxes), (_, box), floor in zip(requests, chosen, floors)]
    return _fit(chosen, shared, align, vertical, floors)


def _fit(chosen: Sequence[tuple[Sequence[Run], Rect]], shared: Sequence[float], align: str, vertical: str,
         floors: Sequence[float] | None = None) -> list[Label]:
    """The labels, each in its box, at the first of the `shared` scales where all fit; a label
    that does not fit at the last shrinks on its own, trying its floor before going under it."""
    smallest = shared[-1]
    needs_hyphens = [_attempt(runs, box, smallest, align, vertical, hyphenate=False) is None
                     for runs, box in chosen]

    def at(scale: float) -> list[Label | None]:
        return [_attempt(runs, box, scale, align, vertical, hyphenate)
                for (runs, box), hyphenate in zip(chosen, needs_hyphens)]

    labels = next((attempt for scale in shared if all(attempt := at(scale))), None) or at(smallest)
    result = []
    for (runs, box), label, floor in zip(chosen, labels, floors or [0.0] * len(chosen)):
        own = smallest
        while label is None:
            step = own * SHRINK_STEP
            own = floor if step < floor < own else step
            if own < 0.01:
                raise ValueError(f"no room for the label {runs[0].text!r} in {box}")
            label = set_label(runs, box, own, align, vertical)
        result.append(label)
    return result


def _roomiest(runs: Sequence[Run], boxes: Sequence[Rect], scales: Sequence[float], align: str,
              vertical: str) -> Rect | None:
    """The box the label is set in at the first of `scales` it fits at in any box, with the
    fewest hyphens added, then in the fewest lines, then the largest; None if it fits nowhere."""
    for scale in scales:
        fits = [(label, box) for box in boxes if (label := set_label(runs, box, scale, align, vertical))]
        if fits:
            return max(fits, key=lambda fit: (-fit[0].added_hyphens(), -len(fit[0].lines),
                                              fit[1].width * fit[1].height))[1]
    return None


def _best_box(runs: Sequence[Run], boxes: Sequence[Rect], align: str, vertical: str) -> Rect:
    """The box the label is set largest in without hyphens, in the fewest lines; the largest
    box if none will do."""
    def quality(box: Rect) -> tuple[float, int, float]:
        for step in range(1, 11):
            scale = 1.05 - 0.05 * step
            label = _attempt(runs, box, scale, align, vertical, hyphenate=False)
            if label is not None:
                return scale, -len(label.lines), box.width * box.height
        return 0.0, 0, box.width * box.height

    return max(boxes, key=quality)
