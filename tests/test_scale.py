"""A generated corpus of 200 publications builds in every format with bounded memory."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from sample_projects import make_project  # noqa: E402
from memory import run_measured  # noqa: E402

GIB = 1024 ** 3


def test_two_hundred_publications_build_within_a_gigabyte(tmp_path):
    root = make_project(tmp_path / "projekt", publications=200, sections=1, paragraphs=3)
    seconds, peak, result = run_measured(
        [sys.executable, str(REPO / "build.py"), "build", "--format", "pdf", "--format", "docx",
         "--format", "html"], cwd=root, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr[-2000:]
    files = json.loads((root / "output/manifest.json").read_text(encoding="utf-8"))["files"]
    # Per publication: PDF, DOCX, HTML and its accessibility report.
    assert len(files) == 800
    assert peak < GIB, f"peak {peak / GIB:.2f} GiB after {seconds:.0f} s"
