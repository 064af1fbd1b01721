"""More of _brand.yml as its author writes it: theme colours that name each other round in a
ring, and the smaller rules of the brand reader, each told once at its own line in Danish."""
from __future__ import annotations

import pytest

from corpus.fault_injection import BRAND, assert_one_located_error, copy_project, read_lines, replace_line, write_lines

from booklet.readers.project import load_project


def changed_brand(tmp_path, changes: dict[int, str]):
    """The mini project with its own styles/, lines of _brand.yml replaced (1-based)."""
    root = copy_project(tmp_path / "projekt", own_styles=True)
    for line, text in changes.items():
        replace_line(root, BRAND, line, text)
    return root


@pytest.mark.parametrize("changes, line, says", [
    ({20: "  primary: primary"}, 20,
     "farven 'primary' henviser til sig selv, så den får ingen farve. Giv 'primary' et navn fra "
     "'color.palette' eller en farve som \"#1d2a30\"."),
    ({20: "  primary: secondary", 21: "  secondary: primary"}, 20,
     "farverne 'primary' og 'secondary' henviser til hinanden i ring (primary → secondary → primary), så "
     "ingen af dem får en farve. Giv 'primary' et navn fra 'color.palette' eller en farve som \"#1d2a30\"."),
    # The ring is read from its colour that stands first in the file, whichever is resolved first.
    ({23: "  foreground: light", 25: "  light: dark", 26: "  dark: light"}, 25,
     "farverne 'light' og 'dark' henviser til hinanden i ring (light → dark → light), så ingen af dem får "
     "en farve. Giv 'light' et navn fra 'color.palette' eller en farve som \"#1d2a30\"."),
    ({20: "  primary: secondary", 21: "  secondary: tertiary", 22: "  tertiary: primary"}, 20,
     "farverne 'primary', 'secondary' og 'tertiary' henviser til hinanden i ring (primary → secondary → "
     "tertiary → primary), så ingen af dem får en farve. Giv 'primary' et navn fra 'color.palette' eller en "
     "farve som \"#1d2a30\"."),
], ids=["itself", "two", "led-into", "three"])
def test_colours_naming_each_other_in_a_ring_are_one_error_that_does_not_suggest_the_same_name(
        tmp_path, changes, line, says):
    assert assert_one_located_error(changed_brand(tmp_path, changes), BRAND, line) == says


def test_a_colour_naming_a_theme_colour_that_names_the_palette_is_resolved(tmp_path):
    # light -> dark -> deep-petrol: a chain, not a ring, is fine however long.
    root = changed_brand(tmp_path, {25: "  light: dark", 23: "  foreground: light"})
    colors = load_project(root).brands["hoeje-taastrup"].colors
    assert (colors["foreground"], colors["light"], colors["dark"]) == ("#0a2f3a", "#0a2f3a", "#0a2f3a")


def brand_with(tmp_path, changes: dict[int, str] = {}, append: tuple[str, ...] = ()):
    root = changed_brand(tmp_path, changes)
    write_lines(root, BRAND, read_lines(root, BRAND) + list(append))
    return root


def brand_of(root):
    return load_project(root).brands["hoeje-taastrup"]


@pytest.mark.parametrize("append, bleed", [
    ((), 3.0),
    (("defaults:", "  html: {}"), 3.0),
    (("defaults:", "  print: {}"), 3.0),
    (("defaults:", "  print:", "    bleed: 5mm"), 5.0),
    (("defaults:", "  print:", "    bleed: 2.5 mm"), 2.5),
    (("defaults:", "  print:", "    bleed: 10mm"), 10.0),
])
def test_the_print_bleed_is_read_in_millimetres_with_three_by_default(tmp_path, append, bleed):
    assert brand_of(brand_with(tmp_path, append=append)).bleed_mm == bleed


@pytest.mark.parametrize("written", ["0mm", "10.5mm", "3", "3cm", "-1mm"])
def test_a_bleed_outside_the_range_or_without_millimetres_is_one_error_at_its_line(tmp_path, written):
    root = brand_with(tmp_path, append=("defaults:", "  print:", f"    bleed: {written}"))
    assert assert_one_located_error(root, BRAND, 70) == (  # the file ends in a newline: line 67 is empty
        f"beskæringen (bleed) skal angives i millimeter mellem 0 og 10, fx '3mm' (her: '{written}'). Spørg "
        "trykkeriet, hvor meget de vil have.")


@pytest.mark.parametrize("changes, line, says", [
    ({13: "    petrol:"}, 13, "farven 'petrol' har ingen værdi. Skriv den i anførselstegn, fx petrol: \"#1d2a30\" "
                               "(uden anførselstegn læses # som starten på en kommentar)."),
    ({13: '    petrol: "#005a7"'}, 13, "farven 'petrol' skal skrives som #rrggbb med seks tegn 0-9 og a-f, fx "
                                       "\"#1d2a30\" (her: '#005a7')."),
    ({47: "    size: 11"}, 47, "typography.base.size skal angives i punkter med punktum som decimaltegn, fx "
                               "'10.5pt' (her: '11')."),
    ({31: "      source: google"}, 31, "skrifttypen 'Lato' hentes fra 'google'; brandets skrifttyper skal ligge som "
                                      "filer i dets mappe. Skriv 'source: file', og angiv filerne under 'files'."),
    ({33: "        - path: fonts/Lato-Regula.ttf"}, 33, "skrifttypefilen 'fonts/Lato-Regula.ttf' findes ikke i "
                                                       "styles/hoeje-taastrup – mente du 'fonts/Lato-Regular.ttf'?"),
    ({33: "        - path: ../fonts/x.ttf"}, 33, "skrifttypefilen '../fonts/x.ttf' ligger uden for brandets mappe. "
                                                "Læg filen i styles/hoeje-taastrup/, og henvis til den med dens "
                                                "filnavn."),
    ({5: "  name:", 6: "    short: HTK", 7: "    short: X"}, 7, "det samme felt står to gange"),
    ({7: "    kort: HTK"}, 7, "ukendt felt 'kort' i 'meta.name' – mente du 'short'?"),
    ({62: "      alt: [Høje-Taastrup]"}, 62, "feltet 'alt' skal være en tekst, men her står en liste."),
    ({54: "    color: '#12'"}, 54, "farven '#12' findes ikke i paletten"),
])
def test_a_smaller_brand_mistake_is_one_error_at_its_line(tmp_path, changes, line, says):
    message = assert_one_located_error(brand_with(tmp_path, changes), BRAND, line)
    assert message.startswith(says) or says in message, message


def test_a_brand_with_an_empty_font_list_is_told_so_at_its_line(tmp_path):
    root = brand_with(tmp_path, {29: "  fonts: []", **{n: "  # ingen" for n in range(30, 45)}})
    assert assert_one_located_error(root, BRAND, 29) == "listen 'fonts' er tom."


def test_a_logo_may_be_a_bare_path_and_a_size_may_name_a_file(tmp_path):
    root = brand_with(tmp_path, {60: "    wordmark: logo.svg", 61: "    # sti", 62: "    # alt",
                                 66: "  medium: logo-negativ.svg"})
    brand = brand_of(root)
    assert brand.logo.name == "logo.svg" and brand.logo_negative.name == "logo-negativ.svg"


def test_a_larger_base_size_and_an_italic_heading_style_are_read(tmp_path):
    brand = brand_of(brand_with(tmp_path, {47: "    size: 11.5pt", 53: "    style: italic"}))
    assert (brand.base_size_pt, brand.line_height) == (11.5, 1.45)
