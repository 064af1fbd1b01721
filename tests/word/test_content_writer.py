"""The content writer: model -> content files -> read gives the same model, for every seed
publication (locations and absolute paths aside, which name where the files lie)."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from booklet.errors import Location
from booklet.readers.project import load_project
from booklet.writers.content import write_publication

REPO = Path(__file__).resolve().parents[2]
# Every seed publication, and the fixtures' (they hold what the seeds do not: functions' blocks,
# links, emphasis, line breaks, 'ingen' and 'eksempel' blocks).
CONTENTS = [REPO / "content", REPO / "tests" / "fixtures" / "mini" / "content",
            REPO / "tests" / "fixtures" / "levels" / "content"]
SEEDS = [(content, p.name) for content in CONTENTS for p in sorted((content / "publikationer").iterdir())
         if (p / "publikation.yml").exists()]


def normalised(value, root: Path):
    """The value with every Location blanked and every path made relative to its project."""
    if isinstance(value, Location):
        return None
    if isinstance(value, Path):
        try:
            return value.relative_to(root).as_posix()
        except ValueError:
            return value.as_posix()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple((f.name, normalised(getattr(value, f.name), root)) for f in dataclasses.fields(value)
                      if f.name not in ("sources", "location")))
    if isinstance(value, (tuple, list)):
        return tuple(normalised(v, root) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, normalised(v, root)) for k, v in value.items()))
    return value


def _project(target: Path, content: Path) -> Path:
    shutil.copytree(content, target / "content")
    for shared in ("styles", "templates"):
        (target / shared).symlink_to(REPO / shared, target_is_directory=True)
    return target


@pytest.mark.parametrize("content, seed", SEEDS, ids=[seed for _, seed in SEEDS])
def test_written_content_reads_back_as_the_same_model(tmp_path: Path, content: Path, seed: str):
    root = _project(tmp_path / "projekt", content)
    original = load_project(root, only=seed).publications[0]
    folder = root / "content" / "publikationer" / seed
    for path in folder.iterdir():
        if path.is_file():
            path.unlink()  # the pictures in billeder/ stay; every text file is written anew
    write_publication(original, folder, {s.id: s.location.path.name for s in original.sections})
    again = load_project(root, only=seed)
    read, written = normalised(again.publications[0], root), normalised(original, root)
    assert read == written, first_difference(read, written)


def first_difference(a, b, path="") -> str:
    """Where two normalised models first differ, for a readable failure."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        for index, (x, y) in enumerate(zip(a, b)):
            if x != y:
                step = x[0] if isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str) else index
                return first_difference(x, y, f"{path}/{step}")
        if len(a) != len(b):
            return f"{path}: {len(a)} items read, {len(b)} written"
    return f"{path}: read {a!r}\n  written {b!r}"
