"""Never raw, never silent: every CommonMark and GFM construct an author may type is either
rendered in all three formats or refused with one located error (issue 15).

The corpus is a table: each construct, the Markdown an author types, and the outcome it must
have. A refused construct is checked with `check` (no layout) in a mini project holding just
that one section: exactly one error, at the construct's own file and line. The rendered ones
are ONE publication with a section per construct, built once (screen PDF, DOCX, HTML) and read
back as a reader gets it: the PDF through pdftotext, the DOCX through pandoc (footnotes and
tables included), the HTML page and the site's page as text. In none of them may the Markdown
show through (RAW_SYNTAX), and each construct's own text must be there.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from readback import normalise
from tools import require

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
from fault_injection import PUB, assert_no_error, assert_one_located_error, copy_project, run  # noqa: E402

RENDERED, REFUSED = "rendered", "refused"
FRONT_MATTER_LINES = 3  # '---', 'titel: ...', '---': the body's first line is line 4


@dataclass(frozen=True)
class Construct:
    name: str
    markdown: str
    outcome: str
    line: int = 0                  # refused: the body's line (1-based) the one error stands at
    visible: tuple[str, ...] = ()  # rendered: text a reader sees in every format
    absent: tuple[str, ...] = ()   # rendered: text of this construct that must not show
    pattern: str = ""              # rendered: a regex the text of every format matches


CORPUS: tuple[Construct, ...] = (
    # --- headings
    Construct("setext-heading-2", "Overskrift med streg\n--------------------\n\nTekst under stregen.",
              RENDERED, visible=("Overskrift med streg", "Tekst under stregen.")),
    Construct("setext-heading-1", "Overskrift med lighedstegn\n==========================\n\nTekst.",
              REFUSED, line=2),  # level 1 is the section's title
    Construct("atx-heading-1", "# Overskrift på øverste niveau\n\nTekst.", REFUSED, line=1),
    Construct("atx-heading-4", "#### Fjerde niveau\n\nTekst under fjerde niveau.",
              RENDERED, visible=("Fjerde niveau", "Tekst under fjerde niveau.")),
    Construct("atx-heading-5", "Tekst.\n\n##### Femte niveau\n\nMere.", REFUSED, line=3),
    Construct("atx-heading-6", "###### Sjette niveau", REFUSED, line=1),
    # --- code
    Construct("code-span", "Skriv `kodeordet` i feltet.", RENDERED,
              visible=("Skriv kodeordet i feltet.",)),
    Construct("indented-code", "Tekst.\n\n    indrykket kode\n\nMere.", REFUSED, line=3),
    Construct("fenced-code-backticks", "Tekst.\n\n```\nkode uden type\n```", REFUSED, line=3),
    Construct("fenced-code-tildes", "Tekst.\n\n~~~\nkode uden type\n~~~", REFUSED, line=3),
    # --- HTML
    Construct("html-block", "Tekst.\n\n<div>en blok</div>\n\nMere.", REFUSED, line=3),
    Construct("html-inline", "Tekst med <b>fed</b> HTML.", REFUSED, line=1),
    Construct("html-comment-block", "Tekst.\n\n<!-- en kommentar -->\n\nMere.", REFUSED, line=3),
    Construct("html-comment-inline", "Tekst <!-- skjult --> her.", REFUSED, line=1),
    # --- GFM
    Construct("pipe-table", "| Område | Mål |\n|:--|--:|\n| Skoleområdet | 90 % |\nTabel: Nøgletal for skolen",
              RENDERED, visible=("Område", "Mål", "Skoleområdet", "90 %", "Nøgletal for skolen")),
    Construct("pipe-table-without-caption", "Dagtilbud | Børn\n--- | ---\nVuggestuer | 412",
              RENDERED, visible=("Dagtilbud", "Børn", "Vuggestuer", "412")),
    Construct("footnote", "Tekst med en note.[^kilde]\n\n[^kilde]: Notens egen tekst.",
              RENDERED, visible=("Tekst med en note.", "Notens egen tekst."), absent=("kilde",)),
    Construct("task-list", "- [ ] en opgave\n- [x] en færdig opgave", REFUSED, line=1),
    Construct("strikethrough", "Tekst ~~slettet~~ her.", REFUSED, line=1),
    Construct("definition-list", "Begreb\n: Forklaring af begrebet.", REFUSED, line=2),
    # --- links
    Construct("autolink", "Se <https://www.example.dk/autolink>.", RENDERED,
              visible=("https://www.example.dk/autolink",)),
    Construct("bare-url", "Se https://www.example.dk/bar her.", RENDERED,
              visible=("https://www.example.dk/bar",)),
    Construct("reference-link", "Læs [mere om planen][plan] her.\n\n[plan]: https://www.example.dk/plan",
              RENDERED, visible=("Læs mere om planen her.",), absent=("[plan]",)),
    Construct("link-reference-definition-alone", "Tekst før definitionen.\n\n[alene]: https://www.example.dk/alene",
              RENDERED, visible=("Tekst før definitionen.",), absent=("example.dk/alene", "[alene]")),
    # --- images
    Construct("image", '![Et blåt felt](billeder/felt.png "Billedtekst til feltet")', RENDERED,
              visible=("Billedtekst til feltet",), absent=("billeder/felt.png",)),
    # --- inline text
    Construct("hard-break-spaces", "Første linje med mellemrum  \nanden linje med mellemrum.", RENDERED,
              visible=("Første linje med mellemrum", "anden linje med mellemrum."),
              pattern=r"mellemrum\s*\n\s*anden"),
    Construct("hard-break-backslash", "Første linje med skråstreg\\\nanden linje med skråstreg.", RENDERED,
              visible=("Første linje med skråstreg", "anden linje med skråstreg."),
              pattern=r"skråstreg\s*\n\s*anden"),
    Construct("entity-references", "Plan &amp; mål &copy; i &#229;r og &#x00E6;ble.", RENDERED,
              visible=("Plan & mål © i år og æble.",)),
    Construct("escaped-characters", "Ikke \\*fremhævet\\* og \\_ikke kursiv\\_ og \\# intet.", RENDERED,
              visible=("Ikke *fremhævet* og _ikke kursiv_ og # intet.",)),
    Construct("emphasis-underscores", "Det er _kursiv_ og __fed__ tekst med understreger.", RENDERED,
              visible=("Det er kursiv og fed tekst med understreger.",)),
    Construct("emphasis-stars", "Det er *kursiv* og **fed** tekst med stjerner.", RENDERED,
              visible=("Det er kursiv og fed tekst med stjerner.",)),
    # --- blocks
    Construct("nested-list", "- ydre punkt\n  - indre punkt\n    - inderste punkt", RENDERED,
              visible=("ydre punkt", "indre punkt", "inderste punkt")),
    Construct("ordered-list-from-3", "3. tredje punkt\n4. fjerde punkt", RENDERED,
              visible=("tredje punkt", "fjerde punkt")),  # numbered from 3: see its own test
    Construct("block-quote", "> Et citat fra en leder.", RENDERED, visible=("Et citat fra en leder.",)),
    Construct("horizontal-rule", "Tekst.\n\n---\n\nMere.", REFUSED, line=3),
    Construct("horizontal-rule-stars", "Tekst.\n\n***\n\nMere.", REFUSED, line=3),
)

# Markdown showing through: none of these may be in any format's text.
RAW_SYNTAX: tuple[tuple[str, str], ...] = (
    ("a table's delimiter row '|---|'", r"\|\s*:?-{3,}"),
    ("a line starting with '|'", r"(?m)^[ \t]*\|"),
    ("a footnote mark '[^'", r"\[\^"),
    ("an image '!['", r"!\["),
    ("a link '](...)'", r"\]\("),
    ("a reference link '][...]'", r"\]\["),
    ("a link reference definition '[...]: '", r"(?m)^[ \t]*\[[^\]\n]+\]:"),
    ("strikethrough '~~'", r"~~"),
    ("an autolink '<https'", r"<https?:"),
    ("an HTML tag or comment", r"<[A-Za-z/!]"),
    ("a task box '[ ]'", r"\[[ xX]\]"),
    ("a definition's leading ': '", r"(?m)^[ \t]*:[ \t]"),
    ("strong '**'", r"\*\*"),
    ("strong '__'", r"__"),
    ("a backtick", r"`"),
    ("an entity reference as text", r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"),
    ("a backslash", r"\\"),
    ("a heading's '#' at a line's start", r"(?m)^[ \t]*#"),
    ("a quote's '>' at a line's start", r"(?m)^[ \t]*>"),
    ("a rule or setext line", r"(?m)^[ \t]*(?:-{3,}|={3,}|\*{3,}|_{3,})[ \t]*$"),
)

RENDERED_CORPUS = [c for c in CORPUS if c.outcome == RENDERED]
REFUSED_CORPUS = [c for c in CORPUS if c.outcome == REFUSED]


def section_file(construct: Construct) -> str:
    return f"{construct.name}.md"


def write_publication(root: Path, constructs: list[Construct]) -> None:
    """The mini publication with one section per construct, in place of its own sections."""
    publication = root / PUB
    for old in publication.glob("*.md"):
        old.unlink()
    for construct in constructs:
        (publication / section_file(construct)).write_text(
            f"---\ntitel: Afsnit om {construct.name}\n---\n{construct.markdown}\n", encoding="utf-8")
    manifest = publication / "publikation.yml"
    head = manifest.read_text(encoding="utf-8").split("afsnit:")[0]
    manifest.write_text(head + "afsnit:\n" + "".join(f"  - {section_file(c)}\n" for c in constructs),
                        encoding="utf-8")
    if any("billeder/felt.png" in c.markdown for c in constructs):
        from PIL import Image

        (publication / "billeder").mkdir(exist_ok=True)
        Image.new("RGB", (1200, 800), (40, 90, 160)).save(publication / "billeder" / "felt.png")


def test_the_corpus_declares_each_construct_once():
    names = [c.name for c in CORPUS]
    assert len(names) == len(set(names))
    for construct in CORPUS:
        assert construct.outcome in (RENDERED, REFUSED), construct.name
        if construct.outcome == REFUSED:
            assert 1 <= construct.line <= construct.markdown.count("\n") + 1, construct.name
        else:
            assert construct.visible, construct.name


# --- refused: one located error, found by `check` ---------------------------------------------

@pytest.mark.parametrize("construct", REFUSED_CORPUS, ids=lambda c: c.name)
def test_a_refused_construct_is_one_error_at_its_own_line(construct, tmp_path):
    root = copy_project(tmp_path / "projekt")
    write_publication(root, [construct])
    assert_one_located_error(root, f"{PUB}/{section_file(construct)}", FRONT_MATTER_LINES + construct.line)


# --- rendered: one build, read back in every format -------------------------------------------

class _TextWithLines(HTMLParser):
    """An HTML page's text as a reader sees it, a line per block and per line break."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "header",
              "footer", "nav", "aside", "main", "figure", "figcaption", "caption", "table", "tr", "td",
              "th", "blockquote", "ul", "ol", "dl", "dt", "dd", "br", "hr", "title", "body"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_lines(path: Path) -> str:
    reader = _TextWithLines()
    reader.feed(path.read_text(encoding="utf-8"))
    return "".join(reader.parts)


