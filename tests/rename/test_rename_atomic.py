"""A rename writes all its files or none, and never over an edit made while it ran."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from rename_helpers import examples, run, texts

import rmf.rename.plan
from rmf.core.atomic import Changed, Unwritable
from rmf.rename.plan import apply, plan

OLD, NEW = "transportation-services", "transport"


def test_a_file_edited_after_reading_stops_the_rename_before_any_write(tmp_path: Path) -> None:
    root = examples(tmp_path)
    renaming = plan(root / "edmonton", OLD, NEW)
    edited = root / "edmonton" / "units.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# the user's newer edit\n", "utf-8")
    before = texts(root)
    with pytest.raises(Changed, match=r"units\.yaml changed while rmf was working on it"):
        apply(renaming)
    assert texts(root) == before


def test_on_the_command_line_it_is_exit_2_and_the_edit_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = examples(tmp_path)
    edited = root / "edmonton" / "policies.yaml"
    real = rmf.rename.plan.find

    def and_meanwhile(*args: Any) -> Any:
        found = real(*args)
        edited.write_text(edited.read_text(encoding="utf-8") + "# saved meanwhile\n", "utf-8")
        return found

    monkeypatch.setattr(rmf.rename.plan, "find", and_meanwhile)
    code, out, err = run("rename", OLD, NEW, str(root / "edmonton"))
    after = texts(root)
    assert code == 2
    assert "policies.yaml changed while rmf was working on it; nothing was renamed" in err
    assert out == ""
    assert after["edmonton/policies.yaml"].endswith("# saved meanwhile\n")
    assert not any(NEW + "\n" in text for text in after.values())


def test_an_edit_made_before_reading_is_kept_when_the_ids_stand_where_they_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = examples(tmp_path)
    edited = root / "edmonton" / "units.yaml"
    real = rmf.rename.plan.load_source

    def and_meanwhile(*args: Any, **kwargs: Any) -> Any:
        source = real(*args, **kwargs)
        edited.write_text(edited.read_text(encoding="utf-8") + "# saved meanwhile\n", "utf-8")
        return source

    monkeypatch.setattr(rmf.rename.plan, "load_source", and_meanwhile)
    apply(plan(root / "edmonton", OLD, NEW))
    text = edited.read_text(encoding="utf-8")
    assert text.endswith("# saved meanwhile\n")
    assert "  - id: transport\n" in text


def test_an_edit_that_moved_the_ids_before_reading_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = examples(tmp_path)
    edited = root / "edmonton" / "units.yaml"
    real = rmf.rename.plan.load_source

    def and_meanwhile(*args: Any, **kwargs: Any) -> Any:
        source = real(*args, **kwargs)
        edited.write_text("# a new first line\n" + edited.read_text(encoding="utf-8"), "utf-8")
        return source

    monkeypatch.setattr(rmf.rename.plan, "load_source", and_meanwhile)
    before = texts(root)
    code, _, err = run("rename", OLD, NEW, str(root / "edmonton"))
    assert code == 1
    assert "units.yaml:" in err and "the file changed" in err
    before["edmonton/units.yaml"] = "# a new first line\n" + before["edmonton/units.yaml"]
    assert texts(root) == before


def test_a_write_that_fails_part_way_puts_back_the_files_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = examples(tmp_path)
    before = texts(root)
    real = rmf.rename.plan.write_atomic
    calls: list[Path] = []

    def fails_third(target: Path, data: bytes, unchanged_since: Any = None) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise Unwritable(target, PermissionError(errno.EACCES, "Permission denied"))
        real(target, data, unchanged_since)

    monkeypatch.setattr(rmf.rename.plan, "write_atomic", fails_third)
    code, out, err = run("rename", OLD, NEW, str(root / "edmonton"))
    assert code == 2
    assert "permission denied" in err
    assert out == ""
    assert texts(root) == before
    assert len(calls) == 3 + 2  # two files written, then put back
