"""`python build.py check [PUBLIKATION ...]`: validate the content without rendering and report
every problem at once: errors, spelling, and which sections lack a level's concretisation.
Given publication ids, it reports on those publications and the files they share, and nothing
about the others."""
from __future__ import annotations

from pathlib import Path

from .. import spelling
from ..editions import missing_roles
from ..errors import ContentError, Problem
from ..readers.project import load_project
from .selection import concerning, require


def run(root: Path, only: tuple[str, ...] | None = None, say=print) -> int:
    """Raises ContentError when there are errors; returns the number of warnings."""
    if only:
        require(root, only)
    publications, warnings = _read(root, only, say)
    if spelling.available():
        warnings += spelling.check(publications)
    else:
        say("Stavekontrol sprunget over: hunspell med dansk ordbog er ikke installeret "
            "(Debian-pakkerne hunspell og hunspell-da).")
    warnings += completeness(publications)
    # The print edition's photo check, so `check` passes only what `build` does.
    from ..writers.image_copies import print_resolution

    printed = [problem for publication in publications for problem in print_resolution(publication)]
    warnings += [p for p in printed if p.severity != "fejl"]
    if any(p.severity == "fejl" for p in printed):
        for warning in warnings:
            say(str(warning))
        raise ContentError([p for p in printed if p.severity == "fejl"], warnings)
    for warning in warnings:
        say(str(warning))
    say(f"Tjek færdigt: {len(publications)} publikationer, ingen fejl, {len(warnings)} advarsler.")
    return len(warnings)


def _read(root: Path, only, say) -> tuple[list, list[Problem]]:
    """The publications asked for and the warnings about them; a ContentError with only their
    errors (and the shared files') when there are any."""
    if not only:
        try:
            project = load_project(root)
        except ContentError as exc:
            for warning in exc.warnings:
                say(str(warning))
            raise
        return list(project.publications), list(project.warnings)
    publications, errors, warnings = [], [], []
    for publication_id in only:
        try:
            project = load_project(root, only=publication_id)
        except ContentError as exc:
            errors += [p for p in exc.problems if p not in errors]
            warnings += [p for p in exc.warnings if p not in warnings]
            continue
        publications += project.publications
        warnings += [p for p in project.warnings if p not in warnings]
    if errors:
        # Errors in files no named publication uses still stopped the reading: show them then.
        errors = concerning(errors, root, only) or errors
        warnings = concerning(warnings, root, only)
        for warning in warnings:
            say(str(warning))
        raise ContentError(errors, warnings)
    return publications, concerning(warnings, root, only, publications)


def completeness(publications) -> list[Problem]:
    """A warning per section that lacks a block for some level (or function)."""
    problems = []
    for publication in publications:
        for section in publication.sections:
            missing = missing_roles(section, publication.variant_roles)
            if missing:
                names = ", ".join(f"'{role.id}'" for role in missing)
                axis, first = missing[0].axis, missing[0].id
                problems.append(Problem(
                    section.location,
                    f"afsnittet '{section.title}' mangler en blok for {names}. Tilføj "
                    f"'::: {{{axis}={first}}}' ... ':::', eller '::: {{{axis}={first} ingen}}' hvis "
                    "der ikke skal være en.",
                    "advarsel",
                ))
    return problems
