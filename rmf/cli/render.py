"""`rmf render`: the client documents, written to a folder or checked against it."""

from __future__ import annotations

import sys
from enum import StrEnum
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
from rmf.cli.help import choice


class RenderFormat(StrEnum):
    """Output formats of `rmf render` (the same as rmf.render.engine.FORMATS)."""

    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"


# Light copies of rmf.render.engine.FORMATS and rmf.render.kinds.KINDS, so that `--help`
# loads no library; a test keeps them equal.
FORMATS = tuple(f.value for f in RenderFormat)
KINDS = ("position", "charter", "relationship", "communication-plan", "index")


def render(
    path: OptionalPathArg = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            "--out",
            help="Output folder (default: rendered/ beside the framework when PATH is left "
            "out, else ./rendered).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        RenderFormat,
        typer.Option(
            "--format",
            "-f",
            help="md (Markdown, the default), html, docx (Word) or pdf (printed from the HTML).",
            metavar="FORMAT",
            parser=choice(RenderFormat),
            show_default=False,
        ),
    ] = RenderFormat.md,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            help="Render only this kind of document: position, charter, relationship, "
            "communication-plan or index; repeat for several.",
            metavar="KIND",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Folder of templates that replace the built-in ones of the same name "
            "(default: templates/ beside the framework, when there is one).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    reference_docx: ReferenceDocxOpt = None,
    handbook: Annotated[
        bool,
        typer.Option(
            "--handbook",
            help="Render one handbook (handbook.md, .html, .docx or .pdf in DIR) instead of "
            "the separate documents: a cover, contents, and each document as a chapter, "
            "linked within it.",
        ),
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 if DIR differs from what would be rendered."
        ),
    ] = False,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Render the client documents: a position description per role (positions/), terms of
    reference per governance body (charters/), the communication plan and an index; with
    --handbook, all of them (or the --only kinds) as one handbook in DIR instead.

    Output goes to DIR (default: ./rendered/), with a manifest.json of every file written.
    Output is the same, byte for byte, on every run; files are replaced only once every
    document has rendered, and files an earlier run wrote that are no longer produced are
    removed. An invalid framework is refused with validate's findings (exit 1), as is a
    template error (its file and line are named). Exit codes: 0 rendered (or, with --check,
    up to date); 1 invalid framework, template error, or --check found differences; 2
    usage error; 3 internal error.
    """
    day = parse_today(today)
    fmt = output_format.value
    if reference_docx is not None and fmt != "docx":
        fail("--reference-docx applies to --format docx only", EXIT_USAGE)
    unknown = [k for k in only or [] if k not in KINDS]
    if unknown:
        fail(f"--only takes {', '.join(KINDS)}; not {unknown[0]!r}", EXIT_USAGE)
    chosen = tuple(k for k in KINDS if not only or k in only)
    out = output
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

                from rmf.core.printable import color_system

                console = Console(stderr=True, color_system=color_system())
                bars.append(Progress(console=console, transient=True))
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
                handbook=handbook,
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
        what = (
            f"the handbook into {out / prepared.documents[0].path}"
            if handbook
            else f"{len(prepared.documents)} document(s) as {fmt} into {out}"
        )
        typer.echo(
            f"rmf: rendered {what}: "
            f"{len(done.written)} written, {len(done.unchanged)} unchanged, "
            f"{len(done.removed)} removed",
            err=True,
        )
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
