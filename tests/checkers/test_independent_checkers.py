"""Independent checkers, not ours, on everything the seed build publishes.

- the Nu Html Checker (vnu.jar, npm vnu-jar) on every HTML page, stylesheet and SVG, of the
  publications and of the site: one Java start for all of them;
- openxml-audit (PyPI) on every DOCX, against the Office Open XML schemas: one run;
- pdfua (PyPI) on every screen PDF, for its subset of PDF/UA-1: one run;
- qpdf --check on every PDF (screen, print and booklet), for syntax and stream damage.

Files the site holds as byte copies are checked once. Each run also gets a file made faulty on
purpose (a canary), which must be reported: a checker that silently checked nothing, or whose
report we stopped reading right, fails here instead of passing.

A finding fails the test unless it is on the allow-list of its checker below, each entry with
the reason it is not a defect of ours. None are needed today.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote

import pytest

from tools import require, require_python_tool

PRINT_SUFFIXES = ("-tryk.pdf", "-haefte.pdf")

# --- allow-lists: (pattern matched against 'file: rule: message', why it is not our defect) ---
VNU_ALLOWED: tuple[tuple[str, str], ...] = ()
OPENXML_ALLOWED: tuple[tuple[str, str], ...] = ()
PDFUA_ALLOWED: tuple[tuple[str, str], ...] = ()
QPDF_ALLOWED: tuple[tuple[str, str], ...] = ()

# pdfua's "Heading elements are not empty" reads heading numbers with an API pikepdf 10 removed
# (it reports "rule raised ValueError: ... cannot get key '/is_integer' on object of type array"
# as a skipped rule on every file). That one rule is left out; every other rule must run.
PDFUA_BROKEN_RULES = {"UA-14-001": "crashes on pikepdf 10 (ValueError '/is_integer')"}


def published(output: Path, *suffixes: str) -> list[Path]:
    """Every published file with one of the suffixes, each content once (the site holds copies
    of the publications' files), in a stable order; pagefind's own files left out."""
    seen: set[str] = set()
    files = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or not path.name.endswith(suffixes) or "pagefind" in path.parts:
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            files.append(path)
    return files


def not_allowed(findings: Iterable[str], allowed: tuple[tuple[str, str], ...]) -> list[str]:
    return [finding for finding in findings
            if not any(re.search(pattern, finding) for pattern, _why in allowed)]


def named(path: Path, output: Path) -> str:
    return path.relative_to(output).as_posix() if path.is_relative_to(output) else path.name


# --- the Nu Html Checker ---------------------------------------------------------------------

def vnu_jar() -> list[str]:
    vnu = Path(require("vnu", "vnu-jar", "npm-pakken")).resolve()  # the package's vnu-jar.js
    java = require("java", "default-jre-headless")
    jar = vnu.parent / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), f"vnu.jar er ikke hvor npm-pakken vnu-jar lægger den: {jar}"
    # A short run: the quick compiler alone halves the CPU time; it needs a deeper stack than
    # the default for vnu's schema (vnu asks for at least 512k and says so).
    return [java, "-XX:TieredStopAtLevel=1", "-Xss2m", "-jar", str(jar)]


def test_every_page_stylesheet_and_svg_passes_the_nu_html_checker(seed_build, tmp_path):
    files = published(seed_build, ".html", ".css", ".svg")
    assert any(f.parts[-2:] == ("site", "index.html") for f in files), "the site's front page is missing"
    canary = tmp_path / "kanariefugl.html"
    canary.write_text("<!DOCTYPE html><html lang=da><head><title>x</title></head>"
                      "<body><p><div>x</p></body></html>", encoding="utf-8")
    result = subprocess.run(
        [*vnu_jar(), "--format", "json", "--stdout", "--also-check-css", "--also-check-svg",
         *map(str, files), str(canary)],
        capture_output=True, text=True, timeout=600)
    assert result.stdout.strip(), f"vnu wrote no report (exit {result.returncode}):\n{result.stderr[-2000:]}"
    report = json.loads(result.stdout)
    findings, canary_found = [], False
    for message in report["messages"]:
        # Plain "info" messages are notes, not findings; info with subType "warning" is a warning.
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        where = Path(unquote(message.get("url", "").removeprefix("file:")))
        if where == canary:
            canary_found = True
            continue
        kind = message.get("subType", message["type"])
        findings.append(f"{named(where, seed_build)}:{message.get('lastLine', '?')}: {kind}: "
                        f"{message['message']}")
    assert canary_found, f"vnu reported nothing for a page made invalid on purpose:\n{result.stderr[:2000]}"
    unexpected = not_allowed(findings, VNU_ALLOWED)
    assert not unexpected, f"{len(files)} files checked; findings:\n" + "\n".join(unexpected)


# --- openxml-audit ---------------------------------------------------------------------------

def faulty_docx(source: Path, target: Path) -> Path:
    """A copy of `source` whose body starts with an element the WordprocessingML schema lacks."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in original.infolist():
            data = original.read(member.filename)
            if member.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><w:p><w:kanariefugl/></w:p>", 1)
            copy.writestr(member, data)
    return target


def test_every_docx_passes_openxml_audit(seed_build, tmp_path):
    command = require_python_tool("openxml_audit", "openxml-audit")
    files = published(seed_build, ".docx")
    assert files, "the seed build has no DOCX"
    # One run over a folder: openxml-audit takes one path, or a folder with --recursive.
    folder = tmp_path / "docx"
    folder.mkdir()
    names = {}
    for index, path in enumerate(files):
        copy = folder / f"{index:03d}-{path.name}"
        shutil.copyfile(path, copy)
        names[copy.name] = named(path, seed_build)
    canary = faulty_docx(files[0], folder / "kanariefugl.docx")
    result = subprocess.run([*command, "--output", "json", "--max-errors", "0", "--recursive", str(folder)],
                            capture_output=True, text=True, timeout=600)
    assert result.stdout.strip(), f"openxml-audit wrote no report (exit {result.returncode}):\n{result.stderr[-2000:]}"
    report = {Path(entry["file"]).name: entry for entry in json.loads(result.stdout)}
    assert set(report) == {*names, canary.name}, f"not every file was checked:\n{result.stderr[:2000]}"
    assert not report.pop(canary.name)["valid"], "openxml-audit passed a DOCX made invalid on purpose"
    findings = [f"{names[name]}: {problem.get('type')}: {problem.get('part_uri')} {problem.get('path')}: "
                f"{problem['description']}"
                for name, entry in report.items()
                for problem in entry["errors"] + entry.get("warnings", [])]
    invalid = [names[name] for name, entry in report.items() if not entry["valid"] and not entry["errors"]]
    unexpected = not_allowed(findings, OPENXML_ALLOWED) + [f"{name}: invalid, no details" for name in invalid]
    assert not unexpected, f"{len(files)} files checked; findings:\n" + "\n".join(unexpected)


# --- pdfua -----------------------------------------------------------------------------------

def pdfua_rules(command: list[str]) -> list[str]:
    listed = subprocess.run([*command, "rules", "--format", "json"], capture_output=True, text=True,
                            timeout=120, check=True)
    rules = [rule["id"] for rule in json.loads(listed.stdout)["implemented"]]
    assert set(PDFUA_BROKEN_RULES) <= set(rules), "a rule left out is no longer in pdfua: update the list"
    return [rule for rule in rules if rule not in PDFUA_BROKEN_RULES]


def json_documents(text: str) -> list[dict]:
    """pdfua writes one JSON document per file, one after the other."""
    decoder, documents, position = json.JSONDecoder(), [], 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position == len(text):
            return documents
        document, position = decoder.raw_decode(text, position)
        documents.append(document)


def test_every_screen_pdf_passes_pdfua(seed_build, tmp_path):
    import pikepdf

    command = require_python_tool("pdfua", "pdfua")
    files = [path for path in published(seed_build, ".pdf") if not path.name.endswith(PRINT_SUFFIXES)]
    assert files, "the seed build has no screen PDF"
    canary = tmp_path / "kanariefugl.pdf"  # a page and no structure tree: untagged
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(canary)
    rules = pdfua_rules(command)
    result = subprocess.run([*command, "check", "--format", "json", "--rules", ",".join(rules),
                             *map(str, files), str(canary)],
                            capture_output=True, text=True, timeout=600)
    reports = {Path(report["file"]): report for report in json_documents(result.stdout)}
    assert set(reports) == {*files, canary}, f"not every file was checked:\n{result.stderr[:2000]}"
    assert any(f["rule_id"] == "UA-01-005" for f in reports.pop(canary)["findings"]), \
        "pdfua did not report an untagged PDF made on purpose"
    not_run = [f"{named(path, seed_build)}: {skipped['rule_id']}: {skipped['reason']}"
               for path, report in reports.items() for skipped in report["skipped"]]
    assert not not_run, "pdfua rules that did not run:\n" + "\n".join(not_run)
    findings = [f"{named(path, seed_build)}: {finding['rule_id']}: {finding['location']}: {finding['message']}"
                for path, report in reports.items() for finding in report["findings"]]
    unexpected = not_allowed(findings, PDFUA_ALLOWED)
    assert not unexpected, f"{len(files)} files checked; findings:\n" + "\n".join(unexpected)


# --- qpdf ------------------------------------------------------------------------------------

def test_every_pdf_passes_qpdf_check(seed_build, tmp_path):
    qpdf = require("qpdf", "qpdf")
    files = published(seed_build, ".pdf")
    assert any(path.name.endswith(PRINT_SUFFIXES) for path in files), "the seed build has no print PDF"
    canary = tmp_path / "kanariefugl.pdf"  # half a PDF: no cross-reference table, no trailer
    whole = files[0].read_bytes()
    canary.write_bytes(whole[:len(whole) // 2])

    def check(path: Path) -> tuple[Path, subprocess.CompletedProcess]:
        return path, subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, timeout=300)

    # Exit 0: no errors found; 2: errors; 3: warnings (qpdf repaired damage on reading).
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(pool.map(check, [*files, canary]))
    assert results.pop(canary).returncode != 0, "qpdf passed half a PDF"
    findings = [f"{named(path, seed_build)}: exit {result.returncode}: "
                + " | ".join(line for line in (result.stdout + result.stderr).splitlines()
                             if "error" in line.lower() or "warning" in line.lower() or "qpdf:" in line)
                for path, result in results.items() if result.returncode != 0]
    unexpected = not_allowed(findings, QPDF_ALLOWED)
    assert not unexpected, f"{len(files)} files checked; findings:\n" + "\n".join(unexpected)
