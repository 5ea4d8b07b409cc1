"""The `rmf` command line: turns results and errors into output and exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

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

    def work() -> int:
        from rmf.loader import locate
        from rmf.report import WRITERS, Format
        from rmf.validate import validate as run

        for path in paths:  # every path first: a usage error must not cost the others' work
            try:
                locate(path)
            except UsageError as exc:
                _fail(str(exc), EXIT_USAGE)
        results = [run(path, day) for path in paths]
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
        typer.Option(
            "--format", "-f", help="md (Markdown), html or docx (Word).", metavar="md|html|docx"
        ),
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
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            help="Word document (.docx or .dotx) whose styles, headers and footers the "
            "docx output takes (default: reference.docx beside the framework or a base it "
            "extends, else python-docx's default template).",
            metavar="FILE",
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
    if fmt not in ("md", "html", "docx"):
        _fail(f"--format must be md, html or docx, not {output_format!r}", EXIT_USAGE)
    if reference_docx is not None and fmt != "docx":
        _fail("--reference-docx applies to --format docx only", EXIT_USAGE)
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

        from rmf.output import check as compare
        from rmf.output import plan, write
        from rmf.render import TemplateError, template_dirs
        from rmf.render import render as run

        result = _usable(path, day)
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

        bases = result.checked.source.bases if result.checked else ()
        reference = None
        if fmt == "docx":
            from rmf.docx_package import reference_docx as house_style

            reference = house_style(path, reference_docx, bases)
        try:
            rendered = run(
                framework,
                "html" if fmt == "html" else "docx" if fmt == "docx" else "md",
                chosen,
                template_dirs(path, templates, bases),
                progress,
                reference,
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


# --- rmf diff / rmf changelog / rmf fmt -------------------------------------------------


class DiffFormat(StrEnum):
    """Output formats of `rmf diff` (mirrors rmf.diffreport.Format)."""

    text = "text"
    markdown = "markdown"
    json = "json"
    changelog = "changelog"


class FailOn(StrEnum):
    """Change grades, for `rmf diff --fail-on`."""

    major = "major"
    minor = "minor"
    patch = "patch"


GIT_DRIVER_ARGS = 7  # path old-file old-hex old-mode new-file new-hex new-mode
SidesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="OLD and NEW: framework paths (file or folder), git revisions of --path, or "
        "REV:PATH. One argument compares it with the working tree; a path alone compares "
        "HEAD with the working tree.",
        metavar="[OLD] [NEW]",
        show_default=False,
    ),
]
PathOpt = Annotated[
    str | None,
    typer.Option("--path", "-p", help="The framework, for bare revisions.", metavar="PATH"),
]
FromOpt = Annotated[
    str | None, typer.Option("--from", help="Old revision (default HEAD).", metavar="REV")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", help="New revision (default: working tree).", metavar="REV")
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        help="Date of the changelog heading, YYYY-MM-DD (default: today).", metavar="DATE"
    ),
]
DebugOpt = Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")]


if TYPE_CHECKING:
    from rmf.diff import Comparison
    from rmf.validate import Result


def _refuse(label: str, findings: Sequence[object]) -> int:
    """Show why a framework cannot be used, as validate shows it, on standard error."""
    from rmf.findings import Finding
    from rmf.report import write_text
    from rmf.validate import Result

    write_text([Result(label, [f for f in findings if isinstance(f, Finding)])], sys.stderr)
    return EXIT_FINDINGS


def _usable(path: Path, day: date | None) -> Result:
    """The framework at `path` for a command that builds on it; when it has errors, its
    findings go to standard error as validate shows them and the command exits 1."""
    from rmf.errors import FrameworkError
    from rmf.validate import load_framework

    try:
        return load_framework(path, day)
    except FrameworkError as exc:
        raise typer.Exit(_refuse(str(path), exc.findings)) from None


def _compare(
    sides: list[str], path: str | None, from_rev: str | None, to_rev: str | None
) -> Comparison:
    """The comparison the arguments ask for; a side that cannot be read ends the command."""
    from rmf.diff import compare
    from rmf.errors import FrameworkError
    from rmf.gitrev import load, resolve_sides

    old, new = resolve_sides(sides, path, from_rev, to_rev)
    loaded = []
    for side in (old, new):
        try:
            loaded.append(load(side))
        except FrameworkError as exc:
            raise typer.Exit(_refuse(side.label, list(exc.findings))) from None
    return compare(loaded[0], loaded[1], old.label, new.label)


def _git_driver(args: list[str], chosen: DiffFormat) -> int:
    """`rmf diff` as git's external diff: compare frameworks, or fall back to a line diff
    for files that are not whole frameworks (included files, other YAML)."""
    import difflib

    from rmf.diff import compare
    from rmf.diffreport import WRITERS, Format
    from rmf.errors import RmfError
    from rmf.gitrev import read

    name, old_file, old_hex, _, new_file, new_hex, _ = args
    try:
        if os.devnull in (old_file, new_file):
            raise RmfError("added or deleted")
        old, new = read(Path(old_file)), read(Path(new_file))
    except RmfError:
        texts = []
        for file in (old_file, new_file):
            with open(file, encoding="utf-8", errors="replace") as handle:
                texts.append(handle.read().splitlines(keepends=True))
        sys.stdout.writelines(difflib.unified_diff(texts[0], texts[1], f"a/{name}", f"b/{name}"))
        return EXIT_OK
    cmp = compare(old, new, f"{name} ({old_hex[:7]})", f"{name} ({new_hex[:7]})")
    WRITERS[Format(chosen.value)](cmp, sys.stdout)
    return EXIT_OK


@app.command()
def diff(
    sides: SidesArg = None,
    path: PathOpt = None,
    from_rev: FromOpt = None,
    to_rev: ToOpt = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="text, markdown (for a pull request), json, changelog."
        ),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the frameworks differ.")
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 when a change of this grade or higher exists.", show_default=False
        ),
    ] = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Compare two versions of a framework entity by entity, grade each change major (removes
    or weakens something others rely on), minor (adds) or patch (wording), list the documents
    to reissue, and suggest the next framework version.

    Examples: `rmf diff old.yaml new.yaml`; `rmf diff frameworks/acme` (HEAD vs working
    tree); `rmf diff HEAD~1 --path frameworks/acme`; `rmf diff main:frameworks/acme
    v2.0:frameworks/acme`; `rmf diff --from v1.0 --to v2.0 frameworks/acme`. With seven
    arguments it works as git's external diff driver. Exit codes: 0 compared (no
    differences with --exit-code, nothing at the --fail-on grade); 1 differences under
    --exit-code or --fail-on, or a framework that cannot be read; 2 usage error; 3 internal
    error.
    """
    day = _parse_today(today)
    args = sides or []

    def work() -> int:
        from rmf.diffreport import WRITERS, Format, write_changelog

        if len(args) == GIT_DRIVER_ARGS:
            return _git_driver(args, output_format)
        cmp = _compare(args, path, from_rev, to_rev)
        if output_format is DiffFormat.changelog:
            write_changelog(cmp, sys.stdout, day)
        else:
            WRITERS[Format(output_format.value)](cmp, sys.stdout)
        if output_format is not DiffFormat.text and not cmp.version.ok:
            typer.echo(f"rmf: warning: {cmp.version.message}", err=True)
        failed = exit_code and cmp.differs
        if fail_on is not None:
            floor = ("patch", "minor", "major").index(fail_on.value)
            failed = failed or any(c.grade.rank >= floor for c in cmp.changes)
        return EXIT_FINDINGS if failed else EXIT_OK

    raise typer.Exit(guarded(debug, work))


