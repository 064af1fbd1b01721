"""Editions as a reader sees them, from the small `levels` fixture built by the real build.

The fixture (tests/fixtures/levels) has a publication with three levels (two with text in
every concretised section, one missing in a section, one declared 'ingen'), a component inside a
level block, a section without blocks, a function publication with packages per function, and
a publication without editions. Every assertion is on text read back from the files, written out
here by hand from the fixture, never derived from the model the writers were given.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, make_project
from readback import docx_text, html_headings, html_text, normalise, pdf_text

from booklet.commands.build import run
from booklet.editions import Edition, select
from booklet.errors import ContentError
from booklet.readers.project import load_project

LEVELS = ("direktion", "centerchef", "teamleder")
FUNCTIONS = ("ledere-af-ledere", "administrative-ledere")
READ = {"html": html_text, "docx": docx_text, "pdf": pdf_text}
SUFFIX = {"html": ".html", "docx": ".docx", "pdf": ".pdf"}

CORE = [
    "Kerneteksten om retning gælder alle ledere i kommunen.",
    "Kerneteksten om samarbejde handler om at lykkes sammen på tværs.",
    "Kerneteksten til sidst takker alle for et godt samarbejde.",
    # A levels publication keeps every package in every edition: packages are per function.
    "Fælles introduktion for nye ledere",
    "Netværk for ledere af ledere",
]
# Each level's own text, in the order of the sections.
OWN = {
    "direktion": ["Direktionen sætter kursen for hele kommunen hvert forår.",
                  "Direktionen mødes med de faglige organisationer hver måned."],
    "centerchef": ["Centercheferne oversætter kursen til mål for hvert center.",
                   "Centerchefen kender sine ledere personligt."],  # the component in the block
    "teamleder": ["Teamlederne holder tavlemøder med medarbejderne hver morgen."],
}
ADDRESS = {"direktion": "Til dig i Direktionen", "centerchef": "Til dig som centerchef",
           "teamleder": "Til dig som teamleder"}
NAMES = {"direktion": "Direktionen", "centerchef": "Centerchefer", "teamleder": "Teamledere"}
# The names inside a sentence ("Konkretisering for centerchefer"): the fixture's organisation marks
# no name as a proper noun (egennavn), so even Direktionen is lower-cased there.
IN_SENTENCE = {"direktion": "direktionen", "centerchef": "centerchefer", "teamleder": "teamledere"}
FUNCTION_CORE = ["Kerneteksten om udvikling gælder alle funktioner.", "Fælles pakke om trivsel",
                 "Kursus i trivselsmålinger"]
FUNCTION_OWN = {
    "ledere-af-ledere": ["Pakke om strategisk overblik", "Forløb om porteføljestyring",
                         "Som leder af ledere udvikler du dine lederes ledelse."],
    "administrative-ledere": ["Pakke om sagsbehandling og jura", "Kursus i forvaltningsret",
                              "Pakke om budgetopfølgning", "Kursus i økonomistyring",
                              "Som administrativ leder sikrer du en korrekt sagsgang."],
}
MISSING_TEAMLEDER = "Mangler: der er ikke skrevet en konkretisering for teamledere i dette afsnit."
NONE_CENTERCHEF = "Centerchefer: ingen særskilt konkretisering i dette afsnit."


def quiet(_message: str) -> None:
    pass


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The fixture built as `build` builds it: every edition as HTML and DOCX, the level and
    function editions also as PDF (a narrowed second build, which keeps the first one's files)."""
    root = make_project(tmp_path_factory.mktemp("levels") / "projekt", FIXTURES / "levels" / "content")
    output = root / "output"
    run(root, output, formats=("html", "docx"), jobs=1, say=quiet)
    run(root, output, formats=("pdf",), variants=LEVELS + FUNCTIONS, jobs=1, say=quiet)
    return output


def file_of(output: Path, publication: str, variant: str, fmt: str) -> Path:
    stem = publication if variant == "samlet" else f"{publication}-{variant}"
    return output / publication / f"{stem}{SUFFIX[fmt]}"


def text_of(output: Path, publication: str, variant: str, fmt: str) -> str:
    return normalise(READ[fmt](file_of(output, publication, variant, fmt)))


def contains(text: str, phrase: str) -> bool:
    return normalise(phrase) in text


