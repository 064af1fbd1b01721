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
