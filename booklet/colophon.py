"""Who a publication is by, as its colophon, cover and metadata say it in every format.

The colophon's "Udgivet af" joins the publisher ('udgiver', which only a source that says so
fills in) and the organisation. Where they are the same body ("Helsingør Kommune" twice) the
name is said once; where the source names no publisher, the organisation stands alone.
"""
from __future__ import annotations

from collections.abc import Iterable

from .model import Publication


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def distinct_names(names: Iterable[str]) -> list[str]:
    """The names without empty ones and without repeats (case and spacing aside), each in the
    spelling it first has."""
    seen: set[str] = set()
    result = []
    for name in names:
        key = _same_name(name or "")
        if key and key not in seen:
            seen.add(key)
            result.append(" ".join(name.split()))
    return result


def issued_by(publication: Publication) -> str:
    """The colophon's "Udgivet af": 'Direktionen, Odder Kommune', 'Helsingør Kommune'."""
    return ", ".join(distinct_names([publication.issuer, publication.organisation.name]))


def author(publication: Publication) -> str:
    """The one name a format's author field and the cover's byline hold: the publisher where
    the source names one, else the organisation whose publication it is."""
    return publication.issuer.strip() or publication.organisation.name
