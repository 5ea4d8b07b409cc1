"""Validate a framework: load its files, check the schema, run the rules."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rmf.core.errors import FrameworkError
from rmf.core.findings import Finding, Severity, Waived, count, sort_findings
from rmf.core.pauses import no_collector_pauses
from rmf.model.framework import Framework
from rmf.reading.loader import Source, load_source
from rmf.validate.rules import run_rules
from rmf.validate.schema import Checked, check


@dataclass(frozen=True)
class Result:
    """What validation found, what waivers accept, and the framework when it could be
    built."""

    path: str
    findings: list[Finding]
    checked: Checked | None = None
    waived: list[Waived] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return count(self.findings, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.findings, Severity.WARNING)

    @property
    def framework(self) -> Framework | None:
        return self.checked.framework if self.checked is not None else None

    def without_warnings(self) -> Result:
        """The same result with its warnings left out: only errors reported."""
        kept = [f for f in self.findings if f.severity is not Severity.WARNING]
        return dataclasses.replace(self, findings=kept)


def validate(target: str | Path, today: date | None = None) -> Result:
    """Every problem of a framework in one pass; raises UsageError for a missing path."""
    with no_collector_pauses():
        try:
            source = load_source(target, partial=True)  # the other files still checked
        except FrameworkError as exc:
            return Result(str(target), sort_findings(exc.findings))
        return validate_source(source, str(target), today)


def validate_source(source: Source, path: str, today: date | None = None) -> Result:
    """Every problem of a framework already read (`load_source(..., partial=True)`): the
    schema and the rules, for a caller that uses what was read for more than this."""
    with no_collector_pauses():
        checked = check(source)
        findings = list(checked.findings)
        ruled, waived = run_rules(checked, today or date.today())
        findings.extend(ruled)
    waived.sort(key=lambda w: w.finding.sort_key())
    return Result(path, sort_findings(findings), checked, waived)


def load_framework(target: str | Path, today: date | None = None) -> Result:
    """A framework that has no errors, for the commands that build on it."""
    result = validate(target, today)
    if result.errors or result.checked is None:
        raise FrameworkError(result.findings)
    return result
