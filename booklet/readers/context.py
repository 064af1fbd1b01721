"""What a reader needs to know while reading one publication."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..danish import slugify
from ..errors import Location, Problems, suggestion
from ..model import Organisation


@dataclass
class ReadContext:
    problems: Problems
    organisation: Organisation | None
    roles_known: bool = True  # False when the organisation's file could not be read
    _anchors: set[str] = field(default_factory=set)
    _links: list[tuple[str, Location]] = field(default_factory=list)

    def anchor(self, text: str) -> str:
        """A unique in-page anchor for a heading in this publication."""
        base = slugify(text)
        candidate, n = base, 2
        while candidate in self._anchors:
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
