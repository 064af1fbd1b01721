"""`python build.py serve`: a live preview on 127.0.0.1 while an author writes.

Every save in content/, templates/ or styles/ rebuilds the HTML of the publication it
belongs to (all of them when a template or style changes), and the open page reloads
itself: it waits on /__status, which answers the moment a newer build is ready. When the
content has errors, the page keeps its last good version and shows the errors on top, in
the same words as the terminal.

The front page lists every publication, edition and format. A PDF or DOCX is made when it
is asked for, from the last save, in a process of its own, and made again after a save for
those already opened: the HTML is never kept waiting for a PDF.
"""
from __future__ import annotations

import contextlib
import errno
import html
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from urllib.parse import parse_qs, unquote, urlsplit
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..editions import FULL, ROLE, editions_for, select
from ..errors import ContentError
from ..model import Publication
from ..output import relative_path
from ..readers.project import ProjectPaths, load_project
from ..writers import PRINT_FORMATS, SUFFIXES
from ..writers.html import HtmlWriter, write_assets
from .exits import BusyError, UsageError
from .workers import process_alive

STATUS_PATH = "/__status"
# How long /__status?efter=N waits for a build newer than N before it answers anyway.
STATUS_WAIT_SECONDS = 20
# The files made on request, in the order the front page offers them, with their names there.
DOCUMENT_FORMATS = {"pdf": "PDF", "pdf-print": "Tryk-PDF", "pdf-imposed": "Hæfte-PDF", "docx": "Word"}
WORK_FOLDER = ".arbejde"  # in the preview folder: the PDF process's temporary files
SCRIPT_PATH = "/__forhaandsvisning.js"
SCRIPT_FILE = Path(__file__).resolve().parent.parent.parent / "templates" / "preview" / "forhaandsvisning.js"
# The preview's folder in the temporary folder: `forhaandsvisning-<process id>-<random>`.
FOLDER_PREFIX = "forhaandsvisning-"
# The names the preview answers to. Any other Host header is a page elsewhere reaching this
# server through a DNS name pointed at 127.0.0.1 (DNS rebinding); it gets nothing.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


MISSING_PAGE = (
    '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Forhåndsvisning</title>'
    f'<script src="{SCRIPT_PATH}" defer></script></head><body><main><h1>Siden er ikke bygget</h1>'
    "<p>Siden findes ikke i forhåndsvisningen – måske fordi indholdet har fejl. Ret dem, så "
    "kommer siden af sig selv.</p></main></body></html>"
)


