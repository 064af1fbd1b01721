"""The web page's photos, tables, notes, foreword, fact box and pull quote (issue 15), from
model objects (tests/writers/sample_blocks.py), so they hold whatever the Markdown reader does."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image as PILImage

from conftest import FIXTURES, make_project
from sample_blocks import NOTE_TEXT, TABLE_NOTE_TEXT, sample_publication

from booklet.editions import editions_for, select
from booklet.writers.html import HtmlWriter, image_sizes, web_copies, write_assets


def _render(root: Path, publication, name: str) -> Path:
    edition = editions_for(publication)[0]
    output = root / "output"
    (output / "mini").mkdir(parents=True, exist_ok=True)
    write_assets(publication.brand, root / "styles", output)
    target = output / "mini" / name
    HtmlWriter(root / "templates", root / "styles").write(select(publication, edition), edition, target, output)
    return target


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("html-blocks") / "projekt", FIXTURES / "mini" / "content")
    publication = sample_publication(root)
    target = _render(root, publication, "mini.html")
    return target, lxml_html.fromstring(target.read_bytes()), publication


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_photo_is_a_numbered_figure_with_alt_srcset_size_and_lazy_loading(page):
    target, tree, _publication = page
    figure = tree.xpath('//figure[contains(@class, "image-hel")]')[0]
    img = figure.xpath(".//img")[0]
    assert img.get("alt") == "Rådhuset i Høje-Taastrup set fra parken"
    assert _text(figure.xpath("figcaption")[0]) == "Figur 1: Rådhuset om sommeren"
    assert img.get("loading") == "lazy"
    assert int(img.get("width")) > 0 and int(img.get("height")) > 0
    candidates = [c.split() for c in img.get("srcset").split(",")]
    assert [int(w[:-1]) for _url, w in candidates] == [480, 960, 1440]
    assert img.get("sizes")
    for url, width in candidates:
        copy = target.parent / url
        assert copy.is_file() and re.fullmatch(r"raadhus-[0-9a-f]{12}\.jpg", copy.name)
        assert PILImage.open(copy).width == int(width[:-1])
    assert target.parent / img.get("src") in [target.parent / url for url, _w in candidates]


def test_drawn_figures_are_numbered_after_the_photos_with_a_short_name(page):
    _target, tree, _publication = page
    captions = [_text(c) for c in tree.xpath("//figure/figcaption") if _text(c).startswith("Figur")]
    assert captions[:2] == ["Figur 1: Rådhuset om sommeren", "Figur 2: Et halvt billede"]
    assert "Figur 3: Temaerne" in captions and "Figur 4: Kompetencehjulet" in captions
    numbers = [int(re.match(r"Figur (\d+):", c).group(1)) for c in captions if c.startswith("Figur")]
    assert numbers == list(range(1, len(numbers) + 1))


def test_decorative_pictures_are_hidden_from_screen_readers_and_not_numbered(page):
    _target, tree, _publication = page
    decorative = tree.xpath('//div[contains(@class, "image-decorative")]/img')
    assert len(decorative) == 1
    # alt="" alone: HTML allows no role beside it (the Nu checker refuses role="presentation").
    assert decorative[0].get("alt") == "" and decorative[0].get("role") is None
    assert not decorative[0].xpath("ancestor::figure")
    signature = tree.xpath('//img[contains(@class, "signature")]')[0]
    assert signature.get("alt") == "" and signature.get("role") is None


def test_cover_photo_is_on_the_cover_and_loads_at_once(page):
    _target, tree, _publication = page
    cover = tree.xpath('//header[contains(@class, "cover-with-photo")]//div[@class="cover-photo"]/img')[0]
    assert cover.get("alt") == "Skov og eng ved Hedehusene om foråret"
    assert cover.get("loading") is None
    assert cover.get("srcset")


def test_table_has_caption_column_headers_alignment_classes_and_a_named_scroll_box(page):
    _target, tree, _publication = page
    box = tree.xpath('//div[contains(@class, "table-wrap")]')[0]
    table = box.xpath("table")[0]
    caption = table.xpath("caption")[0]
    assert _text(caption) == "Tabel 1: Nøgletal 2015"
    assert box.get("role") == "region" and box.get("tabindex") == "0"
    assert box.get("aria-labelledby") == caption.get("id")
    headers = table.xpath("thead/tr/th")
    assert [_text(h) for h in headers] == ["Område", "Borgere 2015", "Mål 2016"]
    assert {h.get("scope") for h in headers} == {"col"}
    assert [h.get("class") for h in headers] == ["align-left", "align-right", "align-right"]
    assert [c.get("class") for c in table.xpath("tbody/tr[1]/td")] == ["align-left", "align-right", "align-right"]
    assert not table.xpath(".//*[@style]")  # alignment by class: the stylesheets decide it


def test_table_without_caption_is_named_by_its_columns(tmp_path):
    import dataclasses

    root = make_project(tmp_path / "projekt", FIXTURES / "mini" / "content")
    publication = sample_publication(root)
    section = publication.sections[0]
    blocks = tuple(dataclasses.replace(b, caption=()) if b.kind == "table" else b for b in section.blocks)
    publication = dataclasses.replace(publication, sections=(dataclasses.replace(section, blocks=blocks),
                                                             *publication.sections[1:]))
    tree = lxml_html.fromstring(_render(root, publication, "uden.html").read_bytes())
    box = tree.xpath('//div[contains(@class, "table-wrap")]')[0]
    assert not box.xpath(".//caption")
    assert box.get("aria-label") == "Tabel med kolonnerne Område, Borgere 2015, Mål 2016"


def test_notes_link_both_ways_and_are_listed_under_their_section(page):
    _target, tree, _publication = page
    chapter = tree.xpath('//section[@id="nye-byggesten"]')[0]
    refs = chapter.xpath('.//sup[@class="note-ref"]/a')
    assert [(r.get("href"), r.get("id"), _text(r)) for r in refs] == [
        ("#note-1", "note-ref-1", "1"), ("#note-2", "note-ref-2", "2")]
    assert refs[0].get("aria-label") == "Note 1"
    notes = chapter.xpath('.//div[@class="notes"]//ol/li')
    assert [n.get("id") for n in notes] == ["note-1", "note-2"]
    assert NOTE_TEXT in _text(notes[0]) and TABLE_NOTE_TEXT in _text(notes[1])
    back = notes[0].xpath('a[@class="note-back"]')[0]
    assert back.get("href") == "#note-ref-1" and _text(back) == "Tilbage til teksten"
    assert not tree.xpath('//*[@class="footnote"]')  # the print form is not on the web page


def test_foreword_signers_have_name_and_title_on_two_lines(page):
    _target, tree, _publication = page
    signers = tree.xpath('//section[@id="nye-byggesten"]//div[@class="signer"]/p[@class="signer-lines"]')
    assert [[_text(s) for s in p.xpath("span")] for p in signers] == [
        ["Anne Hansen", "Kommunaldirektør"], ["Bo Jensen", "Direktør for Børn og Unge"]]
    assert all(p.xpath("br") for p in signers)
    portrait = tree.xpath('//figure[@class="foreword-portrait"]/img')[0]
    assert portrait.get("alt").startswith("Anne Hansen")


def test_fact_box_is_a_named_aside_with_a_heading_below_its_section(page):
    _target, tree, _publication = page
    aside = tree.xpath('//aside[@class="fact-box"]')[0]
    title = aside.xpath(f'.//*[@id="{aside.get("aria-labelledby")}"]')[0]
    assert _text(title) == "Fakta om kommunen"
    # After the section's '## Nøgletal' (an h3), the box's title is one level below.
    assert title.tag == "h4"
    assert "Fakta om kommunen" not in _text(tree.xpath('//nav[@class="toc"]')[0])


def test_pull_quote_is_in_danish_quotation_marks_with_its_source(page):
    _target, tree, _publication = page
    quote = tree.xpath('//figure[@class="pull-quote"]')[0]
    assert _text(quote.xpath("blockquote")[0]) == "»Vi lykkes, når vi lykkes sammen«"
    assert _text(quote.xpath("figcaption")[0]) == "Anne Hansen, kommunaldirektør"


def test_published_copies_carry_no_exif_or_gps(page):
    target, _tree, _publication = page
    copies = list((target.parent.parent / "assets" / "billeder").iterdir())
    assert len(copies) >= 8
    for copy in copies:
        data = copy.read_bytes()
        assert b"Exif" not in data and b"Telefonens" not in data, copy.name
        if copy.suffix != ".svg":
            assert not dict(PILImage.open(io.BytesIO(data)).getexif()), copy.name


def test_the_same_page_twice_is_the_same_bytes(page, tmp_path):
    target, _tree, publication = page
    again = _render(target.parent.parent.parent, publication, "igen.html")
    assert again.read_bytes() == target.read_bytes()


def test_web_copies_are_never_wider_than_the_photo(page):
    _target, _tree, publication = page
    photo = publication.cover_image.file
    small = type(photo)(photo.path, photo.digest, photo.format, 1000, 667)
    assert [c.width_px for c in web_copies(small)] == [480, 1000]
    assert "calc(50vw - 1.25rem)" in image_sizes(1 / 3)


def _add_photo(project: Path, size: tuple[int, int]) -> int:
    """A photo in the mini publication's first section, as an author writes it; its line."""
    from sample_blocks import photo

    folder = project / "content" / "publikationer" / "mini"
    photo(folder / "billeder" / "raadhus.jpg", size)
    section = folder / "01-indledning.md"
    lines = section.read_text(encoding="utf-8").splitlines()
    lines[4:4] = ["", '![Rådhuset set fra parken](billeder/raadhus.jpg "Rådhuset om sommeren")', ""]
    section.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 6


