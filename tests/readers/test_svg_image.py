"""SVG from outside is published without what runs, fetches or multiplies, within limits that
the brand check and the writers share."""
from __future__ import annotations

import time

import pytest
from lxml import etree

from booklet.readers.svg_image import MAX_SVG_DRAWN, UnsafeSvg, clean_svg

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">%s</svg>'


def parsed(data: bytes):
    return etree.fromstring(data)


def test_a_plain_logo_keeps_its_drawing():
    cleaned = parsed(clean_svg(SVG % b'<g id="a"><rect width="4" height="4" fill="#0a5"/></g><use href="#a" x="5"/>'))
    assert [etree.QName(e).localname for e in cleaned.iter()] == ["svg", "g", "rect", "use"]
    assert cleaned.find("{http://www.w3.org/2000/svg}use").get("href") == "#a"


def test_scripts_handlers_and_outside_references_are_removed():
    cleaned = clean_svg(SVG % (
        b'<script>alert(1)</script><rect onload="alert(2)" onclick="x()" width="1" height="1"/>'
        b'<image xlink:href="file:///etc/passwd"/><image href="http://127.0.0.1/x.png"/>'
        b'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
        b'<style>@import url(http://evil.example/a.css); rect { fill: url(http://x/y) }</style>'))
    text = cleaned.decode()
    for gone in ("script", "alert", "onload", "onclick", "passwd", "127.0.0.1", "foreignObject", "evil", "http://x"):
        assert gone not in text, gone
    assert "<rect" in text and "<image" in text


def test_an_embedded_png_stays():
    data = b"data:image/png;base64,iVBORw0KGgo="
    cleaned = parsed(clean_svg(SVG % (b'<image href="' + data + b'"/>')))
    assert cleaned.find("{http://www.w3.org/2000/svg}image").get("href") == data.decode()