class Preview:
    """The preview folder and what the page polls: a build number and the current errors."""

    def __init__(self, root: Path, folder: Path):
        self.root = root
        self.paths = ProjectPaths(root)
        self.folder = folder
        self.version = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)  # notified when the version moves on
        self.publications: dict[str, Publication] = {}
        # The build each publication last changed in, and the one templates or styles did:
        # a document made before either is made again.
        self.publication_build: dict[str, int] = {}
        self.shared_build = 0
        self.documents = Documents(self)
        self.project = None  # the last full reading, without errors
        self.writer: HtmlWriter | None = None

    def rebuild(self, only: str | None = None) -> None:
        # Each page names the build it belongs to, so it reloads for any newer one, even one
        # that finished before the page first asked.
        build = self.version + 1
        try:
            # After a save in one publication's folder, the organisations and brands (fonts) of
            # the last full reading still hold, and so do the compiled templates.
            shared = self.project if only is not None else None
            if only is None:
                self.project = None  # until this reading succeeds: an error in a shared file stays seen
            project = load_project(self.root, only=only, shared_from=shared)
            if only is None or self.writer is None:
                self.writer = HtmlWriter(self.paths.templates, self.paths.styles)
            writer = self.writer
            writer.scripts = (f"{SCRIPT_PATH}?bygning={build}",)
            # A new dict, swapped in whole: the request threads read it while this one writes.
            publications = dict(self.publications) if only is not None else {}
            if only is None:
                # Brand assets change only with a style or organisation, never with a section.
                for brand in {p.brand.id: p.brand for p in project.publications}.values():
                    write_assets(brand, self.paths.styles, self.folder)
                self.shared_build = build
            for publication in project.publications:
                for edition in editions_for(publication):
                    target = self.folder / relative_path(publication.id, edition.id, ".html")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    writer.write(select(publication, edition), edition, target, self.folder)
                publications[publication.id] = publication
                self.publication_build[publication.id] = build
            self.publications = publications
            if only is None:
                self.project = project
            self._index()
            errors: list[str] = []
        except ContentError as exc:
            errors = [str(problem) for problem in exc.problems]
        except Exception as exc:  # noqa: BLE001 - shown in the page; the preview keeps running
            errors = [f"Uventet fejl: {exc.__class__.__name__}: {exc}"]
        with self.lock:
            self.version = build
            self.errors = errors
            self.changed.notify_all()
        if not errors:
            # After the HTML is out: the documents an author has open, made again from this save.
            self.documents.refresh_soon()

    def _index(self) -> None:
        """Every publication, with each edition's page and files; the files are made on request."""
        items = []
        for publication in sorted(self.publications.values(), key=lambda p: (p.organisation.name, p.title)):
            rows = []
            for edition in editions_for(publication):
                name = "Samlet udgave" if edition.kind == FULL else select(publication, edition).edition_label
                links = [f'<a href="{html.escape(relative_path(publication.id, edition.id, ".html"))}">HTML</a>']
                links += [f'<a href="{html.escape(relative_path(publication.id, edition.id, SUFFIXES[fmt]))}">'
                          f"{label}</a>" for fmt, label in DOCUMENT_FORMATS.items()
                          if fmt not in PRINT_FORMATS or edition.kind in (FULL, ROLE)]
                rows.append(f"<li>{html.escape(name or edition.id)}: {' · '.join(links)}</li>")
            items.append(f"<li><h2>{html.escape(publication.title)}</h2><p>{html.escape(publication.organisation.name)}"
                         f" · {html.escape(publication.id)}</p><ul>{''.join(rows)}</ul></li>")
        (self.folder / "index.html").write_text(
            '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Forhåndsvisning</title>'
            f'<script src="{SCRIPT_PATH}" defer></script></head><body><main><h1>Forhåndsvisning</h1>'
            "<p>HTML-siderne opdaterer sig selv, når du gemmer. PDF og Word laves, når du åbner dem, ud fra "
            "det du sidst har gemt; det tager et øjeblik. Genindlæs en åben PDF efter at have gemt.</p>"
            f"<ul>{''.join(items)}</ul></main></body></html>", encoding="utf-8")

    def status(self, after: int | None = None) -> bytes:
        """The build number and errors; with `after`, once there is a build newer than it (or
        after STATUS_WAIT_SECONDS), so the page hears of a new build the moment it is ready."""
        with self.lock:
            if after is not None:
                self.changed.wait_for(lambda: self.version != after, timeout=STATUS_WAIT_SECONDS)
            return json.dumps({"version": self.version, "errors": self.errors}, ensure_ascii=False).encode()


