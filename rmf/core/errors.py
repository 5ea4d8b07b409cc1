"""The error hierarchy: every error a user can cause derives from RmfError; anything
else is a bug."""

from __future__ import annotations

from rmf.core.findings import Finding


class RmfError(Exception):
    """Base of every error that rmf reports to a user as a plain message."""

    prefix = ""  # what the command line puts before the message


class FrameworkError(RmfError):
    """A framework (or a file that goes with it) could not be accepted; `findings` says why
    and where, and `source` names what was read when that is not the framework itself."""

    def __init__(self, findings: list[Finding], source: str | None = None) -> None:
        self.findings = findings
        self.source = source
        first = findings[0] if findings else None
        where = f" ({first.file}:{first.line}:{first.column}: {first.message})" if first else ""
        super().__init__(f"{len(findings)} problem(s) in the framework{where}")


class UsageError(RmfError):
    """The command was asked for something it cannot do (missing path, bad option)."""


class TemplateError(RmfError):
    """A template could not be loaded or rendered; the message names its file and line."""

    prefix = "template error: "

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        self.file, self.line = file, line
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        super().__init__(f"{where}{message}")


class RenderError(RmfError):
    """Documents could not be made for a reason outside the framework and its templates:
    a process rendering them was ended (by the system, for want of memory, say)."""
