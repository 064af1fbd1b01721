"""A brand's _brand.yml as its author writes it: what is right is read as written (colours
resolved, defaults filled in), and each mistake is told once, in Danish, at its own line."""
from __future__ import annotations

import pytest

from corpus.fault_injection import BRAND, assert_one_located_error, copy_project, read_lines, run, write_lines

from booklet.readers.project import load_project

FOLDER = "styles/hoeje-taastrup"


def brand_project(tmp_path, changes: dict[int, str | None] | None = None, append: list[str] = ()):
    """The mini project with its own styles/, _brand.yml changed line by line (None deletes)."""
    root = copy_project(tmp_path / "projekt", own_styles=True)
    lines = read_lines(root, BRAND)
    for number in sorted(changes or {}, reverse=True):
        if changes[number] is None:
            del lines[number - 1]
        else:
            lines[number - 1] = changes[number]
    write_lines(root, BRAND, lines + list(append))
    return root


def brand_of(root):
    return load_project(root).brands["hoeje-taastrup"]


def test_the_brand_is_read_as_written(tmp_path):
    brand = brand_of(brand_project(tmp_path))
    assert brand.name == "Høje-Taastrup Kommune"
    assert brand.colors == {"primary": "#005a70", "secondary": "#2a7a2f", "tertiary": "#4b5d66",
                            "foreground": "#1d2a30", "background": "#ffffff", "light": "#e6f1f3",
                            "dark": "#0a2f3a"}
    assert (brand.body_font, brand.heading_font, brand.heading_weight, brand.base_size_pt, brand.line_height) == (
        "Lato", "Lato", 700, 10.5, 1.45)
    assert [(f.family, f.path.name, f.weight, f.style) for f in brand.fonts] == [
        ("Lato", "Lato-Regular.ttf", 400, "normal"), ("Lato", "Lato-Italic.ttf", 400, "italic"),
        ("Lato", "Lato-Bold.ttf", 700, "normal"), ("Lato", "Lato-BoldItalic.ttf", 700, "italic")]
    assert (brand.logo.name, brand.logo_negative.name) == ("logo.svg", "logo-negativ.svg")
    assert brand.logo_svg.startswith(b"<?xml") and brand.logo_negative_svg.startswith(b"<?xml")


def test_what_is_left_out_gets_its_default(tmp_path):
    # No size, line height or weights, no headings, no negative logo, a plain name.
    root = brand_project(tmp_path, {5: "  name: HTK", 6: None, 7: None, 47: None, 48: None, 49: None,
                                    50: None, 51: None, 52: None, 53: None, 54: None, 63: None, 64: None,
                                    65: None})
    brand = brand_of(root)
    assert (brand.name, brand.base_size_pt, brand.line_height, brand.heading_font, brand.heading_weight) == (
        "HTK", 10.5, 1.4, "Lato", 700)
    assert brand.logo_negative is None and brand.logo_negative_svg is None


def test_without_a_name_the_brand_takes_the_organisations(tmp_path):
    root = brand_project(tmp_path, {n: None for n in range(4, 10)})
    assert brand_of(root).name == "Testkommune"


@pytest.mark.parametrize("line, text, weight", [(52, "    weight: semi-bold", 600), (52, "    weight: bold", 700),
                                                (52, "    weight: 900", 900), (52, "    weight: 100", 100)])
def test_a_weight_may_be_a_word_or_a_whole_hundred(tmp_path, line, text, weight):
    assert brand_of(brand_project(tmp_path, {line: text})).heading_weight == weight


def test_a_colour_may_name_another_theme_colour_and_is_written_in_small_letters(tmp_path):
    root = brand_project(tmp_path, {25: "  light: primary", 24: '  background: "#FFFFFF"', 19: '    ink: "#1D2A30"'})
    colors = brand_of(root).colors
    assert (colors["light"], colors["background"], colors["foreground"]) == ("#005a70", "#ffffff", "#1d2a30")


