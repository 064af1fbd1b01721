"""The output folder: built beside the old one and swapped in whole, with its manifest.

A build that fails half-way, or is stopped, leaves the previous output/ exactly as it was:
everything is written into a staging folder, and only a finished build replaces output/.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from .editions import FULL

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class OutputFile:
    publication: str
    variant: str
    format: str
    path: str  # relative to output/, with '/'
    bytes: int
    sha256: str
    pages: int | None


def relative_path(publication_id: str, variant: str, suffix: str) -> str:
    stem = publication_id if variant == FULL else f"{publication_id}-{variant}"
    return f"{publication_id}/{stem}{suffix}"


def describe(root: Path, publication: str, variant: str, fmt: str, path: str, pages: int | None) -> OutputFile:
    data = (root / path).read_bytes()
    return OutputFile(publication, variant, fmt, path, len(data), hashlib.sha256(data).hexdigest(), pages)


class StagedOutput:
    """A fresh folder beside output/ that becomes output/ when the build succeeds."""

    def __init__(self, output: Path):
        self.output = output
        self.staging = output.with_name(f".{output.name}-ny")
        self.previous = output.with_name(f".{output.name}-forrige")

    def __enter__(self) -> Path:
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        return self.staging

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def commit(self, files: list[OutputFile]) -> None:
        manifest = {"files": [asdict(f) for f in sorted(files, key=lambda f: f.path)]}
        (self.staging / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        shutil.rmtree(self.previous, ignore_errors=True)
        if self.output.exists():
            os.replace(self.output, self.previous)
        os.replace(self.staging, self.output)
        shutil.rmtree(self.previous, ignore_errors=True)
