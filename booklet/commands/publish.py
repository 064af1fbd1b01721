"""`python build.py publish MAPPE`: put output/site/ on the web server in one step, reversibly.

MAPPE becomes a symbolic link to a version folder beside it (`.MAPPE-<tidspunkt>`). A new
version is copied in full next to the one being shown, then the link is swapped with
os.replace, which is atomic: a reader gets the old site or the new one, never a mix of the
two. The version before is kept, with a second link (`.MAPPE-forrige`) to it, so
`--rollback` swaps back just as atomically; rolling back again returns to the newer one.
"""
from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path


class PublishError(Exception):
    """Something the user can put right; the message says what, in Danish."""


def run(site: Path, target: Path, say=print) -> None:
    if not (site / "index.html").is_file():
        raise PublishError(f"Der er intet site at udgive i {site}: forsiden index.html mangler. Byg det "
                           "først med 'python build.py'.")
    target = _absolute(target)
    _check_place(target)
    new = _new_version(target)
    try:
        shutil.copytree(site, new)
    except OSError as exc:
        shutil.rmtree(new, ignore_errors=True)
        raise PublishError(f"Kan ikke skrive i {target.parent} ({exc.strerror or exc}). "
                           "Tjek, at du har skriveadgang til mappen.") from None
    previous = None
    if target.is_symlink():
        previous = target.parent / os.readlink(target)
    elif target.is_dir():
        # Adopting a folder published some other way: moving it aside and linking are two
        # steps, so only this first time is there a moment without a site.
        previous = _new_version(target)
        os.replace(target, previous)
        say(f"{target} var en almindelig mappe. Den er gemt som {previous.name}, så du kan gå tilbage til den.")
    _link(target, new)
    if previous is not None:
        _link(_previous_link(target), previous)
    for version in _versions(target):
        if version not in (new, previous):
            shutil.rmtree(version)
    files = sum(1 for p in new.rglob("*") if p.is_file())
    say(f"Udgivet: {target} viser nu sitet fra {site} ({files} {'fil' if files == 1 else 'filer'}).")
    if previous is not None:
        say(f"Den forrige version er gemt. 'python build.py publish --rollback {target}' går tilbage til den.")


def rollback(target: Path, say=print) -> None:
    target = _absolute(target)
    previous_link = _previous_link(target)
    if not (target.is_symlink() and previous_link.is_symlink() and previous_link.resolve().is_dir()):
        raise PublishError(f"Der er ingen tidligere version af {target} at gå tilbage til.")
    current = target.parent / os.readlink(target)
    previous = target.parent / os.readlink(previous_link)
    _link(target, previous)
    _link(previous_link, current)
    say(f"Rullet tilbage: {target} viser nu versionen fra {_when(previous)}. "
        f"Kør kommandoen igen for at vende tilbage til versionen fra {_when(current)}.")


def _absolute(target: Path) -> Path:
    # Not resolve(): that would follow the very link this command swaps.
    return Path(os.path.abspath(target))


def _check_place(target: Path) -> None:
    if not target.parent.is_dir():
        raise PublishError(f"Mappen {target.parent} findes ikke. Opret den, eller vælg en anden MAPPE.")
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} er en fil, ikke en mappe. Vælg en anden MAPPE.")


_STAMP = "%Y%m%d-%H%M%S"


def _new_version(target: Path) -> Path:
    stamp = time.strftime(_STAMP)
    candidate, n = target.with_name(f".{target.name}-{stamp}"), 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = target.with_name(f".{target.name}-{stamp}-{n}")
    return candidate


def _versions(target: Path) -> list[Path]:
    pattern = re.compile(rf"\.{re.escape(target.name)}-\d{{8}}-\d{{6}}(-\d+)?")
    return [p for p in target.parent.iterdir()
            if pattern.fullmatch(p.name) and p.is_dir() and not p.is_symlink()]


def _previous_link(target: Path) -> Path:
    return target.with_name(f".{target.name}-forrige")


def _link(link: Path, version: Path) -> None:
    """Point `link` at `version` atomically: a new link beside it, renamed over the old one."""
    staging = link.with_name(f"{link.name}.ny")
    if staging.is_symlink():
        staging.unlink()
    staging.symlink_to(version.name, target_is_directory=True)  # relative: the parent may move
    os.replace(staging, link)


def _when(version: Path) -> str:
    stamp = re.search(r"(\d{8}-\d{6})", version.name)
    if stamp is None:
        return version.name
    return time.strftime("%d.%m.%Y kl. %H.%M.%S", time.strptime(stamp.group(1), _STAMP))
