"""The same input gives the same bytes: every file in the manifest, built twice."""
from __future__ import annotations

import json
import time

from booklet.commands.build import run


def test_two_builds_are_byte_identical(mini_project):
    hashes = []
    for n in (1, 2):
        output = mini_project / f"output-{n}"
        run(mini_project, output, say=lambda _m: None)
        manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
        hashes.append({f["path"]: f["sha256"] for f in manifest["files"]})
        time.sleep(2.1)  # zip archives store time in two-second steps
    assert {path.rsplit(".", 1)[-1] for path in hashes[0]} >= {"pdf", "docx", "html"}
    assert hashes[0] == hashes[1], [p for p in hashes[0] if hashes[0][p] != hashes[1].get(p)]
