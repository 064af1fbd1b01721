"""A heading's anchor never takes an id the page templates give their own elements."""
from __future__ import annotations

import re
from pathlib import Path

from booklet.readers.context import PAGE_IDS
from booklet.readers.project import load_project

REPO = Path(__file__).resolve().parents[2]


def test_the_reserved_ids_are_exactly_the_templates_own():
    written = {match for path in (REPO / "templates").rglob("*.j2")
               for match in re.findall(r'\bid="([a-z0-9-]+)"', path.read_text(encoding="utf-8"))}
    assert written == PAGE_IDS


def test_a_section_called_indhold_does_not_share_the_main_landmarks_id(mini_project):
    publication = load_project(mini_project).publications[0]
    (section,) = [s for s in publication.sections if s.title == "Indhold"]
    assert section.anchor == "indhold-2"
    assert not {s.anchor for s in publication.sections} & PAGE_IDS
