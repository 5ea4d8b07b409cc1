"""`rmf import`: framework files from the client's spreadsheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import EXIT_FINDINGS, EXIT_OK, DebugOpt, guarded, refuse


def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Spreadsheets: .xlsx workbooks, .csv files, or a folder of them.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to make the framework in (new or empty, unless --force).",
            metavar="DIR",
            show_default=False,
        ),
    ],
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            help="The client's name (default: from an exported workbook, else the file's name).",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a folder that is not empty, replacing "
            "the framework files of the same names.",
        ),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Make framework files from spreadsheets: a sheet of units (name, parent, kind), a
    sheet of roles (title, unit, reports to, positions) and, where given, seats,
    relationships, governance membership and RACI matrices (a column per role or body,
    R/A/C/I in the cells). Columns are matched by title whatever their case and spacing,
    with common synonyms; the mapping is shown. Ids are made from names (or taken from
    an Id column). A row that cannot be placed is reported with its sheet, row and
    column, and nothing is written. What the sheets do not say (a role's
    responsibilities) is left for `rmf validate` to list. Exit codes: 0 written; 1 rows
    that cannot be placed; 2 usage error (no such file, output folder not empty).
    """

    def work() -> int:
        from rmf.sheets.imports import import_sheets, write

        made = import_sheets(files, client)
        for sheet in made.sheets:
            typer.echo(f"{sheet.grid.file}: {sheet.kind}, titles in row {sheet.header}", err=True)
            for line in sheet.describe():
                typer.echo(f"  {line}", err=True)
        if made.findings:
            refuse(", ".join(str(f) for f in files), made.findings)
        if made.errors:
            typer.echo(
                f"rmf: nothing written: {made.errors} row(s) or cell(s) could not be placed",
                err=True,
            )
            return EXIT_FINDINGS
        written = write(made, output, force)
        for path in written:
            typer.echo(f"created {path}")
        counts = ", ".join(f"{n} {k}" for k, n in made.counts.items() if n)
        typer.echo(f"rmf: imported {counts} into {output}; next: rmf validate {output}", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


import_.__name__ = "import"  # the command's name, a word Python keeps for itself
