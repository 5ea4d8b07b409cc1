"""`rmf diff` and `rmf changelog` on the command line: formats and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from diff_helpers import write_pair
from typer.testing import CliRunner

from conftest import FORGED, assert_escaped
from rmf.cli.app import app

runner = CliRunner()
RELAXED = ("target: 80", "target: 75")  # major
TIGHTER = ("target: 80", "target: 90")  # minor
REWORDED = ("purpose: Sets IT priorities.", "purpose: Sets the IT priorities.")  # patch


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_text_output_names_entities_fields_documents_and_the_version(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, RELAXED, REWORDED)
    code, out, _ = run("diff", str(old), str(new))
    assert code == 0
    assert out.splitlines()[:2] == [
        f"{old} → {new}",
        "Minimal framework · Minimal Co · version 1.0.0",
    ]
    assert "major indicator satisfaction (Satisfaction) changed" in out
    assert "        target: 80 → 75 (relaxed)  major" in out
    assert "patch governance body steering (IT Steering Committee) changed" in out
    assert "changed  Terms of reference: IT Steering Committee  (charters/steering.md)" in out
    assert "2 change(s): 1 major, 0 minor, 1 patch; suggested version 2.0.0" in out
    assert "warning: framework.version is still 1.0.0" in out


def test_json_output_has_the_documented_shape(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, RELAXED)
    code, out, err = run("diff", "--format", "json", str(old), str(new))
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {
        "version",
        "tool",
        "old",
        "new",
        "differs",
        "grade",
        "counts",
        "version_check",
        "changes",
        "documents",
    }
    assert doc["grade"] == "major" and doc["counts"] == {"major": 1, "minor": 0, "patch": 0}
    assert doc["changes"] == [
        {
            "section": "indicators",
            "id": "satisfaction",
            "name": "Satisfaction",
            "kind": "changed",
            "grade": "major",
            "renamed_from": None,
            "follows": 0,
            "fields": [
                {"field": "target", "old": "80", "new": "75", "grade": "major", "note": "relaxed"}
            ],
        }
    ]
    assert doc["documents"] == [
        {
            "kind": "position",
            "path": "positions/brm.md",
            "title": "Business Relationship Manager",
            "status": "changed",
        }
    ]
    assert doc["version_check"]["suggested"] == "2.0.0" and not doc["version_check"]["ok"]
    assert doc["version_check"]["applies"] is True
    assert doc["version_check"]["bump"] == doc["version_check"]["required"]
    assert "rmf: warning: framework.version is still 1.0.0" in err


def test_json_says_the_bump_a_draft_needs_and_whether_advice_applies(tmp_path: Path) -> None:
    draft = ("version: 1.0.0", "version: 0.3.0")
    old, new = write_pair(tmp_path, RELAXED, old_edits=(draft,))
    check = json.loads(run("diff", "--format", "json", str(old), str(new))[1])["version_check"]
    assert (check["applies"], check["required"], check["bump"], check["suggested"]) == (
        True,
        "major",
        "minor",  # below 1.0.0 a major change calls for a minor bump
        "0.4.0",
    )
    other = ("id: minimal", "id: another-framework")
    old, new = write_pair(tmp_path, RELAXED, other)
    check = json.loads(run("diff", "--format", "json", str(old), str(new))[1])["version_check"]
    assert check["applies"] is False and check["ok"] is True and check["bump"] is None
    assert check["message"].startswith("no version advice")


def test_markdown_output_is_a_pull_request_comment(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, RELAXED, ("version: 1.0.0", "version: 2.0.0"))
    code, out, _ = run("diff", "-f", "markdown", str(old), str(new))
    assert code == 0
    assert out.startswith("### Framework changes: Minimal framework\n")
    assert "**1 major**, 0 minor, 0 patch · suggested version **2.0.0**" in out
    assert "- **major** · indicator `satisfaction` — Satisfaction · changed" in out
    assert "  - `target`: `80` → `75` (relaxed) · major" in out
    assert "[!WARNING]" not in out


def test_changelog_is_a_keep_a_changelog_section(tmp_path: Path) -> None:
    old, new = write_pair(
        tmp_path,
        TIGHTER,
        ("version: 1.0.0", "version: 1.1.0"),
        ("id: complaints", "id: grievances"),
    )
    code, out, _ = run("changelog", str(old), str(new), "--today", "2026-11-27")
    assert code == 0
    assert out.startswith("## [Unreleased]\n")  # the rename is major: 1.1.0 is not enough
    old, new = write_pair(tmp_path, TIGHTER, ("version: 1.0.0", "version: 1.1.0"))
    code, out, _ = run("diff", "-f", "changelog", str(old), str(new), "--today", "2026-11-27")
    assert out == (
        "## [1.1.0] - 2026-11-27\n\n### Changed\n\n"
        "- The target of the indicator “Satisfaction” is tightened from 80 to 90.\n\n"
        "<details>\n<summary>Changes by id and field</summary>\n\n"
        "- Indicator **Satisfaction** (`satisfaction`): `target`: `80` → `90` (tightened).\n\n"
        "</details>\n"
    )


def test_exit_code_reports_any_difference(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, REWORDED)
    assert run("diff", "--exit-code", str(old), str(new))[0] == 1
    assert run("diff", "--exit-code", str(old), str(old))[0] == 0
    assert run("diff", str(old), str(new))[0] == 0


def test_fail_on_counts_changes_of_that_grade_or_higher(tmp_path: Path) -> None:
    patch = write_pair(tmp_path, REWORDED)
    assert run("diff", "--fail-on", "patch", *map(str, patch))[0] == 1
    assert run("diff", "--fail-on", "minor", *map(str, patch))[0] == 0
    minor = write_pair(tmp_path, TIGHTER)
    assert run("diff", "--fail-on", "minor", *map(str, minor))[0] == 1
    assert run("diff", "--fail-on", "major", *map(str, minor))[0] == 0
    major = write_pair(tmp_path, RELAXED)
    assert run("diff", "--fail-on", "major", *map(str, major))[0] == 1


def test_a_framework_that_does_not_fit_the_format_is_refused_with_its_findings(
    tmp_path: Path,
) -> None:
    old, new = write_pair(tmp_path, ("meets: monthly", "meets: sometimes"))
    code, out, err = run("diff", str(old), str(new))
    assert code == 1 and out == ""
    assert "invalid-value" in err and "sometimes" in err


def test_a_change_that_breaks_a_rule_can_still_be_reviewed(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, ("chair: sales-head", "chair: nobody"))
    code, out, _ = run("diff", str(old), str(new))
    assert code == 0 and "chair: sales-head → nobody (moved)" in out


def test_bad_arguments_are_usage_errors(tmp_path: Path) -> None:
    old, _ = write_pair(tmp_path)
    assert run("diff", str(old), str(old), str(old))[0] == 2
    assert run("diff", "--fail-on", "huge", str(old), str(old))[0] == 2


FORGED_NAME = ("name: Minimal framework", f"name: {FORGED}")


@pytest.mark.parametrize("fmt", ["text", "markdown", "changelog"])
def test_control_characters_in_a_change_are_shown_escaped(fmt: str, tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, FORGED_NAME, ("name: Sales\n", f"name: {FORGED}\n"))
    code, out, _ = run("diff", "--format", fmt, str(old), str(new))
    assert code == 0
    assert_escaped(re.sub(r"\\([\\`*_\[\]<>|#])", r"\1", out))  # without Markdown's escapes


def test_markup_in_a_changed_name_is_printed_as_written(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, FORGED_NAME)
    _, out, _ = run("diff", str(old), str(new))
    assert "[bold red]x[/]" in out


def test_the_drivers_line_diff_shows_control_characters_escaped(tmp_path: Path) -> None:
    old, new = tmp_path / "old-roles.yaml", tmp_path / "new-roles.yaml"
    old.write_text("roles: []\n", encoding="utf-8")
    new.write_text("roles: []\n# \x1b]0;pwned\x07\x1b[1A\x1b[2K✔ valid\n", encoding="utf-8")
    args = ["roles.yaml", str(old), "a" * 40, "100644", str(new), "b" * 40, "100644"]
    code, out, _ = run("diff", *args)
    assert code == 0
    assert_escaped(out)
    assert out.splitlines()[-1] == "+# \\x1b]0;pwned\\x07\\x1b[1A\\x1b[2K✔ valid"


def test_a_base_and_a_client_get_no_version_advice_in_any_format(tmp_path: Path) -> None:
    old, new = write_pair(
        tmp_path,
        RELAXED,
        ("id: minimal", "id: acme-rmf"),
        ("name: Minimal framework", "name: Acme"),
    )
    code, out, err = run("diff", str(old), str(new))
    assert code == 0 and "suggested version" not in out and "warning" not in out
    assert out.rstrip().endswith("no version advice: Minimal framework and Acme are different "
                                 "frameworks (a base and a client, or two clients)")  # fmt: skip
    _, markdown, err = run("diff", "-f", "markdown", str(old), str(new))
    assert "suggested version" not in markdown and "[!WARNING]" not in markdown and err == ""
    _, notes, _ = run("changelog", str(old), str(new), "--today", "2026-12-01")
    assert notes.startswith("## [Unreleased]\n\nCompared with Minimal framework (1.0.0).\n")


def test_rmf_changelog_warns_of_the_version_as_diff_does(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path, RELAXED)
    for command in (("changelog",), ("diff", "-f", "changelog")):
        code, out, err = run(*command, str(old), str(new), "--today", "2026-12-01")
        assert code == 0 and out.startswith("## ")
        assert "rmf: warning: framework.version is still 1.0.0" in err, command
