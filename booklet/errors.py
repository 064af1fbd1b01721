"""Problems found in the content, reported to the author in Danish with file and line.

Every reader reports through a `Problems` collector instead of raising at the first
mistake, so one run of the build tells the author about everything that is wrong.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    path: Path
    line: int | None = None

    def shifted(self, lines: int) -> "Location":
        """The same file, `lines` further down (for text embedded in another file)."""
        return Location(self.path, None if self.line is None else self.line + lines)

    def __str__(self) -> str:
        shown = _display_path(self.path)
        return f"{shown}:{self.line}" if self.line is not None else shown


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    severity: str = "fejl"  # "fejl" stops the build, "advarsel" does not

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class ContentError(Exception):
    """Content that cannot be built. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        self.problems = problems
        self.warnings = warnings or []
        super().__init__("\n".join(str(p) for p in problems))


class Problems:
    """Collects problems while reading; `raise_if_errors` stops before anything is written."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message))

    def warning(self, location: Location, message: str) -> None:
        self.items.append(Problem(location, message, "advarsel"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "fejl"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "advarsel"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(sorted(self.errors, key=_reading_order), self.warnings)


def _reading_order(problem: Problem) -> tuple[str, int]:
    """File by file, top to bottom: the order an author fixes them in."""
    return str(problem.location.path), problem.location.line or 0


def shown(value: object, most: int = 60) -> str:
    """A value the author wrote, as a message quotes it: cut short, so a runaway value (a
    7 MB line, an expanded YAML alias) never floods the terminal."""
    text = str(value).replace("\n", " ")
    return text if len(text) <= most else text[:most].rstrip() + "…"


def suggestion(wrong: str, valid: list[str]) -> str:
    """The end of a sentence about a wrong name: ' – mente du 'x'?' for the nearest valid name,
    else '. Gyldige værdier: ...' listing them, else the full stop alone."""
    close = difflib.get_close_matches(wrong, valid, n=1, cutoff=0.6)
    if close:
        return f" – mente du '{close[0]}'?"
    if valid:
        return ". Gyldige værdier: " + ", ".join(f"'{v}'" for v in valid) + "."
    return "."
