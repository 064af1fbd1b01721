"""`import` of a 50-page Word document, timed with the check it ends with (the target: under 2 s).
One of run.py's targets; runs on its own too: `.venv/bin/python bench/word_import.py`.

The document is made with python-docx, as Word would save it: a title, 10 chapters of five
subheadings with paragraphs, bullets, a numbered list and a table each (about 27,000 words: 50-55
pages in Word's default layout)."""
from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO)]

SENTENCE = ("Direktionen vil sammen med lederne styrke arbejdet med kerneopgaven, så borgerne mærker "
            "en sammenhængende service, og medarbejderne ved, hvad der forventes. ")


def fifty_pages(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_heading("Direktionens strategibrev 2030", 0)
    for chapter in range(10):
        document.add_heading(f"Kapitel {chapter + 1}", 1)
        for part in range(5):
            document.add_heading(f"Tema {chapter + 1}.{part + 1}", 2)
            for _ in range(4):
                paragraph = document.add_paragraph(SENTENCE * 6)
                paragraph.add_run("Det vigtigste").bold = True
                paragraph.add_run(" står med fed, og ")
                paragraph.add_run("begreber").italic = True
                paragraph.add_run(" med kursiv.")
            for item in ("Første indsats", "Anden indsats", "Tredje indsats"):
                document.add_paragraph(item, style="List Bullet")
            for item in ("Mål", "Middel"):
                document.add_paragraph(item, style="List Number")
        table = document.add_table(rows=4, cols=3)
        for row in range(4):
            for column in range(3):
                table.cell(row, column).text = f"Celle {row}.{column}"
    document.save(path)
    return path


def word_import(tmp: Path) -> dict:
    from booklet.cli import main

    root = tmp / "word-import"
    (root / "content").mkdir(parents=True)
    import shutil

    shutil.copytree(REPO / "content" / "organisationer", root / "content" / "organisationer")
    (root / "content" / "publikationer").mkdir()
    for shared in ("styles", "templates"):
        (root / shared).symlink_to(REPO / shared, target_is_directory=True)
    source = fifty_pages(tmp / "strategibrev.docx")
    times = []
    for attempt in range(3):
        out = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["--rod", str(root), "import", str(source), "--som", f"brev-{attempt}",
                         "--organisation", "hoeje-taastrup"])
        times.append(time.perf_counter() - started)
        if code != 0:
            raise SystemExit(f"import failed:\n{out.getvalue()[-3000:]}")
    return {"word_import_50_pages_s": min(times)}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="bench-word-") as scratch:
        print(word_import(Path(scratch)))
