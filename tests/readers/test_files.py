"""Content is read only from regular files inside the project, never past its limit."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from booklet.readers.files import TooLarge, Unreadable, read_project_file


def test_a_regular_file_inside_is_read(tmp_path):
    (tmp_path / "a.md").write_bytes(b"tekst")
    assert read_project_file(tmp_path / "a.md", tmp_path, 10) == b"tekst"


def test_a_link_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "a.md").write_bytes(b"tekst")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    assert read_project_file(tmp_path / "b.md", tmp_path, 10) == b"tekst"


def test_a_link_out_of_the_folder_is_refused_without_reading_it(tmp_path):
    inside = tmp_path / "content"
    inside.mkdir()
    (inside / "leak.yml").symlink_to("/etc/passwd")
    with pytest.raises(Unreadable, match="uden for projektets mappe content/") as refused:
        read_project_file(inside / "leak.yml", inside, 1_000_000)
    assert "root:" not in str(refused.value)


def test_a_device_is_refused_at_once():
    started = time.monotonic()
    with pytest.raises(Unreadable, match="ikke en almindelig fil"):
        read_project_file(Path("/dev/zero"), Path("/dev"), 1000)
    assert time.monotonic() - started < 1


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "rør.md")
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault(
        "error", pytest.raises(Unreadable, read_project_file, tmp_path / "rør.md", tmp_path, 10)))
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading a pipe waited for a writer"
    assert "ikke en almindelig fil" in str(result["error"].value)


def test_a_folder_is_not_a_file(tmp_path):
    (tmp_path / "mappe.md").mkdir()
    with pytest.raises(Unreadable, match="ikke en almindelig fil"):
        read_project_file(tmp_path / "mappe.md", tmp_path, 10)


def test_a_file_of_exactly_the_limit_is_read_whole(tmp_path):
    (tmp_path / "a.md").write_bytes(b"0123456789")
    assert read_project_file(tmp_path / "a.md", tmp_path, 10) == b"0123456789"


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    (tmp_path / "stor.md").write_bytes(b"x" * 11)
    with pytest.raises(TooLarge) as refused:
        read_project_file(tmp_path / "stor.md", tmp_path, 10)
    assert (refused.value.size, refused.value.limit) == (11, 10)


def test_a_missing_file_is_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_project_file(tmp_path / "findes-ikke.md", tmp_path, 10)


def test_a_file_over_the_limit_is_refused_in_a_danish_sentence_like_every_refusal(tmp_path):
    """A reader that catches only Unreadable tells the author 'filen ' + the message."""
    (tmp_path / "stor.md").write_bytes(b"x" * 11)
    with pytest.raises(Unreadable) as refused:
        read_project_file(tmp_path / "stor.md", tmp_path, 10)
    assert f"filen {refused.value}" == "filen er for stor."


def test_a_file_far_over_the_limit_is_refused_with_its_whole_size_unread(tmp_path):
    # The message tells the author the file's size ("filen fylder 2,5 MB"), not the limit's.
    (tmp_path / "stor.md").write_bytes(b"x" * 25)
    with pytest.raises(TooLarge) as refused:
        read_project_file(tmp_path / "stor.md", tmp_path, 10)
    assert (refused.value.size, refused.value.limit) == (25, 10)


def test_reading_and_refusing_keep_no_file_open(tmp_path):
    # `serve` reads every content file again on each save, for hours.
    (tmp_path / "a.md").write_bytes(b"tekst")
    (tmp_path / "stor.md").write_bytes(b"x" * 25)
    (tmp_path / "mappe.md").mkdir()
    open_before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        read_project_file(tmp_path / "a.md", tmp_path, 10)
        for refused in ("stor.md", "mappe.md"):
            with pytest.raises(Unreadable):
                read_project_file(tmp_path / refused, tmp_path, 10)
    assert len(os.listdir("/proc/self/fd")) == open_before


def test_a_file_that_says_it_is_empty_is_still_read_no_further_than_the_limit():
    # /proc's files (like some network file systems') give their size as 0 and then hold more;
    # so does a file that grows while it is read.
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    with pytest.raises(TooLarge) as refused:
        read_project_file(status, Path("/proc/self"), 100)
    assert (refused.value.size, refused.value.limit) == (101, 100)