class Documents:
    """The PDF and DOCX files of the preview, made in a process of their own when asked for (so
    rendering a PDF never holds up the HTML), and made again after a save once they were opened."""

    def __init__(self, preview: Preview):
        self.preview = preview
        self.made: dict[str, tuple[int, int]] = {}  # path -> (publication build, shared build) it is from
        self.lock = threading.Lock()  # one document at a time: the machine's cores are for the HTML
        self.pool: ProcessPoolExecutor | None = None
        self.waiting = threading.Event()
        self.closed = False

    def job_for(self, path: str):
        """The build job for a site-relative path, or None when it names no document."""
        from .build import Job

        for publication in self.preview.publications.values():
            if not path.startswith(f"{publication.id}/"):
                continue
            for edition in editions_for(publication):
                for fmt in DOCUMENT_FORMATS:
                    if fmt in PRINT_FORMATS and edition.kind not in (FULL, ROLE):
                        continue
                    if relative_path(publication.id, edition.id, SUFFIXES[fmt]) == path:
                        return Job(select(publication, edition), edition, fmt, path, "",
                                   str(self.preview.shared_build))
        return None

    def _stamp(self, publication_id: str) -> tuple[int, int]:
        return self.preview.publication_build.get(publication_id, 0), self.preview.shared_build

    def ensure(self, path: str) -> str | None:
        """Make the document at `path` if it is older than the last save; an error as a sentence."""
        if self.job_for(path) is None:
            return None  # a page: never kept waiting while a document is made
        with self.lock:
            job = self.job_for(path)  # again: a save may have changed it while this waited
            stamp = self._stamp(job.publication.id)
            if self.made.get(path) == stamp and (self.preview.folder / path).is_file():
                return None
            return self._make(job, stamp)

    def _make(self, job, stamp) -> str | None:
        from .build import _init_worker, _render_in_worker, _worker_context

        if self.closed:
            return "forhåndsvisningen er ved at stoppe."
        if self.pool is None:
            scratch = self.preview.folder / WORK_FOLDER
            scratch.mkdir(exist_ok=True)
            self.pool = ProcessPoolExecutor(1, mp_context=_worker_context(), initializer=_init_worker,
                                            initargs=(self.preview.root, str(scratch)))
        (self.preview.folder / job.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.pool.submit(_render_in_worker, self.preview.folder, job).result()
        except Exception as exc:  # noqa: BLE001 - said in the page; the preview keeps running
            self.made.pop(job.path, None)
            return f"{job.path} kunne ikke laves: {exc.__class__.__name__}: {exc}"
        self.made[job.path] = stamp
        return None

    def refresh_soon(self) -> None:
        """Remake, in the background, the documents already opened whose publication changed."""
        if any(self.made.get(path) != self._stamp(path.split("/", 1)[0]) for path in list(self.made)):
            threading.Thread(target=self._refresh, daemon=True).start()

    def _refresh(self) -> None:
        for path in list(self.made):
            if self.closed:
                return
            self.ensure(path)

    def close(self) -> None:
        self.closed = True
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


def affected_publication(paths: ProjectPaths, changed: set[Path]) -> str | None:
    """The one publication all changes belong to, or None: rebuild everything."""
    owners = set()
    for path in changed:
        try:
            parts = path.resolve().relative_to(paths.publications.resolve()).parts
        except ValueError:
            return None
        owners.add(parts[0])
    return owners.pop() if len(owners) == 1 else None


def _handler(preview: Preview):
    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            if not self._from_this_machine():
                return
            address = urlsplit(self.path)
            if address.path == STATUS_PATH:
                after = parse_qs(address.query).get("efter", [""])[0]
                self._send(preview.status(int(after) if after.isdigit() else None),
                           "application/json; charset=utf-8")
                return
            if not address.path.startswith("/__"):
                problem = preview.documents.ensure(unquote(address.path).lstrip("/"))
                if problem is not None:
                    self._send(_problem_page(problem).encode(), "text/html; charset=utf-8", status=500)
                    return
            if address.path.split("?")[0] == SCRIPT_PATH:
                self._send(SCRIPT_FILE.read_bytes(), "text/javascript; charset=utf-8")
            elif not self._exists():
                # Not built (yet): a page that shows the errors and reloads once they are fixed.
                self._send(MISSING_PAGE.encode(), "text/html; charset=utf-8", status=404)
            else:
                super().do_GET()

        def do_HEAD(self):  # noqa: N802 - the http.server name
            if not self._from_this_machine():
                return
            if not self._exists():
                self.send_error(404)
            else:
                super().do_HEAD()

        def _exists(self) -> bool:
            # A name the file system refuses (over 255 bytes, a NUL byte) names no page either.
            try:
                return Path(self.translate_path(self.path)).exists()
            except (OSError, ValueError):
                return False

        def _from_this_machine(self) -> bool:
            host = (self.headers.get("Host") or "").strip().lower()
            port = self.server.server_address[1]
            if host in {f"{name}:{port}" for name in LOOPBACK_NAMES}:
                return True
            self._send(f"Forhåndsvisningen svarer kun på http://127.0.0.1:{port}/.".encode(),
                       "text/plain; charset=utf-8", status=403 if host else 400)
            return False

        def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal is for the author
            pass

    return partial(Handler, directory=str(preview.folder))


def _problem_page(problem: str) -> str:
    return ('<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Forhåndsvisning</title>'
            f'<script src="{SCRIPT_PATH}" defer></script></head><body><main><h1>Filen kunne ikke laves</h1>'
            f"<p>{html.escape(problem)}</p><p>Ret fejlen og gem, så prøv igen.</p></main></body></html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a page waiting on /__status does not hold the preview open
    def handle_error(self, request, client_address) -> None:
        # A browser that closes its connection early is normal; anything else is one line in
        # the author's terminal, not a traceback.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"Forhåndsvisningen kunne ikke svare på en forespørgsel: {error.__class__.__name__}: "
                  f"{error}.", file=sys.stderr, flush=True)


def _say(line: str) -> None:
    print(line, flush=True)  # at once, also when the terminal is a pipe


def _listen(port: int) -> _Server:
    server = _Server(("127.0.0.1", port), SimpleHTTPRequestHandler, bind_and_activate=False)
    try:
        server.server_bind()
        server.server_activate()
    except OSError as exc:
        server.server_close()
        if exc.errno == errno.EADDRINUSE:
            raise BusyError(f"porten {port} er optaget – prøv --port {port + 1 if port < 65535 else 8000}.") from exc
        if exc.errno == errno.EACCES:
            raise UsageError(f"porten {port} må kun bruges af systemets administrator – vælg en port over "
                             "1023, fx --port 8000.") from exc
        raise
    return server


@contextlib.contextmanager
def _stopped_by_signals():
    """SIGTERM and SIGHUP (a closed terminal) end the preview the way Ctrl+C does, so its
    folder is removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _remove_abandoned_folders() -> None:
    """Folders left by previews that were killed outright (kill -9), whose process is gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        # Only this user's own folders, never a link planted in a shared temporary folder.
        if (pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)) and not folder.is_symlink()
                and folder.is_dir() and folder.stat().st_uid == os.getuid()):
            shutil.rmtree(folder, ignore_errors=True)


