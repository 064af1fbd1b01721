"""The seeds true to their source (issue 18, item 4), read back from the built PDF, DOCX and HTML:

- "Strategisk ledelse i HTK": the fora's sentences come in the seed's order, sentence by
  sentence, and each under a label that fits it ("Desuden lægges de økonomiske linjer ..." is
  Direktionen's content, not its purpose; Chefforum's decision workflow is "Arbejdsgang", not
  "Form").
- The strategibrev: "4. Projekter i 2015" is the fourth theme, a sibling of themes 1-3 under
  "Direktionens strategibrev 2015", not a chapter of its own; the 2016 sample is built the same way.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import html as lxml_html
from pypdf import PdfReader

from readback import docx_headings, html_headings, normalise

from booklet import structure
from booklet.figures import figure_for
from booklet.model import Forum, ThemeList
from booklet.readers.project import load_project

REPO = Path(__file__).resolve().parent.parent
# The seed's fora (shared/seeds/000_bb16423eac85bc83.txt, "Strategisk ledelse" to the end), written
# out by hand as in seed_expectations.py: each sentence of a paragraph and each list item, in the
# seed's order, by its first words (the forum's names left out: they are in the contents too).
SEED_UNITS = [
    'Direktionen udgør kommunens øverste strategiske ledelseslag og består',
    'Direktionen mødes én gang ugentlig og behandler temaer',
    'Desuden lægges de økonomiske linjer i direktionen ligesom',
    'Chefforum består af direktører og centerchefer og har',
    'Chefforum mødes én gang ugentlig af 1½-3 timers',
    'I Chefforum sættes retning, prioriteres og koordineres fx',
    'Der prioriteres temadrøftelser frem for dag-til-dag-ledelse og orientering.',
    'Når direktionen skal tage stilling til principielle spørgsmål,',
    'Formålet med Chefforum er at binde de øverste',
    'Strategisk ledelse (indsatser/beslutninger) – organisationen trækker i samme',
    'Samstemt ledelse og organisatorisk sammenhængskraft',
    'Tværgående og helhedsorienteret tilgang',
    'Generelt skal Chefforum have overblik over organisationens store',
    'Arbejdsgangen i forbindelse med tværgående og principielle direktionsbeslutninger',
    'Beslutningsoplæg drøftes i direktionen',
    'Fælles refleksioner i Chefforum',
    'Endelig beslutning træffes i Direktionen.',
    'Dermed sikres en bred perspektivering af temaer af',
    'Strategisk Lederforum består af følgende 100 ledere:',
    'Direktionen (niveau 1)',
    'Chefforum (niveau 2)',
    'Ledere med betydeligt personaleledelses- og/eller økonomiansvar, der reference',
    'Ledere på niveau 4 med betydeligt ledelsesansvar (klubledere',
    'Formålet med Strategisk Lederforum er at sikre, at',
    'Strategisk Lederforum er Direktionens platform for information til',
    'Det er her Direktionen fortæller om de større',
    'Et vigtigt element i forummet er dialogen mellem',
    'Endvidere giver forummet mulighed for netværk og erfaringsudveksling',
    'Der er mødepligt til møderne i Strategisk Lederforum.',
    'Formen på møderne vil primært være:',
    'Orienteringspunkter og kortere oplæg (max 30-60 min)',
    'Workshop/arbejdsgrupper (evt. i eksisterende ledernetværk)',
    'Opsamling og evt. drøftelse i plenum',
    'Der skrives og udsendes referat fra møderne, hvilket',
    'Emnerne på møderne vil primært være:',
    'Større strategiske indsatser og temaer, fx:',
    'Innovation',
    'Effektivisering',
    'Store tværgående temaer (Sundhed og forebyggelse, Uddannelse Til',
    'God ledelse i HTK',
    'Nye ledelsestiltag i Høje-Taastrup Kommune, fx ledelsesevaluering, sygdom-',
    'Nyt inden for ledelse generelt',
    'Kortere orientering om diverse emner som fx:',
    'Budgetproces',
    'APV',
    'Diverse ledelses-rapporteringer',
    'Direktionens strategibrev',
    'Der afholdes et møde hvert kvartal, hvoraf det',
    'De øvrige kvartalsmøder er normalt ½ dage (12.30',
    'Det er overordnet direktionen, der er ansvarlig for',
    'HR-Centret er ansvarlig for den praktiske tilrettelæggelse og',
    'Der er oprettet et antal ledernetværk blandt deltagerne',
    'Sammensætningen er sket på tværs af faggrænser og',
    'Formålet med ledernetværkene er at udvikle ledelse i',
    'Endvidere skal ledernetværkene kunne give input til Direktionen',
    'Indholdet på møderne i ledernetværkene er:',
    'Ledelsestemaer, som medlemmerne tager med fra egen organisation.',
    'Temaer fra Direktionen som netværkene skal drøfte og',
    'Udvikling af ledelsesfaglige kompetencer gennem fx input og',
    'Hvert netværk har en koordinator som sikrer indkaldelse,',
    'Der er mødepligt for deltagerne i ledernetværkene og',
    'Opgaven med at drifte (sammensætning og praktisk tilrettelæggelse)',
    'Der afholdes løbende inspirationsmøder for alle ledere i',
    'Faglige ledere, dvs. ledere, som hverken har personale-',
    'Formålet med disse gå-hjem-/fyraftensmøder er at inspirere og',
    'Møderne kan fx bruges til at:',
    'Præsentere nyere trends i tiden inden for ledelse',
    'Oplæg fra en privat eller offentlig virksomhed, som',
    'En kombination af oplæg og debat blandt deltagerne',
    'Der tilbydes mindst fire inspirationsmøder årligt eller efter',
    'Det er frivilligt for lederne at deltage i',
    'Arrangementerne annonceres via kursuskataloget eller ved kalenderbooking.',
    'Stabscentercheferne har i fællesskab ansvaret for, at der',
    'Forslag til temaer kan i øvrigt komme fra',
    'HR-Centret har ansvaret for den praktiske tilrettelæggelse.',
]
FORA = ["Direktionen", "Chefforum", "Strategisk Lederforum", "Ledernetværk", "Inspirationsmøder for alle ledere"]
# The label each forum's parts carry, in the seed's order.
LABELS = {
    "Direktionen": ["Medlemmer", "Mødeform og hyppighed", "Indhold"],
    "Chefforum": ["Medlemmer", "Mødeform og hyppighed", "Indhold", "Formål", "Arbejdsgang"],
    "Strategisk Lederforum": ["Medlemmer", "Formål", "Form", "Indhold", "Mødeform og hyppighed", "Ansvar"],
    "Ledernetværk": ["Medlemmer", "Formål", "Indhold", "Form", "Mødeform og hyppighed", "Ansvar"],
    "Inspirationsmøder for alle ledere": ["Medlemmer", "Formål", "Indhold", "Mødeform og hyppighed", "Ansvar"],
}
# Sentences the fixed order put under a label that does not fit them.
UNDER = [
    ("Direktionen", "Desuden lægges de økonomiske linjer i direktionen", "Indhold"),
    ("Chefforum", "Arbejdsgangen i forbindelse med tværgående og principielle", "Arbejdsgang"),
    ("Chefforum", "Dermed sikres en bred perspektivering", "Arbejdsgang"),
    ("Strategisk Lederforum", "Der afholdes et møde hvert kvartal", "Mødeform og hyppighed"),
]
_QUOTES = re.compile("[\"'»«“”‘’]")


def comparable(text: str) -> str:
    return normalise(_QUOTES.sub("", text))


def out_of_order(text: str, units: list[str]) -> list[str]:
    """The units not found after the one before them: [] when all come in order."""
    text, at, missing = comparable(text), 0, []
    for unit in units:
        found = text.find(comparable(unit), at)
        if found < 0:
            missing.append(unit)
        else:
            at = found + len(comparable(unit))
    return missing


# --- reading the formats in reading order -------------------------------------------------

def pdf_body_text(path: Path) -> str:
    """Each page's text without its furniture (the running header's line and "Side N af M" at
    its end) and without list markers alone on a line, so a sentence over a page break is whole."""
    pages = []
    for page in PdfReader(path).pages:
        lines = (page.extract_text() or "").split("\n")
        if lines and lines[-1].startswith("Side "):
            lines = lines[:-2]
        pages.append("\n".join(line for line in lines if not re.fullmatch(r"\s*(?:[•–-]|\d+\.)?\s*", line)))
    return "\n".join(pages)


def docx_body_text(path: Path) -> str:
    """Paragraphs and table cells in the order they stand in the document."""
    body = docx.Document(str(path)).element.body
    texts = []
    for element in body.iterchildren():
        if element.tag in (qn("w:p"), qn("w:tbl")):
            texts += ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p"))]
    return "\n".join(texts)


def html_body_text(path: Path) -> str:
    main = lxml_html.fromstring(path.read_bytes()).xpath("//main")[0]
    return " ".join(main.text_content().split())


def html_fora(path: Path) -> dict[str, list[tuple[str, str]]]:
    def text(element) -> str:
        return " ".join(element.text_content().split())

    tree = lxml_html.fromstring(path.read_bytes())
    return {text(section.xpath("./*[contains(@class, 'forum-name')]")[0]):
            [(text(fact.xpath("dt")[0]), text(fact.xpath("dd")[0]))
             for fact in section.xpath(".//div[@class='forum-fact']")]
            for section in tree.xpath("//section[@class='forum']")}


def docx_fora(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Each forum's table of (label, text) rows, named by the heading before it."""
    body = docx.Document(str(path)).element.body
    fora, heading = {}, None
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text in FORA:
                heading = text
        elif element.tag == qn("w:tbl") and heading:
            rows = []
            for row in element.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in c.iter(qn("w:t"))) for c in row.iter(qn("w:tc"))]
                rows.append((cells[0], " ".join(" ".join(cells[1:]).split())))
            fora[heading], heading = rows, None
    return fora


