"""Show validation findings: readable text, parsable lines, JSON; and the registry of
every format, with SARIF (`sarif.py`) and CI services' (`ci.py`) beside it."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import IO, Any

from rmf import __version__
from rmf.core.findings import Finding, Severity, Waived
from rmf.core.printable import printable, printable_all
from rmf.validate.excerpt import excerpt, source_lines
from rmf.validate.run import Result

JSON_SCHEMA_VERSION = 1


class Format(StrEnum):
    """Output formats of `rmf validate`."""

    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"
    junit = "junit"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result: Result) -> str:
    path = printable(result.path)
    waived = f", {len(result.waived)} waived" if result.waived else ""
    if not result.findings:
        return f"{path}: valid, no findings{waived}"
    counts = f"{_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')}"
    return f"{path}: {counts}{waived}"


def mark(result: Result) -> str:
    """✖ for errors, ! for warnings only, ✔ for a framework with neither."""
    return "✖" if result.errors else ("!" if result.warnings else "✔")


# --- parsable ---------------------------------------------------------------------


def parsable_line(f: Finding) -> str:
    """`file:line:column: [severity] message (code)`, on one line whatever the text holds."""
    f = printable_all(f)
    message = " ".join(f.message.split())
    return f"{f.file}:{f.line}:{f.column}: [{f.severity.value}] {message} ({f.code})"


def write_parsable(results: Sequence[Result], out: IO[str]) -> None:
    for result in results:
        for f in result.findings:
            out.write(parsable_line(f) + "\n")


# --- json -------------------------------------------------------------------------


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "severity": f.severity.value,
        "code": f.code,
        "message": f.message,
        "target": f.target,
    }


def waived_dict(w: Waived) -> dict[str, Any]:
    return {
        **finding_dict(w.finding),
        "reason": w.reason,
        "owner": w.owner,
        "expires": w.expires.isoformat() if w.expires else None,
        "waiver": {"file": w.waiver.file, "line": w.waiver.line, "column": w.waiver.column},
    }


def write_json(results: Sequence[Result], out: IO[str]) -> None:
    doc = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "rmf", "version": __version__},
        "results": [
            {
                "path": r.path,
                "valid": r.errors == 0,
                "errors": r.errors,
                "warnings": r.warnings,
                "findings": [finding_dict(f) for f in r.findings],
                "waived": [waived_dict(w) for w in r.waived],
            }
            for r in results
        ],
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
    }
    out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


# --- readable text ----------------------------------------------------------------


def write_text(results: Sequence[Result], out: IO[str]) -> None:
    """A line per finding that starts with its `path:line:col` (terminals and editors
    make it a link), its severity, problem and rule, with the YAML line below it. Lines
    are wrapped only on a terminal, and never padded."""
    if not any(r.findings for r in results):
        # the common case in pre-commit and CI: a line each, without loading rich
        for result in results:
            out.write(f"{mark(result)} {summary(result)}\n")
        return
    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False)
    whole = not console.is_terminal  # a pipe or a file: one finding, one line
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
    for result in results:
        lines: dict[str, dict[int, str]] = {}
        for file in dict.fromkeys(f.file for f in result.findings):
            mine = [(f.line, f.column) for f in result.findings if f.file == file]
            lines[file] = source_lines(file, mine)
        for f in result.findings:
            head = Text(f"{printable(f.file)}:{f.line}:{f.column}", style="cyan")
            head.append("  ")
            head.append(f.severity.value, style=styles[f.severity])
            head.append(f"  {printable(f.message)}")
            head.append(f"  ({f.code})", style="dim")
            console.print(head, soft_wrap=whole)
            line = lines[f.file].get(f.line, "").rstrip()
            if line.strip():
                shown, at = excerpt(line, f.column, console.width - 24)
                caret = " " * cell_len(printable(shown[:at]))
                snippet = Text(f"    │ {printable(shown)}\n    │ {caret}^", style="dim")
                snippet.no_wrap = True
                snippet.overflow = "ellipsis"
                console.print(snippet)
        if result.findings:
            console.print()
        style = "bold red" if result.errors else ("yellow" if result.warnings else "bold green")
        # a summary line is never wrapped: CI logs and scripts read it whole
        console.print(Text(f"{mark(result)} {summary(result)}", style=style), soft_wrap=True)


# --- the other formats, loaded when chosen -----------------------------------------


def write_github(results: Sequence[Result], out: IO[str]) -> None:
    from rmf.validate import ci

    ci.write_github(results, out)


def write_gitlab(results: Sequence[Result], out: IO[str]) -> None:
    from rmf.validate import ci

    ci.write_gitlab(results, out)


def write_junit(results: Sequence[Result], out: IO[str]) -> None:
    from rmf.validate import ci

    ci.write_junit(results, out)


def write_sarif(results: Sequence[Result], out: IO[str]) -> None:
    from rmf.validate import sarif

    sarif.write_sarif(results, out)


WRITERS: dict[Format, Callable[[Sequence[Result], IO[str]], None]] = {
    Format.text: write_text,
    Format.parsable: write_parsable,
    Format.json: write_json,
    Format.github: write_github,
    Format.sarif: write_sarif,
    Format.gitlab: write_gitlab,
    Format.junit: write_junit,
}
