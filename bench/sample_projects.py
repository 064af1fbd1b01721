"""Generated content for scale tests and the benchmark: many publications, or a long one.

The text is Danish-looking prose built from the seed publications' own sentences, so
hyphenation, line breaking and page layout do the same work as on real content.
"""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SENTENCES = (
    "Ledelse er den enkeltfaktor, der har størst betydning for kvaliteten af kommunens opgaver.",
    "Lederne skal have fokus på at udvikle og optimere driften, så vi kan levere service af høj kvalitet.",
    "Tværgående koordinering, samarbejde og gode relationer er væsentlige elementer i organisationen.",
    "Som leder kommunikerer du tydelige mål og klare forventninger over for medarbejderne.",
    "Kompetente ledere og medarbejdere er vigtige for at kunne efterleve de politiske mål.",
    "Vi skal i endnu højere grad koordinere og tænke i helheder med borgerne i centrum.",
    "Handlingsplanen skal formidles og implementeres i kommunens centre og enheder.",
    "Vi stiller høje krav til hinanden og udfordrer hinanden fagligt med fokus på kerneopgaven.",
)

ORGANISATION = """navn: Benchmark Kommune
kortnavn: BK
brand: hoeje-taastrup
kontakt: HR, Benchmark Kommune
niveauer:
  - id: direktion
    navn: Direktionen
    tiltale: Til dig i Direktionen
    rækkefølge: 1
  - id: centerchef
    navn: Centerchefer
    tiltale: Til dig som centerchef
    rækkefølge: 2
"""


def paragraph(seed: int, sentences: int = 6) -> str:
    cycle = itertools.islice(itertools.cycle(SENTENCES), seed % len(SENTENCES), None)
    return " ".join(itertools.islice(cycle, sentences))


def section(number: int, paragraphs: int, variants: bool) -> str:
    body = "\n\n".join(paragraph(number + i) for i in range(paragraphs))
    text = (f"---\ntitel: Afsnit {number}\n---\n{body}\n\n## Punkter\n\n"
            f"- {SENTENCES[number % len(SENTENCES)]}\n- {SENTENCES[(number + 3) % len(SENTENCES)]}\n")
    if variants:
        text += (f"\n::: {{niveau=centerchef eksempel}}\nSom centerchef i afsnit {number} "
                 f"{paragraph(number, 2).lower()}\n:::\n")
    return text


def write_publication(folder: Path, identifier: str, sections: int, paragraphs: int = 4,
                      variants: bool = False) -> None:
    target = folder / identifier
    target.mkdir(parents=True)
    names = [f"{n:03d}-afsnit.md" for n in range(1, sections + 1)]
    for n, name in enumerate(names, 1):
        (target / name).write_text(section(n, paragraphs, variants), encoding="utf-8")
    listing = "".join(f"  - {name}\n" for name in names)
    (target / "publikation.yml").write_text(
        f"type: ledelsesgrundlag\norganisation: benchmark\ntitel: Publikation {identifier}\n"
        f"dato: 2024-01-15\nudgiver: Direktionen\n{'varianter: niveauer' if variants else ''}\n"
        f"afsnit:\n{listing}",
        encoding="utf-8",
    )


def make_project(root: Path, publications: int, sections: int = 3, paragraphs: int = 4,
                 variants: bool = False) -> Path:
    """A project folder with `publications` generated publications and the repository's brands."""
    (root / "content" / "organisationer").mkdir(parents=True)
    (root / "content" / "organisationer" / "benchmark.yml").write_text(ORGANISATION, encoding="utf-8")
    for n in range(1, publications + 1):
        write_publication(root / "content" / "publikationer", f"pub-{n:03d}", sections, paragraphs, variants)
    for shared in ("styles", "templates"):
        (root / shared).symlink_to(REPO / shared, target_is_directory=True)
    return root


def copy_seed_project(root: Path) -> Path:
    """The repository's own content, copied so it can be edited; brands and templates linked."""
    shutil.copytree(REPO / "content", root / "content")
    for shared in ("styles", "templates"):
        (root / shared).symlink_to(REPO / shared, target_is_directory=True)
    return root
