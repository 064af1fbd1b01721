"""A page's description (<meta name="description">): the lines a search result or a link preview
shows under the title. Danish, written from the publication's own words, and different for each
edition, so no two pages of a site say the same."""
from __future__ import annotations

import re

from .danish import LABELS, PUBLICATION_TYPE_NAMES
from .editions import FULL, Edition
from .model import Paragraph, Publication, plain_text

# Search engines show about this many characters; a longer text is cut at a word.
MAX_LENGTH = 160
# A subtitle of at least this many words says what the publication is about ("Ledelse indad, udad
# og sammen – med kerneopgaven i centrum"); a shorter one names a channel or repeats the title
# ("Ledernyt", "Odder Kommunes ledelsesgrundlag"), and the publication's first paragraph says more.
SUMMARY_WORDS = 5


def publication_description(publication: Publication, edition: Edition | None = None) -> str:
    """The subtitle when it is a summary, else the opening sentences of the first paragraph;
    an edition other than the full one is named first ("Udgave for centerchefer. ...").
    `publication` is best the full model: a matrix edition's own holds no paragraph."""
    prefix = f"{edition.label}. " if edition is not None and edition.kind != FULL else ""
    return prefix + clip(_summary(publication), MAX_LENGTH - len(prefix))


def report_description(publication: Publication) -> str:
    return clip(LABELS["report_description"].format(title=publication.title), MAX_LENGTH)


def _summary(publication: Publication) -> str:
    subtitle = " ".join(publication.subtitle.split())
    if len(subtitle.split()) >= SUMMARY_WORDS:
        return subtitle
    lead = _first_paragraph(publication)
    if lead:
        return lead
    if subtitle:
        return subtitle
    return LABELS["publication_description"].format(type=PUBLICATION_TYPE_NAMES.get(publication.type, ""),
                                                    organisation=publication.organisation.name).strip()


def _first_paragraph(publication: Publication) -> str:
    for section in publication.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text = " ".join(plain_text(block.content).split())
                if text:
                    return text
    return ""


def clip(text: str, most: int) -> str:
    """Whole sentences up to `most` characters; a first sentence longer than that is cut at a
    word and ends in '…'."""
    if len(text) <= most:
        return text
    kept = ""
    for match in re.finditer(r"[^.!?]+[.!?]+(?=\s|$)", text):
        if match.end() > most:
            break
        kept = text[:match.end()]
    if kept:
        return kept.strip()
    cut = text[:most - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut}…"
