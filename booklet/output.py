"""The output folder: built beside the old one and swapped in whole, with its manifest.

A build that fails half-way, or is killed, leaves the previous output/ exactly as it was:
everything is written into a staging folder, and only a finished build replaces output/.
Outputs whose inputs did not change are carried over from the previous output/ as hard
links instead of being rendered again; so are outputs outside a narrowed build's scope.

Replacing a folder deletes what was in it, so a build only ever replaces a folder that does
not exist, is empty, or holds an earlier build (recognised by the marker file every build
writes), and never the project itself, a folder above it, or one the build reads from. The
staging and previous folders beside it are claimed under names no one else holds, and a
leftover is only removed when it carries the marker and no running build holds its lock.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import stat
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .commands.exits import UsageError
from .editions import FULL

MANIFEST = "manifest.json"
# Which inputs each output was made from (path -> fingerprint); read by the next build.
BUILD_STATE = ".byggetilstand.json"
# Written first into every staging folder, so it is in every output too: the proof that a
# folder was made by a build and may be replaced by the next one. Compared byte for byte.
MARKER = ".bygget-af-booklet"
MARKER_TEXT = b"booklet: denne mappe er lavet af python build.py og erstattes helt ved hvert byg.\n"
_STAGING, _PREVIOUS = "ny", "forrige"
# The layout preflight's findings per PDF (booklet.writers.preflight), for `build` and `check`
# to show: a PDF carried over keeps the findings it was made with.
PREFLIGHT = "sideeftersyn.json"


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
    """A fresh folder beside output/ that becomes output/ when the build succeeds.

    `project` is the project's folder: output/ may never be it, lie above it, or lie in a
    folder the build reads (UsageError, before anything is touched)."""

    def __init__(self, output: Path, project: Path):
        # The folder that is actually replaced: through a symbolic link, the one it points at.
        self.output = Path(os.path.realpath(output))
        check_output_place(self.output, project)
        self.files: dict[str, OutputFile] = {}
        self.fingerprints: dict[str, str] = {}
        self._carried: set[str] = set()  # taken over from output/ as they were, not made again
        # path -> the preflight's findings (as dicts) of every PDF in the output
        self.preflight: dict[str, list[dict]] = {}
        self.staging: Path | None = None
        self._lock: int | None = None  # the staging folder's marker, locked while this build lives
        self._recover()
        self._old_files, self._old_fingerprints = self._read_previous()
        self._old_preflight = read_preflight(self.output) if self._old_files else {}

    def _recover(self) -> None:
        """Put right what a killed build left beside output/: the old output that was moved
        aside comes back if output/ is missing (killed between the two renames of the swap);
        otherwise it is an outdated copy and goes."""
        for previous in sorted(_claimed(self.output, _PREVIOUS), key=_age):
            with _unless_in_use(previous) as stale:
                if not stale:
                    continue
                if not _exists(self.output) and (previous / MANIFEST).is_file():
                    os.replace(previous, self.output)
                else:
                    shutil.rmtree(previous, ignore_errors=True)

    def _read_previous(self) -> tuple[dict[str, OutputFile], dict[str, str]]:
        if not is_build_folder(self.output):
            return {}, {}  # nothing we made: everything is rendered
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
        self.staging, self._lock = _claim(self.output, _STAGING, marked=True)
        return self.staging

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.discard()
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def reuse(self, path: str, fingerprint: str) -> OutputFile | None:
        """Carry an unchanged output over from the previous build, if it has one (a PDF only
        with its preflight findings: one without is made again)."""
        if self._old_fingerprints.get(path) != fingerprint or path not in self._old_files:
            return None
        if _preflighted(self._old_files[path]) and path not in self._old_preflight:
            return None
        if not self._carry(path):
            return None
        self._take_over(path, fingerprint)
        return self._old_files[path]

    def keep_outside(self, in_scope) -> None:
        """Carry over every previous output that this (narrowed) build does not make."""
        for path, entry in self._old_files.items():
            if not in_scope(entry) and self._carry(path):
                self._take_over(path, self._old_fingerprints.get(path, ""))

    def _take_over(self, path: str, fingerprint: str) -> None:
        self.add(self._old_files[path], fingerprint)
        if path in self._old_preflight:
            self.preflight[path] = self._old_preflight[path]
        self._carried.add(path)

    def record_preflight(self, path: str, findings: list[dict]) -> None:
        """The preflight's findings on a PDF made in this build."""
        self.preflight[path] = list(findings)

    def _carry(self, path: str) -> bool:
        assert self.staging is not None
        return carry(self.output / path, self.staging / path)

    def add(self, file: OutputFile, fingerprint: str) -> None:
        # A file made again after being carried over (a report whose files changed) is new.
        self._carried.discard(file.path)
        self.preflight.pop(file.path, None)
        self.files[file.path] = file
        self.fingerprints[file.path] = fingerprint

    @property
    def unchanged(self) -> bool:
        """The build made exactly what output/ already holds, from the same inputs. A file
        made again because it was missing from output/ is a change, even with the same bytes."""
        return (self.files == self._old_files and self.fingerprints == self._old_fingerprints
                and self._carried == set(self.files))

    def commit(self) -> None:
        assert self.staging is not None
        manifest = {"files": [asdict(self.files[p]) for p in sorted(self.files)]}
        _write_json(self.staging / MANIFEST, manifest)
        _write_json(self.staging / BUILD_STATE, dict(sorted(self.fingerprints.items())))
        preflighted = [p for p in sorted(self.preflight) if p in self.files]
        if preflighted:  # an output without PDFs has no preflight to keep
            _write_json(self.staging / PREFLIGHT, {"files": [
                {**{key: getattr(self.files[p], key) for key in ("publication", "variant", "format", "path")},
                 "findings": self.preflight[p]} for p in preflighted]})
        _check_replaceable(self.output)  # again: someone may have put files there meanwhile
        previous = None
        # The old output's marker is locked during the swap, so no other build takes the
        # moved-aside folder for a killed build's leftover in the moment between the renames.
        with _unless_in_use(self.output, wait=True):
            if _exists(self.output):
                previous, _ = _claim(self.output, _PREVIOUS, marked=False)
                os.replace(self.output, previous)  # onto the empty folder just claimed
            os.replace(self.staging, self.output)
        self.staging = None
        self._unlock()  # no longer a staging folder that a build is writing
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None


