"""The Word tests use the fault-injection helpers (copy_project, run, snapshot) from tests/corpus,
and the project helpers of tests/conftest.py: `from conftest import FIXTURES, make_project` in a
test here finds this file, so it hands them on."""
import importlib.util
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "corpus"))

_spec = importlib.util.spec_from_file_location("tests_root_conftest", TESTS / "conftest.py")
_root = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_root)
FIXTURES, REPO, make_project, run_build = _root.FIXTURES, _root.REPO, _root.make_project, _root.run_build
