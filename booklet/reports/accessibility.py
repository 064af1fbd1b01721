"""The accessibility report: what was checked in each of a publication's files, and what was measured.

A communications officer files it with the municipality's accessibility statement
(webtilgængelighedsloven). It is made from the finished files, after every format is written:
the PDFs' structure trees, the DOCX's XML, the HTML as a browser gets it. It states counts
("12 af 12 figurer har alternativ tekst"), never a blanket "overholder", because a report that
claims more than it measured is worse than none.

A check the report names either ran or says why not ("ikke kørt: ingen browser"); a check that
should have run and could not (a file it cannot read, a browser that fails) stops the build
with the file and the check, rather than leaving a gap a reader would take for a pass.

One job per publication, redone when any of its files changed (its fingerprint is made from
their checksums and the code), carried over otherwise like every other output.
"""
from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..contrast import AA_GRAPHICS, AA_NORMAL_TEXT, LOGO_PAIRS, TEXT_PAIRS, contrast_ratio, failing_logos
from ..danish import format_size
from ..editions import FULL
from ..errors import ContentError, Location, Problem
from ..model import Brand, Publication
from ..output import OutputFile, describe
from ..word.ooxml import DECORATIVE_NS, W_NS as W, WP_NS as WP

FORMAT = "tilgaengelighed"
SUFFIX = "-tilgaengelighed.html"
TEMPLATE = "site/accessibility_report.html.j2"
SITE_STYLESHEET = "site.css"
# Bumped when what the report checks changes without a change of code elsewhere that the
# shared fingerprint sees (it does see this file: the version is for clarity).
VERSION = "1"

PASSED, FAILED, NOT_RUN, INFO = "bestaaet", "fejl", "ikke-koert", "oplysning"
STATUS_TEXT = {PASSED: "Bestået", FAILED: "Fejl", NOT_RUN: "Ikke kørt", INFO: "Til orientering"}
NO_BROWSER = "ikke kørt: ingen browser"

# Which files are for readers (and must be accessible) and which are for the print shop.
PURPOSE = {
    "pdf": "PDF til skærm og print (PDF/UA-1): den tilgængelige PDF-udgave.",
    "pdf-print": "Trykfil til trykkeriet (PDF/X-4). Ikke den udgave, borgere og medarbejdere får; "
                 "den tilgængelige udgave er PDF'en til skærm.",
    "pdf-imposed": "Hæfte til trykkeriet (siderne i hæfterækkefølge). Ikke den udgave, borgere og "
                   "medarbejdere får; den tilgængelige udgave er PDF'en til skærm.",
    "docx": "Word-dokument til redigering og videre brug.",
    "html": "Webside (HTML) med publikationens tekst.",
}
FORMAT_NAMES = {"pdf": "PDF", "pdf-print": "PDF til tryk", "pdf-imposed": "PDF-hæfte til tryk",
                "docx": "Word (DOCX)", "html": "HTML"}
FOR_READERS = ("pdf", "docx", "html")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Check:
    what: str  # what was checked, in the officer's words
    status: str
    measured: str  # what was found, with counts
    details: tuple[str, ...] = ()  # the places that failed, at most a few

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]


@dataclass(frozen=True)
class FileReport:
    file: OutputFile
    name: str  # the file's name, as the officer finds it in the folder
    format_name: str
    size: str
    purpose: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Report:
    publication: Publication
    files: tuple[FileReport, ...]
    brand_checks: tuple[Check, ...]
    counts: dict[str, int] = field(default_factory=dict)


class CheckNotRun(Exception):
    """A check the report claims could not run: the build stops, naming the file and the check."""

    def __init__(self, path: Path, check: str, reason: str):
        self.path, self.check, self.reason = path, check, reason
        super().__init__(f"{path.name}: {check}: {reason}")


def report_path(publication_id: str) -> str:
    return f"{publication_id}/{publication_id}{SUFFIX}"


# --- the build's step ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportJob:
    publication: Publication
    files: tuple[OutputFile, ...]  # the publication's outputs, the report excluded
    path: str
    fingerprint: str


