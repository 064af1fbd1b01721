"""The Word tests use the fault-injection helpers (copy_project, run, snapshot) from tests/corpus."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
