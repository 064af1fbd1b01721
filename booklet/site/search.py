"""Full-text search for the site: pagefind indexes the finished pages into site/pagefind/.

pagefind runs offline from its PyPI package. It indexes only the pages that mark their text
with data-pagefind-body (the full edition of each publication) and reads the language from
<html lang="da">, so words are matched with Danish stemming ("fællesskab" finds
"fællesskabet"). Headings with an id become the sub-results that link to a section.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def index_for_search(site: Path) -> None:
    result = subprocess.run(
        # --keep-index-url: result links name index.html, as every other link on the site does.
        [sys.executable, "-m", "pagefind", "--site", str(site), "--keep-index-url", "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pagefind kunne ikke lave søgeindekset: {(result.stderr or result.stdout).strip()}")
