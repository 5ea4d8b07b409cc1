"""`rmf export`: the framework as a workbook for the people who live in spreadsheets."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    OptionalPathArg,
    TodayOpt,
    default_framework,
    fail,
    guarded,
    parse_today,
    refuse,
    require_path,
)
from rmf.cli.help import choice


class SheetFormat(StrEnum):
    """Output formats of `rmf export` (the same as rmf.sheets.export.Format)."""

    xlsx = "xlsx"
    csv = "csv"


def chosen_format(out: Path, given: SheetFormat | None) -> SheetFormat:
    """The format asked for, else the one `-o` implies: a `.xlsx` file is a workbook,
    anything without a suffix (or an existing folder) a folder of CSV files."""
    suffix = out.suffix.lower()
    if given is None:
        if suffix == ".xlsx":
            return SheetFormat.xlsx
        if out.is_dir() or not suffix:
            return SheetFormat.csv
        if suffix == ".csv":
            fail(f"-o {out}: CSV export writes one file per sheet; give a folder", EXIT_USAGE)
        fail(f"-o {out}: give a .xlsx file, or a folder for CSV files", EXIT_USAGE)
    if given is SheetFormat.xlsx and (out.is_dir() or suffix != ".xlsx"):
        fail(f"--format xlsx writes one workbook: name it FILE.xlsx, not {out}", EXIT_USAGE)
    if given is SheetFormat.csv and suffix in (".xlsx", ".csv") and not out.is_dir():
        fail(f"--format csv writes one file per sheet into a folder, not {out}", EXIT_USAGE)
    return given


def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="FILE.xlsx for a workbook, or a folder for CSV files (one per sheet).",
            metavar="OUT",
            show_default=False,
        ),
    ],
    path: OptionalPathArg = None,
    output_format: Annotated[
        SheetFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx or csv (default: xlsx for a .xlsx file, csv for a folder).",
            metavar="FORMAT",
            parser=choice(SheetFormat),
            show_default=False,
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            "-d",
            help="Measurements (as for rmf scorecard): adds a sheet of each indicator's "
            "latest value and status.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Export the framework as spreadsheets: units, roles (with position numbers and
    incumbents), seats, relationships, governance membership, a RACI matrix per process
    (roles and bodies as columns), the communication calendar (months x communications),
    indicators with targets and thresholds and, with --data, the latest measurements.
    Each entity keeps its id in a column, so `rmf import` reads the file back. The
    workbook has styled, frozen titles and filters, and is the same bytes on every run.
    Exit codes: 0 written; 1 the framework or measurement file has errors; 2 usage error.
    """
    day = parse_today(today)
    target = default_framework(path)
    require_path(target)
    fmt = chosen_format(output, output_format)
    if data is not None and not data.is_file():
        fail(f"{data}: no such measurement file", EXIT_USAGE)

    def work() -> int:
        from rmf.core.atomic import write_all
        from rmf.core.errors import FrameworkError
        from rmf.sheets.export import export as build

        try:
            made = build(target, fmt.value, data, day)
        except FrameworkError as exc:
            return refuse(exc.source or str(target), exc.findings)
        if fmt is SheetFormat.xlsx:
            (content,) = made.files.values()
            write_all({output: content})
            typer.echo(f"rmf: wrote {len(made.sheets)} sheets to {output}", err=True)
        else:
            write_all({output / name: content for name, content in made.files.items()})
            typer.echo(f"rmf: wrote {len(made.files)} CSV files to {output}", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
