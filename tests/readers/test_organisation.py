"""The organisation file as its author writes it: each mistake in its levels, functions, brand
and web address told once at its own line, and what is right read as written."""
from __future__ import annotations

import pytest

from corpus.fault_injection import ORG, assert_no_error, assert_one_located_error, copy_project, read_lines, \
    replace_line, write_lines

from booklet.readers.project import load_project

# tests/fixtures/mini/content/organisationer/testkommune.yml, by line:
#  3 brand, 5 niveauer:, 6 - id: direktion, 10 rækkefølge: 1, 11 - id: centerchef,
# 15 rækkefølge: 2, 16 funktioner:, 17 - id: ledere-af-ledere, 21 rækkefølge: 1


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "projekt")


@pytest.mark.parametrize("line, text, at, says", [
    (17, "  - id: centerchef", 16, "'centerchef' bruges både som niveau og funktion. Giv dem forskellige id'er."),
    (11, "  - id: direktion", 11, "id 'direktion' findes allerede (linje 6)."),
    (15, "    rækkefølge: 1", 15, "rækkefølge 1 er allerede brugt (linje 6)."),
    (11, "  - id: Centerchef", 11, "id 'Centerchef' må kun indeholde små bogstaver, tal og bindestreg"),
    (11, "  - id: center_chef", 11, "id 'center_chef' må kun indeholde små bogstaver"),
    (3, "brand: ../hoeje-taastrup", 3, "brandet '../hoeje-taastrup' skal være navnet på en mappe i styles/"),
    (3, "brand: Hoeje-Taastrup", 3, "brandet 'Hoeje-Taastrup' skal være navnet på en mappe i styles/"),
], ids=["id-as-level-and-function", "id-twice", "order-twice", "id-with-capital", "id-with-underscore",
        "brand-as-path", "brand-with-capital"])
def test_a_mistake_in_the_organisation_is_told_at_its_line(root, line, text, at, says):
    replace_line(root, ORG, line, text)
    message = assert_one_located_error(root, ORG, at)
    assert says in message, message


def test_levels_are_listed_by_their_order_not_by_their_place_in_the_file(root):
    replace_line(root, ORG, 10, "    rækkefølge: 3")
    organisation = load_project(root).organisations["testkommune"]
    assert [(r.id, r.order, r.axis) for r in organisation.levels] == [("centerchef", 2, "niveau"),
                                                                      ("direktion", 3, "niveau")]
    assert [(r.id, r.axis) for r in organisation.functions] == [("ledere-af-ledere", "funktion")]


def test_a_role_is_read_with_every_field_as_written(root):
    organisation = load_project(root).organisations["testkommune"]
    direktion = organisation.levels[0]
    assert (direktion.id, direktion.name, direktion.description, direktion.order, direktion.address) == (
        "direktion", "Direktionen", "Niveau 1.", 1, "Til dig i Direktionen")
    assert (organisation.id, organisation.name, organisation.short_name, organisation.brand_id,
            organisation.contact) == ("testkommune", "Testkommune", "TK", "hoeje-taastrup", "HR, Testkommune")


@pytest.mark.parametrize("address", ["http://www.htk.dk/tilgaengelighed", "www.htk.dk/tilgaengelighed",
                                     "https://htk", "https://www.htk.dk/en side"])
def test_an_accessibility_statement_must_be_an_https_address(root, address):
    lines = read_lines(root, ORG)
    lines.insert(4, f"tilgaengelighedserklaering: {address}")
    write_lines(root, ORG, lines)
    message = assert_one_located_error(root, ORG, 5)
    assert f"feltet 'tilgaengelighedserklaering' skal være en webadresse, der starter med https://" in message
    assert f"(her: '{address}')" in message


def test_an_https_accessibility_statement_is_kept_for_every_page(root):
    lines = read_lines(root, ORG)
    lines.insert(4, "tilgaengelighedserklaering: https://www.htk.dk/tilgaengelighed")
    write_lines(root, ORG, lines)
    assert_no_error(root)
    organisation = load_project(root).organisations["testkommune"]
    assert organisation.accessibility_statement == "https://www.htk.dk/tilgaengelighed"


