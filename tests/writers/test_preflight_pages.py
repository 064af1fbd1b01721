"""The layout preflight (booklet.writers.preflight): each kind of problem planted in a small
generated publication is reported with its page; the measurements on hand-made pages; the
findings recorded with the output, shown by `build` (also a build with nothing to do) and
`check`; the PDF's bytes do not depend on the preflight.

The planted problems must stay problems after the layout is improved, so the generated
project's print stylesheet ends with PLANTED: rules that take away, for the planted sections
only, what keeps them from happening (keeping lines together, hyphenation, one-line headers),
and fix the geometry of the stranded lines exactly.
"""
from __future__ import annotations

import hashlib
import shutil
import json
from pathlib import Path

import pytest
from weasyprint import HTML

from booklet.commands.build import run as build
from booklet.editions import editions_for, select
from booklet.readers.project import load_project
from booklet.writers import pdf as pdf_module
from booklet.writers import preflight as pf
from booklet.writers.pdf import PdfWriter

REPO = Path(__file__).resolve().parents[2]

FILLER = ("Ledelse handler om at skabe retning, motivation og sammenhæng i hverdagen for "
          "medarbejdere og borgere, og det kræver tid, dialog og tydelige prioriteringer. ")
# 71 letters, one word: at a heading's size wider than the A5 text area.
LONG = "Kommunalbestyrelsesmedlemsinddragelsesprocesbeskrivelsesdokumentationen"
LONG_TITLE = "Et meget langt afsnitsnavn der ikke kan stå på én linje i sidehovedet over teksten"
# A label the hub figure can only set by shrinking it (under 7 pt at the figure's own size,
# placed at 73 % on A5).
LONG_LABEL = ("Ledelsesudviklingsprogrammernes kompetenceafklaringssamtaleforløbsbeskrivelser "
              "og opfølgningsrapporter")

SECTIONS = {
    # p3: full enough
    "01-fyldt.md": ("Fyldt side", "", "\n\n".join([FILLER * 2] * 4)),
    # p4: five lines on an A5 page
    "02-kort.md": ("Kort afsnit", "ny_side: ja\n", "Kun få linjer her. " + FILLER),
    # p5: an unhyphenated 71-letter word in a heading reaches past the text area
    "03-ord.md": ("Et langt ord", "ny_side: ja\n", f"{FILLER * 3}\n\n## {LONG}\n\n{FILLER * 3}"),
    # p6: the chapter's title in the running header takes two lines
    "04-hoved.md": (LONG_TITLE, "ny_side: ja\n", "\n\n".join([FILLER * 2] * 3)),
    # p7: the hub's long label is set below 6 pt
    "05-figur.md": ("Figur", "ny_side: ja\n",
                    f"```centrum\nmidte: Kerneopgaven\nomkring: [Sammen, Udad, Indad, {LONG_LABEL}]\n```\n\n"
                    + FILLER * 3),
    # p8: a heading ends the page; its text is on p9 (which is then mostly empty)
    "06-overskrift.md": ("Overskrift nederst", "ny_side: ja\n",
                         f"{FILLER * 4}\n\n## Til sidst på siden\n\n{FILLER}"),
    # p10: the title fills all but one line of the page: the two-line paragraph under it
    # leaves one line at the foot of p10 (so the title has one line under it) and one at the
    # top of p11
    "07-enlig.md": ("Enlig linje", "ny_side: ja\n", "Ledelse handler om at skabe retning, motivation og "
                    "sammenhæng i hverdagen for medarbejdere og borgere."),
    # p12: the last page of the text, short as it may be
    "08-slut.md": ("Slut", "ny_side: ja\n", FILLER),
}

PLANTED = """
/* PLANTED (tests/writers/test_preflight_pages.py): the problems stay, whatever the layout does. */
#et-langt-ord h3 { hyphens: manual !important; overflow-wrap: normal !important; word-break: normal !important; }
.chapter-title { string-set: chapter content(); }
@page { @top-right { content: string(chapter); width: 40%; white-space: normal; } }
#overskrift-nederst h3 { break-after: page !important; }
/* A5 text area: 175 mm high. The title takes 160 mm, so one 10 mm line fits under it. */
#enlig-linje .chapter-title {
  height: 160mm; margin: 0 !important; padding: 0 !important; border: 0 !important; box-sizing: border-box;
  break-after: auto !important;
}
#enlig-linje p {
  line-height: 10mm !important; margin: 0 !important; orphans: 1 !important; widows: 1 !important;
}
"""


