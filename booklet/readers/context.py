"""What a reader needs to know while reading one publication."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..danish import slugify
from ..errors import Location, Problems, suggestion
from ..model import Block, Organisation

# The ids the page templates give their own elements (the skip link's target, landmarks' titles,
# the search form). A heading's anchor never takes one: a section called "Indhold" would
# otherwise share its id with <main id="indhold">, and links and the PDF's TOC would find the
# wrong one. tests/readers/test_anchors.py keeps this list equal to the templates.
PAGE_IDS = frozenset({
    "indhold", "toc-title", "downloads-title", "edition-switcher-title", "related-title",
    "status-banner-title", "front-search-q", "site-search-q", "search-form", "search-q",
    "search-results", "search-status", "report-brand", "report-brand-note", "report-files",
    "report-manual",
})


@dataclass
class NoteDefinition:
    """A footnote's text ('[^1]: ...') in the section being read, and whether it is used."""

    label: str
    blocks: tuple[Block, ...]
    location: Location
    used_at: Location | None = None
    mentioned: bool = False  # named in another error (a misspelt or nested reference): not also unused


@dataclass
class ReadContext:
    problems: Problems
    organisation: Organisation | None
    roles_known: bool = True  # False when the organisation's file could not be read
    _anchors: set[str] = field(default_factory=set)
    _links: list[tuple[str, Location]] = field(default_factory=list)
    folder: Path | None = None  # the publication's folder: image paths are relative to it
    content_root: Path | None = None  # content/: no image is read from outside it
    sources: list[Path] = field(default_factory=list)  # image files read, for incremental builds
    # The footnotes of the section being read, by label; None where notes cannot stand (inside
    # a footnote's own text, or outside any section).
    notes: dict[str, NoteDefinition] | None = None
    nested_note_labels: set[str] = field(default_factory=set)  # referenced inside a note's own text

    def shared_images_folder(self) -> Path:
        """content/organisationer/<org-id>-billeder/: images every publication of it may use."""
        root = self.content_root or Path("content")
        org_id = self.organisation.id if self.organisation else ""
        return root / "organisationer" / f"{org_id}-billeder"

    def anchor(self, text: str) -> str:
        """A unique in-page anchor for a heading in this publication."""
        base = slugify(text)
        candidate, n = base, 2
        while candidate in self._anchors or candidate in PAGE_IDS:
            candidate, n = f"{base}-{n}", n + 1
        self._anchors.add(candidate)
        return candidate

    def link(self, anchor: str, location: Location) -> None:
        """An in-publication link ('#anchor'), checked when the whole publication is read."""
        self._links.append((anchor, location))

    def check_links(self) -> None:
        for anchor, location in self._links:
            if anchor not in self._anchors:
                self.problems.error(location, f"linket '#{anchor}' peger på en overskrift, der ikke findes"
                                              f"{suggestion(anchor, sorted(self._anchors))}")
