"""Repairs to the structure tree WeasyPrint writes for PDF/UA-1, made with pikepdf after layout.

WeasyPrint 70 builds the structure tree one page at a time, and for tables and page furniture
that gives a tree a screen reader or a PDF/UA checker rejects. This module fixes, in place:

- a table split over pages comes out as one Table per page (each part under its own copy of the
  enclosing Part/Sect/Div): the parts are merged into the first (a row cut by the page break
  into one row), and the header (and footer) rows WeasyPrint repeats on each page leave the
  structure tree and become /Artifact content;
- TH cells carry no /Scope: each gets /Column, /Row or /Both in its /Table attribute dictionary,
  read from WeasyPrint's own /Headers (a TH that cells of its own row point at heads a row);
- header cells carry an /ID but the StructTreeRoot has no /IDTree, which ISO 32000-1 14.7.2
  requires when elements have IDs: it is added, holding every /ID in the tree;
- footnotes (CSS `float: footnote`) come out as NonStruct/Span: each becomes a /Note with an
  /ID (ISO 14289-1 7.9), its marker (`::footnote-marker`) a /Lbl, left where WeasyPrint put them,
  after the page's text;
- running headers and footers (page margin boxes) are marked as tagged content whose structure
  elements hang nowhere in the tree: they become pagination artifacts.

Elements are recognised by the shape WeasyPrint gives them, so a PDF from another producer (or a
tree already repaired) passes through unchanged apart from what is missing. The same input bytes
give the same output bytes: nothing here depends on time, randomness or dictionary order.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, String

TABLE_PARTS = ("/THead", "/TBody", "/TFoot")
# What WeasyPrint makes of the elements one floats to the foot of the page (span, div, aside...).
NOTE_TAGS = ("/Span", "/Div", "/NonStruct")
# WeasyPrint opens each piece of tagged content with `/Tag <</MCID n>> BDC` and shows text as
# hexadecimal glyph strings, so a marked-content operator can be found, and a piece's text read,
# in the content stream's bytes without parsing the whole stream (the cost of this module).
MCID_PROPERTIES = re.compile(rb"<<\s*/MCID\s+(\d+)\s*>>\s*BDC")  # after the tag's name
SHOWN = re.compile(rb"/[^\s/<>\[\]()%]+\s+[-\d.]+\s+Tf|\[[^\]]*\]\s*TJ|<[0-9A-Fa-f]*>\s*Tj")


def fix_structure(path: Path, document=None) -> None:
    """Repair the structure tree of the PDF at `path`, rewriting the file.

    `document`, the WeasyPrint Document the PDF was written from, says exactly which tables run
    on over a page break, where a row was cut, and how many footnotes each page holds; without
    it (another producer's PDF), the same is read from the shape of the tree, and a row cut by
    the page break stays two rows.
    """
    layout = None if document is None else Layout.of(document)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        if fix_pdf(pdf, layout):
            # The XMP (with its PDF/UA identification) is left exactly as WeasyPrint wrote it.
            pdf.save(path, deterministic_id=True, fix_metadata_version=False)


@dataclass(frozen=True)
class Layout:
    """What WeasyPrint's laid-out boxes know and its structure tree no longer says."""

    # page p -> the table that ends page p goes on at the top of page p + 1; True: inside a row
    continued_tables: dict[int, bool]
    footnotes: dict[int, int]  # page -> footnotes at its foot

    @classmethod
    def of(cls, document) -> Layout:
        from weasyprint.formatting_structure import boxes

        def tables(box) -> Iterator:
            if isinstance(box, boxes.TableBox):
                yield box
            # Lines hold text, not tables (an inline-table is no table a reader pages through).
            if not isinstance(box, (boxes.FootnoteAreaBox, boxes.LineBox)):
                for child in getattr(box, "children", ()):
                    yield from tables(child)

        def body_rows(table) -> list:
            return [row for group in table.children if isinstance(group, boxes.TableRowGroupBox)
                    and not (group.is_header or group.is_footer)
                    for row in group.children if isinstance(row, boxes.TableRowBox)]

        page_boxes = [page._page_box for page in document.pages]
        per_page = [list(tables(box)) for box in page_boxes]
        continued = {}
        for page, (here, there) in enumerate(zip(per_page, per_page[1:])):
            if here and there and here[-1].element is not None and here[-1].element is there[0].element:
                last, first = body_rows(here[-1])[-1:], body_rows(there[0])[:1]
                continued[page] = bool(last and first and last[0].element is not None
                                       and last[0].element is first[0].element)
        footnotes = {}
        for page, box in enumerate(page_boxes):
            count = sum(len(area.children) for area in box.children if isinstance(area, boxes.FootnoteAreaBox))
            if count:
                footnotes[page] = count
        return cls(continued, footnotes)


def fix_pdf(pdf: pikepdf.Pdf, layout: Layout | None = None) -> bool:
    """Repair `pdf` in memory; False when it has no structure tree (nothing to do).

    Without `layout`, a table goes on over a page break when it ends one page and the next page
    opens with a table of as many columns, without a caption, under the same header; a page's
    footnote area is its last top-level NonStruct when each element in it opens with the
    NonStruct of a `::footnote-marker`."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return False
    tree = _Tree(pdf, root)
    tree.artifact_orphans()
    tree.merge_split_tables(tree.footnote_areas(layout), layout)
    tree.tag_footnotes(tree.footnote_areas(layout))
    tree.scope_header_cells()
    tree.write_artifacts()
    tree.write_id_tree()
    return True


def kids(element: Object) -> list[Object]:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def is_element(obj: Object) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj


def child_elements(element: Object) -> list[Object]:
    return [kid for kid in kids(element) if is_element(kid)]


def attribute_dicts(element: Object) -> list[Object]:
    a = element.get("/A")
    if a is None:
        return []
    if isinstance(a, Array):
        return [item for item in a if isinstance(item, Dictionary)]
    return [a] if isinstance(a, Dictionary) else []


def table_attributes(element: Object) -> Object:
    """The element's attribute dictionary owned by /Table, made if missing."""
    for attributes in attribute_dicts(element):
        if attributes.get("/O") == Name.Table:
            return attributes
    attributes = Dictionary(O=Name.Table)
    a = element.get("/A")
    if a is None:
        element.A = attributes
    elif isinstance(a, Array):
        a.append(attributes)
    else:
        element.A = Array([a, attributes])
    return attributes


class _Node:
    """One structure element as read once from the file: pikepdf lookups are the costly part."""

    __slots__ = ("obj", "key", "tag", "parent", "kids", "own", "page", "ident", "first", "after")

    def __init__(self, obj: Object, parent: _Node | None, page_of: dict):
        self.obj = obj
        self.key = obj.objgen
        self.tag = str(obj.get("/S"))
        self.parent = parent
        pg = obj.get("/Pg")
        self.page = None if pg is None else page_of.get(pg.objgen)
        identifier = obj.get("/ID")
        self.ident = bytes(identifier) if isinstance(identifier, String) else None
        self.kids: list[_Node] = []
        self.own: list[tuple[int, int]] = []  # (page, MCID) marked directly under this element
        self.first = self.after = 0  # this element's subtree is order[first:after]


class _Tree:
    def __init__(self, pdf: pikepdf.Pdf, root: Object):
        self.pdf = pdf
        self.root = root
        self.pages = list(pdf.pages)
        self.page_of = {page.obj.objgen: i for i, page in enumerate(self.pages)}
        self.parent_tree = _number_tree(root.ParentTree)
        self.artifacts: dict[int, set[int]] = {}  # page index -> MCIDs to make artifacts
        self._streams: dict[int, bytes] = {}
        self._mcid_tables: dict[int, Object | None] = {}
        self.index()

    # -- reading ----------------------------------------------------------------------------

    def index(self) -> None:
        """Read the tree once, in document order."""
        self.order: list[_Node] = []
        self.top: list[_Node] = []
        stack = [(obj, None) for obj in reversed(child_elements(self.root))]
        while stack:
            obj, parent = stack.pop()
            node = _Node(obj, parent, self.page_of)
            node.first = len(self.order)
            self.order.append(node)
            (parent.kids if parent is not None else self.top).append(node)
            children = []
            for kid in kids(obj):
                if isinstance(kid, int):
                    if node.page is not None:
                        node.own.append((node.page, int(kid)))
                elif isinstance(kid, Dictionary):
                    kind = kid.get("/Type")  # required in marked-content and object references
                    if kind != Name.MCR and kind != Name.OBJR:
                        children.append(kid)
                    elif kind == Name.MCR and "/Stm" not in kid:
                        pg = kid.get("/Pg")
                        page = node.page if pg is None else self.page_of.get(pg.objgen)
                        if page is not None:
                            node.own.append((page, int(kid.MCID)))
            stack.extend((child, node) for child in reversed(children))
        for node in reversed(self.order):
            node.after = node.kids[-1].after if node.kids else node.first + 1

    def subtree(self, node: _Node) -> list[_Node]:
        return self.order[node.first:node.after]

    def content(self, node: _Node) -> list[tuple[int, int]]:
        return [mc for n in self.subtree(node) for mc in n.own]

    def mcid_table(self, page: int) -> Object | None:
        if page not in self._mcid_tables:
            key = self.pages[page].obj.get("/StructParents")
            self._mcid_tables[page] = None if key is None else self.parent_tree.get(int(key))
        return self._mcid_tables[page]

    def stream(self, page: int) -> bytes:
        if page not in self._streams:
            contents = self.pages[page].obj.get("/Contents")
            parts = contents if isinstance(contents, Array) else [] if contents is None else [contents]
            self._streams[page] = b"\n".join(part.read_bytes() for part in parts)
        return self._streams[page]

    def shown(self, page: int, mcid: int) -> tuple:
        """The fonts and strings marked content `mcid` shows, without its position."""
        match = re.search(rb"<<\s*/MCID\s+%d\s*>>\s*BDC(.*?)\bEMC" % mcid, self.stream(page), re.S)
        return () if match is None else tuple(SHOWN.findall(match.group(1)))

    # -- artifacts ---------------------------------------------------------------------------

    def make_artifact(self, node: _Node) -> None:
        """Queue all marked content under `node` to become artifacts."""
        for page, mcid in self.content(node):
            self.artifacts.setdefault(page, set()).add(mcid)

    def artifact_orphans(self) -> None:
        """Marked content no element of the tree holds: WeasyPrint tags the page margin boxes
        (running header, page number) under elements it leaves out of the tree."""
        held: dict[int, set[int]] = {}
        for node in self.order:
            for page, mcid in node.own:
                held.setdefault(page, set()).add(mcid)
        for page in range(len(self.pages)):
            table = self.mcid_table(page)
            if isinstance(table, Array):
                orphans = set(range(len(table))) - held.get(page, set())
                if orphans:
                    self.artifacts.setdefault(page, set()).update(orphans)

    def write_artifacts(self) -> None:
        for page in sorted(self.artifacts):
            mcids, data = self.artifacts[page], self.stream(page)
            pieces, done, start = [], set(), 0
            for match in MCID_PROPERTIES.finditer(data):
                mcid = int(match.group(1))
                if mcid not in mcids:
                    continue
                tag = data.rfind(b"/", max(start, match.start() - 128), match.start())
                if tag < 0 or len(data[tag:match.start()].split()) != 1:  # `/Tag <<...>> BDC`
                    continue
                pieces += [data[start:tag], b"/Artifact <</Type /Pagination>> BDC"]
                start = match.end()
                done.add(mcid)
            if not done:
                continue
            data = b"".join([*pieces, data[start:]])
            # Compressed here, so the stream's dictionary reads the same when the file is
            # repaired again (qpdf writes the keys of a stream it compressed in another order).
            self.pages[page].obj.Contents = self.pdf.make_stream(zlib.compress(data), Filter=Name.FlateDecode)
            table = self.mcid_table(page)
            if isinstance(table, Array):
                for mcid in sorted(done):
                    if mcid < len(table):
                        table[mcid] = None

    # -- footnotes ----------------------------------------------------------------------------

    def footnote_areas(self, layout: Layout | None) -> list[_Node]:
        """WeasyPrint's footnote area of each page: an anonymous NonStruct, the page's last
        element at the top of the tree, with one element per footnote."""
        areas = []
        for document in self.top:
            if document.tag != "/Document":
                continue
            last_on_page: dict[int, _Node] = {}
            for node in document.kids:
                if node.page is not None and self.content(node):
                    last_on_page[node.page] = node
            for page, node in last_on_page.items():
                if node.tag != "/NonStruct" or not node.kids:
                    continue
                if layout is not None:
                    if layout.footnotes.get(page) == len(node.kids):
                        areas.append(node)
                elif all(note.tag in NOTE_TAGS and _marker(note) is not None and len(self.content(note)) > 1
                         for note in node.kids):
                    areas.append(node)
        return areas

    def tag_footnotes(self, areas: list[_Node]) -> None:
        number = 0
        taken = {node.ident for node in self.order if node.ident is not None}
        for area in areas:
            for note in area.kids:
                note.obj.S = Name.Note
                marker = _marker(note)
                if marker is not None:
                    marker.obj.S = Name.Lbl
                if note.ident is None:
                    number += 1
                    while f"fodnote-{number}".encode() in taken:
                        number += 1
                    note.ident = f"fodnote-{number}".encode()
                    note.obj.ID = String(note.ident)

    # -- tables ------------------------------------------------------------------------------

    def merge_split_tables(self, footnote_areas: list[_Node], layout: Layout | None) -> bool:
        skipped = {n.key for area in footnote_areas for n in self.subtree(area)}
        first: dict[int, _Node] = {}
        last: dict[int, _Node] = {}
        for node in self.order:
            if node.key in skipped:
                continue
            for page, _mcid in node.own:
                first.setdefault(page, node)
                last[page] = node

        def enclosing_table(node: _Node | None) -> _Node | None:
            while node is not None and node.tag != "/Table":
                node = node.parent
            return node

        heads: dict[tuple[int, int], _Node] = {}
        merged = False
        for page in sorted(last):
            # The table that ends page p and the one that opens page p + 1.
            ending, opening = enclosing_table(last[page]), enclosing_table(first.get(page + 1))
            if ending is None or opening is None or ending is opening:
                continue
            if layout is not None and page not in layout.continued_tables:
                continue
            head = heads.get(ending.key, ending)
            if self.continues(head, opening):
                self.merge(head, opening, row_cut=layout is not None and layout.continued_tables[page])
                heads[opening.key] = head
                merged = True
        if merged:
            self.index()
        return merged

    def continues(self, table: _Node, part: _Node) -> bool:
        """Is `part` (opening a page) the rest of `table` (ending the page before)?"""
        if not part.kids or part.kids[0].tag == "/Caption" or table.kids[-1].tag == "/Caption":
            return False
        head, part_head = _part(table, "/THead"), _part(part, "/THead")
        if (head is None) != (part_head is None) or _columns(table) != _columns(part):
            return False
        if head is None:
            return True
        cells, part_cells = _header_cells(head), _header_cells(part_head)
        return bool(cells) and len(cells) == len(part_cells) and self.text(head) == self.text(part_head)

    def text(self, node: _Node) -> tuple:
        return tuple(self.shown(page, mcid) for page, mcid in self.content(node))

    def merge(self, table: _Node, part: _Node, row_cut: bool = False) -> None:
        """Move the rows of `part` into `table`; its repeated header leaves the tree.

        Works on the file's objects; the index is stale afterwards except for the nodes of
        `table`, which keep growing as further parts are merged into it."""
        renamed = {}
        part_head = _part(part, "/THead")
        if part_head is not None:
            for old, new in zip(_header_cells(part_head), _header_cells(_part(table, "/THead"))):
                if old.ident is not None and new.ident is not None:
                    renamed[old.ident] = new.obj.ID
            self.make_artifact(part_head)
        foot, part_foot = _part(table, "/TFoot"), _part(part, "/TFoot")
        if foot is not None and part_foot is not None:
            self.make_artifact(foot)  # repeated at the foot of the page before
        ending = part_foot or foot
        kept = [n for n in table.kids if n is not foot]
        moved = [n for n in part.kids if n.tag not in ("/THead", "/TFoot")]
        bodies = [n for n in kept if n.tag == "/TBody"]
        if bodies and moved and moved[0].tag == "/TBody":
            # The page break fell inside one row group: its rows continue the group before.
            body, rows = bodies[-1], moved.pop(0).kids
            if row_cut and rows and body.kids:
                self.join_rows(body.kids[-1], rows[0])
                rows = rows[1:]
            for row in rows:
                row.obj.P = body.obj
                row.parent = body
            body.kids = [*body.kids, *rows]
            body.obj.K = Array([n.obj for n in body.kids])
        table.kids = [*kept, *moved, *([ending] if ending is not None else [])]
        for node in table.kids:
            node.obj.P = table.obj
            node.parent = table
        table.obj.K = Array([n.obj for n in table.kids])
        if renamed:
            for cell in self.subtree(part):  # the index still holds the part as it was read
                for attributes in attribute_dicts(cell.obj):
                    headers = attributes.get("/Headers")
                    if isinstance(headers, Array):
                        attributes.Headers = Array([renamed.get(bytes(h), h) if isinstance(h, String) else h
                                                    for h in headers])
        self.detach(part)

    def join_rows(self, row: _Node, rest: _Node) -> None:
        """The rest of a row cut by a page break goes, cell by cell, into the row it continues."""
        if len(row.kids) != len(rest.kids):
            return
        for cell, rest_cell in zip(row.kids, rest.kids):
            moved = []
            for kid in kids(rest_cell.obj):
                if isinstance(kid, int):
                    # A bare MCID names its page through its element: spell the page out, and
                    # point the page's ParentTree entry at the cell it now belongs to.
                    table = self.mcid_table(rest_cell.page) if rest_cell.page is not None else None
                    if isinstance(table, Array) and int(kid) < len(table):
                        table[int(kid)] = cell.obj
                    kid = Dictionary(Type=Name.MCR, MCID=kid, Pg=rest_cell.obj.Pg)
                elif is_element(kid):
                    kid.P = cell.obj
                moved.append(kid)
            cell.obj.K = Array([*kids(cell.obj), *moved])
            cell.kids = [*cell.kids, *rest_cell.kids]
            for node in rest_cell.kids:
                node.parent = cell
        rest.kids = []

    def detach(self, node: _Node) -> None:
        """Take `node` out of its parent, and the parents it leaves empty."""
        while node.parent is not None:
            parent = node.parent
            remaining = [k for k in kids(parent.obj) if not (is_element(k) and k.objgen == node.key)]
            parent.obj.K = Array(remaining)
            parent.kids = [n for n in parent.kids if n is not node]
            if remaining or parent.tag == "/Document":
                return
            node = parent

    def scope_header_cells(self) -> None:
        for table in [n for n in self.order if n.tag == "/Table"]:
            rows = _rows(table)
            uses: dict[bytes, set[str]] = {}
            for _group, row in rows:
                row_ids = {cell.ident for cell in row.kids if cell.ident is not None}
                for cell in row.kids:
                    if cell.tag not in ("/TD", "/TH"):
                        continue
                    for attributes in attribute_dicts(cell.obj):
                        headers = attributes.get("/Headers")
                        for header in headers if isinstance(headers, Array) else ():
                            key = bytes(header)
                            uses.setdefault(key, set()).add("row" if key in row_ids else "column")
            for group, row in rows:
                for index, cell in enumerate(row.kids):
                    if cell.tag != "/TH":
                        continue
                    attributes = table_attributes(cell.obj)
                    if "/Scope" in attributes:
                        continue
                    used = uses.get(cell.ident, set()) if cell.ident is not None else set()
                    if used:
                        scope = {"row": Name.Row, "column": Name.Column}[used.pop()] if len(used) == 1 else Name.Both
                    elif group != "/TBody" or index != 0 or all(c.tag == "/TH" for c in row.kids):
                        scope = Name.Column
                    else:
                        scope = Name.Row
                    attributes.Scope = scope

    # -- IDs ----------------------------------------------------------------------------------

    def write_id_tree(self) -> None:
        named: dict[bytes, Object] = {}
        for node in self.order:
            if node.ident is not None:
                named.setdefault(node.ident, node.obj)
        if not named:
            if "/IDTree" in self.root:
                del self.root.IDTree
            return
        names = Array()
        for key in sorted(named):
            names.append(String(key))
            names.append(named[key])
        self.root.IDTree = self.pdf.make_indirect(Dictionary(Names=names))


def _number_tree(tree: Object) -> dict[int, Object]:
    """A number tree as a dict; WeasyPrint writes the ParentTree as one flat /Nums array, read
    here in one go (pikepdf's NumberTree looks each key up anew)."""
    if "/Kids" in tree:
        return dict(pikepdf.NumberTree(tree).items())
    nums = list(tree.get("/Nums", Array()))
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}


def _marker(note: _Node) -> _Node | None:
    """The NonStruct WeasyPrint makes of a footnote's `::footnote-marker`: the first element
    down the note's first children, before any content."""
    node = note
    while node.kids and not node.own:
        node = node.kids[0]
        if node.tag == "/NonStruct":
            return node
    return None


def _part(table: _Node, kind: str) -> _Node | None:
    return next((n for n in table.kids if n.tag == kind), None)


def _rows(table: _Node) -> list[tuple[str, _Node]]:
    rows = []
    for node in table.kids:
        if node.tag == "/TR":
            rows.append(("/TBody", node))
        elif node.tag in TABLE_PARTS:
            rows.extend((node.tag, row) for row in node.kids if row.tag == "/TR")
    return rows


def _header_cells(group: _Node) -> list[_Node]:
    return [cell for row in group.kids if row.tag == "/TR" for cell in row.kids if cell.tag == "/TH"]


def _columns(table: _Node) -> int | None:
    rows = _rows(table)
    if not rows:
        return None
    width = 0
    for cell in rows[0][1].kids:
        span = 1
        for attributes in attribute_dicts(cell.obj):
            span = int(attributes.get("/ColSpan", span))
        width += span
    return width
