"""The command line: exit codes, formats, several paths, and errors without tracebacks."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FRAMEWORKS, MINIMAL, ROOT, TODAY
from rmf import __version__
from rmf.cli.app import app

Make = Callable[..., Path]
runner = CliRunner()
BROKEN = ("chair: sales-head", "chair: nobody")
WARNED = ("principles: [partner]", "principles: []")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env or {"GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert run("--version") == (0, f"rmf {__version__}\n", "")


def test_help_documents_the_exit_codes() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "Exit codes" in out


def test_a_valid_framework_exits_0(framework_file: Make) -> None:
    code, out, _ = run("validate", str(framework_file()))
    assert code == 0 and "valid, no findings" in out


def test_errors_exit_1_and_show_the_line(framework_file: Make) -> None:
    code, out, _ = run("validate", str(framework_file(BROKEN)))
    assert code == 1
    assert "unresolved-reference" in out and "chair: nobody" in out


def test_warnings_pass_unless_strict(framework_file: Make) -> None:
    path = str(framework_file(WARNED))
    assert run("validate", path)[0] == 0
    assert run("validate", "--strict", path)[0] == 1


def test_parsable_is_one_line_per_finding(framework_file: Make) -> None:
    path = framework_file(BROKEN, WARNED)
    code, out, _ = run("validate", "--format", "parsable", "--today", TODAY, str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path.as_posix()}:9:5: [warning] principle `partner` is referenced by no policy or "
        "process; a principle nothing applies is only a slogan (unused-principle)",
        f"{path.as_posix()}:42:12: [error] governance body `steering`: `chair` names `nobody`, "
        "but there is no role with that id (unresolved-reference)",
    ]


def test_json_has_a_stable_documented_shape(framework_file: Make) -> None:
    code, out, _ = run("validate", "-f", "json", str(framework_file(BROKEN)))
    doc = json.loads(out)
    assert code == 1
    assert set(doc) == {"version", "tool", "results", "errors", "warnings"}
    [result] = doc["results"]
    assert (result["valid"], result["errors"], result["warnings"]) == (False, 1, 0)
    assert result["findings"][0] == {
        "file": Path(result["path"]).as_posix(),
        "line": 42,
        "column": 12,
        "severity": "error",
        "code": "unresolved-reference",
        "message": "governance body `steering`: `chair` names `nobody`, but there is no role "
        "with that id",
        "target": "steering",
    }


def test_github_annotations_are_chosen_on_github_actions(framework_file: Make) -> None:
    path = framework_file(BROKEN)
    code, out, _ = run("validate", str(path), env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    assert out.startswith(
        f"::error file={path.as_posix()},line=42,col=12,title=rmf unresolved-reference::"
    )


def test_sarif_is_2_1_0_with_rules_and_locations(framework_file: Make) -> None:
    code, out, _ = run("validate", "-f", "sarif", str(framework_file(BROKEN)))
    doc = json.loads(out)
    assert code == 1 and doc["version"] == "2.1.0"
    run_ = doc["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    [result] = run_["results"]
    assert rule_ids[result["ruleIndex"]] == result["ruleId"] == "unresolved-reference"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 42,
        "startColumn": 12,
        "endLine": 42,
        "endColumn": 18,
        "snippet": {"text": "nobody"},
    }


def test_several_paths_are_each_reported(framework_file: Make) -> None:
    good = FRAMEWORKS / "starter.yaml"
    code, out, _ = run("validate", "-f", "json", str(good), str(framework_file(BROKEN)))
    doc = json.loads(out)
    assert code == 1
    assert [r["valid"] for r in doc["results"]] == [True, False]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "does-not-exist.yaml"],
        ["validate", "--format", "xml", "tests"],
        ["validate", "--today", "2026-13-01", "tests/data/minimal.yaml"],
        ["validate"],
        ["validate", "tests"],  # a folder without framework.yaml
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _out, err = run(*args)
    assert code == 2
    assert "Traceback" not in err


def test_an_internal_error_exits_3_with_a_short_message(
    framework_file: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("rmf.validate.run.validate", boom)
    code, _out, err = run("validate", str(framework_file()))
    assert code == 3
    assert "internal error" in err and "--debug" in err and "Traceback" not in err
    code, _out, err = run("validate", "--debug", str(framework_file()))
    assert code == 3 and "Traceback" in err


def test_bad_yaml_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"rmf: 1\nframework: [\x00\n")
    code, out, err = run("validate", "-f", "parsable", str(path))
    assert code == 1 and "Traceback" not in out + err
    assert out.startswith(f"{path.as_posix()}:2:")


def test_python_dash_m_rmf_works() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "rmf", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout == f"rmf {__version__}\n"


def test_fmt_names_a_file_with_control_characters_escaped(tmp_path: Path) -> None:
    name = "\x1b]0;pwned\x07\x1b[1A\x1b[2K✔ valid.yaml"
    path = tmp_path / name
    path.write_text(
        MINIMAL.replace(
            "  name: Minimal framework\n  client: Minimal Co\n",
            "  client: Minimal Co\n  name: Minimal framework\n",
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["fmt", "--check", str(path)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[1A\\x1b[2K✔ valid.yaml" in result.stdout


def test_render_check_names_a_listed_file_with_control_characters_escaped(
    framework_file: Make, tmp_path: Path
) -> None:
    out = tmp_path / "rendered"
    path = str(framework_file())
    assert runner.invoke(app, ["render", path, "-o", str(out), "--today", TODAY]).exit_code == 0
    name = "positions/\x1b]0;pwned\x07\x1b[2K✔ up to date.md"
    (out / name).write_text("planted\n", encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append({"path": name, "kind": "position", "sha256": "0" * 64})
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = runner.invoke(app, ["render", path, "-o", str(out), "--check", "--today", TODAY])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "positions/\\x1b]0;pwned\\x07\\x1b[2K✔ up to date.md" in result.stdout


@pytest.mark.parametrize("fmt", ["parsable", "github", "json"])
def test_a_reader_that_stops_early_is_not_an_internal_error(fmt: str, framework_file: Make) -> None:
    import subprocess
    import sys

    # 600 business units no one manages: 600 findings, more than a pipe holds
    units = "".join(f"  - id: u{i}\n    name: U{i}\n    kind: business\n" for i in range(600))
    path = framework_file(("roles:\n", units + "roles:\n"))
    with subprocess.Popen(
        [sys.executable, "-m", "rmf", "validate", "--format", fmt, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as reader:  # `rmf validate | head -1`
        assert reader.stdout is not None and reader.stderr is not None
        assert reader.stdout.readline()
        reader.stdout.close()
        err = reader.stderr.read().decode()
        code = reader.wait()
    assert (code, err) == (1, "")
