"""External clients the tests read output with: skipped locally when missing, failed under CI.

tests/install-tools.sh installs them (Debian packages, npm packages); the Python ones come with
the test extras of pyproject.toml."""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys

import pytest


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def require(command: str, package: str, source: str = "Debian-pakken") -> str:
    """The path of `command`; skips the test (fails it under CI=true) when it is not installed."""
    path = shutil.which(command)
    if path is None:
        _missing(f"{command} mangler ({source} {package}; tests/install-tools.sh installerer den)")
    return path


def require_python_tool(module: str, package: str) -> list[str]:
    """The command line that runs `python -m module` in this interpreter (a tool from the test
    extras, whose script need not be on PATH); skips (fails under CI=true) when not installed."""
    if importlib.util.find_spec(module) is None:
        _missing(f"{module} mangler (PyPI-pakken {package}; `make test` installerer testens ekstrapakker)")
    return [sys.executable, "-m", module]
