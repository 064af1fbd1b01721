"""Repairs to the structure tree WeasyPrint writes for PDF/UA-1, made with pikepdf after layout.

WeasyPrint 70 builds the structure tree one page at a time, and for tables and page furniture
that gives a tree a screen reader or a PDF/UA checker rejects. This module fixes, in place:

- a table split over pages is one Table per page (each page's part under its own copies of the
  enclosing Part/Sect/Div): the parts are merged into the first, and the header (and footer) rows
  WeasyPrint repeats on each page leave the structure tree and become /Artifact content;
- TH cells carry no /Scope: each gets /Column, /Row or /Both in its /Table attribute dictionary,
  read from WeasyPrint's own /Headers (a TH a cell of its own row points at heads a row);
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

from collections.abc import Iterator
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, String

TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"', "Tf"})
TABLE_PARTS = ("/THead", "/TBody", "/TFoot")
PAGINATION = Dictionary(Type=Name.Pagination)


def fix_structure(path: Path, document=None) -> None:
    """Repair the structure tree of the PDF at `path`, rewriting the file.

    `document`, the WeasyPrint Document the PDF was written from, tells which page breaks fell
    inside a table row; without it a table's parts are still merged, but a row cut by the page
    break stays two rows.
    """
    splits = None if document is None else table_splits(document)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        if fix_pdf(pdf, splits):
            pdf.save(path, deterministic_id=True)


def table_splits(document) -> dict[int, bool]:
    """Page index p -> whether the table running from page p onto page p + 1 was cut inside a row,
    read from WeasyPrint's laid-out boxes (the same <table>, the same <tr> on both pages)."""
    from weasyprint.formatting_structure import boxes

    def tables(box) -> Iterator:
        if isinstance(box, boxes.TableBox):
            yield box
        for child in getattr(box, "children", ()):
            yield from tables(child)

    def rows(table, body_only: bool) -> list:
        return [row for group in table.children if isinstance(group, boxes.TableRowGroupBox)
                and not (body_only and (group.is_header or group.is_footer))
                for row in group.children if isinstance(row, boxes.TableRowBox)]

    per_page = [list(tables(page._page_box)) for page in document.pages]
    splits = {}
    for page, (here, there) in enumerate(zip(per_page, per_page[1:])):
        if here and there and here[-1].element is not None and here[-1].element is there[0].element:
            last, first = rows(here[-1], True)[-1:], rows(there[0], True)[:1]
            splits[page] = bool(last and first and last[0].element is not None
                                and last[0].element is first[0].element)
    return splits


