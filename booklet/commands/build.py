"""`python build.py [build]`: read, validate and write every publication in every format.

Only what changed is rendered: each output's fingerprint (booklet.fingerprint) is compared
with the previous build's, and unchanged outputs are carried over. Rendering runs in one
process per core: the HTML pages first, so the accessibility report's browser checks them
while the PDFs are laid out, then the slowest (PDF).
"""
from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..editions import FULL, ROLE, Edition, editions_for, select
from ..errors import ContentError, Problem
from ..fingerprint import job_fingerprint, publication_inputs, shared_inputs
from ..model import Publication
from ..output import OutputFile, StagedOutput, check_output_place, describe, lock_exclusively, relative_path
from ..readers.project import ProjectPaths, load_project
from ..reports.accessibility import browser_session, write_reports
from ..site.release import write_sites
from ..writers import PRINT_FORMATS, SUFFIXES, load_writer
from ..writers.html import write_assets
from .exits import BusyError, UsageError, not_found
from .workers import die_with_parent
from .selection import concerning, require


@dataclass(frozen=True)
class Job:
    publication: Publication
    edition: Edition
    format: str
    path: str
    fingerprint: str
    shared: str  # fingerprint of the code, templates and shared stylesheets the job is made with


@dataclass(frozen=True)
class BuildResult:
    files: list[OutputFile]
    rendered: list[OutputFile]
    unchanged: bool  # nothing was rendered and output/ was left as it was
    preflight: tuple[Problem, ...] = ()  # the layout preflight's warnings on the PDFs in scope


def main(root: Path, output: Path, **options) -> None:
    """The command as the user sees it: progress, then where the files are."""
    started = time.monotonic()
    progress = TerminalProgress() if sys.stdout.isatty() else None
    result = run(root, output, progress=progress, say=_say, **options)
    seconds = time.monotonic() - started
    if result.unchanged:
        print(f"Intet er ændret siden sidste byg: ingen filer bygget ({seconds:.1f} s). "
              f"Filerne ligger i {output}.")
        return
    if progress is None:
        for file in result.rendered:
            print(f"  {file.path}" + (f" ({file.pages} sider)" if file.pages else ""))
    carried = len(result.files) - len(result.rendered)
    print(f"Færdig på {seconds:.1f} s: {len(result.rendered)} filer bygget"
          + (f", {carried} uændrede" if carried else "") + f". Filerne ligger i {output}; "
          f"oversigt i {output / 'manifest.json'}. Se det hele i en browser: {output / 'site' / 'index.html'}")


def _say(line: str) -> None:
    print(line, flush=True)  # at once, also into a pipe: a script sees the build has started


