"""Which publications a command is about: the ids given on the command line, checked against
the content, and the problems that concern those publications and no others."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..model import Publication
from ..readers.project import ProjectPaths
from ..readers.publication import MANIFEST_NAME
from .exits import UsageError, not_found


def publication_ids(root: Path) -> list[str]:
    """Every publication in the content: the folders with a publication file."""
    return sorted(p.parent.name for p in ProjectPaths(root).publications.glob(f"*/{MANIFEST_NAME}"))


def require(root: Path, asked) -> None:
    """A usage error naming each id that is not a publication, with the nearest one."""
    known = publication_ids(root)
    wrong = [name for name in asked if name not in known]
    if wrong:
        raise UsageError(" ".join(not_found("publikationen", name, known) for name in wrong))


def concerning(problems, root: Path, ids, publications: list[Publication] | None = None) -> list[Problem]:
    """The problems in the named publications' own files and in the shared files they use
    (their organisation and brand); all shared files when the publications could not be read."""
    content = ProjectPaths(root).publications.resolve()
    shared = None
    if publications is not None:
        shared = {p.organisation.location.path.resolve() for p in publications} | {
            p.brand.folder.resolve() for p in publications}
    kept = []
    for problem in problems:
        path = problem.location.path.resolve()
        try:
            owner = path.relative_to(content).parts[:1]
        except ValueError:
            owner = None
        if owner is not None:
            if owner and owner[0] in ids:
                kept.append(problem)
        elif shared is None or any(path == s or s in path.parents for s in shared):
            kept.append(problem)
    return kept