def plan_reports(publications, files: dict[str, OutputFile], shared: str, browser: bool) -> list[ReportJob]:
    """One report per publication that has files. Its fingerprint is its files' checksums, the
    code (`shared`) and whether a browser can run axe: a browser installed since the last build
    turns 'ikke kørt' into a result."""
    jobs = []
    for publication in publications:
        own = tuple(sorted((f for f in files.values() if f.publication == publication.id and f.format != FORMAT),
                           key=lambda f: f.path))
        if not own:
            continue
        digest = hashlib.sha256(f"{VERSION}:{shared}:{browser}".encode())
        for f in own:
            digest.update(f"{f.path}:{f.sha256}\n".encode())
        jobs.append(ReportJob(publication, own, report_path(publication.id), digest.hexdigest()))
    return jobs


def write_reports(publications, staged, staging: Path, paths, shared: str,
                  only: tuple[str, ...] | None = None, axe: "Axe | None" = None) -> list[OutputFile]:
    """Write the report of every publication whose files changed into `staging`; carry the
    others over. A build narrowed to `only` leaves the other publications' reports as they were,
    like their files. `axe`: the build's browser, already checking the pages it wrote; without
    it, one is started here. Returns the reports written. Raises ContentError when a check could
    not run."""
    browser = axe.browser if axe is not None else browser_available()
    written = []
    todo = []
    chosen = [p for p in publications if not only or p.id in only]
    for job in plan_reports(chosen, staged.files, shared, browser is not None):
        if staged.fingerprints.get(job.path) == job.fingerprint and job.path in staged.files:
            continue  # already carried over as it was (a build narrowed to other publications)
        if staged.reuse(job.path, job.fingerprint) is None:
            todo.append(job)
    if not todo:
        return written
    # The report's page links the site's stylesheet, which output/ does not otherwise hold.
    (staging / "assets").mkdir(exist_ok=True)
    shutil.copyfile(paths.styles / SITE_STYLESHEET, staging / "assets" / SITE_STYLESHEET)
    problems = []
    with contextlib.nullcontext(axe) if axe is not None else Axe.started(browser) as axe:
        for job in todo:
            try:
                report = measure(job.publication, job.files, staging, axe)
            except CheckNotRun as failure:
                problems.append(Problem(Location(failure.path),
                                        f"tilgængelighedsrapporten kan ikke laves: kontrollen '{failure.check}' "
                                        f"kunne ikke køre på {failure.path.name}: {failure.reason}"))
                continue
            target = staging / job.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a carried-over report is a link to the old output's file
            target.write_text(render(report, paths.templates), encoding="utf-8")
            file = describe(staging, job.publication.id, FULL, FORMAT, job.path, None)
            staged.add(file, job.fingerprint)
            written.append(file)
    if problems:
        raise ContentError(problems)
    return written


def render(report: Report, templates: Path) -> str:
    from ..writers.templating import PageRenderer

    env = PageRenderer(templates).env
    return env.get_template(TEMPLATE).render(report=report, pub=report.publication, brand=report.publication.brand,
                                             root="../", status_text=STATUS_TEXT)


# --- measuring ----------------------------------------------------------------------------------


def measure(publication: Publication, files: tuple[OutputFile, ...], folder: Path, axe: "Axe") -> Report:
    reports = []
    for file in files:
        path = folder / file.path
        if not path.is_file():
            raise CheckNotRun(path, "filen findes", "filen står i manifest.json, men findes ikke")
        checks = check_file(path, file.format, axe)
        reports.append(FileReport(file, path.name, FORMAT_NAMES.get(file.format, file.format),
                                  format_size(file.bytes), PURPOSE.get(file.format, ""), tuple(checks)))
    brand = tuple(check_brand(publication.brand))
    counts = {status: 0 for status in STATUS_TEXT}
    for check in [*brand, *(c for r in reports for c in r.checks)]:
        counts[check.status] += 1
    return Report(publication, tuple(reports), brand, counts)


