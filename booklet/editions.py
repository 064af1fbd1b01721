"""Editions: which variant of a publication a reader gets, selected on the model before layout.

Every publication has the full edition, `samlet`: the core text with every level's
concretisation under its own labelled heading. A publication that declares `varianter`
also gets one edition per level (or function), a matrix of sections x levels and a review
edition that flags what is missing. Selection happens here, on the document model, so no
writer ever sees text its edition leaves out: tables of contents, bookmarks, Word's
navigation and search indexes hold only the edition's own text.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .danish import LABELS, slugify
from .model import (
    Block, LeadershipRole, LevelMatrix, LevelSlot, MatrixRow, PackageList, Publication, Section,
)

FULL = "samlet"
MATRIX = "matrix"
REVIEW = "gennemsyn"
ROLE = "rolle"


@dataclass(frozen=True)
class Edition:
    id: str  # the variant id in the manifest: samlet, a level's id, matrix, gennemsyn
    label: str  # shown on the cover: "Udgave for centerchefer"
    kind: str  # FULL, ROLE, MATRIX or REVIEW
    role: LeadershipRole | None = None


def editions_for(publication: Publication) -> list[Edition]:
    editions = [Edition(FULL, LABELS["edition_full"], FULL)]
    roles = publication.variant_roles
    if not roles:
        return editions
    editions += [Edition(role.id, LABELS["edition_role"].format(role=role.in_sentence), ROLE, role)
                 for role in roles]
    editions.append(Edition(MATRIX, LABELS["edition_matrix"].format(roles=_roles_noun(publication)), MATRIX))
    editions.append(Edition(REVIEW, LABELS["edition_review"], REVIEW))
    return editions


def _roles_noun(publication: Publication) -> str:
    return LABELS[f"roles_{publication.variant_axis}"]


def select(publication: Publication, edition: Edition) -> Publication:
    if edition.kind == FULL:
        sections = publication.sections
    elif edition.kind == ROLE:
        assert edition.role is not None
        sections = tuple(_for_role(s, edition.role) for s in publication.sections)
    elif edition.kind == REVIEW:
        sections = tuple(_with_missing_flagged(s, publication.variant_roles) for s in publication.sections)
    elif edition.kind == MATRIX:
        sections = (_matrix_section(publication),)
    else:
        raise ValueError(f"unknown edition kind {edition.kind!r}")
    return replace(publication, sections=sections, edition_label=edition.label)


def missing_roles(section: Section, roles: tuple[LeadershipRole, ...]) -> list[LeadershipRole]:
    """Levels a concretised section has no block for (an explicit 'ingen' counts as written)."""
    if not section.concretised:
        return []
    written = {slot.role.id for slot in section.slots}
    return [role for role in roles if role.id not in written]


def _for_role(section: Section, role: LeadershipRole) -> Section:
    blocks: list[Block] = []
    for block in section.blocks:
        if isinstance(block, LevelSlot):
            if block.role.id == role.id and not block.none_declared:
                blocks.append(replace(block, addressed=True))
        elif isinstance(block, PackageList) and role.axis == "funktion":
            # A function's edition keeps the packages for everyone and its own.
            packages = tuple(p for p in block.packages if p.function is None or p.function.id == role.id)
            if packages:
                blocks.append(replace(block, packages=packages))
        else:
            blocks.append(block)
    return replace(section, blocks=tuple(blocks))


def _with_missing_flagged(section: Section, roles: tuple[LeadershipRole, ...]) -> Section:
    missing = [
        LevelSlot(role=role, blocks=(), example=False, location=section.location, missing=True)
        for role in missing_roles(section, roles)
    ]
    return replace(section, blocks=section.blocks + tuple(missing)) if missing else section


def _matrix_section(publication: Publication) -> Section:
    roles = publication.variant_roles
    rows = []
    for section in publication.sections:
        if not section.concretised:
            continue
        by_role = {slot.role.id: slot for slot in section.slots}
        cells = tuple(
            by_role.get(role.id)
            or LevelSlot(role=role, blocks=(), example=False, location=section.location, missing=True)
            for role in roles
        )
        rows.append(MatrixRow(section.title, section.anchor, cells))
    first = publication.sections[0] if publication.sections else None
    title = LABELS["matrix_title"].format(roles=_roles_noun(publication))
    return Section(
        id="matrix",
        title=title,
        anchor=slugify(title),
        blocks=(LevelMatrix(roles, tuple(rows)),),
        location=first.location if first else publication.location,
    )
