"""`rmf scorecard`: the board's engagement scorecard from measured values."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    ReferenceDocxOpt,
    TodayOpt,
    fail,
    guarded,
    parse_today,
    refuse,
)


class ScorecardFormat(StrEnum):
    """Output formats of `rmf scorecard` (the same as rmf.scorecard.pipeline.Format)."""

    md = "md"
    html = "html"
    docx = "docx"
    table = "table"


BY_SUFFIX = {
    "html": ScorecardFormat.html,
    "htm": ScorecardFormat.html,
    "docx": ScorecardFormat.docx,
}


def scorecard(
    path: Annotated[Path, typer.Argument(help="Framework file or folder.", show_default=False)],
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            "-d",
            help="Measurements: CSV (indicator,period,value[,note]) or YAML.",
            show_default=False,
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(help="Period to report, e.g. 2026-Q3 (default: the latest measured)."),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(help="Only the indicators reported to this governance body (its id)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="File to write (default: standard output)."),
    ] = None,
    output_format: Annotated[
        ScorecardFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md (default), html, docx, or table (a coloured table on the terminal); "
            "with -o, the file's suffix chooses when --format is not given.",
            show_default=False,
        ),
    ] = None,
    reference_docx: ReferenceDocxOpt = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """The board's scorecard: each indicator's measured value against its target.

    For the period (default: the latest measured) each indicator shows its value,
    target, status (red/amber/green from its thresholds and direction), change
    since the period before, trend and owner, then what needs attention: red
    indicators and missing values. Bad measurement files are refused with located
    findings (exit 1). Without -o, Markdown goes to standard output.
    """
    day = parse_today(today)
    if not data.is_file():
        fail(f"{data}: no such measurement file", EXIT_USAGE)
    chosen = output_format
    if chosen is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None else ""
        chosen = BY_SUFFIX.get(suffix, ScorecardFormat.md)
    if chosen is ScorecardFormat.table and out is not None:
        fail("--format table is for the terminal; choose md, html or docx with -o", EXIT_USAGE)
    if chosen is ScorecardFormat.docx and out is None:
        fail("--format docx writes a file: name it with -o", EXIT_USAGE)
    if reference_docx is not None and chosen is not ScorecardFormat.docx:
        fail("--reference-docx applies to --format docx only", EXIT_USAGE)
    fmt = chosen

    def work() -> int:
        from rmf.core.atomic import write_atomic
        from rmf.core.errors import FrameworkError
        from rmf.scorecard.pipeline import scorecard as build

        try:
            report = build(
                path,
                data,
                fmt.value,
                period=period,
                body=body,
                reference_docx=reference_docx,
                today=day,
            )
        except FrameworkError as exc:
            return refuse(exc.source or str(path), exc.findings)
        if report.warnings:
            refuse(str(path), report.warnings)  # warnings: shown, and the scorecard follows
        if report.content is None:
            from rmf.scorecard.terminal import write_table

            write_table(report.view, sys.stdout)
            return EXIT_OK
        if out is None:
            sys.stdout.write(report.text)
            return EXIT_OK
        try:
            write_atomic(out, report.content)
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_USAGE)
        typer.echo(f"rmf: wrote the {report.card.period} scorecard to {out}", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