@app.command()
def changelog(
    sides: SidesArg = None,
    path: PathOpt = None,
    from_rev: FromOpt = None,
    to_rev: ToOpt = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write a Keep a Changelog section (Added, Changed, Removed) for the changes between two
    versions of a framework, for the client's release notes. Takes the same arguments as
    `rmf diff`; the same as `rmf diff --format changelog`. Exit codes: 0 written; 1 a
    framework cannot be read; 2 usage error; 3 internal error.
    """
    day = _parse_today(today)

    def work() -> int:
        from rmf.diffreport import write_changelog

        cmp = _compare(sides or [], path, from_rev, to_rev)
        write_changelog(cmp, sys.stdout, day)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


@app.command()
def fmt(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Framework files, or folders (the root file and every included file).",
            show_default=False,
        ),
    ],
    check: Annotated[
        bool, typer.Option(help="Write nothing; list files that would change and exit 1.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Format framework files: keys in the format's order, 2-space indentation, sequences
    indented under their key; every comment, anchor and blank-line group kept.

    A file is rewritten (atomically) only once it reads back as the same data with the
    same comments; a file that rmf cannot read is refused with its findings. Exit codes:
    0 formatted (or, with --check, nothing to change); 1 --check found files to change, or
    a file cannot be read; 2 usage error; 3 internal error.
    """
    for target in paths:
        if not target.exists():
            _fail(f"{target}: no such file or folder", EXIT_USAGE)

    def work() -> int:
        from rmf.atomic import write_atomic
        from rmf.errors import FrameworkError
        from rmf.fmt import format_paths

        try:
            results = format_paths(paths)
        except FrameworkError as exc:
            return _refuse(", ".join(str(p) for p in paths), list(exc.findings))
        changed = [r for r in results if r.changed]
        for r in changed:
            if check:
                typer.echo(f"would reformat {r.display}")
            else:
                write_atomic(r.path, r.text.encode("utf-8"))
                typer.echo(f"reformatted {r.display}")
        verb = "would be reformatted" if check else "reformatted"
        typer.echo(
            f"rmf: {len(changed)} file(s) {verb}, {len(results) - len(changed)} unchanged",
            err=True,
        )
        return EXIT_FINDINGS if check and changed else EXIT_OK

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


@app.command()
def init(
    dest: Annotated[
        Path,
        typer.Argument(
            help="The new folder: a repository for one client's framework.",
            metavar="DIR",
            show_default=False,
        ),
    ],
    client: Annotated[
        str | None,
        typer.Option(
            help="The client's name; the framework id is derived from it (default: the "
            "folder's name in words).",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Start from a base framework (a file, or a folder with framework.yaml): "
            "the new framework `extends` it and holds only the client's own entities.",
            metavar="BASE",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Date for waiver expiry, YYYY-MM-DD (default: today).", metavar="DATE"),
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Start a new client framework: a folder with framework.yaml and the files it includes
    (units, roles, relationships, governance, policies, processes, communications,
    indicators), the rendered documents, a README, the JSON Schema for editors, a
    pre-commit configuration and a GitHub Actions workflow. It validates and renders
    with no findings as created; replace the placeholders with the client's own.

    DIR must not exist, or be empty. Exit codes: 0 created; 1 the --from base has
    errors; 2 usage error (DIR not empty, no such base); 3 internal error.
    """
    day = _parse_today(today)

    def work() -> int:
        from rmf.errors import FrameworkError
        from rmf.scaffold import create

        try:
            made = create(dest, client, base, day)
        except FrameworkError as exc:
            typer.echo(f"rmf: {base} cannot be a base: it has errors", err=True)
            return _refuse(str(base), list(exc.findings))
        if made.warnings:
            typer.echo(
                f"rmf: the base has {made.warnings} warning(s), which the new framework "
                f"inherits; `rmf validate {dest}` lists them",
                err=True,
            )
        for name in made.files:
            typer.echo(f"created {dest / name}")
        typer.echo(f"created {dest / 'rendered'}/ ({made.documents} documents)")
        typer.echo(
            f"rmf: created the framework of {made.client} (id {made.id}) in {dest}; "
            f"next: cd {dest} && rmf show .",
            err=True,
        )
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


class ShowFormat(StrEnum):
    """Output formats of `rmf show`."""

    text = "text"
    json = "json"


SHOW_VIEWS = ("structure", "relationships", "raci", "coverage", "governance", "indicators")


@app.command()
def show(
    path: Annotated[
        Path,
        typer.Argument(
            help="Framework file or folder (a folder holds framework.yaml).",
            metavar="PATH",
            show_default=False,
        ),
    ],
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
        typer.Option("--format", "-f", help="text (tables and trees) or json."),
    ] = ShowFormat.text,
    origin: Annotated[
        bool,
        typer.Option(
            help="Mark each entity base, override or client (for a framework that extends a base)."
        ),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(help="Date for waiver expiry, YYYY-MM-DD (default: today).", metavar="DATE"),
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Show a framework's shape in the terminal: the units with their roles as a tree, who
    manages each business unit, the RACI matrix of each process, which communications
    reach each business unit, the governance bodies with their chairs, and the indicator
    catalogue.

    An invalid framework is refused with validate's findings. Exit codes: 0 shown; 1
    invalid framework; 2 usage error; 3 internal error.
    """
    day = _parse_today(today)
    if what is not None and what not in SHOW_VIEWS:
        _fail(f"WHAT is one of {', '.join(SHOW_VIEWS)}; not {what!r}", EXIT_USAGE)
    views = (what,) if what else SHOW_VIEWS
    if not path.exists():
        _fail(f"{path}: no such file or folder", EXIT_USAGE)

    def work() -> int:
        import contextlib

        from rmf.show import shape
        from rmf.showjson import write_json
        from rmf.showreport import write_text

        result = _usable(path, day)
        assert result.checked is not None
        found = shape(str(path), result.checked, result.warnings, views)
        writer = write_json if output_format is ShowFormat.json else write_text
        try:
            writer(found, views, sys.stdout, origin=origin)
            sys.stdout.flush()
        except BrokenPipeError:
            # `rmf show | head` or quitting `less`: the reader has seen enough; not a bug.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


class ScorecardFormat(StrEnum):
    """Output formats of `rmf scorecard`."""

    md = "md"
    html = "html"
    docx = "docx"
    table = "table"


@app.command()
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
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            help="Word document whose styles, headers and footers docx output takes "
            "(default: reference.docx beside the framework or a base it extends).",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(help="Date for waiver expiry, YYYY-MM-DD (default: today).", metavar="DATE"),
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """The board's scorecard: each indicator's measured value against its target.

    For the period (default: the latest measured) each indicator shows its value,
    target, status (red/amber/green from its thresholds and direction), change
    since the period before, trend and owner, then what needs attention: red
    indicators and missing values. Bad measurement files are refused with located
    findings (exit 1). Without -o, Markdown goes to standard output.
    """
    day = _parse_today(today)
    if not data.is_file():
        _fail(f"{data}: no such measurement file", EXIT_USAGE)
    chosen = output_format
    if chosen is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None else ""
        by_suffix = {
            "html": ScorecardFormat.html,
            "htm": ScorecardFormat.html,
            "docx": ScorecardFormat.docx,
        }
        chosen = by_suffix.get(suffix, ScorecardFormat.md)
    if chosen is ScorecardFormat.table and out is not None:
        _fail("--format table is for the terminal; choose md, html or docx with -o", EXIT_USAGE)
    if chosen is ScorecardFormat.docx and out is None:
        _fail("--format docx writes a file: name it with -o", EXIT_USAGE)
    if reference_docx is not None and chosen is not ScorecardFormat.docx:
        _fail("--reference-docx applies to --format docx only", EXIT_USAGE)

    def work() -> int:
        from rmf.atomic import write_atomic
        from rmf.measures import load
        from rmf.render import TemplateError, render_view, template_dirs
        from rmf.scorecard import build
        from rmf.scoreview import view
        from rmf.views import Meta

        result = _usable(path, day)
        assert result.checked is not None and result.framework is not None
        measures = load(data, result.framework)
        if measures.errors:
            return _refuse(measures.path, measures.findings)
        card = build(result.checked, measures, period, body)
        if card.findings:
            _refuse(str(path), card.findings)  # warnings: shown, and the scorecard follows
        meta = result.framework.framework
        shown = view(card, Meta(meta.id, meta.name, meta.client, meta.version, meta.status))
        if chosen is ScorecardFormat.table:
            from rmf.scorereport import write_table

            write_table(shown, sys.stdout)
            return EXIT_OK
        bases = result.checked.source.bases
        dirs = template_dirs(path, None, bases)
        reference = None
        docx = chosen is ScorecardFormat.docx
        if docx:
            from rmf.docx_package import reference_docx as house_style

            reference = house_style(path, reference_docx, bases)
        try:
            rendered = render_view(
                shown,
                "scorecard.md.j2",
                kind="scorecard",
                title=f"Engagement scorecard {card.period}",
                path="scorecard.md",
                fmt="docx" if docx else "html" if chosen is ScorecardFormat.html else "md",
                template_folders=dirs,
                reference=reference,
            )
        except TemplateError as exc:
            _fail(f"template error: {exc}", EXIT_FINDINGS)
        if out is None:
            sys.stdout.write(rendered.text)
        else:
            try:
                write_atomic(out, rendered.content)
            except OSError as exc:
                _fail(f"cannot write {out}: {exc.strerror or exc}", EXIT_USAGE)
            typer.echo(f"rmf: wrote the {card.period} scorecard to {out}", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
