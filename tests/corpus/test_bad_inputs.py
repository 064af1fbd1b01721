"""A corpus of bad inputs: each stops the build with one located Danish message, exit 1, no
traceback, and output/ exactly as it was. Each case is one mistake made to the mini fixture."""
from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, make_project

from booklet.cli import main

PUB = "content/publikationer/mini"
ORG = "content/organisationer/testkommune.yml"
INTRO = f"{PUB}/01-indledning.md"
PARTS = f"{PUB}/02-komponenter.md"
MANIFEST = f"{PUB}/publikation.yml"


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def append(relative: str, text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        with (root / relative).open("a", encoding="utf-8") as stream:
            stream.write(text)
    return mutate


def write_bytes(relative: str, data: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / relative).write_bytes(data)
    return mutate


def delete(relative: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / relative).unlink()
    return mutate


def own_brand_file(name: str, data: bytes) -> Callable[[Path], None]:
    """Give the project its own copy of the brand, with one file replaced."""
    def mutate(root: Path) -> None:
        real = (root / "styles").resolve()
        (root / "styles").unlink()
        shutil.copytree(real, root / "styles")
        (root / "styles" / "hoeje-taastrup" / name).write_bytes(data)
    return mutate


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    where: str  # "file:line" (or just "file") the one message must start with
    says: str  # a phrase of the Danish message


NESTED = "\n".join("  " * depth + f"- niveau {depth}" for depth in range(40))

CASES = [
    Case("yaml-indentation", replace(MANIFEST, "udgiver: Direktionen", "  udgiver: Direktionen"), f"{MANIFEST}:6",
         "YAML-formatet er ugyldigt"),
    Case("yaml-colon-in-text", replace(MANIFEST, "titel: Minigrundlag", "titel: Mini: grundlag"), f"{MANIFEST}:3",
         "kolon midt i en tekst"),
    Case("yaml-tab", replace(ORG, "kortnavn: TK", "kortnavn:\tTK"), f"{ORG}:2", "tabulator"),
    Case("yaml-broken-in-component", replace(INTRO, "  tekst: Ledere er en del", "   tekst: [Ledere er en del"),
         f"{INTRO}:10", "YAML-formatet er ugyldigt"),
    Case("yaml-duplicate-key", replace(MANIFEST, "udgiver: Direktionen", "udgiver: Direktionen\nudgiver: HR"),
         f"{MANIFEST}:7", "det samme felt står to gange"),
    Case("date-as-words", replace(MANIFEST, "dato: 2016-04-24", "dato: 24. april 2016"), f"{MANIFEST}:5",
         "ÅÅÅÅ-MM-DD"),
    Case("keywords-as-mapping", replace(MANIFEST, "nøgleord: [test]", "nøgleord: {test: ja}"), f"{MANIFEST}:7",
         "skal være en liste"),
    Case("sections-as-text", replace(MANIFEST, "afsnit:\n  - 01-indledning.md\n  - 02-komponenter.md\n  - 03-indhold.md",
                                     "afsnit: 01-indledning.md"), f"{MANIFEST}:9", "skal være en liste"),
    Case("order-as-text", replace(ORG, "rækkefølge: 1", "rækkefølge: først"), f"{ORG}:10", "et helt tal"),
    Case("unknown-manifest-field", replace(MANIFEST, "undertitel:", "undertitle:"), f"{MANIFEST}:4",
         "mente du 'undertitel'?"),
    Case("unknown-front-matter-field", replace(INTRO, "titel: Indledning", "titel: Indledning\nforfatter: HR"),
         f"{INTRO}:3", "ukendt felt 'forfatter'"),
    Case("unknown-component-field", replace(PARTS, "mødes:", "møder:"), f"{PARTS}:7", "mente du 'mødes'?"),
    Case("unknown-component-kind", replace(INTRO, "```værdier", "```værdiliste"), f"{INTRO}:8",
         "ukendt komponent 'værdiliste'"),
    Case("unknown-figure-field", replace(PARTS, "midte: Kerneopgaven\nfundament", "midt: Kerneopgaven\nfundament"),
         f"{PARTS}:72", "mente du 'midte'?"),
    Case("duplicate-layer-name", replace(PARTS, "- navn: Hvor skal vi hen", "- navn: Rammen"), f"{PARTS}:65",
         "laget 'Rammen' findes allerede"),
    Case("house-with-too-many-rooms", replace(PARTS, "rum: [Performance,", "rum: [A, B, C, Performance,"),
         f"{PARTS}:71", "højst 6"),
    Case("unknown-type", replace(MANIFEST, "type: ledelsesgrundlag", "type: ledelsesgrundlg"), f"{MANIFEST}:1",
         "mente du 'ledelsesgrundlag'?"),
    Case("unknown-organisation", replace(MANIFEST, "organisation: testkommune", "organisation: testkomune"),
         f"{MANIFEST}:2", "mente du 'testkommune'?"),
    Case("duplicate-level-id", replace(ORG, "  - id: centerchef", "  - id: direktion"), f"{ORG}:11",
         "findes allerede"),
    Case("duplicate-value-name", replace(INTRO, "- navn: Professionalisme", "- navn: Helhed"), f"{INTRO}:11",
         "værdien 'Helhed' findes allerede"),
    Case("unknown-level", replace(INTRO, "{niveau=centerchef eksempel}", "{niveau=centerchefen eksempel}"),
         f"{INTRO}:22", "mente du 'centerchef'?"),
    Case("unknown-function", replace(PARTS, "funktion: ledere-af-ledere", "funktion: leder-af-ledere"),
         f"{PARTS}:36", "mente du 'ledere-af-ledere'?"),
    Case("nested-slots", replace(INTRO, "Som centerchef oversætter", "::: {niveau=direktion}\nSom centerchef oversætter"),
         f"{INTRO}:23", "inden i hinanden"),
    Case("unclosed-slot", replace(INTRO, "Som centerchef oversætter du grundlaget til dit center.\n:::",
                                  "Som centerchef oversætter du grundlaget til dit center."), f"{INTRO}:22",
         "lukkes ikke før den næste blok på linje 25"),
    Case("unclosed-fence", replace(PARTS, "ansvar: Direktionen.\n```", "ansvar: Direktionen."), f"{PARTS}:4",
         "lukkes aldrig før den næste blok på linje 13"),
    Case("heading-seven-deep", append(INTRO, "\n\n####### Alt for dyb\n"), f"{INTRO}:32", "højst '####'"),
    Case("heading-level-one", append(INTRO, "\n\n# Anden titel\n"), f"{INTRO}:32", "starter med '##'"),
    Case("deeply-nested-list", append(INTRO, "\n\n" + NESTED + "\n"), f"{INTRO}:37", "mere end 5 niveauer"),
    Case("raw-html-script", append(INTRO, "\n\n<script>alert('hej')</script>\n"), f"{INTRO}:32",
         "HTML-koder er ikke tilladt"),
    Case("javascript-link", append(INTRO, "\n\nSe [her](javascript:alert(1)).\n"), f"{INTRO}:32",
         "linket 'javascript:alert(1)' er ikke tilladt"),
    Case("link-to-missing-heading", append(INTRO, "\n\nSe [værdierne](#vaerdiet).\n"), f"{INTRO}:32",
         "mente du 'vaerdier'?"),
    Case("missing-section-file", delete(PARTS), f"{MANIFEST}:11", "findes ikke"),
    Case("empty-section-file", write_bytes(PARTS, b""), f"{PARTS}:1", "afsnittet er tomt"),
    Case("empty-manifest", write_bytes(MANIFEST, b"  \n"), f"{MANIFEST}:1", "filen er tom"),
    Case("missing-manifest", delete(MANIFEST), PUB, "har ingen publikation.yml"),
    Case("not-utf8", write_bytes(PARTS, "---\ntitel: Komponenter\n---\nLedelse på tværs.\n".encode("latin-1")),
         f"{PARTS}:4", "ikke gemt som UTF-8"),
    Case("ten-megabyte-section", write_bytes(PARTS, b"---\ntitel: Stor\n---\n" + b"Ledelse er vigtig. " * 550_000),
         PARTS, "højst fylde 1 MB"),
    Case("no-front-matter", write_bytes(PARTS, "Bare tekst uden titel.\n".encode()), f"{PARTS}:1",
         "skal starte med en linje '---'"),
    Case("slot-without-variants", replace(MANIFEST, "varianter: niveauer\n", ""), f"{INTRO}:22",
         "Tilføj 'varianter: niveauer'"),
    Case("paper-size", append(MANIFEST, "papir: A3\n"), f"{MANIFEST}:16", "A4 eller A5"),  # after the status lines
    Case("logo-not-an-image", own_brand_file("logo.svg", b"GIF89a not really"), "styles/hoeje-taastrup/_brand.yml:61",
         "er ikke et SVG-billede"),
    Case("logo-outside-the-brand", own_brand_file("_brand.yml", (Path(__file__).parents[2] / "styles/hoeje-taastrup/_brand.yml")
                                                  .read_bytes().replace(b"path: logo.svg", b"path: ../../../../etc/passwd")),
         "styles/hoeje-taastrup/_brand.yml:61", "ligger uden for brandets mappe"),
    Case("font-not-a-font", own_brand_file("fonts/Lato-Bold.ttf", b"<html>404</html>"),
         "styles/hoeje-taastrup/_brand.yml:39", "kan ikke læses som en skrifttype"),
]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project_with_output(mini_project, monkeypatch) -> Path:
    output = mini_project / "output"
    (output / "mini").mkdir(parents=True)
    (output / "manifest.json").write_text('{"files": []}\n', encoding="utf-8")
    (output / "mini" / "mini.pdf").write_bytes(b"%PDF- forrige udgave")
    monkeypatch.chdir(mini_project)
    return mini_project


def test_the_fixture_alone_builds_and_every_case_changes_it(mini_project, tmp_path, capsys):
    """Each case's error comes from its own mistake: the fixture without it builds cleanly, and
    every case really changes the files (a mistake that no longer applies would not show)."""
    code = main(["--rod", str(mini_project), "build", "--format", "html"])
    captured = capsys.readouterr()
    assert code == 0 and ": fejl: " not in captured.err, captured.err
    unchanged = []
    for case in CASES:
        project = make_project(tmp_path / case.id, REPO / "tests/fixtures/mini/content")
        before = snapshot(project / "content") | snapshot(project / "styles")
        case.mutate(project)
        if snapshot(project / "content") | snapshot(project / "styles") == before:
            unchanged.append(case.id)
    assert not unchanged
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_stops_with_one_located_message(project_with_output, case, capsys):
    before = snapshot(project_with_output / "output")
    case.mutate(project_with_output)
    code = main(["--rod", str(project_with_output), "build", "--format", "html"])
    captured = capsys.readouterr()
    assert code == 1, captured.out + captured.err
    assert "Traceback" not in captured.err
    errors = [line for line in captured.err.splitlines() if ": fejl: " in line]
    assert len(errors) == 1, captured.err
    assert errors[0].startswith(case.where + ":") or errors[0].startswith(case.where + " "), errors[0]
    assert case.says in errors[0], errors[0]
    assert snapshot(project_with_output / "output") == before


@pytest.mark.parametrize("encode", [
    pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode(), id="bom"),
    pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="crlf"),
])
def test_windows_files_read_the_same(mini_project, encode):
    from booklet.readers.project import load_project

    plain = load_project(mini_project).publications[0]
    for path in (mini_project / PUB).glob("*.*"):
        if path.suffix not in (".md", ".yml"):
            continue  # the text files: a photo has no line ends to change
        path.write_bytes(encode(path.read_text(encoding="utf-8")))
    windows = load_project(mini_project).publications[0]
    assert windows.sections == plain.sections and windows.title == plain.title
