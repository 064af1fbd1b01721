"""Danish conventions for user-facing text: dates, sizes, alphabetical order and fixed wording."""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import PublicationDate

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december")

PUBLICATION_TYPE_NAMES = {
    "ledelsesgrundlag": "Ledelsesgrundlag",
    "strategibrev": "Strategibrev",
    "udviklingsplan": "Udviklingsplan",
    "folder": "Folder",
}

# Headings over several publications of a type, on the site's front page.
PUBLICATION_TYPE_PLURALS = {
    "ledelsesgrundlag": "Ledelsesgrundlag",
    "strategibrev": "Strategibreve",
    "udviklingsplan": "Udviklingsplaner",
    "folder": "Foldere",
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
    "for_function": "For {role}",
    "focus_areas": "Fokusområder",
    "landmarks": "Pejlemærker",
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
    "forum_workflow": "Arbejdsgang",
    "forum_content": "Indhold",
    "forum_responsibility": "Ansvar",
    # The intranet site.
    "site_title": "Ledelsespublikationer",
    "site_intro": "Ledelsesgrundlag, strategibreve og udviklingsplaner. Læs dem her, find udgaven for "
                  "dit eget ledelsesniveau, eller hent dem som PDF og Word.",
    "front_page": "Forside",
    "breadcrumb": "Du er her",
    "search": "Søg",
    "search_label": "Søg i publikationerne",
    "search_title": "Søg",
    "search_hint": "Søgningen finder ord i alle publikationernes tekst og fører dig direkte til afsnittet.",
    "search_searching": "Søger ...",
    "search_none": "Ingen afsnit indeholder »{query}«. Prøv et andet ord.",
    "search_one": "1 publikation indeholder »{query}«.",
    "search_many": "{count} publikationer indeholder »{query}«.",
    "search_unavailable": "Søgningen virker kun, når sitet ligger på en webserver. Find publikationen på "
                          "forsiden i stedet.",
    "search_needs_script": "Søgningen kræver, at JavaScript er slået til i browseren. Find publikationen på "
                           "forsiden i stedet.",
    "editions": "Udgaver",
    "edition_switcher": "Vælg udgave",
    "switch_full": "Samlet",
    "switch_matrix": "Oversigt",
    "switch_review": "Gennemsyn",
    "download_pdf": "Til skærm og print",
    "download_pdf-print": "Til trykkeriet, med beskæring",
    "download_docx": "Til redigering i Word",
    "file_pdf": "PDF",
    "file_pdf-print": "PDF",
    "file_docx": "DOCX",
    "related": "Relaterede publikationer",
    "accessibility_statement": "Tilgængelighedserklæring",
    "accessibility_statement_for": "Tilgængelighedserklæring for {organisation}",
    "not_found_title": "Siden findes ikke",
    "not_found_text": "Siden er måske flyttet, eller adressen er skrevet forkert. Find publikationen på "
                      "forsiden, eller søg efter den.",
    "to_front_page": "Gå til forsiden",
    # A page's description (<meta name="description">) where the publication gives none of its own.
    "publication_description": "{type} fra {organisation}",
    "report_description": "Tilgængelighedsrapport for {title}: hvad der er kontrolleret i PDF-, Word- og "
                          "HTML-filerne, og hvad der blev målt.",
    # Figures: a figure's name in Word, the wheel's hub, and the alt texts written from each figure's data.
    "figure": "Figur",
    "wheel_hub": "Kompetencehjulet",
    "alt_wheel": "Kompetencehjulet: {competencies} rundt om hjulet.",
    "alt_hub": "{centre} i midten med {around} rundt om.",
    "alt_layers": "Model i lag, nedefra: {layers}.",
    "alt_grid": "Fire felter i 2 x 2. Øverst: {top}. Nederst: {bottom}.",
    "alt_house": "Et hus. Fundament: {foundation}. Rum: {rooms}.{centre} Tag: {roof}.",
    "alt_house_centre": " I midten: {centre}.",
    "alt_overview": "Oversigt over temaerne: {themes}.",
    "alt_overview_theme": "{title} ({subthemes})",
    # Numbered captions: "Figur 3: Direktøren på rådhuset", "Tabel 1: Nøgletal 2015".
    "figure_number": "Figur {number}:",
    "table_number": "Tabel {number}:",
    # A drawn figure's caption after its number ("Figur 2: Kompetencehjulet"); {centre} is a
    # hub's centre ("Kerneopgaven i midten").
    "figure_caption_competency_wheel": "Kompetencehjulet",
    "figure_caption_focus_grid": "Fokusområderne",
    "figure_caption_themes": "Temaerne",
    "figure_caption_hub": "{centre} i midten",
    "figure_caption_layers": "Opbygning",
    "figure_caption_house": "Huset",
    # A table without a caption is named by its columns where it scrolls on a phone.
    "table_named_by_columns": "Tabel med kolonnerne {columns}",
    # Footnotes on the web page: listed under their section, with links both ways.
    "notes": "Noter",
    "note_ref": "Note {number}",
    "note_back": "Tilbage til teksten",
    "note_back_label": "Tilbage til teksten ved note {number}",
    # A pull quote is set in Danish quotation marks.
    "quote_open": "»",
    "quote_close": "«",
    # The site's "Hvad er nyt" page (booklet/site/changes.py)
    "changes_title": "Hvad er nyt i {year}",
    "changes_lead": "{new} sammenlignet med {old}, afsnit for afsnit.",
    "changes_legend": "Fjernet tekst er streget over og mærket »Fjernet«; ny tekst er "
                      "understreget og mærket »Tilføjet«.",
    "changes_none": "Teksten er den samme som i {old}.",
    "changes_added_section": "Nyt afsnit",
    "changes_removed_section": "Fjernet afsnit",
    "changes_renamed": "Hed før »{title}«.",
    "changes_moved": "Flyttet fra plads {before} til {now}.",
    "changes_added": "Tilføjet",
    "changes_removed": "Fjernet",
    "changes_changed": "Ændret",
    "changes_read_section": "Læs afsnittet »{title}«",
    "changes_to_publication": "Til {title}",
    "changes_summary": "Der er ændringer i {count} afsnit.",
    "changes_whole_section": "hele afsnittet",
}