class TerminalProgress:
    """A progress bar for an author at a terminal (rich)."""

    def start(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(TextColumn("Bygger"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                             TextColumn("{task.description}"), transient=True)
        self._task = self._bar.add_task("", total=total)
        self._bar.start()

    def advance(self, path: str) -> None:
        self._bar.update(self._task, advance=1, description=path)

    def stop(self) -> None:
        self._bar.stop()


def run(root: Path, output: Path, only: tuple[str, ...] | None = None, jobs: int | None = None,
        formats: tuple[str, ...] | None = None, variants: tuple[str, ...] | None = None,
        say: Callable[[str], None] = print, progress=None) -> BuildResult:
    """Build into `output`; `only`, `formats` and `variants` narrow the build, and the rest of
    the previous output is kept. Raises UsageError for names that do not exist, BusyError while
    another build holds the folder, ContentError for errors in the content."""
    asked_formats = formats
    formats = formats or tuple(SUFFIXES)
    wrong = [name for name in formats if name not in SUFFIXES]
    if wrong:
        raise UsageError(" ".join(not_found("formatet", name, SUFFIXES) for name in wrong))
    if only:
        require(root, only)
    check_output_place(output, root)
    # Every publication is read, also for a narrowed build: the site and the shared assets
    # describe all of output/, not just what this build renders.
    project = load_project(root)
    chosen = [p for p in project.publications if not only or p.id in only]
    work = _plan(project, root, formats, variants, only)
    never_made = _check_variants(chosen, asked_formats, variants, work)
    print_warnings = _check_print_images(chosen, formats)
    # Reading needs no lock (a build writes nothing in content/), and a wrong command line is
    # answered before the lock file is made, so it leaves no trace.
    with _only_build(output):
        say(f"Bygger publikationerne i {root / 'content'} ...")
        for warning in concerning(project.warnings, root, only, chosen) if only else project.warnings:
            say(str(warning))
        for line in never_made:
            say(f"advarsel: {line}")
        for warning in print_warnings:
            say(str(warning))
        return _write(root, output, project, work, only, formats, variants, jobs, progress, say)


def _write(root, output, project, work, only, formats, variants, jobs, progress, say) -> BuildResult:
    staged = StagedOutput(output, root)
    with staged as staging:
        def in_scope(entry) -> bool:
            return ((not only or entry.publication in only) and entry.format in formats
                    and (not variants or entry.variant in variants))

        staged.keep_outside(in_scope)
        todo = [job for job in work if staged.reuse(job.path, job.fingerprint) is None]
        for brand in {p.brand.id: p.brand for p in project.publications}.values():
            write_assets(brand, ProjectPaths(root).styles, staging)
        # The accessibility report runs axe on every HTML page it reports on; a page is checked
        # in the browser the moment it is written, while the workers lay out the PDFs.
        pages_written = any(job.format == "html" for job in todo)
        with browser_session() if pages_written else contextlib.nullcontext() as axe:
            def written(job: Job) -> None:
                if axe is not None and job.format == "html":
                    axe.check_soon(staging / job.path)

            rendered = _render_all(root, staging, todo, jobs, progress, written)
            for job, (file, findings) in rendered:
                staged.add(file, job.fingerprint)
                if findings is not None:
                    staged.record_preflight(file.path, findings)
            rendered = [(job, file) for job, (file, _) in rendered]
            # The layout preflight: shown on every build, from the PDFs made now and the ones carried over.
            preflight = preflight_warnings(project.publications, staged.files.values(), staged.preflight, in_scope)
            if any(_preflighted(entry) for entry in staged.files.values() if in_scope(entry)):
                for warning in preflight:
                    say(str(warning))
                say(preflight_summary(preflight))
            # The accessibility reports read the finished files, so they come after every format;
            # a publication's report is redone only when one of its files changed.
            reports = write_reports(project.publications, staged, staging, ProjectPaths(root),
                                    shared_fingerprint(root), only, axe)
        rendered += [(None, file) for file in reports]
        if staged.unchanged:
            staged.discard()
            return BuildResult(sorted(staged.files.values(), key=lambda f: f.path), [], True, tuple(preflight))
        # The public site only the approved publications; the internal one all (site/release.py).
        write_sites(project.publications, list(staged.files.values()), staging, ProjectPaths(root),
                    staged.fingerprints, previous=output)
        staged.commit()
    return BuildResult(sorted(staged.files.values(), key=lambda f: f.path), [f for _, f in rendered], False,
                       tuple(preflight))


# The PDF formats in the order their findings are shown: a finding the screen PDF has is not
# repeated for the print shop's PDF with the same pages; one only a print edition has (the A5
# pages of an A4 publication's booklet) says which.
PREFLIGHT_FORMATS = {"pdf": "", "pdf-print": "tryk-PDF'en", "pdf-imposed": "hæftet (A5-sider)"}


def _preflighted(entry: OutputFile) -> bool:
    return entry.format in PREFLIGHT_FORMATS


def preflight_warnings(publications, files, recorded: dict[str, list[dict]], in_scope=lambda entry: True) -> list[Problem]:
    """The recorded preflight findings of the PDFs in scope as warnings to the author: where
    the text stands in content/ (its section's file), the publication, edition and page."""
    by_id = {p.id: p for p in publications}
    seen, problems = set(), []
    chosen = sorted((entry for entry in files if _preflighted(entry) and in_scope(entry) and entry.path in recorded),
                    key=lambda e: (e.publication, e.variant, list(PREFLIGHT_FORMATS).index(e.format)))
    for entry in chosen:
        publication = by_id.get(entry.publication)
        if publication is None:
            continue
        sections = {s.anchor: s for s in publication.sections}
        # booklet.writers.preflight.Finding as recorded (read without importing the layout engine)
        for finding in recorded[entry.path]:
            page, kind, message, text = (finding.get(k) for k in ("page", "kind", "message", "text"))
            key = (entry.publication, entry.variant, page, kind, message, text)
            if key in seen:
                continue
            seen.add(key)
            section = sections.get(finding.get("section") or "")
            location = section.location if section is not None else publication.location
            where = f" i {PREFLIGHT_FORMATS[entry.format]}" if PREFLIGHT_FORMATS[entry.format] else ""
            quoted = f' ("{text}")' if text else ""
            problems.append(Problem(location, f"sideeftersyn: {entry.publication}, udgave '{entry.variant}', "
                                              f"side {page}{where}: {message}{quoted}", "advarsel"))
    return problems


def preflight_summary(warnings: list[Problem]) -> str:
    if not warnings:
        return "Sideeftersyn: ingen advarsler."
    publications = {w.message.split(",", 1)[0].removeprefix("sideeftersyn: ") for w in warnings}
    return (f"Sideeftersyn: {len(warnings)} {'advarsel' if len(warnings) == 1 else 'advarsler'} i "
            f"{len(publications)} {'publikation' if len(publications) == 1 else 'publikationer'}.")


@contextlib.contextmanager
def _only_build(output: Path):
    """One build at a time per output folder: a second one would replace the folder under the
    first. The lock is the kernel's (flock), so a build that is killed lets go of it too; the
    lock file beside the folder is removed when the build ends (a killed build's stays, empty,
    until the next build takes it)."""
    output = Path(os.path.realpath(output))  # the folder that is replaced, as the output module sees it
    lock = output.with_name(f".{output.name}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        if not lock_exclusively(descriptor, wait=False):
            os.close(descriptor)
            raise BusyError(f"et andet byg kører allerede i denne mappe ({output}); vent til det er færdigt, "
                            f"og byg så igen. {output.name}/ er ikke ændret.")
        # The build before may have removed the file between our open and our lock; then the
        # lock is on a file no one else will find, and the lock must be taken again.
        try:
            if os.stat(lock, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(descriptor)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)  # while still held, so no build can hold a lock on it meanwhile
        os.close(descriptor)


def _check_print_images(chosen, formats) -> list[Problem]:
    """Photos too coarse for the print edition at their placed size: checked from the pixel
    counts before anything is laid out, so a build for the print shop stops at once with the
    photo's line. The warnings (under 300 ppi) come back to be shown."""
    if "pdf-print" not in formats:
        return []
    from ..writers.image_copies import print_resolution

    problems = [problem for publication in chosen for problem in print_resolution(publication)]
    errors = [p for p in problems if p.severity == "fejl"]
    warnings = [p for p in problems if p.severity != "fejl"]
    if errors:
        raise ContentError(errors, warnings)
    return warnings


def _check_variants(chosen, formats, variants, work: list[Job]) -> list[str]:
    """Editions asked for that the chosen publications do not have are a usage error; so is
    asking only for combinations of edition and format that are never made. The combinations
    asked for and never made, when something else is built, come back as warnings."""
    if not variants:
        return []
    editions = {e.id: e for p in chosen for e in editions_for(p)}
    wrong = [name for name in variants if name not in editions]
    if wrong:
        where = ", ".join(p.id for p in chosen) if len(chosen) < 4 else ""
        raise UsageError(" ".join(not_found("udgaven", name, editions, where) for name in wrong))
    made = {(job.edition.id, job.format) for job in work}
    missing = [(v, f) for v in variants for f in formats or () if (v, f) not in made]
    if not missing:
        return []
    lines = [f"udgaven '{variant}' laves ikke som '{fmt}': {_made_as(variant, editions[variant])}"
             for variant, fmt in missing]
    if not work:
        raise UsageError("der er intet at bygge. " + " ".join(lines))
    return lines


def _made_as(variant: str, edition: Edition) -> str:
    if edition.kind in (FULL, ROLE):
        return f"'{variant}' findes som " + ", ".join(SUFFIXES) + "."
    printed = ", ".join(f for f in SUFFIXES if f not in PRINT_FORMATS)
    return (f"tryk og hæfte ({', '.join(PRINT_FORMATS)}) laves kun af 'samlet' og niveauernes eller "
            f"funktionernes udgaver; '{variant}' findes som {printed}.")


def _plan(project, root: Path, formats, variants, only=None) -> list[Job]:
    shared = shared_fingerprint(root)
    work = []
    for publication in project.publications:
        if only and publication.id not in only:
            continue
        inputs = publication_inputs(publication, shared)
        for edition in editions_for(publication):
            if variants and edition.id not in variants:
                continue
            model = select(publication, edition)
            for fmt in formats:
                if fmt in PRINT_FORMATS and edition.kind not in (FULL, ROLE):
                    continue  # the print shop gets the editions that are printed
                work.append(Job(model, edition, fmt, relative_path(publication.id, edition.id, SUFFIXES[fmt]),
                                job_fingerprint(inputs, edition.id, fmt), shared))
    return work


def shared_fingerprint(root: Path) -> str:
    paths = ProjectPaths(root)
    # The print edition's output intent profile (styles/icc/) shapes every print PDF like a stylesheet.
    return shared_inputs(paths.templates.resolve(), tuple(
        sorted(p.resolve() for p in [*paths.styles.glob("*.css"), *paths.styles.glob("icc/*.icc")])))


def _render_all(root: Path, staging: Path, todo: list[Job], jobs: int | None, progress,
                written: Callable[[Job], None] = lambda job: None):
    for job in todo:
        (staging / job.path).parent.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if progress is not None:
        progress.start(len(todo))
    results = []

    def done(job: Job, made: tuple[int | None, list[dict] | None]):
        pages, findings = made
        file = describe(staging, job.publication.id, job.edition.id, job.format, job.path, pages)
        results.append((job, (file, findings)))
        written(job)
        if progress is not None:
            progress.advance(job.path)

    if workers == 1:
        for job in todo:
            done(job, _render(root, staging, job))
    elif todo:
        # The HTML pages first (they take a moment each), so the browser checks them while the
        # workers go on with the slowest (PDF), and the cores stay busy to the end.
        ordered = sorted(todo, key=lambda j: (j.format != "html", not j.format.startswith("pdf")))
        with tempfile.TemporaryDirectory(prefix="booklet-arbejde-") as scratch, \
                ProcessPoolExecutor(workers, mp_context=_worker_context(), initializer=_init_worker,
                                    initargs=(root, scratch)) as pool:
            futures = {pool.submit(_render_in_worker, staging, job): job for job in ordered}
            for future in as_completed(futures):
                done(futures[future], future.result())
    if progress is not None:
        progress.stop()
    return sorted(results, key=lambda r: r[0].path)


# Workers start from a clean interpreter (forkserver), never as a fork of this process: a
# forked worker inherits whatever writers this process already holds, and WeasyPrint's font
# configuration keeps its fonts in a temporary folder that it assumes is its own. Two forked
# workers then share that folder, and the one that finds a font file already written by the
# other skips registering it, so its text falls back to a system font (DejaVu) by chance of
# timing. A forked worker also holds this process's pipe ends, so it outlives a killed build.
_PRELOADED = ("booklet.writers.pdf", "booklet.word.writer", "booklet.writers.html")


def _worker_context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(_PRELOADED))
    return context


# A process's writers, per project and format: they hold loaded templates, stylesheets and
# fonts, the costly part of a render.
_worker_writers: dict[tuple[Path, str, str], object] = {}
_worker_root: Path | None = None
# Writers hold WeasyPrint font configurations, whose cleanup fails noisily if it runs while
# the interpreter is already tearing modules down; let them go while everything still works.
atexit.register(_worker_writers.clear)


def _init_worker(root: Path, scratch: str) -> None:
    global _worker_root
    die_with_parent()
    _worker_root = root
    # WeasyPrint copies fonts into temporary folders that it removes only when its font
    # configuration is collected, which a pool worker never lives to see; in the build's own
    # scratch folder they go when the build ends.
    tempfile.tempdir = scratch


def _render_in_worker(staging: Path, job: Job) -> tuple[int | None, list[dict] | None]:
    assert _worker_root is not None
    return _render(_worker_root, staging, job)


def _render(root: Path, staging: Path, job: Job) -> tuple[int | None, list[dict] | None]:
    """The file's page count (PDF), and the layout preflight's findings (PDF; None otherwise)."""
    # A writer holds compiled templates and parsed stylesheets: one made before they were
    # edited (a preview, or tests building twice in one process) must not render again.
    key = (root, job.format, job.shared)
    writer = _worker_writers.get(key)
    if writer is None:
        for stale in [k for k in _worker_writers if k[:2] == key[:2]]:
            del _worker_writers[stale]
        paths = ProjectPaths(root)
        writer = _worker_writers[key] = load_writer(job.format)(paths.templates, paths.styles)
    pages = writer.write(job.publication, job.edition, staging / job.path, staging)
    findings = getattr(writer, "findings", None)
    return pages, None if findings is None else [finding.as_dict() for finding in findings]