def fix_pdf(pdf: pikepdf.Pdf, splits: dict[int, bool] | None = None) -> bool:
    """Repair `pdf` in memory; False when it has no structure tree (nothing to do).

    `splits` (from `table_splits`), when given, decides which tables continue onto the next page
    and where a row was cut; without it, a table continues when it ends one page and the next
    page opens with a table of as many columns, without a caption, under the same header."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return False
    tree = _Tree(pdf, root)
    tree.artifact_orphans()
    notes = tree.footnote_areas()
    tree.merge_split_tables(notes, splits)
    tree.tag_footnotes(notes)
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


def walk(element: Object) -> Iterator[Object]:
    """The element and every element under it, in document (pre-)order."""
    stack = [element]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(child_elements(current)))


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


class _Tree:
    def __init__(self, pdf: pikepdf.Pdf, root: Object):
        self.pdf = pdf
        self.root = root
        self.pages = list(pdf.pages)
        self.page_of = {page.obj.objgen: i for i, page in enumerate(self.pages)}
        self.parent_tree = pikepdf.NumberTree(root.ParentTree)
        self.artifacts: dict[int, set[int]] = {}  # page index -> MCIDs to make artifacts
        self._ops: dict[int, list] = {}

    # -- reading ----------------------------------------------------------------------------

    def elements(self) -> Iterator[Object]:
        for top in child_elements(self.root):
            yield from walk(top)

    def parents(self) -> dict[tuple[int, int], Object]:
        parents = {}
        for element in self.elements():
            for kid in child_elements(element):
                parents[kid.objgen] = element
        for top in child_elements(self.root):
            parents[top.objgen] = self.root
        return parents

    def page(self, element: Object) -> int | None:
        pg = element.get("/Pg")
        return None if pg is None else self.page_of.get(pg.objgen)

    def own_content(self, element: Object) -> list[tuple[int, int]]:
        """(page, MCID) of the marked content directly under `element`."""
        found = []
        for kid in kids(element):
            if isinstance(kid, int):
                page = self.page(element)
                if page is not None:
                    found.append((page, int(kid)))
            elif isinstance(kid, Dictionary) and "/MCID" in kid:
                page = self.page(kid) if "/Pg" in kid else self.page(element)
                if page is not None and "/Stm" not in kid:
                    found.append((page, int(kid.MCID)))
        return found

    def content(self, element: Object) -> list[tuple[int, int]]:
        return [mc for e in walk(element) for mc in self.own_content(e)]

    def mcid_table(self, page: int) -> Object | None:
        key = self.pages[page].obj.get("/StructParents")
        if key is None or int(key) not in self.parent_tree:
            return None
        return self.parent_tree[int(key)]

    def operations(self, page: int) -> list:
        if page not in self._ops:
            self._ops[page] = list(pikepdf.parse_content_stream(self.pages[page]))
        return self._ops[page]

    def text_of(self, page: int) -> dict[int, tuple]:
        """MCID -> the fonts and strings it shows, without positions: equal for a repeated row."""
        shown: dict[int, list] = {}
        open_mcids: list[int | None] = []
        for instruction in self.operations(page):
            operands, op = instruction.operands, str(instruction.operator)
            if op in ("BDC", "BMC"):
                mcid = None
                if op == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary):
                    value = operands[1].get("/MCID")
                    mcid = None if value is None else int(value)
                open_mcids.append(mcid)
                if mcid is not None:
                    shown.setdefault(mcid, [])
            elif op == "EMC":
                if open_mcids:
                    open_mcids.pop()
            elif op in TEXT_OPERATORS:
                current = next((m for m in reversed(open_mcids) if m is not None), None)
                if current is not None:
                    shown[current].append((op, *(_plain(o) for o in operands)))
        return {mcid: tuple(ops) for mcid, ops in shown.items()}

    # -- artifacts ---------------------------------------------------------------------------

    def make_artifact(self, element: Object) -> None:
        """Queue all marked content under `element` to become artifacts."""
        for page, mcid in self.content(element):
            self.artifacts.setdefault(page, set()).add(mcid)

    def artifact_orphans(self) -> None:
        """Marked content whose structure element is not in the tree (page margin boxes)."""
        reachable = {element.objgen for element in self.elements()}
        for page in range(len(self.pages)):
            table = self.mcid_table(page)
            if not isinstance(table, Array):
                continue
            for mcid, element in enumerate(table):
                if isinstance(element, Dictionary) and element.objgen not in reachable:
                    self.artifacts.setdefault(page, set()).add(mcid)

    def write_artifacts(self) -> None:
        for page in sorted(self.artifacts):
            mcids = self.artifacts[page]
            changed = []
            for instruction in self.operations(page):
                operands, operator = instruction.operands, instruction.operator
                if (str(operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary)
                        and "/MCID" in operands[1] and int(operands[1].MCID) in mcids):
                    instruction = pikepdf.ContentStreamInstruction([Name.Artifact, PAGINATION], operator)
                changed.append(instruction)
            self.pages[page].obj.Contents = self.pdf.make_stream(pikepdf.unparse_content_stream(changed))
            table = self.mcid_table(page)
            if isinstance(table, Array):
                for mcid in sorted(mcids):
                    if mcid < len(table):
                        table[mcid] = None

    # -- footnotes ----------------------------------------------------------------------------

    def footnote_areas(self) -> list[Object]:
        """WeasyPrint's footnote area of each page: an anonymous NonStruct, the page's last
        element at the top of the tree, holding one element per footnote that opens with the
        NonStruct of its `::footnote-marker`."""
        areas = []
        for top in child_elements(self.root):
            if top.get("/S") != Name.Document:
                continue
            last_on_page: dict[int, Object] = {}
            for element in child_elements(top):
                page = self.page(element)
                if page is not None and self.content(element):
                    last_on_page[page] = element
            for element in last_on_page.values():
                notes = child_elements(element)
                if element.get("/S") == Name.NonStruct and notes and all(_looks_like_footnote(n) for n in notes):
                    areas.append(element)
        return areas

    def tag_footnotes(self, areas: list[Object]) -> None:
        number = 0
        taken = {bytes(e.ID) for e in self.elements() if isinstance(e.get("/ID"), String)}
        for area in areas:
            for note in child_elements(area):
                note.S = Name.Note
                marker = child_elements(note)[0]
                marker.S = Name.Lbl
                if "/ID" not in note:
                    number += 1
                    while f"fodnote-{number}".encode() in taken:
                        number += 1
                    note.ID = String(f"fodnote-{number}")

    # -- tables ------------------------------------------------------------------------------

    def merge_split_tables(self, footnote_areas: list[Object], splits: dict[int, bool] | None) -> None:
        skipped = {e.objgen for area in footnote_areas for e in walk(area)}
        parents = self.parents()
        first: dict[int, Object] = {}
        last: dict[int, Object] = {}
        for element in self.elements():
            if element.objgen in skipped:
                continue
            for page, _mcid in self.own_content(element):
                first.setdefault(page, element)
                last[page] = element

        def enclosing_table(element: Object | None) -> Object | None:
            while element is not None and element.objgen in parents:
                if element.get("/S") == Name.Table:
                    return element
                element = parents[element.objgen]
            return None

        # The table that ends page p and the one that opens page p + 1.
        heads: dict[tuple[int, int], Object] = {}
        for page in sorted(last):
            ending = enclosing_table(last[page])
            opening = enclosing_table(first.get(page + 1))
            if ending is None or opening is None or ending.objgen == opening.objgen:
                continue
            head = heads.get(ending.objgen, ending)
            if splits is not None and page not in splits:
                continue
            if self.continues(head, opening):
                self.merge(head, opening, parents, row_cut=bool(splits and splits[page]))
                heads[opening.objgen] = head

    def continues(self, table: Object, part: Object) -> bool:
        """Is `part` (opening a page) the rest of `table` (ending the page before)?"""
        part_kids = child_elements(part)
        if not part_kids or part_kids[0].get("/S") == Name.Caption:
            return False
        if child_elements(table)[-1:] and child_elements(table)[-1].get("/S") == Name.Caption:
            return False
        head, part_head = _part(table, "/THead"), _part(part, "/THead")
        if (head is None) != (part_head is None):
            return False
        if _columns(table) != _columns(part):
            return False
        if head is not None:
            return self.text(head) == self.text(part_head) and _header_cells(head) and \
                len(_header_cells(head)) == len(_header_cells(part_head))
        return True

    def text(self, element: Object) -> tuple:
        texts = {}
        shown = []
        for page, mcid in self.content(element):
            if page not in texts:
                texts[page] = self.text_of(page)
            shown.append(texts[page].get(mcid, ()))
        return tuple(shown)

    def merge(self, table: Object, part: Object, parents: dict, row_cut: bool = False) -> None:
        """Move the rows of `part` into `table`; its repeated header leaves the tree."""
        renamed = {}
        part_head = _part(part, "/THead")
        if part_head is not None:
            for old, new in zip(_header_cells(part_head), _header_cells(_part(table, "/THead"))):
                if "/ID" in old and "/ID" in new:
                    renamed[bytes(old.ID)] = new.ID
            self.make_artifact(part_head)
        foot, part_foot = _part(table, "/TFoot"), _part(part, "/TFoot")
        kept = [k for k in kids(table) if not (foot is not None and is_element(k) and k.objgen == foot.objgen)]
        if foot is not None:
            if part_foot is None:
                part_foot = foot  # the table's own footer stays, after the moved rows
            else:
                self.make_artifact(foot)  # repeated at the foot of the page before
        moved = [k for k in kids(part) if not (is_element(k) and k.get("/S") in ("/THead", "/TFoot"))]
        bodies = [k for k in kept if is_element(k) and k.get("/S") == Name.TBody]
        if bodies and moved and is_element(moved[0]) and moved[0].get("/S") == Name.TBody:
            # The page break fell inside one row group: its rows continue the group before.
            rows = kids(moved.pop(0))
            for row in rows:
                if is_element(row):
                    row.P = bodies[-1]
            if row_cut and rows and kids(bodies[-1]):
                self.join_rows(kids(bodies[-1])[-1], rows[0])
                rows = rows[1:]
            bodies[-1].K = Array([*kids(bodies[-1]), *rows])
        for kid in moved:
            if is_element(kid):
                kid.P = table
        tail = [part_foot] if part_foot is not None else []
        for kid in tail:
            kid.P = table
        table.K = Array([*kept, *moved, *tail])
        for cell in walk(table):
            for attributes in attribute_dicts(cell):
                headers = attributes.get("/Headers")
                if isinstance(headers, Array) and renamed:
                    attributes.Headers = Array([renamed.get(bytes(h), h) if isinstance(h, String) else h
                                                for h in headers])
        self.detach(part, parents)

    def join_rows(self, row: Object, rest: Object) -> None:
        """The rest of a row cut by a page break goes, cell by cell, into the row it continues."""
        cells, rest_cells = child_elements(row), child_elements(rest)
        if len(cells) != len(rest_cells):
            return
        for cell, rest_cell in zip(cells, rest_cells):
            moved = []
            for kid in kids(rest_cell):
                if isinstance(kid, int):
                    # A bare MCID names its page through its element: spell it out, and point
                    # the page's ParentTree entry at the cell it now belongs to.
                    page = self.page(rest_cell)
                    kid = Dictionary(Type=Name.MCR, MCID=kid, Pg=rest_cell.Pg)
                    table = self.mcid_table(page) if page is not None else None
                    if isinstance(table, Array) and int(kid.MCID) < len(table):
                        table[int(kid.MCID)] = cell
                elif is_element(kid):
                    kid.P = cell
                moved.append(kid)
            cell.K = Array([*kids(cell), *moved])
            rest_cell.K = Array()
        rest.K = Array()

    def detach(self, element: Object, parents: dict) -> None:
        """Take `element` out of its parent, and the parents it leaves empty."""
        while element.objgen in parents:
            parent = parents[element.objgen]
            remaining = [k for k in kids(parent) if not (is_element(k) and k.objgen == element.objgen)]
            parent.K = Array(remaining)
            if remaining or parent.objgen == self.root.objgen or parent.get("/S") == Name.Document:
                return
            element = parent

    def scope_header_cells(self) -> None:
        for table in [e for e in self.elements() if e.get("/S") == Name.Table]:
            rows = _rows(table)
            referenced: dict[bytes, set[str]] = {}
            for group, row in rows:
                row_cells = child_elements(row)
                row_ids = {bytes(c.ID) for c in row_cells if isinstance(c.get("/ID"), String)}
                for cell in row_cells:
                    for attributes in attribute_dicts(cell):
                        for header in attributes.get("/Headers", Array()):
                            key = bytes(header)
                            referenced.setdefault(key, set()).add("row" if key in row_ids else "column")
            for group, row in rows:
                row_cells = child_elements(row)
                for index, cell in enumerate(row_cells):
                    if cell.get("/S") != Name.TH:
                        continue
                    attributes = table_attributes(cell)
                    if "/Scope" in attributes:
                        continue
                    uses = referenced.get(bytes(cell.ID), set()) if isinstance(cell.get("/ID"), String) else set()
                    if uses == {"row"}:
                        scope = Name.Row
                    elif uses == {"column"}:
                        scope = Name.Column
                    elif uses:
                        scope = Name.Both
                    elif group != "/TBody" or index != 0 or all(c.get("/S") == Name.TH for c in row_cells):
                        scope = Name.Column
                    else:
                        scope = Name.Row
                    attributes.Scope = scope

    # -- IDs ----------------------------------------------------------------------------------

    def write_id_tree(self) -> None:
        named: dict[bytes, Object] = {}
        for element in self.elements():
            identifier = element.get("/ID")
            if isinstance(identifier, String):
                named.setdefault(bytes(identifier), element)
        if not named:
            if "/IDTree" in self.root:
                del self.root.IDTree
            return
        names = Array()
        for key in sorted(named):
            names.append(String(key))
            names.append(named[key])
        self.root.IDTree = self.pdf.make_indirect(Dictionary(Names=names))


def _plain(obj: Object):
    if isinstance(obj, String):
        return bytes(obj)
    if isinstance(obj, Array):
        return tuple(_plain(o) for o in obj)
    if isinstance(obj, Name):
        return str(obj)
    return str(obj)


def _looks_like_footnote(element: Object) -> bool:
    parts = child_elements(element)
    return len(parts) >= 1 and parts[0].get("/S") == Name.NonStruct and len(kids(element)) >= 2


def _part(table: Object, kind: str) -> Object | None:
    return next((k for k in child_elements(table) if k.get("/S") == kind), None)


def _rows(table: Object) -> list[tuple[str, Object]]:
    rows = []
    for kid in child_elements(table):
        if kid.get("/S") == Name.TR:
            rows.append(("/TBody", kid))
        elif str(kid.get("/S")) in TABLE_PARTS:
            rows.extend((str(kid.S), row) for row in child_elements(kid) if row.get("/S") == Name.TR)
    return rows


def _header_cells(head: Object) -> list[Object]:
    return [cell for _group, row in _rows_of(head) for cell in child_elements(row) if cell.get("/S") == Name.TH]


def _rows_of(group: Object) -> list[tuple[str, Object]]:
    return [(str(group.S), row) for row in child_elements(group) if row.get("/S") == Name.TR]


def _columns(table: Object) -> int | None:
    rows = _rows(table)
    if not rows:
        return None
    width = 0
    for cell in child_elements(rows[0][1]):
        span = 1
        for attributes in attribute_dicts(cell):
            span = int(attributes.get("/ColSpan", span))
        width += span
    return width
