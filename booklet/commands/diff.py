"""`python build.py diff`: the text that differs between two publications, or two editions of one.

  diff PUBLIKATION_A PUBLIKATION_B [--side FIL]   two publications, e.g. last year's and this year's
  diff PUBLIKATION UDGAVE_A UDGAVE_B              two editions of one publication

Two names are two publications and three are a publication and two editions: an edition name
never stands first, so the count alone tells them apart, and a publication id where an edition
is expected (or the reverse) gets a sentence saying which form was meant.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from ..changes import Change, Comparison, SectionChange, body, compare
from ..editions import editions_for, select
from ..errors import Location
from ..readers.project import load_project
from ..writers.plaintext import section_lines
from .exits import UsageError, not_found
from .selection import publication_ids, require

FORMS = ("Skriv 'python build.py diff PUBLIKATION_A PUBLIKATION_B' for at sammenligne to publikationer, "
         "fx diff htk-strategibrev-2015 htk-strategibrev-2016, eller 'python build.py diff PUBLIKATION "
         "UDGAVE_A UDGAVE_B' for to udgaver af samme publikation, fx diff htk-ledelsesgrundlag samlet "
         "centerchef.")


def run(root: Path, names, page: Path | None = None, say=print) -> int:
    names = list(names)
    if len(names) == 2:
        return run_publications(root, names[0], names[1], page, say)
    if page is not None:
        raise UsageError("--side kan kun bruges, når to publikationer sammenlignes. " + FORMS)
    if len(names) == 3:
        return run_editions(root, *names, say=say)
    given = f"her står kun '{names[0]}'" if len(names) == 1 else (
        "her står ingen" if not names else f"her står {len(names)}: " + ", ".join(f"'{n}'" for n in names))
    raise UsageError(f"diff skal have to eller tre navne; {given}. " + FORMS)


def run_publications(root: Path, id_a: str, id_b: str, page: Path | None, say=print) -> int:
    known = publication_ids(root)
    if id_a in known and id_b not in known:
        project = load_project(root, only=id_a)
        editions = [e.id for e in editions_for(project.publications[0])]
        if id_b in editions:
            raise UsageError(f"'{id_b}' er en udgave, ikke en publikation; skriv to udgaver for at sammenligne "
                             f"udgaver: diff {id_a} samlet {id_b}.")
    require(root, (id_a, id_b))
    if id_a == id_b:
        raise UsageError(f"'{id_a}' står to gange; skriv to forskellige publikationer. " + FORMS)
    old = load_project(root, only=id_a).publications[0]
    new = load_project(root, only=id_b).publications[0]
    comparison = compare(old, new)
    for line in comparison_lines(comparison):
        say(line)
    if page is not None:
        from ..site.changes import write_change_page

        written = write_change_page(comparison, root, page)
        say(f"Siden er skrevet: {written}")
    return 0


def comparison_lines(comparison: Comparison) -> list[str]:
    """The comparison for a terminal: one '==' line per section that differs, then its changes
    ('-' removed, '+' added, '~' edited with [-old-]{+new+} inside the sentence)."""
    old, new = comparison.old, comparison.new
    lines = [f"Sammenligner '{old.title}' ({old.id}) med '{new.title}' ({new.id})."]
    for section in comparison.differing:
        lines.append(_heading(section, comparison))
        if section.kind == "added":
            lines += [f"+ {line}" for line in body(section.new)]
        elif section.kind == "removed":
            lines += [f"- {line}" for line in body(section.old)]
        else:
            lines += [_change_line(change) for change in section.changes]
    differing = comparison.differing
    counts = [(sum(s.kind == "changed" and bool(s.changes) for s in differing), "med ændret tekst"),
              (sum(s.kind == "added" for s in differing), "nye"),
              (sum(s.kind == "removed" for s in differing), "fjernet"),
              (sum(s.renamed for s in differing), "med ny titel"),
              (sum(s.moved for s in differing), "flyttet")]
    said = ", ".join(f"{n} {what}" for n, what in counts if n)
    lines.append(f"{len(differing)} afsnit er forskellige" + (f" ({said})." if said else "."))
    return lines


def _heading(section: SectionChange, comparison: Comparison) -> str:
    if section.kind == "added":
        return f"== Nyt afsnit: {section.new.title} ({Location(section.new.location.path)})"
    if section.kind == "removed":
        return f"== Fjernet afsnit: {section.old.title} ({Location(section.old.location.path)})"
    notes = []
    if section.renamed:
        notes.append(f"hed før '{section.old.title}'")
    if section.file_renamed:
        notes.append(f"filen hed før {section.old.location.path.name}")
    if section.moved:
        before, now = comparison.places(section)
        notes.append(f"flyttet fra plads {before} til {now}")
    return (f"== {section.new.title} ({Location(section.new.location.path)})"
            + (f" – {', '.join(notes)}" if notes else ""))


def _change_line(change: Change) -> str:
    if change.kind == "removed":
        return f"- {change.old}"
    if change.kind == "added":
        return f"+ {change.new}"
    marked = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "~ " + " ".join(marked[piece.kind].format(piece.text) for piece in change.words)


def run_editions(root: Path, publication_id: str, variant_a: str, variant_b: str, say=print) -> int:
    require(root, (publication_id,))
    known = publication_ids(root)
    project = load_project(root, only=publication_id)
    publication = project.publications[0]
    editions = {e.id: e for e in editions_for(publication)}
    wrong = [variant for variant in dict.fromkeys((variant_a, variant_b)) if variant not in editions]
    if wrong:
        message = " ".join(not_found("udgaven", variant, editions) for variant in wrong)
        if any(variant in known for variant in wrong):
            message += " To publikationer sammenlignes med to navne: " \
                       f"diff {publication_id} {next(v for v in wrong if v in known)}."
        raise UsageError(message)
    a = select(publication, editions[variant_a])
    b = select(publication, editions[variant_b])
    sections_b = {s.id: s for s in b.sections}
    differing = 0
    for section_a in a.sections:
        lines_a = section_lines(section_a)
        section_b = sections_b.pop(section_a.id, None)
        lines_b = section_lines(section_b) if section_b else []
        diff = list(difflib.unified_diff(lines_a, lines_b, variant_a, variant_b, lineterm="", n=1))
        if diff:
            differing += 1
            say(f"== {section_a.title} ({Location(section_a.location.path)})")
            for line in diff[2:]:
                say(line)
    for section_b in sections_b.values():
        differing += 1
        say(f"== {section_b.title} (kun i {variant_b})")
        for line in section_lines(section_b):
            say(f"+{line}")
    say(f"{differing} afsnit er forskellige mellem '{variant_a}' og '{variant_b}'.")
    return 0
