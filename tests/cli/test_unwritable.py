"""A destination that cannot be written (a folder, a file in the path, a read-only folder)
is a usage error naming it: exit 2, never an internal error."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rmf.cli.app import app

runner = CliRunner()
TIDY = "rmf: 1\nframework:\n  id: x\n"
MESSY = "framework:\n  id: x\nrmf: 1\n"
AS_ROOT = os.geteuid() == 0


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stderr


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder this user cannot write (root writes anywhere: those tests are skipped)."""
    if AS_ROOT:
        pytest.skip("root writes into read-only folders; other tests reproduce as root")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "f.yaml").write_text(MESSY, encoding="utf-8")
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_schema_onto_a_folder_names_it(tmp_path: Path) -> None:
    code, err = run("schema", "-o", str(tmp_path))
    assert code == 2
    assert f"cannot write {tmp_path}: it is a folder" in err


def test_schema_under_a_file_names_the_path(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / "file" / "schema.json"
    code, err = run("schema", "-o", str(target))
    assert code == 2
    assert f"cannot write {target}: a part of the path is a file" in err


def test_init_under_a_file_names_the_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / "file" / "acme"
    code, err = run("init", str(target))
    assert code == 2
    assert f"cannot write {target}: a part of the path is a file" in err
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_fmt_that_cannot_write_its_temporary_file_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MESSY, encoding="utf-8")
    real_open = os.open

    def read_only_folder(name: str, flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", read_only_folder)
    code, err = run("fmt", str(path))
    assert code == 2
    assert f"cannot write {path}: permission denied" in err
    assert path.read_text(encoding="utf-8") == MESSY


def test_fmt_in_a_read_only_folder(read_only: Path) -> None:
    code, err = run("fmt", str(read_only / "f.yaml"))
    assert code == 2 and f"cannot write {read_only / 'f.yaml'}: permission denied" in err
    assert (read_only / "f.yaml").read_text(encoding="utf-8") == MESSY


def test_schema_in_a_read_only_folder(read_only: Path) -> None:
    code, err = run("schema", "-o", str(read_only / "s.json"))
    assert code == 2 and f"cannot write {read_only / 's.json'}: permission denied" in err


def test_init_in_a_read_only_folder(read_only: Path) -> None:
    code, err = run("init", str(read_only / "acme"))
    assert code == 2 and f"cannot write {read_only / 'acme'}: permission denied" in err
    assert sorted(p.name for p in read_only.iterdir()) == ["f.yaml"]
