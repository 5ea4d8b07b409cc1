"""Findings: the one record that loader, schema, rules and reporters share."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    """How much a finding matters: errors fail validation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Mark(NamedTuple):
    """A place in a source file: 1-based line and column (a tuple: one per YAML node)."""

    file: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where it is, which rule, how serious, what to do."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    target: str | None = None

    @classmethod
    def at(
        cls,
        mark: Mark,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        target: str | None = None,
    ) -> Finding:
        return cls(code, severity, message, mark.file, mark.line, mark.column, target)

    @property
    def mark(self) -> Mark:
        return Mark(self.file, self.line, self.column)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)


@dataclass(frozen=True, slots=True)
class Waived:
    """A finding that a waiver accepts: counted nowhere, reported with the waiver's reason."""

    finding: Finding
    reason: str
    waiver: Mark  # where the waiver is written
    owner: str | None = None
    expires: date | None = None


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in a stable order: by file, line, column, code; duplicates dropped."""
    return sorted(set(findings), key=Finding.sort_key)


def count(findings: list[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity is severity)
