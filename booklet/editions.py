"""Editions: which variant of a publication a reader gets, selected on the model before layout.

Every publication has the full edition, `samlet`: the core text with every level's
concretisation under its own labelled heading. Selection happens here, on the document
model, so a writer never sees text its edition leaves out.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Publication

FULL = "samlet"


@dataclass(frozen=True)
class Edition:
    id: str
    label: str


def editions_for(publication: Publication) -> list[Edition]:
    return [Edition(FULL, "Samlet udgave")]


def select(publication: Publication, edition: Edition) -> Publication:
    if edition.id == FULL:
        return publication
    raise ValueError(f"unknown edition {edition.id!r}")
