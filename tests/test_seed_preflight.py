"""The layout preflight runs over the seed corpus: every PDF of the build has its findings
recorded, and a build says the summary line. (Whether the seeds are clean is the layout's
business, not asserted here.)"""
from __future__ import annotations

import json
import re
from pathlib import Path

from booklet.commands.build import run

REPO = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"Sideeftersyn: (ingen advarsler|1 advarsel i 1 publikation|\d+ advarsler i \d+ publikation(er)?)\.")


def test_every_seed_pdf_has_its_preflight_recorded(seed_build):
    manifest = json.loads((seed_build / "manifest.json").read_text(encoding="utf-8"))
    recorded = json.loads((seed_build / "sideeftersyn.json").read_text(encoding="utf-8"))
    pdfs = sorted(f["path"] for f in manifest["files"] if f["path"].endswith(".pdf"))
    assert [entry["path"] for entry in recorded["files"]] == pdfs
    for entry in recorded["files"]:
        for finding in entry["findings"]:
            assert set(finding) == {"page", "kind", "message", "text", "section"}
            assert isinstance(finding["page"], int) and finding["page"] >= 1


def test_a_build_of_the_seeds_ends_with_the_preflight_summary(seed_build):
    """A build with nothing to do still shows the findings of the PDFs it keeps."""
    said: list[str] = []
    result = run(REPO, seed_build, say=said.append)
    assert result.unchanged
    summaries = [line for line in said if line.startswith("Sideeftersyn:")]
    assert len(summaries) == 1 and SUMMARY.fullmatch(summaries[0]), summaries
    assert sum(": advarsel: sideeftersyn: " in line for line in said) == len(result.preflight)