def make_project(root: Path) -> Path:
    """A one-publication A5 project with the problems planted, and the repository's styles and
    templates (print.css with PLANTED after it)."""
    (root / "content" / "organisationer").mkdir(parents=True)
    folder = root / "content" / "publikationer" / "eftersyn"
    folder.mkdir(parents=True)
    (root / "templates").symlink_to(REPO / "templates", target_is_directory=True)
    styles = root / "styles"
    shutil.copytree(REPO / "styles", styles, symlinks=True)  # the project reads no link out of it
    (styles / "print.css").write_text((REPO / "styles" / "print.css").read_text(encoding="utf-8") + PLANTED,
                                      encoding="utf-8")
    (root / "content" / "organisationer" / "provekommune.yml").write_text(
        "navn: Prøvekommune\nkortnavn: PK\nbrand: hoeje-taastrup\nkontakt: HR, Prøvekommune\n", encoding="utf-8")
    for name, (title, front, text) in SECTIONS.items():
        (folder / name).write_text(f"---\ntitel: {title}\n{front}---\n{text}\n", encoding="utf-8")
    (folder / "publikation.yml").write_text(
        "type: ledelsesgrundlag\norganisation: provekommune\ntitel: Eftersyn\ndato: 2016-04-24\n"
        "udgiver: Direktionen\npapir: A5\nafsnit:\n" + "".join(f"  - {name}\n" for name in SECTIONS),
        encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("eftersyn") / "projekt")


def render(root: Path, target: Path) -> PdfWriter:
    publication = load_project(root).publications[0]
    edition = editions_for(publication)[0]
    writer = PdfWriter(root / "templates", root / "styles")
    writer.write(select(publication, edition), edition, target, root)
    return writer


@pytest.fixture(scope="module")
def rendered(planted, tmp_path_factory):
    target = tmp_path_factory.mktemp("pdf") / "eftersyn.pdf"
    return render(planted, target), target


def test_each_planted_problem_is_reported_with_its_page(rendered):
    writer, _ = rendered
    found = {(f.page, f.kind): f for f in writer.findings}
    assert sorted(found) == sorted([
        (4, pf.FULLNESS),
        (5, pf.OVERFLOW),
        (6, pf.RUNNING),
        (7, pf.LABEL),
        (8, pf.HEADING),
        (9, pf.FULLNESS),
        (10, pf.HEADING),
        (10, pf.STRANDED),
        (11, pf.STRANDED),
        (11, pf.FULLNESS),
    ]), [(f.page, f.kind, f.message, f.text) for f in writer.findings]
    assert found[(4, pf.FULLNESS)].text.startswith("Kort afsnit Kun få linjer her")
    assert found[(4, pf.FULLNESS)].section == "kort-afsnit"
    assert found[(5, pf.OVERFLOW)].text.startswith(LONG[:40])
    assert "ud over højre kant af siden" in found[(5, pf.OVERFLOW)].message
    assert found[(6, pf.RUNNING)].text.startswith("Et meget langt afsnitsnavn")
    assert found[(7, pf.LABEL)].text.startswith("Ledelsesudviklingsprogrammernes")
    assert found[(8, pf.HEADING)].text == "Til sidst på siden"
    assert "side 9" in found[(8, pf.HEADING)].message
    assert found[(10, pf.HEADING)].text == "Enlig linje" and "kun én linje under sig" in found[(10, pf.HEADING)].message
    assert "nederst" in found[(10, pf.STRANDED)].message and "øverst" in found[(11, pf.STRANDED)].message
    # every finding carries the section its text stands in, where it has one
    assert {f.section for f in writer.findings} >= {"kort-afsnit", "et-langt-ord", "figur", "overskrift-nederst",
                                                     "enlig-linje"}


def test_the_preflight_leaves_the_pdf_as_it_was(rendered, planted, tmp_path, monkeypatch):
    _, measured = rendered
    monkeypatch.setattr(pdf_module, "preflight", lambda document, figures: [])
    writer = render(planted, tmp_path / "uden.pdf")
    assert writer.findings == []
    assert hashlib.sha256(measured.read_bytes()).digest() == hashlib.sha256((tmp_path / "uden.pdf").read_bytes()).digest()


# --- the measurements on hand-made pages ---------------------------------------------------

PAGE = "@page { size: 100mm 100mm; margin: 10mm; } body { font: 10pt/5mm sans-serif; margin: 0; } p { margin: 0; }"


def findings(html: str, css: str = "") -> list[pf.Finding]:
    return pf.preflight(HTML(string=f'<html lang="da"><style>{PAGE}{css}</style><body>{html}</body></html>').render())


def kinds(found: list[pf.Finding]) -> list[tuple[int, str]]:
    return [(f.page, f.kind) for f in found]


def test_fullness_is_how_far_down_the_text_reaches():
    # 80 mm text area; 5 mm lines. Page 1: 6 lines (30 mm, 37 %); page 2: the last page.
    two = '<p>' + "<br>".join(["linje"] * 6) + '</p><p style="break-before: page">slut</p>'
    assert kinds(findings(two)) == [(1, pf.FULLNESS)]
    assert findings(two)[0].message == "siden er kun 37 % fyldt"
    full = '<p>' + "<br>".join(["linje"] * 7) + '</p><p style="break-before: page">slut</p>'
    assert findings(full) == []  # 35 mm of 80: 44 %


def test_a_painted_box_counts_to_its_edge_and_a_short_last_page_is_no_finding():
    boxed = '<div style="height: 50mm; background: #eee"><p>kort</p></div><p style="break-before: page">slut</p>'
    assert findings(boxed) == []
    assert findings("<p>kun én side</p>") == []


