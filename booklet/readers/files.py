"""Opening a file that the content names: a regular file inside the project, read no further
than its limit.

A link in content/ can point anywhere on the machine (/etc/passwd, a colleague's home
folder), and a "file" can be a device that never ends (/dev/zero) or a pipe that never
answers. Every reader opens through `read_project_file`, so a build reads only the project's
own files, in bounded memory and time, and never prints what lies outside it.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


class Unreadable(Exception):
    """The file may not or cannot be read. The message is the rest of a Danish sentence about
    the file ("filen " + message), ending with what to do."""


class TooLarge(Unreadable):
    def __init__(self, size: int, limit: int):
        super().__init__("er for stor.")
        self.size = size
        self.limit = limit


def read_project_file(path: Path, within: Path, limit: int) -> bytes:
    """The bytes of `path`, which must resolve (links followed) to a regular file inside
    `within` (itself resolved, so a project whose styles/ is a link works), and hold at most
    `limit` bytes. Raises FileNotFoundError when there is no file, Unreadable otherwise."""
    resolved = path.resolve()
    if not resolved.is_relative_to(within.resolve()):
        raise Unreadable(f"er et link til noget uden for projektets mappe {within.name}/. Læg selve "
                         "filen i projektet i stedet for et link.")
    # O_NONBLOCK: opening a pipe must not wait for a writer that never comes.
    descriptor = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable("er ikke en almindelig fil (men fx en enhed, et rør eller en mappe). "
                             "Læg en almindelig fil i stedet.")
        if status.st_size > limit:
            raise TooLarge(status.st_size, limit)
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:  # it grew while we read
        raise TooLarge(len(data), limit)
    return data
