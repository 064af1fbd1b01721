"""`python build.py check`: validate all content without rendering and report every problem at
once: errors, spelling, and which sections lack a level's concretisation."""
from __future__ import annotations

from pathlib import Path

from .. import spelling
from ..editions import missing_roles
from ..errors import ContentError, Problem
from ..readers.project import load_project


def run(root: Path, say=print) -> int:
    """Raises ContentError when there are errors; returns the number of warnings."""
    try:
        project = load_project(root)
    except ContentError as exc:
        for warning in exc.warnings:
            say(str(warning))
        raise
    warnings: list[Problem] = list(project.warnings)
    if spelling.available():
        warnings += spelling.check(list(project.publications))
    else:
        say("Stavekontrol sprunget over: hunspell med dansk ordbog er ikke installeret "
            "(Debian-pakkerne hunspell og hunspell-da).")
    warnings += completeness(project.publications)
    for warning in warnings:
        say(str(warning))
    say(f"Tjek færdigt: {len(project.publications)} publikationer, ingen fejl, {len(warnings)} advarsler.")
    return len(warnings)


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
