"""One build at a time per output folder: a second build says so in Danish and leaves output/
alone; the lock goes with the build that holds it, also when that build is killed."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, run_build

from booklet.commands import exits

BUSY = "et andet byg kører allerede i denne mappe"


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def start_build(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), *args], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def wait_until_building(build: subprocess.Popen) -> None:
    """The build prints its first line once it holds the lock."""
    line = build.stdout.readline()
    assert line.startswith("Bygger publikationerne"), line + build.stderr.read()


def assert_complete(output: Path) -> None:
    """Every file the manifest lists is there with its listed bytes, and the site is there."""
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]
    for entry in manifest["files"]:
        data = (output / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
    assert (output / "site" / "index.html").is_file()


def test_a_build_waits_for_no_one_and_says_another_is_running(mini_project):
    assert run_build(mini_project, "build", "--format", "html").returncode == 0
    output = mini_project / "output"
    before = snapshot(output)
    descriptor = os.open(mini_project / ".output.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        result = run_build(mini_project, "build", "--format", "html", "--format", "docx")
    finally:
        os.close(descriptor)
    assert result.returncode == exits.BUSY == 3, result.stdout + result.stderr
    assert f"build.py build: {BUSY} ({output}); vent til det er færdigt, og byg så igen. output/ er ikke " \
           "ændret." in result.stderr
    assert "Traceback" not in result.stderr and "Uventet" not in result.stderr
    assert snapshot(output) == before


def test_two_builds_at_once_one_builds_the_other_says_so(mini_project):
    first = start_build(mini_project, "build", "--format", "html", "--format", "docx")
    try:
        wait_until_building(first)
        # Held still while it holds the lock, so the second build surely meets it, however
        # slow or fast the machine is.
        first.send_signal(signal.SIGSTOP)
        second = run_build(mini_project, "build", "--format", "html")
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert second.returncode == exits.BUSY, second.stdout + second.stderr
    assert BUSY in second.stderr
    assert first.returncode == 0, out + err
    assert_complete(mini_project / "output")
    assert not (mini_project / ".output.lock").exists(), "a finished build takes its lock file with it"
    assert (mini_project / "output/mini/mini.docx").is_file()


def test_a_killed_build_leaves_the_lock_free(mini_project):
    assert run_build(mini_project, "build", "--format", "html").returncode == 0
    before = snapshot(mini_project / "output")
    killed = start_build(mini_project, "build", "--format", "docx")
    wait_until_building(killed)
    killed.kill()
    killed.communicate(timeout=60)
    assert snapshot(mini_project / "output") == before, "a killed build leaves the old output/"
    assert (mini_project / ".output.lock").exists(), "no chance to remove it; only the kernel's lock went"
    result = run_build(mini_project, "build", "--format", "html", "--format", "docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert_complete(mini_project / "output")
    assert not (mini_project / ".output.lock").exists()


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (the pool's workers sit under the forkserver, under the build)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def descendants_one_level(pid: int) -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()
            and _parent(entry) == pid]


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _parent(entry: Path) -> int | None:
    try:
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent has not collected it yet


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


POOL_PARENT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from booklet.commands.workers import die_with_parent

if __name__ == "__main__":
    context = multiprocessing.get_context(sys.argv[1])
    pool = ProcessPoolExecutor(2, mp_context=context, initializer=die_with_parent)
    print(*sorted({pool.submit(os.getpid).result() for _ in range(8)}), flush=True)
    time.sleep(300)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("method", ["forkserver", "spawn", "fork"])
def test_pool_workers_that_die_with_their_parent_end_with_a_killed_build(tmp_path, method):
    """Without it, a worker waits for its next job for ever (it holds both ends of its queue)
    and, under the forkserver, keeps the forkserver alive too."""
    script = tmp_path / "bygger.py"
    script.write_text(POOL_PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), method], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    everything = descendants(parent.pid)
    try:
        assert workers and set(workers) <= everything
        parent.kill()
        parent.wait(timeout=10)
        assert wait_for(lambda: not any(running(p) for p in everything), 10), \
            [Path(f"/proc/{p}/cmdline").read_bytes()[:80] for p in everything if running(p)]
    finally:
        for pid in everything:  # what this test started, should it fail
            if running(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_the_workers_of_a_killed_build_end_with_it(mini_project):
    build = start_build(mini_project, "build", "--format", "pdf", "--format", "pdf-print", "--jobs", "2")
    wait_until_building(build)
    # The workers are the forkserver's forks, below the build and not beside the forkserver (a
    # library look-up while the forkserver imports also runs there for a moment).
    def workers() -> set[int]:
        return {pid for pid in descendants(build.pid) - set(descendants_one_level(build.pid))
                if b"multiprocessing.forkserver" in _command_line(pid)}

    assert wait_for(lambda: len([p for p in workers() if running(p)]) >= 2, 120)
    time.sleep(1)  # rendering by now, not dying at start
    assert build.poll() is None and len([p for p in workers() if running(p)]) >= 2
    everything = descendants(build.pid)
    try:
        build.kill()
        build.wait(timeout=10)  # not communicate(): survivors would hold the pipes
        assert wait_for(lambda: not any(running(p) for p in everything), 10)
    finally:
        for pid in everything:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