def check_file(path: Path, fmt: str, axe: "Axe") -> list[Check]:
    if fmt.startswith("pdf"):
        checks = check_pdf(path, screen=fmt == "pdf")
    elif fmt == "docx":
        checks = check_docx(path)
    elif fmt == "html":
        checks = check_html(path, axe)
    else:
        raise CheckNotRun(path, "filtype", f"rapporten kender ikke formatet '{fmt}'")
    if fmt not in FOR_READERS:
        # A print shop's file is measured all the same, but what it lacks is no failure:
        # readers get the screen PDF.
        checks = [Check(c.what, INFO if c.status == FAILED else c.status, c.measured, c.details) for c in checks]
    return checks


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _share(good: int, total: int, what: str, has: str) -> str:
    return f"{good} af {total} {what} {has}"


# --- PDF -------------------------------------------------------------------------------------


def check_pdf(path: Path, screen: bool) -> list[Check]:
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        raise CheckNotRun(path, "PDF'ens struktur", f"filen kan ikke læses som PDF ({exc})") from exc
    with pdf:
        root = pdf.Root
        checks = []
        tree = root.get("/StructTreeRoot")
        marked = bool(root.get("/MarkInfo", {}).get("/Marked", False)) if "/MarkInfo" in root else False
        tagged = tree is not None and marked
        checks.append(Check("Tagget PDF (struktur til skærmlæsere)", PASSED if tagged else FAILED,
                            "filen er tagget: den har et strukturtræ" if tagged else
                            "filen er ikke tagget: den har intet strukturtræ (/StructTreeRoot og /MarkInfo)"))
        lang = str(root.get("/Lang", ""))
        checks.append(Check("Dokumentets sprog (/Lang)", PASSED if lang else FAILED,
                            f"sproget er angivet som '{lang}'" if lang else "intet sprog angivet"))
        title = _pdf_title(pdf)
        shows = bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)) \
            if "/ViewerPreferences" in root else False
        checks.append(Check("Titel i metadata, vist i titellinjen (DisplayDocTitle)",
                            PASSED if title and shows else FAILED,
                            (f"titlen er '{title}'" if title else "ingen titel i metadata")
                            + ("; vises i stedet for filnavnet" if shows else "; filnavnet vises i stedet for titlen")))
        elements = list(_struct_elements(pdf, tree)) if tree is not None else []
        structure = len(checks)  # the checks below read the structure tree
        headings = [e for e in elements if re.fullmatch(r"/H[1-6]?", e[0])]
        bookmarks = _count_outline(pdf)
        checks.append(Check("Bogmærker (indholdsoversigt i PDF-læseren)",
                            PASSED if bookmarks or len(headings) < 2 else FAILED,
                            f"{_count(bookmarks, 'bogmærke', 'bogmærker')} for "
                            f"{_count(len(headings), 'overskrift', 'overskrifter')}"))
        figures = [e for e in elements if e[0] == "/Figure"]
        described = [e for e in figures if e[1]]
        missing = tuple(f"figur nr. {i + 1} har ingen /Alt" for i, e in enumerate(figures) if not e[1])[:5]
        checks.append(Check("Alternativ tekst på figurer og billeder",
                            PASSED if len(described) == len(figures) else FAILED,
                            _share(len(described), len(figures), "figurer og billeder", "har alternativ tekst")
                            if figures else "ingen figurer eller billeder i strukturen", missing))
        tables = [e for e in elements if e[0] == "/Table"]
        headers = [e for e in elements if e[0] == "/TH"]
        scoped = [e for e in headers if e[2]]
        with_headers = sum(1 for e in tables if e[3])
        table_ok = with_headers == len(tables) and len(scoped) == len(headers)
        checks.append(Check("Tabeller har overskriftsceller (TH) med /Scope",
                            PASSED if table_ok else FAILED,
                            (f"{_share(with_headers, len(tables), 'tabeller', 'har overskriftsceller')}; "
                             f"{_share(len(scoped), len(headers), 'overskriftsceller', 'har /Scope')}")
                            if tables else "ingen tabeller"))
        if not tagged:
            # Without a structure tree there are no headings, figures or tables to count: "0 af 0"
            # would read as a pass.
            checks[structure:] = [Check(c.what, FAILED, "kan ikke måles: filen er ikke tagget") for c in checks[structure:]]
        xmp = pdf.open_metadata()
        part = str(xmp.get("pdfuaid:part", "") or "")
        pdfx = str(xmp.get("pdfxid:GTS_PDFXVersion", "") or "")
        if screen:
            checks.append(Check("PDF/UA-identifikation i metadata (XMP)", PASSED if part == "1" else FAILED,
                                "filen erklærer PDF/UA-1 (pdfuaid:part 1)" if part == "1"
                                else "filen erklærer ikke PDF/UA"))
        else:
            checks.append(Check("Standard for filen", INFO,
                                f"filen erklærer {pdfx} (trykstandard)" if pdfx else
                                ("filen erklærer PDF/UA-1" if part == "1" else "filen erklærer ingen PDF-standard")))
        return checks


