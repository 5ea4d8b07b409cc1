"""Reports for CI services: GitHub's summary line and step summary, GitLab Code Quality,
JUnit XML, and waived findings in JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from conftest import FORGED, TODAY
from rmf.cli.app import app
from rmf.core.findings import Finding, Severity
from rmf.validate.ci import GITHUB_SHOWN, step_summary
from rmf.validate.run import Result

Make = Callable[..., Path]
runner = CliRunner()
DAY = date.fromisoformat(TODAY)
BROKEN = ("chair: sales-head", "chair: nobody")
WARNED = ("principles: [partner]", "principles: []")
WAIVERS = (
    "waivers:\n  - {rule: unused-principle, target: partner, reason: Adopted next year.,"
    " owner: brm, expires: 2099-12-31}\n"
)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--today", TODAY, *args], env=env or {})
    return result.exit_code, result.stdout, result.stderr


def many(n: int) -> Result:
    found = [
        Finding("yaml-syntax", Severity.ERROR, f"broken {i}", "f.yaml", i, 1) for i in range(n)
    ]
    return Result("f.yaml", found)


# --- GitHub -----------------------------------------------------------------------


def test_github_annotations_end_with_a_summary_line(framework_file: Make) -> None:
    path = framework_file(BROKEN, WARNED)
    code, out, _ = run("-f", "github", str(path), env={"GITHUB_STEP_SUMMARY": ""})
    lines = out.splitlines()
    assert code == 1 and len(lines) == 3
    assert [line.split(" ", 1)[0] for line in lines[:2]] == ["::warning", "::error"]
    assert lines[2] == f"✖ {path.as_posix()}: 1 error, 1 warning"


def test_past_ten_annotations_the_summary_says_where_the_rest_are() -> None:
    import io

    from rmf.validate.ci import write_github

    out = io.StringIO()
    write_github([many(GITHUB_SHOWN)], out)
    assert out.getvalue().splitlines()[-1] == "✖ f.yaml: 10 errors, 0 warnings"
    out = io.StringIO()
    write_github([many(GITHUB_SHOWN + 1)], out)
    assert "every finding is listed above" in out.getvalue().splitlines()[-1]


def test_the_step_summary_gets_a_table_of_every_finding(
    framework_file: Make, tmp_path: Path
) -> None:
    path = framework_file(BROKEN, WARNED)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    code, _, err = run("-f", "github", str(path), env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text(encoding="utf-8")
    assert code == 1 and err == ""
    assert text.startswith("earlier step\n### rmf validate\n")  # added to, never replaced
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 2  # the header and a row per finding
    assert rows[2].startswith("| error | ") and rows[2].endswith(r"| unresolved\-reference |")


def test_the_step_summary_lists_waived_findings_with_their_reason(framework_file: Make) -> None:
    from rmf.validate.run import validate

    result = validate(framework_file(WARNED, extra=WAIVERS), DAY)
    text = step_summary([result])
    assert "1 waived" in text and "Waived, not counted" in text
    assert text.rstrip().splitlines()[-1].endswith(r"| Adopted next year\. |")


def test_the_step_summary_shows_a_framework_s_text_as_text(framework_file: Make) -> None:
    from rmf.validate.run import validate

    forged = '"Ships [a link](https://example.com) ![img](x.png) <b>|cell|</b>"'
    path = framework_file(
        ("    unit: it\n", f"    unit: {forged}\n"), ("    unit: sales\n", f"    unit: {FORGED}\n")
    )
    text = step_summary([validate(path, DAY)])
    rows = [line for line in text.splitlines() if line.startswith("| error")]
    assert len(rows) == 2 and "Ships" in rows[0]
    for row in rows:
        # four cells: no pipe, bracket, angle bracket or newline left unescaped
        assert len(re.findall(r"(?<!\\)\|", row)) == 5
        assert not re.search(r"(?<!\\)[\[\]<>!]", row)
        assert "\x1b" not in row


def test_an_unwritable_step_summary_costs_a_warning_not_the_result(
    framework_file: Make, tmp_path: Path
) -> None:
    summary = tmp_path / "no-such-folder" / "summary.md"
    code, out, err = run(
        "-f", "github", str(framework_file()), env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert code == 0 and out.endswith("valid, no findings\n")
    assert "warning: cannot add to the step summary" in err and "Traceback" not in err


# --- GitLab -----------------------------------------------------------------------


def test_gitlab_code_quality_has_an_issue_per_finding(
    framework_file: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = framework_file(BROKEN, WARNED, extra=WAIVERS.replace("partner", "nobody-else"))
    monkeypatch.chdir(path.parent)  # the project's top: no repository holds it
    code, out, _ = run("-f", "gitlab", "framework.yaml")
    issues = json.loads(out)
    assert code == 1
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("unused-principle", "minor"),
        ("unresolved-reference", "major"),
        # a waiver whose target no entity has: unused, however the errors are fixed
        ("unused-waiver", "minor"),
    ]
    assert all(i["location"]["path"] == "framework.yaml" for i in issues)
    assert issues[1]["location"]["lines"] == {"begin": 42}
    assert issues[1]["description"].startswith("unresolved-reference: governance body")
    assert len({i["fingerprint"] for i in issues}) == 3


def test_gitlab_leaves_waived_findings_out(framework_file: Make) -> None:
    code, out, _ = run("-f", "gitlab", str(framework_file(WARNED, extra=WAIVERS)))
    assert code == 0 and json.loads(out) == []


# --- JUnit ------------------------------------------------------------------------


def test_junit_has_a_failing_case_per_finding_and_a_skipped_one_per_waiver(
    framework_file: Make, tmp_path: Path
) -> None:
    def apart(name: str, made: Path) -> Path:
        """The framework moved to a folder of its own: neither is in the other's folder."""
        (tmp_path / name).mkdir()
        return made.rename(tmp_path / name / "framework.yaml")

    broken = apart("broken", framework_file(BROKEN, WARNED))
    waived = apart("waived", framework_file(WARNED, extra=WAIVERS))
    code, out, _ = run("-f", "junit", str(broken), str(waived))
    root = ET.fromstring(out)
    assert code == 1 and root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "2", "1")
    first, second = root.findall("testsuite")
    assert first.get("name") == broken.as_posix()
    failures = first.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["warning", "error"]
    case = first.findall("testcase")[1]
    assert (case.get("name"), case.get("line"), case.get("column")) == (
        "rmf.unresolved-reference",
        "42",
        "12",
    )
    assert failures[1].text is not None and failures[1].text.startswith("line 42, col 12, ")
    [skipped] = second.findall("testcase/skipped")
    assert skipped.get("message") == "waived: Adopted next year."


