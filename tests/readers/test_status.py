"""'status:' in publikation.yml: kladde, til-godkendelse or godkendt, who approved and when, and
what an approved publication may no longer hold (revision markers, missing level blocks)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from corpus.fault_injection import (INTRO, MANIFEST, REPO, assert_no_error, copy_project, insert_lines, read_lines,
                             replace_line, run, write_lines, assert_one_located_error)

from booklet.readers.project import load_project


def status_line(root: Path) -> int:
    return next(i for i, line in enumerate(read_lines(root, MANIFEST), 1) if line.startswith("status:"))


def set_status(root: Path, *lines: str) -> None:
    """Replace the fixture's status lines with `lines` (none: no status at all)."""
    kept = [line for line in read_lines(root, MANIFEST) if not line.startswith(("status:", "godkendt_"))]
    write_lines(root, MANIFEST, [line for line in kept if line] + list(lines) + [""])


def test_approving_a_publication_with_open_revision_markers_fails_with_the_file_and_line(tmp_path):
    root = copy_project(tmp_path / "p")
    insert_lines(root, INTRO, 2, ['revideres: "Teksten er fra sidste udgave; gennemskriv den til 2017."'])
    message = assert_one_located_error(root, INTRO, 2)
    assert f"'status: godkendt' i publikation.yml, linje {status_line(root)}" in message
    assert "gennemskriv den til 2017" in message and "til-godkendelse" in message
    # Awaiting approval, the same marker is the warning it always was.
    replace_line(root, MANIFEST, status_line(root), "status: til-godkendelse")
    result = assert_no_error(root)
    assert any(w.startswith(f"{INTRO}:2: advarsel: afsnittet er markeret til revision") for w in result.warnings)
    # The approval fields left in place are said to be unused, at their lines.
    assert any("'godkendt_af' bruges kun, når status er godkendt" in w for w in result.warnings)


def test_approving_a_publication_with_a_missing_level_block_fails_at_the_section(tmp_path):
    root = copy_project(tmp_path / "p")
    lines = read_lines(root, INTRO)
    start = next(i for i, line in enumerate(lines) if line.startswith("::: {niveau=direktion"))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == ":::")
    write_lines(root, INTRO, lines[:start] + lines[end + 1:])
    message = assert_one_located_error(root, INTRO, 1)
    assert "mangler en blok for 'direktion'" in message and "'status: godkendt'" in message


def test_an_approved_publication_names_who_approved_it_and_when(tmp_path):
    root = copy_project(tmp_path / "p")
    set_status(root, "status: godkendt", "godkendt_dato: 2016-05-01")
    message = assert_one_located_error(root, MANIFEST, status_line(root))
    assert "'godkendt_af' mangler" in message
    set_status(root, "status: godkendt", "godkendt_af: Direktionen", "godkendt_dato: 1. maj 2016")
    assert "ÅÅÅÅ-MM-DD" in assert_one_located_error(root, MANIFEST, status_line(root) + 2)
    set_status(root, "status: godkendt", "godkendt_af: Direktionen", "godkendt_dato: 2016-05-01")
    publication = load_project(root).publications[0]
    assert (publication.status, publication.approved_by, publication.approved_on) == \
        ("godkendt", "Direktionen", dt.date(2016, 5, 1))
    assert publication.approved


def test_a_wrong_status_is_named_with_the_nearest_one(tmp_path):
    root = copy_project(tmp_path / "p")
    set_status(root, "status: godkent", "godkendt_af: Direktionen", "godkendt_dato: 2016-05-01")
    assert "mente du 'godkendt'?" in assert_one_located_error(root, MANIFEST, status_line(root))


@pytest.mark.parametrize("lines, expected", [((), "kladde"), (("status: kladde",), "kladde"),
                                             (("status: til-godkendelse",), "til-godkendelse")])
def test_without_status_a_publication_is_a_draft(tmp_path, lines, expected):
    root = copy_project(tmp_path / "p")
    set_status(root, *lines)
    result = assert_no_error(root)
    assert not result.warnings or all("status" not in w for w in result.warnings)
    publication = load_project(root).publications[0]
    assert publication.status == expected and not publication.approved
    assert (publication.approved_by, publication.approved_on) == ("", None)


def test_the_seed_publications_are_approved_by_their_issuer_on_their_date():
    """By the publisher where the source names one (no 'udgiver' is inferred), on the date as
    precise as the source gives it (a year or a month alone where it gives no day)."""
    for manifest in sorted((REPO / "content" / "publikationer").glob("*/publikation.yml")):
        text = manifest.read_text(encoding="utf-8")
        assert re.search(r"^status: godkendt\b", text, re.M), manifest
        issuer = re.search(r"^udgiver: (.*)$", text, re.M)
        if issuer:
            assert re.search(rf"^godkendt_af: {re.escape(issuer.group(1).split('#')[0].strip())}$", text, re.M), manifest
        else:
            assert re.search(r"^godkendt_af: \S", text, re.M), manifest
        date = re.search(r"^dato: (\d{4}(-\d{2}){0,2})\b", text, re.M).group(1)
        assert re.search(rf"^godkendt_dato: {date}$", text, re.M), manifest
