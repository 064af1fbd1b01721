"""What the layout preflight costs: the walk over the laid-out pages against the layout itself
and against the whole PDF render, for every edition of every seed publication, as the screen
PDF (the publication's paper) and as the booklet's A5 pages.

    nice -n 19 .venv/bin/python bench/preflight_cost.py [PUBLIKATION ...]

Prints one line per publication and the totals; the goal is under 5 % of the build's time.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from booklet.editions import FULL, ROLE, editions_for, select  # noqa: E402
from booklet.readers.project import ProjectPaths, load_project  # noqa: E402
from booklet.writers.pdf import ImposedPdfWriter, PdfWriter  # noqa: E402


def main(only: list[str]) -> None:
    paths = ProjectPaths(REPO)
    project = load_project(REPO)
    writers = [PdfWriter(paths.templates, paths.styles), ImposedPdfWriter(paths.templates, paths.styles)]
    totals = {"layout": 0.0, "preflight": 0.0, "render": 0.0}
    renders = 0
    with tempfile.TemporaryDirectory() as scratch:
        for publication in project.publications:
            if only and publication.id not in only:
                continue
            mine = {"layout": 0.0, "preflight": 0.0, "render": 0.0}
            for edition in editions_for(publication):
                for writer in writers:
                    if isinstance(writer, ImposedPdfWriter) and edition.kind not in (FULL, ROLE):
                        continue
                    started = time.perf_counter()
                    writer.write(select(publication, edition), edition, Path(scratch) / "x.pdf", Path(scratch))
                    mine["render"] += time.perf_counter() - started
                    mine["layout"] += writer.timings["layout"]
                    mine["preflight"] += writer.timings["preflight"]
                    renders += 1
            for key in totals:
                totals[key] += mine[key]
            print(f"{publication.id}: preflight {mine['preflight'] * 1000:.0f} ms, layout {mine['layout']:.2f} s "
                  f"({_share(mine['preflight'], mine['layout'])} of it), whole PDF renders {mine['render']:.2f} s "
                  f"({_share(mine['preflight'], mine['render'])})")
    print(f"all {renders} PDF renders: preflight {totals['preflight'] * 1000:.0f} ms, layout {totals['layout']:.2f} s "
          f"({_share(totals['preflight'], totals['layout'])}), whole renders {totals['render']:.2f} s "
          f"({_share(totals['preflight'], totals['render'])})")


def _share(part: float, whole: float) -> str:
    return f"{part / whole * 100:.1f} %" if whole else "-"


if __name__ == "__main__":
    main(sys.argv[1:])
