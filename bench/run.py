"""The benchmark (`make bench`): this pipeline against what a user would otherwise pick, measured
side by side in one run, since absolute times on a shared machine mean little.

Writes bench/results/latest.json and bench/results/latest.md.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO)]

from sample_projects import copy_seed_project, make_project  # noqa: E402
from memory import run_measured  # noqa: E402
import serve_reload  # noqa: E402
import word_import  # noqa: E402

BUILD = [sys.executable, str(REPO / "build.py")]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
EDITED_PUBLICATION = "htk-ledelsesgrundlag"
EDITED_SECTION = "content/publikationer/htk-ledelsesgrundlag/03-sammen.md"


def build(root: Path, *args: str) -> float:
    seconds, _peak, result = run_measured([*BUILD, *args], cwd=root, env=ENV)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {root}:\n{result.stderr[-3000:]}")
    return seconds


def best_of(times: int, action) -> float:
    return min(action() for _ in range(times))


def edit(root: Path, n: int) -> None:
    path = root / EDITED_SECTION
    path.write_text(path.read_text(encoding="utf-8") + f"\nRedigeret {n}.\n", encoding="utf-8")


def pipeline_builds(tmp: Path) -> dict:
    seed = copy_seed_project(tmp / "seed")
    cold = build(seed)
    no_change = best_of(3, lambda: build(seed))
    edit(seed, 1)
    one_section = build(seed)
    counter = iter(range(2, 100))

    def html_after_edit() -> float:
        edit(seed, next(counter))
        return build(seed, "build", "--only", EDITED_PUBLICATION, "--format", "html")

    html_only = best_of(3, html_after_edit)
    files = len(json.loads((seed / "output/manifest.json").read_text(encoding="utf-8"))["files"])
    return {"files": files, "cold_full_build_s": cold, "no_change_rebuild_s": no_change,
            "rebuild_after_one_section_s": one_section, "html_rebuild_one_publication_s": html_only}


class RenderClock:
    """The build's progress hooks, used to time the rendering phase alone."""

    def start(self, total: int) -> None:
        self.started = time.perf_counter()

    def advance(self, path: str) -> None:
        pass

    def stop(self) -> None:
        self.seconds = time.perf_counter() - self.started


def parallel_speedup(tmp: Path) -> dict:
    """PDF of every edition in one process and on all cores: the whole command, and the
    rendering alone (the command also reads the content and writes the site, one core)."""
    from booklet.commands.build import run

    seed = copy_seed_project(tmp / "parallel")
    whole, rendering = {}, {}
    for jobs in (1, os.cpu_count() or 2):
        whole[jobs] = build(seed, "build", "--format", "pdf", "--jobs", str(jobs), "--output",
                            str(tmp / f"parallel-out-{jobs}"))
        clock = RenderClock()
        run(seed, tmp / f"parallel-clock-{jobs}", formats=("pdf",), jobs=jobs, say=lambda _m: None, progress=clock)
        rendering[jobs] = clock.seconds
    cores = max(whole)
    return {"cores": cores, "one_process_s": whole[1], "all_cores_s": whole[cores],
            "speedup": whole[1] / whole[cores], "rendering_one_process_s": rendering[1],
            "rendering_all_cores_s": rendering[cores], "rendering_speedup": rendering[1] / rendering[cores]}


def per_format_against_alternatives() -> list[dict]:
    """Our writers against plain WeasyPrint and pandoc on the same text, in this process."""
    import pypandoc
    from weasyprint import HTML

    from booklet.editions import editions_for
    from booklet.readers.project import ProjectPaths, load_project
    from booklet.word.writer import DocxWriter
    from booklet.writers.html import HtmlWriter
    from booklet.writers.pdf import PdfWriter

    paths = ProjectPaths(REPO)
    pdf, docx, html = (cls(paths.templates, paths.styles) for cls in (PdfWriter, DocxWriter, HtmlWriter))
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        for publication in load_project(REPO).publications:
            edition = editions_for(publication)[0]
            markdown = "\n\n".join(p.read_text(encoding="utf-8") for p in publication.sources if p.suffix == ".md")
            pdf.write(publication, edition, out / "warm.pdf", out)  # fonts and stylesheets loaded once

            ours_pdf = best_of(3, lambda: _timed(pdf.write, publication, edition, out / "a.pdf", out))
            page, sheets = _print_html(pdf, publication, edition)
            plain = best_of(3, lambda: _timed(lambda: HTML(string=page, base_url=str(publication.folder)).write_pdf(
                out / "b.pdf", stylesheets=sheets, font_config=pdf.font_config)))
            plain_ua = best_of(3, lambda: _timed(lambda: HTML(string=page, base_url=str(publication.folder)).write_pdf(
                out / "c.pdf", stylesheets=sheets, font_config=pdf.font_config, pdf_variant="pdf/ua-1")))
            ours_docx = best_of(3, lambda: _timed(docx.write, publication, edition, out / "a.docx", out))
            pandoc_docx = best_of(3, lambda: _timed(pypandoc.convert_text, markdown, "docx", format="markdown",
                                                    outputfile=str(out / "b.docx")))
            ours_html = best_of(3, lambda: _timed(html.write, publication, edition, out / "a.html", out))
            pandoc_html = best_of(3, lambda: _timed(pypandoc.convert_text, markdown, "html", format="markdown",
                                                    extra_args=["--standalone", "--metadata", "title=x"]))
            rows.append({
                "publication": publication.id,
                "pdf_s": ours_pdf, "weasyprint_same_html_s": plain, "weasyprint_same_html_pdf_ua_s": plain_ua,
                "pdf_overhead": ours_pdf / plain - 1, "pdf_overhead_same_variant": ours_pdf / plain_ua - 1,
                "docx_s": ours_docx, "pandoc_docx_s": pandoc_docx, "docx_ratio": ours_docx / pandoc_docx,
                "html_s": ours_html, "pandoc_html_s": pandoc_html, "html_ratio": ours_html / pandoc_html,
            })
    return rows