def pdf_lines(path: Path) -> str:
    pdftotext = require("pdftotext", "poppler-utils")
    return subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout


def _pandoc_flat(node, parts: list[str]) -> None:
    """A pandoc AST's text: a line per block and per line break, notes where they are used."""
    if isinstance(node, list):
        for item in node:
            _pandoc_flat(item, parts)
        return
    if not isinstance(node, dict) or "t" not in node:
        return
    kind, content = node["t"], node.get("c")
    if kind in ("Str", "Code"):
        parts.append(content if kind == "Str" else content[1])
    elif kind in ("Space", "SoftBreak"):
        parts.append(" ")
    elif kind == "LineBreak":
        parts.append("\n")
    elif kind in ("Para", "Plain", "Header", "CodeBlock", "RawBlock", "Note"):
        parts.append("\n")
        if kind == "CodeBlock":
            parts.append(content[1])
        elif kind == "RawBlock":
            parts.append(content[1])
        else:
            _pandoc_flat(content, parts)
        parts.append("\n")
    elif kind == "RawInline":
        parts.append(content[1])
    elif kind in ("Link", "Image"):
        _pandoc_flat(content[1], parts)
    else:
        _pandoc_flat(content, parts)


def docx_lines(path: Path) -> str:
    import pypandoc

    parts: list[str] = []
    _pandoc_flat(json.loads(pypandoc.convert_file(str(path), "json", format="docx"))["blocks"], parts)
    return "".join(parts)


