"""External clients the tests read output with: skipped locally when missing, failed under CI."""
from __future__ import annotations

import os
import shutil

import pytest


def require(command: str, package: str) -> str:
    """The path of `command`; skips the test (fails it under CI=true) when it is not installed."""
    path = shutil.which(command)
    if path is None:
        reason = f"{command} mangler (Debian-pakken {package}; tests/install-tools.sh installerer den)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path
