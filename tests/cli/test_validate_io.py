"""`rmf validate`'s inputs and outputs: standard input, report files, quiet and warnings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL, TODAY
from rmf.cli.app import app

Make = Callable[..., Path]
runner = CliRunner()
ENV = {"COLUMNS": "100", "GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": None, "NO_COLOR": None}
BROKEN = ("chair: sales-head", "chair: nobody")
WARNED = ("principles: [partner]", "principles: []")


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    done = runner.invoke(app, [*args, "--today", TODAY], env=ENV, input=stdin)
    return done.exit_code, done.stdout, done.stderr


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- standard input --------------------------------------------------------------------


def test_dash_reads_a_framework_from_standard_input(tmp_path: Path) -> None:
    code, out, _ = run("validate", "-", stdin=MINIMAL)
    assert (code, out) == (0, "✔ <stdin>: valid, no findings\n")


def test_findings_on_standard_input_are_located_in_it() -> None:
    text = MINIMAL.replace(*BROKEN)
    code, out, _ = run("validate", "-", "-f", "parsable", stdin=text)
    assert code == 1
    assert out.startswith(f"<stdin>:{line_of(text, 'chair: nobody')}:12: [error] ")


def test_stdin_filename_names_the_file_and_its_text_is_shown(framework_file: Make) -> None:
    # on disk the framework is valid: what is checked and quoted is the text given
    path = framework_file()
    text = MINIMAL.replace(*BROKEN)
    code, out, _ = run("validate", "-", "--stdin-filename", str(path), stdin=text)
    assert code == 1
    line = line_of(text, "chair: nobody")
    assert out.startswith(f"{path.as_posix()}:{line}:12  error")
    assert "│     chair: nobody" in out


def folder_framework(tmp_path: Path) -> Path:
    """The minimal framework as a folder, its roles in an included file."""
    root = tmp_path / "acme"
    root.mkdir()
    head, rest = MINIMAL.split("roles:\n", 1)
    roles, tail = rest.split("relationships:\n", 1)
    framework = f"{head}relationships:\n{tail}include: [roles.yaml]\n"
    (root / "framework.yaml").write_text(framework, encoding="utf-8")
    (root / "roles.yaml").write_text(f"roles:\n{roles}", encoding="utf-8")
    return root


def test_an_included_file_on_standard_input_is_checked_within_its_framework(
    tmp_path: Path,
) -> None:
    root = folder_framework(tmp_path)
    assert run("validate", str(root))[0] == 0
    roles = root / "roles.yaml"
    text = roles.read_text(encoding="utf-8").replace("- id: ", "- id: Not An Id ", 1)
    code, out, err = run(
        "validate", "-", "--stdin-filename", str(roles), "-f", "parsable", stdin=text
    )
    assert code == 1, out + err
    first = out.splitlines()[0]  # the framework's files, named relative to here
    assert "acme/roles.yaml:2:9: [error] role `Not An Id brm`" in first
    assert "is part of" in err
    assert run("validate", str(root))[0] == 0  # the file on disk is left as it was


def test_a_root_file_on_standard_input_finds_its_includes_beside_its_name(
    tmp_path: Path,
) -> None:
    root = folder_framework(tmp_path)
    text = (root / "framework.yaml").read_text(encoding="utf-8")
    code, out, _ = run(
        "validate", "-", "--stdin-filename", str(root / "framework.yaml"), stdin=text
    )
    assert code == 0, out
    # named elsewhere, the same text finds no roles.yaml
    code, out, _ = run("validate", "-", "--stdin-filename", str(tmp_path / "x.yaml"), stdin=text)
    assert code == 1 and "include-no-match" in out


def test_standard_input_is_read_no_further_than_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import rmf.reading.reader

    monkeypatch.setattr(rmf.reading.reader, "MAX_FILE_BYTES", 1000)
    code, out, _ = run("validate", "-", "-f", "parsable", stdin=MINIMAL + "#" * 2000 + "\n")
    assert code == 1
    assert out.startswith("<stdin>:1:1: [error] the file is larger than 1,000 bytes")
    assert out.rstrip().endswith("(too-large)")


def test_read_stream_stops_one_byte_past_the_limit() -> None:
    import io

    from rmf.core.files import read_stream

    assert read_stream(io.BytesIO(b"0123456789"), 4) == b"01234"


def test_standard_input_goes_alone(framework_file: Make) -> None:
    code, _, err = run("validate", "-", str(framework_file()), stdin=MINIMAL)
    assert code == 2 and "give it alone" in err
    code, _, err = run("validate", str(framework_file()), "--stdin-filename", "x.yaml")
    assert code == 2 and "give - as the PATH" in err


# --- report files ----------------------------------------------------------------------


def test_output_writes_the_report_to_a_file(framework_file: Make, tmp_path: Path) -> None:
    path = framework_file(BROKEN)
    report = tmp_path / "report.json"
    for option in ("-o", "--output", "--output-file"):
        code, out, _ = run("validate", str(path), "-f", "json", option, str(report))
        assert (code, out) == (1, "")
        assert json.loads(report.read_text(encoding="utf-8"))["errors"] == 1
        report.unlink()


def test_one_run_gives_annotations_and_sarif(framework_file: Make, tmp_path: Path) -> None:
    path = framework_file(BROKEN)
    sarif, junit = tmp_path / "rmf.sarif", tmp_path / "junit.xml"
    code, out, _ = run(
        "validate", str(path), "-f", "github", "--report", f"sarif:{sarif}", "--report",
        f"JUNIT:{junit}",
    )  # fmt: skip
    assert code == 1
    assert out.startswith("::error file=") and "✖" in out
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["unresolved-reference"]
    assert junit.read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("value", ["sarif", "xml:report.xml", "sarif:", ":x.sarif"])
def test_a_report_needs_a_format_and_a_file(framework_file: Make, value: str) -> None:
    code, _, err = run("validate", str(framework_file()), "--report", value)
    assert code == 2 and "--report takes FORMAT:FILE" in err


def test_a_report_that_cannot_be_written_is_a_usage_error(
    framework_file: Make, tmp_path: Path
) -> None:
    code, _, err = run("validate", str(framework_file()), "-o", str(tmp_path))
    assert code == 2 and "Traceback" not in err and str(tmp_path.name) in err


# --- quiet and warnings ----------------------------------------------------------------


def test_quiet_leaves_only_the_findings(framework_file: Make) -> None:
    code, out, _ = run("validate", "-q", str(framework_file()))
    assert (code, out) == (0, "")
    code, out, _ = run("validate", "-q", str(framework_file(BROKEN)))
    assert code == 1
    assert "unresolved-reference" in out and "✖" not in out and out.endswith("^\n")
    code, out, _ = run("validate", "--quiet", "-f", "github", str(framework_file(BROKEN)))
    assert out.splitlines()[-1].startswith("::error file=")


def test_no_warnings_leaves_warnings_out_and_they_pass_strict(framework_file: Make) -> None:
    path = str(framework_file(WARNED))
    assert run("validate", "--strict", path)[0] == 1
    code, out, _ = run("validate", "--strict", "--no-warnings", path)
    assert (code, out) == (0, f"✔ {Path(path).as_posix()}: valid, no findings\n")
    code, out, _ = run(
        "validate", "--no-warnings", "-f", "json", str(framework_file(BROKEN, WARNED))
    )
    found = json.loads(out)["results"][0]["findings"]
    assert code == 1 and {f["severity"] for f in found} == {"error"}