READ = {"pdf": pdf_body_text, "docx": docx_body_text, "html": html_body_text}


def built(seed_build: Path, publication: str, fmt: str) -> Path:
    suffix = {"pdf": ".pdf", "docx": ".docx", "html": ".html"}[fmt]
    path = seed_build / publication / f"{publication}{suffix}"
    assert path.is_file(), path
    return path


# --- Strategisk ledelse i HTK ---------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_the_fora_have_the_seeds_sentences_in_the_seeds_order(seed_build, fmt):
    text = READ[fmt](built(seed_build, "htk-strategisk-ledelse", fmt))
    assert out_of_order(text, SEED_UNITS) == [], fmt


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_each_forum_labels_its_parts_as_the_seed_tells_them(seed_build, fmt):
    fora = (html_fora if fmt == "html" else docx_fora)(built(seed_build, "htk-strategisk-ledelse", fmt))
    assert {name: [label for label, _ in parts] for name, parts in fora.items()} == LABELS
    for name, sentence, label in UNDER:
        (holder,) = [part_label for part_label, text in fora[name] if comparable(sentence) in comparable(text)]
        assert holder == label, (name, sentence)


def test_the_pdf_labels_the_parts_as_the_html_does(seed_build):
    """The PDF is the HTML laid out: each label stands right before its part's first words."""
    text = comparable(pdf_body_text(built(seed_build, "htk-strategisk-ledelse", "pdf")))
    for _name, sentence, label in UNDER:
        if not sentence.startswith("Dermed"):  # the one that does not open its part
            assert comparable(label + sentence) in text, (label, sentence)