def _timed(function, *args, **kwargs) -> float:
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


def _print_html(writer, publication, edition):
    """The page and stylesheets our PDF writer hands to WeasyPrint, for the plain comparison."""
    from weasyprint import CSS

    from booklet.writers.pdf import PAGE_SIZE_STYLESHEETS, PRINT_STYLESHEETS, page_furniture
    from booklet.writers.templating import PageAssets

    brand = publication.brand
    assets = PageAssets((), brand.logo.resolve().as_uri(), (brand.logo_negative or brand.logo).resolve().as_uri())
    page = writer.renderer.render(publication, edition, "print", assets)
    sheets = [writer._brand_sheet(brand), *(writer._sheet(n) for n in (*PRINT_STYLESHEETS,
                                                                         PAGE_SIZE_STYLESHEETS[publication.paper])),
              CSS(string=page_furniture(publication), font_config=writer.font_config)]
    return page, sheets


def scaling(tmp: Path) -> dict:
    by_pages = []
    for sections in (10, 50, 200):
        root = make_project(tmp / f"pages-{sections}", publications=1, sections=sections, paragraphs=5)
        seconds = build(root, "build", "--format", "pdf")
        pages = json.loads((root / "output/manifest.json").read_text(encoding="utf-8"))["files"][0]["pages"]
        by_pages.append({"sections": sections, "pages": pages, "seconds": seconds, "seconds_per_page": seconds / pages})
    by_corpus = []
    for publications in (10, 50, 200):
        root = make_project(tmp / f"corpus-{publications}", publications=publications, sections=1, paragraphs=3)
        seconds, peak, result = run_measured([*BUILD, "build", "--format", "pdf", "--format", "docx", "--format",
                                              "html"], cwd=root, env=ENV)
        if result.returncode != 0:
            raise SystemExit(result.stderr[-3000:])
        by_corpus.append({"publications": publications, "files": publications * 3, "seconds": seconds,
                          "peak_memory_mib": peak / 2 ** 20})
    return {"by_pages": by_pages, "by_corpus": by_corpus}


TARGETS = (
    ("Pipeline overhead over plain WeasyPrint, same HTML", "pdf_overhead_median", lambda v: v <= 0.10, "≤ 10 %"),
    ("Parallel speed-up on all cores, rendering", "parallel_rendering_speedup", lambda v: v >= 1.7, "≥ 1,7x"),
    ("Parallel speed-up on all cores, whole command", "parallel_speedup", lambda v: v >= 1.7, "≥ 1,7x"),
    ("No-change rebuild of the seed corpus", "no_change_rebuild_s", lambda v: v < 0.5, "< 0,5 s"),
    ("HTML rebuild of one edited publication", "html_rebuild_one_publication_s", lambda v: v < 1.0, "< 1 s"),
    ("serve: save to reloaded page (median)", "serve_reload_s", lambda v: v < serve_reload.GOAL_S, "< 0,5 s"),
    ("Peak memory, 200 publications", "peak_memory_200_mib", lambda v: v < 1024, "< 1024 MiB"),
    ("Import of a 50-page Word document, with its check", "word_import_50_pages_s", lambda v: v < 2.0, "< 2 s"),
)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        tmp = Path(scratch)
        builds = pipeline_builds(tmp)
        serve = serve_reload.measure(copy_seed_project(tmp / "serve"))
        parallel = parallel_speedup(tmp)
        formats = per_format_against_alternatives()
        scale = scaling(tmp)
        word = word_import.word_import(tmp)
    summary = {
        **builds,
        "parallel_speedup": parallel["speedup"],
        "parallel_rendering_speedup": parallel["rendering_speedup"],
        "pdf_overhead_median": statistics.median(r["pdf_overhead"] for r in formats),
        "pdf_overhead_same_variant_median": statistics.median(r["pdf_overhead_same_variant"] for r in formats),
        "docx_vs_pandoc_median": statistics.median(r["docx_ratio"] for r in formats),
        "html_vs_pandoc_median": statistics.median(r["html_ratio"] for r in formats),
        "peak_memory_200_mib": scale["by_corpus"][-1]["peak_memory_mib"],
        "serve_reload_s": serve["page_median_s"],
        **word,
    }
    results = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "measured": time.strftime("%Y-%m-%d %H:%M:%S"),
        "summary": summary,
        "targets": [{"target": name, "value": summary[key], "goal": goal, "met": check(summary[key])}
                    for name, key, check, goal in TARGETS],
        "builds": builds, "serve": serve, "parallel": parallel, "formats": formats, "scaling": scale,
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results/latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                              encoding="utf-8")
    markdown = render_markdown(results)
    (HERE / "results/latest.md").write_text(markdown, encoding="utf-8")
    print(markdown)


