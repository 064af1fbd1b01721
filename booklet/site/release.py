"""Which publications the site may show: the public site holds only approved ones.

`build` writes output/site/ with the approved publications, and, when some are not approved,
output/site-intern/ with all of them (drafts marked) for an internal review. What the public site
left out, and why, is recorded beside the sites in output/udgivelsesstatus.json, which `publish`
reads to say so; it is not in the site, so a draft's title never reaches the web server.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model import Publication
from ..readers.project import ProjectPaths
from . import write_site

STATUS_FILE = "udgivelsesstatus.json"


def write_sites(publications: tuple[Publication, ...], files, output_root: Path, paths: ProjectPaths,
                fingerprints: dict[str, str], previous: Path | None = None) -> None:
    public = tuple(p for p in publications if p.approved)
    write_site(public, files, output_root, paths, fingerprints, previous=previous)
    if len(public) < len(publications):
        write_site(publications, files, output_root, paths, fingerprints, previous=previous, internal=True)
    left_out = [{"id": p.id, "titel": p.title, "status": p.status, "fil": str(p.location.path.relative_to(paths.root))
                 if p.location.path.is_relative_to(paths.root) else str(p.location.path)}
                for p in publications if not p.approved]
    (output_root / STATUS_FILE).write_text(json.dumps({"udeladt": left_out}, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")


def left_out(output_root: Path) -> list[dict] | None:
    """The publications the last build kept off the public site; None when it did not say (a site
    built before publications had a status, or no build)."""
    try:
        data = json.loads((output_root / STATUS_FILE).read_text(encoding="utf-8"))
        entries = data["udeladt"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and {"id", "titel", "status"} <= set(e)
                                                for e in entries):
        return None
    return entries


def why_left_out(entry: dict) -> str:
    """'htk-strategibrev-2028 (Direktionens strategibrev 2028): kladde' and what makes it published."""
    mark = {"kladde": "er en kladde", "til-godkendelse": "venter på godkendelse"}.get(entry["status"],
                                                                                      "er ikke godkendt")
    return (f"{entry['id']} ('{entry['titel']}') {mark}. Den kommer med, når der står 'status: godkendt' "
            f"med godkendt_af og godkendt_dato i {entry.get('fil') or 'publikation.yml'}, og sitet er bygget igen.")