# --- the strategibrev: projects as the fourth theme -------------------------------------------

BREVE = {"htk-strategibrev-2015": "Projekter i 2015", "htk-strategibrev-2016": "Projekter i 2016"}


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


@pytest.mark.parametrize("publication_id", sorted(BREVE))
def test_projects_are_the_fourth_theme_not_a_chapter(project, publication_id):
    (publication,) = [p for p in project.publications if p.id == publication_id]
    assert not any("Projekter" in s.title for s in publication.sections)
    (themes,) = [b for s in publication.sections for b in s.blocks if isinstance(b, ThemeList)]
    assert [t.number for t in themes.themes] == [1, 2, 3, 4]
    fourth = themes.themes[3]
    assert fourth.title == BREVE[publication_id] and fourth.subthemes == () and fourth.intro
    assert all(t.subthemes for t in themes.themes[:3])
    outline = [(e.level, e.title) for e in structure.table_of_contents(publication)]
    at = outline.index((structure.THEME_LEVEL, f"4. {BREVE[publication_id]}"))
    assert outline[at - 1][0] == structure.THEME_LEVEL and outline[at - 1][1].startswith("3. ")


@pytest.mark.parametrize("publication_id", sorted(BREVE))
def test_the_overview_figure_draws_the_themes_with_taglines(project, publication_id):
    """As in the printed letter: three columns of sub-themes and taglines; the projects are read
    in the text, not drawn as an empty fourth column."""
    (publication,) = [p for p in project.publications if p.id == publication_id]
    (themes,) = [b for s in publication.sections for b in s.blocks if isinstance(b, ThemeList)]
    figure = figure_for(themes, publication.brand)
    assert "3. Ledelse på tværs" in figure.alt and "Projekter" not in figure.alt
    assert not any("Projekter" in label.text for label in figure.labels)


@pytest.mark.parametrize("publication_id", sorted(BREVE))
def test_every_format_sets_the_projects_as_a_theme_heading(seed_build, publication_id):
    title = f"4. {BREVE[publication_id]}"
    html = [(level, text) for level, text in _html_levels(built(seed_build, publication_id, "html"))]
    word = docx_headings(built(seed_build, publication_id, "docx"))
    for headings in (html, word):
        levels = {text: level for level, text in headings}
        assert levels[title] == levels["3. Ledelse på tværs"] == levels["1. Resultater for borgeren"]
        assert [text for level, text in headings if "Projekter" in text] == [title]  # no chapter of its own
    assert title in html_headings(built(seed_build, publication_id, "html"))
    # PDF: a bookmark beside themes 1-3, and the running header names the letter's chapter.
    pdf = PdfReader(built(seed_build, publication_id, "pdf"))
    assert _bookmark_siblings(pdf.outline, title) == [
        "1. Resultater for borgeren", "2. Resultater i organisationen", "3. Ledelse på tværs", title]
    (page,) = [p.extract_text() for p in pdf.pages if p.extract_text().split("\n")[0] != "Indhold"
               and title in p.extract_text()]
    header = page.split("\n")[-2]
    assert header.endswith(f"Direktionens strategibrev {BREVE[publication_id][-4:]}") and "Projekter" not in header


def _html_levels(path: Path) -> list[tuple[int, str]]:
    from readback import read_html

    return read_html(path).headings


def _bookmark_siblings(items, title: str) -> list[str] | None:
    """The titles of the bookmarks at the level where `title` is, or None."""
    titles = [item.title for item in items if not isinstance(item, list)]
    if title in titles:
        return [t for t in titles if re.match(r"\d+\. ", t)]
    for item in items:
        if isinstance(item, list):
            found = _bookmark_siblings(item, title)
            if found is not None:
                return found
    return None