def test_an_empty_organisation_file_says_what_to_write_once(root):
    (root / ORG).write_text("", encoding="utf-8")
    message = assert_one_located_error(root, ORG, 1)
    assert message == "filen er tom. Skriv organisationens navn, brand og niveauer."


def test_an_unknown_key_names_the_organisation_file(root):
    replace_line(root, ORG, 4, "kontak: HR, Testkommune")
    message = assert_one_located_error(root, ORG, 4)
    assert message == "ukendt felt 'kontak' i organisationens fil – mente du 'kontakt'?"


@pytest.mark.parametrize("line, at, says", [
    (1, 1, "feltet 'navn' mangler i organisationens fil. Tilføj fx 'navn: Høje-Taastrup Kommune'."),
    (2, 1, "feltet 'kortnavn' mangler i organisationens fil. Tilføj fx 'kortnavn: HTK'."),
    (3, 1, "feltet 'brand' mangler i organisationens fil. Tilføj fx 'brand: testkommune'."),
    (6, 6, "feltet 'id' mangler i et niveau. Tilføj fx 'id: centerchef'."),
    (7, 6, "feltet 'navn' mangler i et niveau. Tilføj fx 'navn: Centerchefer'."),
    (8, 6, "feltet 'tiltale' mangler i et niveau. Tilføj fx 'tiltale: Til dig som centerchef'."),
    (10, 6, "feltet 'rækkefølge' mangler i et niveau. Tilføj fx 'rækkefølge: 1'."),
    (18, 17, "feltet 'navn' mangler i en funktion. Tilføj fx 'navn: Centerchefer'."),
], ids=["navn", "kortnavn", "brand", "level-id", "level-name", "level-address", "level-order", "function-name"])
def test_a_missing_field_is_named_with_an_example(root, line, at, says):
    lines = read_lines(root, ORG)
    if lines[line - 1].lstrip().startswith("- "):  # the item's first key: keep the item
        lines[line - 1] = lines[line].replace("    ", "  - ", 1)
        del lines[line]
    else:
        del lines[line - 1]
    write_lines(root, ORG, lines)
    assert assert_one_located_error(root, ORG, at) == says


def test_a_brand_without_its_folder_is_told_at_the_brand_line(root):
    replace_line(root, ORG, 3, "brand: ukendt-by")
    message = assert_one_located_error(root, ORG, 3)
    assert message.startswith("brandet 'ukendt-by' findes ikke: ") and message.endswith(
        "Ret feltet 'brand', eller opret mappen i styles/.")


def test_the_contact_may_be_left_out(root):
    lines = read_lines(root, ORG)
    del lines[3]
    write_lines(root, ORG, lines)
    assert_no_error(root)
    assert load_project(root).organisations["testkommune"].contact == ""


def test_an_organisation_without_functions_is_complete(root):
    from booklet.errors import Problems
    from booklet.readers.organisation import read_organisation

    write_lines(root, ORG, read_lines(root, ORG)[:15])
    problems = Problems()
    organisation = read_organisation(root / ORG, problems)
    assert problems.items == [] and organisation.functions == () and len(organisation.levels) == 2


@pytest.mark.parametrize("text, says", [
    ("    id: direktion", "id 'direktion' findes allerede (linje 6)."),
    ("    id: Centerchef", "id 'Centerchef' må kun indeholde små bogstaver, tal og bindestreg"),
])
def test_an_id_written_below_the_name_is_told_at_its_own_line(root, text, says):
    # The item starts with its name (line 11); the id stands on line 12.
    lines = read_lines(root, ORG)
    lines[10:12] = ["  - navn: Centerchefer", text]
    write_lines(root, ORG, lines)
    message = assert_one_located_error(root, ORG, 12)
    assert message.startswith(says), message


def test_a_role_without_a_description_is_complete(root):
    lines = read_lines(root, ORG)
    del lines[8]  # the first level's beskrivelse
    write_lines(root, ORG, lines)
    assert_no_error(root)
    assert load_project(root).organisations["testkommune"].levels[0].description == ""
