#!/usr/bin/env python3
"""`make snapshots`: make the PNG snapshots in tests/visual/snapshots/ again from the content as
it is now, after a layout change you mean.

Builds the screen PDFs of the publications the snapshots show into a temporary folder (or reads
an existing build: `python tests/visual/update_snapshots.py output`), renders each page of
tests/visual/snapshot_pages.py as the test does, and writes the snapshots that differ; a
snapshot whose page is no longer in the list is removed. For each changed snapshot
.cache/visuelle-aendringer/<name>-forskel.png shows before | after | what changed (red, on yellow
where it gathers): look at them before you commit tests/visual/snapshots/.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from snapshot_pages import PAGES  # noqa: E402
from snapshot_tools import (SNAPSHOTS, PageNotFound, compare, find_page, identical, load,  # noqa: E402
                            render, save, write_difference)

CHANGES = REPO / ".cache" / "visuelle-aendringer"


def build(output: Path) -> None:
    """The screen PDFs of the publications the snapshots show (the same bytes as a full build)."""
    publications = sorted({page.pdf.split("/")[0] for page in PAGES})
    print(f"Bygger skærm-PDF'erne af {', '.join(publications)} ...", flush=True)
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build", *publications, "--format", "pdf",
                             "--output", str(output)], cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"Byggeriet mislykkedes (kode {result.returncode}); snapshottene er ikke ændret.")


def update(output: Path) -> int:
    shutil.rmtree(CHANGES, ignore_errors=True)
    counts = {"uændret": 0, "ny": 0, "opdateret": 0, "fjernet": 0}
    problems: list[str] = []
    for page in PAGES:
        pdf = output / page.pdf
        if not pdf.is_file():
            problems.append(f"{page.name}: {page.pdf} findes ikke i {output}.")
            continue
        try:
            number = find_page(pdf, page.phrase)
        except PageNotFound as error:
            problems.append(f"{page.name}: {error}")
            continue
        actual = render(pdf, number)
        target = SNAPSHOTS / f"{page.name}.png"
        if not target.is_file():
            save(actual, target)
            counts["ny"] += 1
            print(f"  ny        {page.name} (side {number} i {page.pdf})")
            continue
        expected = load(target)
        if identical(expected, actual):
            counts["uændret"] += 1
            print(f"  uændret   {page.name} (side {number})")
            continue
        comparison = compare(expected, actual)
        save(actual, target)
        _, difference = write_difference(CHANGES, page.name, expected, actual, comparison)
        counts["opdateret"] += 1
        within = "inden for tolerancen" if comparison.passes else "testen ville fejle"
        print(f"  opdateret {page.name} (side {number}): {comparison.describe()}, {within}; "
              f"se {difference.relative_to(REPO)}")
    names = {f"{page.name}.png" for page in PAGES}
    for stale in sorted(SNAPSHOTS.glob("*.png")):
        if stale.name not in names:
            stale.unlink()
            counts["fjernet"] += 1
            print(f"  fjernet   {stale.name} (ikke længere i tests/visual/snapshot_pages.py)")
    plural = {"uændret": "uændrede", "ny": "nye", "opdateret": "opdaterede", "fjernet": "fjernede"}
    print(", ".join(f"{count} {what if count == 1 else plural[what]}" for what, count in counts.items()) + ".")
    if counts["opdateret"]:
        print(f"Se forskellene i {CHANGES.relative_to(REPO)}/ (før | efter | det ændrede med rødt og gult, hvor det samler sig), før du "
              "committer tests/visual/snapshots/ med en besked om, hvorfor siderne ser anderledes ud.")
    for problem in problems:
        print(f"fejl: {problem}", file=sys.stderr)
    return 1 if problems else 0


def main(arguments: list[str]) -> int:
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} mangler (Debian-pakken poppler-utils; tests/install-tools.sh installerer den).")
    if len(arguments) > 1 or (arguments and arguments[0].startswith("-")):
        sys.exit(__doc__)
    if arguments:
        return update(Path(arguments[0]).resolve())
    with tempfile.TemporaryDirectory(prefix="snapshots-") as folder:
        output = Path(folder) / "output"
        build(output)
        return update(output)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