def _pdf_title(pdf) -> str:
    try:
        title = pdf.open_metadata().get("dc:title")
    except Exception:  # noqa: BLE001 - a broken XMP packet: the document information is read instead
        title = None
    if not title and "/Title" in pdf.docinfo:
        title = str(pdf.docinfo.Title)
    return str(title or "").strip()


def _count_outline(pdf) -> int:
    with pdf.open_outline() as outline:
        def count(items) -> int:
            return sum(1 + count(item.children) for item in items)
        return count(outline.root)


def _struct_elements(pdf, tree) -> Iterator[tuple[str, bool, bool, bool]]:
    """(standard type, has alternative text, has /Scope, holds a TH) for each element of the
    structure tree, its type read through the /RoleMap."""
    import pikepdf

    role_map = tree.get("/RoleMap", {}) if tree is not None else {}
    seen: set[tuple[int, int]] = set()

    def standard(name: str) -> str:
        for _ in range(10):  # a role map may chain; never loop
            if name in role_map:
                name = str(role_map[name])
            else:
                break
        return name

    def kids(node):
        k = node.get("/K")
        if k is None:
            return []
        return list(k) if isinstance(k, pikepdf.Array) else [k]

    def has_th(node) -> bool:
        stack, guard = kids(node), 0
        while stack and guard < 100_000:
            guard += 1
            kid = stack.pop()
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if standard(str(kid.S)) == "/TH":
                    return True
                stack.extend(kids(kid))
        return False

    def scoped(node) -> bool:
        attributes = node.get("/A")
        if attributes is None:
            return False
        items = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
        return any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in items)

    stack = kids(tree)
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue
        if node.is_indirect:
            key = node.objgen
            if key in seen:
                continue
            seen.add(key)
        kind = standard(str(node.S))
        alt = str(node.get("/Alt", "") or node.get("/ActualText", "")).strip()
        yield kind, bool(alt), kind == "/TH" and scoped(node), kind == "/Table" and has_th(node)
        stack.extend(reversed(kids(node)))


# --- DOCX ------------------------------------------------------------------------------------

