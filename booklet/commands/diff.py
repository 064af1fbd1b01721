"""`python build.py diff PUBLIKATION A B`: the text that differs between two editions."""
from __future__ import annotations

import difflib
from pathlib import Path

from ..editions import editions_for, select
from ..errors import Location
from ..readers.project import load_project
from ..writers.plaintext import section_lines
from .exits import UsageError, not_found
from .selection import require


def run(root: Path, publication_id: str, variant_a: str, variant_b: str, say=print) -> int:
    require(root, (publication_id,))
    project = load_project(root, only=publication_id)
    publication = project.publications[0]
    editions = {e.id: e for e in editions_for(publication)}
    wrong = [variant for variant in dict.fromkeys((variant_a, variant_b)) if variant not in editions]
    if wrong:
        raise UsageError(" ".join(not_found("udgaven", variant, editions)
                                  for variant in wrong))
    a = select(publication, editions[variant_a])
    b = select(publication, editions[variant_b])
    sections_b = {s.id: s for s in b.sections}
    differing = 0
    for section_a in a.sections:
        lines_a = section_lines(section_a)
        section_b = sections_b.pop(section_a.id, None)
        lines_b = section_lines(section_b) if section_b else []
        diff = list(difflib.unified_diff(lines_a, lines_b, variant_a, variant_b, lineterm="", n=1))
        if diff:
            differing += 1
            say(f"== {section_a.title} ({Location(section_a.location.path)})")
            for line in diff[2:]:
                say(line)
    for section_b in sections_b.values():
        differing += 1
        say(f"== {section_b.title} (kun i {variant_b})")
        for line in section_lines(section_b):
            say(f"+{line}")
    say(f"{differing} afsnit er forskellige mellem '{variant_a}' og '{variant_b}'.")
    return 0
