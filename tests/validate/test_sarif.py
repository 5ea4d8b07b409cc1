"""SARIF for GitHub code scanning: the SARIF Multitool's GitHub rules and the OASIS schema
pass on broken frameworks, and every field GitHub reads is there."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from rmf.core.codes import CODES
from rmf.validate.excerpt import MARGIN
from rmf.validate.rules import CATALOGUE
from rmf.validate.run import Result, validate
from rmf.validate.sarif import ROOT_ID, rule_codes, sarif_log

Make = Callable[..., Path]
DAY = date(2026, 6, 1)
EXAMPLES = ROOT / "tests" / "examples"
# `.ci/run` installs the Multitool from the npm registry here; RMF_SARIF_MULTITOOL names
# another copy of its binary
MULTITOOL_PACKAGE = (
    ROOT / ".cache" / "sarif-multitool" / "node_modules" / "@microsoft" / "sarif-multitool-linux"
)
# notes the Multitool may still give, and why they stay: message strings by id and
# arguments are for tools with translated messages; version control provenance needs the
# remote's URL and the commit, which the upload step sends anyway; its URIs and rule ids
# are checked against conventions (reachable over the network, ids like `AB1234`) that
# rmf's documented codes do not follow
ACCEPTED_NOTES = {"SARIF2002", "SARIF2003", "SARIF2006", "SARIF2009"}
WAIVED = (
    ("principles: [partner]", "principles: []"),
    ("chair: sales-head", "chair: nobody"),
)
WAIVERS = (
    "waivers:\n  - rule: unused-principle\n    target: partner\n"
    "    reason: Adopted by the policies of next year.\n    owner: brm\n"
    "    expires: 2099-12-31\n"
)


def broken_frameworks() -> list[Path]:
    """Every invalid example, and a valid one with waivers."""
    invalid = sorted((EXAMPLES / "invalid").iterdir())
    found = [p for p in invalid if p.suffix == ".yaml" or (p / "framework.yaml").is_file()]
    return [*found, EXAMPLES / "valid" / "waived-and-tuned.yaml"]


@pytest.fixture(scope="module")
def broken_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    results = [validate(p, DAY) for p in broken_frameworks()]
    assert sum(len(r.findings) for r in results) > 100
    path = tmp_path_factory.mktemp("sarif") / "broken.sarif"
    path.write_text(json.dumps(sarif_log(results, ROOT), indent=2), encoding="utf-8")
    return path


def multitool() -> Path:
    binary = Path(os.environ.get("RMF_SARIF_MULTITOOL") or MULTITOOL_PACKAGE / "Sarif.Multitool")
    if not os.access(binary, os.X_OK):
        pytest.skip(f"the SARIF Multitool is not installed at {binary} (see .ci/run)")
    return binary


def test_sarif_passes_the_multitool_s_github_and_sarif_rules(
    broken_log: Path, tmp_path: Path
) -> None:
    binary = multitool()
    report = tmp_path / "report.sarif"
    args = [str(binary), "validate", "--rule-kind", "Gh;Sarif", "--level", "Error;Warning;Note"]
    done = subprocess.run(
        [*args, "-o", str(report), str(broken_log)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and report.is_file(), done.stdout + done.stderr
    [run] = json.loads(report.read_text(encoding="utf-8"))["runs"]
    problems = [
        f"{r['ruleId']} {r.get('level', 'warning')}: {r['message']}"
        for r in run["results"]
        if r.get("level", "warning") != "note"
        or (r["ruleId"] not in ACCEPTED_NOTES and not _no_line_to_show(r, broken_log))
    ]
    assert problems == []


def _no_line_to_show(note: dict[str, Any], log: Path) -> bool:
    """A note that a location has no code snippet or no context, where its file has no
    text on that line (an empty file), or (for the context) where the line runs on past
    what rmf reads of it."""
    if note["ruleId"] not in ("SARIF2010", "SARIF2011"):
        return False
    pointer = note["message"]["arguments"][0]  # runs[0].results[N].locations[0]…
    index = int(pointer.split("results[", 1)[1].split("]", 1)[0])
    result = _load(log)["runs"][0]["results"][index]
    place = result["locations"][0]["physicalLocation"]
    lines = (ROOT / place["artifactLocation"]["uri"]).read_text(encoding="utf-8").splitlines()
    line = place["region"]["startLine"]
    if line > len(lines) or not lines[line - 1].strip():
        return True
    return note["ruleId"] == "SARIF2011" and len(lines[line - 1]) > MARGIN


def test_sarif_is_valid_against_the_oasis_schema(broken_log: Path) -> None:
    import jsonschema

    schema_file = multitool().parent / "sarif-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip(f"no SARIF schema beside the Multitool at {schema_file}")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(_load(broken_log))]
    assert errors == []


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# --- the fields GitHub code scanning reads ---------------------------------------------


def log_of(*results: Result, root: Path) -> dict[str, Any]:
    return json.loads(json.dumps(sarif_log(results, root)))  # as a reader gets it


def test_every_rule_carries_what_github_shows(broken_log: Path) -> None:
    [run] = _load(broken_log)["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "rmf" and driver["version"] and driver["informationUri"]
    for rule in driver["rules"]:
        code = rule["id"]
        assert rule["name"] and rule["name"].lower() != code.lower()
        assert rule["shortDescription"]["text"].endswith(".")
        assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"])
        assert rule["help"]["text"].startswith(code)  # what `rmf explain CODE` prints
        assert f"rmf explain {code}" in rule["help"]["markdown"]
        assert rule["helpUri"].startswith("https://") and "docs/format.md#" in rule["helpUri"]
        level = CATALOGUE[code].severity.value if code in CATALOGUE else "error"
        assert rule["defaultConfiguration"]["level"] == level
    example = next(r for r in driver["rules"] if r["id"] == "chair-not-member")
    assert "Breaks the rule:" in example["help"]["text"]
    assert "```yaml" in example["help"]["markdown"]


def test_the_rules_are_every_code_in_one_order_whatever_is_found(
    framework_file: Make, tmp_path: Path
) -> None:
    valid = log_of(validate(framework_file(), DAY), root=tmp_path)
    broken = log_of(validate(framework_file(*WAIVED), DAY), root=tmp_path)
    ids = [r["id"] for r in valid["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == [r["id"] for r in broken["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == rule_codes() == sorted({*CATALOGUE, *CODES})
    for result in broken["runs"][0]["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_every_result_carries_what_github_needs(broken_log: Path) -> None:
    [run] = _load(broken_log)["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["originalUriBaseIds"][ROOT_ID]["uri"] == ROOT.as_uri() + "/"
    seen = set()
    for result in run["results"]:
        assert result["level"] in ("error", "warning")
        assert result["message"]["text"].endswith((".", "?", "!"))
        [location] = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == ROOT_ID
        assert artifact["uri"].startswith("tests/examples/")  # relative to the repository
        region = location["physicalLocation"]["region"]
        assert region["startLine"] == region["endLine"] >= 1
        assert region["endColumn"] >= region["startColumn"] >= 1
        fingerprint = result["partialFingerprints"]["rmf/v1"]
        assert fingerprint not in seen
        seen.add(fingerprint)


def test_a_finding_is_located_by_its_token_in_utf16_code_units(
    framework_file: Make, tmp_path: Path
) -> None:
    path = framework_file(("chair: sales-head", 'chair: "😀 nobody"'))
    [result] = log_of(validate(path, DAY), root=tmp_path)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = path.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
    start = line.index('"😀') + 1  # in code points
    assert (region["startColumn"], region["endColumn"]) == (start, start + len('"😀 nobody"') + 1)
    assert region["snippet"]["text"] == '"😀 nobody"'


def test_uris_are_relative_to_the_root_or_absolute_outside_it(
    framework_file: Make, tmp_path: Path
) -> None:
    path = framework_file(("chair: sales-head", "chair: nobody"))
    inside = log_of(validate(path, DAY), root=tmp_path)
    artifact = inside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": "framework.yaml", "uriBaseId": ROOT_ID}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = log_of(validate(path, DAY), root=elsewhere)
    artifact = outside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert artifact["artifactLocation"] == {"uri": path.as_uri()}


def test_fingerprints_hold_when_lines_are_added_above(framework_file: Make, tmp_path: Path) -> None:
    def fingerprint(*edits: tuple[str, str]) -> tuple[int, str]:
        [result] = log_of(validate(framework_file(*edits), DAY), root=tmp_path)["runs"][0][
            "results"
        ]
        return result["locations"][0]["physicalLocation"]["region"]["startLine"], result[
            "partialFingerprints"
        ]["rmf/v1"]

    broken = ("chair: sales-head", "chair: nobody")
    line, first = fingerprint(broken)
    moved, second = fingerprint(broken, ("rmf: 1\n", "rmf: 1\n# a comment\n# another\n"))
    assert moved == line + 2 and first == second


def test_a_waived_finding_is_a_suppressed_result_with_the_waiver_s_reason(
    framework_file: Make, tmp_path: Path
) -> None:
    path = framework_file(*WAIVED, extra=WAIVERS)
    result = validate(path, DAY)
    assert [f.code for f in result.findings] == ["unresolved-reference"]
    results = log_of(result, root=tmp_path)["runs"][0]["results"]
    [waived] = [r for r in results if "suppressions" in r]
    assert waived["ruleId"] == "unused-principle" and waived["level"] == "warning"
    [suppression] = waived["suppressions"]
    assert suppression["kind"] == "inSource" and suppression["status"] == "accepted"
    assert suppression["justification"] == "Adopted by the policies of next year."
    assert suppression["properties"] == {"owner": "brm", "expires": "2099-12-31"}
    where = suppression["location"]["physicalLocation"]
    waiver_line = path.read_text(encoding="utf-8").splitlines().index("  - rule: unused-principle")
    assert where["region"]["startLine"] == waiver_line + 1
    [kept] = [r for r in results if "suppressions" not in r]
    assert kept["ruleId"] == "unresolved-reference"


def test_a_very_long_line_is_shown_only_as_far_as_it_was_read(
    framework_file: Make, tmp_path: Path
) -> None:
    long = "x" * 5000
    path = framework_file(("chair: sales-head", f"chair: {long}"))
    [result] = log_of(validate(path, DAY), root=tmp_path)["runs"][0]["results"]
    place = result["locations"][0]["physicalLocation"]
    assert "contextRegion" not in place  # not the whole line: none rather than a wrong one
    assert long.startswith(place["region"]["snippet"]["text"])
