"""Validation findings on a terminal and in CI: control characters escaped, lines whole,
the source line read bounded."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FORGED, assert_escaped
from rmf.cli.app import app
from rmf.core.findings import Finding, Severity
from rmf.validate.report import write_text
from rmf.validate.run import Result

Make = Callable[..., Path]
runner = CliRunner()
# the role's unit, not an id: its finding quotes the text
FORGED_UNIT = ("    unit: it\n", f"    unit: {FORGED}\n")


def validate(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args], env={"COLUMNS": "100"})
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["text", "parsable", "github"])
def test_control_characters_in_a_finding_are_shown_escaped(fmt: str, framework_file: Make) -> None:
    code, out = validate("--format", fmt, str(framework_file(FORGED_UNIT)))
    assert code == 1
    assert_escaped(out)


@pytest.mark.parametrize("fmt", ["parsable", "github"])
def test_a_finding_stays_on_one_line_in_line_formats(fmt: str, framework_file: Make) -> None:
    forged = FORGED_UNIT[1].replace("✔ valid", "x\\n::notice::forged\\r\\n✔ valid")
    code, out = validate("--format", fmt, str(framework_file((FORGED_UNIT[0], forged))))
    assert code == 1
    lines = out.split("\n")
    assert lines.pop() == ""  # the output ends with a line feed
    if fmt == "github":
        assert lines.pop().startswith("✖ ")  # the summary line
    [line] = lines
    assert "\\n::notice::forged\\r\\n" in line


def test_markup_in_a_finding_is_printed_as_written(framework_file: Make) -> None:
    _, out = validate(str(framework_file(FORGED_UNIT)))
    assert "[bold red]x[/]" in out


def test_control_characters_in_a_file_name_are_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;pwned\x07\x1b[1A\x1b[2K✔ valid.yaml"
    path.write_text("rmf: 1\n", encoding="utf-8")
    for fmt in ("text", "parsable", "github"):
        code, out = validate("--format", fmt, str(path))
        assert code == 1
        assert_escaped(out)


def finding(file: str, line: int = 1, column: int = 1) -> Finding:
    return Finding("yaml-syntax", Severity.ERROR, "broken", file, line, column)


def text_of(*findings: Finding) -> str:
    out = io.StringIO()
    write_text([Result("framework", list(findings))], out)
    return out.getvalue()


def snippet(out: str) -> list[str]:
    """The source line and the caret line under a finding."""
    return [line.split("│ ", 1)[1].rstrip() for line in out.splitlines() if "│ " in line]


def test_the_source_line_is_shown_with_a_caret_under_the_column(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nbad: \x1b[2K line\n", encoding="utf-8")
    source, caret = snippet(text_of(finding(str(path), 2, 7)))
    assert source == r"bad: \x1b[2K line"
    assert caret == " " * 9 + "^"  # under `[`, past the four characters of `\x1b`


@pytest.mark.parametrize(("columns", "shown"), [(300, 200), (80, 56)])
def test_a_long_source_line_is_cut_around_the_column(
    columns: int, shown: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    path = tmp_path / "f.yaml"
    path.write_text("k: " + "a" * 5000 + "X" + "b" * 5000 + "\n", encoding="utf-8")
    source, caret = snippet(text_of(finding(str(path), 1, 5004)))
    assert len(source) == shown and source[0] == source[-1] == "…"
    assert source[len(caret) - 1] == "X" and caret.endswith(" ^")


def test_a_finding_on_a_fifo_or_device_shows_no_source_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    found: list[str] = []
    worker = threading.Thread(
        target=lambda: found.append(text_of(finding(str(fifo)), finding(os.devnull))),
        daemon=True,
    )
    worker.start()
    worker.join(60)  # a guard, not a measure: opening a FIFO to read used to wait forever
    assert found, "the reporter waited on a FIFO"
    assert snippet(found[0]) == []
    if Path("/dev/zero").exists():  # endless: reading it whole never ended
        assert snippet(text_of(finding("/dev/zero"))) == []


def test_each_finding_starts_with_its_path_line_and_column_and_is_never_wrapped_or_padded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nb: 2\n", encoding="utf-8")
    long = Finding("yaml-syntax", Severity.ERROR, "word " * 30, str(path), 2, 1)
    out = text_of(long)
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:2:1  error  word word")
    assert first.endswith("(yaml-syntax)")
    assert all(line == line.rstrip() for line in out.splitlines())
