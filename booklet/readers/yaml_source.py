"""YAML with line numbers, and typed access to its fields with Danish error messages.

Every mapping in the content is read through `Fields`, which knows the keys allowed at that
spot: an unknown key is an error pointing at its line with the nearest valid key, and a
missing or mistyped value names the key and what to write instead.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..errors import Location, Problems, suggestion


# Far above any real section (the longest seed is 20 kB); guards memory and layout time.
MAX_FILE_BYTES = 1_000_000


def read_text(path: Path, problems: Problems) -> str | None:
    """A content file as text: UTF-8 (a BOM is dropped), line ends normalised to \\n."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(Location(path), f"filen fylder {size / 1_000_000:.1f} MB; en indholdsfil må højst "
                                           f"fylde {MAX_FILE_BYTES // 1_000_000} MB. Del teksten op i flere afsnit.")
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.error(Location(path), "filen findes ikke. Opret den, eller fjern henvisningen til den.")
        return None
    except OSError as exc:
        problems.error(Location(path), f"filen kan ikke læses ({exc.strerror}).")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(
            Location(path, line),
            "filen er ikke gemt som UTF-8. Gem den igen med tegnsættet UTF-8 (i Notesblok: "
            "'Gem som' → Kodning: UTF-8).",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, doc: "YamlDocument", problems: Problems) -> Any:
    """Parse YAML that stands in `doc`, so errors point at the right file and line."""
    try:
        return YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.error(
            doc.line_of(mark.line) if mark is not None else doc.start,
            f"YAML-formatet er ugyldigt: {_explain(exc)}",
        )
    except YAMLError as exc:
        problems.error(doc.start, f"YAML-formatet er ugyldigt ({exc}).")
    return None


def read_yaml_file(path: Path, problems: Problems, what_to_write: str) -> tuple[Any, "YamlDocument"]:
    """A whole YAML file, or (None, doc) after reporting why it cannot be read."""
    doc = YamlDocument(path)
    text = read_text(path, problems)
    if text is None:
        return None, doc
    node = parse_yaml(text, doc, problems)
    if node is None and not text.strip():
        problems.error(Location(path, 1), f"filen er tom. Skriv {what_to_write}.")
    return node, doc


# The parser's English wording -> what the author should do about it.
_YAML_PROBLEMS = {
    "mapping values are not allowed": "der står et kolon midt i en tekst. Sæt teksten i "
                                      "anførselstegn, fx titel: \"Ledelse: sådan\".",
    "found duplicate key": "det samme felt står to gange. Slet det ene.",
    "could not find expected ':'": "der mangler et kolon efter feltnavnet.",
    "found character '\\t'": "der er brugt tabulator til indrykning. Brug mellemrum.",
    "expected <block end>": "indrykningen passer ikke. Ret mellemrummene forrest på linjen, "
                            "så felter på samme niveau står lige under hinanden.",
}


