"""What an output was made from, as one hash: its content files, the organisation, the brand,
the templates and styles, and the code. An output whose fingerprint is unchanged since the
last build is carried over instead of rendered again."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from .model import Publication

PACKAGE = Path(__file__).resolve().parent


def _hash_files(paths: Iterable[Path], digest, base: Path) -> None:
    """Names (relative to `base`, so a moved project keeps its fingerprints) and contents."""
    for path in sorted(paths):
        digest.update(os.path.relpath(path, base).encode())
        digest.update(path.read_bytes())


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def shared_inputs(templates: Path, styles_css: tuple[Path, ...]) -> str:
    """Everything every output depends on: the code, the templates and the shared stylesheets.

    Read again on every build, never cached: a process that builds twice (the tests, a
    preview) must see a template edited between the two builds."""
    digest = hashlib.sha256()
    _hash_files(_files_under(PACKAGE), digest, PACKAGE)
    _hash_files(_files_under(templates), digest, templates)
    _hash_files(styles_css, digest, templates.parent)
    return digest.hexdigest()


def publication_inputs(publication: Publication, shared: str) -> str:
    digest = hashlib.sha256(shared.encode())
    _hash_files(publication.sources, digest, publication.folder)
    organisation = publication.organisation.location.path
    _hash_files([organisation], digest, organisation.parent)
    _hash_files(_files_under(publication.brand.folder), digest, publication.brand.folder)
    return digest.hexdigest()


def job_fingerprint(publication_hash: str, edition: str, fmt: str) -> str:
    return hashlib.sha256(f"{publication_hash}:{edition}:{fmt}".encode()).hexdigest()


def source_fingerprint(publication: Publication) -> str:
    """The state of what an author edits: the publication's content files (text and pictures)
    and its organisation file (the levels its blocks are written for), and nothing else.

    Stamped into every DOCX, so the Word import can tell whether content/ changed since the
    document was exported; unlike `publication_inputs`, a new version of the tool, the
    templates or the brand leaves it alone."""
    digest = hashlib.sha256()
    organisation = publication.organisation.location.path
    files = [*publication.sources, *([organisation] if organisation.is_file() else [])]
    _hash_files([path for path in dict.fromkeys(files) if path.is_file()], digest, publication.folder)
    return digest.hexdigest()
