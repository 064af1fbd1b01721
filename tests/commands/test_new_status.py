"""`new --from` copies an approved publication as a draft: last year's approval is not this year's."""
from __future__ import annotations

from corpus.fault_injection import copy_project, run

from booklet.readers.project import load_project


def test_next_years_copy_of_an_approved_publication_is_a_draft(tmp_path):
    root = copy_project(tmp_path / "p")
    result = run(root, "new", "ledelsesgrundlag", "--from", "mini", "--year", "2017")
    assert result.code == 0, result.err
    assert "som kladde" in result.out
    manifest = (root / "content/publikationer/mini-2017/publikation.yml").read_text(encoding="utf-8")
    assert "status: kladde" in manifest and "godkendt_" not in manifest
    # A draft may hold revision markers: the copy reads (with warnings), and is not approved.
    copy = next(p for p in load_project(root).publications if p.id == "mini-2017")
    assert copy.status == "kladde" and not copy.approved
