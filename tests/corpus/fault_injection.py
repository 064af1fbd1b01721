"""Inject one fault into a copy of the mini fixture and assert what the author is told.

The small API the fault-catalogue tests share:

    root = copy_project(tmp_dir, own_styles=False)     # a fresh mini project
    lines = read_lines(root, relative)                 # the file's lines, 1-based by index + 1
    replace_line(root, relative, line, "new text")     # line is 1-based
    insert_lines(root, relative, line, ["a", "b"])     # the new lines start at `line`
    message = assert_one_located_error(root, relative, line)
    assert_no_error(root)
    assert_build_refused(root, relative, line)         # slower: a real build, output/ untouched

Every run is in-process (`booklet.cli.main`), with the working folder set to the project so the
paths in messages are the ones an author sees (`content/...:12: fejl: ...`).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from booklet.cli import main

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini" / "content"

PUB = "content/publikationer/mini"
MANIFEST = f"{PUB}/publikation.yml"
INTRO = f"{PUB}/01-indledning.md"
PARTS = f"{PUB}/02-komponenter.md"
ORG = "content/organisationer/testkommune.yml"
BRAND = "styles/hoeje-taastrup/_brand.yml"


def copy_project(target: Path, own_styles: bool = False) -> Path:
    """The mini project in `target` (created). Templates are linked to the repository's; styles
    too, unless `own_styles`, which copies them so `_brand.yml` and its assets may be changed."""
    target.mkdir(parents=True)
    shutil.copytree(MINI, target / "content")
    (target / "templates").symlink_to(REPO / "templates", target_is_directory=True)
    if own_styles:
        shutil.copytree(REPO / "styles", target / "styles", symlinks=True)
    else:
        (target / "styles").symlink_to(REPO / "styles", target_is_directory=True)
    return target


def read_lines(root: Path, relative: str) -> list[str]:
    return (root / relative).read_text(encoding="utf-8").split("\n")


def write_lines(root: Path, relative: str, lines: list[str]) -> None:
    path = root / relative
    if path.is_symlink():
        raise AssertionError(f"{relative} is the repository's own file; use copy_project(own_styles=True)")
    path.write_text("\n".join(lines), encoding="utf-8")


def replace_line(root: Path, relative: str, line: int, text: str) -> None:
    lines = read_lines(root, relative)
    assert 1 <= line <= len(lines), f"{relative} has no line {line}"
    lines[line - 1] = text
    write_lines(root, relative, lines)


def insert_lines(root: Path, relative: str, line: int, new: list[str]) -> None:
    """Insert `new` so that its first line becomes line `line` of the file."""
    lines = read_lines(root, relative)
    assert 1 <= line <= len(lines) + 1, f"{relative} has no line {line}"
    lines[line - 1:line - 1] = new
    write_lines(root, relative, lines)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if ": fejl: " in line]

    @property
    def warnings(self) -> list[str]:
        return [line for line in (self.out + self.err).splitlines() if ": advarsel: " in line]


def run(root: Path, *command: str) -> Run:
    """`build.py --rod root <command>` in this process, from inside the project folder."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--rod", str(root), *command])
    return Run(code, out.getvalue(), err.getvalue())


# A sentence ends in . ? or !, optionally followed by a closing quote or bracket; a message may
# also end in a list of valid values, which itself ends with a full stop.
_SENTENCE_END = re.compile(r"[.?!]['\")]?$")


def assert_danish_sentences(message: str) -> None:
    """Every sentence ends with a full stop: the message, and the text before 'Gyldige værdier:'."""
    assert _SENTENCE_END.search(message.rstrip()), f"the message does not end a sentence: {message!r}"
    before, found, _ = message.partition(" Gyldige værdier:")
    if found:
        assert _SENTENCE_END.search(before.rstrip()), f"no full stop before 'Gyldige værdier:': {message!r}"
    # The parsers' and pydantic's English, leaking through untranslated.
    for english in ("Traceback", "Uventet fejl", "Input should", "validation error", "while scanning",
                    "while parsing", "could not find", "mapping values", "found character"):
        assert english not in message, f"{english!r} in {message!r}"


def _assert_clean(result: Run) -> None:
    everything = result.out + result.err
    assert "Traceback" not in everything, everything
    assert "Uventet fejl" not in everything, everything


def assert_one_located_error(root: Path, relative: str, line: int, command: str = "check") -> str:
    """`check` (or `build ...`) stops with exactly one error, at `relative:line`, in Danish.
    Returns the message after 'fejl: ' for further assertions."""
    result = run(root, *command.split())
    _assert_clean(result)
    assert result.code == 1, f"exit code {result.code}\n{result.out}{result.err}"
    assert len(result.errors) == 1, f"expected one error at {relative}:{line}, got:\n{result.err}"
    where, _, message = result.errors[0].partition(": fejl: ")
    assert where == f"{relative}:{line}", f"expected {relative}:{line}, got {result.errors[0]}"
    assert_danish_sentences(message)
    return message


def assert_no_error(root: Path) -> Run:
    """`check` passes (warnings allowed, each of them clean Danish too)."""
    result = run(root, "check")
    _assert_clean(result)
    assert result.code == 0, f"exit code {result.code}\n{result.out}{result.err}"
    assert not result.errors, result.err
    return result


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def seed_output(root: Path) -> Path:
    """A stand-in for an earlier build's output/, to prove a refused build leaves it alone."""
    output = root / "output"
    (output / "mini").mkdir(parents=True, exist_ok=True)
    (output / "manifest.json").write_text('{"files": []}\n', encoding="utf-8")
    (output / "mini" / "mini.pdf").write_bytes(b"%PDF- forrige udgave")
    return output


def assert_build_refused(root: Path, relative: str, line: int, *build_args: str) -> str:
    """`build` stops with the one located error and output/ is byte-identical afterwards."""
    output = seed_output(root)
    before = snapshot(output)
    message = assert_one_located_error(root, relative, line,
                                       " ".join(("build", *(build_args or ("--format", "html")))))
    assert snapshot(output) == before, "a refused build changed output/"
    return message
