"""The `rmf` command line: turns results and errors into output and exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from rmf import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="rmf",
    help=(
        "Relationship Management Frameworks as data: validate them, render the documents.\n\n"
        "Exit codes: 0 no errors (warnings alone pass); 1 errors found (or warnings with "
        "--strict); 2 usage error (missing path, bad option); 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    """Output formats of `rmf validate` (mirrors rmf.report.Format)."""

    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"
    sarif = "sarif"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rmf {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Relationship Management Frameworks as data."""


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"rmf: {message}", err=True)
    raise typer.Exit(code)


def _parse_today(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"--today must be a date written as YYYY-MM-DD, not {value!r}", EXIT_USAGE)


T = TypeVar("T")


def guarded(debug: bool, work: Callable[[], T]) -> T:
    """Run a command body: user errors become messages, bugs become exit code 3."""
    from rmf.errors import FrameworkError, UsageError

    try:
        return work()
    except UsageError as exc:
        _fail(str(exc), EXIT_USAGE)
    except FrameworkError as exc:
        _fail(str(exc), EXIT_FINDINGS)
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            typer.echo(
                f"rmf: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in rmf; run again with --debug to see the traceback.",
                err=True,
            )
        raise typer.Exit(EXIT_INTERNAL) from None


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Framework files or folders (a folder holds framework.yaml).", show_default=False
        ),
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (default), parsable, json, github (default when GITHUB_ACTIONS=true), "
            "sarif.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    today: Annotated[
        str | None,
        typer.Option(help="Date for waiver expiry, YYYY-MM-DD (default: today).", metavar="DATE"),
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Check frameworks against the RMF format and its rules; report every problem."""
    from rmf.errors import UsageError

    day = _parse_today(today)
    chosen = output_format or (
        OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else OutputFormat.text
    )
    for path in paths:
        if not path.exists():
            _fail(f"{path}: no such file or folder", EXIT_USAGE)

    def work() -> int:
        from rmf.report import WRITERS, Format
        from rmf.validate import validate as run

        results = []
        for path in paths:
            try:
                results.append(run(path, day))
            except UsageError as exc:
                _fail(str(exc), EXIT_USAGE)
        WRITERS[Format(chosen.value)](results, sys.stdout)
        failed = any(r.errors or (strict and r.warnings) for r in results)
        return EXIT_FINDINGS if failed else EXIT_OK

    raise typer.Exit(guarded(debug, work))
