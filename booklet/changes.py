"""What changed between two publications, section by section: for `diff A B` and the site's
"Hvad er nyt" page.

Sections are paired by file name (without the number in front and with years left out, since
next year's copy renames 'projekter-i-2015.md' to 'projekter-i-2016.md'), then by title, then by
how alike their text is, so a renamed or moved section is recognised rather than shown as one
removed and one added. Within a pair, paragraphs are compared; in a paragraph that changed, its
sentences are, so a reader sees the sentence that changed and not the whole paragraph again.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .model import Publication, Section
from .writers.plaintext import section_lines

# A section whose text is at least this alike is the same section under a new name.
SAME_SECTION = 0.5
# A sentence at least this alike is the same sentence edited; below, one removed and one added.
SAME_SENTENCE = 0.5

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_NUMBER_IN_FRONT = re.compile(r"^\d+[-_. ]*")
# A sentence ends at . ! or ? followed by a space and what starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'«»“(]?[A-ZÆØÅ0-9])")


@dataclass(frozen=True)
class Words:
    """A piece of an edited sentence: kept, removed or added text."""
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    old: str = ""
    new: str = ""
    words: tuple[Words, ...] = ()  # for "changed": the sentence word by word


@dataclass(frozen=True)
class SectionChange:
    old: Section | None  # None: a new section
    new: Section | None  # None: a removed section
    changes: tuple[Change, ...] = ()
    moved: bool = False  # stands elsewhere among the sections both publications have

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.changes or self.renamed or self.moved else "same"

    @property
    def renamed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.title != self.new.title

    @property
    def file_renamed(self) -> bool:
        return (self.old is not None and self.new is not None
                and self.old.location.path.name != self.new.location.path.name)


@dataclass(frozen=True)
class Comparison:
    old: Publication
    new: Publication
    sections: tuple[SectionChange, ...] = field(default=())  # in the new publication's order, removed last

    @property
    def differing(self) -> tuple[SectionChange, ...]:
        return tuple(s for s in self.sections if s.kind != "same")

    def places(self, change: SectionChange) -> tuple[int, int]:
        """Where a moved section stood and stands, counted from 1."""
        return (next(n for n, s in enumerate(self.old.sections, 1) if s is change.old),
                next(n for n, s in enumerate(self.new.sections, 1) if s is change.new))


def compare(old: Publication, new: Publication) -> Comparison:
    pairs = _pair(list(old.sections), list(new.sections))
    moved = _moved(pairs, old.sections, new.sections)
    result = []
    paired_old = {id(a) for a, _ in pairs}
    partners = {id(b): a for a, b in pairs}
    for section in new.sections:
        partner = partners.get(id(section))
        if partner is None:
            result.append(SectionChange(None, section))
        else:
            result.append(SectionChange(partner, section, tuple(_changes(body(partner), body(section))),
                                        moved=id(section) in moved))
    result += [SectionChange(section, None) for section in old.sections if id(section) not in paired_old]
    return Comparison(old, new, tuple(result))


def body(section: Section) -> list[str]:
    """The section's text without its title (a new title is said once, not as a changed line)."""
    # Line breaks inside a paragraph are where the author's editor wrapped it, not text.
    return [" ".join(line.split()) for line in section_lines(section)[1:] if line.strip()]


def file_key(section: Section) -> str:
    return _YEAR.sub("ÅÅÅÅ", _NUMBER_IN_FRONT.sub("", section.location.path.stem)).casefold()


def title_key(section: Section) -> str:
    return " ".join(_YEAR.sub("ÅÅÅÅ", section.title).casefold().split())


def similarity(a: Section, b: Section) -> float:
    # Compared as words, so a long section with one new paragraph is still the same section.
    words_a, words_b = " ".join(body(a)).split(), " ".join(body(b)).split()
    if not words_a and not words_b:
        return 1.0 if title_key(a) == title_key(b) else 0.0
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _pair(old: list[Section], new: list[Section]) -> list[tuple[Section, Section]]:
    pairs: list[tuple[Section, Section]] = []
    for key in (file_key, title_key):
        for b in new:
            if any(b is y for _, y in pairs):
                continue
            a = next((x for x in old if key(x) == key(b) and not any(x is p for p, _ in pairs)), None)
            if a is not None:
                pairs.append((a, b))
    left_old = [a for a in old if not any(a is p for p, _ in pairs)]
    left_new = [b for b in new if not any(b is q for _, q in pairs)]
    scored = sorted(((similarity(a, b), i, j) for i, a in enumerate(left_old) for j, b in enumerate(left_new)),
                    reverse=True)
    used_old, used_new = set(), set()
    for score, i, j in scored:
        if score < SAME_SECTION:
            break
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((left_old[i], left_new[j]))
    return pairs


def _moved(pairs, old_order, new_order) -> set[int]:
    """The new sections that stand elsewhere: those outside the longest run of pairs kept in the
    same order (so one section moved to the front is the one moved, not all the others)."""
    position = {id(s): n for n, s in enumerate(old_order)}
    partner = {id(b): a for a, b in pairs}
    sequence = [b for b in new_order if id(b) in partner]
    keep = _longest_increasing([position[id(partner[id(b)])] for b in sequence])
    return {id(b) for n, b in enumerate(sequence) if n not in keep}


def _longest_increasing(values: list[int]) -> set[int]:
    """The indexes of one longest increasing subsequence of `values`."""
    best: list[list[int]] = []
    for n, value in enumerate(values):
        candidates = [run for run in best if values[run[-1]] < value]
        longest = max(candidates, key=len, default=[])
        best.append([*longest, n])
    return set(max(best, key=len, default=[]))


def _changes(old: list[str], new: list[str]) -> list[Change]:
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace":
            # Edited paragraphs: compared sentence by sentence.
            changes += _sentence_changes([s for p in old[i1:i2] for s in sentences(p)],
                                         [s for p in new[j1:j2] for s in sentences(p)])
            continue
        changes += [Change("removed", old=line) for line in old[i1:i2]]
        changes += [Change("added", new=line) for line in new[j1:j2]]
    return changes


def _sentence_changes(old: list[str], new: list[str]) -> list[Change]:
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone, came = list(old[i1:i2]), list(new[j1:j2])
        # Each removed sentence edited into the most alike new one, in order.
        while gone and came:
            a = gone[0]
            score, j = max((_alike(a, b), j) for j, b in enumerate(came))
            if score < SAME_SENTENCE:
                changes.append(Change("removed", old=gone.pop(0)))
                continue
            changes += [Change("added", new=b) for b in came[:j]]
            b = came[j]
            del came[:j + 1]
            gone.pop(0)
            changes.append(Change("changed", old=a, new=b, words=word_diff(a, b)))
        changes += [Change("removed", old=a) for a in gone]
        changes += [Change("added", new=b) for b in came]
    return changes


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def word_diff(old: str, new: str) -> tuple[Words, ...]:
    a, b = old.split(), new.split()
    pieces: list[Words] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Words("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Words("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Words("added", " ".join(b[j1:j2])))
    return tuple(pieces)


def year_of(publication: Publication) -> int:
    """The year a publication is for: the one in its id (strategibrev 2016 is dated 2015), else its date's."""
    named = _YEAR.search(publication.id)
    return int(named.group(0)) if named else publication.date.year