BUILD = ("build", "--format", "pdf", "--format", "docx", "--format", "html", "--variant", "samlet")


@dataclass
class CorpusBuild:
    root: Path
    files: dict[str, Path]      # format -> the publication's file
    broken: dict[str, str]      # construct -> why it alone does not build


def build_corpus(root: Path, constructs: list[Construct]) -> str | None:
    """Build the constructs as one publication in `root`; None, or what the build said."""
    write_publication(root, constructs)
    result = run(root, *BUILD)
    return None if result.code == 0 else f"exit {result.code}: {result.out}{result.err}".strip()


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> CorpusBuild:
    """The rendered corpus as one publication, built once. Should that build fail, each construct
    is built alone to name the ones that break it, and the rest are built together again."""
    folder = tmp_path_factory.mktemp("aldrig-raa")
    root = copy_project(folder / "projekt")
    broken: dict[str, str] = {}
    failure = build_corpus(root, RENDERED_CORPUS)
    if failure:
        for construct in RENDERED_CORPUS:
            alone = build_corpus(copy_project(folder / construct.name), [construct])
            if alone:
                broken[construct.name] = alone
        assert broken, f"the corpus does not build, though each construct builds alone:\n{failure}"
        failure = build_corpus(root, [c for c in RENDERED_CORPUS if c.name not in broken])
        assert not failure, f"the corpus without {sorted(broken)} does not build either:\n{failure}"
    output = root / "output"
    # The corpus is a draft (no status: kladde), so its site page is on the internal review site.
    files = {"pdf": output / "mini" / "mini.pdf", "docx": output / "mini" / "mini.docx",
             "html": output / "mini" / "mini.html", "site": output / "site-intern" / "mini" / "index.html"}
    for format_, path in files.items():
        assert path.is_file(), f"{format_}: {path.relative_to(output)} was not made"
    return CorpusBuild(root, files, broken)


