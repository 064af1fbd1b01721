"""What WeasyPrint may read while laying out a page: files inside the project, nothing else.

The pages only ever refer to the brand's fonts and logos and the stylesheets, all inside the
project, and to figures carried in the page itself as data: URIs (which read nothing from
disk or network). Anything else (another file on the machine, a web address) is refused, so
a build never reads outside the project or makes a request over the network.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher


class ProjectFetcher(URLFetcher):
    def __init__(self, *folders: Path):
        """`folders`: the project and its parts (styles/ may be a link to a shared folder)."""
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.allowed = tuple({folder.resolve() for folder in folders})

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file":
            raise ValueError(f"byggeriet henter ikke noget fra nettet: {url}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise ValueError(f"byggeriet læser kun filer i projektet, ikke {path}")
        return super().fetch(url, headers)
