"""Atomic writes: all or nothing, with the file mode any new file gets."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rmf.core.atomic import Changed, Unwritable, read_with_snapshot, write_all, write_atomic
from rmf.core.errors import UsageError


def test_a_written_file_has_the_ordinary_mode(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.md"
    write_atomic(target, b"text")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert target.read_bytes() == b"text"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.md"
    target.write_bytes(b"old")

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "framework.yaml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == b"new"


def test_a_file_changed_since_its_snapshot_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "framework.yaml"
    target.write_bytes(b"old")
    _, snapshot = read_with_snapshot(target, 100)
    write_atomic(target, b"new", unchanged_since=snapshot)
    assert target.read_bytes() == b"new"
    with pytest.raises(Changed):
        write_atomic(target, b"newer", unchanged_since=snapshot)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["framework.yaml"]


def test_an_unwritable_destination_is_an_oserror_and_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(Unwritable) as caught:
        write_atomic(tmp_path, b"x")
    assert isinstance(caught.value, OSError) and isinstance(caught.value, UsageError)
    assert str(caught.value) == f"cannot write {tmp_path}: it is a folder; give a file name"


def test_several_files_are_written_all_or_none(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("old", encoding="utf-8")
    (tmp_path / "c.csv").mkdir()  # a folder where a file should go: nothing is replaced
    with pytest.raises(Unwritable):
        write_all({first: b"new", second: b"new", tmp_path / "c.csv": b"new"})
    assert first.read_text(encoding="utf-8") == "old" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "c.csv"]  # no temporaries
    write_all({first: b"new", second: b"new"})
    assert first.read_bytes() == second.read_bytes() == b"new"


def test_files_written_together_keep_the_modes_of_those_they_replace(tmp_path: Path) -> None:
    kept, fresh = tmp_path / "units.yaml", tmp_path / "roles.yaml"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_all({kept: b"new", fresh: b"new"})
    assert kept.read_bytes() == b"new"
    assert kept.stat().st_mode & 0o777 == 0o640
    assert fresh.read_bytes() == b"new"
