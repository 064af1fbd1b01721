"""Danish conventions the site relies on: alphabetical order and file sizes."""
from __future__ import annotations

from booklet.danish import format_size, sort_key


def test_danish_alphabetical_order():
    names = ["Århus", "Odder", "Ølstykke", "Aabenraa", "Ærø", "Zealand", "Helsingør", "Hedensted",
             "Müller", "Myre", "Élan", "Ballerup"]
    assert sorted(names, key=sort_key) == [
        "Ballerup", "Élan", "Hedensted", "Helsingør", "Müller", "Myre", "Odder", "Zealand",
        "Ærø", "Ølstykke", "Aabenraa", "Århus"]  # æ, ø, å last; aa is å; ü is y; é is e


def test_file_sizes_read_as_a_danish_file_manager_shows_them():
    assert format_size(900) == "1 kB"
    assert format_size(87_310) == "87 kB"
    assert format_size(1_234_567) == "1,2 MB"
    assert format_size(35_000_000) == "35,0 MB"
