"""The components of a real booklet: a signed foreword, a fact box and a pull quote."""
from __future__ import annotations

from pathlib import Path

import pytest

from booklet.errors import Location, Problems
from booklet.model import FactBox, Foreword, Image, Note, Paragraph, PullQuote, Signer, Strong, Text
from booklet.readers.context import ReadContext
from booklet.readers.markdown_text import parse_blocks

from images import jpeg_bytes, png_bytes, write
from test_markdown_text import ORG


@pytest.fixture
def folder(tmp_path) -> Path:
    pub = tmp_path / "publikationer" / "p"
    write(pub / "billeder" / "direktør.jpg", jpeg_bytes(orientation=6))
    write(pub / "billeder" / "underskrift.png", png_bytes())
    return pub


def parse(text: str, folder: Path):
    problems = Problems()
    ctx = ReadContext(problems, ORG, folder=folder, content_root=folder.parent.parent)
    blocks = parse_blocks(text, Location(Path("afsnit.md"), 10), ctx)
    return blocks, [str(p) for p in problems.items], ctx


FOREWORD = """```forord
tekst: |
  Kære leder.

  Vi står **sammen**[^1].
underskrivere:
  - navn: Anne Hansen
    titel: Kommunaldirektør
    underskrift: billeder/underskrift.png
  - navn: Bo Jensen
    titel: Borgmester
portræt:
  fil: billeder/direktør.jpg
  alt: Anne Hansen ved rådhuset
```

[^1]: Fra strategibrevet 2015."""


def test_a_signed_foreword_with_portrait(folder):
    (foreword,), problems, ctx = parse(FOREWORD, folder)
    assert not problems
    assert isinstance(foreword, Foreword)
    assert foreword.blocks[0] == Paragraph((Text("Kære leder."),))
    assert isinstance(foreword.blocks[1].content[2], Note)
    first, second = foreword.signers
    assert (first.name, first.title, second) == ("Anne Hansen", "Kommunaldirektør", Signer("Bo Jensen", "Borgmester"))
    assert first.signature.decorative and first.signature.alt == "" and first.signature.location.line == 18
    portrait = foreword.portrait
    assert isinstance(portrait, Image) and portrait.alt == "Anne Hansen ved rådhuset"
    assert (portrait.file.width_px, portrait.file.height_px) == (30, 40) and portrait.location.line == 22
    assert [p.name for p in ctx.sources] == ["underskrift.png", "direktør.jpg"]


@pytest.mark.parametrize("change,line,says", [
    (("    titel: Borgmester\n", ""), 19, "feltet 'titel' mangler i en underskriver"),
    (("  alt: Anne Hansen ved rådhuset\n", ""), 21, "feltet 'alt' mangler i portrættet"),
    (("billeder/direktør.jpg", "billeder/direktøren.jpg"), 22, "findes ikke i mappen billeder/"),
    (("billeder/underskrift.png", "https://x.dk/u.png"), 18, "adresse på nettet"),
    (("    underskrift:", "    underskrivt:"), 18, "ukendt felt 'underskrivt' i en underskriver – mente du 'underskrift'?"),
    (("portræt:", "portrait:"), 21, "ukendt felt 'portrait' i forordet – mente du 'portræt'?"),
])
def test_each_foreword_mistake_is_at_its_line(folder, change, line, says):
    _, problems, _ = parse(FOREWORD.replace(*change), folder)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"afsnit.md:{line}: fejl: ") and says in problems[0], problems


def test_a_foreword_needs_text_and_signers(folder):
    _, problems, _ = parse("```forord\nportræt:\n  fil: billeder/direktør.jpg\n  alt: Anne\n```", folder)
    assert problems == ["afsnit.md:11: fejl: feltet 'tekst' mangler i forordet. Tilføj fx 'tekst: ...'.",
                        "afsnit.md:11: fejl: feltet 'underskrivere' mangler i forordet. Tilføj fx "
                        "'underskrivere: [...]  (eller en liste med '- ' på hver linje)'."]


def test_a_fact_box_and_a_pull_quote(folder):
    text = ("```faktaboks\ntitel: Fakta om kommunen\ntekst: |\n  - 50.000 borgere\n  - 4.000 ansatte\n```\n\n"
            "```citat\ntekst: Vi er **sammen** om det.\nkilde: Borgmester Bo Jensen\n```")
    (box, quote), problems, _ = parse(text, folder)
    assert not problems
    assert isinstance(box, FactBox) and box.title == "Fakta om kommunen" and len(box.blocks[0].items) == 2
    assert quote == PullQuote((Text("Vi er "), Strong((Text("sammen"),)), Text(" om det.")), "Borgmester Bo Jensen")


@pytest.mark.parametrize("text,line,says", [
    ("```faktaboks\ntitel: Fakta\n```", 11, "feltet 'tekst' mangler i faktaboksen"),
    ("```faktaboks\ntitle: Fakta\ntekst: x\n```", 11, "ukendt felt 'title' i faktaboksen – mente du 'titel'?"),
    ("```citat\ntekst: Sammen.\n```", 11, "feltet 'kilde' mangler i citatet"),
    ("```citat\ntekst: |\n  Et.\n\n  To.\nkilde: B\n```", 14, "her må kun stå almindelig tekst"),
    ("```citatet\ntekst: x\n```", 10, "ukendt komponent 'citatet' – mente du 'citat'?"),
])
def test_fact_box_and_quote_mistakes(folder, text, line, says):
    _, problems, _ = parse(text, folder)
    assert len(problems) >= 1 and problems[0].startswith(f"afsnit.md:{line}: fejl: ") and says in problems[0], problems