def render_markdown(results: dict) -> str:
    s, b, p = results["summary"], results["builds"], results["parallel"]
    lines = [
        "# Benchmark", "",
        f"Measured {results['measured']} on {results['machine']['cores']} cores, Python "
        f"{results['machine']['python']}; every comparison side by side in one run (`make bench`).", "",
        "## Targets", "", "| target | measured | goal | met |", "|---|---|---|---|",
    ]
    for t in results["targets"]:
        value = t["value"]
        shown = f"{value:.1%}" if "overhead" in t["target"] else f"{value:.2f}"
        lines.append(f"| {t['target']} | {shown} | {t['goal']} | {'yes' if t['met'] else '**no**'} |")
    lines += [
        "", "## Builds of the seed corpus", "",
        f"- cold full build ({b['files']} files, all editions and formats): {b['cold_full_build_s']:.1f} s",
        f"- no-change rebuild (command line, incl. Python start): {b['no_change_rebuild_s']:.2f} s",
        f"- rebuild after editing one section: {b['rebuild_after_one_section_s']:.1f} s",
        f"- HTML-only rebuild of the edited publication: {b['html_rebuild_one_publication_s']:.2f} s",
        f"- `serve`, a section saved -> the open page told to reload: {results['serve']['signalled_median_s']:.2f} s, "
        f"-> the rebuilt page fetched: {results['serve']['page_median_s']:.2f} s (median of "
        f"{results['serve']['runs']}, the publication with the most editions; `python bench/serve_reload.py`)",
        f"- PDF of every edition, whole command: {p['one_process_s']:.1f} s in one process, "
        f"{p['all_cores_s']:.1f} s on {p['cores']} cores: {p['speedup']:.2f}x",
        f"- the rendering phase alone: {p['rendering_one_process_s']:.1f} s and {p['rendering_all_cores_s']:.1f} s: "
        f"{p['rendering_speedup']:.2f}x (the rest, reading the content and writing the site, runs on one core)",
        "", "## Per format, against the same text", "",
        "| publication | PDF | WeasyPrint, same HTML | overhead | same, PDF/UA | overhead | DOCX | pandoc DOCX "
        "| ratio | HTML | pandoc HTML | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["formats"]:
        lines.append(
            f"| {r['publication']} | {r['pdf_s']:.2f} | {r['weasyprint_same_html_s']:.2f} | {r['pdf_overhead']:.0%} "
            f"| {r['weasyprint_same_html_pdf_ua_s']:.2f} | {r['pdf_overhead_same_variant']:.0%} | {r['docx_s']:.3f} "
            f"| {r['pandoc_docx_s']:.3f} | {r['docx_ratio']:.2f} | {r['html_s']:.3f} | {r['pandoc_html_s']:.3f} "
            f"| {r['html_ratio']:.2f} |")
    lines += ["", "## Scaling", "", "| sections | pages | seconds | s/page |", "|---|---|---|---|"]
    for r in results["scaling"]["by_pages"]:
        lines.append(f"| {r['sections']} | {r['pages']} | {r['seconds']:.1f} | {r['seconds_per_page']:.3f} |")
    lines += ["", "| publications | files | seconds | peak memory (MiB) |", "|---|---|---|---|"]
    for r in results["scaling"]["by_corpus"]:
        lines.append(f"| {r['publications']} | {r['files']} | {r['seconds']:.1f} | {r['peak_memory_mib']:.0f} |")
    lines += ["", "Times are in seconds, best of three where repeated. Ratios above 1 mean we are slower. "
              "Pandoc converts the raw Markdown (no components, no variants, no brand); our writers lay out "
              "the full branded edition, so the ratio is the price of what pandoc does not do. Our writers are timed in one warm process; pandoc is a program of its own, so its times include its start (about 0.3 s), which dominates the HTML comparison.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
