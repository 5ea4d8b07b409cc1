"""`rmf show`: a framework's shape on the terminal, or as JSON."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from rmf.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    PathArg,
    TodayOpt,
    fail,
    guarded,
    parse_today,
    refuse,
    require_path,
    to_stdout,
)
from rmf.cli.help import choice


class ShowFormat(StrEnum):
    """Output formats of `rmf show`."""

    text = "text"
    json = "json"


# A light copy of rmf.show.shape.VIEWS, so that `--help` loads no library; a test keeps
# them equal.
VIEWS = ("structure", "relationships", "raci", "coverage", "governance", "indicators")


def show(
    path: PathArg,
    what: Annotated[
        str | None,
        typer.Argument(
            help="One view: structure, relationships, raci, coverage, governance or "
            "indicators (default: a summary and every view).",
            metavar="WHAT",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (tables and trees, the default) or json.",
            metavar="FORMAT",
            parser=choice(ShowFormat),
            show_default=False,
        ),
    ] = ShowFormat.text,
    origin: Annotated[
        bool,
        typer.Option(
            "--origin",
            help="Mark each entity base, override or client (for a framework that extends a "
            "base), and list where each field of an overridden base entity comes from.",
        ),
    ] = False,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Show a framework's shape in the terminal: the units with their roles as a tree, who
    manages each business unit, the RACI matrix of each process, which communications
    reach each business unit, the governance bodies with their chairs, and the indicator
    catalogue.

    A framework with errors is shown as far as it could be read, with the number of
    errors (a file that cannot be read at all is refused with validate's findings).
    Exit codes: 0 shown; 1 the framework has errors; 2 usage error; 3 internal error.
    """
    day = parse_today(today)
    if what is not None and what not in VIEWS:
        fail(f"WHAT is one of {', '.join(VIEWS)}; not {what!r}", EXIT_USAGE)
    views = (what,) if what else VIEWS
    require_path(path)

    def work() -> int:
        from rmf.show.jsonreport import write_json
        from rmf.show.report import write_text
        from rmf.show.shape import shape
        from rmf.validate.run import validate

        result = validate(path, day)
        if result.checked is None or result.checked.framework is None:
            return refuse(str(path), result.findings)  # nothing could be read to show
        found = shape(str(path), result.checked, result.warnings, views, result.errors)
        writer = write_json if output_format is ShowFormat.json else write_text
        to_stdout(lambda out: writer(found, views, out, origin=origin))
        return EXIT_FINDINGS if result.errors else EXIT_OK

    raise typer.Exit(guarded(debug, work))
