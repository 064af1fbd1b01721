"""Danish conventions for user-facing text: dates, page labels and fixed wording."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

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
    # Editions: cover labels and the matrix edition's chapter.
    "edition_full": "Samlet udgave",
    "edition_role": "Udgave for {role}",
    "edition_matrix": "Oversigt: afsnit og {roles}",
    "edition_review": "Gennemsyn af konkretiseringer",
    "matrix_title": "Afsnit og {roles}",
    "roles_niveau": "niveauer",
    "roles_funktion": "funktioner",
    # A forum's labelled parts.
    "forum_members": "Medlemmer",
    "forum_rhythm": "Mødeform og hyppighed",
    "forum_purpose": "Formål",
    "forum_form": "Form",
    "forum_content": "Indhold",
    "forum_responsibility": "Ansvar",
}


def forum_label(part: str) -> str:
    """The heading of a forum's part: 'members' -> 'Medlemmer'."""
    return LABELS[f"forum_{part}"]


def format_date(date: dt.date) -> str:
    """24. april 2016"""
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(text: str) -> str:
    """'Økonomiske og styringsmæssige kompetencer' -> 'oekonomiske-og-styringsmaessige-kompetencer'."""
    text = text.translate(_DANISH_LETTERS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "afsnit"
