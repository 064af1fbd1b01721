"""Render workers end with the build that started them.

A build killed with `kill -9` cannot tell its workers to stop. A pool worker holds both ends
of its own job queue, so it never sees the build go and waits for the next job for ever, with
its memory (about 125 MB once it has rendered). Started through the forkserver, it also holds
the pipe that would tell the forkserver its build is gone, so the forkserver stays too. Each
worker therefore watches the build process itself and leaves the moment it ends.
"""
from __future__ import annotations

import multiprocessing
import os
import select
import threading

_POLL_SECONDS = 0.5  # where the kernel cannot tell us (no pidfd), how often to look


def die_with_parent() -> None:
    """End this process when the process that started it ends. Call it first in a worker.

    The parent is the process that made the multiprocessing.Process (the build), also when the
    forkserver did the forking; outside multiprocessing, the parent process."""
    parent = multiprocessing.parent_process()
    pid = parent.pid if parent is not None else os.getppid()
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)  # already gone
    except (AttributeError, OSError):
        handle = None  # not Linux 5.3 or later: look now and then instead
    threading.Thread(target=_wait_for_end, args=(pid, handle), name="bygget-vagt", daemon=True).start()


def _wait_for_end(pid: int, handle: int | None) -> None:
    if handle is not None:
        poller = select.poll()
        poller.register(handle, select.POLLIN)  # readable once the process has ended
        poller.poll()
    else:
        while process_alive(pid):
            threading.Event().wait(_POLL_SECONDS)
    os._exit(1)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
