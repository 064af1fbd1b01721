"""Mistakes on the command line: a Danish sentence naming the nearest valid value, exit code 2,
never called an error in the content, never a traceback, and nothing built or changed."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from booklet.cli import build_parser, main
from booklet.commands import exits

ENGLISH = ("usage:", "error:", "invalid choice", "unrecognized", "the following arguments", "expected one",
           "Traceback", "show this help")


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """The exit code a shell sees (argparse ends with SystemExit), and what was printed."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(mini_project, monkeypatch) -> Path:
    monkeypatch.chdir(mini_project)
    return mini_project


@pytest.mark.parametrize(("argv", "says"), [
    (["build", "--format", "word"], "formatet 'word' findes ikke – mente du 'docx'?"),
    (["build", "--format", "pdff"], "formatet 'pdff' findes ikke – mente du 'pdf'?"),
    (["build", "--format", "xyz"], "formatet 'xyz' findes ikke. Gyldige værdier: 'pdf', "),
    (["--format", "word"], "formatet 'word' findes ikke – mente du 'docx'?"),
    (["bild"], "kommandoen 'bild' findes ikke – mente du 'build'?"),
    (["mini"], "kommandoen 'mini' findes ikke. Gyldige værdier: 'build', 'check', 'diff', 'serve', 'new', "
               "'import', 'skabelon', 'publish'. Er 'mini' en publikation, så byg den med "
               "'python build.py build mini'."),
    (["build", "--outpt", "x"], "ukendt tilvalg '--outpt' – mente du '--output'?"),
    (["check", "mini", "--format", "html"], "ukendt tilvalg '--format' her; det hører til kommandoen 'build'"),
    (["check", "mini", "--formt", "html"], "ukendt tilvalg '--formt'."),
    (["serve", "ekstra"], "uventet argument 'ekstra'"),
    (["check", "--port", "8001"], "ukendt tilvalg '--port' her; det hører til kommandoen 'serve' "
                                  "('python build.py serve --port ...')."),
    (["build", "--format"], "mangler en værdi efter --format."),
    (["build", "--jobs", "mange"], "antallet af processer skal være et helt tal; her står 'mange'."),
    (["build", "--jobs", "0"], "antallet af processer skal være mindst 1; her står '0'."),
    (["serve", "--port", "80000"], "porten skal være et tal fra 1 til 65535; her står '80000'."),
    (["serve", "--port", "0"], "porten skal være et tal fra 1 til 65535"),
    (["new", "strategibrev", "--from", "mini", "--year", "27"],
     "året skal skrives med fire cifre mellem 2000 og 2100; her står '27' – mente du 2027?"),
    (["new", "strategibrev", "--from", "mini", "--year", "3027"], "mellem 2000 og 2100; her står '3027'."),
    (["new", "strategibrev", "--year", "2027"], "mangler argument: --from."),
    (["diff", "mini"], "diff skal have to eller tre navne; her står kun 'mini'. Skriv 'python build.py diff "
                       "PUBLIKATION_A PUBLIKATION_B'"),
    (["diff", "mini", "centerchef"], "'centerchef' er en udgave, ikke en publikation; skriv to udgaver for at "
                                     "sammenligne udgaver: diff mini samlet centerchef."),
    (["diff", "mini", "minii"], "publikationen 'minii' findes ikke – mente du 'mini'?"),
    (["diff", "mini", "mini"], "'mini' står to gange"),
    (["diff", "mini", "samlet", "centerchef", "--side", "x.html"], "--side kan kun bruges, når to publikationer"),
    (["new", "strategibrv", "--from", "mini", "--year", "2027"], "typen 'strategibrv' findes ikke – mente du "
                                                                 "'strategibrev'?"),
    (["new", "strategibrev", "--from", "minni", "--year", "2027"], "publikationen 'minni' findes ikke – mente du "
                                                                   "'mini'?"),
    (["check", "minni"], "publikationen 'minni' findes ikke – mente du 'mini'?"),
    (["check", "--only", "minni"], "publikationen 'minni' findes ikke – mente du 'mini'?"),
    (["build", "minni", "--format", "html"], "publikationen 'minni' findes ikke – mente du 'mini'?"),
    (["diff", "mini", "samlet", "centerchf"], "udgaven 'centerchf' findes ikke – mente du 'centerchef'?"),
    (["build", "--variant", "centerchf", "--format", "html"], "udgaven 'centerchf' findes ikke i mini – mente du "
                                                              "'centerchef'?"),
    (["build", "--variant", "matrix", "--format", "haefte"],
     "der er intet at bygge. udgaven 'matrix' laves ikke som 'pdf-imposed': tryk og hæfte"),
])
def test_a_wrong_command_line_is_a_usage_error_in_danish(project, capsys, argv, says):
    (project / "output").mkdir()
    before = snapshot(project)
    code, out, err = run_cli(capsys, *argv)
    assert code == exits.USAGE == 2, out + err
    assert says in err, err
    assert "fejl i indholdet" not in out + err
    for english in ENGLISH:
        assert english not in out + err, (english, err)
    assert snapshot(project) == before, "nothing is built, copied or created"
    assert sorted(p.name for p in project.iterdir()) == ["content", "output", "styles", "templates"]


