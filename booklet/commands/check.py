"""`python build.py check`: validate all content without rendering, and report completeness."""
from __future__ import annotations

from pathlib import Path

from ..editions import missing_roles
from ..readers.project import load_project


def run(root: Path, say=print) -> int:
    """Raises ContentError on errors; returns the number of warnings (missing blocks included)."""
    project = load_project(root)
    warnings = [str(w) for w in project.warnings]
    for warning in warnings:
        say(warning)
    say("Fuldstændighed (konkretiseringer pr. niveau og funktion):")
    missing_total = 0
    for publication in project.publications:
        roles = publication.variant_roles
        if not roles:
            continue
        gaps = [(section, missing_roles(section, roles)) for section in publication.sections]
        gaps = [(section, missing) for section, missing in gaps if missing]
        if not gaps:
            say(f"  {publication.id}: alle afsnit har en blok for hvert {publication.variant_axis}.")
            continue
        for section, missing in gaps:
            missing_total += len(missing)
            names = ", ".join(f"'{role.id}'" for role in missing)
            say(f"  {section.location}: advarsel: afsnittet '{section.title}' mangler en blok for "
                f"{names}. Tilføj '::: {{{missing[0].axis}={missing[0].id}}}' ... ':::', eller "
                f"'::: {{{missing[0].axis}={missing[0].id} ingen}}' hvis der ikke skal være en.")
    say(f"Tjek færdigt: {len(project.publications)} publikationer, ingen fejl, "
        f"{missing_total + len(warnings)} advarsler.")
    return missing_total + len(warnings)
