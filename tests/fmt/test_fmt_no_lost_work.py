"""`rmf fmt` loses no work: an edit made while it runs is kept, and temporary files left
by a killed run are removed by the next one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rmf.fmt.files
from rmf.cli.app import app
from rmf.core.atomic import temporary_name

runner = CliRunner()
MESSY = "framework:\n  id: x\nrmf: 1\n"
CANONICAL = "rmf: 1\nframework:\n  id: x\n"
EDIT = "framework:\n  id: y  # the user's newer edit\nrmf: 1\n"


def test_an_edit_made_while_fmt_runs_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MESSY, encoding="utf-8")
    real = rmf.fmt.files.format_text

    def and_meanwhile(text: str, display: str = "<text>") -> str:
        out = real(text, display)
        path.write_text(EDIT, encoding="utf-8")  # the user saves in an editor
        return out

    monkeypatch.setattr(rmf.fmt.files, "format_text", and_meanwhile)
    result = runner.invoke(app, ["fmt", str(path)])
    assert result.exit_code == 2
    assert f"{path} changed while rmf was working on it" in result.stderr
    assert "0 file(s) reformatted" in result.stderr
    assert path.read_text(encoding="utf-8") == EDIT
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_an_edit_of_the_same_size_and_time_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MESSY, encoding="utf-8")
    real = rmf.fmt.files.format_text

    def and_meanwhile(text: str, display: str = "<text>") -> str:
        out = real(text, display)
        before = path.stat()
        path.write_text(MESSY.replace("x", "z"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        return out

    monkeypatch.setattr(rmf.fmt.files, "format_text", and_meanwhile)
    assert runner.invoke(app, ["fmt", str(path)]).exit_code == 2
    assert path.read_text(encoding="utf-8") == MESSY.replace("x", "z")


def finished_pid() -> int:
    """The PID of a process that has ended."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def test_fmt_removes_temporary_files_of_killed_runs_and_leaves_others(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MESSY, encoding="utf-8")
    stale = temporary_name(path, finished_pid())
    stale.write_text("half a fra", encoding="utf-8")
    running = temporary_name(path, 1)  # PID 1 runs as long as the machine does
    running.write_text("in progress", encoding="utf-8")
    not_ours = tmp_path / ".f.yaml.1234.tmp"
    not_ours.write_text("someone else's", encoding="utf-8")
    assert runner.invoke(app, ["fmt", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["f.yaml", running.name, not_ours.name]
    )
