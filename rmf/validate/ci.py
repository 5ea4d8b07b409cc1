"""Validation findings for CI services: GitHub annotations and step summary, GitLab Code
Quality, JUnit XML."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

from rmf.core.findings import Finding, Severity
from rmf.core.printable import printable, printable_all
from rmf.validate.places import fingerprints, project_root, relative_path
from rmf.validate.report import mark, summary
from rmf.validate.run import Result

# GitHub shows at most this many annotations of each severity for a step
GITHUB_SHOWN = 10
# rows of the step summary: GitHub takes at most 1 MiB of it per step
SUMMARY_ROWS = 500


# --- GitHub workflow commands -----------------------------------------------------


def _gh_data(text: str) -> str:
    # GitHub's own escapes for a workflow command's message; control characters are
    # escaped before, so that no line break or terminal sequence reaches the log
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _totals(results: Sequence[Result]) -> tuple[int, int]:
    return sum(r.errors for r in results), sum(r.warnings for r in results)


def write_github(results: Sequence[Result], out: IO[str], *, quiet: bool = False) -> None:
    """An annotation per finding, then a summary line per framework (unless `quiet`):
    GitHub shows only the first annotations of a step, and the log keeps every line."""
    for result in results:
        for f in result.findings:
            out.write(
                f"::{f.severity.value} file={_gh_prop(f.file)},line={f.line},col={f.column},"
                f"title={_gh_prop('rmf ' + f.code)}::{_gh_data(f.message)}\n"
            )
    if quiet:
        return
    for result in results:
        out.write(f"{mark(result)} {printable(summary(result))}\n")
    errors, warnings = _totals(results)
    if errors > GITHUB_SHOWN or warnings > GITHUB_SHOWN:
        out.write(
            f"rmf: GitHub shows {GITHUB_SHOWN} annotations of each severity per step; every "
            "finding is listed above, and in the job's summary\n"
        )


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&:\"'])")


def _md(text: str) -> str:
    """Text as it reads, in a Markdown table cell: every punctuation mark escaped, so
    that nothing in a framework becomes a link, an image, HTML or a new cell."""
    return _MARKDOWN.sub(r"\\\1", " ".join(printable(text).split()))


def _rows(findings: Sequence[Finding], last: list[str]) -> list[str]:
    rows = [
        f"| {f.severity.value} | {_md(f'{f.file}:{f.line}:{f.column}')} | {_md(f.message)} "
        f"| {_md(f.code)} |{last[i] if last else ''}"
        for i, f in enumerate(findings[:SUMMARY_ROWS])
    ]
    if len(findings) > SUMMARY_ROWS:
        rows.append(f"\n…and {len(findings) - SUMMARY_ROWS} more, in the job's log.")
    return rows


def step_summary(results: Sequence[Result]) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: a line per framework and a table of every
    finding, which the job's page shows whole where annotations stop at ten."""
    lines = ["### rmf validate", ""]
    lines += [f"- {mark(r)} {_md(summary(r))}" for r in results]
    findings = [f for r in results for f in r.findings]
    if findings:
        lines += ["", "| severity | where | problem | rule |", "|---|---|---|---|"]
        lines += _rows(findings, [])
    waived = [w for r in results for w in r.waived]
    if waived:
        reasons = [f" {_md(w.reason)} |" for w in waived]
        lines += ["", "Waived, not counted:", ""]
        lines += ["| severity | where | problem | rule | reason |", "|---|---|---|---|---|"]
        lines += _rows([w.finding for w in waived], reasons)
    return "\n".join(lines) + "\n\n"


# --- GitLab Code Quality ------------------------------------------------------------

_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def gitlab_report(results: Sequence[Result], root: Path | None = None) -> list[dict[str, Any]]:
    """A Code Quality issue per finding, its path relative to the repository's top (or
    `root`), as GitLab shows them on a merge request; waived findings are left out."""
    root = root or project_root()
    findings = [f for r in results for f in r.findings]
    paths = [relative_path(f.file, root) or f.file for f in findings]
    return [
        {
            # GitLab does not show check_name: the description starts with the code
            "description": f"{f.code}: {' '.join(f.message.split())}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[f.severity],
            "location": {"path": path, "lines": {"begin": f.line}},
        }
        for f, path, fingerprint in zip(findings, paths, fingerprints(findings, paths), strict=True)
    ]


def write_gitlab(results: Sequence[Result], out: IO[str]) -> None:
    out.write(json.dumps(gitlab_report(results), indent=2, ensure_ascii=False) + "\n")


# --- JUnit XML --------------------------------------------------------------------


def _suite(root: ET.Element, suites: dict[str, ET.Element], file: str) -> ET.Element:
    """The test suite of a file, made at its first finding."""
    if file not in suites:
        suites[file] = ET.SubElement(root, "testsuite", {"name": file})
    return suites[file]


def _case(suite: ET.Element, f: Finding) -> ET.Element:
    stem = f.file.rsplit(".", 1)[0] if "." in f.file.rsplit("/", 1)[-1] else f.file
    return ET.SubElement(
        suite,
        "testcase",
        {
            "name": f"rmf.{f.code}",
            "classname": stem,
            "file": f.file,
            "line": str(f.line),
            "column": str(f.column),
        },
    )


def junit_report(results: Sequence[Result]) -> ET.Element:
    """A test suite per file with findings, a failing test case per finding (a skipped
    one per waived finding, with the waiver's reason), and a passing case for a framework
    with nothing to report: what CI services show as test results."""
    root = ET.Element("testsuites", {"name": "rmf"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for result in results:
        result = printable_all(result)
        files: dict[str, ET.Element] = {}
        for f in result.findings:
            description = f"line {f.line}, col {f.column}, {f.message}"
            attrs = {"message": f.message, "type": f.severity.value}
            ET.SubElement(
                _case(_suite(root, files, f.file), f), "failure", attrs
            ).text = description
        for w in result.waived:
            case = _case(_suite(root, files, w.finding.file), w.finding)
            ET.SubElement(case, "skipped", {"message": f"waived: {w.reason}"})
        if not files:
            ET.SubElement(
                _suite(root, files, result.path), "testcase", {"name": "valid", "classname": "rmf"}
            )
        for element in files.values():
            counts = {
                "tests": len(element),
                "failures": len(element.findall("testcase/failure")),
                "skipped": len(element.findall("testcase/skipped")),
            }
            element.attrib.update({k: str(v) for k, v in counts.items()} | {"errors": "0"})
            for key, value in counts.items():
                totals[key] += value
    root.attrib.update({k: str(v) for k, v in totals.items()} | {"errors": "0"})
    return root


def write_junit(results: Sequence[Result], out: IO[str]) -> None:
    tree = junit_report(results)
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree, encoding="unicode") + "\n")
