"""`rmf render` on the command line: exit codes 0/1/2, findings and errors on stderr."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from render_helpers import FIXTURES
from typer.testing import CliRunner

from conftest import TODAY
from rmf.cli.app import app

runner = CliRunner()


def rmf(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    path = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", path)
    return path


def test_render_writes_markdown_by_default(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = rmf("render", str(framework), "-o", str(out), "--today", TODAY)
    assert code == 0 and stdout == ""
    assert "rendered 16 document(s) as md" in stderr
    assert (out / "index.md").is_file() and (out / "positions" / "cio.md").is_file()
    assert (out / "charters" / "it-steering.md").is_file()
    assert (out / "relationships" / "operations-relationship.md").is_file()
    assert (out / "communication-plan.md").is_file() and (out / "manifest.json").is_file()


def test_render_writes_html_pages(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert rmf("render", str(framework), "-o", str(out), "--format", "html")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "charters",
        "communication-plan.html",
        "index.html",
        "manifest.json",
        "positions",
        "relationships",
    ]


def test_default_output_folder_is_rendered_in_the_current_folder(
    framework: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert rmf("render", str(framework), "--only", "index")[0] == 0
    assert (tmp_path / "rendered" / "index.md").is_file()
    assert "./rendered/" in rmf("render", "--help")[1]


def test_an_invalid_framework_is_refused_with_the_findings_of_validate(
    framework: Path, tmp_path: Path
) -> None:
    text = framework.read_text(encoding="utf-8").replace("chair: cio", "chair: nobody", 1)
    framework.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = rmf("render", str(framework), "-o", str(out))
    assert code == 1 and stdout == ""
    assert "unresolved-reference" in stderr and "chair: nobody" in stderr
    assert "✖" in stderr and "1 error" in stderr
    assert not out.exists()


def test_warnings_do_not_stop_rendering(framework: Path, tmp_path: Path) -> None:
    text = framework.read_text(encoding="utf-8").replace("    principles: [one-contact]\n", "")
    framework.write_text(text.replace("principles: [one-contact]", "principles: []"), "utf-8")
    code, _, stderr = rmf("render", str(framework), "-o", str(tmp_path / "out"))
    assert code == 0 and "warning(s)" in stderr


def test_a_template_error_exits_1_naming_file_and_line(framework: Path, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "index.md.j2").write_text("ok\n{{ nothing_here }}\n", encoding="utf-8")
    code, _, stderr = rmf(
        "render", str(framework), "-o", str(tmp_path / "out"), "--templates", str(templates)
    )
    assert code == 1
    assert f"{templates / 'index.md.j2'}:2:" in stderr and "nothing_here" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "odt"], "'--format' / '-f': must be md, html, docx or pdf, not 'odt'"),
        (["--only", "policy"], "--only takes"),
        (["--today", "26/11/2026"], "--today must be a date"),
        (["--templates", "no-such-folder"], "no such template folder"),
    ],
)
def test_usage_errors_exit_2(framework: Path, args: list[str], message: str) -> None:
    code, _, stderr = rmf("render", str(framework), *args)
    assert code == 2 and message in stderr


def test_a_missing_framework_exits_2(tmp_path: Path) -> None:
    code, _, stderr = rmf("render", str(tmp_path / "nothing.yaml"))
    assert code == 2 and "no such file or folder" in stderr


def test_check_exits_0_when_up_to_date_and_1_when_not(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert rmf("render", str(framework), "-o", str(out), "--check")[0] == 1
    rmf("render", str(framework), "-o", str(out))
    assert rmf("render", str(framework), "-o", str(out), "--check")[0] == 0


def test_no_progress_bar_outside_a_terminal(framework: Path, tmp_path: Path) -> None:
    code, stdout, stderr = rmf("render", str(framework), "-o", str(tmp_path / "out"))
    assert code == 0
    assert "Rendering" not in stderr and "━" not in stderr and "\x1b" not in stderr + stdout


def test_only_takes_several_kinds(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = rmf(
        "render", str(framework), "-o", str(out), "--only", "index", "--only", "communication-plan"
    )
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "communication-plan.md",
        "index.md",
        "manifest.json",
    ]