def in_sentence(name: str) -> str:
    """A name as it stands inside a Danish sentence: 'Centerchefer' -> 'centerchefer', so that
    "Konkretisering for centerchefer" and "For ledere af ledere" read as Danish.

    Only a capital that merely starts the name goes: an abbreviation keeps its capitals
    ('HR-chefer', 'MED-ledere', 'A-ledere'). A proper noun ('Direktionen' where the organisation
    writes it so) is not passed here: the organisation file says so with 'egennavn: ja'."""
    word = name.split(maxsplit=1)[0] if name[:1].isalpha() else ""
    if len(word) < 2 or not word[1].isalpha() or any(c.isupper() for c in word[1:]):
        return name
    return name[0].lower() + name[1:]


def join_and(items) -> str:
    """'a, b og c', as a Danish sentence lists things."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"


def forum_label(part: str) -> str:
    """The heading of a forum's part: 'members' -> 'Medlemmer'."""
    return LABELS[f"forum_{part}"]


def format_date(date: PublicationDate) -> str:
    """'24. april 2016'; a date written without its day 'juni 2014', without day and month
    '2014' (a model.PartialDate: what the source does not say is not printed)."""
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def format_size(n_bytes: int) -> str:
    """'1,2 MB', '850 kB': decimal comma and the units a file manager shows."""
    if n_bytes < 999_500:
        return f"{max(1, round(n_bytes / 1000))} kB"
    return f"{n_bytes / 1_000_000:.1f}".replace(".", ",") + " MB"


# The Danish alphabet after the digits: æ, ø and å come after z.
_ALPHABET = {c: i for i, c in enumerate("0123456789abcdefghijklmnopqrstuvwxyzæøå", start=1)}
# Foreign letters sort with the Danish letter they stand for (as in Danish dictionaries).
_AS_DANISH = str.maketrans({"ä": "æ", "ö": "ø", "ü": "y"})


def sort_key(text: str) -> tuple:
    """Danish alphabetical order: 'Aabenraa' and 'Ærø' come after 'Odder', 'Ølstykke' before 'Århus'.

    Double a is å (Aarhus files under å), as in Danish collation; other accents are ignored
    (é as e). Spaces and punctuation come before digits and letters. Ties keep a fixed order.
    """
    folded = text.casefold().replace("aa", "å").translate(_AS_DANISH)
    letters = []
    for char in folded:
        if char not in _ALPHABET:
            char = unicodedata.normalize("NFKD", char)[0]
        letters.append(_ALPHABET.get(char, 0))
    return tuple(letters), text


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(text: str) -> str:
    """'Økonomiske og styringsmæssige kompetencer' -> 'oekonomiske-og-styringsmaessige-kompetencer'."""
    text = text.translate(_DANISH_LETTERS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "afsnit"
