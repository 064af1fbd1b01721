"""The fault catalogue: one typing mistake at a time, at a line drawn at random, in every kind of
YAML an author edits. Each stops `check` with exactly one Danish message naming the file and the
very line of the mistake (a quoted date is not a mistake: it is read as the date).

Hypothesis draws with a fixed seed, so a failure here is the same failure on every machine;
FAULTS_EXAMPLES=2000 runs more of the catalogue by hand. Every (file, fault) pair also runs once,
at a fixed line."""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fault_injection import (BRAND, INTRO, MANIFEST, ORG, PARTS, REPO, assert_build_refused, assert_no_error,
                             assert_one_located_error, copy_project, read_lines, run, write_lines)

EXAMPLES = int(os.environ.get("FAULTS_EXAMPLES", "60"))

# --- the lines of a YAML text, as the catalogue sees them --------------------------------

_KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s\"'#\[\]{}|>:-][^:#]*?):(?: +(?P<value>.*?))? *$")
_ITEM = re.compile(r"^(?P<indent> *)- +(?P<value>[^\s].*?) *$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the file
    text: str
    indent: int  # where the key (or the item's value) starts
    key: str | None
    value: str  # '' for 'key:' opening a nested block
    dash: bool
    previous: "Line | None"  # the YAML line above (blank lines and comments skipped)

    @property
    def plain_value(self) -> bool:
        """A value written without quotes or brackets: the kind a typing slip lands in."""
        return bool(self.value) and self.value[0] not in "\"'[{|>&*!#"


def yaml_lines(lines: list[str], first: int, last: int) -> list[Line]:
    """The YAML lines among lines[first:last] (0-based slice), skipping text inside '|' blocks."""
    found: list[Line] = []
    block_indent = None
    previous = None
    for index in range(first, last):
        text = lines[index]
        spaces = len(text) - len(text.lstrip(" "))
        if block_indent is not None and (not text.strip() or spaces > block_indent):
            continue
        block_indent = None
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        key = _KEY.match(text)
        if key:
            dash = key["dash"] or ""
            line = Line(index + 1, text, len(key["indent"]) + len(dash), key["key"], key["value"] or "",
                        bool(dash), previous)
            if line.value[:1] and line.value[:1] in "|>":
                block_indent = line.indent
        else:
            item = _ITEM.match(text)
            assert item, f"the catalogue cannot read line {index + 1}: {text!r}"
            line = Line(index + 1, text, len(item["indent"]) + 2, None, item["value"], True, previous)
        found.append(line)
        previous = line
    return found


# --- the faults ---------------------------------------------------------------------------

# A fault takes a file's lines and one YAML line; it returns the new lines and the line the
# one error must name (None: the change must be accepted), or None when it does not apply there.
Fault = Callable[[list[str], Line], "tuple[list[str], int | None] | None"]


def _replace(lines: list[str], line: Line, text: str) -> list[str]:
    return lines[:line.number - 1] + [text] + lines[line.number:]


def _head(line: Line) -> str:
    """The line up to and including the key's colon (or the dash of an item)."""
    if line.key is not None:
        return line.text[:line.text.index(line.key + ":") + len(line.key) + 1]
    return line.text[:line.indent - 1]


def tab_as_indentation(lines, line):
    return _replace(lines, line, "\t" + line.text), line.number


def extra_space_after_dash(lines, line):
    """'-  id: x': the item's first field one space right of the fields below it."""
    below = _KEY.match(lines[line.number]) if line.number < len(lines) else None
    if not line.dash or line.key is None or below is None or below["dash"] or len(below["indent"]) != line.indent:
        return None
    start = line.text.index("-")
    return _replace(lines, line, line.text[:start] + "- " + line.text[start + 1:]), line.number


def tab_after_colon(lines, line):
    if line.key is None or not line.value:
        return None
    return _replace(lines, line, f"{_head(line)}\t{line.value}"), line.number


def hard_space_after_colon(lines, line):
    if line.key is None or not line.value:
        return None
    return _replace(lines, line, f"{_head(line)}\u00a0{line.value}"), line.number


def hard_space_as_indentation(lines, line):
    text = line.text
    return _replace(lines, line, "\u00a0" + (text[1:] if text.startswith(" ") else text)), line.number


def hard_space_after_dash(lines, line):
    if not line.dash:
        return None
    start = line.text.index("-")
    return _replace(lines, line, line.text[:start] + "-\u00a0" + line.text[start + 2:]), line.number


def curly_quotes_around_a_colon(lines, line):
    if not line.plain_value:
        return None
    return _replace(lines, line, f"{_head(line)} “{line.value}: og mere”"), line.number


def unclosed_quote(lines, line):
    if not line.plain_value:
        return None
    return _replace(lines, line, f"{_head(line)} \"{line.value}"), line.number


def unclosed_bracket(lines, line):
    if not line.plain_value:
        return None
    return _replace(lines, line, f"{_head(line)} [{line.value}"), line.number


def colon_in_text(lines, line):
    if not line.plain_value:
        return None
    return _replace(lines, line, f"{_head(line)} {line.value}: og mere"), line.number


def missing_colon(lines, line):
    if line.key is None:
        return None
    head = _head(line)
    return _replace(lines, line, head[:-1] + (" " + line.value if line.value else "")), line.number


def impossible_date(lines, line):
    if line.key != "dato":
        return None
    return _replace(lines, line, f"{_head(line)} 2027-02-30"), line.number


def date_in_words(lines, line):
    if line.key != "dato":
        return None
    return _replace(lines, line, f"{_head(line)} 30. februar 2027"), line.number


def impossible_month(lines, line):
    """A month alone (no day in the source) that the calendar does not have."""
    if line.key != "dato":
        return None
    return _replace(lines, line, f"{_head(line)} 2014-13"), line.number


def month_without_year(lines, line):
    if line.key != "dato":
        return None
    return _replace(lines, line, f"{_head(line)} juni"), line.number


def quoted_date(lines, line):
    if line.key != "dato":
        return None
    return _replace(lines, line, f"{_head(line)} \"2026-11-15\""), None


def wrong_type(lines, line):
    """A set of fields where one value belongs."""
    if not line.value or line.value[:1] in "|>":
        return None
    return _replace(lines, line, f"{_head(line)} {{navn: x}}"), line.number


def unknown_key(lines, line):
    """A field the reader does not know, written next to one it does."""
    if line.key is None or line.dash:
        return None
    new = " " * line.indent + "forfatter: Kommunikation"
    return lines[:line.number - 1] + [new] + lines[line.number - 1:], line.number


def duplicate_key(lines, line):
    if line.key is None or line.dash or not line.value:
        return None
    return lines[:line.number] + [line.text] + lines[line.number:], line.number + 1


def indented_under_a_value(lines, line):
    """A line pushed one space further in than the one above, which has a value: YAML would
    read it as more of that value."""
    above = line.previous
    if above is None or above.indent != line.indent or not above.value or above.value[:1] in "|>[{\"'":
        return None
    return _replace(lines, line, " " + line.text), line.number


def indented_out_of_line(lines, line):
    """A field one space left of the field above it in the same set of fields."""
    above = line.previous
    if line.key is None or line.dash or above is None or above.indent != line.indent or line.indent == 0:
        return None
    return _replace(lines, line, line.text[1:]), line.number


FAULTS: dict[str, Fault] = {f.__name__: f for f in (
    tab_as_indentation, tab_after_colon, hard_space_after_colon, hard_space_as_indentation,
    hard_space_after_dash, extra_space_after_dash, curly_quotes_around_a_colon, unclosed_quote, unclosed_bracket, colon_in_text,
    missing_colon,
    impossible_date, date_in_words, impossible_month, month_without_year, quoted_date, wrong_type, unknown_key,
    duplicate_key,
    indented_under_a_value, indented_out_of_line,
)}

# --- the kinds of YAML file ---------------------------------------------------------------


def _fenced(lines: list[str], kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    """(first, last) 0-based slices of the bodies of ```kind fences in a section."""
    spans, start = [], None
    for index, text in enumerate(lines):
        if start is None and text.startswith("```") and text[3:].strip() in kinds:
            start = index + 1
        elif start is not None and text.strip() == "```":
            spans.append((start, index))
            start = None
    return spans


@dataclass(frozen=True)
class FileKind:
    name: str
    relative: str
    own_styles: bool
    spans: Callable[[list[str]], list[tuple[int, int]]]
    prepare: Callable[[list[str]], list[str]] = lambda lines: lines


def _with_front_matter_fields(lines: list[str]) -> list[str]:
    """The fixture's front matter holds only a title; an author's may hold more."""
    assert lines[0] == "---" and lines[2] == "---"
    return lines[:2] + ["konkretisering: false", "ny_side: ja"] + lines[2:]


BOOKLET_COMPONENTS = """
```forord
tekst: |
  Kære leder.
underskrivere:
  - navn: Anne Hansen
    titel: Kommunaldirektør
  - navn: Bo Jensen
    titel: Borgmester
```

```faktaboks
titel: Fakta om kommunen
tekst: |
  - 50.000 borgere
```

```citat
tekst: Vi er sammen om det.
kilde: Borgmester Bo Jensen
```
""".split("\n")


def _with_booklet_components(lines: list[str]) -> list[str]:
    """The fixture has none of issue 15's components (a foreword, a fact box, a quote): added."""
    return lines + BOOKLET_COMPONENTS


FILE_KINDS = {kind.name: kind for kind in (
    FileKind("manifest", MANIFEST, False, lambda lines: [(0, len(lines))]),
    FileKind("organisation", ORG, False, lambda lines: [(0, len(lines))]),
    FileKind("front-matter", PARTS, False, lambda lines: [(1, lines.index("---", 1))], _with_front_matter_fields),
    FileKind("component", PARTS, False,
             lambda lines: _fenced(lines, ("forum", "temaer", "kompetencehjul", "pakker", "udsagnsgrupper",
                                           "fokusfelter", "centrum", "lagmodel", "hus"))),
    FileKind("brand", BRAND, True, lambda lines: [(0, len(lines))]),
    FileKind("booklet-component", PARTS, False, lambda lines: _fenced(lines, ("forord", "faktaboks", "citat")),
             _with_booklet_components),
)}


def _pristine(kind: FileKind) -> list[str]:
    source = REPO / (kind.relative if kind.name == "brand" else
                     "tests/fixtures/mini/" + kind.relative)
    return kind.prepare(source.read_text(encoding="utf-8").split("\n"))


def _targets() -> dict[str, dict[str, list[int]]]:
    """Every line each fault applies to, by kind of file and fault."""
    targets: dict[str, dict[str, list[int]]] = {}
    for kind in FILE_KINDS.values():
        lines = _pristine(kind)
        for first, last in kind.spans(lines):
            for line in yaml_lines(lines, first, last):
                for name, fault in FAULTS.items():
                    if fault(lines, line) is not None:
                        targets.setdefault(kind.name, {}).setdefault(name, []).append(line.number)
    return targets


TARGETS = _targets()
# Draw the kind of file, then the fault, then the line: each kind and fault as often as the next,
# however many lines a file has.
DRAWS = st.sampled_from(sorted(TARGETS)).flatmap(
    lambda kind: st.sampled_from(sorted(TARGETS[kind])).flatmap(
        lambda fault: st.sampled_from(TARGETS[kind][fault]).map(lambda number: (kind, fault, number))))


def inject(root: Path, kind: FileKind, fault_name: str, number: int) -> int | None:
    lines = kind.prepare(read_lines(root, kind.relative))
    line = next(line for first, last in kind.spans(lines) for line in yaml_lines(lines, first, last)
                if line.number == number)
    new_lines, expected = FAULTS[fault_name](lines, line)
    write_lines(root, kind.relative, new_lines)
    return expected


# Where a fault has nowhere to go: a section's front matter holds single values only, and the
# manifest's one nested block is a list of plain names.
NOWHERE = {"hard_space_after_dash": {"front-matter"}, "indented_out_of_line": {"front-matter", "manifest"},
           "extra_space_after_dash": {"front-matter", "manifest"}}
DATES = {"impossible_date", "date_in_words", "impossible_month", "month_without_year", "quoted_date"}


def test_the_catalogue_covers_every_fault_in_every_kind_of_file():
    for fault in FAULTS:
        kinds = {kind for kind in TARGETS if fault in TARGETS[kind]}
        if fault in DATES:
            assert kinds == {"manifest"}, fault
        else:
            assert kinds == set(FILE_KINDS) - NOWHERE.get(fault, set()), fault
    assert len(FAULTS) >= 15 and len(FILE_KINDS) == 6


@settings(derandomize=True, max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(target=DRAWS)
def test_one_fault_gives_one_message_at_its_line(target):
    kind_name, fault_name, number = target
    kind = FILE_KINDS[kind_name]
    with tempfile.TemporaryDirectory() as folder:
        root = copy_project(Path(folder) / "projekt", own_styles=kind.own_styles)
        expected = inject(root, kind, fault_name, number)
        if expected is None:
            assert_no_error(root)
        else:
            assert_one_located_error(root, kind.relative, expected)


PAIRS = [(kind, fault, numbers[len(numbers) // 2]) for kind in sorted(TARGETS)
         for fault, numbers in sorted(TARGETS[kind].items())]


@pytest.mark.parametrize("target", PAIRS, ids=[f"{kind}-{fault}" for kind, fault, _ in PAIRS])
def test_every_fault_in_every_kind_of_file_at_one_line(target):
    """Each pair of the catalogue at least once, whatever the draws above picked."""
    test_one_fault_gives_one_message_at_its_line.hypothesis.inner_test(target=target)


def test_every_quoted_date_is_read_as_the_date(tmp_path):
    root = copy_project(tmp_path / "projekt")
    inject(root, FILE_KINDS["manifest"], "quoted_date", 5)
    from booklet.readers.project import load_project
    assert str(load_project(root).publications[0].date) == "2026-11-15"


# --- faults an author makes in _brand.yml, each at its own line -----------------------------

BRAND_CASES = [
    ("palette-name-with-æ", 16, '    blæk: "#8cc63f"', "farvenavnet 'blæk'", "'blaek'"),
    ("colour-five-digits", 19, '    ink: "#1d2a3"', "skal skrives som #rrggbb", "'#1d2a3'"),
    ("colour-unquoted-hash", 19, "    ink: #1d2a30", "har ingen værdi", "anførselstegn"),
    ("theme-colour-misspelt", 20, "  primary: petrl", "farven 'petrl' findes ikke", "mente du 'petrol'?"),
    ("font-file-missing", 39, "        - path: fonts/Lato-Bld.ttf", "findes ikke", "mente du 'fonts/Lato-Bold.ttf'?"),
    ("font-weight", 40, "          weight: 750", "vægten '750' findes ikke", "100 til 900"),
    ("font-style", 38, "          style: kursiv", "stilen 'kursiv' findes ikke", "'italic'"),
    ("base-family-without-files", 46, "    family: Lata", "skrifttypen 'Lata' har ingen filer", "'Lato'"),
    ("size-with-comma", 47, "    size: 10,5pt", "i punkter", "'10,5pt'"),
    ("unknown-top-level-key", 4, "mata:", "ukendt felt 'mata'", "mente du 'meta'?"),
    ("logo-size-misspelt", 66, "  medium: wordmerk", "logoet 'wordmerk' findes ikke", "'wordmark'"),
    ("logo-missing", 61, "      path: logo-ny.svg", "logofilen 'logo-ny.svg' findes ikke", "logo.svg"),
    ("fonts-from-google", 31, "      source: google", "hentes fra 'google'", "source: file"),
]


@pytest.mark.parametrize("line, text, says, also", [case[1:] for case in BRAND_CASES],
                         ids=[case[0] for case in BRAND_CASES])
def test_a_brand_mistake_is_told_in_danish_at_its_line(tmp_path, line, text, says, also):
    root = copy_project(tmp_path / "projekt", own_styles=True)
    lines = read_lines(root, BRAND)
    lines[line - 1] = text
    write_lines(root, BRAND, lines)
    message = assert_one_located_error(root, BRAND, line)
    assert says in message and also in message, message


def test_a_heavy_logo_and_font_are_warned_about_with_size_and_limit(tmp_path):
    from booklet.readers.limits import MAX_FONT_BYTES, MAX_LOGO_BYTES

    root = copy_project(tmp_path / "projekt", own_styles=True)
    brand = root / "styles" / "hoeje-taastrup"
    logo = (brand / "logo.svg").read_text(encoding="utf-8")
    padding = "<!-- " + "x" * (MAX_LOGO_BYTES + 100_000) + " -->"
    (brand / "logo.svg").write_text(logo.replace("</svg>", padding + "</svg>"), encoding="utf-8")
    with (brand / "fonts" / "Lato-Italic.ttf").open("ab") as font:
        font.write(b"\0" * MAX_FONT_BYTES)
    result = assert_no_error(root)
    warnings = [w for w in result.warnings if w.startswith(BRAND)]
    assert len(warnings) == 2, warnings
    logo_warning, font_warning = sorted(warnings, key=lambda w: int(w.split(":")[1]), reverse=True)
    assert logo_warning.startswith(f"{BRAND}:61: advarsel: logofilen logo.svg fylder 612 kB"), logo_warning
    assert "højst fylde 500 kB" in logo_warning
    assert font_warning.startswith(f"{BRAND}:36: advarsel: skrifttypefilen Lato-Italic.ttf fylder 2,7 MB")
    assert "højst fylde 2 MB" in font_warning


# --- a refused build leaves output/ alone (slower: only a couple of cases) -------------------

@pytest.mark.parametrize("relative, line, text", [
    (ORG, 18, "\u00a0   navn: Ledere af ledere"),
    (MANIFEST, 5, "dato: 2027-02-30"),
], ids=["hard-space-in-organisation", "impossible-date"])
def test_a_fault_stops_the_build_before_output_changes(tmp_path, relative, line, text):
    root = copy_project(tmp_path / "projekt")
    lines = read_lines(root, relative)
    lines[line - 1] = text
    write_lines(root, relative, lines)
    assert_build_refused(root, relative, line)


def test_the_readme_error_example_still_holds(tmp_path):
    """README: '.../03-sammen.md:41: fejl: niveau 'centerchf' findes ikke – mente du 'centerchef'?'."""
    root = copy_project(tmp_path / "projekt")
    lines = read_lines(root, INTRO)
    lines[21] = "::: {niveau=centerchf eksempel}"
    write_lines(root, INTRO, lines)
    message = assert_one_located_error(root, INTRO, 22)
    assert message == "niveau 'centerchf' findes ikke – mente du 'centerchef'?"
    assert run(root, "check").code == 1
