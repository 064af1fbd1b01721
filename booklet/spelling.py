"""Danish spell check of everything an author wrote, variant blocks included.

It reads the source files themselves, line by line, so every warning points at the line to
fix, and text hidden in one level's edition is checked like the core text. hunspell with
the Danish dictionary (Debian: hunspell, hunspell-da) does the checking; each organisation
may accept its own terms in `content/organisationer/<id>-ordliste.txt`, one word a line.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, Problem
from .model import Publication

DICTIONARY = "da_DK"
WORD_LIST_SUFFIX = "-ordliste.txt"
# Words: letters with inner hyphens, apostrophes or dots, and a dot that may end an
# abbreviation ("Høje-Taastrup", "KL's", "bl.a.", "dvs."): hunspell knows them with their dots.
# A word ending in a hyphen ("Børne- og Ungeområdet") is half a compound and is not checked.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*(?:\.|(?![-\w]))")
# What is markup, not prose: YAML keys, fences, slot lines, link targets, HTML entities.
_YAML_KEY = re.compile(r"^\s*(?:-\s+)?[\wæøå]+:(?=\s|$)")
_NOT_PROSE = re.compile(r"^\s*(?:```|~~~|:::|---\s*$)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+|&\w+;")
# YAML fields that hold names, ids and file paths, not prose; and list items naming section files.
_ID_FIELDS = re.compile(r"^\s*(?:-\s+)?(?:type|organisation|brand|id|funktion|varianter|papir|dato|rækkefølge|"
                        r"revideres|konkretisering|ny_side|fil|underskrift):")
_FILE_ITEM = re.compile(r"^\s*-\s+\S+\.md\s*$")


@dataclass(frozen=True)
class Misspelling:
    word: str
    location: Location
    suggestions: tuple[str, ...]

    def as_problem(self, word_list: Path) -> Problem:
        hint = f" Forslag: {', '.join(self.suggestions[:4])}." if self.suggestions else ""
        return Problem(self.location, f"stavning: '{self.word}' står ikke i den danske ordbog.{hint} "
                                      f"Er ordet rigtigt, så tilføj det i {word_list.name}.", "advarsel")


def available() -> bool:
    return shutil.which("hunspell") is not None


def word_list_path(publication: Publication) -> Path:
    org_file = publication.organisation.location.path
    return org_file.with_name(org_file.stem + WORD_LIST_SUFFIX)


def accepted_words(publication: Publication) -> set[str]:
    path = word_list_path(publication)
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def words_by_line(path: Path) -> list[tuple[int, str]]:
    """(line number, word) for the prose in a content file."""
    result = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if _NOT_PROSE.match(line) or _ID_FIELDS.match(line) or _FILE_ITEM.match(line):
            continue
        prose = _LINK_TARGET.sub(" ", _YAML_KEY.sub(" ", line))
        result.extend((number, word) for word in _WORD.findall(prose))
    return result


def check(publications: list[Publication]) -> list[Problem]:
    """A warning for every word hunspell does not know and no word list accepts."""
    occurrences: list[tuple[Publication, Path, int, str]] = []
    for publication in publications:
        for path in publication.sources:
            if path.suffix not in (".md", ".yml"):
                continue  # a photo or drawing the text places: no words to check
            occurrences += [(publication, path, line, word) for line, word in words_by_line(path)]
    # A word that ends a sentence carries its full stop: it is right if it is right either way.
    forms = {form for *_, word in occurrences for form in (word, word.rstrip("."))}
    verdicts = _ask_hunspell(sorted(forms))
    problems = []
    accepted = {p.id: accepted_words(p) for p in publications}
    for publication, path, line, word in occurrences:
        bare = word.rstrip(".")
        if word not in verdicts or bare not in verdicts:
            continue
        if {word, bare, bare.lower()} & accepted[publication.id]:
            continue
        misspelling = Misspelling(bare, Location(path, line), verdicts[bare] or verdicts[word])
        problems.append(misspelling.as_problem(word_list_path(publication)))
    return problems


def _ask_hunspell(words: list[str]) -> dict[str, tuple[str, ...]]:
    """word -> suggestions, for the words hunspell does not accept."""
    if not words:
        return {}
    # One word a line, '^' so no word is read as a command. Hunspell answers each line with
    # one result per word part it sees, then an empty line.
    answer = subprocess.run(
        ["hunspell", "-d", DICTIONARY, "-a"],
        input="".join(f"^{word}\n" for word in words),
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout
    blocks = answer.split("\n\n")
    banner, first = blocks[0].split("\n", 1) if "\n" in blocks[0] else (blocks[0], "")
    blocks = [first, *blocks[1:]]
    if len(blocks) < len(words):
        raise RuntimeError(f"hunspell answered {len(blocks)} lines for {len(words)} words ({banner})")
    unknown = {}
    for word, block in zip(words, blocks):
        results = [line for line in block.splitlines() if line]
        wrong = [r for r in results if r[:1] in "&#"]
        if wrong:
            suggested = next((r.split(":", 1)[1] for r in wrong if r.startswith("&")), "")
            unknown[word] = tuple(s.strip() for s in suggested.split(",") if s.strip())
    return unknown
