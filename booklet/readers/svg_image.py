"""SVG from outside the project's own code (a brand's logo, an author's illustration), made
safe to publish.

An SVG file is a program as much as a picture: it can carry scripts, event handlers, links
to other files or addresses, entity declarations that expand without bound ("billion
laughs"), and `<use>` references that multiply a few elements into millions. The brand check
and every writer read an SVG through `clean_svg` only, so what the check accepts is exactly
what is published, within the same limits, and a refusal is one Danish sentence.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .files import TooLarge, Unreadable, read_project_file

# Above any logo or illustration a communications team makes (our wordmarks have < 100
# elements); a drawing beyond these is a mistake or an attack, and would stall the layout.
MAX_SVG_ELEMENTS = 20_000
MAX_SVG_DEPTH = 60
# Elements drawn once every `<use>` is followed: bounds what a renderer does, whatever the file.
MAX_SVG_DRAWN = 100_000
# Illustrator declares a handful of short namespace entities; nothing real needs more.
MAX_SVG_ENTITIES = 50
MAX_ENTITY_LENGTH = 1_000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_HREFS = ("href", f"{{{XLINK_NS}}}href")
# Elements that run code, embed other documents or fetch things; never needed in a picture.
_DROPPED_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener",
                     "audio", "video", "canvas"}
_SAFE_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z")
_CSS_EXTERNAL = re.compile(r"@import[^;]*;?|url\(\s*(?!['\"]?#)[^)]*\)", re.IGNORECASE)

_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^\[>]*(\[(?P<subset>.*?)\])?\s*>", re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY\s+(?P<name>[A-Za-z_][\w.-]*)\s+(?P<q>[\"'])(?P<value>[^\"'&%<]*)(?P=q)\s*>")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


# Read no further than this: beyond it the file is refused before it is parsed.
MAX_SVG_FILE_BYTES = 10_000_000


class UnsafeSvg(ValueError):
    """The SVG cannot be published. The message is the rest of a Danish sentence whose subject
    the caller names ("logofilen logo.svg " + message), ending with what to do."""


def read_svg_file(path: Path, within: Path) -> bytes:
    """The cleaned SVG of a regular file inside `within`, read no further than its limit."""
    try:
        data = read_project_file(path, within, MAX_SVG_FILE_BYTES)
    except TooLarge:
        raise UnsafeSvg(f"fylder over {MAX_SVG_FILE_BYTES // 1_000_000} MB. Gem billedet i en mindre udgave.") from None
    except Unreadable as exc:
        raise UnsafeSvg(str(exc)) from None
    return clean_svg(data)


def clean_svg(data: bytes) -> bytes:
    """The picture without anything that runs, fetches or multiplies; raises UnsafeSvg."""
    text = _expand_declared_entities(data)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text, parser)
    except etree.XMLSyntaxError as exc:
        raise UnsafeSvg(f"er ikke et SVG-billede, der kan læses (fejl i linje {exc.lineno}). "
                        "Gem billedet igen som SVG fra tegneprogrammet.") from None
    if etree.QName(root).localname != "svg":
        raise UnsafeSvg(f"er ikke et SVG-billede (den yderste tag er <{etree.QName(root).localname}>, ikke "
                        "<svg>). Gem billedet som SVG.")
    _check_size(root)
    _sanitise(root)
    _check_drawn(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _expand_declared_entities(data: bytes) -> bytes:
    """Illustrator writes `<!ENTITY ns_svg "http://...">` and uses them in namespace
    declarations. Plain text entities are put in place here, once, so the XML parser never
    sees a DTD; anything else in a DTD (external or nested entities) is refused."""
    match = _DOCTYPE.search(_COMMENT.sub(b"", data))
    if match is None:
        if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
            raise UnsafeSvg("har en DOCTYPE, som ikke kan læses sikkert. Gem billedet igen som "
                            "almindelig SVG (i Illustrator: 'Gem som' → SVG, uden DTD).")
        return data
    subset = _COMMENT.sub(b"", match.group("subset") or b"")
    entities = {m.group("name"): m.group("value") for m in _ENTITY.finditer(subset)}
    leftover = _ENTITY.sub(b"", subset).strip()
    if leftover or len(entities) > MAX_SVG_ENTITIES or any(
            len(value) > MAX_ENTITY_LENGTH for value in entities.values()):
        raise UnsafeSvg("har en DOCTYPE, der erklærer andet end korte tekster (eksterne eller indlejrede "
                        "entiteter). Gem billedet igen som almindelig SVG uden DTD.")
    start, end = match.span()
    body = data[:start] + data[end:]
    budget = len(data) * 2 + 10_000

    def replace(reference: re.Match) -> bytes:
        value = entities.get(reference.group(1))
        return reference.group(0) if value is None else value

    expanded = re.sub(rb"&([A-Za-z_][\w.-]*);", replace, body)
    if len(expanded) > budget:
        raise UnsafeSvg("har entiteter, der fylder langt mere end selve filen. Gem billedet igen som "
                        "almindelig SVG uden DTD.")
    return expanded


def _check_size(root) -> None:
    count = 0
    for element in root.iter():
        count += 1
        if count > MAX_SVG_ELEMENTS:
            raise UnsafeSvg(f"har over {MAX_SVG_ELEMENTS} elementer. Forenkl det i "
                            "tegneprogrammet, eller gem det som PNG.")
    deepest = max((len(list(element.iterancestors())) for element in root.iter()), default=0)
    if deepest > MAX_SVG_DEPTH:
        raise UnsafeSvg(f"har elementer, der ligger over {MAX_SVG_DEPTH} niveauer inde i hinanden. "
                        "Forenkl grupperne i tegneprogrammet.")


def _sanitise(root) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in _DROPPED_ELEMENTS:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            value = element.attrib[name]
            local = etree.QName(name).localname.lower()
            if local.startswith("on"):
                del element.attrib[name]
            elif name in _HREFS and not (value.startswith("#") or _SAFE_DATA_IMAGE.match(value)):
                del element.attrib[name]
            elif name not in _HREFS:  # style="", and fill, stroke, filter, mask ... take url() too
                element.attrib[name] = _CSS_EXTERNAL.sub("", value)
        if etree.QName(element).localname == "style" and element.text:
            element.text = _CSS_EXTERNAL.sub("", element.text)


def _check_drawn(root) -> None:
    """Count what a renderer draws when it follows every `<use>`, memoised per element, and
    refuse a reference cycle or a total beyond MAX_SVG_DRAWN."""
    # lxml makes a Python object per element on demand; holding them all keeps id() stable.
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    cost: dict[int, int] = {}
    visiting: set[int] = set()

    def drawn(element) -> int:
        key = id(element)
        if key in cost:
            return cost[key]
        if key in visiting:
            raise UnsafeSvg("henviser til sig selv i en ring (<use>). Ret det i tegneprogrammet.")
        visiting.add(key)
        total = 1 + sum(drawn(child) for child in element if isinstance(child.tag, str))
        if etree.QName(element).localname == "use":
            target = next((element.get(h) for h in _HREFS if element.get(h)), "")
            if target.startswith("#") and target[1:] in by_id:
                total += drawn(by_id[target[1:]])
        visiting.discard(key)
        if total > MAX_SVG_DRAWN:
            raise UnsafeSvg(f"gentager sine elementer så mange gange (<use>), at over "
                            f"{MAX_SVG_DRAWN} skulle tegnes. Forenkl det i tegneprogrammet.")
        cost[key] = total
        return total

    try:
        drawn(root)
    except RecursionError:
        raise UnsafeSvg("kæder for mange elementer sammen med <use>. Forenkl det i "
                        "tegneprogrammet.") from None
