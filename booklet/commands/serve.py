"""`python build.py serve`: a live preview of the HTML on 127.0.0.1 while an author writes.

Every save in content/, templates/ or styles/ rebuilds the HTML of the publication it
belongs to (all of them when a template or style changes), and the open page reloads
itself. When the content has errors, the page keeps its last good version and shows the
errors on top, in the same words as the terminal.
"""
from __future__ import annotations

import json
import shutil
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

STATUS_PATH = "/__status"
SCRIPT_PATH = "/__forhaandsvisning.js"
SCRIPT_FILE = Path(__file__).resolve().parent.parent.parent / "templates" / "preview" / "forhaandsvisning.js"


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
        links = "".join(f'<li><a href="{relative_path(p.id, "samlet", ".html")}">{p.title}</a> '
                        f"({p.organisation.name})</li>" for p in publications)
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
            if self.path == STATUS_PATH:
                self._send(preview.status(), "application/json; charset=utf-8")
            elif self.path.split("?")[0] == SCRIPT_PATH:
                self._send(SCRIPT_FILE.read_bytes(), "text/javascript; charset=utf-8")
            elif not Path(self.translate_path(self.path)).exists():
                # Not built (yet): a page that shows the errors and reloads once they are fixed.
                self._send(MISSING_PAGE.encode(), "text/html; charset=utf-8", status=404)
            else:
                super().do_GET()

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


def _say(line: str) -> None:
    print(line, flush=True)  # at once, also when the terminal is a pipe


def run(root: Path, port: int = 8000, say=_say, stop: threading.Event | None = None) -> None:
    from watchfiles import watch

    paths = ProjectPaths(root)
    folder = Path(tempfile.mkdtemp(prefix="forhaandsvisning-"))
    preview = Preview(root, folder)
    preview.rebuild()
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(preview))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    announced = False
    try:
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
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
