"""YAML with line numbers, and typed access to its fields with Danish error messages.

Every mapping in the content is read through `Fields`, which knows the keys allowed at that
spot: an unknown key is an error pointing at its line with the nearest valid key, and a
missing or mistyped value names the key and what to write instead.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer as RoundTripComposer, MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..danish import MONTHS, format_date
from ..errors import Location, Problems, shown, suggestion
from ..model import PartialDate, PublicationDate
from .files import TooLarge, Unreadable, read_project_file
from .limits import MAX_CONTENT_FILE_BYTES, MAX_YAML_DEPTH, size_text


def read_text(path: Path, problems: Problems, within: Path) -> str | None:
    """A content file inside `within` as text: UTF-8 (a BOM is dropped), line ends normalised
    to \\n. Only a regular file in the project is read, and never past the size limit."""
    try:
        raw = read_project_file(path, within, MAX_CONTENT_FILE_BYTES)
    except FileNotFoundError:
        problems.error(Location(path), "filen findes ikke. Opret den, eller fjern henvisningen til den.")
        return None
    except TooLarge as exc:
        problems.error(Location(path), f"filen fylder {size_text(exc.size)}; en indholdsfil må højst "
                                       f"fylde {MAX_CONTENT_FILE_BYTES // 1_000_000} MB. Del teksten op i flere afsnit.")
        return None
    except Unreadable as exc:
        problems.error(Location(path), f"filen {exc}")
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
    """Parse YAML that stands in `doc`, so errors point at the right file and line.

    None after an error (reported here, once; the caller adds nothing) and for empty text."""
    slips = _typing_slips(text)
    if slips:
        for line, message in slips:
            problems.error(doc.line_of(line), message)
        return None
    try:
        return _loader().load(text)
    except _Refused as exc:
        problems.error(doc.line_of(exc.line), exc.message)
    except MaxDepthExceededError as exc:
        problems.error(doc.line_of(exc.problem_mark.line),
                       f"felterne ligger mere end {MAX_YAML_DEPTH} niveauer inde i hinanden. Skriv dem "
                       "med færre niveauer; indholdet har aldrig brug for så mange.")
    except MarkedYAMLError as exc:
        line, message = _explain(exc, text.split("\n"))
        problems.error(doc.line_of(line) if line is not None else doc.start,
                       f"YAML-formatet er ugyldigt: {message}")
    except (YAMLError, TypeError, ValueError, KeyError, RecursionError):
        # Syntax ruamel parses but cannot build into data (a list used as a key, `[!!bool x]`).
        problems.error(doc.start, "YAML-formatet er ugyldigt. Tjek indrykningen, kolonet efter feltnavnet "
                                  "og anførselstegn omkring tekst med kolon.")
    return None


def read_yaml_file(path: Path, problems: Problems, what_to_write: str,
                   within: Path) -> tuple[Any, "YamlDocument"]:
    """A whole YAML file inside `within`, or (None, doc) after reporting why it cannot be read."""
    doc = YamlDocument(path)
    text = read_text(path, problems, within)
    if text is None:
        return None, doc
    errors_before = len(problems.errors)
    node = parse_yaml(text, doc, problems)
    if node is None and len(problems.errors) == errors_before and not text.strip():
        problems.error(Location(path, 1), f"filen er tom. Skriv {what_to_write}.")
    return node, doc


class ImpossibleDate(str):
    """A value written as a date that does not exist (2027-02-30): text to YAML, an error to
    `Fields.date`, which knows the key's line."""


