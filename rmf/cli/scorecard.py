"""`rmf scorecard`: the board's engagement scorecard from measured values."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    PathArg,
    ReferenceDocxOpt,
    TodayOpt,
    fail,
    guarded,
    parse_today,
    refuse,
    to_stdout,
)
from rmf.cli.help import choice


class Purpose(StrEnum):
    """A board paper's purpose (the same as rmf.scorecard.paper.PURPOSES)."""

    decision = "decision"
    discussion = "discussion"
    information = "information"


class ScorecardFormat(StrEnum):
    """Output formats of `rmf scorecard` (the same as rmf.scorecard.pipeline.Format)."""

    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"
    table = "table"


BY_SUFFIX = {
    "html": ScorecardFormat.html,
    "htm": ScorecardFormat.html,
    "docx": ScorecardFormat.docx,
    "pdf": ScorecardFormat.pdf,
}


def scorecard(
    path: PathArg,
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            "-d",
            help="Measurements: CSV (indicator,period,value[,note]) or YAML.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Period to report, e.g. 2026-Q3 (default: the latest measured).",
            metavar="PERIOD",
        ),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            help="Only the indicators reported to this governance body (its id).",
            metavar="ID",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help="One business unit's card (its id): its values of the by_unit indicators.",
            metavar="ID",
        ),
    ] = None,
    paper: Annotated[
        Path | None,
        typer.Option(
            "--paper",
            help="Lay the scorecard out as a board paper, its cover block from this YAML file "
            "(meeting, number, purpose, prepared_by, requested_action).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            help="Board paper: the meeting, e.g. 'Board of Directors, 2010-07-21'.",
            metavar="TEXT",
        ),
    ] = None,
    paper_number: Annotated[
        str | None, typer.Option("--paper-number", help="Board paper: its number.", metavar="TEXT")
    ] = None,
    purpose: Annotated[
        Purpose | None,
        typer.Option(
            "--purpose",
            help="Board paper: what the board is asked for: decision, discussion or information.",
            metavar="PURPOSE",
            parser=choice(Purpose),
        ),
    ] = None,
    prepared_by: Annotated[
        str | None,
        typer.Option("--prepared-by", help="Board paper: who prepared it.", metavar="TEXT"),
    ] = None,
    requested_action: Annotated[
        str | None,
        typer.Option(
            "--requested-action",
            help="Board paper: the action the board is asked to take.",
            metavar="TEXT",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            "--out",
            help="File to write (default: standard output).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ScorecardFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md (default), html, docx, pdf, or table (a coloured table on the terminal); "
            "with -o, the file's suffix chooses when --format is not given.",
            metavar="FORMAT",
            parser=choice(ScorecardFormat),
            show_default=False,
        ),
    ] = None,
    reference_docx: ReferenceDocxOpt = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """The board's scorecard: each indicator's measured value against its target.

    For the period (default: the latest measured) each indicator shows its value,
    target, whether the target is met and by how much it is missed, status
    (red/amber/green from its thresholds and direction), change since the period
    before and owner; then an executive summary, what needs attention, corrective
    actions, values by business unit and trends. --unit gives one unit's card;
    --paper or the board paper options add a cover block. Bad measurement files
    are refused with located findings (exit 1). Without -o, Markdown goes to
    standard output.
    """
    day = parse_today(today)
    out = output
    if not data.is_file():
        fail(f"{data}: no such measurement file", EXIT_USAGE)
    chosen = output_format
    if chosen is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None else ""
        chosen = BY_SUFFIX.get(suffix, ScorecardFormat.md)
    if chosen is ScorecardFormat.table and out is not None:
        fail("--format table is for the terminal; choose md, html, docx or pdf with -o", EXIT_USAGE)
    if chosen in (ScorecardFormat.docx, ScorecardFormat.pdf) and out is None:
        fail(f"--format {chosen.value} writes a file: name it with -o", EXIT_USAGE)
    if reference_docx is not None and chosen is not ScorecardFormat.docx:
        fail("--reference-docx applies to --format docx only", EXIT_USAGE)
    fmt = chosen

    if paper is not None and not paper.is_file():
        fail(f"{paper}: no such board paper file", EXIT_USAGE)

    def work() -> int:
        from rmf.core.atomic import write_atomic
        from rmf.core.errors import FrameworkError
        from rmf.scorecard import paper as board_paper
        from rmf.scorecard.pipeline import scorecard as build

        given = board_paper.Paper(
            meeting=meeting,
            number=paper_number,
            purpose=board_paper.purpose(purpose.value if purpose else None),
            prepared_by=prepared_by,
            requested_action=requested_action,
        )
        try:
            cover = given.over(board_paper.load(paper)) if paper is not None else given
            report = build(
                path,
                data,
                fmt.value,
                period=period,
                body=body,
                unit=unit,
                paper=cover if paper is not None or cover.facts() else None,
                reference_docx=reference_docx,
                today=day,
            )
        except FrameworkError as exc:
            return refuse(exc.source or str(path), exc.findings)
        if report.warnings:
            refuse(str(path), report.warnings)  # warnings: shown, and the scorecard follows
        if report.content is None:
            from rmf.scorecard.terminal import write_table

            to_stdout(lambda stdout: write_table(report.view, stdout))
            return EXIT_OK
        if out is None:
            from rmf.core.printable import printable

            # on a terminal: control characters shown escaped (a file written with -o
            # keeps the text as it is)
            to_stdout(lambda stdout: stdout.write(printable(report.text, newlines=True)))
            return EXIT_OK
        try:
            write_atomic(out, report.content)
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_USAGE)
        typer.echo(f"rmf: wrote the {report.card.period} scorecard to {out}", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