def _preflighted(file: OutputFile) -> bool:
    return file.path.endswith(".pdf")


def read_preflight(output: Path) -> dict[str, list[dict]]:
    """The preflight findings the build recorded in `output`, per PDF path ({} if none)."""
    return {entry.path: findings for entry, findings in recorded_preflight(output)}


def recorded_preflight(output: Path) -> list[tuple[OutputFile, list[dict]]]:
    """Each PDF the build recorded preflight findings for in `output` (as a manifest entry
    without size and hash) with its findings; [] if there is no record."""
    try:
        data = json.loads((output / PREFLIGHT).read_text(encoding="utf-8"))
        return [(OutputFile(e["publication"], e["variant"], e["format"], e["path"], 0, "", None),
                 [dict(f) for f in e["findings"]]) for e in data["files"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def read_build_state(output: Path) -> dict[str, str]:
    """Which inputs each output in `output` was made from (path -> fingerprint); {} if unknown."""
    try:
        return dict(json.loads((output / BUILD_STATE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


def check_output_place(output: Path, project: Path) -> None:
    """Refuse an output folder whose replacement would delete something that is not a build:
    the project or a folder above it, the folders the build reads, a folder of other files."""
    output = Path(os.path.realpath(output))
    project = Path(os.path.realpath(project))
    advice = "Vælg en anden mappe med --output, fx en ny mappe, eller byg uden --output til output/."
    if _within(project, output):
        where = "projektets mappe" if output == project else f"en mappe over projektet {project}"
        raise UsageError(f"output-mappen {output} er {where}. Et byg erstatter hele output-mappen og "
                         f"ville slette projektets filer. {advice}")
    for name in READ_FOLDERS:
        read = Path(os.path.realpath(project / name))
        if _within(output, read):
            raise UsageError(f"output-mappen {output} ligger i {name}/, som byggeriet læser fra. {advice}")
        if _within(read, output):
            raise UsageError(f"output-mappen {output} rummer {name}/ ({read}), som byggeriet læser fra, og "
                             f"et byg erstatter hele output-mappen. {advice}")
    _check_replaceable(output)


# The folders a build reads from; no output may lie in them or around them.
READ_FOLDERS = ("content", "styles", "templates")


def _check_replaceable(output: Path) -> None:
    if output.is_symlink() or (_exists(output) and not output.is_dir()):
        raise UsageError(f"output-mappen {output} er en fil, ikke en mappe. Vælg en anden mappe med --output.")
    if output.is_dir() and any(output.iterdir()) and not is_build_folder(output):
        raise UsageError(f"output-mappen {output} indeholder filer, der ikke er lavet af et byg, og et byg "
                         "erstatter hele mappen. Vælg en tom eller ny mappe med --output, eller flyt "
                         "filerne væk først.")


def is_build_folder(folder: Path) -> bool:
    """The folder was made by a build: it carries the marker, or (from before the marker was
    written) a manifest.json of exactly the build's form."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    marker = _read_regular(folder / MARKER, len(MARKER_TEXT) + 1)
    if marker is not None:
        return marker == MARKER_TEXT
    return _is_our_manifest(_read_regular(folder / MANIFEST, 64 * 1024 * 1024))


def _is_our_manifest(data: bytes | None) -> bool:
    if data is None:
        return False
    try:
        manifest = json.loads(data)
    except ValueError:
        return False
    names = {f.name for f in fields(OutputFile)}
    return (isinstance(manifest, dict) and set(manifest) == {"files"} and isinstance(manifest["files"], list)
            and all(isinstance(e, dict) and set(e) == names for e in manifest["files"]))


def _read_regular(path: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file, never through a symbolic link; None if there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, limit)
    finally:
        os.close(fd)


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _claimed(output: Path, kind: str) -> list[Path]:
    """The folders beside `output` under the names this module claims for `kind`."""
    pattern = re.compile(rf"\.{re.escape(output.name)}-{kind}(-\d+)?")
    try:
        return [p for p in output.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return []


def _age(folder: Path) -> float:
    """Newest first."""
    try:
        return -folder.stat().st_mtime
    except OSError:
        return 0.0


def _claim(output: Path, kind: str, marked: bool) -> tuple[Path, int | None]:
    """A new folder beside `output` named `.output-<kind>` (or `-2`, `-3` ... when the name is
    taken). A folder of that name that some user made is never touched; one a killed build left
    is removed and its name reused. With `marked`, the marker is written first and kept locked
    until the returned descriptor is closed, which marks the folder as in use."""
    output.parent.mkdir(parents=True, exist_ok=True)
    for number in range(1, 1000):
        candidate = output.with_name(f".{output.name}-{kind}" + (f"-{number}" if number > 1 else ""))
        if _exists(candidate):
            with _unless_in_use(candidate) as stale:
                if stale:
                    shutil.rmtree(candidate, ignore_errors=True)
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        if not marked:
            return candidate, None
        lock = os.open(candidate / MARKER, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        fcntl.flock(lock, fcntl.LOCK_EX)  # before the text: a marker that reads right is locked
        os.write(lock, MARKER_TEXT)
        return candidate, lock
    raise UsageError(f"der er for mange mapper med navnet .{output.name}-{kind} ved siden af {output}. "
                     "Ryd op i dem, eller vælg en anden mappe med --output.")


@contextmanager
def _unless_in_use(folder: Path, wait: bool = False):
    """Yields whether `folder` is a build folder that no running build holds (its marker is
    not locked), and holds the marker's lock meanwhile so no build claims it. With `wait`, waits
    for the lock instead of yielding False."""
    if not is_build_folder(folder):
        yield False
        return
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        yield True  # made before builds wrote the marker: nothing can hold it
        return
    try:
        yield lock_exclusively(fd, wait)
    finally:
        os.close(fd)


def lock_exclusively(fd: int, wait: bool) -> bool:
    """flock: the kernel lets go of it when the process ends, however it ends. False when
    another process holds it and `wait` is not set."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise
        return False
    return True


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