def test_a_page_carried_over_from_the_last_build_still_finds_its_photos(mini_project):
    from booklet.commands.build import run

    _add_photo(mini_project, (1600, 1200))
    output = mini_project / "output"
    run(mini_project, output, formats=("html",), jobs=1, say=lambda _m: None)
    page = output / "mini" / "mini.html"
    first = page.read_bytes()
    # A build of another format carries the page over unrendered: its pictures must come along.
    run(mini_project, output, formats=("docx",), jobs=1, say=lambda _m: None)
    assert page.read_bytes() == first
    tree = lxml_html.fromstring(first)
    urls = {c.split()[0] for img in tree.xpath("//img[@srcset]") for c in img.get("srcset").split(",")}
    assert urls
    for url in urls:
        assert (page.parent / url).is_file(), url
        assert (output / "site" / "mini" / url).is_file(), url  # the site holds its own
    site_page = lxml_html.fromstring((output / "site" / "mini" / "index.html").read_bytes())
    assert site_page.xpath('//figure[contains(@class, "image")]/img[@srcset][@loading="lazy"]')


def test_the_site_links_the_outputs_photos_instead_of_copying_them(page, tmp_path):
    from booklet.writers.html import write_images

    _target, _tree, publication = page  # the town hall photo is placed twice: one file per width
    write_images([publication], tmp_path / "output")
    write_images([publication], tmp_path / "output" / "site", like=tmp_path / "output")
    made = sorted((tmp_path / "output" / "assets" / "billeder").iterdir())
    linked = sorted((tmp_path / "output" / "site" / "assets" / "billeder").iterdir())
    assert [p.name for p in made] == [p.name for p in linked]
    assert all(a.stat().st_ino == b.stat().st_ino for a, b in zip(made, linked))


def test_a_narrow_picture_floats_only_beside_text_long_enough_to_pass_it(page):
    import dataclasses

    from booklet.model import Heading, Paragraph, Text
    from booklet.writers.templating import image_floats

    _target, tree, publication = page
    half = next(b for b in publication.sections[0].blocks if b.kind == "image" and b.width == "halv")
    assert "image-float" in tree.xpath('//figure[contains(@class, "image-halv")]')[0].get("class")
    long_text = Paragraph((Text("ord " * 400),))
    assert image_floats(half, (long_text,))
    assert not image_floats(half, (Paragraph((Text("Kort."),)), Heading(2, (Text("Næste"),), "naeste")))
    assert not image_floats(half, ())  # the end of the section
    assert not image_floats(dataclasses.replace(half, width="hel"), (long_text,))
