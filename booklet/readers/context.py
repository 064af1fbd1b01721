"""What a reader needs to know while reading one publication."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import Problems
from ..model import Organisation

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(text: str) -> str:
    """'Økonomiske og styringsmæssige kompetencer' -> 'oekonomiske-og-styringsmaessige-kompetencer'."""
    text = text.translate(_DANISH_LETTERS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "afsnit"


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
