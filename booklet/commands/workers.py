"""Render workers end with the build that started them.

A build killed with `kill -9` cannot tell its workers to stop, and a worker busy with a long
PDF only notices that its build is gone when it tries to hand in the result; until then it
holds its memory (about 125 MB each). The kernel can send the worker a signal when its parent
dies (Linux' PR_SET_PDEATHSIG); elsewhere a thread watches for the parent to change.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_SECONDS = 1.0


def die_with_parent() -> None:
    """Make this process end when its parent process ends. Call it first in a worker."""
    parent = os.getppid()
    if not (sys.platform.startswith("linux") and _set_parent_death_signal()):
        threading.Thread(target=_watch, args=(parent,), name="forældre-vagt", daemon=True).start()
    # The parent may have died before the signal was asked for; then it never comes.
    if os.getppid() != parent:
        os._exit(1)


def _set_parent_death_signal() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    # An orphan is adopted by another process, so its parent id changes.
    while os.getppid() == parent:
        threading.Event().wait(_WATCH_SECONDS)
    os._exit(1)