def test_junit_for_a_valid_framework_is_one_passing_case(framework_file: Make) -> None:
    code, out, _ = run("-f", "junit", str(framework_file()))
    root = ET.fromstring(out)
    assert code == 0 and (root.get("tests"), root.get("failures")) == ("1", "0")
    [case] = root.findall("testsuite/testcase")
    assert list(case) == []


def test_junit_is_well_formed_whatever_the_framework_holds(framework_file: Make) -> None:
    path = framework_file(("    unit: it\n", f"    unit: {FORGED}\n"))
    code, out, _ = run("-f", "junit", str(path))
    assert code == 1
    root = ET.fromstring(out)  # a raw control character would make it unreadable
    assert root.get("failures") == "1"


# --- JSON -------------------------------------------------------------------------


def test_json_lists_waived_findings_with_the_waiver(framework_file: Make) -> None:
    code, out, _ = run("-f", "json", str(framework_file(WARNED, extra=WAIVERS)))
    [result] = json.loads(out)["results"]
    assert code == 0 and result["findings"] == [] and result["warnings"] == 0
    [waived] = result["waived"]
    assert (waived["code"], waived["severity"], waived["target"]) == (
        "unused-principle",
        "warning",
        "partner",
    )
    assert (waived["reason"], waived["owner"], waived["expires"]) == (
        "Adopted next year.",
        "brm",
        "2099-12-31",
    )
    assert waived["waiver"]["line"] > waived["line"]
