"""What a publication folder is read into, and the exact message and line of each mistake in it.

Each test writes a small publication (a manifest and a section or two) and reads it in-process
with `read_publication`, so it sees the whole model and every message as the author reads them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import (
    Heading, LeadershipRole, LevelSlot, Organisation, Paragraph, Section, Text,
)
from booklet.readers import publication as publication_module
from booklet.readers.limits import size_text
from booklet.readers.publication import read_publication

from images import png_bytes, write

LEVELS = tuple(LeadershipRole(id=i, name=n, description="", order=o, axis="niveau", address=f"Til dig som {n}")
               for o, (i, n) in enumerate([("direktion", "Direktionen"), ("centerchef", "Centerchefer")], 1))
FUNCTIONS = (LeadershipRole(id="ledere-af-ledere", name="Ledere af ledere", description="", order=1,
                            axis="funktion", address="Til dig som leder af ledere"),)
ORG = Organisation("tk", "Testkommune", "TK", "mærke", "", LEVELS, FUNCTIONS, Location(Path("tk.yml"), 1))
BARE = Organisation("bar", "Barkommune", "BK", "mærke", "", (), (), Location(Path("bar.yml"), 1))
BRAND = object()  # passed through to the publication as it is

PUB = "content/publikationer/p"
MANIFEST = f"{PUB}/publikation.yml"
HEAD = ["type: ledelsesgrundlag", "organisation: tk", "titel: Grundlaget", "dato: 2016-04-24",
        "udgiver: Direktionen"]
SECTION = "---\ntitel: Indledning\n---\nTekst.\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """An empty project folder, and the working folder: messages name content/... as an author sees them."""
    (tmp_path / PUB).mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def manifest(root: Path, *lines: str, sections: tuple[str, ...] = ("01.md",)) -> None:
    """publikation.yml with `lines`, then 'afsnit:' listing `sections` (each written if not there)."""
    text = "\n".join([*lines, "afsnit:", *[f"  - {name}" for name in sections]]) + "\n"
    (root / MANIFEST).write_text(text, encoding="utf-8")
    for name in sections:
        path = root / PUB / name
        if name.endswith(".md") and "/" not in name and not path.exists():
            path.write_text(SECTION, encoding="utf-8")


def section(root: Path, name: str, text: str) -> None:
    (root / PUB / name).write_text(text, encoding="utf-8")


def read(root: Path, organisations=None, brands=None):
    problems = Problems()
    result = read_publication(root / PUB, {"tk": ORG, "bar": BARE} if organisations is None else organisations,
                              {"mærke": BRAND} if brands is None else brands, problems)
    return result, [str(p) for p in problems.errors], [str(p) for p in problems.warnings]


def error(where: str, line: int | None, message: str) -> str:
    return f"{where}:{line}: fejl: {message}" if line else f"{where}: fejl: {message}"


def warning(where: str, line: int | None, message: str) -> str:
    return f"{where}:{line}: advarsel: {message}" if line else f"{where}: advarsel: {message}"


# --- the manifest ----------------------------------------------------------------------


def test_a_publication_is_read_with_every_field(project):
    manifest(project, *HEAD, "undertitel: Et lille grundlag", "nøgleord: [ledelse, ' test ']", "papir: a5",
             "forrige: gammel", sections=("01.md", "02.md"))
    (project / "content/publikationer/gammel").mkdir()
    (project / "content/publikationer/gammel/publikation.yml").write_text("titel: x\n", encoding="utf-8")
    section(project, "02.md", "---\ntitel: Anden del\nny_side: nej\n---\n## Overskrift\n")
    publication, errors, warnings = read(project)
    assert (errors, warnings) == ([], [])
    folder = project / PUB
    assert (publication.id, publication.type, publication.organisation, publication.brand) == \
        ("p", "ledelsesgrundlag", ORG, BRAND)
    assert (publication.title, publication.subtitle, publication.date, publication.issuer) == \
        ("Grundlaget", "Et lille grundlag", dt.date(2016, 4, 24), "Direktionen")
    assert publication.keywords == ("ledelse", "test")
    assert (publication.paper, publication.variant_axis, publication.previous) == ("A5", None, "gammel")
    assert (publication.folder, publication.location) == (folder, Location(folder / "publikation.yml", 1))
    assert (publication.status, publication.approved_by, publication.approved_on) == ("kladde", "", None)
    assert publication.cover_image is None
    assert publication.sources == (folder / "publikation.yml", folder / "01.md", folder / "02.md")
    first, second = publication.sections
    assert first == Section(id="01", title="Indledning", anchor="indledning", blocks=(Paragraph((Text("Tekst."),)),),
                            location=Location(folder / "01.md", 1), concretised=False, new_page=None)
    assert (second.id, second.title, second.anchor, second.new_page) == ("02", "Anden del", "anden-del", False)
    assert second.blocks == (Heading(2, (Text("Overskrift"),), "overskrift"),)


def test_the_paper_is_a4_unless_written(project):
    manifest(project, *HEAD)
    publication, errors, _ = read(project)
    assert (publication.paper, errors) == ("A4", [])
    manifest(project, *HEAD, "papir: Letter")
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "papir skal være A4 eller A5, ikke 'LETTER'.")]


def test_an_unknown_type_is_said_at_its_line_with_a_suggestion(project):
    manifest(project, "organisation: tk", "type: ledelsesgrundlg", *HEAD[2:])
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 2, "ukendt type 'ledelsesgrundlg' – mente du 'ledelsesgrundlag'?")]
    assert publication.type == "ledelsesgrundlg"


def test_an_unknown_organisation_is_said_and_nothing_is_returned(project):
    manifest(project, "type: ledelsesgrundlag", "organisation: tc", *HEAD[2:])
    publication, errors, _ = read(project)
    assert publication is None
    assert errors == [error(MANIFEST, 2, "organisationen 'tc' findes ikke i content/organisationer. Gyldige værdier: 'tk', 'bar'.")]


def test_an_organisation_whose_file_had_errors_is_not_said_again(project):
    manifest(project, *HEAD, "varianter: niveauer")
    publication, errors, _ = read(project, organisations={"tk": None})
    assert (publication, errors) == (None, [])


def test_without_the_organisations_brand_nothing_is_returned(project):
    manifest(project, *HEAD)
    publication, errors, _ = read(project, brands={})
    assert (publication, errors) == (None, [])


def test_a_missing_manifest_is_said_and_nothing_is_returned(project):
    publication, errors, _ = read(project)
    assert publication is None
    assert len(errors) == 1 and errors[0].startswith(f"{MANIFEST}: fejl: ")


def test_required_manifest_fields_are_said_at_the_first_line(project):
    manifest(project, "organisation: tk")
    publication, errors, _ = read(project)
    assert errors == [
        error(MANIFEST, 1, "feltet 'type' mangler i publikationens manifest. Tilføj fx 'type: ledelsesgrundlag'."),
        error(MANIFEST, 1, "feltet 'titel' mangler i publikationens manifest. Tilføj fx 'titel: Ledelsesgrundlag'."),
        error(MANIFEST, 1, "feltet 'dato' mangler i publikationens manifest. Tilføj fx 'dato: 2016-04-24'."),
    ]  # 'udgiver' is written only where the source names a publisher
    assert (publication.type, publication.title, publication.date, publication.issuer) == ("", "", None, "")


# --- the sections it lists -------------------------------------------------------------


@pytest.mark.parametrize("name", ["../01.md", "under/01.md", "01.txt"])
def test_a_section_must_be_a_md_file_in_the_folder(project, name):
    manifest(project, *HEAD, sections=(name, "01.md"))
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 7, f"'{name}' skal være navnet på en .md-fil i mappen p.")]
    assert [s.id for s in publication.sections] == ["01"]


def test_a_missing_section_is_said_with_a_suggestion_and_the_rest_is_read(project):
    manifest(project, *HEAD, sections=("01.md",))
    manifest(project, *HEAD, sections=("02-indhold.md", "01.md", "03.md"))
    (project / PUB / "02-indhold.md").unlink()
    (project / PUB / "03.md").unlink()
    section(project, "02-indholdet.md", SECTION)
    publication, errors, warnings = read(project)
    assert errors == [error(MANIFEST, 7, "afsnittet '02-indhold.md' findes ikke i mappen p – mente du '02-indholdet.md'?"),
                      error(MANIFEST, 9, "afsnittet '03.md' findes ikke i mappen p – mente du '01.md'?")]
    assert [s.id for s in publication.sections] == ["01"]
    assert warnings == []  # a listed file is missing: the unlisted one is its likely name, said above


def test_a_file_the_manifest_does_not_list_is_warned_about(project):
    manifest(project, *HEAD, sections=("02.md",))
    section(project, "01.md", SECTION)
    section(project, "03.md", SECTION)
    (project / PUB / "noter.txt").write_text("x", encoding="utf-8")
    _, errors, warnings = read(project)
    assert errors == []
    message = "filen er ikke med i publikationen: tilføj den under afsnit: i publikation.yml, eller flyt den ud af mappen."
    assert warnings == [warning(f"{PUB}/01.md", None, message), warning(f"{PUB}/03.md", None, message)]


def test_sections_that_cannot_be_read_still_count_as_sources(project):
    manifest(project, *HEAD, sections=("01.md", "02.md"))
    section(project, "01.md", "")
    publication, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", 1, "afsnittet er tomt. Skriv mindst en titel og noget tekst.")]
    assert [s.id for s in publication.sections] == ["02"]
    folder = project / PUB
    assert publication.sources == (folder / "publikation.yml", folder / "01.md", folder / "02.md")


def test_too_many_sections_are_one_error(project, monkeypatch):
    monkeypatch.setattr(publication_module, "MAX_SECTIONS", 2)
    manifest(project, *HEAD, sections=("01.md", "02.md"))
    publication, errors, _ = read(project)
    assert (errors, len(publication.sections)) == ([], 2)
    manifest(project, *HEAD, sections=("01.md", "02.md", "03.md"))
    publication, errors, warnings = read(project)
    assert errors == [error(MANIFEST, 6, "publikationen har 3 afsnit; en publikation kan højst have 2. "
                                         "Del den op i flere publikationer.")]
    assert publication.sections == ()
    assert warnings == []  # the files are listed: none is left out without a word


def test_sections_too_large_together_are_refused_at_the_one_that_tips_it(project, monkeypatch):
    size = len(SECTION.encode())
    monkeypatch.setattr(publication_module, "MAX_PUBLICATION_TEXT_BYTES", 2 * size)
    manifest(project, *HEAD, sections=("01.md", "02.md"))
    publication, errors, _ = read(project)
    assert (errors, len(publication.sections)) == ([], 2)  # exactly the limit is allowed
    manifest(project, *HEAD, sections=("01.md", "02.md", "03.md", "04.md"))
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 9, f"afsnittene fylder til og med '03.md' over {size_text(2 * size)} tilsammen; det er "
                                         "mere end en publikation kan sættes op. Del den op i flere publikationer.")]
    assert [s.id for s in publication.sections] == ["01", "02"]


def test_a_section_over_the_file_limit_is_not_counted_again_in_the_total(project, monkeypatch):
    size = len(SECTION.encode())
    monkeypatch.setattr(publication_module, "MAX_PUBLICATION_TEXT_BYTES", size)
    monkeypatch.setattr(publication_module, "MAX_CONTENT_FILE_BYTES", size - 1)
    manifest(project, *HEAD, sections=("01.md", "02.md"))
    _, errors, _ = read(project)
    assert not any("tilsammen" in e for e in errors), errors
    monkeypatch.setattr(publication_module, "MAX_CONTENT_FILE_BYTES", size)
    _, errors, _ = read(project)
    assert [e for e in errors if "tilsammen" in e] == [
        error(MANIFEST, 8, f"afsnittene fylder til og med '02.md' over {size_text(size)} tilsammen; det er mere end en "
                           "publikation kan sættes op. Del den op i flere publikationer.")]


# --- variants --------------------------------------------------------------------------


SLOT = "---\ntitel: Niveauer\n---\nTekst.\n\n::: {niveau=direktion}\nFor direktionen.\n:::\n"


def test_editions_per_level_or_function(project):
    manifest(project, *HEAD, "varianter: niveauer")
    section(project, "01.md", SLOT)
    publication, errors, _ = read(project)
    assert (errors, publication.variant_axis) == ([], "niveau")
    slot = publication.sections[0].blocks[1]
    assert isinstance(slot, LevelSlot) and slot.role == LEVELS[0]
    assert publication.sections[0].concretised
    manifest(project, *HEAD, "varianter: funktioner")
    section(project, "01.md", SECTION)
    publication, errors, _ = read(project)
    assert (errors, publication.variant_axis) == ([], "funktion")


def test_an_unknown_variant_axis_is_said_and_the_level_blocks_are_not_blamed(project):
    manifest(project, *HEAD, "varianter: niveaur")
    section(project, "01.md", SLOT)
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "'varianter' skal være 'niveauer' eller 'funktioner', ikke 'niveaur' – "
                                         "mente du 'niveauer'?")]
    assert publication.variant_axis is None


def test_a_variant_axis_that_is_no_text_is_said_once(project):
    manifest(project, *HEAD, "varianter: [niveauer]")
    section(project, "01.md", SLOT)
    _, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "feltet 'varianter' skal være en tekst, men her står en liste.")]


@pytest.mark.parametrize("axis", ["niveauer", "funktioner"])
def test_variants_of_an_organisation_without_such_roles_are_said(project, axis):
    manifest(project, "organisation: bar", *HEAD[:1], *HEAD[2:], f"varianter: {axis}")
    _, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, f"Barkommune har ingen {axis}. Tilføj dem i content/organisationer/bar.yml.")]


def test_functions_are_enough_for_editions_per_function(project):
    org = Organisation("tk", "Testkommune", "TK", "mærke", "", (), FUNCTIONS, Location(Path("tk.yml"), 1))
    manifest(project, *HEAD, "varianter: funktioner")
    _, errors, _ = read(project, organisations={"tk": org})
    assert errors == []
    manifest(project, *HEAD, "varianter: niveauer")
    _, errors, _ = read(project, organisations={"tk": org})
    assert errors == [error(MANIFEST, 6, "Testkommune har ingen niveauer. Tilføj dem i content/organisationer/tk.yml.")]


def test_level_blocks_without_variants_are_said_once_at_the_first(project):
    manifest(project, *HEAD, sections=("01.md", "02.md"))
    section(project, "01.md", SLOT)
    section(project, "02.md", "---\ntitel: To\n---\n::: {niveau=centerchef}\nA.\n:::\n\n::: {funktion=ledere-af-ledere}\nB.\n:::\n")
    _, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", 6, "blokken gælder niveau 'direktion' (og 2 blokke mere), men publikationen "
                                               "laver ikke udgaver pr. niveau. Tilføj 'varianter: niveauer' i "
                                               "publikation.yml.")]
    section(project, "01.md", SECTION)
    section(project, "02.md", "---\ntitel: To\n---\n::: {funktion=ledere-af-ledere}\nB.\n:::\n")
    _, errors, _ = read(project)
    assert errors == [error(f"{PUB}/02.md", 4, "blokken gælder funktion 'ledere-af-ledere', men publikationen "
                                               "laver ikke udgaver pr. funktion. Tilføj 'varianter: funktioner' i "
                                               "publikation.yml.")]


def test_two_blocks_for_one_level_in_a_section_are_said_at_the_second(project):
    manifest(project, *HEAD, "varianter: niveauer")
    section(project, "01.md", SLOT + "\n::: {niveau=centerchef}\nC.\n:::\n\n::: {niveau=direktion}\nIgen.\n:::\n")
    publication, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", 14, "niveau 'direktion' har allerede en blok i dette afsnit (linje 6). "
                                                "Saml teksten i én blok.")]


# --- status ----------------------------------------------------------------------------


APPROVED = ("status: godkendt", "godkendt_af: Byrådet", "godkendt_dato: 2016-05-01")


def test_an_approved_publication_says_who_and_when(project):
    manifest(project, *HEAD, *APPROVED)
    publication, errors, warnings = read(project)
    assert (errors, warnings) == ([], [])
    assert (publication.status, publication.approved_by, publication.approved_on) == \
        ("godkendt", "Byrådet", dt.date(2016, 5, 1))


@pytest.mark.parametrize("written,status", [("Til-Godkendelse", "til-godkendelse"), ("kladde", "kladde"),
                                            ("GODKENDT", "godkendt")])
def test_the_status_is_read_in_any_case(project, written, status):
    manifest(project, *HEAD, f"status: {written}", *APPROVED[1:])
    publication, errors, _ = read(project)
    assert (errors, publication.status) == ([], status)


def test_an_unknown_status_is_said_at_its_value_and_the_publication_is_a_draft(project):
    manifest(project, *HEAD, "status:", "  godkendtt")
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 7, "status skal være kladde, til-godkendelse eller godkendt, ikke 'godkendtt' – "
                                         "mente du 'godkendt'?")]
    assert publication.status == "kladde"


def test_a_status_that_is_no_text_is_a_draft(project):
    manifest(project, *HEAD, "status: [godkendt]")
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "feltet 'status' skal være en tekst, men her står en liste.")]
    assert publication.status == "kladde"


@pytest.mark.parametrize("missing,hint", [("godkendt_af", "Direktionen"), ("godkendt_dato", "2016-04-24")])
def test_an_approval_without_who_or_when_is_said_at_the_status_line(project, missing, hint):
    manifest(project, *HEAD, *[line for line in APPROVED if not line.startswith(missing)])
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "en godkendt publikation skal sige, hvem der godkendte den og hvornår: "
                                         f"feltet '{missing}' mangler. Tilføj fx '{missing}: {hint}'.")]
    assert publication.status == "godkendt"


def test_approval_fields_of_a_publication_not_approved_are_warned_about_and_not_used(project):
    manifest(project, *HEAD, "status: til-godkendelse", *APPROVED[1:])
    publication, errors, warnings = read(project)
    assert errors == []
    assert warnings == [warning(MANIFEST, line, f"feltet '{key}' bruges kun, når status er godkendt; publikationen er "
                                                "'til-godkendelse'. Slet linjen, eller sæt 'status: godkendt', når den er "
                                                "godkendt.") for line, key in ((7, "godkendt_af"), (8, "godkendt_dato"))]
    assert (publication.approved_by, publication.approved_on) == ("", None)
    manifest(project, *HEAD, *APPROVED[1:])
    _, _, warnings = read(project)
    assert len(warnings) == 2 and "publikationen er 'kladde'" in warnings[0]


def test_an_approved_publication_may_not_be_marked_for_revision(project):
    manifest(project, *HEAD, *APPROVED)
    section(project, "01.md", "---\ntitel: A\nrevideres: Gennemskriv til 2017.\n---\nTekst.\n")
    _, errors, warnings = read(project)
    assert errors == [error(f"{PUB}/01.md", 3, "afsnittet er markeret til revision (Gennemskriv til 2017.), men "
                                               "publikationen er godkendt ('status: godkendt' i publikation.yml, "
                                               "linje 6). Gennemskriv afsnittet og slet linjen 'revideres: ...', "
                                               "eller sæt status til 'til-godkendelse', indtil teksten er færdig.")]
    assert warnings == []
    manifest(project, *HEAD)
    _, errors, warnings = read(project)
    assert errors == []
    assert warnings == [warning(f"{PUB}/01.md", 3, "afsnittet er markeret til revision: Gennemskriv til 2017. Slet "
                                                   "linjen 'revideres: ...', når teksten er gennemskrevet.")]


def test_an_approved_publication_has_a_block_for_every_level(project):
    manifest(project, *HEAD, "varianter: niveauer", *APPROVED, sections=("01.md", "02.md"))
    section(project, "01.md", SLOT)
    section(project, "02.md", SECTION)  # no blocks: not concretised, so none is missing
    _, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", 1, "afsnittet 'Niveauer' mangler en blok for 'centerchef', men "
                                               "publikationen er godkendt ('status: godkendt' i publikation.yml, "
                                               "linje 7). Skriv blokken (eller '::: {niveau=centerchef ingen}'), "
                                               "eller sæt status til 'til-godkendelse'.")]
    section(project, "01.md", SLOT + "\n::: {niveau=centerchef ingen}\n:::\n")
    _, errors, _ = read(project)
    assert errors == []


def test_an_approved_publication_per_function_has_a_block_for_every_function(project):
    manifest(project, *HEAD, "varianter: funktioner", *APPROVED)
    section(project, "01.md", "---\ntitel: F\nkonkretisering: true\n---\nTekst.\n")
    _, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", 1, "afsnittet 'F' mangler en blok for 'ledere-af-ledere', men "
                                               "publikationen er godkendt ('status: godkendt' i publikation.yml, "
                                               "linje 7). Skriv blokken (eller '::: {funktion=ledere-af-ledere "
                                               "ingen}'), eller sæt status til 'til-godkendelse'.")]


def test_a_section_with_an_error_is_not_also_said_to_lack_its_blocks(project):
    manifest(project, *HEAD, "varianter: niveauer", *APPROVED, sections=("01.md", "02.md"))
    section(project, "01.md", SLOT + "\n<b>x</b>\n")
    section(project, "02.md", "---\ntitel: To\nkonkretisering: true\n---\nTekst.\n")
    _, errors, _ = read(project)
    assert len(errors) == 2, errors
    assert errors[0].startswith(f"{PUB}/01.md:10: fejl: HTML-koder")
    assert errors[1].startswith(f"{PUB}/02.md:1: fejl: afsnittet 'To' mangler en blok for 'direktion', 'centerchef'")


# --- previous --------------------------------------------------------------------------


def test_previous_must_name_another_publication_that_exists(project):
    for other in ("gammel", "tom"):
        (project / "content/publikationer" / other).mkdir()
    (project / "content/publikationer/gammel/publikation.yml").write_text("titel: x\n", encoding="utf-8")
    manifest(project, *HEAD, "forrige: p")
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "'forrige' skal være en anden publikation end denne.")]
    assert publication.previous is None
    manifest(project, *HEAD, "forrige: gamel")
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "'forrige: gamel': publikationen findes ikke i content/publikationer – "
                                         "mente du 'gammel'?")]
    assert publication.previous is None
    manifest(project, *HEAD, "forrige: tom")  # a folder without a manifest is no publication
    _, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "'forrige: tom': publikationen findes ikke i content/publikationer. "
                                         "Gyldige værdier: 'gammel'.")]
    manifest(project, *HEAD, "forrige: [gammel]")
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "feltet 'forrige' skal være en tekst, men her står en liste.")]
    assert publication.previous is None


# --- cover image -----------------------------------------------------------------------


def test_a_cover_image_is_read_and_counted_among_the_sources_once(project):
    write(project / PUB / "billeder" / "forside.png", png_bytes())
    manifest(project, *HEAD, "forsidebillede:", "  fil: billeder/forside.png", "  alt: Rådhuset")
    section(project, "01.md", SECTION + "\n![Rådhuset](billeder/forside.png)\n")
    publication, errors, _ = read(project)
    assert errors == []
    image = publication.cover_image
    assert (image.alt, image.width, image.decorative, image.location.line) == ("Rådhuset", "hel", False, 7)
    folder = project / PUB
    assert publication.sources == (folder / "publikation.yml", folder / "01.md", folder / "billeder" / "forside.png")


# --- a section's front matter ----------------------------------------------------------


@pytest.mark.parametrize("text,line,message", [
    ("  \n\n", 1, "afsnittet er tomt. Skriv mindst en titel og noget tekst."),
    ("titel: A\n---\nTekst.\n", 1, "afsnittet skal starte med en linje '---', så 'titel: ...' og en linje '---' "
                                   "før teksten."),
    ("---\ntitel: A\nTekst.\n", 1, "forsiden af afsnittet ('---' ... '---') lukkes aldrig. Tilføj en linje '---' "
                                   "efter titlen."),
    ("---\ntitel: A\nny_side: måske\n---\nTekst.\n", 3, "'ny_side' skal være 'ja' eller 'nej', ikke 'måske'. Skriv "
                                                        "'ny_side: ja' for at starte afsnittet på en ny side, eller "
                                                        "'ny_side: nej' for at lade det følge lige efter."),
    ("---\n---\nTekst.\n", 1, "afsnittets forside skal være en samling af felter ('navn: værdi' på hver linje), "
                              "men her står ingenting."),
    ("---\ntitel: A\nkonkretisering: ja\n---\nTekst.\n", 3, "feltet 'konkretisering' skal være true eller false, men "
                                                            "her står 'ja'."),
])
def test_each_front_matter_mistake_is_one_error_at_its_line(project, text, line, message):
    manifest(project, *HEAD)
    section(project, "01.md", text)
    _, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", line, message)]


def test_broken_front_matter_is_said_once_where_it_is_broken(project):
    manifest(project, *HEAD)
    section(project, "01.md", "---\ntitel: A\n  b: [\n---\nTekst.\n")
    publication, errors, _ = read(project)
    assert len(errors) == 1 and errors[0].startswith(f"{PUB}/01.md:3: fejl: "), errors
    assert publication.sections == ()


@pytest.mark.parametrize("written,new_page", [("ja", True), ("Nej", False), ("true", True), ("false", False),
                                              ("' JA '", True)])
def test_a_new_page_is_ja_or_nej(project, written, new_page):
    manifest(project, *HEAD)
    section(project, "01.md", f"---\ntitel: A\nny_side: {written}\n---\nTekst.\n")
    publication, errors, _ = read(project)
    assert (errors, publication.sections[0].new_page) == ([], new_page)


def test_a_section_without_title_is_anchored_by_its_file_name_and_its_body_lines_are_counted(project):
    manifest(project, *HEAD, sections=("02-om-os.md",))
    section(project, "02-om-os.md", "---\nny_side: ja\n---\n\n## Mål\n")
    publication, errors, _ = read(project)
    assert errors == [error(f"{PUB}/02-om-os.md", 1, "feltet 'titel' mangler i afsnittets forside. Tilføj fx "
                                                     "'titel: Med kerneopgaven i centrum'.")]
    (only,) = publication.sections
    assert (only.title, only.anchor, only.concretised) == ("", "02-om-os", False)
    assert [(b.level, b.content) for b in only.blocks] == [(2, (Text("Mål"),))]
    section(project, "02-om-os.md", "---\nny_side: ja\n---\n\n<b>x</b>\n")
    _, errors, _ = read(project)
    assert errors[1].startswith(f"{PUB}/02-om-os.md:5: fejl: HTML-koder"), errors


def test_a_section_marked_concretised_is_so_without_blocks(project):
    manifest(project, *HEAD)
    section(project, "01.md", "---\ntitel: A\nkonkretisering: true\n---\nTekst.\n")
    publication, errors, _ = read(project)
    assert (errors, publication.sections[0].concretised) == ([], True)


# --- what the mutation tests found unpinned ----------------------------------------------


def test_a_missing_or_empty_manifest_is_one_error_saying_what_to_write(project):
    publication, errors, _ = read(project)
    assert (publication, errors) == (None, [error(MANIFEST, None, "filen findes ikke. Opret den, eller fjern "
                                                                  "henvisningen til den.")])
    (project / MANIFEST).write_text("\n", encoding="utf-8")
    publication, errors, _ = read(project)
    assert (publication, errors) == (None, [error(MANIFEST, 1, "filen er tom. Skriv publikationens type, titel, "
                                                               "dato og afsnit.")])


def test_a_missing_organisation_is_said_with_an_example(project):
    manifest(project, "type: ledelsesgrundlag", *HEAD[2:])
    publication, errors, _ = read(project)
    assert publication is None
    assert errors == [error(MANIFEST, 1, "feltet 'organisation' mangler i publikationens manifest. Tilføj fx "
                                         "'organisation: hoeje-taastrup'.")]


def test_a_link_to_a_heading_that_does_not_exist_is_said_at_its_line(project):
    manifest(project, *HEAD)
    section(project, "01.md", SECTION + "\n[se her](#findes-ikke)\n")
    _, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", 6, "linket '#findes-ikke' peger på en overskrift, der ikke findes. "
                                               "Gyldige værdier: 'indledning'.")]


def test_a_cover_image_that_is_no_mapping_is_said_by_its_name(project):
    manifest(project, *HEAD, "forsidebillede: billeder/x.png")
    publication, errors, _ = read(project)
    assert errors == [error(MANIFEST, 6, "forsidebilledet skal være en samling af felter ('navn: værdi' på hver "
                                         "linje), men her står 'billeder/x.png'.")]
    assert publication.cover_image is None


def test_a_section_that_is_no_utf8_is_one_error(project):
    manifest(project, *HEAD)
    (project / PUB / "01.md").write_bytes(b"---\ntitel: \xff\n---\n")
    publication, errors, _ = read(project)
    assert errors == [error(f"{PUB}/01.md", 2, "filen er ikke gemt som UTF-8. Gem den igen med tegnsættet UTF-8 "
                                               "(i Notesblok: 'Gem som' → Kodning: UTF-8).")]
    assert publication.sections == ()


def test_files_that_are_not_counted_add_nothing_to_the_total(project, monkeypatch):
    # Limits of 0: a single counted byte would be too much together.
    monkeypatch.setattr(publication_module, "MAX_PUBLICATION_TEXT_BYTES", 0)
    monkeypatch.setattr(publication_module, "MAX_CONTENT_FILE_BYTES", 0)
    manifest(project, *HEAD, sections=("01.md",))  # over the file limit: refused with its own message
    _, errors, _ = read(project)
    assert not any("tilsammen" in e for e in errors), errors
    (project / PUB / "01.md").unlink()
    (project / PUB / "01.md").mkdir()  # no file at all, whatever the file limit
    monkeypatch.setattr(publication_module, "MAX_CONTENT_FILE_BYTES", 1_000_000)
    _, errors, _ = read(project)
    assert not any("tilsammen" in e for e in errors), errors