@pytest.mark.parametrize("command", [["build"], ["check"], ["serve"], ["new", "folder", "--from", "mini", "--year", "2030"],
                                     ["diff", "mini", "samlet", "matrix"]])
def test_a_folder_that_is_not_a_project_is_a_usage_error(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "--rod", str(tmp_path / "findes-ikke"), *command)
    assert code == exits.USAGE, err
    assert f"projektmappen {tmp_path / 'findes-ikke'} findes ikke. Kør kommandoen i projektets mappe" in err
    code, out, err = run_cli(capsys, *command)
    assert code == exits.USAGE, err
    assert f"{tmp_path} har ingen content/-mappe, så det er ikke projektets mappe." in err
    assert list(tmp_path.iterdir()) == []


def test_the_print_file_names_are_format_names():
    args = build_parser().parse_args(["build", "--format", "tryk", "--format", "haefte", "--format", "pdf"])
    assert args.formats == ["pdf-print", "pdf-imposed", "pdf"]


def test_publications_are_given_as_arguments_or_with_only():
    args = build_parser().parse_args(["build", "a", "b", "--only", "c", "--only", "a"])
    assert (args.publications, args.only) == (["a", "b"], ["c", "a"])
    args = build_parser().parse_args(["check", "a", "--only", "b"])
    assert (args.publications, args.only) == (["a"], ["b"])


def test_without_a_command_the_options_are_the_builds(project, capsys):
    code, out, err = run_cli(capsys, "--only", "minni")
    assert code == exits.USAGE
    assert "build.py build: fejl: publikationen 'minni' findes ikke – mente du 'mini'?" in err


def test_help_is_danish(capsys):
    code, out, _ = run_cli(capsys, "build", "--help")
    assert code == 0
    assert out.startswith("brug: build.py build")
    assert "haefte" in out and "kan gentages" in out
    for english in ENGLISH:
        assert english not in out
    code, out, _ = run_cli(capsys, "--help")
    assert "Afslutningskoder: 0 færdig, 1 fejl i indholdet, 2 forkert kommandolinje" in out


def add_second_publication(project: Path) -> Path:
    """`mini2`: a copy of mini whose first section is marked for revision (a warning)."""
    second = project / "content/publikationer/mini2"
    shutil.copytree(project / "content/publikationer/mini", second)
    section = second / "01-indledning.md"
    section.write_text(section.read_text(encoding="utf-8").replace(
        "titel: Indledning", 'titel: Indledning\nrevideres: "Gennemskriv."', 1), encoding="utf-8")
    # Being revised, so not approved (an approved publication with the marker is an error).
    manifest = second / "publikation.yml"
    manifest.write_text("\n".join(line for line in manifest.read_text(encoding="utf-8").split("\n")
                                  if not line.startswith(("status:", "godkendt_"))) + "status: til-godkendelse\n",
                        encoding="utf-8")
    return second


