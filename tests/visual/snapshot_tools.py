"""Snapshots of PDF pages: find a page by a phrase on it, render it as a small PNG, and compare
two renderings within a tolerance. Shared by the test (test_visual_snapshots.py) and the
update script (update_snapshots.py, `make snapshots`), so both see a page the same way.

A snapshot is the page rendered by poppler's pdftoppm at 50 dpi and reduced to a palette of at
most 256 colours (a few tens of KB): the fresh rendering is reduced the same way before it is
compared, so an unchanged PDF gives the identical image on the same machine.

The tolerance is for another poppler or freetype (CI's Debian), which anti-aliases and places
glyph edges a little differently; it is not for a changed layout:
- each pixel is compared with the 3 x 3 pixels around the same place in the other image, both
  ways, and differs only by how far it lies outside their range: an edge drawn one pixel over,
  or a little lighter or darker, does not differ at all;
- a difference counts if it is over SHARP (of 255, in any of red, green and blue), or over FAINT
  where either image is flat (no edge within a pixel: a box's tint, a page's colour), and only
  if a pixel next to it counts too: a pixel on its own is a glyph's edge drawn differently;
- the page passes if the images have the same size, no square of WINDOW x WINDOW pixels (7.6 mm)
  has more than MAX_LOCAL pixels that count (a changed word, a moved rule) and at most
  MAX_CHANGED of the whole page counts (changes spread thin). The page's outermost pixels, where
  the page ends within a pixel, do not count.
Drawn differently, a page has pixels that count a few here and a few there; changed, it has them
together. A block moved two pixels (1 mm), a recoloured box or heading, a missing figure, a
reflowed paragraph or one word more is well over (tests/visual/test_snapshot_tolerance.py shows
each); a page drawn half a pixel over is well under.
"""
from __future__ import annotations

import functools
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SNAPSHOTS = HERE / "snapshots"
UPDATE_COMMAND = "make snapshots"

DPI = 50
COLOURS = 256
SHARP = 64
FAINT = 16
FLAT = 4  # the most a flat area's 3 x 3 pixels vary among themselves
WINDOW = 15
MAX_LOCAL = 12  # pixels in one WINDOW x WINDOW square
MAX_CHANGED = 0.001  # 0.1 %: about 240 pixels of an A4 page


class PageNotFound(Exception):
    """The phrase of a snapshot is on no page of its PDF, or on more than one."""


@functools.lru_cache(maxsize=16)
def page_texts(pdf: Path) -> tuple[str, ...]:
    """The text of each page of the PDF, in order (poppler's pdftotext)."""
    result = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(pdf), "-"],
                            capture_output=True, check=True, timeout=120)
    pages = result.stdout.decode("utf-8").split("\f")
    return tuple(pages[:-1] if pages and not pages[-1].strip() else pages)


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def _says(page: str, phrase: str) -> bool:
    """The phrase is on the page, whatever the line breaks (a word hyphenated over two lines too)."""
    wanted = _normal(phrase)
    return wanted in _normal(page) or wanted in _normal(page.replace("-\n", ""))


def find_page(pdf: Path, phrase: str) -> int:
    """The number (from 1) of the one page of the PDF the phrase is on."""
    texts = page_texts(pdf)
    found = [number for number, text in enumerate(texts, 1) if _says(text, phrase)]
    where = "tests/visual/snapshot_pages.py"
    if not found:
        raise PageNotFound(f"»{phrase}« står ikke på nogen af de {len(texts)} sider i {pdf.name}: teksten er "
                           f"ændret eller væk. Ret sætningen i {where}, så den står på den side, snapshottet skal vise.")
    if len(found) > 1:
        pages = ", ".join(map(str, found))
        raise PageNotFound(f"»{phrase}« står på flere sider i {pdf.name} (side {pages}). Vælg i {where} en "
                           f"sætning, der kun står på den side, snapshottet skal vise.")
    return found[0]


def render(pdf: Path, page: int) -> Image.Image:
    """One page of the PDF as a snapshot: DPI, at most COLOURS colours (mode P)."""
    result = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-png",
                             "-singlefile", str(pdf)], capture_output=True, check=True, timeout=120)
    with Image.open(io.BytesIO(result.stdout)) as image:
        return image.convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        image.load()
        return image


