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
    laid_out, notes = last_preflight(root, publications, only)
    warnings += laid_out
    for warning in warnings:
        say(str(warning))
    for note in notes:
        say(note)
    say(f"Tjek færdigt: {len(publications)} publikationer, ingen fejl, {len(warnings)} advarsler.")
    return len(warnings)


def last_preflight(root: Path, publications, only) -> tuple[list[Problem], list[str]]:
    """The layout preflight's findings from the last build into output/, for the publications
    checked: `check` lays nothing out, so it shows what `build` measured on the pages. A PDF
    whose content has changed since is not shown, but named, with the advice to build."""
    from types import SimpleNamespace

    from ..output import read_build_state, recorded_preflight
    from .build import PREFLIGHT_FORMATS, _plan, preflight_summary, preflight_warnings

    output = root / "output"
    recorded = recorded_preflight(output)
    if not recorded:
        return [], ["Sideeftersyn: output/ har intet sideeftersyn endnu; det laves, når PDF'erne bygges "
                    "(python build.py)."]
    made_from = read_build_state(output)
    jobs = _plan(SimpleNamespace(publications=publications), root, tuple(PREFLIGHT_FORMATS), None, only)
    current = {job.path: job.fingerprint for job in jobs}
    fresh = [(entry, findings) for entry, findings in recorded
             if entry.path in current and made_from.get(entry.path) == current[entry.path]]
    fresh_paths = {entry.path for entry, _ in fresh}
    stale = sorted({job.publication.id for job in jobs if job.path not in fresh_paths})
    warnings = preflight_warnings(publications, [entry for entry, _ in fresh],
                                  {entry.path: findings for entry, findings in fresh})
    notes = [preflight_summary(warnings).replace("Sideeftersyn:", "Sideeftersyn fra sidste byg:", 1)]
    if stale:
        notes.append("Sideeftersyn: de nuværende sider af " + ", ".join(stale) + " har ikke fået eftersyn (ændret "
                     "siden sidste byg, eller ikke bygget som PDF); byg for at få det (python build.py).")
    return warnings, notes


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