def test_check_reports_only_on_the_publications_named(project, capsys):
    add_second_publication(project)
    code, out, err = run_cli(capsys, "check")
    assert code == 0, err
    assert "mini2/01-indledning.md:3: advarsel: afsnittet er markeret til revision" in out
    assert "2 publikationer" in out

    code, out, err = run_cli(capsys, "check", "mini")
    assert code == 0, err
    assert "mini2" not in out + err
    assert "Tjek færdigt: 1 publikationer, ingen fejl" in out

    code, out, err = run_cli(capsys, "check", "mini", "--only", "mini2")
    assert "mini2/01-indledning.md:3: advarsel" in out
    assert "2 publikationer" in out


def test_check_of_one_publication_says_nothing_of_another_ones_spelling(project, capsys):
    from tools import require

    require("hunspell", "hunspell-da")
    second = project / "content/publikationer/mini2"
    shutil.copytree(project / "content/publikationer/mini", second)
    section = second / "01-indledning.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nEt stavefejlsordxq her.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "check")
    assert "'stavefejlsordxq' står ikke i den danske ordbog" in out, out + err
    code, out, err = run_cli(capsys, "check", "mini")
    assert code == 0, err
    assert "stavefejlsordxq" not in out + err and "mini2" not in out + err


def test_check_of_one_publication_does_not_stop_at_errors_in_another(project, capsys):
    second = add_second_publication(project)
    (second / "publikation.yml").write_text(
        (second / "publikation.yml").read_text(encoding="utf-8").replace("titel:", "titl:", 1), encoding="utf-8")
    code, out, err = run_cli(capsys, "check")
    assert code == exits.CONTENT_ERRORS
    assert "mini2/publikation.yml" in err
    code, out, err = run_cli(capsys, "check", "mini")
    assert code == 0, err
    assert "mini2" not in out + err


def test_a_narrowed_build_prints_no_other_publications_warnings(project, capsys):
    add_second_publication(project)
    code, out, err = run_cli(capsys, "build", "mini", "--format", "html", "--variant", "samlet")
    assert code == 0, err
    assert "mini2" not in out + err
    assert (project / "output/mini/mini.html").is_file()
    assert not (project / "output/mini2").exists()


def test_a_combination_that_is_never_made_is_named_and_the_rest_is_built(project, capsys):
    code, out, err = run_cli(capsys, "build", "--variant", "samlet", "--variant", "matrix",
                             "--format", "haefte", "--format", "html")
    assert code == 0, err
    assert ("advarsel: udgaven 'matrix' laves ikke som 'pdf-imposed': tryk og hæfte (pdf-print, pdf-imposed) "
            "laves kun af 'samlet' og niveauernes eller funktionernes udgaver; 'matrix' findes som pdf, docx, "
            "html.") in out
    built = sorted(p.name for p in (project / "output/mini").iterdir())
    assert built == ["mini-haefte.pdf", "mini-matrix.html", "mini-tilgaengelighed.html", "mini.html"]


def test_a_fault_in_the_tool_has_its_own_exit_code_and_debug_shows_where(project, capsys, monkeypatch):
    from booklet.commands import check

    def broken(*_args, **_kwargs):
        raise RuntimeError("intern fejl til testen")

    monkeypatch.setattr(check, "run", broken)
    code, out, err = run_cli(capsys, "check")
    assert code == exits.INTERNAL == 4
    assert "Uventet fejl: RuntimeError: intern fejl til testen." in err
    assert "Traceback" not in err
    code, out, err = run_cli(capsys, "check", "--debug")
    assert code == exits.INTERNAL
    assert "Traceback" in err and "intern fejl til testen" in err


def test_debug_shows_the_traceback_of_a_usage_error_too(project, capsys):
    code, out, err = run_cli(capsys, "--debug", "check", "minni")
    assert code == exits.USAGE
    assert "Traceback" in err and "UsageError" in err
    assert "publikationen 'minni' findes ikke" in err


def test_the_readme_lists_every_exit_code():
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Afslutningskoder", 1)[1].split("\n\n")[2]
    listed = [int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)]
    codes = [exits.OK, exits.CONTENT_ERRORS, exits.USAGE, exits.BUSY, exits.INTERNAL, exits.INTERRUPTED]
    assert listed == codes == [0, 1, 2, 3, 4, 130]
