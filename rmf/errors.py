"""The error hierarchy: user errors carry findings; anything else is a bug."""

from __future__ import annotations

from rmf.findings import Finding


class RmfError(Exception):
    """Base of every error that rmf reports to a user as a plain message."""


class FrameworkError(RmfError):
    """A framework could not be accepted; `findings` says why and where."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        first = findings[0] if findings else None
        where = f" ({first.file}:{first.line}:{first.column}: {first.message})" if first else ""
        super().__init__(f"{len(findings)} problem(s) in the framework{where}")


class UsageError(RmfError):
    """The command was asked for something it cannot do (missing path, bad option)."""
