"""A publication with every block of issue 15 (photos, tables, notes, foreword, fact box, pull
quote, cover photo, page-break switch), built as model objects on the mini fixture, so the
page writers are tested whatever the Markdown reader does."""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from booklet.errors import Location
from booklet.model import (
    FactBox, Foreword, Heading, Image, ImageFile, Note, Paragraph, PullQuote, Section, Signer, Strong,
    Table, Text,
)
from booklet.readers.project import load_project

GPS = {1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 20.0, 10.0)}
NOTE_TEXT = "Kilde: Danmarks Statistik, tabel FOLK1A, 2015."
TABLE_NOTE_TEXT = "Tallet er foreløbigt."
END_TEXT = "Her slutter afsnittet med de nye byggesten."
LONG_TEXT = ("Høje-Taastrup Kommune er en kommune i vækst, og vi skal sammen sikre, at borgerne "
             "oplever sammenhæng i de ydelser, de modtager. ")


def photo(path: Path, size: tuple[int, int], orientation: int = 1, colour=(40, 110, 160)) -> None:
    """A photo as a phone makes it: with the camera, the place (GPS) and an orientation flag."""
    picture = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    for x in range(0, size[0], max(1, size[0] // 12)):
        draw.line((x, 0, x + size[1] // 2, size[1]), fill=(230, 190, 60), width=max(1, size[0] // 150))
    draw.ellipse((size[0] // 3, size[1] // 4, size[0] // 3 * 2, size[1] // 4 * 3), fill=(250, 250, 250))
    exif = PILImage.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Telefonens producent"
    exif[0x8825] = GPS
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG" if path.suffix == ".jpg" else "PNG", exif=exif.tobytes())


def image_file(path: Path, shown: tuple[int, int]) -> ImageFile:
    data = path.read_bytes()
    fmt = {".jpg": "jpeg", ".png": "png", ".svg": "svg"}[path.suffix]
    return ImageFile(path, hashlib.sha256(data).hexdigest(), fmt, *shown)


def sample_publication(project: Path, photo_size=(2400, 1600), new_page: bool | None = True):
    """The mini publication with a section of every new block in front."""
    publication = load_project(project).publications[0]
    folder = publication.folder / "billeder"
    here = Location(publication.folder / "01-indledning.md", 3)
    photo(folder / "raadhus.jpg", photo_size)
    photo(folder / "direktoer.jpg", (900, 1200), orientation=1, colour=(150, 90, 70))
    photo(folder / "forside.jpg", (3000, 2000), colour=(20, 90, 60))
    photo(folder / "moenster.png", (600, 80), colour=(200, 220, 230))
    photo(folder / "underskrift.png", (500, 160), colour=(255, 255, 255))

    def picture(name, shown, alt, caption="", width="hel", decorative=False):
        return Image(image_file(folder / name, shown), alt, (Text(caption),) if caption else (), width, here,
                     decorative)

    note = Note((Paragraph((Text(NOTE_TEXT),)),))
    table_note = Note((Paragraph((Text(TABLE_NOTE_TEXT),)),))
    foreword = Foreword(
        blocks=(Paragraph((Text("Kære leder. " + LONG_TEXT * 2),)),),
        signers=(Signer("Anne Hansen", "Kommunaldirektør",
                        picture("underskrift.png", (500, 160), "", decorative=True)),
                 Signer("Bo Jensen", "Direktør for Børn og Unge")),
        portrait=picture("direktoer.jpg", (900, 1200), "Anne Hansen, kommunaldirektør, smiler i døren til rådhuset"),
    )
    table = Table(
        header=((Text("Område"),), (Text("Borgere 2015"),), (Text("Mål 2016"),)),
        rows=(((Text("Høje-Taastrup"),), (Text("50.000"),), (Text("51.000"), table_note)),
              ((Text("Taastrup"),), (Text("33.000"),), (Text("33.500"),))),
        alignments=("left", "right", "right"),
        caption=(Text("Nøgletal 2015"),),
    )
    blocks = (
        foreword,
        Paragraph((Text("Kommunen har 50.000 indbyggere"), note, Text(". " + LONG_TEXT))),
        picture("raadhus.jpg", photo_size, "Rådhuset i Høje-Taastrup set fra parken", "Rådhuset om sommeren"),
        Heading(2, (Text("Nøgletal"),), "noegletal"),
        table,
        FactBox("Fakta om kommunen", (Paragraph((Strong((Text("50.000"),)), Text(" borgere i 2015."))),)),
        PullQuote((Text("Vi lykkes, når vi lykkes sammen"),), "Anne Hansen, kommunaldirektør"),
        picture("raadhus.jpg", photo_size, "Rådhuset igen, mindre", "Et halvt billede", width="halv"),
        Paragraph((Text(LONG_TEXT * 6),)),
        picture("moenster.png", (600, 80), "", decorative=True),
        Paragraph((Text(END_TEXT),)),
    )
    section = Section("nyt", "Nye byggesten", "nye-byggesten", blocks, here, new_page=new_page)
    cover = Image(image_file(folder / "forside.jpg", (3000, 2000)), "Skov og eng ved Hedehusene om foråret",
                  (), "hel", Location(publication.folder / "publikation.yml", 9))
    return dataclasses.replace(publication, sections=(section, *publication.sections), cover_image=cover,
                               sources=publication.sources)
