"""Danish conventions for user-facing text: dates, page labels and fixed wording."""
from __future__ import annotations

import datetime as dt

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")

PUBLICATION_TYPE_NAMES = {
    "ledelsesgrundlag": "Ledelsesgrundlag",
    "strategibrev": "Strategibrev",
    "udviklingsplan": "Udviklingsplan",
    "folder": "Folder",
}

# Fixed wording used by every writer, in one place so the formats say the same thing.
LABELS = {
    "contents": "Indhold",
    "page_of": "Side {page} af {pages}",
    "issued_by": "Udgivet af",
    "date": "Dato",
    "contact": "Kontakt",
    "example": "Eksempel",
    "concretisation_for": "Konkretisering for {role}",
    "no_concretisation": "{role}: ingen særskilt konkretisering i dette afsnit.",
    "missing_concretisation": "Mangler: der er ikke skrevet en konkretisering for {role} i dette afsnit.",
    "matrix_caption": "Konkretiseringerne afsnit for afsnit",
    "matrix_section": "Afsnit",
    "for_everyone": "For alle ledere",
    "for_function": "For {role}",
    "focus_areas": "Fokusområder",
    "colophon": "Kolofon",
    "skip_to_content": "Gå til indholdet",
    "downloads": "Hent publikationen",
}


def format_date(date: dt.date) -> str:
    """24. april 2016"""
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def page_label(page: int, pages: int) -> str:
    return LABELS["page_of"].format(page=page, pages=pages)
