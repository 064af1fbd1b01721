"""Content from many hands: nothing an author types becomes markup or a script on a page."""
from __future__ import annotations

from html.parser import HTMLParser

from booklet.commands.build import run


class Markup(HTMLParser):
    """The elements and attributes a browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_text_fields_are_escaped_on_every_page(mini_project):
    manifest = mini_project / "content/publikationer/mini/publikation.yml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("titel: Minigrundlag", f"titel: 'Mini {HOSTILE}'")
    text = text.replace("udgiver: Direktionen", f"udgiver: 'Direktionen {HOSTILE}'")
    manifest.write_text(text, encoding="utf-8")
    values = mini_project / "content/publikationer/mini/01-indledning.md"
    values.write_text(values.read_text(encoding="utf-8").replace(
        "- navn: Helhed", f"- navn: 'Helhed {HOSTILE}'"), encoding="utf-8")
    output = mini_project / "output"
    run(mini_project, output, formats=("html",), jobs=1, say=lambda _m: None)
    pages = list(output.rglob("*.html"))
    assert pages
    assert "&lt;script&gt;" in (output / "mini/mini.html").read_text(encoding="utf-8")
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html, page.name
        markup = Markup()
        markup.feed(html)
        handlers = [(tag, name) for tag, attrs in markup.tags for name in attrs if name.startswith("on")]
        assert not handlers, page.name
        assert not [attrs for tag, attrs in markup.tags if tag == "img" and attrs.get("src") == "x"]
