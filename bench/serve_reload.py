"""The live preview's edit-to-reload time: a section saved -> its HTML rebuilt -> the open page
told to reload, measured as the page sees it, through `python build.py serve` itself.

The page waits on /__status?efter=N (as templates/preview/forhaandsvisning.js does); the time
runs from the save to that answer ("signalled"), and to the rebuilt page fetched with the
edit in it ("page"). Part of `make bench`; alone: `python bench/serve_reload.py`.
"""
from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

from sample_projects import copy_seed_project  # noqa: E402

# The publication with the most editions (seven HTML pages rebuilt per save).
EDITED_SECTION = "content/publikationer/htk-ledelsesgrundlag/03-sammen.md"
PAGE = "htk-ledelsesgrundlag/htk-ledelsesgrundlag.html"
RUNS = 9
GOAL_S = 0.5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def measure(root: Path, runs: int = RUNS) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)], cwd=root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        line = server.stdout.readline()
        if base not in line:
            raise SystemExit(f"the preview did not start: {line}{server.stderr.read()[-2000:]}")
        section = root / EDITED_SECTION
        signalled, page = [], []
        for n in range(runs):
            version = json.loads(_get(f"{base}/__status"))["version"]
            answer: dict = {}

            def wait_for_build():
                answer["status"] = json.loads(_get(f"{base}/__status?efter={version}"))
                answer["at"] = time.perf_counter()

            waiting = threading.Thread(target=wait_for_build)
            waiting.start()
            time.sleep(0.3)  # the page is waiting, as an open preview is
            marker = f"Redigeret til måling {n}."
            saved = time.perf_counter()
            section.write_text(section.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            waiting.join()
            if answer["status"]["errors"] or answer["status"]["version"] == version:
                raise SystemExit(f"no new build after the save: {answer['status']}")
            signalled.append(answer["at"] - saved)
            if marker not in _get(f"{base}/{PAGE}").decode():
                raise SystemExit("the page signalled was not the rebuilt one")
            page.append(time.perf_counter() - saved)
            time.sleep(0.5)  # an author's next save is not immediate
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"runs": runs, "signalled_s": signalled, "page_s": page,
            "signalled_median_s": statistics.median(signalled), "page_median_s": statistics.median(page),
            "signalled_max_s": max(signalled)}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        result = measure(copy_seed_project(Path(scratch) / "serve"))
    print(f"serve: save -> reload signalled, median of {result['runs']}: {result['signalled_median_s']:.3f} s "
          f"(max {result['signalled_max_s']:.3f} s); -> rebuilt page fetched: {result['page_median_s']:.3f} s. "
          f"Goal < {GOAL_S} s: {'met' if result['page_median_s'] < GOAL_S else 'NOT met'}.")


if __name__ == "__main__":
    main()
