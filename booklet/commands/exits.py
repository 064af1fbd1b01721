"""What a command's exit code means, and the errors that end a command with a code other than
"content errors". The README lists the same codes for the people who script the build."""
from __future__ import annotations

from ..errors import suggestion

OK = 0
CONTENT_ERRORS = 1  # the content has errors; each is reported with file and line
USAGE = 2  # the command line asks for something that does not exist or cannot be
BUSY = 3  # something the command needs is in use: another build in the folder, the port
INTERNAL = 4  # a fault in the tool itself, not in what the user wrote or typed
INTERRUPTED = 130  # stopped with Ctrl+C (the shell's 128 + SIGINT)


class UsageError(Exception):
    """The command line is wrong. The message is a whole Danish sentence that says what to type."""


class BusyError(Exception):
    """What the command needs is in use right now. The message says what to wait for or change."""


def not_found(what: str, name: str, valid, where: str = "") -> str:
    """"<what> 'x' findes ikke[ i <where>] – mente du 'y'?", or the valid names, as whole sentences."""
    said = f"{what} '{name}' findes ikke" + (f" i {where}" if where else "")
    hint = suggestion(name, list(valid))
    if not hint:
        return said + "."
    return said + (hint if hint.startswith((" –", ".")) else "." + hint)
