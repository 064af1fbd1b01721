"""The Word template a director starts a publication from: the brand's styles, the publication
type's sections as headings, and short instructions in the document itself.

The styles are the writer's (word/looks.py), so text written in the template looks as the
published DOCX does, and the headings and the level headings are the ones the Word import reads
(word/styles.py): "Konkretisering for <niveau>" as a Heading 2 is a level's block, exactly as
the writer marks it. The instructions are in a style of their own (styles.INSTRUCTION), which
the import skips, so a director may leave them standing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from lxml import etree

from ..danish import PUBLICATION_TYPE_NAMES
from ..model import Brand, LeadershipRole, Organisation
from .fonts import embed_fonts
from .looks import CHARACTER_LOOKS, INSTRUCTION_LOOK, add_paragraph_style, apply_brand, paragraph_looks
from .ooxml import (
    SETTINGS_ORDER, W_NS, configure_settings, drop_revision_ids, drop_template_leftovers, drop_unused_definitions,
    insert_in_order, save_reproducibly,
)
from .stamp import add_custom_properties
from .styles import (
    INSTRUCTION, TABLE_STYLES, TEMPLATE_ORGANISATION, TEMPLATE_TEXT, TEMPLATE_TYPE, TITLE, heading_style, slot_title,
)
from .writer import FLOWING_TYPES, PORTRAIT, page_setup

# The usual sections of each publication type, for an organisation without one of its own yet.
DEFAULT_SECTIONS = {
    "strategibrev": ("Forord", "Det forgangne år", "Den politiske retning", "Direktionens strategibrev",
                     "Projekter i det kommende år"),
    "ledelsesgrundlag": ("Indledning", "Vores opgave", "Sådan leder vi", "Ledelse i praksis"),
    "udviklingsplan": ("Formål", "Ramme for ledelsesudviklingen", "Indsatser", "Forankring og effekt"),
    "folder": ("Indledning", "Det vil vi", "Sådan gør vi"),
}

GENERAL_INSTRUCTIONS = (
    "Sådan skriver du i skabelonen. Tekst i denne tonede, kursive typografi (»Vejledning«) er vejledning "
    "og kommer ikke med, når dokumentet importeres. Du kan lade den stå eller slette den.",
    "Titel: skriv publikationens titel i stedet for teksten i første linje (typografien »Titel«).",
    "Overskrifter: hver »Overskrift 1« er et afsnit i publikationen. Ret overskrifternes tekst, slet dem, "
    "I ikke bruger, og tilføj nye med typografien »Overskrift 1«. Brug »Overskrift 2« og »Overskrift 3« "
    "til underoverskrifter i et afsnit.",
    "Lister: brug Words knapper til punktopstilling og nummerering. Skriv ikke selv tal eller tegn foran "
    "punkterne, for så bliver de ikke til en liste.",
    "Tabeller: indsæt en almindelig Word-tabel (Indsæt > Tabel). Den første række er tabellens "
    "overskriftsrække. En titel til tabellen skrives som billedtekst (Referencer > Indsæt billedtekst).",
    "Billeder: indsæt billedet på sin egen linje i teksten (Indsæt > Billeder), ikke i et tekstfelt. "
    "Giv det en alternativ tekst (højreklik > Vis alternativ tekst), der siger, hvad billedet viser, til "
    "den, der ikke kan se det; et billede, der kun pynter, markeres som dekorativt samme sted. En "
    "billedtekst under billedet skrives med Referencer > Indsæt billedtekst.",
    "Fodnoter: Referencer > Indsæt fodnote. Fed, kursiv og links virker som vanligt; farver, "
    "skrifttyper, tekstfelter og SmartArt kommer ikke med.",
)


def concretisation_instructions(roles: tuple[LeadershipRole, ...]) -> tuple[str, ...]:
    example = slot_title(roles[0].in_sentence) if roles else slot_title("<niveau>")
    names = ", ".join(f"»{slot_title(role.in_sentence)}«" for role in roles)
    return (
        "Konkretiseringer: et afsnit kan have en tekst til hvert ledelsesniveau. Skriv den under en "
        f"»Overskrift 2«, hvis tekst er præcis »{example}« med niveauets navn, som det står her: {names}. "
        "Konkretiseringen går til næste overskrift. Eksemplerne nedenfor viser én pr. niveau: skriv "
        "teksten i stedet for vejledningen under dem, og slet dem, der ikke skal bruges.",
    )


@dataclass(frozen=True)
class TemplateSection:
    title: str
    concretised: bool  # the level examples go here


def template_text_fingerprint(body) -> str:
    """What the template's text was when it was made (w:body's paragraphs and tables, as text):
    a template someone has written in differs from it."""
    plain = etree.fromstring(etree.tostring(body))  # python-docx's element classes read text their own way
    texts = ("".join(t.text or "" for t in paragraph.iter(f"{{{W_NS}}}t")) for paragraph in plain.iter(f"{{{W_NS}}}p"))
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


def text_fingerprint_of_file(path: Path) -> str:
    """The same fingerprint, of a template file (a .docx or .dotx, as saved by any client)."""
    with zipfile.ZipFile(path) as package:
        document = etree.fromstring(package.read("word/document.xml"),
                                    etree.XMLParser(resolve_entities=False, no_network=True))
    body = document.find(f"{{{W_NS}}}body")
    return template_text_fingerprint(body if body is not None else document)


def build_template(organisation: Organisation, brand: Brand, pub_type: str,
                   sections: tuple[TemplateSection, ...], roles: tuple[LeadershipRole, ...],
                   date: dt.date) -> WordDocument:
    document = Document()
    apply_brand(document, brand, PORTRAIT.text_width, pub_type in FLOWING_TYPES)
    add_paragraph_style(document, brand, INSTRUCTION, INSTRUCTION_LOOK)
    configure_settings(document)
    if embed_fonts(document, brand):
        insert_in_order(document.settings.element, OxmlElement("w:embedTrueTypeFonts"), SETTINGS_ORDER)
    drop_template_leftovers(document)
    page_setup(document.sections[0], PORTRAIT)

    type_name = PUBLICATION_TYPE_NAMES[pub_type]
    document.add_paragraph(f"{type_name} for {organisation.name}", style=TITLE)
    for text in (*GENERAL_INSTRUCTIONS, *(concretisation_instructions(roles) if roles else ())):
        document.add_paragraph(text, style=INSTRUCTION)
    for section in sections:
        document.add_paragraph(section.title, style=heading_style(1))
        document.add_paragraph(f"Skriv afsnittet »{section.title}« her.", style=INSTRUCTION)
        if section.concretised:
            for role in roles:
                document.add_paragraph(slot_title(role.in_sentence), style=heading_style(2))
                description = f" ({role.description.rstrip('.')})" if role.description else ""
                document.add_paragraph(
                    f"Skriv her, hvad afsnittet betyder for {role.in_sentence}{description}. Slet overskriften "
                    "og denne vejledning, hvis niveauet ikke skal have sin egen tekst her.", style=INSTRUCTION)

    props = document.core_properties
    props.title = f"{type_name} for {organisation.name}"
    props.author = props.last_modified_by = organisation.name
    props.created = props.modified = dt.datetime.combine(date, dt.time(), tzinfo=dt.timezone.utc)
    props.revision = 1
    props.language = "da-DK"
    props.comments = props.category = props.content_status = props.keywords = props.subject = ""
    add_custom_properties(document, {
        TEMPLATE_ORGANISATION: organisation.id, TEMPLATE_TYPE: pub_type,
        TEMPLATE_TEXT: template_text_fingerprint(document.element.body),
    })
    brand_styles = {*paragraph_looks(brand, pub_type in FLOWING_TYPES), *CHARACTER_LOOKS, *TABLE_STYLES,
                    INSTRUCTION}
    drop_unused_definitions(document, brand_styles)
    drop_revision_ids(document)
    return document


# A .dotx is the same package with the main part declared a template: Word then opens a new,
# untitled document from it, as from its own templates.
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def write_template(target: Path, document: WordDocument, date: dt.date, dotx: bool = False) -> None:
    if dotx:
        document.part._content_type = TEMPLATE_MAIN
    save_reproducibly(document.save, target, date)
