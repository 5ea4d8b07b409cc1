"""Example frameworks under tests/examples: valid ones are clean, invalid ones report what they say.

Layout: `examples/valid/` and `examples/invalid/` hold one example per single-file
framework (`*.yaml`) or folder (with `framework.yaml`). Names starting with `_`
are helpers, not examples. An invalid example states its expected findings in
comments, in the file where each finding is located:

    # expect: 23:7 chair-not-member            line, column and code
    # expect-line: 23 threshold-order          line and code only
    # expect: 40:5 orphan-indicator error      an explicit severity

Without one, the severity is the default of the format (warning or error).
A file that cannot hold comments (an empty file) keeps them in `<name>.expect`
beside it. The findings of errors and warnings must be exactly the expected set.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from rmf.cli.app import app
from rmf.core.findings import Finding, Severity
from rmf.validate.run import Result, validate

EXAMPLES = ROOT / "tests" / "examples"
TODAY = date(2026, 11, 26)

# Rule codes of the format (spec §5 and §6) whose default severity is a warning;
# every other code is an error.
WARNING_CODES = frozenset(
    {
        "manager-not-relationship-role",
        "unreached-business-unit",
        "orphan-indicator",
        "unused-principle",
        "missing-satisfaction-measure",
        "maturity-target",
        "tier-cadence",
        "stale-review",
        "unnamed-manager",
        "waiver-expired",
        "unused-waiver",
    }
)
# Every rule code of spec §5 and §6: each needs at least one invalid example.
SPEC_RULE_CODES = frozenset(
    {
        "unresolved-reference",
        "duplicate-id",
        "cycle",
        "relationship-coverage",
        "over-allocated",
        "chair-not-member",
        "quorum-out-of-range",
        "raci-roles",
        "time-shares",
        "threshold-order",
        "review-dates",
        "assignee-role",
        *WARNING_CODES,
    }
)

# Examples where rmf does not yet do what the spec says: the expectation in the
# example stays the spec's, and the test is a strict xfail until rmf is fixed.
DISAGREEMENTS: dict[str, str] = {}

_EXPECT = re.compile(
    r"^#\s*expect:\s*(?P<line>\d+):(?P<col>\d+)\s+(?P<code>[a-z][a-z-]*)(?:\s+(?P<sev>error|warning))?\s*$"
)
_EXPECT_LINE = re.compile(
    r"^#\s*expect-line:\s*(?P<line>\d+)\s+(?P<code>[a-z][a-z-]*)(?:\s+(?P<sev>error|warning))?\s*$"
)

# (file relative to the example, line, column or None for "any", code, severity)
Key = tuple[str, int, int | None, str, str]


@dataclass(frozen=True)
class Example:
    """One example framework: the path to validate and where its files live."""

    kind: str  # "valid" or "invalid"
    path: Path

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.path.name}"

    @property
    def base(self) -> Path:
        """The folder that finding paths are shown relative to."""
        return self.path if self.path.is_dir() else self.path.parent

    def files(self) -> list[Path]:
        if self.path.is_dir():
            return sorted(self.path.rglob("*.yaml"))
        return [self.path]

    def expected(self) -> set[Key]:
        keys: set[Key] = set()
        for file in self.files():
            keys |= _expectations(file, file.relative_to(self.base).as_posix())
        sidecar = self.path.with_suffix(".expect")
        if sidecar.is_file():
            keys |= _expectations(sidecar, self.path.relative_to(self.base).as_posix())
        return keys


def _expectations(file: Path, shown: str) -> set[Key]:
    keys: set[Key] = set()
    # Bytes decoded leniently: an example with invalid UTF-8 still states its expectations.
    for text in file.read_bytes().decode("utf-8", errors="replace").splitlines():
        text = text.lstrip("\ufeff")
        if m := _EXPECT.match(text):
            col: int | None = int(m["col"])
        elif m := _EXPECT_LINE.match(text):
            col = None
        else:
            continue
        severity = m["sev"] or ("warning" if m["code"] in WARNING_CODES else "error")
        keys.add((shown, int(m["line"]), col, m["code"], severity))
    return keys


def discover(kind: str) -> list[Example]:
    found = []
    for path in sorted((EXAMPLES / kind).iterdir()):
        if path.name.startswith("_"):
            continue
        is_folder = path.is_dir() and (path / "framework.yaml").is_file()
        if is_folder or (path.is_file() and path.suffix == ".yaml"):
            found.append(Example(kind, path))
    return found


VALID = discover("valid")
INVALID = discover("invalid")


def params(examples: list[Example], disagreements: dict[str, str] | None = None) -> list[object]:
    out = []
    for ex in examples:
        reason = (disagreements or {}).get(ex.name)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        out.append(pytest.param(ex, id=ex.name, marks=marks))
    return out


def run(example: Example) -> Result:
    return validate(example.path, today=TODAY)


def shown_file(finding: Finding, example: Example) -> str:
    return Path(os.path.relpath(Path(finding.file).resolve(), example.base)).as_posix()


def actual(result: Result, example: Example, expected: set[Key]) -> set[Key]:
    """Findings as keys; a finding matches a line-only expectation when no exact one fits."""
    keys: set[Key] = set()
    for f in result.findings:
        exact: Key = (shown_file(f, example), f.line, f.column, f.code, str(f.severity))
        keys.add(exact if exact in expected else (*exact[:2], None, *exact[3:]))
    return keys


def fmt(keys: set[Key]) -> list[str]:
    return sorted(
        f"{file}:{line}:{'*' if col is None else col} {code} {sev}"
        for file, line, col, code, sev in keys
    )


# --- the examples ----------------------------------------------------------------


def test_there_are_examples_of_both_kinds() -> None:
    assert len(VALID) >= 5
    assert len(INVALID) >= 40


@pytest.mark.parametrize("example", params(VALID))
def test_valid_example_has_no_findings(example: Example) -> None:
    result = run(example)
    assert [f"{f.line}:{f.column} {f.code}: {f.message}" for f in result.findings] == []


@pytest.mark.parametrize("example", params(INVALID, DISAGREEMENTS))
def test_invalid_example_reports_exactly_the_expected_findings(example: Example) -> None:
    expected = example.expected()
    assert expected, f"{example.name} states no `# expect:` comment"
    assert fmt(actual(run(example), example, expected)) == fmt(expected)


@pytest.mark.parametrize("example", params(INVALID))
def test_invalid_example_fails_validation_when_it_expects_an_error(example: Example) -> None:
    wants_error = any(sev == "error" for *_, sev in example.expected())
    result = run(example)
    assert (result.errors > 0) == wants_error
    assert result.errors + result.warnings > 0


@pytest.mark.parametrize("example", params(VALID + INVALID))
def test_command_exit_code_is_one_exactly_when_there_are_errors(example: Example) -> None:
    wants_error = any(sev == "error" for *_, sev in example.expected())
    outcome = CliRunner().invoke(
        app,
        ["validate", "--format", "parsable", "--today", TODAY.isoformat(), str(example.path)],
    )
    assert outcome.exit_code == (1 if wants_error else 0), outcome.output


@pytest.mark.parametrize("example", params(INVALID))
def test_every_finding_is_located_and_explained(example: Example) -> None:
    for f in run(example).findings:
        assert f.file
        assert f.line >= 1
        assert f.column >= 1
        assert f.message.strip()
        assert f.severity in (Severity.ERROR, Severity.WARNING)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("alias-bomb.yaml", "too-large"),
        ("deep-nesting.yaml", "too-deep"),
        ("recursive-alias.yaml", "alias"),
    ],
)
def test_unbounded_yaml_is_refused_not_expanded(name: str, code: str) -> None:
    result = validate(EXAMPLES / "invalid" / name, today=TODAY)
    assert code in {f.code for f in result.findings}


# --- the suite itself ---------------------------------------------------------------


def test_every_rule_code_of_the_format_has_an_invalid_example() -> None:
    covered = {code for ex in INVALID for _, _, _, code, _ in ex.expected()}
    assert sorted(SPEC_RULE_CODES - covered) == []


def test_example_names_are_unique_across_kinds() -> None:
    names = [ex.path.name for ex in VALID + INVALID]
    assert len(names) == len(set(names))