READ = {"pdf": pdf_lines, "docx": docx_lines, "html": html_lines, "site": html_lines}


@pytest.fixture(scope="module")
def corpus_text(corpus_build) -> dict[str, str]:
    return {format_: READ[format_](path) for format_, path in corpus_build.files.items()}


FORMATS = ("pdf", "docx", "html", "site")


@pytest.mark.parametrize("format_", FORMATS)
def test_no_markdown_shows_through(corpus_text, format_):
    text = corpus_text[format_]
    shown = []
    for what, pattern in RAW_SYNTAX:
        for match in re.finditer(pattern, text):
            around = text[max(0, match.start() - 50):match.end() + 50].replace("\n", "⏎")
            shown.append(f"{what}: …{around}…")
    assert not shown, f"{format_}: Markdown shows through:\n" + "\n".join(shown)


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("construct", RENDERED_CORPUS, ids=lambda c: c.name)
def test_a_rendered_construct_shows_its_text(corpus_build, corpus_text, construct, format_):
    if construct.name in corpus_build.broken:
        pytest.fail(f"{construct.name} alone does not build:\n{corpus_build.broken[construct.name]}")
    text = corpus_text[format_]
    flat = normalise(text)
    missing = [visible for visible in construct.visible if normalise(visible) not in flat]
    assert not missing, f"{format_}: {construct.name}: not in the text: {missing}"
    shown = [absent for absent in construct.absent if absent in text]
    assert not shown, f"{format_}: {construct.name}: shows {shown}"
    if construct.pattern:
        assert re.search(construct.pattern, text), \
            f"{format_}: {construct.name}: {construct.pattern!r} does not match (a line break lost?)"


def pandoc_words(node) -> str:
    """The text of a pandoc JSON fragment: its Str nodes joined by single spaces."""
    if isinstance(node, dict):
        own = [node["c"]] if node.get("t") == "Str" else []
        return " ".join(own + [w for w in (pandoc_words(v) for v in node.values()) if w])
    if isinstance(node, list):
        return " ".join(w for w in (pandoc_words(v) for v in node) if w)
    return ""


def test_an_ordered_list_from_3_is_numbered_from_3_in_every_format(corpus_build, corpus_text):
    """Python-Markdown keeps the start (sane_lists); a list renumbered from 1 would be silent."""
    if "ordered-list-from-3" in corpus_build.broken:
        pytest.fail(corpus_build.broken["ordered-list-from-3"])
    html = corpus_build.files["html"].read_text(encoding="utf-8")
    starts = {
        "html": bool(re.search(r'<ol[^>]*\bstart="3"[^>]*>\s*<li[^>]*>\s*(?:<p>)?\s*tredje punkt', html)),
        "pdf": bool(re.search(r"(?m)^\s*3\.\s+tredje punkt", corpus_text["pdf"])),
    }
    import pypandoc

    ast = json.loads(pypandoc.convert_file(str(corpus_build.files["docx"]), "json", format="docx"))
    lists = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "OrderedList":
                lists.append(node["c"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast["blocks"])
    starts["docx"] = any(attributes[0] == 3 and "tredje punkt" in pandoc_words(items) for attributes, items in lists)
    assert all(starts.values()), f"not numbered from 3 in: {[f for f, ok in starts.items() if not ok]}"


def test_the_rendered_corpus_passes_check(corpus_build):
    """What is rendered is not refused by `check` either (warnings, e.g. spelling, allowed)."""
    assert_no_error(corpus_build.root)
