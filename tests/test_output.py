"""output/ as a user finds it after a build: a manifest that tells the truth about every file,
unchanged files carried over, and the previous output intact after a build that failed or was
killed."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from booklet.commands import build
from booklet.commands.build import run

PUB = "content/publikationer/mini"


def quiet(_message: str) -> None:
    pass


def build_mini(root: Path, formats=("html", "docx"), **options):
    return run(root, root / "output", formats=formats, jobs=1, say=quiet, **options)


def manifest(output: Path) -> list[dict]:
    return json.loads((output / "manifest.json").read_text(encoding="utf-8"))["files"]


def files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    """Staging and moved-aside folders a build left beside output/."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".output-ny", ".output-forrige")))


def test_the_manifest_describes_every_file_truly(mini_project):
    output = mini_project / "output"
    build_mini(mini_project, formats=("html", "docx", "pdf"), variants=("samlet", "centerchef"))
    entries = manifest(output)
    assert [e["path"] for e in entries] == sorted([
        "mini/mini.html", "mini/mini.docx", "mini/mini.pdf",
        "mini/mini-centerchef.html", "mini/mini-centerchef.docx", "mini/mini-centerchef.pdf",
        "mini/mini-tilgaengelighed.html"])
    for entry in entries:
        data = (output / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert (entry["publication"], entry["variant"], entry["format"]) == (
            "mini", "centerchef" if "centerchef" in entry["path"] else "samlet",
            "tilgaengelighed" if "tilgaengelighed" in entry["path"] else entry["path"].rsplit(".", 1)[1])
        expected_pages = len(PdfReader(output / entry["path"]).pages) if entry["format"] == "pdf" else None
        assert entry["pages"] == expected_pages and (expected_pages is None or expected_pages > 1)
    # The next build's memory: one fingerprint per file in the manifest.
    state = json.loads((output / ".byggetilstand.json").read_text(encoding="utf-8"))
    assert sorted(state) == [e["path"] for e in entries] and all(len(v) == 64 for v in state.values())


def test_files_outside_a_narrowed_build_are_carried_over_as_the_same_files(mini_project):
    output = mini_project / "output"
    build_mini(mini_project)
    inodes = {path: (output / path).stat().st_ino for path in files(output) if path.startswith("mini/")}
    manifest_file = mini_project / PUB / "publikation.yml"
    manifest_file.write_text(manifest_file.read_text(encoding="utf-8").replace("Minigrundlag", "Minigrundlaget"),
                             encoding="utf-8")
    result = build_mini(mini_project, variants=("samlet",))
    own = ["mini/mini-tilgaengelighed.html", "mini/mini.docx", "mini/mini.html"]
    assert sorted(f.path for f in result.rendered) == own
    assert all((output / path).stat().st_ino == inode for path, inode in inodes.items() if path not in own)
    assert all((output / path).stat().st_ino != inodes[path] for path in own)
    assert "Minigrundlaget" in (output / "mini/mini.html").read_text(encoding="utf-8")
    # The rest were made from the old title: the next full build makes them, and only them.
    again = build_mini(mini_project)
    # ... and the publication's accessibility report, which is redone whenever one of its files is.
    assert sorted(f.path for f in again.rendered) == sorted(set(inodes) - set(own) | {"mini/mini-tilgaengelighed.html"})
    assert "Minigrundlaget" in (output / "mini/mini-centerchef.html").read_text(encoding="utf-8")
    last = build_mini(mini_project)
    assert last.unchanged and last.rendered == []


def test_a_narrowed_build_keeps_the_fingerprints_of_what_it_did_not_make(mini_project):
    build_mini(mini_project)
    narrowed = build_mini(mini_project, formats=("html",))
    assert narrowed.unchanged and narrowed.rendered == []
    full = build_mini(mini_project)
    assert full.unchanged and full.rendered == [], "a narrowed build forgot what the rest was made from"


def test_a_file_deleted_from_output_is_made_again(mini_project):
    output = mini_project / "output"
    build_mini(mini_project)
    (output / "mini/mini-direktion.docx").unlink()
    result = build_mini(mini_project)
    assert [f.path for f in result.rendered] == ["mini/mini-direktion.docx"]
    assert (output / "mini/mini-direktion.docx").is_file()
    assert {e["path"] for e in manifest(output)} == {p for p in files(output) if p.startswith("mini/")}


def test_an_unreadable_manifest_means_everything_is_made_again(mini_project):
    output = mini_project / "output"
    build_mini(mini_project)
    count = len(manifest(output))
    (output / "manifest.json").write_text("{", encoding="utf-8")
    result = build_mini(mini_project)
    assert len(result.rendered) == count and len(manifest(output)) == count


def test_a_build_that_fails_late_leaves_the_previous_output_exactly_as_it_was(mini_project, monkeypatch):
    output = mini_project / "output"
    build_mini(mini_project)
    before = files(output)
    section = mini_project / PUB / "01-indledning.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nNy tekst.\n", encoding="utf-8")

    def fail(*_args, **_kwargs):
        raise RuntimeError("disken er fuld")

    monkeypatch.setattr(build, "write_sites", fail)
    with pytest.raises(RuntimeError):
        build_mini(mini_project)
    assert files(output) == before
    assert leftovers(mini_project) == []


def test_a_build_killed_between_the_two_renames_is_recovered(mini_project):
    output = mini_project / "output"
    build_mini(mini_project)
    before = files(output)
    # What the swap leaves when killed after moving output/ aside and before moving the new one in.
    os.replace(output, mini_project / ".output-forrige")
    result = build_mini(mini_project)
    assert result.unchanged and result.rendered == []
    assert files(output) == before
    assert leftovers(mini_project) == []


def test_a_leftover_staging_folder_is_cleared_by_the_next_build(mini_project):
    output = mini_project / "output"
    build_mini(mini_project)
    # What a killed build leaves: a staging folder of its own making, half written.
    staging = mini_project / ".output-ny"
    shutil.copytree(output, staging)
    (staging / "mini" / "halvfaerdig.pdf").write_bytes(b"%PDF-")
    section = mini_project / PUB / "01-indledning.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nNy tekst.\n", encoding="utf-8")
    build_mini(mini_project)
    assert leftovers(mini_project) == []
    assert not (output / "mini" / "halvfaerdig.pdf").exists()
    assert "Ny tekst." in (output / "mini/mini.html").read_text(encoding="utf-8")
