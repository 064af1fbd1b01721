"""More of _brand.yml as its author writes it: theme colours that name each other round in a
ring, and the smaller rules of the brand reader, each told once at its own line in Danish."""
from __future__ import annotations

import pytest

from corpus.fault_injection import BRAND, assert_one_located_error, copy_project, replace_line

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
