"""Show validation findings: readable text, parsable lines, JSON, GitHub annotations, SARIF."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import IO, Any

from rmf import HOME, __version__
from rmf.core.findings import Finding, Severity
from rmf.core.printable import printable, printable_all
from rmf.validate.excerpt import excerpt, source_lines
from rmf.validate.run import Result

JSON_SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class Format(StrEnum):
    """Output formats of `rmf validate`."""

    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"
    sarif = "sarif"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result: Result) -> str:
    path = printable(result.path)
    if not result.findings:
        return f"{path}: valid, no findings"
    return f"{path}: {_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')}"


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
            }
            for r in results
        ],
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
    }
    out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


# --- GitHub workflow commands -----------------------------------------------------


def _gh_data(text: str) -> str:
    # GitHub's own escapes for a workflow command's message; control characters are
    # escaped before, so that no line break or terminal sequence reaches the log
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(results: Sequence[Result], out: IO[str]) -> None:
    for result in results:
        for f in result.findings:
            out.write(
                f"::{f.severity.value} file={_gh_prop(f.file)},line={f.line},col={f.column},"
                f"title={_gh_prop('rmf ' + f.code)}::{_gh_data(f.message)}\n"
            )


# --- SARIF 2.1.0 ------------------------------------------------------------------


def write_sarif(results: Sequence[Result], out: IO[str]) -> None:
    from rmf.core.codes import CODES
    from rmf.validate.rules import CATALOGUE

    findings = [f for r in results for f in r.findings]
    codes = sorted({f.code for f in findings} | set(CATALOGUE))
    index = {code: i for i, code in enumerate(codes)}

    def rule(code: str) -> dict[str, Any]:
        known = CATALOGUE.get(code)
        entry: dict[str, Any] = {
            "id": code,
            "shortDescription": {"text": known.summary if known else CODES.get(code, code)},
        }
        level = known.severity.value if known else "error"
        entry["defaultConfiguration"] = {"level": level}
        return entry

    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rmf",
                        "version": __version__,
                        "informationUri": HOME,
                        "rules": [rule(c) for c in codes],
                    }
                },
                "results": [
                    {
                        "ruleId": f.code,
                        "ruleIndex": index[f.code],
                        "level": f.severity.value,
                        "message": {"text": f.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": f.file},
                                    "region": {"startLine": f.line, "startColumn": f.column},
                                }
                            }
                        ],
                    }
                    for f in findings
                ],
            }
        ],
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
            out.write(f"✔ {summary(result)}\n")
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
        mark = "✖" if result.errors else ("!" if result.warnings else "✔")
        # a summary line is never wrapped: CI logs and scripts read it whole
        console.print(Text(f"{mark} {summary(result)}", style=style), soft_wrap=True)


WRITERS: dict[Format, Callable[[Sequence[Result], IO[str]], None]] = {
    Format.text: write_text,
    Format.parsable: write_parsable,
    Format.json: write_json,
    Format.github: write_github,
    Format.sarif: write_sarif,
}
