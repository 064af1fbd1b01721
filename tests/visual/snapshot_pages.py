"""The pages of the seed corpus kept as PNG snapshots (issue 18, item 7): the one list that
tests/visual/test_visual_snapshots.py checks and tests/visual/update_snapshots.py (`make snapshots`)
writes. Each snapshot is tests/visual/snapshots/<name>.png.

A page is found by a phrase that stands on it and on no other page of its PDF, never by its
number, so a snapshot keeps showing what its name says when pages move. Choose a phrase that
stays on the page when the text around it reflows: a figure's caption, a box's first words, a
heading that opens the page. Whitespace and line breaks in the PDF's text do not matter.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SnapshotPage:
    name: str    # tests/visual/snapshots/<name>.png
    pdf: str     # the PDF, relative to output/
    phrase: str  # text on this page and on no other page of the PDF
    shows: str   # what a reader sees on it (said when the page looks different)


PAGES: tuple[SnapshotPage, ...] = (
    SnapshotPage(
        "htk-ledelsesgrundlag-forside", "htk-ledelsesgrundlag/htk-ledelsesgrundlag.pdf",
        "Ledelse indad, udad og sammen – med kerneopgaven i centrum",
        "forsiden: brandfarven, logoet, titel, undertitel og udgiver",
    ),
    SnapshotPage(
        "helsingoer-indhold", "helsingoer-ledelsesudvikling-2012-2015/helsingoer-ledelsesudvikling-2012-2015.pdf",
        "Indhold",
        "indholdsfortegnelsen med to niveauer, figurer og sidetal",
    ),
    SnapshotPage(
        "htk-ledelsesgrundlag-kerneopgaven", "htk-ledelsesgrundlag/htk-ledelsesgrundlag.pdf",
        "Kerneopgaven i midten",
        "figuren med kerneopgaven i midten, dens billedtekst og brødteksten under",
    ),
    SnapshotPage(
        "helsingoer-kompetencehjul", "helsingoer-ledelsesudvikling-2012-2015/helsingoer-ledelsesudvikling-2012-2015.pdf",
        "Figur 2: Kompetencehjulet",
        "kompetencehjulet med otte felter og billedtekst",
    ),
    SnapshotPage(
        "htk-ledelsesgrundlag-eksempelboks", "htk-ledelsesgrundlag/htk-ledelsesgrundlag-leder-af-medarbejdere.pdf",
        "Som leder af medarbejdere, fx klubleder",
        "eksempelboksene (konkretiseringer) mellem overskrifter og brødtekst i udgaven for ledere af medarbejdere",
    ),
    SnapshotPage(
        "htk-ledelsesgrundlag-matrix", "htk-ledelsesgrundlag/htk-ledelsesgrundlag-matrix.pdf",
        "Konkretiseringerne afsnit for afsnit",
        "matrixudgavens første side: tabellen over afsnit og niveauer på tværs",
    ),
)
