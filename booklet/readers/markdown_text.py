"""Markdown text -> model blocks, with the two kinds of fenced block this project adds.

A section body is Markdown. Two fences carry structure and are cut out, with their line
numbers, before the prose goes to Python-Markdown:

    ```værdier            a structured component: YAML in a fence named by its kind
    - navn: Helhed
      tekst: ...
    ```

    ::: {niveau=centerchef eksempel}    one level's (or function's) concretisation
    Markdown text ...
    :::

Python-Markdown parses the prose into an element tree, which is mapped onto the model here;
raw HTML is refused, so no writer ever sees markup it did not make itself.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from ..errors import Location, suggestion
from ..model import (
    Block, Emphasis, Heading, Inline, Inlines, LevelSlot, LineBreak, Link, ListBlock,
    Paragraph, Quote, Strong, Text, plain_text,
)
from .context import ReadContext
from .yaml_source import YamlDocument, parse_yaml

_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})\s*([^\s`]*)\s*$")
_SLOT_FENCE = re.compile(r"^:::(.*)$")
_ATX_HEADING = re.compile(r"^(#{1,})\s")
_STASH = re.compile("\x02wzxhzdk:(\\d+)\x03")
_SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
_SLOT_AXES = ("niveau", "funktion")
_SLOT_FLAGS = ("eksempel", "ingen")


class _KeepTree(Treeprocessor):
    """Runs last and keeps the finished element tree, so no HTML is ever serialised."""

    def run(self, root: ET.Element) -> None:
        self.md.kept_tree = root  # type: ignore[attr-defined]


def _new_parser() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"])
    md.treeprocessors.deregister("prettify")
    md.treeprocessors.register(_KeepTree(md), "keep_tree", -100)
    return md


_parser = _new_parser()


def parse_blocks(text: str, start: Location, ctx: ReadContext, in_slot: bool = False,
                 slots_allowed: bool = True) -> tuple[Block, ...]:
    """Blocks of a Markdown text whose first line stands at `start`.

    Level blocks may stand only in a section's own text (`slots_allowed`), not inside a
    component's fields, so every edition can select them at the top of a section.
    """
    lines = text.split("\n")
    blocks: list[Block] = []
    prose: list[str] = []
    prose_start = 0

    def flush() -> None:
        nonlocal prose
        if any(line.strip() for line in prose):
            blocks.extend(_parse_prose(prose, start.shifted(prose_start), ctx, headings_allowed=slots_allowed))
        prose = []

    i = 0
    while i < len(lines):
        line = lines[i]
        here = start.shifted(i)
        fence = _CODE_FENCE.match(line)
        slot = _SLOT_FENCE.match(line)
        if fence:
            flush()
            end = _find_code_fence_end(lines, i, fence.group(1))
            if end is None or end < 0:
                before = f" før den næste blok på linje {here.line - end - i}" if end is not None else ""
                ctx.problems.error(
                    here, f"blokken der starter med '{fence.group(1)}' lukkes aldrig{before}. "
                    f"Afslut den med en linje med '{fence.group(1)}'.",
                )
                return tuple(blocks)
            component = _read_component(fence.group(2), lines[i + 1:end], here, ctx)
            if component is not None:
                blocks.append(component)
            i = end + 1
            prose_start = i
        elif slot:
            flush()
            attributes = slot.group(1).strip()
            if not attributes:
                ctx.problems.error(here, "':::' lukker en blok, der ikke er åbnet. Slet linjen, "
                                         "eller åbn blokken med fx '::: {niveau=centerchef}'.")
                i += 1
                prose_start = i
                continue
            if in_slot:
                ctx.problems.error(here, "blokke for niveauer kan ikke ligge inden i hinanden. "
                                         "Luk den ydre blok med ':::' før den næste åbnes.")
                return tuple(blocks)
            if not slots_allowed:
                ctx.problems.error(here, "blokke for niveauer kan kun stå direkte i afsnittets tekst, "
                                         "ikke inde i en komponent. Flyt blokken ud under komponenten.")
                return tuple(blocks)
            end = _find_slot_end(lines, i, here, ctx)
            if end is None:
                return tuple(blocks)
            block = _read_slot(attributes, lines[i + 1:end], here, ctx)
            if block is not None:
                blocks.append(block)
            i = end + 1
            prose_start = i
        else:
            if not prose:
                prose_start = i
            prose.append(line)
            i += 1
    flush()
    return tuple(blocks)


def parse_inline(text: str, location: Location, ctx: ReadContext) -> Inlines:
    """One line of Markdown (a value's text, a bullet): inline content only."""
    blocks = _parse_prose(text.split("\n"), location, ctx)
    if not blocks:
        return ()
    if len(blocks) > 1 or not isinstance(blocks[0], Paragraph):
        ctx.problems.error(location, "her må kun stå almindelig tekst på én linje "
                                     "(ingen lister, overskrifter eller tomme linjer).")
        return ()
    return blocks[0].content


# --- fences ---------------------------------------------------------------------------


def _find_code_fence_end(lines: list[str], start: int, marker: str) -> int | None:
    """The closing fence's index; minus the index of a new block's opening fence met first
    (a forgotten closing fence); None at the end of the text."""
    for j in range(start + 1, len(lines)):
        stripped = lines[j].strip()
        if stripped.startswith(marker[0] * len(marker)):
            return j if not stripped.strip(marker[0]) else -j
    return None


def _find_slot_end(lines: list[str], start: int, here: Location, ctx: ReadContext) -> int | None:
    in_code: str | None = None
    for j in range(start + 1, len(lines)):
        line = lines[j]
        fence = _CODE_FENCE.match(line)
        if in_code:
            if line.strip() == in_code:
                in_code = None
            continue
        if fence:
            in_code = fence.group(1)
            continue
        slot = _SLOT_FENCE.match(line)
        if slot:
            if slot.group(1).strip():
                ctx.problems.error(
                    here.shifted(j - start),
                    "blokke for niveauer kan ikke ligge inden i hinanden. Luk blokken "
                    f"fra linje {here.line} med ':::' før den næste åbnes.",
                )
                return None
            return j
    ctx.problems.error(here, "blokken der starter her lukkes aldrig. Afslut den med en linje "
                             "med ':::'.")
    return None


def _read_slot(attributes: str, body: list[str], here: Location, ctx: ReadContext) -> LevelSlot | None:
    """`{niveau=centerchef eksempel}` -> the level's slot, checked against the organisation."""
    inner = attributes.strip()
    if not (inner.startswith("{") and inner.endswith("}")):
        ctx.problems.error(here, f"'::: {attributes}' kan ikke læses. Skriv fx "
                                 "'::: {niveau=centerchef}' med tuborgklammer.")
        return None
    role = None
    flags = set()
    ok = True
    for token in inner[1:-1].split():
        key, _, value = token.partition("=")
        if value:
            if key not in _SLOT_AXES:
                ctx.problems.error(here, f"ukendt egenskab '{key}'{suggestion(key, list(_SLOT_AXES))}")
                ok = False
                continue
            if role is not None:
                ctx.problems.error(here, "en blok gælder ét niveau eller én funktion. Lav en blok "
                                         "for hver.")
                ok = False
                continue
            role = _find_role(key, value, here, ctx)
            ok = ok and role is not None
        elif token in _SLOT_FLAGS:
            flags.add(token)
        else:
            ctx.problems.error(here, f"ukendt markering '{token}'{suggestion(token, list(_SLOT_FLAGS))}")
            ok = False
    if role is None:
        if ok and ctx.roles_known:
            ctx.problems.error(here, "blokken mangler et niveau eller en funktion, fx "
                                     "'::: {niveau=centerchef}'.")
        return None
    blocks = parse_blocks("\n".join(body), here.shifted(1), ctx, in_slot=True)
    if "ingen" in flags and blocks:
        ctx.problems.error(here, "blokken er markeret 'ingen' (ingen konkretisering), men har tekst. "
                                 "Fjern enten teksten eller markeringen.")
    if "ingen" not in flags and not blocks:
        ctx.problems.error(here, "blokken er tom. Skriv konkretiseringen, eller markér den "
                                 f"'::: {{{role.axis}={role.id} ingen}}', hvis niveauet ikke skal have en.")
    return LevelSlot(role=role, blocks=blocks, example="eksempel" in flags, location=here,
                     none_declared="ingen" in flags)


def _find_role(axis: str, value: str, here: Location, ctx: ReadContext):
    org = ctx.organisation
    if not ctx.roles_known:
        return None
    roles = () if org is None else (org.levels if axis == "niveau" else org.functions)
    for role in roles:
        if role.id == value:
            return role
    valid = [r.id for r in roles]
    where = f" for {org.name}" if org else ""
    if valid:
        ctx.problems.error(here, f"{axis} '{value}' findes ikke{suggestion(value, valid)}")
    else:
        ctx.problems.error(here, f"{axis} '{value}' findes ikke: der er ingen {axis}er{where}. "
                                 "Tilføj dem i organisationens fil.")
    return None


def _read_component(kind: str, body: list[str], here: Location, ctx: ReadContext) -> Block | None:
    from .components import COMPONENT_READERS  # components read Markdown fields through this module

    if not kind:
        ctx.problems.error(here, "skriv komponentens type lige efter '```', fx '```værdier'. "
                                 f"Typer: {', '.join(COMPONENT_READERS)}.")
        return None
    reader = COMPONENT_READERS.get(kind)
    if reader is None:
        ctx.problems.error(here, f"ukendt komponent '{kind}'{suggestion(kind, list(COMPONENT_READERS))}")
        return None
    doc = YamlDocument(here.path, (here.line or 0) + 1)
    node = parse_yaml("\n".join(body), doc, ctx.problems)
    if node is None:
        if not any(line.strip() for line in body):
            ctx.problems.error(here, f"komponenten '{kind}' er tom.")
        return None
    return reader(node, doc, ctx)


# --- prose ----------------------------------------------------------------------------


def _parse_prose(lines: list[str], start: Location, ctx: ReadContext,
                 headings_allowed: bool = True) -> list[Block]:
    """Prose via Python-Markdown. Headings stand only at the top of a section's text, where
    every writer and the table of contents see them (not in lists, quotes or component fields)."""
    for offset, line in enumerate(lines):
        heading = _ATX_HEADING.match(line)
        if heading and len(heading.group(1)) == 1:
            ctx.problems.error(start.shifted(offset), "overskrifter i teksten starter med '##': "
                                                      "'#' er afsnittets titel (feltet 'titel').")
        elif heading and len(heading.group(1)) > 4:
            ctx.problems.error(start.shifted(offset), f"overskriften er {len(heading.group(1))} "
                                                      "niveauer dyb; brug højst '####'.")
    normalised = _normalise_list_indent(lines)
    too_deep = next((i for i, line in enumerate(normalised)
                     if _LIST_ITEM.match(line) and len(line) - len(line.lstrip(" ")) >= 4 * MAX_LIST_DEPTH), None)
    if too_deep is not None:
        ctx.problems.error(start.shifted(too_deep), f"listen har mere end {MAX_LIST_DEPTH} niveauer. Saml "
                                                    "underpunkterne, så listen højst har "
                                                    f"{MAX_LIST_DEPTH} niveauer.")
        return []
    _parser.reset()
    _parser.convert("\n".join(normalised))
    root: ET.Element = _parser.kept_tree  # type: ignore[attr-defined]
    converter = _TreeConverter(_parser, start, ctx, lines)
    return [b for child in root for b in converter.block(child, nested=not headings_allowed)]


_LIST_ITEM = re.compile(r"^( *)([-*+]|\d+[.)])\s+")
MAX_LIST_DEPTH = 5


def _normalise_list_indent(lines: list[str]) -> list[str]:
    """Nest list items by relative indent, so two spaces nest as well as four.

    Python-Markdown needs four spaces per level; authors (and CommonMark) often use two,
    which would otherwise flatten a nested list without a word.
    """
    result, open_indents = [], []
    for line in lines:
        item = _LIST_ITEM.match(line)
        if item:
            indent = len(item.group(1))
            while open_indents and indent < open_indents[-1]:
                open_indents.pop()
            if not open_indents or indent > open_indents[-1]:
                open_indents.append(indent)
            line = "    " * (len(open_indents) - 1) + line.lstrip(" ")
        elif line.strip() and not line.startswith(" "):
            open_indents = []
        result.append(line)
    return result


class _TreeConverter:
    def __init__(self, md: markdown.Markdown, start: Location, ctx: ReadContext, lines: list[str]):
        self.md = md
        self.start = start
        self.ctx = ctx
        self.lines = lines
        self.reported_html = False

    def _line_of(self, text: str) -> Location:
        for offset, line in enumerate(self.lines):
            if text and text in line:
                return self.start.shifted(offset)
        return self.start

    def _html_location(self) -> Location:
        for offset, line in enumerate(self.lines):
            if re.search(r"<[A-Za-z/!]", line):
                return self.start.shifted(offset)
        return self.start

    def text(self, raw: str | None) -> str:
        if not raw:
            return ""
        raw = raw.replace(AMP_SUBSTITUTE, "&")

        def resolve(match: re.Match) -> str:
            stashed = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            stashed = stashed if isinstance(stashed, str) else ET.tostring(stashed, encoding="unicode")
            if re.fullmatch(r"&[#A-Za-z0-9]+;", stashed):
                return html.unescape(stashed)
            if not self.reported_html:
                self.reported_html = True
                self.ctx.problems.error(
                    self._html_location(),
                    "HTML-koder er ikke tilladt i teksten. Skriv teksten som almindelig Markdown "
                    "(fx **fed**, *kursiv*, - punkter).",
                )
            return ""

        return _STASH.sub(resolve, raw)

    def inlines(self, element: ET.Element) -> Inlines:
        result: list[Inline] = []
        if element.text:
            result.append(Text(self.text(element.text)))
        for child in element:
            result.extend(self.inline(child))
            if child.tail:
                result.append(Text(self.text(child.tail)))
        return _merge_text(result)

    def inline(self, element: ET.Element) -> list[Inline]:
        tag = element.tag
        if tag == "em":
            return [Emphasis(self.inlines(element))]
        if tag == "strong":
            return [Strong(self.inlines(element))]
        if tag == "a":
            target = element.get("href", "")
            if not _SAFE_LINK.match(target):
                self.ctx.problems.error(self._line_of(target), f"linket '{target}' er ikke tilladt. Brug en "
                                                    "adresse, der starter med https://, http:// eller mailto:.")
                return list(self.inlines(element))
            content = self.inlines(element)
            if target.startswith("#"):
                self.ctx.link(target[1:], self._line_of(f"]({target})"))
            return [Link(target, content)]
        if tag == "br":
            return [LineBreak()]
        if tag == "code":
            return [Text(self.text(element.text))]
        if tag == "img":
            self.ctx.problems.error(self.start, "billeder kan ikke indsættes i teksten endnu. "
                                                "Fjern '![...](...)'.")
            return []
        return list(self.inlines(element))

    def block(self, element: ET.Element, nested: bool = False) -> list[Block]:
        tag = element.tag
        if tag == "p":
            content = self.inlines(element)
            text = plain_text(content)
            if not text.strip():
                return []
            return [Paragraph(content)]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            content = self.inlines(element)
            level = int(tag[1])
            if level == 1:
                return []  # reported with its line by the pre-scan; setext '===' lands here too
            if nested:
                self.ctx.problems.error(self._line_of(plain_text(content)),
                                        "overskrifter kan kun stå direkte i afsnittets tekst, ikke i "
                                        "lister, citater eller komponenters felter. Brug **fed** tekst.")
                return [Paragraph((Strong(content),))]
            return [Heading(level, content, self.ctx.anchor(plain_text(content)))]
        if tag in ("ul", "ol"):
            return [ListBlock(tag == "ol", tuple(self.list_item(li) for li in element if li.tag == "li"))]
        if tag == "blockquote":
            return [Quote(tuple(b for child in element for b in self.block(child, nested=True)))]
        if tag == "hr":
            self.ctx.problems.error(self.start, "vandrette streger ('---' eller '***') bruges ikke i "
                                                "teksten. Start i stedet et nyt afsnit med '##'.")
            return []
        if tag in ("pre", "div"):
            self.ctx.problems.error(self.start, "indrykket tekst læses som kode og understøttes ikke. "
                                                "Fjern indrykningen (4 mellemrum) foran linjerne.")
            return []
        self.ctx.problems.error(self.start, f"formateringen <{tag}> understøttes ikke i teksten. "
                                            "Brug afsnit, overskrifter (##), lister og citater (>).")
        return []

    def list_item(self, li: ET.Element) -> tuple[Block, ...]:
        blocks: list[Block] = []
        loose: list[Inline] = []
        if li.text and li.text.strip():
            loose.append(Text(self.text(li.text)))
        for child in li:
            if child.tag in ("p", "ul", "ol", "blockquote", "h2", "h3", "h4", "pre", "hr"):
                if loose:
                    blocks.append(Paragraph(_merge_text(loose)))
                    loose = []
                blocks.extend(self.block(child, nested=True))
            else:
                loose.extend(self.inline(child))
            if child.tail and child.tail.strip():
                loose.append(Text(self.text(child.tail)))
        if loose:
            blocks.append(Paragraph(_merge_text(loose)))
        return tuple(blocks)


def _merge_text(nodes: list[Inline]) -> Inlines:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            merged.append(node)
    return tuple(merged)
