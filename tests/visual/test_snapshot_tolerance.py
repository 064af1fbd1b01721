"""The snapshot comparison (snapshot_tools.compare) tolerates what another poppler does to a page
and catches what a layout change does.

Two kinds of evidence, neither needing the seed build:
- the committed snapshots, changed on purpose: shifted by one pixel, given noise or a slight blur
  (all tolerated); a block moved two pixels, a tint recoloured, a figure gone, another page size
  (all caught);
- a small page made with WeasyPrint and rendered by pdftoppm as the snapshots are: the same page
  with everything placed a third or half of a pixel over (anti-aliasing drawn differently:
  tolerated), and with a box moved 1 mm, a reflowed paragraph, a recoloured box, rule or heading,
  or one word or letter more (caught).
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter

from snapshot_pages import PAGES
from snapshot_tools import GAP, MAX_CHANGED, SNAPSHOTS, compare, load, render, write_difference
from tools import require

BOX_PAGE = "htk-ledelsesgrundlag-eksempelboks"
FIGURE_PAGE = "helsingoer-kompetencehjul"
COVER_PAGE = "htk-ledelsesgrundlag-forside"


def _snapshot(name: str) -> Image.Image:
    return load(SNAPSHOTS / f"{name}.png").convert("RGB")


def _colours_by_area(image: Image.Image) -> list[tuple[int, int, int]]:
    return [colour for _count, colour in sorted(image.getcolors(1 << 16), reverse=True)]


def _mask_of(image: Image.Image, colour) -> Image.Image:
    same = ImageChops.difference(image, Image.new("RGB", image.size, colour)).convert("L")
    return same.point(lambda value: 255 if value == 0 else 0)


def _first_block(image: Image.Image, colour) -> tuple[int, int, int, int]:
    """The first run of rows that have the colour (the page's first tinted box), with a few
    pixels to its left (the box's rule)."""
    mask = _mask_of(image, colour)
    rows = [y for y in range(image.height) if mask.crop((0, y, image.width, y + 1)).getbbox()]
    end = next((a + 1 for a, b in zip(rows, rows[1:]) if b != a + 1), rows[-1] + 1)
    left, _top, right, _bottom = mask.crop((0, rows[0], image.width, end)).getbbox()
    return max(0, left - 4), rows[0], right, end


def _moved(image: Image.Image, box, dx: int, dy: int) -> Image.Image:
    background = _colours_by_area(image)[0]
    moved = image.copy()
    moved.paste(background, box)
    moved.paste(image.crop(box), (box[0] + dx, box[1] + dy))
    return moved


def _recoloured(image: Image.Image, colour, new) -> Image.Image:
    recoloured = image.copy()
    recoloured.paste(new, mask=_mask_of(image, colour))
    return recoloured


def _shifted_one_pixel(image: Image.Image) -> Image.Image:
    """What is on the page one pixel right and down; the page's edges (a pixel all round, where the
    page ends within a pixel) stay as they are."""
    shifted = image.copy()
    shifted.paste(image.crop((1, 1, image.width - 3, image.height - 3)), (2, 2))
    return shifted


def _noisy(image: Image.Image, amplitude: int, seed: int = 18) -> Image.Image:
    """Each channel of each pixel off by up to `amplitude`, at random."""
    bands = []
    for band_seed, band in enumerate(image.split()):
        noise = Image.frombytes("L", image.size, random.Random(seed + band_seed).randbytes(image.width * image.height))
        noise = noise.point(lambda value: value * (2 * amplitude + 1) // 256)  # 0 .. 2 * amplitude
        bands.append(ImageChops.add(band, noise, 1.0, -amplitude))
    return Image.merge("RGB", bands)


# --- the committed snapshots, changed on purpose ---------------------------------------------

@pytest.mark.parametrize("name", [page.name for page in PAGES])
def test_pixel_level_noise_is_tolerated(name):
    image = _snapshot(name)
    assert compare(image, image.copy()).changed == 0
    for label, changed in (("shifted one pixel, noise of +-12", _noisy(_shifted_one_pixel(image), 12)),
                           ("blurred by half a pixel", image.filter(ImageFilter.GaussianBlur(0.5)))):
        comparison = compare(image, changed)
        assert comparison.passes, f"{name}, {label}: {comparison.describe()}"


@pytest.mark.parametrize("dx, dy", [(2, 0), (-2, 0), (0, 2), (0, -2), (0, 4)])
def test_a_box_moved_two_pixels_is_caught(dx, dy):
    image = _snapshot(BOX_PAGE)
    box = _first_block(image, _colours_by_area(image)[1])
    assert (box[2] - box[0]) * (box[3] - box[1]) > 0.02 * image.width * image.height, f"no box found: {box}"
    comparison = compare(image, _moved(image, box, dx, dy))
    assert not comparison.passes, comparison.describe()


def test_a_box_moved_one_pixel_is_tolerated():
    image = _snapshot(BOX_PAGE)
    box = _first_block(image, _colours_by_area(image)[1])
    assert compare(image, _moved(image, box, 1, 0)).passes


def test_a_recoloured_tint_is_caught():
    image = _snapshot(BOX_PAGE)
    tint = _colours_by_area(image)[1]
    darker = tuple(max(0, channel - 24) for channel in tint)
    comparison = compare(image, _recoloured(image, tint, darker))
    assert not comparison.passes, comparison.describe()


def test_another_brand_colour_on_the_cover_is_caught():
    image = _snapshot(COVER_PAGE)
    colours = _colours_by_area(image)
    brand = next(colour for colour in colours if max(colour) - min(colour) > 40)  # the first saturated one
    rotated = (brand[1], brand[2], brand[0])
    comparison = compare(image, _recoloured(image, brand, rotated))
    assert not comparison.passes, comparison.describe()


def test_a_missing_figure_is_caught():
    image = _snapshot(FIGURE_PAGE)
    band = (0, image.height // 10, image.width, image.height * 6 // 10)  # where the wheel is
    emptied = image.copy()
    emptied.paste(_colours_by_area(image)[0], band)
    comparison = compare(image, emptied)
    assert not comparison.passes, comparison.describe()
    assert comparison.fraction > 10 * MAX_CHANGED


def test_another_page_size_is_caught():
    image = _snapshot(BOX_PAGE)
    comparison = compare(image, image.crop((0, 0, image.width, image.height - 1)))
    assert not comparison.passes
    assert "et andet sideformat" in comparison.describe()


def test_a_failure_writes_the_page_and_the_difference_side_by_side(tmp_path):
    image = _snapshot(BOX_PAGE)
    box = _first_block(image, _colours_by_area(image)[1])
    changed = _moved(image, box, 0, 3)
    comparison = compare(image, changed)
    now, difference = write_difference(tmp_path, BOX_PAGE, image, changed, comparison)
    assert load(now).convert("RGB").tobytes() == changed.tobytes()
    sheet = load(difference).convert("RGB")
    assert sheet.size == (3 * image.width + 2 * GAP, image.height)
    marked = sheet.crop((2 * (image.width + GAP), 0, sheet.width, sheet.height))
    assert _mask_of(marked, (220, 0, 0)).histogram()[255] == comparison.changed


# --- a small page rendered as the snapshots are -------------------------------------------------

TEXT = ("Ledelse er den enkeltfaktor, der har størst betydning for kvaliteten af kommunens opgaver, "
        "brugertilfredsheden og trivslen i organisationen. Ledelsesgrundlaget sætter rammerne for god "
        "ledelse og beskriver forventninger til ledere på alle niveauer.")
PIXEL = 96 / 50  # one pixel of the snapshot, in CSS px


def _page(folder: Path, name: str, css: str = "") -> Image.Image:
    from weasyprint import HTML

    html = f"""<style>
      @page {{ size: 120mm 100mm; margin: 8mm }}
      body {{ font: 9pt sans-serif; margin: 0 }}
      h1 {{ font-size: 14pt; color: #005a70; margin: 0 0 3mm }}
      .box {{ background: #e6f1f3; border-left: 3px solid #2a7a2f; padding: 2mm 3mm; margin-top: 3mm }}
      {css}
    </style>
    <h1>Med kerneopgaven i centrum</h1><p>{TEXT}</p>
    <div class="box"><b>Til dig som leder</b><p>{TEXT}</p></div>"""
    pdf = folder / f"{name}.pdf"
    HTML(string=html).write_pdf(pdf)
    return render(pdf, 1)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    require("pdftoppm", "poppler-utils")
    folder = tmp_path_factory.mktemp("gengivet")
    made: dict[str, Image.Image] = {}

    def page(name: str, css: str = "") -> Image.Image:
        if name not in made:
            made[name] = _page(folder, name, css)
        return made[name]
    return page


@pytest.mark.parametrize("name, css", [
    ("a third of a pixel over", f"body {{ position: relative; left: {PIXEL / 3}px; top: {PIXEL / 3}px }}"),
    ("half a pixel over", f"body {{ position: relative; left: {PIXEL / 2}px; top: {PIXEL / 2}px }}"),
    ("half a pixel sideways", f"body {{ position: relative; left: {PIXEL / 2}px }}"),
])
def test_a_rendering_placed_a_fraction_of_a_pixel_over_is_tolerated(rendered, name, css):
    base = rendered("base")
    assert compare(base, rendered("base-again")).changed == 0  # the same PDF twice: the same image
    comparison = compare(base, rendered(name, css))
    assert comparison.passes, f"{name}: {comparison.describe()}"


@pytest.mark.parametrize("name, css", [
    ("box 1 mm down", f".box {{ margin-top: calc(3mm + {2 * PIXEL}px) }}"),
    ("box 1 mm right", f".box {{ margin-left: {2 * PIXEL}px }}"),
    ("paragraphs reflowed", "p { margin-right: 6mm }"),
    ("box recoloured", ".box { background: #f3ece2 }"),
    ("heading recoloured", "h1 { color: #70305a }"),
    ("a word more", "h1::after { content: ' ordet' }"),
    ("a letter more", "h1::after { content: ' x' }"),
    ("the box's rule recoloured", ".box { border-left-color: #2a2f7a }"),
])
def test_a_changed_layout_is_caught(rendered, name, css):
    comparison = compare(rendered("base"), rendered(name, css))
    assert not comparison.passes, f"{name}: {comparison.describe()}"
