"""`rmf fmt` on the command line: --check, atomic writes, refusals and exit codes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import FRAMEWORKS
from rmf.cli.app import app

runner = CliRunner()
MESSY = "framework:\n    name: X   # the name\n    id: x\nrmf: 1\n"
CANONICAL = "rmf: 1\nframework:\n  id: x\n  name: X   # the name\n"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fmt_rewrites_a_messy_file_and_reports_it(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MESSY, encoding="utf-8")
    path.chmod(0o640)
    code, out, err = run("fmt", str(path))
    assert code == 0
    assert out == f"reformatted {path.as_posix()}\n"
    assert "1 file(s) reformatted" in err
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]  # no temporary file left


def test_check_lists_files_that_would_change_and_writes_nothing(tmp_path: Path) -> None:
    messy, tidy = tmp_path / "messy.yaml", tmp_path / "tidy.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(CANONICAL, encoding="utf-8")
    code, out, _ = run("fmt", "--check", str(messy), str(tidy))
    assert code == 1
    assert out == f"would reformat {messy.as_posix()}\n"
    assert messy.read_text(encoding="utf-8") == MESSY


def test_check_passes_on_formatted_files(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(CANONICAL, encoding="utf-8")
    assert run("fmt", "--check", str(path))[:2] == (0, "")


def test_a_folder_formats_the_root_file_and_every_included_file(tmp_path: Path) -> None:
    folder = tmp_path / "edmonton"
    shutil.copytree(FRAMEWORKS / "edmonton", folder)
    shutil.copytree(FRAMEWORKS / "base", tmp_path / "base")  # what Edmonton extends
    code, _, _ = run("fmt", str(folder))
    assert code == 0
    assert run("fmt", "--check", str(folder))[0] == 0
    assert run("validate", str(folder))[0] == 0


def test_unreadable_yaml_is_refused_with_its_findings_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("rmf: 1\nrmf: 2\n", encoding="utf-8")
    before = os.stat(path).st_mtime_ns
    code, out, err = run("fmt", str(path))
    assert code == 1 and out == ""
    assert "2:1" in err and "duplicate-key" in err
    assert os.stat(path).st_mtime_ns == before


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("fmt", str(tmp_path / "nope.yaml"))
    assert code == 2 and "no such file" in err
