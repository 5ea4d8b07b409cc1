"""`rmf render`: the client documents, written to a folder or checked against it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

if TYPE_CHECKING:
    from rich.progress import Progress

from rmf.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    DebugOpt,
    OptionalPathArg,
    ReferenceDocxOpt,
    TodayOpt,
    default_framework,
    fail,
    guarded,
    parse_today,
    refuse,
    require_path,
)

# Light copies of rmf.render.engine.FORMATS and rmf.render.kinds.KINDS, so that `--help`
# loads no library; a test keeps them equal.
FORMATS = ("md", "html", "docx", "pdf")
KINDS = ("position", "charter", "relationship", "communication-plan", "index")


def render(
    path: OptionalPathArg = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Output folder (default: rendered/ beside the framework when PATH is left "
            "out, else ./rendered).",
            metavar="OUT",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="md (Markdown), html, docx (Word) or pdf (printed from the HTML).",
            metavar="md|html|docx|pdf",
        ),
    ] = "md",
    only: Annotated[
        list[str] | None,
        typer.Option(
            help="Render only this kind of document: position, charter, relationship, "
            "communication-plan or index; repeat for several.",
            metavar="KIND",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            help="Folder of templates that replace the built-in ones of the same name "
            "(default: templates/ beside the framework, when there is one).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    reference_docx: ReferenceDocxOpt = None,
    check: Annotated[
        bool,
        typer.Option(help="Write nothing; exit 1 if OUT differs from what would be rendered."),
    ] = False,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Render the client documents: a position description per role (positions/), terms of
    reference per governance body (charters/), the communication plan and an index.

    Output goes to OUT (default: ./rendered/), with a manifest.json of every file written.
    Output is the same, byte for byte, on every run; files are replaced only once every
    document has rendered, and files an earlier run wrote that are no longer produced are
    removed. An invalid framework is refused with validate's findings (exit 1), as is a
    template error (its file and line are named). Exit codes: 0 rendered (or, with --check,
    up to date); 1 invalid framework, template error, or --check found differences; 2
    usage error; 3 internal error.
    """
    day = parse_today(today)
    fmt = output_format.lower()
    if fmt not in FORMATS:
        fail(f"--format must be md, html, docx or pdf, not {output_format!r}", EXIT_USAGE)
    if reference_docx is not None and fmt != "docx":
        fail("--reference-docx applies to --format docx only", EXIT_USAGE)
    unknown = [k for k in only or [] if k not in KINDS]
    if unknown:
        fail(f"--only takes {', '.join(KINDS)}; not {unknown[0]!r}", EXIT_USAGE)
    chosen = tuple(k for k in KINDS if not only or k in only)
    if out is None:
        out = Path("rendered") if path is not None else default_framework(None) / "rendered"
    path = default_framework(path)
    require_path(path)

    def work() -> int:
        from rmf.core.errors import FrameworkError
        from rmf.core.printable import printable  # file names from the output folder
        from rmf.render.engine import Format
        from rmf.render.output import check as compare
        from rmf.render.output import write
        from rmf.render.pipeline import prepare

        # A progress bar only for a person watching a terminal, and only when it helps.
        bars: list[Progress] = []

        def progress(done: int, total: int) -> None:
            if total < 10 or not sys.stderr.isatty():
                return
            if not bars:
                from rich.console import Console
                from rich.progress import Progress

                bars.append(Progress(console=Console(stderr=True), transient=True))
                bars[0].add_task("Rendering", total=None)
                bars[0].start()
            bars[0].update(bars[0].task_ids[0], completed=done, total=total)

        as_format = cast(Format, fmt)
        try:
            prepared = prepare(
                path,
                out,
                as_format,
                chosen,
                templates=templates,
                reference_docx=reference_docx,
                today=day,
                progress=progress,
            )
        except FrameworkError as exc:
            return refuse(str(path), exc.findings)
        finally:
            for bar in bars:
                bar.stop()
        if prepared.result.warnings:
            typer.echo(
                f"rmf: {path}: {prepared.result.warnings} warning(s); `rmf validate` lists them",
                err=True,
            )
        if check:
            diff = compare(out, prepared.plan)
            for label, paths in (
                ("missing", diff.missing),
                ("changed", diff.changed),
                ("extra", diff.extra),
            ):
                for name in paths:
                    typer.echo(f"{label}: {printable(str(out / name))}")
            if diff.clean:
                typer.echo(f"rmf: {out} is up to date", err=True)
                return EXIT_OK
            if diff.interrupted:
                typer.echo(
                    f"rmf: {out} was left half-updated by a render that was stopped; "
                    "run `rmf render` to finish it",
                    err=True,
                )
            typer.echo(
                f"rmf: {out} differs from the rendered framework: {len(diff.missing)} missing, "
                f"{len(diff.changed)} changed, {len(diff.extra)} extra; run `rmf render` to "
                "update it",
                err=True,
            )
            return EXIT_FINDINGS
        done = write(out, prepared.plan)
        for name in done.kept:
            typer.echo(
                f"rmf: kept {printable(str(out / name))}: no longer rendered, but edited since "
                "rmf wrote it",
                err=True,
            )
        typer.echo(
            f"rmf: rendered {len(prepared.documents)} document(s) as {fmt} into {out}: "
            f"{len(done.written)} written, {len(done.unchanged)} unchanged, "
            f"{len(done.removed)} removed",
            err=True,
        )
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
