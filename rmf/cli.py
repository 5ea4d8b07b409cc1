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


@app.command()
def render(
    path: Annotated[
        Path,
        typer.Argument(
            help="Framework file or folder (a folder holds framework.yaml).",
            metavar="PATH",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Output folder.", metavar="OUT"),
    ] = Path("rendered"),
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="md (Markdown) or html.", metavar="md|html"),
    ] = "md",
    only: Annotated[
        list[str] | None,
        typer.Option(
            help="Render only this kind of document: position, charter, communication-plan "
            "or index; repeat for several.",
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
    check: Annotated[
        bool,
        typer.Option(help="Write nothing; exit 1 if OUT differs from what would be rendered."),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(help="Date for waiver expiry, YYYY-MM-DD (default: today).", metavar="DATE"),
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
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
    day = _parse_today(today)
    fmt = output_format.lower()
    if fmt not in ("md", "html"):
        _fail(f"--format must be md or html, not {output_format!r}", EXIT_USAGE)
    kinds = ("position", "charter", "communication-plan", "index")
    unknown = [k for k in only or [] if k not in kinds]
    if unknown:
        _fail(f"--only takes {', '.join(kinds)}; not {unknown[0]!r}", EXIT_USAGE)
    chosen = tuple(k for k in kinds if not only or k in only)
    if not path.exists():
        _fail(f"{path}: no such file or folder", EXIT_USAGE)

    def work() -> int:
        from rich.console import Console
        from rich.progress import Progress

        from rmf.errors import FrameworkError
        from rmf.output import check as compare
        from rmf.output import plan, write
        from rmf.render import TemplateError, template_dirs
        from rmf.render import render as run
        from rmf.report import write_text
        from rmf.validate import Result, load_framework

        try:
            result = load_framework(path, day)
        except FrameworkError as exc:
            write_text([Result(str(path), exc.findings)], sys.stderr)
            return EXIT_FINDINGS
        framework = result.framework
        assert framework is not None
        if result.warnings:
            typer.echo(
                f"rmf: {path}: {result.warnings} warning(s); `rmf validate` lists them", err=True
            )
        # A progress bar only for a person watching a terminal, and only when it helps.
        bar = Progress(console=Console(stderr=True), transient=True)
        task = bar.add_task("Rendering", total=None)

        def progress(done: int, total: int) -> None:
            if total >= 10 and sys.stderr.isatty():
                bar.start()
                bar.update(task, completed=done, total=total)

        try:
            rendered = run(
                framework,
                "html" if fmt == "html" else "md",
                chosen,
                template_dirs(path, templates),
                progress,
            )
        except TemplateError as exc:
            _fail(f"template error: {exc}", EXIT_FINDINGS)
        finally:
            bar.stop()
        meta = framework.framework
        planned = plan(out, rendered, fmt, (meta.id, meta.version), chosen)
        if check:
            diff = compare(out, planned)
            for label, paths in (
                ("missing", diff.missing),
                ("changed", diff.changed),
                ("extra", diff.extra),
            ):
                for name in paths:
                    typer.echo(f"{label}: {out / name}")
            if diff.clean:
                typer.echo(f"rmf: {out} is up to date", err=True)
                return EXIT_OK
            typer.echo(
                f"rmf: {out} differs from the rendered framework: {len(diff.missing)} missing, "
                f"{len(diff.changed)} changed, {len(diff.extra)} extra; run `rmf render` to "
                "update it",
                err=True,
            )
            return EXIT_FINDINGS
        done = write(out, planned)
        for name in done.kept:
            typer.echo(
                f"rmf: kept {out / name}: no longer rendered, but edited since rmf wrote it",
                err=True,
            )
        typer.echo(
            f"rmf: rendered {len(rendered)} document(s) as {fmt} into {out}: "
            f"{len(done.written)} written, {len(done.unchanged)} unchanged, "
            f"{len(done.removed)} removed",
            err=True,
        )
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


# --- rmf schema / rmf init / rmf show -------------------------------------------------


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to FILE instead of standard output.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    include_file: Annotated[
        bool,
        typer.Option(
            "--include-file",
            help="The schema of an included file (list sections only), not of a root file.",
        ),
    ] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the RMF format, generated from rmf's own
    models, for editors and other tools: `# yaml-language-server: $schema=PATH` at the top
    of a framework file gives completion, hover help and checks as you type.

    The schema says what a well-formed file is; the rules beyond it (references, coverage,
    cycles, …) are `rmf validate`'s. This repository commits both schemas in schema/;
    regenerate them with `rmf schema -o schema/rmf-1.json` and `rmf schema --include-file
    -o schema/rmf-1-include.json`. Exit codes: 0 written; 2 usage error; 3 internal error.
    """

    def work() -> int:
        from rmf.jsonschema import schema_text, write_schema

        if output is None:
            sys.stdout.write(schema_text(include_file))
        else:
            write_schema(output, include_file)
            typer.echo(f"rmf: wrote {output}", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
