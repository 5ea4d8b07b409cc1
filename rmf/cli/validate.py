"""`rmf validate`: check frameworks against the format and its rules."""

from __future__ import annotations

import os
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmf.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    TodayOpt,
    default_framework,
    fail,
    guarded,
    parse_today,
    to_stdout,
)

if TYPE_CHECKING:
    from rmf.validate.run import Result


class OutputFormat(StrEnum):
    """Output formats of `rmf validate` (the same as rmf.validate.report.Format)."""

    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"
    junit = "junit"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Framework files or folders (a folder holds framework.yaml); default: the "
            "framework of the current folder, or of the nearest folder above it.",
            metavar="[PATH]...",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (default), parsable, json, github (default when GITHUB_ACTIONS=true; "
            "also a table in $GITHUB_STEP_SUMMARY when set), sarif (GitHub code scanning), "
            "gitlab (GitLab Code Quality), junit (JUnit XML).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check frameworks against the RMF format and its rules; report every problem."""
    from rmf.core.errors import UsageError

    day = parse_today(today)
    chosen = output_format or (
        OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.text
    )

    def work() -> int:
        from rmf.reading.loader import locate

        targets = list(paths) if paths else [default_framework(None)]
        from rmf.validate.report import WRITERS, Format

        for path in targets:  # every path first: a usage error must not cost the others' work
            try:
                locate(path)
            except UsageError as exc:
                fail(str(exc), EXIT_USAGE)
        results = [_run(path, day) for path in targets]
        to_stdout(lambda out: WRITERS[Format(chosen.value)](results, out))
        if chosen is OutputFormat.github and os.environ.get("GITHUB_STEP_SUMMARY"):
            _step_summary(results, Path(os.environ["GITHUB_STEP_SUMMARY"]))
        failed = any(r.errors or (strict and r.warnings) for r in results)
        return EXIT_FINDINGS if failed else EXIT_OK

    raise typer.Exit(guarded(debug, work))


def _step_summary(results: list[Result], path: Path) -> None:
    """Add the findings table to the job's summary page. A summary that cannot be
    written costs the table, not the validation: a warning, and the exit code stands."""
    from rmf.core.printable import printable
    from rmf.validate.ci import step_summary

    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(step_summary(results))
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        typer.echo(
            f"rmf: warning: cannot add to the step summary {printable(str(path))}: {why}", err=True
        )


def _run(path: Path, day: date | None) -> Result:
    """Validate a framework; for a file that a framework includes, the framework that
    includes it, with the file's own findings first."""
    import dataclasses

    from rmf.reading.loader import including_framework
    from rmf.validate.run import validate as run

    framework = including_framework(path)
    if framework is None:
        return run(path, day)
    shown = Path(os.path.relpath(framework))
    typer.echo(f"rmf: {path} is part of {shown}; validating {shown}", err=True)
    result = run(shown, day)
    mine = Path(os.path.abspath(path))
    first = sorted(result.findings, key=lambda f: Path(os.path.abspath(f.file)) != mine)
    return dataclasses.replace(result, findings=first)