def test_manifest_lists_every_edition_by_its_file_name(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    listed = {(f["publication"], f["variant"], f["format"], f["path"]) for f in manifest["files"]}
    expected = set()
    for publication, roles in (("niveauer", LEVELS), ("funktioner", FUNCTIONS), ("enkel", ())):
        variants = ("samlet", *roles, "matrix", "gennemsyn") if roles else ("samlet",)
        for variant in variants:
            for fmt in ("html", "docx") + (("pdf",) if variant in roles else ()):
                path = file_of(built, publication, variant, fmt)
                expected.add((publication, variant, fmt, path.relative_to(built).as_posix()))
        expected.add((publication, "samlet", "tilgaengelighed", f"{publication}/{publication}-tilgaengelighed.html"))
    assert listed == expected
    assert all((built / path).is_file() for *_rest, path in listed)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_level_edition_holds_its_own_text_the_core_text_and_no_other_levels(built, fmt):
    for level in LEVELS:
        text = text_of(built, "niveauer", level, fmt)
        missing = [line for line in CORE + OWN[level] + [ADDRESS[level]] if not contains(text, line)]
        assert not missing, f"{level} {fmt} lacks {missing}"
        for other in LEVELS:
            if other != level:
                leaked = [line for line in OWN[other] + [ADDRESS[other]] if contains(text, line)]
                assert not leaked, f"{level} {fmt} holds {other}'s text: {leaked}"
        # Its own blocks are addressed to the reader, not labelled as someone's concretisation,
        # and neither the review edition's flags nor other levels' 'ingen' notes show.
        for absent in ("Konkretisering for", MISSING_TEAMLEDER, NONE_CENTERCHEF):
            assert not contains(text, absent), f"{level} {fmt} holds {absent!r}"


def test_level_edition_has_one_addressed_heading_per_written_block(built):
    for level in LEVELS:
        headings = html_headings(file_of(built, "niveauer", level, "html"))
        # centerchef declared 'ingen' in the second section: that section has no block for it.
        assert headings.count(ADDRESS[level]) == {"direktion": 2, "centerchef": 1, "teamleder": 1}[level]
        assert f"Udgave for {IN_SENTENCE[level]}" in html_text(file_of(built, "niveauer", level, "html"))


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_full_edition_holds_every_level_under_its_label(built, fmt):
    text = text_of(built, "niveauer", "samlet", fmt)
    for level in LEVELS:
        for line in OWN[level] + [f"Konkretisering for {IN_SENTENCE[level]}"]:
            assert contains(text, line), (fmt, line)
    assert all(contains(text, line) for line in CORE)
    assert contains(text, NONE_CENTERCHEF)
    assert not contains(text, MISSING_TEAMLEDER)  # only the review edition flags what is missing
    assert not any(contains(text, address) for address in ADDRESS.values())


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_function_edition_keeps_common_packages_and_only_its_own(built, fmt):
    for function in FUNCTIONS:
        text = text_of(built, "funktioner", function, fmt)
        missing = [line for line in FUNCTION_CORE + FUNCTION_OWN[function] if not contains(text, line)]
        assert not missing, f"{function} {fmt} lacks {missing}"
        for other in FUNCTIONS:
            if other != function:
                leaked = [line for line in FUNCTION_OWN[other] if contains(text, line)]
                assert not leaked, f"{function} {fmt} holds {other}'s packages: {leaked}"


def test_function_edition_has_each_package_once(built):
    expected = {"ledere-af-ledere": 2, "administrative-ledere": 3, "samlet": 4}
    for variant, count in expected.items():
        page = file_of(built, "funktioner", variant, "html").read_text(encoding="utf-8")
        assert page.count('<section class="package') == count, variant


class _Tables(HTMLParser):
    """The body rows of the page's tables: each row as its cells' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag in ("td", "th") and self._in_body:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_matrix(path: Path) -> list[list[str]]:
    reader = _Tables()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.rows


def docx_matrix(path: Path) -> list[list[str]]:
    (table,) = docx.Document(str(path)).tables
    assert [c.text for c in table.rows[0].cells] == ["Afsnit", *NAMES.values()]
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


# The expected matrix, cell by cell: (section, direktion, centerchef, teamleder); the section
# without blocks ('Afslutning', between the two) is not a row.
MATRIX = [
    ("Retning", OWN["direktion"][:1], OWN["centerchef"], OWN["teamleder"]),
    ("Samarbejde", OWN["direktion"][1:], [NONE_CENTERCHEF], [MISSING_TEAMLEDER]),
]


@pytest.mark.parametrize("read", [html_matrix, docx_matrix], ids=["html", "docx"])
def test_matrix_has_a_row_per_concretised_section_with_each_levels_text_in_its_cell(built, read):
    rows = read(file_of(built, "niveauer", "matrix", "html" if read is html_matrix else "docx"))
    assert [normalise(row[0]) for row in rows] == [normalise(title) for title, *_cells in MATRIX]
    every_line = [line for lines in OWN.values() for line in lines] + [NONE_CENTERCHEF, MISSING_TEAMLEDER]
    for row, (title, *cells) in zip(rows, MATRIX):
        assert len(row) == 1 + len(LEVELS), row
        for cell, expected in zip(row[1:], cells):
            text = normalise(cell)
            assert all(normalise(line) in text for line in expected), (title, cell, expected)
            assert not [line for line in every_line if line not in expected and normalise(line) in text], \
                (title, cell)
            assert normalise("Eksempel") not in text, (title, cell)


def test_function_matrix_puts_each_functions_block_in_its_column(built):
    for rows in (html_matrix(file_of(built, "funktioner", "matrix", "html")),):
        assert len(rows) == 1 and normalise(rows[0][0]) == normalise("Pakker")
        own = [normalise(rows[0][1]), normalise(rows[0][2])]
        assert normalise(FUNCTION_OWN["ledere-af-ledere"][-1]) in own[0]
        assert normalise(FUNCTION_OWN["administrative-ledere"][-1]) in own[1]
        assert normalise(FUNCTION_OWN["administrative-ledere"][-1]) not in own[0]
    text = html_text(file_of(built, "funktioner", "matrix", "html"))
    assert "Afsnit og funktioner" in text and "Oversigt: afsnit og funktioner" in text


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_review_edition_flags_the_missing_block_in_its_section(built, fmt):
    raw = READ[fmt](file_of(built, "niveauer", "gennemsyn", fmt))
    text = normalise(raw)
    assert text.count(normalise(MISSING_TEAMLEDER)) == 1
    # In 'Samarbejde', the last section (after 'Afslutning', which has no blocks): after its core text.
    flag = text.index(normalise(MISSING_TEAMLEDER))
    assert text.index(normalise(CORE[2])) < text.index(normalise(CORE[1])) < flag
    assert normalise("Mangler: der er ikke skrevet") not in text.replace(normalise(MISSING_TEAMLEDER), "")
    for lines in OWN.values():
        assert all(contains(text, line) for line in lines)
    assert contains(text, "Gennemsyn af konkretiseringer")
    assert not contains(text, "Eksempel")  # no block in the fixture is an example, flagged ones neither
    # The function publication has every block written: nothing is flagged.
    assert not contains(text_of(built, "funktioner", "gennemsyn", fmt), "Mangler: der er ikke skrevet")


def test_publication_without_variants_has_only_the_full_edition(built):
    text = text_of(built, "enkel", "samlet", "html")
    assert contains(text, "En folder uden udgaver pr. niveau.")
    assert not contains(text, "Udgave for") and not contains(text, "Samlet udgave")  # the full edition has no label
    assert sorted(p.name for p in (built / "enkel").iterdir()) == ["enkel-tilgaengelighed.html", "enkel.docx", "enkel.html"]


# --- errors inside a level block ----------------------------------------------------------


def errors_after(tmp_path: Path, relative: str, old: str, new: str) -> list[str]:
    root = make_project(tmp_path / "projekt", FIXTURES / "levels" / "content")
    path = root / "content" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_project(root)
    return [f"{p.location.path.name}:{p.location.line}: {p.message}" for p in caught.value.problems]


def test_error_in_a_component_inside_a_level_block_names_its_line(tmp_path):
    errors = errors_after(tmp_path, "publikationer/niveauer/01-retning.md",
                          "  tekst: Centerchefen kender", "  tekst: Centerchefen: kender")
    assert len(errors) == 1, errors
    assert errors[0].startswith("01-retning.md:15: "), errors
    assert "kolon midt i en tekst" in errors[0]


def test_error_in_the_text_of_a_level_block_names_its_line(tmp_path):
    errors = errors_after(tmp_path, "publikationer/niveauer/01-retning.md",
                          "Direktionen sætter kursen", "# En titel\n\nDirektionen sætter kursen")
    assert len(errors) == 1, errors
    assert errors[0].startswith("01-retning.md:7: "), errors


def test_unknown_level_names_the_opening_line(tmp_path):
    errors = errors_after(tmp_path, "publikationer/niveauer/02-samarbejde.md",
                          "{niveau=centerchef ingen}", "{niveau=centerchefer ingen}")
    assert len(errors) == 1, errors
    assert errors[0].startswith("02-samarbejde.md:10: ") and "mente du 'centerchef'?" in errors[0], errors


def test_level_block_inside_a_component_field_is_refused(tmp_path):
    errors = errors_after(tmp_path, "publikationer/funktioner/01-pakker.md",
                          "  punkter: [Kursus i forvaltningsret]",
                          "  tekst: |\n    Tekst.\n\n    ::: {funktion=ledere-af-ledere}\n    Skjult.\n    :::\n"
                          "  punkter: [Kursus i forvaltningsret]")
    assert len(errors) == 1, errors
    assert errors[0].startswith("01-pakker.md:17: "), errors
    assert "kun stå direkte i afsnittets tekst" in errors[0]


def test_an_unknown_edition_kind_is_refused(tmp_path):
    root = make_project(tmp_path / "projekt", FIXTURES / "levels" / "content")
    publication = load_project(root).publications[0]
    with pytest.raises(ValueError, match="ukendt"):
        select(publication, Edition("x", "X", "ukendt"))