def run(root: Path, port: int = 8000, say=_say, stop: threading.Event | None = None) -> None:
    with _stopped_by_signals():
        _serve(root, _listen(port), say, stop)


def _serve(root: Path, server: _Server, say, stop: threading.Event | None) -> None:
    from watchfiles import watch

    paths = ProjectPaths(root)
    folder = None
    preview = None
    serving = False
    announced = False
    try:
        _remove_abandoned_folders()
        folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        preview = Preview(root, folder)
        preview.rebuild()
        server.RequestHandlerClass = _handler(preview)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        serving = True
        # Empty yields every 200 ms: the first one says the watcher is running, so a save made
        # right after the address is shown is not missed.
        # A save is handed on 20 ms after the file system last stirred (watchfiles waits 50 ms by
        # default): an editor's save is one write or a write and a rename, done well within it.
        for changes in watch(paths.content, paths.templates, paths.styles, stop_event=stop,
                             yield_on_timeout=True, rust_timeout=200, step=20):
            if not announced:
                announced = True
                say(f"Forhåndsvisning: http://127.0.0.1:{server.server_address[1]}/ – siden opdaterer sig "
                    "selv, når du gemmer en fil i content/, templates/ eller styles/. Stop med Ctrl+C.")
                for line in preview.errors:
                    say(line)
            if not changes:
                continue
            changed = {Path(path) for _change, path in changes}
            preview.rebuild(affected_publication(paths, changed))
            say("Opdateret." if not preview.errors else f"{len(preview.errors)} fejl – vises også i siden:")
            for line in preview.errors:
                say(line)
    finally:
        if folder is not None and preview is not None:
            preview.documents.close()
        if serving:
            server.shutdown()
        server.server_close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
