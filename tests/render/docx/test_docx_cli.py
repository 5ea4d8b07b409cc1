"""`rmf render -f docx` on disk: a manifest of binary files, --check, nothing rewritten."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx_helpers import FIXTURES
from typer.testing import CliRunner

from conftest import TODAY
from rmf.cli.app import app

runner = CliRunner()


def rmf(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", "--today", TODAY, *args])
    return result.exit_code, result.stderr


def test_docx_output_has_a_manifest_and_checks_clean(tmp_path: Path) -> None:
    framework = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", framework)
    out = tmp_path / "out"
    code, err = rmf(str(framework), "-o", str(out), "-f", "docx")
    assert code == 0, err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "docx"
    assert {f["path"] for f in manifest["files"]} >= {"index.docx", "positions/cio.docx"}
    assert rmf(str(framework), "-o", str(out), "-f", "docx", "--check")[0] == 0
    code, err = rmf(str(framework), "-o", str(out), "-f", "docx")
    assert code == 0 and "0 written" in err
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace("Relationship Manager", "Account Manager", 1), "utf-8")
    assert rmf(str(framework), "-o", str(out), "-f", "docx", "--check")[0] == 1


def test_markdown_output_of_an_earlier_run_is_never_removed_by_docx(tmp_path: Path) -> None:
    framework = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", framework)
    out = tmp_path / "out"
    assert rmf(str(framework), "-o", str(out))[0] == 0
    markdown = sorted(out.rglob("*.md"))
    assert rmf(str(framework), "-o", str(out), "-f", "docx")[0] == 2
    assert sorted(out.rglob("*.md")) == markdown and not list(out.rglob("*.docx"))
    assert rmf(str(framework), "-o", str(tmp_path / "word"), "-f", "docx")[0] == 0
    assert (tmp_path / "word" / "positions" / "cio.docx").is_file()