def test_illustrators_namespace_entities_are_put_in_place():
    illustrator = (b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                   b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [\n'
                   b'<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">\n'
                   b'<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n'
                   b'<svg xmlns="&ns_svg;" xmlns:x="&ns_extend;" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>')
    cleaned = clean_svg(illustrator)
    assert b"DOCTYPE" not in cleaned and b"ENTITY" not in cleaned
    assert parsed(cleaned).nsmap["x"] == "http://ns.adobe.com/Extensibility/1.0/"


@pytest.mark.parametrize("doctype", [
    b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://127.0.0.1/x.dtd"> %p;]>',
])
def test_nested_and_external_entities_are_refused(doctype):
    with pytest.raises(UnsafeSvg, match=r"DOCTYPE.*\.$"):
        clean_svg(b'<?xml version="1.0"?>' + doctype + SVG % b"<text>&b;&x;</text>")


def test_a_billion_laughs_of_use_elements_is_refused_in_moments():
    levels = [b'<g id="l0"><rect width="1" height="1"/></g>']
    for n in range(1, 9):
        levels.append(b'<g id="l%d">' % n + b"".join(b'<use href="#l%d"/>' % (n - 1) for _ in range(10)) + b"</g>")
    started = time.monotonic()
    with pytest.raises(UnsafeSvg, match=str(MAX_SVG_DRAWN)):
        clean_svg(SVG % b"".join(levels))
    assert time.monotonic() - started < 2


def test_a_use_cycle_is_refused():
    with pytest.raises(UnsafeSvg, match="ring"):
        clean_svg(SVG % b'<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>')


@pytest.mark.parametrize("data, words", [
    (b"<svg", "kan læses (fejl i linje 1)"),
    (b"<html><body/></html>", "er <html>, ikke <svg>"),
    (SVG % (b"<g>" * 100 + b"</g>" * 100), "niveauer"),
    (SVG % b"<text>&undefined;</text>", "kan læses"),
])
def test_broken_files_get_one_danish_sentence(data, words):
    with pytest.raises(UnsafeSvg) as refused:
        clean_svg(data)
    assert words in str(refused.value) and str(refused.value).endswith(".")


def test_the_same_file_cleans_to_the_same_bytes():
    data = SVG % b'<rect onload="x" width="1" height="1"/>'
    assert clean_svg(data) == clean_svg(data)


def _with_entities(count: int, length: int) -> bytes:
    declared = b"".join(b'<!ENTITY e%d "%s">' % (n, b"x" * length) for n in range(count))
    return b'<?xml version="1.0"?><!DOCTYPE svg [' + declared + b"]>" + SVG % b"<text>&e0;</text>"


def test_fifty_short_entities_are_put_in_place_and_more_or_longer_are_refused():
    # Illustrator declares a handful of namespace names; up to 50 of up to 1,000 characters pass.
    assert b"x" * 1000 in clean_svg(_with_entities(50, 1000))
    for count, length in ((51, 10), (1, 1001)):
        with pytest.raises(UnsafeSvg, match="DOCTYPE, der erklærer andet end korte tekster"):
            clean_svg(_with_entities(count, length))


def test_a_file_over_ten_megabytes_or_outside_the_project_is_refused_unread(tmp_path):
    from booklet.readers.svg_image import MAX_SVG_FILE_BYTES, read_svg_file

    big = tmp_path / "stor.svg"
    big.write_bytes(SVG % (b"<!--" + b"x" * MAX_SVG_FILE_BYTES + b"-->"))
    with pytest.raises(UnsafeSvg, match=r"^fylder over 10 MB\. Gem billedet i en mindre udgave\.$"):
        read_svg_file(big, tmp_path)
    (tmp_path / "inde").mkdir()
    (tmp_path / "inde" / "logo.svg").symlink_to(big)
    with pytest.raises(UnsafeSvg, match="er et link til noget uden for projektets mappe inde/"):
        read_svg_file(tmp_path / "inde" / "logo.svg", tmp_path / "inde")
    (tmp_path / "lille.svg").write_bytes(SVG % b'<rect width="1" height="1"/>')
    assert b"<rect" in read_svg_file(tmp_path / "lille.svg", tmp_path)


@pytest.mark.parametrize("data", [
    b'<!DOCTYPE svg [<!ENTITY a "x">' + SVG % b"",  # never closed
    b'<!ENTITY a "x">' + SVG % b"",  # an entity without a DOCTYPE
])
def test_a_doctype_that_cannot_be_read_safely_is_refused(data):
    with pytest.raises(UnsafeSvg) as refused:
        clean_svg(data)
    assert str(refused.value) == ("har en DOCTYPE, som ikke kan læses sikkert. Gem billedet igen som almindelig SVG "
                                  "(i Illustrator: 'Gem som' → SVG, uden DTD).")


def test_a_doctype_without_declarations_is_dropped():
    data = b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    cleaned = clean_svg(data + SVG % b'<rect width="1" height="1"/>')
    assert b"DOCTYPE" not in cleaned and b"<rect" in cleaned


def test_entities_may_swell_the_file_to_twice_its_size_and_ten_kilobytes_more():
    declared = b'<!DOCTYPE svg [<!ENTITY e "' + b"x" * 1000 + b'">]>'

    def svg(padding: int) -> bytes:
        return declared + SVG % (b"<text>" + b"&e;" * 15 + b" " * padding + b"</text>")

    def beyond_the_allowance(data: bytes) -> int:
        expanded = len(data) - len(declared) + data.count(b"&e;") * (1000 - len(b"&e;"))
        return expanded - (2 * len(data) + 10_000)

    over = beyond_the_allowance(svg(0))  # 15 kB of text from a 1 kB file
    assert over > 0
    with pytest.raises(UnsafeSvg) as refused:
        clean_svg(svg(0))
    assert str(refused.value) == ("har entiteter, der fylder langt mere end selve filen. Gem billedet igen som "
                                  "almindelig SVG uden DTD.")
    # A byte of padding adds one to the expanded text and two to the allowance.
    assert beyond_the_allowance(svg(over)) == 0
    assert clean_svg(svg(over)).count(b"x" * 1000) == 15
    with pytest.raises(UnsafeSvg, match="fylder langt mere"):
        clean_svg(svg(over - 1))


def test_twenty_thousand_elements_pass_and_one_more_is_refused():
    from booklet.readers.svg_image import MAX_SVG_ELEMENTS

    clean_svg(SVG % (b"<rect/>" * (MAX_SVG_ELEMENTS - 1)))  # and the <svg> itself
    with pytest.raises(UnsafeSvg, match=r"^har over 20000 elementer\. Forenkl det"):
        clean_svg(SVG % (b"<rect/>" * MAX_SVG_ELEMENTS))


def test_sixty_levels_of_groups_pass_and_one_more_is_refused():
    clean_svg(SVG % (b"<g>" * 60 + b"</g>" * 60))
    with pytest.raises(UnsafeSvg, match="over 60 niveauer"):
        clean_svg(SVG % (b"<g>" * 61 + b"</g>" * 61))


def test_exactly_the_drawn_limit_passes_and_one_element_more_is_refused():
    # <svg> 1 + <g> with 998 rects 999 + 99 <use> of it 1,000 each = 100,000 drawn.
    group = b'<g id="a">' + b"<rect/>" * 998 + b"</g>"
    uses = b'<use href="#a"/>' * 99
    clean_svg(SVG % (group + uses))
    with pytest.raises(UnsafeSvg, match="over 100000 skulle tegnes"):
        clean_svg(SVG % (group + uses + b"<rect/>"))


def test_styles_keep_their_own_references_and_lose_the_outside_ones():
    cleaned = parsed(clean_svg(SVG % (
        b'<rect style="fill: url(#verlauf); stroke: URL(http://x.example/a)" ONCLICK="x()" width="1" height="1"/>'
        b'<use xlink:href="#verlauf"/><image href="data:image/svg+xml;base64,PHN2Zy8+"/>')))
    rect = cleaned.find("{http://www.w3.org/2000/svg}rect")
    assert rect.get("style") == "fill: url(#verlauf); stroke: " and rect.get("ONCLICK") is None
    assert cleaned.find("{http://www.w3.org/2000/svg}use").get("{http://www.w3.org/1999/xlink}href") == "#verlauf"
    assert cleaned.find("{http://www.w3.org/2000/svg}image").get("href") is None


@pytest.mark.parametrize("element", ["script", "foreignObject", "iframe", "embed", "object", "handler", "listener",
                                     "audio", "video", "canvas"])
def test_every_element_that_runs_embeds_or_fetches_is_removed_with_what_it_holds(element):
    tag = element.encode()
    cleaned = clean_svg(SVG % (b'<rect width="1" height="1"/><%s src="http://x.example/a">'
                               b'<rect id="inde"/></%s>' % (tag, tag)))
    assert [etree.QName(e).localname for e in parsed(cleaned).iter()] == ["svg", "rect"]


def test_comments_and_processing_instructions_are_not_published():
    # A comment can hold anything (an editor's notes, megabytes of padding); an
    # <?xml-stylesheet?> fetches a style sheet from elsewhere.
    data = (b'<?xml version="1.0"?><?xml-stylesheet type="text/css" href="http://x.example/a.css"?>'
            + SVG % b'<!-- intern note: udkast 3 --><?php echo 1 ?><rect width="1" height="1"/>')
    cleaned = clean_svg(data)
    for gone in (b"udkast", b"xml-stylesheet", b"x.example", b"php"):
        assert gone not in cleaned, gone
    assert cleaned.startswith(b"<?xml version='1.0' encoding='UTF-8'?>") and b"<rect" in cleaned


def test_an_entity_the_doctype_does_not_declare_is_not_read_as_text():
    data = b'<!DOCTYPE svg [<!ENTITY kendt "x">]>' + SVG % b"<text>&kendt;&ukendt;</text>"
    with pytest.raises(UnsafeSvg, match="er ikke et SVG-billede, der kan læses"):
        clean_svg(data)


def test_a_use_cycle_and_an_endless_chain_of_uses_are_each_told_in_a_sentence():
    with pytest.raises(UnsafeSvg) as refused:
        clean_svg(SVG % b'<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>')
    assert str(refused.value) == "henviser til sig selv i en ring (<use>). Ret det i tegneprogrammet."
    # Each <use> draws the next one: a chain longer than any drawing program makes.
    chain = b"".join(b'<use id="a%d" href="#a%d"/>' % (n, n + 1) for n in range(3000)) + b'<g id="a3000"/>'
    with pytest.raises(UnsafeSvg) as refused:
        clean_svg(SVG % chain)
    assert str(refused.value) == "kæder for mange elementer sammen med <use>. Forenkl det i tegneprogrammet."


def test_presentation_attributes_lose_outside_references_and_text_stays_as_written():
    # fill="url(http://...)" fetches a paint server from elsewhere, as a style would.
    cleaned = parsed(clean_svg(SVG % (
        b'<rect fill="url(http://x.example/p.svg#a)" stroke="url(#verlauf)" width="1" height="1"/>'
        b'<text x="1">Se url(https://www.htk.dk) og @import;</text>'
        b'<style>@import url(http://x.example/a.css); rect { fill: url(http://x/y) }</style>')))
    rect = cleaned.find("{http://www.w3.org/2000/svg}rect")
    assert (rect.get("fill"), rect.get("stroke"), rect.get("width")) == ("", "url(#verlauf)", "1")
    assert cleaned.find("{http://www.w3.org/2000/svg}text").text == "Se url(https://www.htk.dk) og @import;"
    assert cleaned.find("{http://www.w3.org/2000/svg}style").text == " rect { fill:  }"


def test_gradients_that_share_their_stops_by_reference_are_not_counted_as_drawn_copies():
    # Inkscape writes one gradient with the stops and many that point at it with href.
    stops = b'<linearGradient id="g">' + b'<stop offset="0"/>' * 2000 + b"</linearGradient>"
    users = b"".join(b'<linearGradient id="g%d" href="#g"/>' % n for n in range(60))
    cleaned = clean_svg(SVG % (b"<defs>" + stops + users + b"</defs>"))
    assert cleaned.count(b"<stop") == 2000
