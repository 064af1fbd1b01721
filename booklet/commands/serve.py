"""`python build.py serve`: a live preview of the HTML on 127.0.0.1 while an author writes.

Every save in content/, templates/ or styles/ rebuilds the HTML of the publication it
belongs to (all of them when a template or style changes), and the open page reloads
itself. When the content has errors, the page keeps its last good version and shows the
errors on top, in the same words as the terminal.
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
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..editions import editions_for, select
from ..errors import ContentError
from ..output import relative_path
from ..readers.project import ProjectPaths, load_project
from ..writers.html import HtmlWriter, write_assets
from .exits import BusyError, UsageError
from .workers import process_alive

STATUS_PATH = "/__status"
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

    def rebuild(self, only: str | None = None) -> None:
        # Each page names the build it belongs to, so it reloads for any newer one, even one
        # that finished before the page first asked.
        build = self.version + 1
        try:
            project = load_project(self.root, only=only)
            writer = HtmlWriter(self.paths.templates, self.paths.styles, scripts=(f"{SCRIPT_PATH}?bygning={build}",))
            for publication in project.publications:
                write_assets(publication.brand, self.paths.styles, self.folder)
                for edition in editions_for(publication):
                    target = self.folder / relative_path(publication.id, edition.id, ".html")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    writer.write(select(publication, edition), edition, target, self.folder)
            self._index(project.publications if only is None else None)
            errors: list[str] = []
        except ContentError as exc:
            errors = [str(problem) for problem in exc.problems]
        except Exception as exc:  # noqa: BLE001 - shown in the page; the preview keeps running
            errors = [f"Uventet fejl: {exc.__class__.__name__}: {exc}"]
        with self.lock:
            self.version = build
            self.errors = errors

    def _index(self, publications) -> None:
        if publications is None:
            return
        links = "".join(f'<li><a href="{html.escape(relative_path(p.id, "samlet", ".html"))}">'
                        f"{html.escape(p.title)}</a> ({html.escape(p.organisation.name)})</li>"
                        for p in publications)
        (self.folder / "index.html").write_text(
            '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Forhåndsvisning</title>'
            f'<script src="{SCRIPT_PATH}" defer></script></head><body><main><h1>Forhåndsvisning</h1>'
            f"<ul>{links}</ul></main></body></html>", encoding="utf-8")

    def status(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "errors": self.errors}, ensure_ascii=False).encode()


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
            if self.path == STATUS_PATH:
                self._send(preview.status(), "application/json; charset=utf-8")
            elif self.path.split("?")[0] == SCRIPT_PATH:
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


class _Server(ThreadingHTTPServer):
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
        for changes in watch(paths.content, paths.templates, paths.styles, stop_event=stop,
                             yield_on_timeout=True, rust_timeout=200):
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
        if serving:
            server.shutdown()
        server.server_close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
