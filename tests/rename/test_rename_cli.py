"""`rmf rename` on the command line: the summary, --dry-run, --data, the default path,
a client framework beside its base, and what it says about rendered documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rename_helpers import run

from conftest import MINIMAL

Make = Callable[..., Path]


def test_help_lists_rename_after_fmt_and_documents_its_exit_codes() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert out.index(" fmt ") < out.index(" rename ") < out.index(" schema ")
    code, out, _ = run("rename", "--help")
    assert code == 0
    for words in ("--dry-run", "--data", "PROCESS.STEP", "Exit codes: 0 renamed"):
        assert words in " ".join(out.split()), words


def test_dry_run_prints_the_diff_and_writes_nothing(framework_file: Make) -> None:
    path = framework_file()
    code, out, err = run("rename", "sales", "sales-unit", str(path), "--dry-run")
    assert code == 0
    assert path.read_text(encoding="utf-8") == MINIMAL
    assert out.startswith(f"--- a/{path.as_posix()}\n+++ b/{path.as_posix()}\n")
    assert "+  - id: sales-unit\n" in out
    assert err.startswith(
        "rmf: would rename unit `sales` to `sales-unit`: 3 reference(s) in 1 file(s); "
        "nothing written\n"
    )
    assert [p.name for p in path.parent.iterdir()] == ["framework.yaml"]


def test_a_rename_says_what_it_did(framework_file: Make) -> None:
    path = framework_file()
    code, out, err = run("rename", "monthly-update", "monthly-news", str(path))
    assert code == 0
    assert (
        out
        == "renamed communication `monthly-update` to `monthly-news`: 0 reference(s) in 1 file(s)\n"
    )
    assert err == ""


def test_without_a_path_the_framework_of_the_current_folder_is_renamed(
    framework_file: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = framework_file()
    monkeypatch.chdir(path.parent)
    code, out, _ = run("rename", "steering", "steering-committee")
    assert code == 0
    assert "governance body `steering` to `steering-committee`: 1 reference(s)" in out
    assert "reported_to: [steering-committee]" in path.read_text(encoding="utf-8")


def test_a_missing_path_or_data_file_is_a_usage_error(tmp_path: Path, framework_file: Make) -> None:
    code, _, err = run("rename", "a", "b", str(tmp_path / "none"))
    assert code == 2
    assert "no such file or folder" in err
    code, _, err = run("rename", "a", "b", str(framework_file()), "--data", str(tmp_path / "m.csv"))
    assert code == 2
    assert "m.csv: no such file or folder" in err


def test_a_yaml_measurement_file_is_renamed_in_place(framework_file: Make) -> None:
    path = framework_file()
    data = path.parent / "measures.yaml"
    data.write_text(
        "# measured by the survey team\n"
        "- {indicator: satisfaction, period: '2026', value: 70}\n"
        "- indicator: \"satisfaction\"   # the annual one\n  period: '2025'\n  value: 65\n"
        "  note: satisfaction rose\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "rename", "satisfaction", "satisfaction-score", str(path), "--data", str(data)
    )
    assert code == 0, err
    assert data.read_text(encoding="utf-8") == (
        "# measured by the survey team\n"
        "- {indicator: satisfaction-score, period: '2026', value: 70}\n"
        "- indicator: \"satisfaction-score\"   # the annual one\n  period: '2025'\n  value: 65\n"
        "  note: satisfaction rose\n"
    )
    assert ": 3 reference(s) in 2 file(s)" in out


def test_a_measurement_file_that_does_not_read_is_refused(framework_file: Make) -> None:
    path = framework_file()
    data = path.parent / "measures.yaml"
    data.write_text("- {indicator: satisfaction\n", encoding="utf-8")
    code, _, err = run("rename", "satisfaction", "score", str(path), "--data", str(data))
    assert code == 1
    assert "yaml-syntax" in err
    assert path.read_text(encoding="utf-8") == MINIMAL


def client_of_minimal(tmp_path: Path) -> Path:
    """A client framework that extends the minimal one and adds a unit of its own."""
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "framework.yaml").write_text(MINIMAL, encoding="utf-8")
    client = tmp_path / "client"
    client.mkdir()
    (client / "framework.yaml").write_text(
        "rmf: 1\nextends: ../base\ninclude: [units.yaml]\nframework:\n  id: client\n"
        "  name: Client\n  client: Client Co\n  version: 1.0.0\n  status: draft\n",
        encoding="utf-8",
    )
    (client / "units.yaml").write_text(
        "units:\n  - id: field  # the field office\n    name: Field\n    kind: external\n"
        "    parent: sales\n",
        encoding="utf-8",
    )
    return client


def test_a_client_renames_its_own_ids_and_never_edits_its_base(tmp_path: Path) -> None:
    client = client_of_minimal(tmp_path)
    base = (tmp_path / "base" / "framework.yaml").read_bytes()
    code, out, err = run("rename", "field", "field-office", str(client))
    assert code == 0, err
    assert "0 reference(s) in 1 file(s)" in out
    assert (
        (client / "units.yaml")
        .read_text(encoding="utf-8")
        .startswith("units:\n  - id: field-office  # the field office\n")
    )
    for old in ("sales", "intake.capture"):
        code, _, err = run("rename", old, "x", str(client))
        assert code == 1
        assert "declared by the base framework this one extends (" in err
    assert (tmp_path / "base" / "framework.yaml").read_bytes() == base


def test_a_file_the_framework_includes_renames_in_the_whole_framework(tmp_path: Path) -> None:
    client = client_of_minimal(tmp_path)
    (client / "framework.yaml").write_text(
        (client / "framework.yaml")
        .read_text(encoding="utf-8")
        .replace("include: [units.yaml]", "include: [units.yaml, more.yaml]"),
        encoding="utf-8",
    )
    (client / "more.yaml").write_text(
        "units:\n  - id: annex\n    name: Annex\n    kind: external\n    parent: field\n",
        encoding="utf-8",
    )
    code, out, err = run("rename", "field", "field-office", str(client / "units.yaml"))
    assert code == 0, err
    assert "units.yaml is part of " in err and "; renaming in " in err
    assert "1 reference(s) in 2 file(s)" in out
    assert "parent: field-office\n" in (client / "more.yaml").read_text(encoding="utf-8")
