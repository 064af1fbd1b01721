"""Structured components: YAML in a fenced block named by its kind, read into model blocks.

Each reader below is the schema of its kind: the keys it allows (Danish, as the authors
write them), which are required, and what each holds. Text fields are Markdown.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from ..errors import Location, suggestion
from ..model import (
    Block, Competency, CompetencyWheel, FactBox, FocusArea, FocusGrid, Foreword, Forum, House, Hub, Image,
    Layer, LayerModel, Package, PackageList, PullQuote, Signer, StatementGroup, StatementGroups, SubTheme,
    Theme, ThemeList, Value, ValueList,
)
from .context import ReadContext
from .image_file import read_image
from .markdown_text import parse_blocks, parse_inline
from .yaml_source import Fields, YamlDocument


def _items(node: Any, doc: YamlDocument, ctx: ReadContext, what: str) -> list[tuple[Any, Location]]:
    """A component whose body is a plain list: each item with its line."""
    if not isinstance(node, list):
        ctx.problems.error(doc.start, f"{what} skal være en liste, hvor hvert element starter med '- '.")
        return []
    if not node:
        ctx.problems.error(doc.start, f"{what} er en tom liste. Skriv mindst ét element med '- '.")
        return []
    result = []
    for i, item in enumerate(node):
        line = doc.line_of(node.lc.item(i)[0]) if isinstance(node, CommentedSeq) else doc.start
        result.append((item, line))
    return result


def _markdown(fields: Fields, key: str, ctx: ReadContext, required: bool = False) -> tuple[Block, ...]:
    text = fields.text(key, required=required)
    if not text:
        return ()
    start = fields.text_location(key)
    with _at_source_lines(fields.node.get(key), start, ctx):
        return parse_blocks(text, start, ctx, slots_allowed=False)


def _inline(fields: Fields, key: str, ctx: ReadContext, required: bool = True):
    text = fields.text(key, required=required)
    if not text:
        return ()
    start = fields.text_location(key)
    with _at_source_lines(fields.node.get(key), start, ctx):
        return parse_inline(text, start, ctx)


@contextmanager
def _at_source_lines(value: Any, start: Location, ctx: ReadContext) -> Iterator[None]:
    """Problems found in a field's text, moved from the text's line to the file's line.

    A '|' field keeps its lines, but a '>' field is folded: its lines are joined, and a blank
    line becomes a line break. ruamel records where it folded, which gives each text line's
    line in the file. (A plain text over several lines records nothing; its problems stay at
    the line where its paragraph starts counting from the field.)
    """
    before = len(ctx.problems.items)
    yield
    raw = str(value)
    offset = len(raw) - len(raw.lstrip())  # what the reader stripped, blank lines among it
    folds = getattr(value, "fold_pos", ()) if isinstance(value, FoldedScalarString) else ()  # none if unfolded
    text = raw[offset:]
    line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    source = [raw[:offset].count("\n") + k + sum(1 for f in folds if f < offset + at)
              for k, at in enumerate(line_starts)]
    for index in range(before, len(ctx.problems.items)):
        problem = ctx.problems.items[index]
        text_line = (problem.location.line or 0) - (start.line or 0)
        if 0 <= text_line < len(source):
            ctx.problems.items[index] = replace(problem, location=start.shifted(source[text_line]))


def _unique(names: list[tuple[str, Location]], ctx: ReadContext, what: str) -> None:
    seen: dict[str, Location] = {}
    for name, loc in names:
        if not name:
            continue  # a missing name is said where it is missing, not again as a duplicate
        if name in seen:
            ctx.problems.error(loc, f"{what} '{name}' findes allerede (linje {seen[name].line}). "
                                    "Navne skal være forskellige.")
        seen.setdefault(name, loc)


# --- the kinds ------------------------------------------------------------------------


def read_values(node: Any, doc: YamlDocument, ctx: ReadContext) -> ValueList:
    values, names = [], []
    for item, loc in _items(node, doc, ctx, "'værdier'"):
        f = Fields(item, doc, ctx.problems, "en værdi", ["navn", "tekst"], at=loc)
        name = f.text("navn", hint="Helhed")
        values.append(Value(name, _inline(f, "tekst", ctx)))
        names.append((name, loc))
    _unique(names, ctx, "værdien")
    return ValueList(tuple(values))


# A forum's fields as the author writes them -> the model's names. 'tekst' is the unlabelled
# text before the labelled parts; the others are Forum.PARTS, kept in the order they are written.
FORUM_FIELDS = {
    "navn": "name", "tekst": "intro", "medlemmer": "members", "mødes": "rhythm",
    "formål": "purpose", "form": "form", "arbejdsgang": "workflow", "indhold": "content",
    "ansvar": "responsibility",
}
FORUM_REQUIRED = ("medlemmer",)  # HTK's Direktionen says no purpose


def read_forum(node: Any, doc: YamlDocument, ctx: ReadContext) -> Forum:
    f = Fields(node, doc, ctx.problems, "et forum", list(FORUM_FIELDS))
    name = f.text("navn", hint="Chefforum")
    intro = _markdown(f, "tekst", ctx)
    parts = []
    for key in f.node:  # the author's order (a YAML mapping read by ruamel keeps it)
        if key in ("navn", "tekst") or key not in FORUM_FIELDS:
            continue  # an unknown field is said by Fields
        blocks = _markdown(f, key, ctx, required=key in FORUM_REQUIRED)
        if blocks:
            parts.append((FORUM_FIELDS[key], blocks))
    for key in FORUM_REQUIRED:
        if key not in f.node:
            f.text(key)  # says it is missing
    return Forum(name=name, anchor=ctx.anchor(name or "forum"), intro=intro, parts=tuple(parts))


def read_themes(node: Any, doc: YamlDocument, ctx: ReadContext) -> ThemeList:
    themes, numbers = [], []
    for item, loc in _items(node, doc, ctx, "'temaer'"):
        f = Fields(item, doc, ctx.problems, "et tema", ["nr", "titel", "tekst", "underemner"], at=loc)
        number = f.integer("nr")
        title = f.text("titel", hint="Resultater for borgeren")
        anchor = ctx.anchor(title or "tema")
        intro = _markdown(f, "tekst", ctx)
        subthemes = []
        for sub, sub_loc in f.seq("underemner", required=False):
            s = Fields(sub, doc, ctx.problems, "et underemne", ["titel", "tagline", "tekst"], at=sub_loc)
            sub_title = s.text("titel", hint="Implementering i bund")
            subthemes.append(SubTheme(
                title=sub_title,
                anchor=ctx.anchor(sub_title or "underemne"),
                tagline=_inline(s, "tagline", ctx),
                body=_markdown(s, "tekst", ctx, required=True),
            ))
        themes.append(Theme(number or 0, title, anchor, intro, tuple(subthemes)))
        if number is not None:  # a missing or wrong number is said by f.integer, not as a duplicate
            numbers.append((str(number), loc))
    _unique(numbers, ctx, "temanummeret")
    return ThemeList(tuple(themes))


def read_competency_wheel(node: Any, doc: YamlDocument, ctx: ReadContext) -> CompetencyWheel:
    competencies, names = [], []
    for item, loc in _items(node, doc, ctx, "'kompetencehjul'"):
        f = Fields(item, doc, ctx.problems, "en kompetence",
                   ["nr", "navn", "fokusområder", "pejlemærker", "tekst", "punkter"], at=loc)
        name = f.text("navn", hint="Personlige kompetencer")
        competencies.append(Competency(
            number=f.text("nr", hint="4.1"),
            name=name,
            anchor=ctx.anchor(name or "kompetence"),
            focus_areas=tuple(text for text, _ in f.text_list("fokusområder", required=False)),
            landmarks=tuple(text for text, _ in f.text_list("pejlemærker", required=False)),
            intro=_inline(f, "tekst", ctx, required=False),
            bullets=tuple(parse_inline(text, l, ctx) for text, l in f.text_list("punkter")),
        ))
        names.append((name, loc))
    _unique(names, ctx, "kompetencen")
    return CompetencyWheel(tuple(competencies))


def read_packages(node: Any, doc: YamlDocument, ctx: ReadContext) -> PackageList:
    packages = []
    org = ctx.organisation
    functions = {} if org is None else {r.id: r for r in org.functions}
    for item, loc in _items(node, doc, ctx, "'pakker'"):
        f = Fields(item, doc, ctx.problems, "en pakke", ["titel", "funktion", "tekst", "punkter"], at=loc)
        title = f.text("titel", hint="Basispakke for alle ledere")
        function = None
        if f.has("funktion"):
            function_id = f.text("funktion")
            function = functions.get(function_id)
            if function is None and function_id and ctx.roles_known:  # no text: said by f.text
                ctx.problems.error(f.key_location("funktion"),
                                   f"funktion '{function_id}' findes ikke"
                                   f"{suggestion(function_id, list(functions))}")
        packages.append(Package(
            title=title,
            anchor=ctx.anchor(title or "pakke"),
            function=function,
            intro=_markdown(f, "tekst", ctx),
            items=tuple(parse_inline(text, l, ctx) for text, l in f.text_list("punkter")),
        ))
    return PackageList(tuple(packages))


def read_statement_groups(node: Any, doc: YamlDocument, ctx: ReadContext) -> StatementGroups:
    groups, titles = [], []
    for item, loc in _items(node, doc, ctx, "'udsagnsgrupper'"):
        f = Fields(item, doc, ctx.problems, "en gruppe af udsagn", ["titel", "udsagn"], at=loc)
        title = f.text("titel", hint="Vi optimerer processer og forfølger vores mål")
        groups.append(StatementGroup(
            title, ctx.anchor(title or "gruppe"), tuple(parse_inline(text, l, ctx) for text, l in f.text_list("udsagn"))))
        titles.append((title, loc))
    _unique(titles, ctx, "gruppen")
    return StatementGroups(tuple(groups))


def read_focus_grid(node: Any, doc: YamlDocument, ctx: ReadContext) -> FocusGrid | None:
    items = _items(node, doc, ctx, "'fokusfelter'")
    if not items:
        return None  # no list, or an empty one: said by _items, once
    if len(items) != 4:
        ctx.problems.error(doc.start, f"'fokusfelter' skal have præcis fire felter (2 x 2), "
                                      f"men har {len(items)}.")
        return None
    areas = []
    for item, loc in items:
        f = Fields(item, doc, ctx.problems, "et fokusfelt", ["navn", "tekst"], at=loc)
        areas.append(FocusArea(f.text("navn", hint="Performance"), _inline(f, "tekst", ctx)))
    return FocusGrid(tuple(areas))  # type: ignore[arg-type]


# A figure has room for this many parts around its centre or in its house.
MAX_AROUND = 8
MAX_ROOMS = 6


def read_hub(node: Any, doc: YamlDocument, ctx: ReadContext) -> Hub | None:
    f = Fields(node, doc, ctx.problems, "'centrum'", ["midte", "omkring"])
    centre = f.text("midte", hint="Kerneopgaven")
    around = f.text_list("omkring")
    _unique(around, ctx, "navnet")
    if len(around) > MAX_AROUND:
        ctx.problems.error(f.key_location("omkring"), f"'omkring' har {len(around)} navne; der er plads "
                                                      f"til højst {MAX_AROUND} rundt om midten.")
        return None
    if not (centre and around):
        return None
    return Hub(centre, tuple(name for name, _ in around))


def read_layers(node: Any, doc: YamlDocument, ctx: ReadContext) -> LayerModel | None:
    layers, names = [], []
    for item, loc in _items(node, doc, ctx, "'lagmodel'"):
        f = Fields(item, doc, ctx.problems, "et lag", ["navn", "tekst", "punkter"], at=loc)
        name = f.text("navn", hint="Rammen")
        layers.append(Layer(
            name=name,
            text=_inline(f, "tekst", ctx, required=False),
            items=tuple(parse_inline(text, l, ctx) for text, l in f.text_list("punkter", required=False)),
        ))
        names.append((name, loc))
    _unique(names, ctx, "laget")
    return LayerModel(tuple(layers)) if layers else None


def read_house(node: Any, doc: YamlDocument, ctx: ReadContext) -> House | None:
    f = Fields(node, doc, ctx.problems, "'hus'", ["tag", "rum", "midte", "fundament"])
    roof = f.text("tag", hint="Kommunalbestyrelsens visioner")
    rooms = f.text_list("rum")
    _unique(rooms, ctx, "rummet")
    centre = f.text("midte", required=False)
    foundation = f.text("fundament", hint="Det personalepolitiske værdisæt")
    if len(rooms) > MAX_ROOMS:
        ctx.problems.error(f.key_location("rum"), f"huset har {len(rooms)} rum; der er plads til højst "
                                                  f"{MAX_ROOMS}. Saml nogle af dem.")
        return None
    if not (roof and rooms and foundation):
        return None
    return House(roof, tuple(name for name, _ in rooms), centre, foundation)


def read_foreword(node: Any, doc: YamlDocument, ctx: ReadContext) -> Foreword:
    f = Fields(node, doc, ctx.problems, "forordet", ["tekst", "underskrivere", "portræt"])
    blocks = _markdown(f, "tekst", ctx, required=True)
    signers = []
    for item, loc in f.seq("underskrivere"):
        s = Fields(item, doc, ctx.problems, "en underskriver", ["navn", "titel", "underskrift"], at=loc)
        signature = None
        if s.has("underskrift"):
            written = s.text("underskrift")
            # A scanned signature is decoration: the name is printed under it.
            signature = written and read_image(written, s.value_location("underskrift"), ctx, alt="",
                                               width="tredjedel", decorative=True) or None
        signers.append(Signer(s.text("navn", hint="Jens Hansen"), s.text("titel", hint="Kommunaldirektør"),
                              signature))
    portrait = image_field(f, "portræt", ctx, "portrættet", width="tredjedel") if f.has("portræt") else None
    return Foreword(blocks, tuple(signers), portrait)


def image_field(f: Fields, key: str, ctx: ReadContext, what: str, width: str = "hel") -> Image | None:
    """'key: {fil: billeder/x.jpg, alt: "..."}' -> the Image, or None after its errors."""
    value = f.node.get(key)
    at = f.key_location(key)
    image = Fields(value, f.doc, ctx.problems, what, ["fil", "alt"], at=at)
    if not image.ok:
        return None
    written = image.text("fil", hint="billeder/foto.jpg")
    alt = image.text("alt", hint="Beskriv billedet for dem, der ikke kan se det")
    if not (written and alt):
        return None
    return read_image(written, image.value_location("fil"), ctx, alt=alt, width=width)


def read_fact_box(node: Any, doc: YamlDocument, ctx: ReadContext) -> FactBox:
    f = Fields(node, doc, ctx.problems, "faktaboksen", ["titel", "tekst"])
    return FactBox(f.text("titel", hint="Fakta om kommunen"), _markdown(f, "tekst", ctx, required=True))


def read_pull_quote(node: Any, doc: YamlDocument, ctx: ReadContext) -> PullQuote:
    f = Fields(node, doc, ctx.problems, "citatet", ["tekst", "kilde"])
    return PullQuote(_inline(f, "tekst", ctx), f.text("kilde", hint="Borgmester Jens Hansen"))


ComponentReader = Callable[[Any, YamlDocument, ReadContext], "Block | None"]

# The fence name an author writes after ``` -> its reader.
COMPONENT_READERS: dict[str, ComponentReader] = {
    "værdier": read_values,
    "forum": read_forum,
    "temaer": read_themes,
    "kompetencehjul": read_competency_wheel,
    "pakker": read_packages,
    "udsagnsgrupper": read_statement_groups,
    "fokusfelter": read_focus_grid,
    "centrum": read_hub,
    "lagmodel": read_layers,
    "hus": read_house,
    "forord": read_foreword,
    "faktaboks": read_fact_box,
    "citat": read_pull_quote,
}
