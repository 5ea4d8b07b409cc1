"""`rmf validate`: check frameworks against the format and its rules."""

from __future__ import annotations

import os
import sys
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
from rmf.cli.help import choice, either

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


STDIN = "-"
STDIN_NAME = "<stdin>"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Framework files or folders (a folder holds framework.yaml); - reads one "
            "file from standard input. Default: the framework of the current folder, or "
            "of the nearest folder above it.",
            metavar="PATH",
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
            "gitlab (GitLab Code Quality) or junit (JUnit XML).",
            metavar="FORMAT",
            parser=choice(OutputFormat),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            "--output-file",
            help="Write the report to FILE instead of standard output (replaced whole, "
            "never left half-written).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    reports: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            help="Also write the report in FORMAT to FILE, e.g. sarif:rmf.sarif beside "
            "--format github, for one run to give both; repeat for several.",
            metavar="FORMAT:FILE",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    no_warnings: Annotated[
        bool,
        typer.Option(
            "--no-warnings",
            help="Leave warnings out: only errors are reported, and warnings do not fail --strict.",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Only the findings: no summary line per framework, no notes on standard error.",
        ),
    ] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            help="With -, the path of the file standard input holds: findings name it, its "
            "includes and base are found from it, and a file that a framework includes is "
            "checked as part of it. Without it, standard input is a framework file of its "
            "own, in the current folder.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check frameworks against the RMF format and its rules; report every problem.

    Exit codes: 0 no errors (warnings alone pass); 1 errors found (or warnings with
    --strict); 2 usage error; 3 internal error.
    """
    day = parse_today(today)
    chosen = output_format or (
        OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.text
    )
    extra = [_report(value) for value in reports or []]
    targets = list(paths) if paths else []
    stdin = any(str(p) == STDIN for p in targets)
    if stdin and len(targets) > 1:
        fail("- (standard input) is one framework file: give it alone", EXIT_USAGE)
    if stdin_filename is not None and not stdin:
        fail("--stdin-filename names what standard input holds: give - as the PATH", EXIT_USAGE)

    def check() -> int:
        from rmf.core.errors import UsageError
        from rmf.reading.loader import locate

        if not targets:
            targets.append(default_framework(None))
        for path in targets:  # every path first: a usage error must not cost the others' work
            try:
                locate(path)
            except UsageError as exc:
                fail(str(exc), EXIT_USAGE)
        results = [_run(path, day, quiet) for path in targets]
        if no_warnings:
            results = [r.without_warnings() for r in results]
        _write(chosen, results, output, quiet)
        for fmt, file in extra:
            _write(fmt, results, file, quiet)
        if chosen is OutputFormat.github and os.environ.get("GITHUB_STEP_SUMMARY"):
            _step_summary(results, Path(os.environ["GITHUB_STEP_SUMMARY"]))
        failed = any(r.errors or (strict and r.warnings) for r in results)
        return EXIT_FINDINGS if failed else EXIT_OK

    def work() -> int:
        if not stdin:
            return check()
        from rmf.core.files import given_file, read_stream

        if sys.stdin is None:
            fail("- reads standard input, and there is none", EXIT_USAGE)
        name = Path(stdin_filename or STDIN_NAME)
        targets[:] = [name]
        with given_file(name, read_stream(sys.stdin.buffer)):
            return check()

    raise typer.Exit(guarded(debug, work))


def _report(value: str) -> tuple[OutputFormat, Path]:
    """`--report FORMAT:FILE` as a format and a file; a usage error for anything else."""
    fmt, _, file = value.partition(":")
    names = [f.value for f in OutputFormat]
    if fmt.lower() not in names or not file:
        fail(
            f"--report takes FORMAT:FILE, FORMAT being {either(names)} (e.g. sarif:rmf.sarif); "
            f"not {value!r}",
            EXIT_USAGE,
        )
    return OutputFormat(fmt.lower()), Path(file)


def _write(chosen: OutputFormat, results: list[Result], file: Path | None, quiet: bool) -> None:
    """The report in one format: on standard output, or written whole to `file`."""
    from rmf.validate.report import Format, write_report

    fmt = Format(chosen.value)
    if file is None:
        to_stdout(lambda out: write_report(fmt, results, out, quiet=quiet))
        return
    import io

    from rmf.core.atomic import write_atomic

    text = io.StringIO()
    write_report(fmt, results, text, quiet=quiet)
    write_atomic(file, text.getvalue().encode("utf-8"))


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


def _run(path: Path, day: date | None, quiet: bool) -> Result:
    """Validate a framework; for a file that a framework includes, the framework that
    includes it, with the file's own findings first. Standard input without a name is
    checked as a framework file of its own."""
    import dataclasses

    from rmf.reading.loader import including_framework
    from rmf.validate.run import validate as run

    framework = None if str(path) == STDIN_NAME else including_framework(path)
    if framework is None:
        return run(path, day)
    shown = Path(os.path.relpath(framework))
    if not quiet:
        typer.echo(f"rmf: {path} is part of {shown}; validating {shown}", err=True)
    result = run(shown, day)
    mine = Path(os.path.abspath(path))
    first = sorted(result.findings, key=lambda f: Path(os.path.abspath(f.file)) != mine)
    return dataclasses.replace(result, findings=first)