@pytest.mark.parametrize("changes, append, line, says", [
    ({26: None}, [], 11, "brandfilen mangler farven 'dark' under 'color'. Tilføj fx 'dark: \"#1d2a30\"'"),
    ({n: None for n in range(28, 57)}, [], 4, "brandfilen mangler 'typography:'"),
    ({n: None for n in range(45, 50)}, [], 28, "brandfilen mangler 'base:' under 'typography'"),
    ({n: None for n in range(11, 27)}, [], 4, "brandfilen mangler 'color:'"),
    ({n: None for n in range(58, 67)}, [], 4, "brandfilen mangler 'logo:'"),
    ({60: "    ordmaerke:", 66: None}, [], 59, "brandet mangler logoet 'wordmark' under logo.images"),
    ({61: "      path: ../logo.svg"}, [], 61, "logofilen '../logo.svg' ligger uden for brandets mappe"),
    ({8: "  link: www.htk.dk", 9: None}, [], 8, "'link' skal være en webadresse, der starter med https://"),
    ({9: "    home: www.htk.dk"}, [], 9, "'home' skal være en webadresse"),
    ({52: "    weight: true"}, [], 52, "vægten 'True' findes ikke"),
    ({52: "    weight: 1000"}, [], 52, "vægten '1000' findes ikke"),
    ({52: "    weight: 0"}, [], 52, "vægten '0' findes ikke"),
    ({52: "    weight: fed"}, [], 52, "vægten 'fed' findes ikke"),
    ({51: "    family: Lato Black"}, [], 51, "skrifttypen 'Lato Black' har ingen filer under typography.fonts"),
    ({56: "    color: primar"}, [], 56, "farven 'primar' findes ikke i paletten – mente du 'primary'?"),
    ({54: "    color: primar"}, [], 54, "farven 'primar' findes ikke i paletten – mente du 'primary'?"),
    ({66: "  small: logo-lille.svg"}, [], 66, "logoet 'logo-lille.svg' findes ikke under logo.images"),
    ({35: "          style: skraa"}, [], 35, "stilen 'skraa' findes ikke"),
    ({}, ["defaults: 5"], 68, "brandfilen følger ikke formatet brand.yml ved 'defaults': værdien er ugyldig"),
    ({13: '    "petrol blå": "#005a70"', 20: "  primary: green"}, [], 13, "farvenavnet 'petrol blå' kan ikke bruges"),
], ids=["theme-colour-missing", "typography-missing", "base-missing", "color-missing", "logo-missing",
        "wordmark-missing", "logo-outside", "link-not-web", "site-not-web", "weight-true", "weight-1000",
        "weight-0", "weight-word", "heading-family", "link-colour", "heading-colour", "logo-size", "font-style",
        "not-brand-yml", "palette-name-with-space"])
def test_a_brand_mistake_is_told_once_at_its_line(tmp_path, changes, append, line, says):
    message = assert_one_located_error(brand_project(tmp_path, changes, append), BRAND, line)
    assert says in message, message


def test_a_file_that_is_no_font_or_no_svg_is_named_at_its_line(tmp_path):
    root = brand_project(tmp_path)
    (root / FOLDER / "fonts" / "Lato-Bold.ttf").write_bytes(b"ikke en skrift")
    message = assert_one_located_error(root, BRAND, 39)
    assert message == ("skrifttypefilen Lato-Bold.ttf kan ikke læses som en skrifttype (TTF eller OTF). "
                       "Læg den rigtige fil i fonts/.")
    root = brand_project(tmp_path / "2")
    (root / FOLDER / "logo-negativ.svg").write_bytes(b"<html/>")
    message = assert_one_located_error(root, BRAND, 64)
    assert message.startswith("logofilen logo-negativ.svg er ikke et SVG-billede (den yderste tag er <html>")


def test_a_text_colour_without_contrast_is_warned_about_at_its_line(tmp_path):
    result = run(brand_project(tmp_path, {23: "  foreground: lime"}), "check")
    assert result.code == 0
    assert [w.split(" har kontrast")[0] for w in result.warnings if w.startswith(BRAND)] == [
        f"{BRAND}:23: advarsel: farven 'foreground' på 'background' (brødtekst)",
        f"{BRAND}:23: advarsel: farven 'foreground' på 'light' (tekst i farvede bokse)"]
    assert all("WCAG AA kræver mindst 4.5:1" in w for w in result.warnings if w.startswith(BRAND))


def test_every_key_the_format_allows_where_we_read_is_accepted(tmp_path):
    root = copy_project(tmp_path / "projekt", own_styles=True)
    lines = read_lines(root, BRAND)
    additions = {  # after line n of the original file
        9: ["    mastodon: https://mastodon.social/@htk", "    github: https://github.com/htk",
            "    linkedin: https://www.linkedin.com/company/htk", "    bluesky: https://bsky.app/profile/htk",
            "    twitter: https://twitter.com/htk", "    facebook: https://www.facebook.com/htk"],
        26: ["  success: green", "  info: petrol", "  warning: slate", "  danger: deep-petrol"],
        54: ["    style: normal"],
        56: ["    weight: 700", "    decoration: underline", '    background-color: "#ffffff"'],
        66: ["  small: wordmark", "  large: logo.svg"],
    }
    for after in sorted(additions, reverse=True):
        lines[after:after] = additions[after]
    write_lines(root, BRAND, lines)
    result = run(root, "check")
    assert result.code == 0 and not [w for w in result.warnings if w.startswith(BRAND)], result.out + result.err
    assert brand_of(root).colors["success"] == "#2a7a2f"


def test_a_brand_file_that_is_no_mapping_is_one_error_and_an_unknown_key_names_the_file(tmp_path):
    root = copy_project(tmp_path / "projekt", own_styles=True)
    write_lines(root, BRAND, ["- petrol", "- green"])
    assert assert_one_located_error(root, BRAND, 1) == (
        "brandfilen skal være en samling af felter ('navn: værdi' på hver linje), men her står en liste.")
    root = brand_project(tmp_path / "2", {4: "mata:"})
    assert assert_one_located_error(root, BRAND, 4) == "ukendt felt 'mata' i brandfilen – mente du 'meta'?"
