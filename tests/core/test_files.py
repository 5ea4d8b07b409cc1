"""The one reader of input files: regular files only, never past the cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rmf.core.files import FileProblem, given, given_file, inside, open_binary, read_regular


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n")
    assert read_regular(path) == b"a: 1\n"


def test_a_file_over_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileProblem) as caught:
        read_regular(path, limit=100)
    assert caught.value.code == "too-large"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="folder") as caught:
        read_regular(tmp_path)
    assert caught.value.code == "unreadable"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_and_never_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "framework.yaml"
    os.mkfifo(pipe)  # nobody writes to it: reading would wait for ever
    with pytest.raises(FileProblem, match="not a regular file"):
        read_regular(pipe)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_a_device_that_never_ends_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "base.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(FileProblem, match="not a regular file"):
        read_regular(link)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="cannot read"):
        read_regular(tmp_path / "nope.yaml")


def test_inside_follows_links(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "secret").write_text("s")
    (tmp_path / "in" / "ok").write_text("k")
    (tmp_path / "in" / "away").symlink_to(tmp_path / "secret")
    assert inside(tmp_path / "in" / "ok", tmp_path / "in")
    assert not inside(tmp_path / "in" / "away", tmp_path / "in")
    assert not inside(tmp_path / "in" / ".." / "secret", tmp_path / "in")


def test_a_link_loop_is_not_inside_anything(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert not inside(tmp_path / "a", tmp_path)


def test_a_given_file_reads_as_its_text_only_while_given(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"on: disk\n")
    with given_file(path, b"in: editor\n"):
        assert read_regular(path) == b"in: editor\n"
        assert given(tmp_path / "." / "f.yaml") == b"in: editor\n"  # the same file
        with open_binary(path) as handle:
            assert handle.read() == b"in: editor\n"
        # a path with no file behind it reads too: an editor's new, unsaved file
        with given_file(tmp_path / "new.yaml", b"new: 1\n"):
            assert read_regular(tmp_path / "new.yaml") == b"new: 1\n"
            assert read_regular(path) == b"in: editor\n"
        assert given(tmp_path / "new.yaml") is None
    assert read_regular(path) == b"on: disk\n"
    assert given(path) is None


def test_a_given_file_keeps_the_cap(tmp_path: Path) -> None:
    with given_file(tmp_path / "f.yaml", b"x" * 11), pytest.raises(FileProblem) as caught:
        read_regular(tmp_path / "f.yaml", 10)
    assert caught.value.code == "too-large"


def test_an_empty_file_and_a_file_of_exactly_the_cap_are_read(tmp_path: Path) -> None:
    empty, full = tmp_path / "empty.yaml", tmp_path / "full.yaml"
    empty.write_bytes(b"")
    full.write_bytes(b"x" * 64)
    assert read_regular(empty) == b""
    assert read_regular(full, limit=64) == b"x" * 64
    with pytest.raises(FileProblem):
        read_regular(full, limit=63)


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no named pipes or O_NOFOLLOW here")
def test_a_file_seen_in_a_listing_is_read_and_checked_all_the_same(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"# Page\n")
    assert read_regular(page, listed=True) == b"# Page\n"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # swapped in after the listing: still refused, never waited on
    with pytest.raises(FileProblem, match="not a regular file"):
        read_regular(pipe, listed=True)
    link = tmp_path / "link.md"
    link.symlink_to(page)  # a link put where a file was listed is not followed
    with pytest.raises(FileProblem, match="cannot read"):
        read_regular(link, listed=True)
