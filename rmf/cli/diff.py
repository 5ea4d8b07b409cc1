"""`rmf diff`: what changed between two versions of a framework, graded; also git's
external diff driver."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmf.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    DebugOpt,
    guarded,
    parse_today,
    refuse,
    to_stdout,
)

if TYPE_CHECKING:
    from rmf.diff.compare import Comparison


class DiffFormat(StrEnum):
    """Output formats of `rmf diff` (the same as rmf.diff.report.Format, and changelog)."""

    text = "text"
    markdown = "markdown"
    json = "json"
    changelog = "changelog"


class FailOn(StrEnum):
    """Change grades, for `rmf diff --fail-on` (the same as rmf.diff.grading.Grade)."""

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
ChangelogDateOpt = Annotated[
    str | None,
    typer.Option(
        help="Date of the changelog heading, YYYY-MM-DD (default: today).", metavar="DATE"
    ),
]


def compare_sides(
    sides: list[str], path: str | None, from_rev: str | None, to_rev: str | None
) -> Comparison:
    """The comparison the arguments ask for; a side that cannot be read ends the command."""
    from rmf.core.errors import FrameworkError
    from rmf.diff.compare import compare
    from rmf.diff.gitrev import load, resolve_sides

    old, new = resolve_sides(sides, path, from_rev, to_rev)
    loaded = []
    for side in (old, new):
        try:
            loaded.append(load(side))
        except FrameworkError as exc:
            raise typer.Exit(refuse(side.label, list(exc.findings))) from None
    return compare(loaded[0], loaded[1], old.label, new.label)


def _git_driver(args: list[str], chosen: DiffFormat) -> int:
    """`rmf diff` as git's external diff: compare frameworks, or fall back to a line diff
    for files that are not whole frameworks (included files, other YAML)."""
    import difflib

    from rmf.core.errors import RmfError
    from rmf.diff.compare import compare
    from rmf.diff.gitrev import read
    from rmf.diff.report import WRITERS, Format

    name, old_file, old_hex, _, new_file, new_hex, _ = args
    try:
        if os.devnull in (old_file, new_file):
            raise RmfError("added or deleted")
        old, new = read(Path(old_file)), read(Path(new_file))
    except RmfError:
        from rmf.core.printable import printable

        texts = []
        for file in (old_file, new_file):
            with open(file, encoding="utf-8", errors="replace") as handle:
                # lines as git counts them (line feeds only), control characters escaped
                texts.append(printable(handle.read(), newlines=True).splitlines(keepends=True))
        shown = printable(name)
        sys.stdout.writelines(difflib.unified_diff(texts[0], texts[1], f"a/{shown}", f"b/{shown}"))
        return EXIT_OK
    cmp = compare(old, new, f"{name} ({old_hex[:7]})", f"{name} ({new_hex[:7]})")
    WRITERS[Format(chosen.value)](cmp, sys.stdout)
    return EXIT_OK


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
    today: ChangelogDateOpt = None,
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
    day = parse_today(today)
    args = sides or []

    def work() -> int:
        from rmf.diff.grading import Grade
        from rmf.diff.report import WRITERS, Format, write_changelog

        if len(args) == GIT_DRIVER_ARGS:
            return _git_driver(args, output_format)
        cmp = compare_sides(args, path, from_rev, to_rev)
        if output_format is DiffFormat.changelog:
            to_stdout(lambda out: write_changelog(cmp, out, day))
        else:
            to_stdout(lambda out: WRITERS[Format(output_format.value)](cmp, out))
        if output_format is not DiffFormat.text and not cmp.version.ok:
            typer.echo(f"rmf: warning: {cmp.version.message}", err=True)
        failed = exit_code and cmp.differs
        if fail_on is not None:
            floor = Grade(fail_on.value).rank
            failed = failed or any(c.grade.rank >= floor for c in cmp.changes)
        return EXIT_FINDINGS if failed else EXIT_OK

    raise typer.Exit(guarded(debug, work))