def test_one_line_stranded_at_the_foot_and_the_top():
    lines = "<br>".join(f"linje {n}" for n in range(1, 4))
    html = f'<div style="height: 75mm"></div><p id="x">{lines}</p><p>{"<br>".join(["mere"] * 14)}</p>'
    found = findings(html, "p { orphans: 1; widows: 1; }")
    assert (1, pf.STRANDED) in kinds(found)
    assert found[0].text == "linje 1"
    html = f'<div style="height: 70mm"></div><p>{lines}</p><p style="break-before: page">slut</p>'
    found = findings(html, "p { orphans: 1; widows: 1; }")
    assert (2, pf.STRANDED) in kinds(found) and "øverst" in found[-1].message


def test_a_heading_with_under_two_lines_after_it_at_the_foot():
    html = (f'<div style="height: 66mm"></div><h3 style="margin: 0; font-size: 10pt; line-height: 5mm">Overskrift</h3>'
            f'<p>én linje</p><p style="orphans: 3">{"<br>".join(["tekst"] * 5)}</p>')
    found = findings(html)
    assert (1, pf.HEADING) in kinds(found)
    assert next(f for f in found if f.kind == pf.HEADING).text == "Overskrift"


def test_text_past_the_text_area_and_past_its_own_box():
    found = findings(f"<p style='hyphens: manual'>{LONG[:44]}</p>")
    assert kinds(found) == [(1, pf.OVERFLOW)] and "af tekstområdet" in found[0].message
    found = findings(f"<p style='hyphens: manual'>{LONG}</p>")
    assert kinds(found) == [(1, pf.OVERFLOW)] and "af siden" in found[0].message
    found = findings(f"<div style='width: 30mm'><p style='hyphens: manual'>Lederudviklingsforløbene</p></div>")
    assert kinds(found) == [(1, pf.OVERFLOW)] and "sin kasse" in found[0].message


def test_a_running_header_over_one_line():
    css = "@page { @top-center { content: 'Et langt sidehoved som ikke kan stå på én linje her'; width: 30mm; } }"
    found = findings("<p>tekst</p>", css)
    assert kinds(found) == [(1, pf.RUNNING)] and found[0].text.startswith("Et langt sidehoved")


def test_first_words_are_cut_short():
    assert pf._first_words(["en to tre fire fem seks syv otte ni ti"]) == "en to tre fire fem seks syv otte …"
    assert pf._first_words(["", "kort"]) == "kort"


# --- recorded with the output, shown by build and check --------------------------------------

def test_build_records_and_shows_the_findings_also_when_nothing_changed(planted, tmp_path, monkeypatch):
    output = tmp_path / "output"
    said: list[str] = []
    result = build(planted, output, formats=("pdf",), say=said.append)
    assert "Sideeftersyn: 10 advarsler i 1 publikation." in said
    shown = [line for line in said if ": advarsel: sideeftersyn: eftersyn, udgave 'samlet', side " in line]
    assert len(shown) == 10 and len(result.preflight) == 10
    assert any(line.startswith("content/publikationer/eftersyn/02-kort.md") or "02-kort.md" in line
               for line in shown if "side 4:" in line)
    recorded = json.loads((output / "sideeftersyn.json").read_text(encoding="utf-8"))
    assert [entry["path"] for entry in recorded["files"]] == ["eftersyn/eftersyn.pdf"]
    again: list[str] = []
    result = build(planted, output, formats=("pdf",), say=again.append)
    assert result.unchanged
    assert [line for line in again if "sideeftersyn" in line] == shown
    assert "Sideeftersyn: 10 advarsler i 1 publikation." in again

    from booklet.commands import check

    monkeypatch.chdir(planted)
    checked: list[str] = []
    # check reads output/ of the project: the build above went to another folder
    (planted / "output").symlink_to(output, target_is_directory=True)
    try:
        check.run(planted, say=checked.append)
    finally:
        (planted / "output").unlink()
    assert "Sideeftersyn fra sidste byg: 10 advarsler i 1 publikation." in checked
    assert sum("sideeftersyn: eftersyn" in line for line in checked) == 10


def test_a_running_header_wider_than_its_place():
    css = f"@page {{ @top-left {{ content: '{LONG[:20]}'; width: 20mm; }} }}"
    found = findings("<p>tekst</p>", css)
    assert kinds(found) == [(1, pf.OVERFLOW)] and "sin plads i sidehovedet" in found[0].message


def test_a_wrapping_running_header_is_one_finding_naming_its_pages():
    css = "@page { @top-center { content: 'Et langt sidehoved som ikke kan stå på én linje her'; width: 30mm; } }"
    found = findings('<p>en</p><p style="break-before: page">to</p><p style="break-before: page">tre</p>', css)
    running = [f for f in found if f.kind == pf.RUNNING]
    assert [f.page for f in running] == [1] and running[0].message.endswith("(side 1-3)")
    assert pf._ranges([7, 8, 9, 10, 12]) == "7-10, 12"
