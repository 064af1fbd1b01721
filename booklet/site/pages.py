"""What the site's pages show: the publications grouped for the front page, each edition with
its switcher and downloads, and the related publications. Rendering is in `render`."""
from __future__ import annotations

from dataclasses import dataclass

from ..changes import year_of
from ..danish import LABELS, PUBLICATION_TYPE_PLURALS, format_size, sort_key
from ..editions import FULL, MATRIX, REVIEW, Edition, editions_for, select
from ..model import Brand, Organisation, Publication, first_day
from ..output import OutputFile
from ..reports.accessibility import FORMAT as REPORT_FORMAT
from .changes import changes_path

# What a reader can download from an edition's page, in the order offered. The saddle-stitch
# booklet (pdf-imposed) is for the print shop only and is not offered.
DOWNLOAD_FORMATS = ("pdf", "pdf-print", "docx")
RELATED_LIMIT = 4


@dataclass(frozen=True)
class Download:
    label: str  # what the file is for: "Til skærm og print"
    detail: str  # "PDF, 1,2 MB"
    path: str  # site-relative


@dataclass(frozen=True)
class EditionPage:
    publication: Publication  # the edition's own model: only its text
    edition: Edition
    path: str  # site-relative: "htk-ledelsesgrundlag/centerchef.html"
    downloads: tuple[Download, ...]

    @property
    def switch_label(self) -> str:
        """The edition's name in the switcher: short, since the publication is given."""
        if self.edition.role is not None:
            return self.edition.role.name
        return LABELS[{FULL: "switch_full", MATRIX: "switch_matrix", REVIEW: "switch_review"}[self.edition.kind]]


@dataclass(frozen=True)
class ChangesLink:
    """The "Hvad er nyt" page of a publication whose `forrige:` is on the site too."""
    title: str  # "Hvad er nyt i 2016"
    path: str  # site-relative
    previous: Publication  # the full model of the publication it is compared with


@dataclass(frozen=True)
class PublicationPages:
    publication: Publication  # the full model
    editions: tuple[EditionPage, ...]  # the full edition first
    changes: ChangesLink | None = None
    report: str | None = None  # the accessibility report's path, site-relative

    @property
    def main(self) -> EditionPage:
        return self.editions[0]


@dataclass(frozen=True)
class TypeGroup:
    title: str
    publications: tuple[PublicationPages, ...]  # newest first


@dataclass(frozen=True)
class OrganisationGroup:
    organisation: Organisation
    brand: Brand
    types: tuple[TypeGroup, ...]


def page_path(publication_id: str, edition: Edition) -> str:
    # Links name index.html outright: from file:// a folder link does not open it.
    return f"{publication_id}/{'index' if edition.kind == FULL else edition.id}.html"


def plan(publications: tuple[Publication, ...], files: list[OutputFile]) -> list[PublicationPages]:
    by_key = {(f.publication, f.variant, f.format): f for f in files}
    by_id = {p.id: p for p in publications}
    result = []
    for publication in publications:
        pages = []
        for edition in editions_for(publication):
            downloads = tuple(
                Download(LABELS[f"download_{fmt}"], f"{LABELS[f'file_{fmt}']}, {format_size(file.bytes)}", file.path)
                for fmt in DOWNLOAD_FORMATS
                if (file := by_key.get((publication.id, edition.id, fmt))) is not None
            )
            pages.append(EditionPage(select(publication, edition), edition,
                                     page_path(publication.id, edition), downloads))
        previous = by_id.get(publication.previous) if publication.previous else None
        # Without the previous publication on the site (left out, or not published) there is
        # nothing to link to, and the page is not made.
        changes = (ChangesLink(LABELS["changes_title"].format(year=year_of(publication)),
                               changes_path(publication.id), previous) if previous else None)
        report = by_key.get((publication.id, FULL, REPORT_FORMAT))
        result.append(PublicationPages(publication, tuple(pages), changes, report.path if report else None))
    return result


def _newest_first(entries) -> list[PublicationPages]:
    by_title = sorted(entries, key=lambda e: sort_key(e.publication.title))
    # A date without its day (2014, juni 2014) sorts as its first day.
    return sorted(by_title, key=lambda e: first_day(e.publication.date), reverse=True)


def front_page_groups(entries: list[PublicationPages]) -> list[OrganisationGroup]:
    """By organisation, then type, in Danish alphabetical order; newest publication first."""
    organisations: dict[str, list[PublicationPages]] = {}
    for entry in entries:
        organisations.setdefault(entry.publication.organisation.id, []).append(entry)
    groups = []
    for members in organisations.values():
        first = members[0].publication
        by_type: dict[str, list[PublicationPages]] = {}
        for entry in members:
            by_type.setdefault(entry.publication.type, []).append(entry)
        types = [TypeGroup(PUBLICATION_TYPE_PLURALS[t], tuple(_newest_first(e))) for t, e in by_type.items()]
        groups.append(OrganisationGroup(first.organisation, first.brand,
                                        tuple(sorted(types, key=lambda g: sort_key(g.title)))))
    return sorted(groups, key=lambda g: sort_key(g.organisation.name))


def related(entry: PublicationPages, entries: list[PublicationPages]) -> list[PublicationPages]:
    """Others from the same organisation, of the same type or sharing keywords; most in common first."""
    own = entry.publication
    keywords = {k.casefold() for k in own.keywords}

    def in_common(other: Publication) -> int:
        return (len(keywords & {k.casefold() for k in other.keywords})
                + (other.organisation.id == own.organisation.id) + (other.type == own.type))

    scored = [(in_common(e.publication), e) for e in _newest_first(entries) if e is not entry]
    ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: -pair[0])
    return [e for _, e in ranked[:RELATED_LIMIT]]
