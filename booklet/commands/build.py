"""`python build.py [build]`: read, validate and write every publication in every format."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..editions import FULL, ROLE, Edition, editions_for, select
from ..model import Publication
from ..output import OutputFile, StagedOutput, describe, relative_path
from ..readers.project import ProjectPaths, load_project
from ..writers import PRINT_FORMATS, SUFFIXES, load_writer


@dataclass(frozen=True)
class Job:
    publication: Publication
    edition: Edition
    format: str
    path: str


def run(root: Path, output: Path, only: str | None = None, jobs: int | None = None,
        formats: tuple[str, ...] = tuple(SUFFIXES), say=print) -> list[OutputFile]:
    project = load_project(root, only=only)
    for warning in project.warnings:
        say(str(warning))
    work = [
        Job(edition_model, edition, fmt, relative_path(pub.id, edition.id, SUFFIXES[fmt]))
        for pub in project.publications
        for edition in editions_for(pub)
        for edition_model in [select(pub, edition)]
        for fmt in formats
        if fmt not in PRINT_FORMATS or edition.kind in (FULL, ROLE)
    ]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    staged = StagedOutput(output)
    with staged as staging:
        for job in work:
            (staging / job.path).parent.mkdir(parents=True, exist_ok=True)
        if workers == 1:
            results = [_render(root, staging, job) for job in work]
        else:
            # Slowest first (PDF), so the cores stay busy to the end.
            ordered = sorted(work, key=lambda j: not j.format.startswith("pdf"))
            with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(root,)) as pool:
                results = list(pool.map(_render_in_worker, [staging] * len(ordered), ordered))
        files = []
        for job, pages in results:
            files.append(describe(staging, job.publication.id, job.edition.id, job.format, job.path, pages))
            detail = f" ({pages} sider)" if pages else ""
            say(f"  {job.path}{detail}")
        staged.commit(files)
    return files


_worker_writers: dict[str, object] = {}
_worker_root: Path | None = None


def _init_worker(root: Path) -> None:
    global _worker_root
    _worker_root = root


def _render_in_worker(staging: Path, job: Job):
    assert _worker_root is not None
    return _render(_worker_root, staging, job)


def _render(root: Path, staging: Path, job: Job):
    writer = _worker_writers.get(job.format)
    if writer is None:
        paths = ProjectPaths(root)
        writer = _worker_writers[job.format] = load_writer(job.format)(paths.templates, paths.styles)
    pages = writer.write(job.publication, job.edition, staging / job.path, staging)
    return job, pages
