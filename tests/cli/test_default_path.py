"""Without PATH, `rmf validate` and `rmf render` take the framework of the current
folder or the nearest folder above it, as git finds its repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL
from rmf.cli.app import app
from rmf.reading.loader import find_framework

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "client"
    (folder / "roles").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    (folder / "framework.yaml").write_text(MINIMAL, encoding="utf-8")
    return folder


def test_validate_finds_the_framework_from_a_folder_below_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "roles")
    result = runner.invoke(app, ["validate", "--today", "2026-06-01"])
    assert result.exit_code == 0, result.stderr
    assert ".." in result.stdout and "valid" in result.stdout


def test_render_without_path_writes_beside_the_framework(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "roles")
    result = runner.invoke(app, ["render", "--today", "2026-06-01"])
    assert result.exit_code == 0, result.stderr
    assert (project / "rendered" / "manifest.json").is_file()
    assert not (project / "roles" / "rendered").exists()


def test_without_a_framework_above_it_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2 and "no framework.yaml" in result.stderr


def test_the_search_stops_at_the_top_of_the_repository(tmp_path: Path) -> None:
    (tmp_path / "framework.yaml").write_text(MINIMAL, encoding="utf-8")
    inner = tmp_path / "other-repo" / "docs"
    inner.mkdir(parents=True)
    (tmp_path / "other-repo" / ".git").mkdir()
    assert find_framework(inner) is None
    assert find_framework(tmp_path / "other") == tmp_path


def test_a_path_to_an_included_file_validates_the_framework_that_includes_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project / "framework.yaml"
    root.write_text(
        MINIMAL.replace("rmf: 1\n", "rmf: 1\ninclude: [roles/more.yaml]\n").replace(
            "quorum: 2", "quorum: 7"
        ),
        encoding="utf-8",
    )
    (project / "roles" / "more.yaml").write_text(
        "roles:\n  - id: analyst\n    title: Analyst\n    unit: nowhere\n"
        "    purpose: Analyses.\n    responsibilities:\n      - text: Analyse.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["validate", "roles/more.yaml", "-f", "parsable"])
    assert result.exit_code == 1
    assert "is part of" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("roles/more.yaml:4:") and "nowhere" in lines[0]
    assert any(line.startswith("framework.yaml:") and "quorum" in line for line in lines)