class _Constructor(RoundTripConstructor):
    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return ImpossibleDate(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class _Refused(YAMLError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Composer(RoundTripComposer):
    """No aliases (`*navn`): a few lines of them expand to gigabytes ("billion laughs"), and
    nothing in the content needs one. Refused where the first one stands, before expanding."""

    def compose_node(self, parent, index):
        if self.parser.check_event(AliasEvent):
            raise _Refused(self.parser.peek_event().start_mark.line,
                           "en YAML-henvisning (*navn) kan ikke bruges i indholdet. Skriv værdien ud "
                           "i stedet, og fjern '&navn' og '*navn'.")
        return super().compose_node(parent, index)


def _loader() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.Composer = _Composer
    # The composer and constructor recurse once per level: far below Python's limit.
    yaml.max_depth = MAX_YAML_DEPTH
    return yaml


# Spaces an editor (Word, Outlook, a web page) puts in that YAML does not see as spaces.
_HARD_SPACES = {"\u00a0": "U+00A0", "\u202f": "U+202F", "\u2007": "U+2007", "\u2009": "U+2009",
                "\u3000": "U+3000", "\ufeff": "U+FEFF"}
_BLANKS = " \t" + "".join(_HARD_SPACES)
_TYPOGRAPHIC_QUOTES = "“”„‘’‚«»‹›"
# '  - key: value' or '  key: value' or '  - value': indentation, list dashes, key, what follows.
_LINE = re.compile(r"^(?P<indent>[" + _BLANKS + r"]*)(?P<dashes>(?:-[" + _BLANKS + r"]+)*)"
                   r"(?:(?P<key>[^\s" + _BLANKS[2:] + r"\"'#\[\]{},:|>&*!%@`-][^:#]*?|\"[^\"]*\"|'[^']*')"
                   r":(?=[" + _BLANKS + r"]|$))?(?P<rest>.*)$")
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")


# Characters YAML reads as syntax at the start of a value (an alias, an anchor, a tag, the end
# of a list); a text starting with one needs quotes.
_RESERVED_START = "]},@`%&*!"
_UNKNOWN = (-1, "?")  # after a slip: what the lines below belong to is anybody's guess


def _typing_slips(text: str) -> list[tuple[int, str]]:
    """Mistakes an editor makes that YAML reports far from where they are, or not at all:
    tabs and hard spaces where YAML wants spaces, Word's quotation marks around a text with a
    colon, a quote left open, a key without its colon, a list item indented under the line
    above. (0-based line, Danish message) each."""
    slips: list[tuple[int, str]] = []
    lines = text.split("\n")
    block_indent: int | None = None  # inside a '|' or '>' text: lines indented deeper are text
    # The last value and the column a line must pass to go on with it (YAML's rule); None at
    # the start of the text.
    previous: tuple[int, str] | None = None
    marked = False  # the document start marker '---' has been passed
    for number, line in enumerate(lines):
        spaces = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip(" ") or spaces > block_indent):
            continue
        block_indent = None
        if not line.strip(" \t") or line.lstrip(" ").startswith("#"):
            continue
        if _harmless_mark(line, lines, number, previous is None and not marked):
            marked = True
            continue
        match = _LINE.match(line)
        assert match is not None  # every part of the pattern may be empty
        indent, dashes, key, rest = match["indent"], match["dashes"], match["key"], match["rest"]
        value = rest.strip(_BLANKS)
        slip = _slip(line, indent, dashes, key, rest, value, previous, _indent_below(lines, number))
        if slip is not None:
            slips.append((number, slip))
            previous = _UNKNOWN
            continue
        parent = len(indent) + len(dashes) if key is not None else len(indent) + len(dashes.rstrip(_BLANKS)) - 1
        if _BLOCK_SCALAR.match(value):
            block_indent = parent
        previous = (parent, value)
    return slips


# A document start ('---') or end ('...') marker alone on its line, perhaps with a comment.
_DOCUMENT_MARK = re.compile(r"(?:---|\.\.\.)(?:[ \t]+#.*)?")


def _harmless_mark(line: str, lines: list[str], number: int, first: bool) -> bool:
    """A '---' before the first field (copied YAML often starts with one) or a '...' after the
    last: YAML reads the one document either way, so neither is a mistake."""
    if not _DOCUMENT_MARK.fullmatch(line.rstrip(" \t")):
        return False
    return line.startswith("---") and first or line.startswith("...") and _indent_below(lines, number) == -1


def _slip(line: str, indent: str, dashes: str, key: str | None, rest: str, value: str,
          previous: tuple[int, str] | None, indent_below: int) -> str | None:
    """What is wrong with one line, if it is one of the slips YAML misplaces."""
    # Where YAML wants plain spaces: the indentation, after a list dash, after a key's colon.
    structural = [(i, "indent") for i in range(len(indent))]
    structural += [(len(indent) + i, "dash") for i in range(len(dashes))]
    if key is not None:
        after = len(indent) + len(dashes) + len(key) + 1
        structural += [(after + i, "colon") for i in range(len(rest) - len(rest.lstrip(_BLANKS)))]
    elif not value:
        structural += [(len(indent) + len(dashes) + i, "indent") for i in range(len(rest))]
    odd = next(((i, where) for i, where in structural if line[i] in _BLANKS[1:]), None)
    if odd is not None:
        return _odd_space(line[odd[0]], odd[0] + 1, odd[1])
    if value and value[0] in _TYPOGRAPHIC_QUOTES and (": " in value or " #" in value or value.endswith(":")):
        inner = value.strip(_TYPOGRAPHIC_QUOTES + _BLANKS)
        return (f"teksten står i typografiske anførselstegn ({value[0]} {value[-1]}), som YAML ikke "
                "kender, så kolonet i teksten bliver læst som et nyt felt. Brug lige anførselstegn: "
                f"{key + ': ' if key else '- '}\"{shown(inner)}\".")
    if value and value[0] in "\"'" and not _closes(value):
        return f"anførselstegnet {value[0]} lukkes aldrig. Sæt et {value[0]} sidst i teksten på samme linje."
    if value and value[0] in _RESERVED_START and (key is not None or dashes):
        example = f"{key}: " if key is not None else "- "
        return (f"tegnet {value[0]} kan ikke stå forrest i en tekst, for det betyder noget særligt i YAML. "
                f"Sæt teksten i anførselstegn: {example}\"{shown(value)}\".")
    if re.match(r"(- +)*\?( |$)", line.lstrip(_BLANKS)):
        return ("et '?' forrest på linjen betyder noget særligt i YAML (en sammensat nøgle). Slet det, eller "
                "sæt teksten i anførselstegn.")
    if _DOCUMENT_MARK.fullmatch(value) and value.startswith("---"):
        return "en linje '---' midt i filen starter et nyt YAML-dokument. Slet linjen."
    if _DOCUMENT_MARK.fullmatch(value):
        return ("en linje '...' midt i filen afslutter YAML-dokumentet, så linjerne under den ikke bliver "
                "læst. Slet linjen.")
    if previous is None and indent and 0 <= indent_below < len(indent):
        return ("linjen er rykket længere ind end linjerne under den, men den står først, så de andre "
                "hører ikke til noget. Slet mellemrummene forrest på linjen.")
    if previous is _UNKNOWN:
        return None
    after_text = previous is not None and bool(previous[1]) and not _BLOCK_SCALAR.match(previous[1])
    deeper = previous is not None and len(indent) > previous[0]
    if key is None and not dashes and value[0] not in "[{":
        # A bare line may go on with the text above, or be the value of a 'key:' above; else
        # (or when lines below hang under it) it is a key that lost its colon.
        value_below_key = deeper and previous is not None and not previous[1] and indent_below < len(indent)
        if not (after_text and deeper) and not value_below_key:
            return ("linjen er hverken et felt ('navn: værdi') eller et punkt ('- ...'). Der mangler et "
                    "kolon efter feltnavnet, eller en bindestreg foran punktet.")
    if dashes and after_text and deeper and not previous[1].startswith(("[", "{", "\"", "'", "#")):
        return ("punktet er rykket længere ind end linjen over, så det bliver læst som en fortsættelse af "
                "den linje i stedet for et nyt punkt. Ryk '-' ind, så det står lige under de andre punkter "
                "(eller under feltnavnet).")
    return None


def _indent_below(lines: list[str], number: int) -> int:
    """The indentation of the next line that holds YAML (-1 at the end)."""
    for line in lines[number + 1:]:
        if line.strip(" ") and not line.lstrip(" ").startswith("#"):
            return len(line) - len(line.lstrip(" "))
    return -1


def _closes(value: str) -> bool:
    """Whether a quoted value ends on its own line. YAML would let it run on to the next quote,
    lines below, taking the fields between into the text."""
    quote, index = value[0], 1
    while index < len(value):
        if quote == '"' and value[index] == "\\":
            index += 2
            continue
        if value[index] == quote:
            if quote == "'" and value[index + 1:index + 2] == "'":
                index += 2
                continue
            return True
        index += 1
    return False


def _odd_space(char: str, column: int, where: str) -> str:
    if char == "\t":
        what = "der er brugt tabulator"
    else:
        what = f"der står et hårdt mellemrum ({_HARD_SPACES[char]}, fx fra Word eller en webside)"
    spot = {"indent": "i indrykningen", "dash": "efter bindestregen", "colon": "efter kolonet"}[where]
    return (f"{what} {spot} (tegn {column} på linjen). YAML kræver almindelige mellemrum: slet "
            "tegnet, og skriv et almindeligt mellemrum.")


def _explain(exc: MarkedYAMLError, lines: list[str]) -> tuple[int | None, str]:
    """The line the author must fix (0-based) and what to do, for the parser's English."""
    context = exc.context or ""
    problem = exc.problem or ""
    at = exc.problem_mark or exc.context_mark
    line = at.line if at is not None else None
    if exc.context_mark is not None and context.startswith("while scanning a quoted scalar"):
        quote = lines[exc.context_mark.line][exc.context_mark.column:][:1] or "\""
        return exc.context_mark.line, (f"anførselstegnet {quote} lukkes aldrig. Sæt et {quote} sidst i "
                                       "teksten på samme linje.")
    opened = (exc.context_mark.line if exc.context_mark is not None and context.startswith("while parsing a flow")
              else _unclosed_bracket(lines, line))
    if opened is not None:
        opening = next((c for c in lines[opened] if c in "[{"), "[")
        closing = "]" if opening == "[" else "}"
        return opened, (f"klammen '{opening}' lukkes aldrig. Sæt '{closing}' sidst i listen på samme linje.")
    if exc.context_mark is not None and context.startswith("while scanning a simple key"):
        line = exc.context_mark.line
    if "mapping values are not allowed" in problem and line is not None and _item_without_colon(lines, line):
        return line - 1 - next(i for i in range(line) if lines[line - 1 - i].strip(" ")), \
            "der mangler et kolon efter feltnavnet."
    cannot_start = _CANNOT_START.search(problem)
    if cannot_start and line is not None:
        return line, (f"tegnet {cannot_start.group(1)} kan ikke stå forrest i en tekst. Sæt teksten i "
                      "anførselstegn, fx \"@kommune\".")
    if "found undefined alias" in problem:
        return line, "'*' forrest i en tekst betyder noget særligt i YAML. Sæt teksten i anførselstegn."
    if "unknown escape character" in problem:
        return line, ("i en tekst i dobbelte anførselstegn er \\ starten på en kode. Skriv \\\\ for én "
                      "skråstreg, eller brug enkelte anførselstegn: 'C:\\mappe'.")
    if "found another document" in problem or "found another document" in context:
        return line, "en linje '---' midt i filen starter et nyt dokument. Slet linjen."
    if "chomping or indentation indicators" in problem:
        return line, ("efter '|' eller '>' må der ikke stå mere på linjen. Skriv teksten på linjerne "
                      "under, rykket ind.")
    if "expected <block end>" in problem and line is not None and _wide_dash_above(lines, line):
        return line - 1 - next(i for i in range(line) if lines[line - 1 - i].strip(" ")), \
            ("der står mere end ét mellemrum efter bindestregen, så feltet står længere inde end "
             "felterne under det. Skriv '- ' med ét mellemrum.")
    if "mapping values are not allowed" in problem and line is not None and _deeper_than_above(lines, line):
        return line, ("linjen er rykket længere ind end linjen over. Ret mellemrummene forrest på "
                      "linjen, så felter på samme niveau står lige under hinanden.")
    if "mapping values are not allowed" in problem and line is not None:
        written = _LINE.match(lines[line])
        if written is not None and written["key"] is not None and written["rest"].strip():
            text = written["rest"].strip().replace('"', "'")
            return line, (f"der står et kolon midt i en tekst. Sæt teksten i anførselstegn: "
                          f"{written['key']}: \"{shown(text)}\".")
    misaligned = _misaligned(lines, line)
    if misaligned is not None:
        return misaligned, ("linjen står ikke lige under de felter, den hører sammen med. Ret mellemrummene "
                            "forrest på linjen, så felter på samme niveau står lige under hinanden.")
    for english, danish in _YAML_PROBLEMS.items():
        if english in f"{problem} {context}":
            return line, danish
    return line, ("linjen kan ikke læses. Tjek indrykningen, kolonet efter feltnavnet og anførselstegn "
                  "omkring tekst med kolon.")


def _unclosed_bracket(lines: list[str], line: int | None) -> int | None:
    """The line of a '[' or '{' still open where the parser gave up (a '|' after an open list
    makes it stop with no word of the list)."""
    if line is None:
        return None
    depth, opened = 0, None
    for number in range(min(line, len(lines) - 1) + 1):
        for char in _outside_quotes(lines[number]):
            if char in "[{":
                depth, opened = depth + 1, number if depth == 0 else opened
            elif char in "]}" and depth:
                depth -= 1
    return opened if depth else None


def _outside_quotes(line: str) -> str:
    """The characters of a line not inside '...' or "..." and before a comment."""
    kept, quote = [], None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'" and (index == 0 or line[index - 1] in " [{,:-"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] == " "):
            break
        else:
            kept.append(char)
    return "".join(kept)


def _deeper_than_above(lines: list[str], line: int) -> bool:
    """A 'key: value' line indented under a line that already has its value: YAML reads it as
    more of that value, and stumbles on its colon."""
    over = _line_above(lines, line)
    this = _LINE.match(lines[line])
    if this is None or over is None or over["key"] is None:
        return False
    value = over["rest"].strip(_BLANKS)
    return (len(this["indent"]) + len(this["dashes"]) > len(over["indent"]) + len(over["dashes"])
            and bool(value) and not _BLOCK_SCALAR.match(value) and value[:1] not in "[{\"'")


def _item_without_colon(lines: list[str], line: int) -> bool:
    """'- id direktion' above a field of the same item: the item's key lost its colon, so YAML
    reads the field below as more of its text."""
    over = _line_above(lines, line)
    this = _LINE.match(lines[line])
    return (this is not None and over is not None and over["key"] is None and bool(over["dashes"])
            and len(this["indent"]) >= len(over["indent"]) + len(over["dashes"]))


def _wide_dash_above(lines: list[str], line: int) -> bool:
    """'  -  id: x' over '    navn: y': the extra space after the dash moved the item's first
    field, not the fields below it."""
    over, this = _line_above(lines, line), _LINE.match(lines[line])
    return (this is not None and over is not None and over["key"] is not None and over["dashes"].count("-") == 1
            and len(over["dashes"]) > 2 and len(this["indent"]) == len(over["indent"]) + 2)


def _misaligned(lines: list[str], upto: int | None) -> int | None:
    """The first line, up to where the parser gave up, that stands at no column of the blocks
    open above it, the way Python finds an indentation error. When it lands between two
    levels, the line that opened the deeper one is to blame if that one broke the file's usual
    step (a key pushed one space in) and this line keeps it."""
    if upto is None:
        return None
    open_blocks: list[tuple[int, int, int]] = [(0, -1, 0)]  # (column, opened on line, step)
    steps: dict[int, int] = {}
    opens = block_text = False
    previous_value = ""
    for number, line in enumerate(lines[:upto + 1]):
        match = _LINE.match(line)
        if match is None or not line.strip(" ") or line.lstrip(" ").startswith("#"):
            continue
        column = len(match["indent"])
        if block_text and column > open_blocks[-1][0]:
            continue
        block_text = False
        key, dashes, value = match["key"], match["dashes"], match["rest"].strip(_BLANKS)
        if key is None and not dashes and previous_value and column > open_blocks[-1][0]:
            continue  # more of the text above
        columns = [c for c, _, _ in open_blocks]
        if opens and column > columns[-1]:
            step = column - columns[-1]
            steps[step] = steps.get(step, 0) + 1
            open_blocks.append((column, number, step))
        elif column in columns:
            del open_blocks[columns.index(column) + 1:]
        elif column > columns[-1]:
            return number  # deeper than the block it stands in, with no 'key:' above opening one
        else:
            usual = max(steps, key=lambda s: (steps[s], -s)) if steps else 2
            above = max(i for i, c in enumerate(columns) if c < column)
            _, opener, step = open_blocks[above + 1]
            return opener if step != usual and column - columns[above] == usual else number
        if dashes:
            open_blocks.append((column + len(dashes), number, len(dashes)))
        opens = key is not None and not value
        block_text = bool(_BLOCK_SCALAR.match(value))
        previous_value = value if not opens else ""
    return None


def _line_above(lines: list[str], line: int) -> re.Match | None:
    above = next((lines[i] for i in range(line - 1, -1, -1) if lines[i].strip(" ")), None)
    return _LINE.match(above) if above is not None else None


_CANNOT_START = re.compile(r"found character '(.)' that cannot start any token")

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


YES_NO = {"ja": True, "nej": False}  # a switch, as authors write it


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

    def value_location(self, key: str) -> Location:
        """Where a single value stands: under its key when written on the line below
        ('key:' then the value), else on the key's line."""
        value = self.node.get(key)
        if isinstance(self.node, CommentedMap) and key in self.node and not isinstance(value, (dict, list)):
            try:
                return self.doc.line_of(self.node.lc.value(key)[0])
            except (KeyError, IndexError, TypeError):
                pass
        return self.key_location(key)

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
            self.value_location(key),
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

    def yes_no(self, key: str, explanation: str) -> bool | None:
        """A switch written 'ja' or 'nej' (or YAML's true/false); None when absent or wrong, the
        wrong value said at its line followed by `explanation` (what each answer does)."""
        if not self.has(key):
            return None
        value = self.node[key]
        if isinstance(value, bool):
            return value
        written = str(value).strip().lower()
        if written in YES_NO:
            return YES_NO[written]
        self.problems.error(self.value_location(key),
                            f"'{key}' skal være 'ja' eller 'nej', ikke '{shown(value)}'. {explanation}")
        return None

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

    def number(self, key: str) -> float | None:
        """An optional decimal number (1.45); None when absent or reported as wrong."""
        if not self.has(key):
            return None
        value = self.node[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._wrong(key, "et tal med punktum som decimaltegn, fx 1.4")
            return None
        return float(value)

    def date(self, key: str) -> PublicationDate | None:
        """A date as ÅÅÅÅ-MM-DD; where the source gives no day, ÅÅÅÅ-MM ('2014-06', printed
        "juni 2014"), and with no month either, ÅÅÅÅ ('2014'): a PartialDate."""
        if not self.has(key):
            self._missing(key, "2016-04-24")
            return None
        value = self.node[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        written = str(value).strip()
        if isinstance(value, int) and not isinstance(value, bool) and re.fullmatch(r"\d{4}", written):
            return PartialDate(int(written))
        if isinstance(value, str):
            # Quoted ("2026-11-15") is still a date to the author; so is one YAML could not make.
            if re.fullmatch(r"\d{4}", written):
                return PartialDate(int(written))
            if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", written):
                why = _why_no_such_date(written)
                if why is None:
                    year, month, *day = (int(part) for part in written.split("-"))
                    return dt.date(year, month, day[0]) if day else PartialDate(year, month)
                self.problems.error(self.key_location(key), f"datoen {written} i feltet '{key}' findes ikke: {why}")
                return None
        self.problems.error(
            self.key_location(key),
            f"feltet '{key}' skal være en dato skrevet som ÅÅÅÅ-MM-DD, fx 2016-04-24, men her står "
            f"'{shown(value)}'. {_date_hint(written)}",
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


def _why_no_such_date(written: str) -> str | None:
    """Why ÅÅÅÅ-MM-DD or ÅÅÅÅ-MM names no day or month of the calendar; None when it does."""
    year, month, *day = (int(part) for part in written.split("-"))
    form = "ÅÅÅÅ-MM-DD" if day else "ÅÅÅÅ-MM"
    if not 1 <= month <= 12:
        return f"måned {month} findes ikke; skriv måneden som 01 til 12 ({form}), fx {year}-06 for juni {year}."
    days = calendar.monthrange(year, month)[1]
    if day and not 1 <= day[0] <= days:
        return f"{MONTHS[month - 1]} {year} har {days} dage. Ret dagen (ÅÅÅÅ-MM-DD)."
    return None


_MONTH_NAMES = "|".join(MONTHS)
_IN_WORDS = re.compile(rf"(?:(\d{{1,2}})\.?\s+)?({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?", re.IGNORECASE)
_DAY_FIRST = re.compile(r"(?:(\d{1,2})[-./])?(\d{1,2})[-./](\d{4})")
_UNPADDED = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def _date_hint(written: str) -> str:
    """What to write instead of a date that is not ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM or ÅÅÅÅ: the same date
    in that form where it can be read ('juni 2014' -> 2014-06, '24-04-2016' -> 2016-04-24),
    else the three forms. A source that gives no day (or no month) is written without it, so
    an estimate is never printed as a fact."""
    forms = ("Siger kilden ikke dagen, skriv kun måned og år (ÅÅÅÅ-MM, fx 2014-06, vises "
             "»juni 2014«), og siger den heller ikke måneden, kun året (ÅÅÅÅ, fx 2014).")
    day = month = year = None
    if match := _IN_WORDS.fullmatch(written):
        day, month, year = match.group(1), MONTHS.index(match.group(2).lower()) + 1, match.group(3)
    elif match := _DAY_FIRST.fullmatch(written):
        day, month, year = match.group(1), int(match.group(2)), match.group(3)
    elif match := _UNPADDED.fullmatch(written):
        year, month, day = match.group(1), int(match.group(2)), match.group(3)
    if month is None:
        return forms
    if year is None:
        return (f"Året mangler: skriv måned og år som ÅÅÅÅ-MM, fx 2014-{month:02d} for "
                f"{MONTHS[month - 1] if 1 <= month <= 12 else 'måned ' + str(month)} 2014.")
    iso = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    why = _why_no_such_date(iso)
    if why is not None:
        return f"Datoen {iso} findes heller ikke: {why}"
    date = dt.date.fromisoformat(iso) if day else PartialDate(int(year), month)
    return f"Skriv {iso} (vises »{format_date(date)}«)."


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
        return f"tallet {shown(value)}"
    return f"'{shown(value)}'"
