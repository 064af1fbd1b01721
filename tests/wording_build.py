"""One build of the levels fixture (tests/fixtures/levels), made once per test session and read by
the tests of generated wording, the table of contents and the site's page descriptions.

The copy differs from the fixture in three ways, each for a test that needs it:
- Direktionen is a proper noun ('egennavn: ja'); the other levels and functions are not;
- the centre chiefs' block in 'Retning' has a heading of its own ('## Centrets mål');
- 'funktioner' lists the level blocks in its table of contents ('indholdsfortegnelse').
'niveauer' is a draft, so the build has an internal review site (site-intern) besides the site.
"""
from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEVELS = REPO / "tests" / "fixtures" / "levels" / "content"


@functools.cache
def wording_output() -> Path:
    root = Path(tempfile.mkdtemp(prefix="wording-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    shutil.copytree(LEVELS, root / "content")
    for shared in ("styles", "templates"):
        (root / shared).symlink_to(REPO / shared, target_is_directory=True)
    organisation = root / "content" / "organisationer" / "provekommune.yml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("    navn: Direktionen\n", "    navn: Direktionen\n    egennavn: ja\n", 1),
                            encoding="utf-8")
    direction = root / "content" / "publikationer" / "niveauer" / "01-retning.md"
    text = direction.read_text(encoding="utf-8")
    direction.write_text(text.replace("Centercheferne oversætter kursen til mål for hvert center.\n",
                                      "Centercheferne oversætter kursen til mål for hvert center.\n\n"
                                      "## Centrets mål\n\nMålene skrives sammen med lederne.\n", 1),
                         encoding="utf-8")
    manifest = root / "content" / "publikationer" / "funktioner" / "publikation.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "indholdsfortegnelse:\n  konkretiseringer: ja\n",
                        encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "build"], cwd=root, capture_output=True,
                            text=True, timeout=1200, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def flat(text: str) -> str:
    """Text with line breaks and hyphenation at line ends undone, case kept: 'Konkretisering for
    centerchefer' is found however the page broke it, and 'Centerchefer' is not 'centerchefer'."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)[-\u2010]\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [flat(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def docx_paragraphs(path: Path):
    import docx

    return list(docx.Document(str(path)).paragraphs)


def html_text(path: Path) -> str:
    from readback import read_html

    return flat(" ".join(read_html(path).text))


def edition_file(out: Path, publication: str, edition: str, ext: str) -> Path:
    """The output file of one edition of a publication in the wording build."""
    suffix = "" if edition == "samlet" else f"-{edition}"
    return out / publication / f"{publication}{suffix}.{ext}"
