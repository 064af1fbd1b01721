"""`python build.py publish MAPPE`: put output/site/ on the web server in one step, reversibly.

MAPPE becomes a symbolic link to a version folder beside it (`.MAPPE-<tidspunkt>-<id>`). A new
version is copied in full and written to disk next to the one being shown; only then is the
link swapped, with os.replace, which is atomic: a reader gets the old site or the new one, never
a mix of the two. One publish (or rollback) at a time per MAPPE: a lock file beside it,
`.MAPPE-udgiv.lock`, held with flock, so a killed publish lets go of it too.

What publish made and what it must keep is recorded beside MAPPE in `.MAPPE-udgivelser.json`,
by absolute path: the version folders it made (the only folders it ever deletes, and only when
they are neither shown nor the previous version), the previous version (`--rollback` swaps back
to it, and a second rollback forward again), and the folders it must never delete: a plain
folder that stood at MAPPE (moved aside, so the user can go back to it) and a folder that the
link pointed at before publish took it over.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from ..output import READ_FOLDERS, lock_exclusively
from ..site import INTERNAL_MARK, SITE_FOLDER
from ..site.release import left_out, why_left_out
from .exits import BusyError, UsageError


class PublishError(Exception):
    """Something the user can put right; the message says what, in Danish."""


# Made by us: the versions, deletable once neither shown nor previous; kept: never deleted.
MADE, KEPT, PREVIOUS = "versioner", "bevarede", "forrige"
_STAMP = "%Y%m%d-%H%M%S"
# Copying is retried when a build replaces output/ meanwhile (the copy may then lack files).
_COPY_ATTEMPTS = 3


def run(site: Path, target: Path, say=print, internal: bool = False) -> None:
    """Publish `site` (the project's output/site, or output/site-intern with `internal`) at
    `target`. The public site never holds a publication that is not approved; what the build
    left out of it is said first."""
    if internal and not (site / "index.html").is_file() and (site.parent / SITE_FOLDER / "index.html").is_file():
        raise PublishError(f"Der er intet internt site i {site}: ved sidste byg var alle publikationer godkendt, "
                           "så der var ingen kladder at vise. Udgiv det offentlige site uden --intern.")
    if not (site / "index.html").is_file():
        raise PublishError(f"Der er intet site at udgive i {site}: forsiden index.html mangler. Byg det "
                           "først med 'python build.py'.")
    if not internal:
        _refuse_drafts(site)
    target = _place(target, project=site.parent.parent)
    _say_left_out(site.parent, internal, say)
    with _only_publish(target):
        _refuse_foreign_folder(target)
        if internal:
            _refuse_public_target(target)
        state = _load(target)
        shown = _shown(target)
        new = _new_folder(target, "")
        # Recorded before the copy: a publish killed while copying leaves a folder the next
        # publish knows to be its own and removes.
        state[MADE].append(str(new))
        _save(target, state)
        files = _copy(site, new, target)
        previous = shown if shown is not None else _recorded_previous(target, state)
        if target.is_symlink() and shown is None:
            say(f"{target} pegede på {os.readlink(target)}, som ikke findes eller ikke er en mappe."
                + ("" if previous else " Der er derfor ingen forrige version at gå tilbage til."))
        elif shown is not None and str(shown) not in state[MADE] + state[KEPT]:
            state[KEPT].append(str(shown))
            say(f"{target} pegede på {shown}, som publish ikke har lavet. Den mappe bliver ikke rørt, og "
                "--rollback kan pege tilbage på den.")
        elif not target.is_symlink() and target.is_dir():
            # Adopting a folder published some other way: moving it aside and linking are two
            # steps, so only this first time is there a moment without a site.
            previous = _new_folder(target, "oprindelig-", create=False)
            os.rename(target, previous)
            state[KEPT].append(str(previous))
            say(f"{target} var en almindelig mappe. Den er flyttet til {previous} og bliver der: publish "
                "sletter den aldrig, så du kan gå tilbage til den med --rollback eller selv slette den, "
                "når du ikke skal bruge den mere.")
        state[PREVIOUS] = None if previous is None else str(previous)
        _save(target, state)
        _link(target, new)
        _remove_old_versions(target, state, keep={new, previous})
        _save(target, state)
    say(f"Udgivet: {target} viser nu sitet fra {site} ({files} {'fil' if files == 1 else 'filer'}).")
    if previous is not None:
        say(f"Den forrige version er gemt. 'python build.py publish --rollback {target}' går tilbage til den.")


def rollback(target: Path, say=print) -> None:
    target = _place(target)
    with _only_publish(target):
        state = _load(target)
        current = _shown(target)
        previous = _recorded_previous(target, state) if target.is_symlink() else None
        if previous is None or previous == current:
            recorded = state[PREVIOUS]
            why = (f" Den forrige version, {recorded}, findes ikke længere."
                   if recorded and not Path(recorded).is_dir() else "")
            raise PublishError(f"Der er ingen tidligere version af {target} at gå tilbage til.{why}")
        _link(target, previous)
        known = state[MADE] + state[KEPT]
        state[PREVIOUS] = str(current) if current is not None and str(current) in known else None
        _save(target, state)
    back = (f" Kør kommandoen igen for at vende tilbage til versionen fra {_when(current)}."
            if state[PREVIOUS] else "")
    say(f"Rullet tilbage: {target} viser nu versionen fra {_when(previous)}.{back}")


def _place(target: Path, project: Path | None = None) -> Path:
    """`target` as an absolute path whose folder has no symbolic links in it (the link itself
    is what publish swaps, so it is not followed); refused where publishing would harm the
    project or could never work."""
    absolute = Path(os.path.abspath(target))
    if absolute.parent == absolute:
        raise UsageError(f"MAPPE kan ikke være {absolute}, filsystemets rod. Vælg en mappe under den, "
                         "fx /srv/www/ledelse.")
    target = Path(os.path.realpath(absolute.parent)) / absolute.name
    if project is not None:
        project = Path(os.path.realpath(project))
        for label, folder in (("projektets mappe", project),
                              *((f"projektets {name}/", Path(os.path.realpath(project / name)))
                                for name in READ_FOLDERS)):
            if _within(target, folder) or _within(folder, target):
                where = "ligger i" if _within(target, folder) else "rummer"
                raise UsageError(f"MAPPE {target} {where} {label} ({folder}). Sitet udgives til en mappe uden "
                                 "for projektet, fx /srv/www/ledelse; ellers ville hver udgivelse komme med i "
                                 "den næste, eller projektet blive flyttet væk.")
    if not target.parent.is_dir():
        raise UsageError(f"mappen {target.parent} findes ikke. Opret den, eller vælg en anden MAPPE.")
    if target.exists() and not target.is_symlink() and not target.is_dir():
        raise UsageError(f"{target} er en fil, ikke en mappe. Vælg en anden MAPPE.")
    return target


def _refuse_drafts(site: Path) -> None:
    """However the folder came to be, a site with a review mark or a draft's banner on a page is
    not published as the public one."""
    if (site / INTERNAL_MARK).exists():
        raise PublishError(f"{site} er det interne gennemsynssite med kladder. Det udgives kun med --intern, "
                           "til en anden mappe end det offentlige site.")
    marked = sorted(str(page.relative_to(site)) for page in site.rglob("*.html")
                    if 'class="status-banner' in page.read_text(encoding="utf-8", errors="replace"))
    if marked:
        shown = ", ".join(marked[:3]) + (f" og {len(marked) - 3} sider mere" if len(marked) > 3 else "")
        raise PublishError(f"sitet i {site} viser publikationer, der ikke er godkendt ({shown}), og udgives ikke. "
                           "Byg igen med 'python build.py': det offentlige site får kun de godkendte med.")


def _refuse_public_target(target: Path) -> None:
    """The review site is never put where the public site is shown."""
    shown = _shown(target) if target.is_symlink() else target if target.is_dir() else None
    if shown is not None and (shown / "index.html").is_file() and not (shown / INTERNAL_MARK).exists():
        raise UsageError(f"{target} viser det offentlige site. Det interne gennemsynssite med kladder udgives til "
                         f"en anden mappe, fx {target.with_name(target.name + '-intern')}, som kun de, der skal "
                         f"læse kladderne, har adgang til. {target} er ikke ændret.")


def _say_left_out(output_root: Path, internal: bool, say) -> None:
    entries = left_out(output_root)
    if not entries:
        return
    if internal:
        say(f"Det interne site viser {len(entries)} publikationer, der ikke er godkendt, med mærket KLADDE eller "
            "TIL GODKENDELSE: " + ", ".join(f"{e['id']} ({e['status']})" for e in entries) + ".")
        return
    say(f"Ikke udgivet: {len(entries)} {'publikation er' if len(entries) == 1 else 'publikationer er'} ikke "
        "godkendt og er ikke med på sitet:")
    for entry in entries:
        say(f"  {why_left_out(entry)}")


def _refuse_foreign_folder(target: Path) -> None:
    """A plain folder at MAPPE is moved aside (and kept) only when it is a website or empty:
    anything else is somebody's files, which do not belong behind a web server's link."""
    if target.is_symlink() or not target.is_dir():
        return
    if any(target.iterdir()) and not (target / "index.html").is_file():
        raise UsageError(f"{target} er en mappe med filer, men ikke et website (der er ingen index.html). "
                         "publish gør MAPPE til et link og ville flytte filerne væk. Vælg en anden MAPPE, "
                         "eller flyt filerne først.")


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@contextmanager
def _only_publish(target: Path):
    lock = target.with_name(f".{target.name}-udgiv.lock")
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise PublishError(f"Kan ikke oprette låsefilen {lock} ({exc.strerror or exc}). Tjek, at du har "
                           f"skriveadgang til {target.parent}.") from None
    try:
        if not lock_exclusively(descriptor, wait=False):
            raise BusyError(f"en anden udgivelse til {target} er i gang lige nu. Vent, til den er færdig, "
                            f"og prøv så igen. {target} er ikke ændret.")
        yield
    finally:
        os.close(descriptor)


def _state_file(target: Path) -> Path:
    return target.with_name(f".{target.name}-udgivelser.json")


def _load(target: Path) -> dict:
    """The record of what publish made and keeps. A record that cannot be read counts as empty:
    then nothing is known to be publish's own, so nothing is deleted."""
    empty = {MADE: [], KEPT: [], PREVIOUS: None}
    try:
        data = json.loads(_state_file(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return empty
    if not (isinstance(data, dict) and set(data) == set(empty)
            and all(isinstance(data[k], list) and all(isinstance(p, str) and os.path.isabs(p) for p in data[k])
                    for k in (MADE, KEPT))
            and (data[PREVIOUS] is None or isinstance(data[PREVIOUS], str) and os.path.isabs(data[PREVIOUS]))):
        return empty
    return data


def _save(target: Path, state: dict) -> None:
    path = _state_file(target)
    staging = path.with_name(f"{path.name}.{os.getpid()}.ny")
    with open(staging, "w", encoding="utf-8") as stream:
        stream.write(json.dumps(state, ensure_ascii=False, indent=2) + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(staging, path)


def _shown(target: Path) -> Path | None:
    """The folder MAPPE's link shows, as an absolute path; None when it shows nothing."""
    if not target.is_symlink():
        return None
    shown = Path(os.path.realpath(target))
    return shown if shown.is_dir() else None


def _recorded_previous(target: Path, state: dict) -> Path | None:
    """The recorded previous version, if it is still a folder publish made or keeps."""
    recorded = state[PREVIOUS]
    if recorded is None or recorded not in state[MADE] + state[KEPT]:
        return None
    previous = Path(recorded)
    if previous.is_symlink() or not previous.is_dir():
        return None
    if recorded in state[MADE] and not (_is_our_name(target, previous) and (previous / "index.html").is_file()):
        return None
    return previous


def _new_folder(target: Path, kind: str, create: bool = True) -> Path:
    """A name beside `target` that was never used: the time, this process and a random part."""
    while True:
        folder = target.with_name(f".{target.name}-{kind}{time.strftime(_STAMP)}-{os.getpid()}-"
                                  f"{secrets.token_hex(4)}")
        if not create:
            if not (folder.exists() or folder.is_symlink()):
                return folder  # free, and under the lock no other publish takes it
            continue
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise PublishError(f"Kan ikke skrive i {target.parent} ({exc.strerror or exc}). "
                               "Tjek, at du har skriveadgang til mappen.") from None
        return folder


def _is_our_name(target: Path, folder: Path) -> bool:
    pattern = rf"\.{re.escape(target.name)}-\d{{8}}-\d{{6}}-\d+-[0-9a-f]{{8}}"
    return folder.parent == target.parent and re.fullmatch(pattern, folder.name) is not None


def _copy(site: Path, new: Path, target: Path) -> int:
    """Copy the site into `new` and onto the disk; the number of files. A build that replaces
    output/ during the copy removes the old site under it, so then the copy is made again."""
    for _ in range(_COPY_ATTEMPTS):
        before = _identity(site)
        try:
            shutil.copytree(site, new, dirs_exist_ok=True)
        except OSError as exc:
            if _identity(site) == before:
                shutil.rmtree(new, ignore_errors=True)
                raise PublishError(f"Kan ikke skrive i {target.parent} ({exc.strerror or exc}). "
                                   "Tjek, at du har skriveadgang til mappen, og at der er plads på disken.") from None
        else:
            if before is not None and _identity(site) == before:
                return _write_to_disk(new)
        shutil.rmtree(new)
        new.mkdir()
    shutil.rmtree(new, ignore_errors=True)
    raise PublishError(f"output/ blev bygget om, hver gang sitet blev kopieret. Vent, til bygget er "
                       f"færdigt, og udgiv så igen. {target} er ikke ændret.")


def _identity(site: Path) -> tuple | None:
    """Changes when a build swaps output/ (a new folder takes its name)."""
    try:
        return tuple((s.st_dev, s.st_ino, s.st_ctime_ns) for s in (os.stat(site.parent), os.stat(site)))
    except OSError:
        return None


def _write_to_disk(folder: Path) -> int:
    """fsync every file and folder, so the link never points at a version a power cut can
    leave half written; the number of files."""
    files = 0
    for path in [*folder.rglob("*"), folder]:
        if path.is_file():
            files += 1
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    return files


def _link(target: Path, version: Path) -> None:
    """Point `target` at `version` atomically: a new link beside it, renamed over the old one.
    A version beside the target is linked by name, so the web root can be moved as a whole."""
    pointer = version.name if version.parent == target.parent else str(version)
    staging = _new_folder(target, "link-", create=False)
    staging.symlink_to(pointer, target_is_directory=True)
    try:
        os.replace(staging, target)
    except OSError:
        staging.unlink()
        raise
    descriptor = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_old_versions(target: Path, state: dict, keep: set) -> None:
    """Delete the versions publish made that are neither shown nor the previous one; a folder
    is only deleted when it is in the record, carries publish's name and is a real folder."""
    kept = {str(p) for p in keep if p is not None}
    for recorded in list(state[MADE]):
        if recorded in kept:
            continue
        folder = Path(recorded)
        if _is_our_name(target, folder) and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
        state[MADE].remove(recorded)


def _when(version: Path | None) -> str:
    stamp = re.search(r"(\d{8}-\d{6})-\d+-[0-9a-f]{8}$", version.name) if version is not None else None
    if stamp is None:
        return str(version)
    return time.strftime("%d.%m.%Y kl. %H.%M.%S", time.strptime(stamp.group(1), _STAMP))