def _explain(exc: MarkedYAMLError) -> str:
    detail = f"{exc.problem or ''} {exc.context or ''}"
    for english, danish in _YAML_PROBLEMS.items():
        if english in detail:
            return danish
    return (f"({(exc.problem or exc.context or '').strip()}). Tjek indrykning, kolon efter "
            "feltnavnet og anførselstegn omkring tekst med kolon.")


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document and the file line its first line stands on."""

    path: Path
    first_line: int = 1

    def line_of(self, zero_based: int) -> Location:
        return Location(self.path, self.first_line + zero_based)

    @property
    def start(self) -> Location:
        return Location(self.path, self.first_line)


class Fields:
    """One YAML mapping read against the keys allowed at that spot."""

    def __init__(
        self,
        node: Any,
        doc: YamlDocument,
        problems: Problems,
        what: str,
        allowed: Sequence[str],
        at: Location | None = None,
    ):
        """`at` is where the mapping stands when known from its parent (a list item's line)."""
        self.doc = doc
        if at is not None:
            self.location = at
        elif isinstance(node, CommentedMap) and node.lc.line is not None:
            self.location = doc.line_of(node.lc.line)
        else:
            self.location = doc.start
        self.problems = problems
        self.what = what
        self.ok = isinstance(node, dict)
        self.node: dict = node if self.ok else {}
        if not self.ok:
            problems.error(
                self.location,
                f"{what} skal være en samling af felter ('navn: værdi' på hver linje), "
                f"men her står {_describe(node)}.",
            )
            return
        for key in self.node:
            if key not in allowed:
                problems.error(
                    self.key_location(key),
                    f"ukendt felt '{key}' i {what}{suggestion(str(key), list(allowed))}",
                )

    # --- where things are ------------------------------------------------------------

    def key_location(self, key: str) -> Location:
        if isinstance(self.node, CommentedMap) and key in self.node:
            return self.doc.line_of(self.node.lc.key(key)[0])
        return self.location

    def text_location(self, key: str) -> Location:
        """Where a text value's first line stands: after the key for '|' and '>' blocks."""
        value = self.node.get(key)
        block_scalar = isinstance(value, (LiteralScalarString, FoldedScalarString))
        return self.key_location(key).shifted(1 if block_scalar else 0)

    def has(self, key: str) -> bool:
        return key in self.node and self.node[key] is not None

    def _missing(self, key: str, hint: str) -> None:
        if self.ok:
            self.problems.error(
                self.location, f"feltet '{key}' mangler i {self.what}. Tilføj fx '{key}: {hint}'."
            )

    def _wrong(self, key: str, expected: str) -> None:
        self.problems.error(
            self.key_location(key),
            f"feltet '{key}' skal være {expected}, men her står {_describe(self.node[key])}.",
        )

    # --- typed values ----------------------------------------------------------------

    def text(self, key: str, required: bool = True, hint: str = "...") -> str:
        if not self.has(key):
            if required:
                self._missing(key, hint)
            return ""
        value = self.node[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self._wrong(key, "en tekst")
            return ""
        text = str(value).strip()
        if required and not text:
            self.problems.error(self.key_location(key), f"feltet '{key}' er tomt. Skriv en tekst.")
        return text

    def integer(self, key: str, required: bool = True) -> int | None:
        if not self.has(key):
            if required:
                self._missing(key, "1")
            return None
        value = self.node[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(key, "et helt tal")
            return None
        return int(value)

    def date(self, key: str) -> dt.date | None:
        if not self.has(key):
            self._missing(key, "2016-04-24")
            return None
        value = self.node[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.problems.error(
            self.key_location(key),
            f"feltet '{key}' skal være en dato skrevet som ÅÅÅÅ-MM-DD, fx 2016-04-24, "
            f"men her står '{value}'.",
        )
        return None

    def flag(self, key: str) -> bool:
        if not self.has(key):
            return False
        value = self.node[key]
        if not isinstance(value, bool):
            self._wrong(key, "true eller false")
            return False
        return value

    def seq(self, key: str, required: bool = True) -> list[tuple[Any, Location]]:
        """The items of a list field, each with its own line."""
        if not self.has(key):
            if required:
                self._missing(key, "[...]  (eller en liste med '- ' på hver linje)")
            return []
        value = self.node[key]
        if not isinstance(value, list):
            self._wrong(key, "en liste (linjer der starter med '- ')")
            return []
        base = self.key_location(key)
        if required and not value:
            self.problems.error(base, f"listen '{key}' er tom.")
        return [(item, self._item_location(value, i, base)) for i, item in enumerate(value)]

    def _item_location(self, seq: Any, index: int, fallback: Location) -> Location:
        if isinstance(seq, CommentedSeq):
            try:
                return self.doc.line_of(seq.lc.item(index)[0])
            except (KeyError, IndexError, TypeError):
                pass
        return fallback

    def text_list(self, key: str, required: bool = True) -> list[tuple[str, Location]]:
        result = []
        for item, loc in self.seq(key, required):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)):
                self.problems.error(
                    loc, f"punkterne i '{key}' skal være tekst, men her står {_describe(item)}."
                )
                continue
            result.append((str(item).strip(), loc))
        return result


def _describe(value: Any) -> str:
    if value is None:
        return "ingenting"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (ja/nej-værdi)"
    if isinstance(value, dict):
        return "en samling af felter"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, (int, float)):
        return f"tallet {value}"
    return f"'{value}'"
