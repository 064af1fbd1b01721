"""What a reader needs to know while reading one publication."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..danish import slugify
from ..errors import Problems
from ..model import Organisation


@dataclass
class ReadContext:
    problems: Problems
    organisation: Organisation | None
    _anchors: set[str] = field(default_factory=set)

    def anchor(self, text: str) -> str:
        """A unique in-page anchor for a heading in this publication."""
        base = slugify(text)
        candidate, n = base, 2
        while candidate in self._anchors:
            candidate, n = f"{base}-{n}", n + 1
        self._anchors.add(candidate)
        return candidate
