"""A brand's logo comes from outside: what the brand check accepts is what every format
publishes, cleaned, and a logo that would stall or crash a writer is refused at its line."""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

from corpus.fault_injection import BRAND, assert_one_located_error, copy_project, run

LOGO = "styles/hoeje-taastrup/logo.svg"
ILLUSTRATOR = (b'<?xml version="1.0" encoding="utf-8"?>\n'
               b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n'
               b'\t<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">\n'
               b'\t<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">\n'
               b'\t<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n'
               b'<svg version="1.1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns="&ns_svg;" viewBox="0 0 200 40">'
               b'<rect width="200" height="40" fill="#00506e"/></svg>\n')


def test_a_logo_with_script_and_handlers_is_published_without_them(tmp_path):
    root = copy_project(tmp_path / "p", own_styles=True)
    logo = root / LOGO
    logo.write_bytes(logo.read_bytes().replace(
        b"<svg ", b'<svg onload="alert(document.cookie)" ', 1).replace(
        b"</svg>", b"<script>alert(1)</script></svg>"))
    result = run(root, "build", "--format", "html", "--format", "pdf")
    assert result.code == 0, result.err
    copies = [p for p in (root / "output").rglob("logo.svg")]
    assert copies
    for copy in copies:
        assert b"alert" not in copy.read_bytes() and b"onload" not in copy.read_bytes(), copy


def test_an_illustrator_logo_with_entities_builds_in_every_format(tmp_path):
    root = copy_project(tmp_path / "p", own_styles=True)
    (root / LOGO).write_bytes(ILLUSTRATOR)
    result = run(root, "build", "--format", "docx", "--format", "pdf", "--format", "html")
    assert result.code == 0, result.out + result.err
    docx = next((root / "output").rglob("mini.docx"))
    with zipfile.ZipFile(docx) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())
    for copy in (root / "output").rglob("logo.svg"):
        assert b"ENTITY" not in copy.read_bytes()


def test_a_logo_that_multiplies_itself_is_refused_at_its_line_in_seconds(tmp_path):
    root = copy_project(tmp_path / "p", own_styles=True)
    levels = [b'<g id="l0"><rect width="1" height="1"/></g>']
    for n in range(1, 9):
        levels.append(b'<g id="l%d">' % n + b"".join(b'<use href="#l%d"/>' % (n - 1) for _ in range(10)) + b"</g>")
    (root / LOGO).write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg">' + b"".join(levels) + b"</svg>")
    line = next(n for n, text in enumerate((root / BRAND).read_text(encoding="utf-8").splitlines(), 1)
                if "path: logo.svg" in text)
    started = time.monotonic()
    message = assert_one_located_error(root, BRAND, line)
    assert time.monotonic() - started < 10
    assert "logofilen logo.svg gentager" in message
