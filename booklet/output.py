"""The output folder: built beside the old one and swapped in whole, with its manifest.

A build that fails half-way, or is killed, leaves the previous output/ exactly as it was:
everything is written into a staging folder, and only a finished build replaces output/.
Outputs whose inputs did not change are carried over from the previous output/ as hard
links instead of being rendered again; so are outputs outside a narrowed build's scope.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .editions import FULL

MANIFEST = "manifest.json"
# Which inputs each output was made from (path -> fingerprint); read by the next build.
BUILD_STATE = ".byggetilstand.json"


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
        self.files: dict[str, OutputFile] = {}
        self.fingerprints: dict[str, str] = {}
        if not output.exists() and self.previous.exists():
            os.replace(self.previous, output)  # a build was killed between the two renames
        self._old_files, self._old_fingerprints = self._read_previous()

    def _read_previous(self) -> tuple[dict[str, OutputFile], dict[str, str]]:
        try:
            manifest = json.loads((self.output / MANIFEST).read_text(encoding="utf-8"))
            state = json.loads((self.output / BUILD_STATE).read_text(encoding="utf-8"))
            names = {f.name for f in fields(OutputFile)}
            files = {e["path"]: OutputFile(**{k: v for k, v in e.items() if k in names})
                     for e in manifest["files"]}
            return files, dict(state)
        except (OSError, ValueError, KeyError, TypeError):
            return {}, {}  # no usable previous build: everything is rendered

    def __enter__(self) -> Path:
        shutil.rmtree(self.staging, ignore_errors=True)  # what a killed build left behind
        self.staging.mkdir(parents=True)
        return self.staging

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.staging, ignore_errors=True)

    def reuse(self, path: str, fingerprint: str) -> OutputFile | None:
        """Carry an unchanged output over from the previous build, if it has one."""
        if self._old_fingerprints.get(path) != fingerprint or path not in self._old_files:
            return None
        if not self._carry(path):
            return None
        self.add(self._old_files[path], fingerprint)
        return self._old_files[path]

    def keep_outside(self, in_scope) -> None:
        """Carry over every previous output that this (narrowed) build does not make."""
        for path, entry in self._old_files.items():
            if not in_scope(entry) and self._carry(path):
                self.add(entry, self._old_fingerprints.get(path, ""))

    def _carry(self, path: str) -> bool:
        return carry(self.output / path, self.staging / path)

    def add(self, file: OutputFile, fingerprint: str) -> None:
        self.files[file.path] = file
        self.fingerprints[file.path] = fingerprint

    @property
    def unchanged(self) -> bool:
        """The build made exactly what output/ already holds, from the same inputs."""
        return self.files == self._old_files and self.fingerprints == self._old_fingerprints

    def commit(self) -> None:
        manifest = {"files": [asdict(self.files[p]) for p in sorted(self.files)]}
        _write_json(self.staging / MANIFEST, manifest)
        _write_json(self.staging / BUILD_STATE, dict(sorted(self.fingerprints.items())))
        shutil.rmtree(self.previous, ignore_errors=True)
        if self.output.exists():
            os.replace(self.output, self.previous)
        os.replace(self.staging, self.output)
        shutil.rmtree(self.previous, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def carry(source: Path, target: Path) -> bool:
    """Put an existing file at `target` without a second copy (a hard link; a copy where the file
    system has none). False when there is no `source`."""
    if not source.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return True


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