CORE = {"dc": "http://purl.org/dc/elements/1.1/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}


def check_docx(path: Path) -> list[Check]:
    try:
        with zipfile.ZipFile(path) as docx:
            document = etree.fromstring(docx.read("word/document.xml"))
            styles = etree.fromstring(docx.read("word/styles.xml"))
            core = etree.fromstring(docx.read("docProps/core.xml")) if "docProps/core.xml" in docx.namelist() else None
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
        raise CheckNotRun(path, "Word-dokumentets indhold", f"filen kan ikke læses som DOCX ({exc})") from exc
    w = f"{{{W}}}"
    heading_level = {}
    for style in styles.iter(f"{w}style"):
        name = style.find(f"{w}name")
        match = re.fullmatch(r"heading ([1-9])", (name.get(f"{w}val") if name is not None else "").lower())
        if match:
            heading_level[style.get(f"{w}styleId")] = int(match.group(1))
    levels = []
    for paragraph in document.iter(f"{w}p"):
        style = paragraph.find(f"{w}pPr/{w}pStyle")
        if style is not None and style.get(f"{w}val") in heading_level:
            levels.append(heading_level[style.get(f"{w}val")])
    jumps = tuple(f"overskrift nr. {i + 1} springer fra niveau {a} til {b}"
                  for i, (a, b) in enumerate(zip(levels, levels[1:]), start=1) if b > a + 1)
    checks = [Check("Overskrifter bruger Words overskriftstypografier, i rækkefølge",
                    PASSED if levels and not jumps else FAILED,
                    (f"{_count(len(levels), 'overskrift', 'overskrifter')} med typografien Overskrift 1-"
                     f"{max(levels)}; " if levels else "ingen overskrifter med overskriftstypografier; ")
                    + (f"{_count(len(jumps), 'spring', 'spring')} i niveau" if jumps else "ingen spring i niveau"),
                    jumps[:5])]
    pictures = list(document.iter(f"{{{WP}}}docPr"))
    described = [p for p in pictures if (p.get("descr") or "").strip()]
    decorative = [p for p in pictures if not (p.get("descr") or "").strip()
                  and any(e.get("val") in ("1", "true") for e in p.iter(f"{{{DECORATIVE_NS}}}decorative"))]
    lacking = len(pictures) - len(described) - len(decorative)
    checks.append(Check("Alternativ tekst på billeder (eller markeret som dekorativt)",
                        PASSED if lacking == 0 else FAILED,
                        (_share(len(described) + len(decorative), len(pictures), "billeder",
                                "har alternativ tekst eller er markeret som dekorative")
                         + f" ({len(described)} med tekst, {len(decorative)} dekorative)")
                        if pictures else "ingen billeder"))
    default_lang = styles.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}lang")
    lang = default_lang.get(f"{w}val") if default_lang is not None else ""
    core_lang = core.findtext("dc:language", namespaces=CORE) if core is not None else ""
    checks.append(Check("Dokumentets sprog", PASSED if lang else FAILED,
                        (f"tekstens sprog er '{lang}'" if lang else "intet sprog sat på teksten")
                        + (f"; dokumentegenskaben sprog er '{core_lang}'" if core_lang else "")))
    title = (core.findtext("dc:title", namespaces=CORE) if core is not None else "") or ""
    checks.append(Check("Titel i dokumentegenskaberne", PASSED if title.strip() else FAILED,
                        f"titlen er '{title.strip()}'" if title.strip() else "ingen titel"))
    return checks


# --- HTML ------------------------------------------------------------------------------------

LANDMARKS = {"header": "banner", "nav": "navigation", "main": "main", "footer": "contentinfo", "aside": "complementary"}