def save(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", optimize=True)


@dataclass(frozen=True)
class Comparison:
    expected_size: tuple[int, int]
    actual_size: tuple[int, int]
    changed: int = 0  # pixels whose difference counts
    densest: int = 0  # the most of them in one WINDOW x WINDOW square
    mask: Image.Image | None = None  # mode L: 255 where a difference counts
    dense: Image.Image | None = None  # mode L: 255 in the squares with over MAX_LOCAL

    @property
    def same_size(self) -> bool:
        return self.expected_size == self.actual_size

    @property
    def fraction(self) -> float:
        width, height = self.expected_size
        return self.changed / (width * height)

    @property
    def passes(self) -> bool:
        return self.same_size and self.densest <= MAX_LOCAL and self.fraction <= MAX_CHANGED

    def describe(self) -> str:
        if not self.same_size:
            return (f"siden er {self.actual_size[0]} x {self.actual_size[1]} px, snapshottet "
                    f"{self.expected_size[0]} x {self.expected_size[1]} px (et andet sideformat)")
        return (f"{self.changed} pixels ({_percent(self.fraction)} af siden) afviger, op til {self.densest} i ét "
                f"felt på {WINDOW} x {WINDOW} px; tolerancen er {MAX_LOCAL} i ét felt og {_percent(MAX_CHANGED)} "
                "af siden")


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.2f} %".replace(".", ",")


def identical(expected: Image.Image, actual: Image.Image) -> bool:
    return (expected.size == actual.size
            and ImageChops.difference(expected.convert("RGB"), actual.convert("RGB")).getbbox() is None)


def _largest_channel(image: Image.Image) -> Image.Image:
    red, green, blue = image.split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def _over(image: Image.Image, limit: int) -> Image.Image:
    return image.point(lambda value: 255 if value > limit else 0)


def compare(expected: Image.Image, actual: Image.Image) -> Comparison:
    """How far the actual rendering is from the snapshot, by the tolerance above."""
    if expected.size != actual.size:
        return Comparison(expected.size, actual.size)
    expected, actual = expected.convert("RGB"), actual.convert("RGB")
    highest = ImageFilter.MaxFilter(3)
    lowest = ImageFilter.MinFilter(3)
    e_high, e_low = expected.filter(highest), expected.filter(lowest)
    a_high, a_low = actual.filter(highest), actual.filter(lowest)
    # How far each pixel lies outside the range of the other image's 3 x 3 pixels, both ways.
    outside = _largest_channel(ImageChops.lighter(
        ImageChops.lighter(ImageChops.subtract(actual, e_high), ImageChops.subtract(e_low, actual)),
        ImageChops.lighter(ImageChops.subtract(expected, a_high), ImageChops.subtract(a_low, expected))))
    spread = ImageChops.darker(_largest_channel(ImageChops.subtract(e_high, e_low)),
                               _largest_channel(ImageChops.subtract(a_high, a_low)))
    edged = _over(spread, FLAT)  # 0 where either image is flat
    faint = ImageChops.subtract(_over(outside, FAINT), edged)  # over FAINT, and flat
    over = ImageChops.lighter(_over(outside, SHARP), faint)
    # A pixel over on its own is a glyph drawn a little differently; a change marks pixels together.
    neighbours = over.filter(ImageFilter.Kernel((3, 3), (1, 1, 1, 1, 0, 1, 1, 1, 1), scale=1))
    mask = ImageChops.multiply(over, neighbours)
    ImageDraw.Draw(mask).rectangle((0, 0, mask.width - 1, mask.height - 1), outline=0)  # the page's edge
    # How many pixels count in the square round each pixel (from the average of 0 and 255).
    counts = mask.filter(ImageFilter.BoxBlur(WINDOW // 2)).point(lambda share: round(share * WINDOW * WINDOW / 255))
    densest = counts.getextrema()[1]
    dense = _over(_over(counts, MAX_LOCAL).filter(ImageFilter.BoxBlur(WINDOW // 2)), 0)  # their squares
    return Comparison(expected.size, actual.size, mask.histogram()[255], densest, mask, dense)


GAP = 8
MARKED = (220, 0, 0)
MARKED_AREA = (255, 220, 90)


def difference_image(expected: Image.Image, actual: Image.Image, comparison: Comparison) -> Image.Image:
    """Snapshot | now | a faded copy of now with the pixels that count in red and the squares
    with too many of them in yellow, side by side."""
    expected, actual = expected.convert("RGB"), actual.convert("RGB")
    faded = actual.convert("L").point(lambda value: 255 - (255 - value) // 4).convert("RGB")
    if comparison.dense is not None:
        faded.paste(ImageChops.multiply(faded, Image.new("RGB", faded.size, MARKED_AREA)), mask=comparison.dense)
    if comparison.mask is not None:
        faded.paste(MARKED, mask=comparison.mask)
    panels = (expected, actual, faded)
    width = sum(panel.width for panel in panels) + GAP * (len(panels) - 1)
    height = max(panel.height for panel in panels)
    sheet = Image.new("RGB", (width, height), (128, 128, 128))
    left = 0
    for panel in panels:
        sheet.paste(panel, (left, 0))
        left += panel.width + GAP
    return sheet


def write_difference(folder: Path, name: str, expected: Image.Image, actual: Image.Image,
                     comparison: Comparison) -> tuple[Path, Path]:
    """The page as it looks now (<name>.png) and the three panels (<name>-forskel.png) in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    now, difference = folder / f"{name}.png", folder / f"{name}-forskel.png"
    save(actual, now)
    difference_image(expected, actual, comparison).save(difference, "PNG")
    return now, difference
