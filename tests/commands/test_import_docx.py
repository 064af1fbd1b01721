"""`python build.py import`: a DOCX written by pandoc from an unrelated Markdown document, with
headings, lists, a table, a footnote and a picture, becomes a new publication that builds in
every format."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image as PillowImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))

from fault_injection import copy_project, run  # noqa: E402
from tools import require  # noqa: E402

MARKDOWN = """\
---
title: Direktionens strategibrev 2030
subtitle: Sammen om kerneopgaven
---

# Indledning

Vi skal **sammen** løfte *kerneopgaven* og se [kommunens side](https://www.htk.dk).

- Første punkt
- Andet punkt med **fed**
    - Et underpunkt

1. Nummereret et
2. Nummereret to

## Mål for året

| Område | Mål | Antal |
|:-------|:---:|------:|
| Skoler | Flere elever | 12 |
| Ældre | Velfærd | 4 |

: Nøgletal for 2030

# Resultater

Tallene er fra sidste år.[^1]

![Rådhuset set fra pladsen en sommerdag](foto.png)

> Et citat fra borgmesteren.

[^1]: Strategibrevet 2029, Ledernyt.
"""


def _pandoc_docx(folder: Path) -> Path:
    pandoc = require("pandoc", "pandoc")
    folder.mkdir()
    PillowImage.new("RGB", (2000, 1200), (30, 120, 200)).save(folder / "foto.png")
    (folder / "brev.md").write_text(MARKDOWN, encoding="utf-8")
    subprocess.run([pandoc, "brev.md", "-o", "brev.docx", "--resource-path", str(folder)], cwd=folder,
                   check=True, timeout=120)
    return folder / "brev.docx"


def test_a_pandoc_docx_imports_into_a_publication_that_builds_in_every_format(tmp_path: Path):
    source = _pandoc_docx(tmp_path / "kilde")
    root = copy_project(tmp_path / "projekt")
    result = run(root, "import", str(source))
    assert result.code == 0, result.out + result.err
    folder = root / "content" / "publikationer" / "direktionens-strategibrev-2030"
    manifest = (folder / "publikation.yml").read_text(encoding="utf-8")
    assert "titel: Direktionens strategibrev 2030" in manifest
    assert "undertitel: Sammen om kerneopgaven" in manifest
    assert "type: strategibrev" in manifest
    first = (folder / "01-indledning.md").read_text(encoding="utf-8")
    assert "Vi skal **sammen** løfte *kerneopgaven* og se [kommunens side](https://www.htk.dk)." in first
    assert "- Andet punkt med **fed**\n    - Et underpunkt" in first
    assert "1. Nummereret et\n2. Nummereret to" in first
    assert "## Mål for året" in first
    assert "|:--|:-:|--:|" in first and "| Skoler | Flere elever | 12 |" in first
    assert "Tabel: Nøgletal for 2030" in first
    second = (folder / "02-resultater.md").read_text(encoding="utf-8")
    assert "Tallene er fra sidste år.[^1]" in second and "[^1]: Strategibrevet 2029, Ledernyt." in second
    assert "![Rådhuset set fra pladsen en sommerdag](billeder/billede-01.png" in second
    assert "> Et citat fra borgmesteren." in second
    assert (folder / "billeder" / "billede-01.png").is_file()
    assert "Sådan kommer du videre" in result.out

    output = tmp_path / "output"
    built = run(root, "build", "direktionens-strategibrev-2030", "--output", str(output))
    assert built.code == 0, built.out + built.err
    names = {p.name for p in output.rglob("direktionens-strategibrev-2030*")}
    for suffix in (".pdf", ".docx"):
        assert any(name.endswith(suffix) for name in names), names
    assert list(output.rglob("*.html")), "no HTML was built"