def check_html(path: Path, axe: "Axe") -> list[Check]:
    try:
        page = lxml_html.fromstring(path.read_bytes())
    except (OSError, etree.ParserError, ValueError) as exc:
        raise CheckNotRun(path, "sidens HTML", f"filen kan ikke læses som HTML ({exc})") from exc
    root = page.getroottree().getroot()
    lang = root.get("lang", "")
    checks = [Check("Sidens sprog (lang)", PASSED if lang else FAILED,
                    f"sproget er angivet som '{lang}'" if lang else "intet sprog på <html>")]
    headings = [(int(e.tag[1]), e.text_content().strip()) for e in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    h1 = sum(1 for level, _ in headings if level == 1)
    checks.append(Check("Én hovedoverskrift (h1)", PASSED if h1 == 1 else FAILED,
                        f"{_count(h1, 'h1', 'h1')} på siden"))
    jumps = tuple(f"h{b} '{text[:60]}' efter h{a}" for (a, _), (b, text) in zip(headings, headings[1:]) if b > a + 1)
    checks.append(Check("Overskrifternes rækkefølge", PASSED if headings and not jumps else FAILED,
                        f"{_count(len(headings), 'overskrift', 'overskrifter')}; "
                        + (f"{_count(len(jumps), 'spring', 'spring')} i niveau" if jumps else "ingen spring i niveau"),
                        jumps[:5]))
    found: dict[str, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        role = element.get("role") or LANDMARKS.get(element.tag)
        if element.tag in ("header", "footer") and element.getparent() is not None \
                and element.getparent().tag not in ("body",):
            role = element.get("role")  # inside an article or section they are no landmark
        if role in LANDMARKS.values():
            found[role] = found.get(role, 0) + 1
    names = {"banner": "sidehoved", "navigation": "navigation", "main": "hovedindhold",
             "contentinfo": "sidefod", "complementary": "supplerende indhold"}
    listed = ", ".join(f"{names[r]} ({n})" for r, n in sorted(found.items(), key=lambda i: list(names).index(i[0])))
    checks.append(Check("Landmærker (sidens områder)", PASSED if found.get("main") == 1 else FAILED,
                        (listed or "ingen landmærker") + ("" if found.get("main") == 1 else
                                                          "; siden skal have præcis ét hovedindhold (main)")))
    images = list(root.iter("img"))
    with_alt = [i for i in images if i.get("alt") is not None]
    decorative = [i for i in with_alt if not i.get("alt").strip()]
    graphics = [s for s in root.iter("svg") if s.get("role") == "img"]
    named = [s for s in graphics if s.get("aria-label") or s.get("aria-labelledby") or s.find("title") is not None]
    total, good = len(images) + len(graphics), len(with_alt) + len(named)
    checks.append(Check("Alternativ tekst på billeder og figurer (alt)", PASSED if good == total else FAILED,
                        (_share(good, total, "billeder og figurer", "har alternativ tekst")
                         + (f" ({len(decorative)} markeret som dekorative med alt=\"\")" if decorative else ""))
                        if total else "ingen billeder eller figurer",
                        tuple(f"<img src=\"{(i.get('src') or '')[:60]}\"> uden alt"
                              for i in images if i.get("alt") is None)[:5]))
    checks.append(axe.check(path))
    return checks


# --- the brand's colours -----------------------------------------------------------------------


def check_brand(brand: Brand) -> list[Check]:
    pairs, failing = 0, []
    for text, background, use in TEXT_PAIRS:
        if text in brand.colors and background in brand.colors:
            pairs += 1
            ratio = contrast_ratio(brand.colors[text], brand.colors[background])
            if ratio < AA_NORMAL_TEXT:
                failing.append(f"'{text}' på '{background}' ({use}): {_ratio(ratio)}")
    checks = [Check(f"Kontrast mellem brandets farver til tekst (mindst {_ratio(AA_NORMAL_TEXT)}, WCAG 2.1 AA)",
                    PASSED if not failing else FAILED,
                    _share(pairs - len(failing), pairs, "farvepar", f"har mindst {_ratio(AA_NORMAL_TEXT)}"),
                    tuple(failing))]
    logos = failing_logos(brand)
    checks.append(Check(f"Logoet skiller sig ud fra baggrunden (mindst {_ratio(AA_GRAPHICS)})",
                        PASSED if not logos else FAILED,
                        _share(len(LOGO_PAIRS) - len(logos), len(LOGO_PAIRS), "placeringer af logoet",
                               f"har mindst {_ratio(AA_GRAPHICS)}"),
                        tuple(f"logoet '{name}' ({fill}) på '{bg}' ({where}): {_ratio(r)}"
                              for name, fill, bg, where, r in logos)))
    return checks


def _ratio(ratio: float) -> str:
    return f"{ratio:.1f}".replace(".", ",") + ":1"


# --- axe-core in a browser ---------------------------------------------------------------------


def browser_available() -> str | None:
    """The browser axe runs in, when the machine has one and the Python packages that drive it
    (the test extras: playwright, axe-playwright-python); None otherwise."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    return chromium


def browser_session():
    """The browser axe runs in for one build, as a context (Axe.started); without a browser on
    the machine, its checks say 'ikke kørt'."""
    return Axe.started(browser_available())


def _digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


class Axe:
    """axe-core's WCAG 2.1 AA rules on a page, in one headless Chromium for the whole build.

    Playwright's sync API refuses to start in a thread where an asyncio loop runs (a caller that
    holds a Playwright session of its own, as the test suite does, or any async host), and its
    objects may only be used from the thread that made them. So the browser lives on one thread
    of its own, and every call to it is handed to that thread. The page is checked in a browser
    context that is replaced every PAGES_PER_CONTEXT pages: one long-lived page grows by a few
    megabytes per page checked (half a gigabyte over 200 publications), and a fresh context for
    every page takes twice as long (measured over 60 pages: 40 s, 21 s with 5 per context, 14 s
    with 20, whose peak is 150 MB higher).
    """

    PAGES_PER_CONTEXT = 5

    ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]

    def __init__(self, browser=None, thread=None):
        self.browser = browser  # the browser's path or object; None: no browser, nothing is run
        self._thread = thread  # the browser's own thread (an executor of one); None: the caller's
        self._started = None  # the future of the browser's start, on that thread
        self._context = None
        self._page = None
        self._pages_checked = 0
        # Pages checked ahead (check_soon): resolved path -> (digest of the page checked, future).
        self._ahead: dict[Path, tuple[bytes, Future]] = {}

    def _on_browser_thread(self, call, *args):
        return self._thread.submit(call, *args).result() if self._thread is not None else call(*args)

    @classmethod
    def started(cls, chromium: str | None):
        """A context with the browser, which starts on its own thread while the caller goes on;
        a browser that cannot start is said by the first check that needs it."""
        from concurrent.futures import ThreadPoolExecutor

        @contextlib.contextmanager
        def running():
            if chromium is None:
                yield cls(None)
                return
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="axe") as thread:
                axe = cls(chromium, thread)
                axe._started = thread.submit(axe._start, chromium)
                try:
                    yield axe
                finally:
                    for _digest, future in axe._ahead.values():
                        future.cancel()  # a build that failed does not wait for its pages' checks
                    if axe._started.exception() is None:
                        thread.submit(axe._stop).result()
        return running()

    def _start(self, chromium: str):
        from playwright.sync_api import sync_playwright

        try:
            self._playwright = sync_playwright().start()
        except Exception as exc:  # noqa: BLE001 - a browser that is there and will not start
            raise ContentError([Problem(Location(Path(chromium)), "tilgængelighedsrapporten kan ikke køre "
                                        f"axe: browseren {chromium} kan ikke startes ({exc}).")]) from exc
        try:
            self.browser = self._playwright.chromium.launch(executable_path=chromium, args=self.ARGS)
        except Exception as exc:  # noqa: BLE001 - see above
            self._playwright.stop()
            raise ContentError([Problem(Location(Path(chromium)), "tilgængelighedsrapporten kan ikke køre "
                                        f"axe: browseren {chromium} fejlede ({exc}).")]) from exc

    def _stop(self) -> None:
        try:
            self.browser.close()
        finally:
            self._playwright.stop()

    def check_soon(self, path: Path) -> None:
        """Start checking a page the moment it is written, on the browser's thread, while the
        caller goes on (the build lays out PDFs meanwhile, so both cores stay busy); `check`
        takes the result if the page is still the one checked."""
        if self.browser is None or self._thread is None:
            return
        self._ahead[path.resolve()] = (_digest(path), self._thread.submit(self._run_axe, path))

    def check(self, path: Path) -> Check:
        what = "Automatisk test med axe-core (WCAG 2.1 AA)"
        if self.browser is None:
            return Check(what, NOT_RUN, NO_BROWSER)
        if self._started is not None:
            self._started.result()  # a browser that could not start is said here, with its path
        ahead = self._ahead.pop(path.resolve(), None)
        try:
            if ahead is not None and ahead[0] == _digest(path):
                response = ahead[1].result()
            else:
                response = self._on_browser_thread(self._run_axe, path)
            violations, passes = response["violations"], response.get("passes", [])
        except Exception as exc:  # noqa: BLE001 - whatever the browser says, the check did not run
            raise CheckNotRun(path, what, f"axe kunne ikke køre i browseren ({exc})") from exc
        nodes = sum(len(v["nodes"]) for v in violations)
        measured = (f"{_count(len(passes), 'regel', 'regler')} bestået, "
                    + (f"{_count(len(violations), 'regel', 'regler')} overtrådt på "
                       f"{_count(nodes, 'sted', 'steder')}" if violations else "ingen overtrådt"))
        details = tuple(f"{v['id']}: {v['help']} ({_count(len(v['nodes']), 'sted', 'steder')})" for v in violations)
        return Check(what, FAILED if violations else PASSED, measured, details[:10])

    def _run_axe(self, path: Path) -> dict:
        from axe_playwright_python.sync_playwright import Axe as AxeCore

        if self._pages_checked % self.PAGES_PER_CONTEXT == 0:
            if self._context is not None:
                self._context.close()
            self._context = self.browser.new_context()
            self._page = self._context.new_page()
        self._pages_checked += 1
        self._page.goto(path.resolve().as_uri())
        return AxeCore().run(self._page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}}).response
