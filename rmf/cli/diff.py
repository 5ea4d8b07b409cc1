"""`rmf diff`: what changed between two versions of a framework, graded; also git's
external diff driver."""

from __future__ import annotations

import io
import os
import traceback
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
from rmf.cli.help import choice

if TYPE_CHECKING:
    from datetime import date

    from rmf.diff.compare import Comparison
    from rmf.diff.driver import Pair


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


# set by git for each path it hands an external diff; with one argument, the path is unmerged
UNMERGED = "GIT_DIFF_PATH_COUNTER"
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
        "--today",
        help="Date of the changelog heading, YYYY-MM-DD (default: today).",
        metavar="DATE",
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


def version_warning(cmp: Comparison) -> None:
    """The version advice on standard error, when the new version does not follow it."""
    if not cmp.version.ok:
        typer.echo(f"rmf: warning: {cmp.version.message}", err=True)


def changelog_out(cmp: Comparison, day: date | None) -> None:
    """The changelog section on standard output and the version advice on standard error:
    `rmf changelog` and `rmf diff --format changelog` alike."""
    from rmf.diff.report import write_changelog

    to_stdout(lambda out: write_changelog(cmp, out, day))
    version_warning(cmp)


def _compared(pair: Pair, chosen: DiffFormat, debug: bool) -> str | None:
    """The comparison of git's pair as whole frameworks, written out: the two files when
    each is a framework on its own; else, for a file of a folder framework, the whole
    framework at both versions — written for its first changed file in git's order, ""
    for the others, so that it is shown once. None when the pair is neither (other YAML,
    versions that git's object ids do not tell). Nothing a file holds may stop git: an
    error in rmf is named on standard error, and None."""
    from rmf.core.errors import RmfError
    from rmf.diff.compare import compare
    from rmf.diff.gitrev import read
    from rmf.diff.report import WRITERS, Format

    try:
        if not pair.old.missing and not pair.new.missing:
            try:
                old, new = read(Path(pair.old.file)), read(Path(pair.new.file))
            except RmfError:
                pass
            else:
                written = io.StringIO()
                cmp = compare(old, new, pair.old.label, pair.new.label)
                WRITERS[Format(chosen.value)](cmp, written)
                return written.getvalue()
        return _folder(pair, chosen)
    except RmfError:
        return None
    except Exception as exc:
        from rmf.core.printable import printable

        if debug:
            traceback.print_exc()
        typer.echo(
            f"rmf: internal error comparing {printable(pair.new.name)}: "
            f"{type(exc).__name__}: {printable(str(exc))}; its lines are shown instead. "
            "This is a bug in rmf.",
            err=True,
        )
        return None


def _folder(pair: Pair, chosen: DiffFormat) -> str | None:
    """The whole folder framework a file of git's pair belongs to, compared at the two
    versions git compares (see rmf.diff.folders)."""
    from rmf.diff.compare import compare
    from rmf.diff.folders import find_sides, first_changed, framework_of
    from rmf.diff.gitrev import Side, load
    from rmf.diff.report import WRITERS, Format

    top = Path.cwd()  # git runs an external diff at the top of the working tree
    path = pair.new.name if not pair.new.missing else pair.old.name
    renamed = pair.old.name != pair.new.name  # the new name as added, the old as deleted
    old_hex = "." if renamed else pair.old.hex
    sides = find_sides(path, old_hex, pair.new.hex, top)
    place = framework_of(path, sides, top) if sides is not None else None
    if sides is None or place is None:
        return None
    if not first_changed(place, sides, path, top, (pair.old.name,) if renamed else ()):
        return ""
    old = load(Side(place.folder, sides.old or None, rooted=True))
    new = load(Side(place.folder, sides.new or None, rooted=True))
    labels = (f"{place.folder} ({sides.old_name})", f"{place.folder} ({sides.new_name})")
    written = io.StringIO()
    WRITERS[Format(chosen.value)](compare(old, new, *labels), written)
    return written.getvalue()


def _git_driver(args: list[str], chosen: DiffFormat, debug: bool) -> int | None:
    """`rmf diff` as git's external diff, when the arguments are git's: it exits 0 whatever
    it shows, as git stops its diff or log at the first external diff that does not.
    None when the arguments are not git's."""
    from rmf.diff.driver import parse, write_line_diff

    if len(args) == 1 and UNMERGED in os.environ:
        # git's one-argument form: a path with conflicts, which has no two sides yet
        from rmf.core.printable import printable

        to_stdout(lambda out: out.write(f"* Unmerged path {printable(args[0])}\n"))
        return EXIT_OK
    pair = parse(args)
    if pair is None:
        return None
    shown = _compared(pair, chosen, debug)
    if shown is None:
        to_stdout(lambda out: write_line_diff(pair, out))
    else:
        to_stdout(lambda out: out.write(shown))
    return EXIT_OK


def _textconv(args: list[str]) -> int:
    """`rmf diff --textconv FILE`: the file one line per value, for git's textconv."""
    from rmf.core.errors import UsageError
    from rmf.diff.flat import textconv

    if len(args) != 1:
        raise UsageError(f"--textconv takes one file, got {len(args)} arguments")
    to_stdout(lambda out: out.writelines(textconv(args[0])))
    return EXIT_OK


def diff(
    sides: SidesArg = None,
    path: PathOpt = None,
    from_rev: FromOpt = None,
    to_rev: ToOpt = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (the default), markdown (for a pull request), json or changelog.",
            metavar="FORMAT",
            parser=choice(DiffFormat),
            show_default=False,
        ),
    ] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the frameworks differ.")
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a change of this grade or higher exists: major, minor or patch.",
            metavar="GRADE",
            parser=choice(FailOn),
            show_default=False,
        ),
    ] = None,
    today: ChangelogDateOpt = None,
    textconv: Annotated[
        bool,
        typer.Option(
            "--textconv",
            help="Print one FILE one line per value, each naming its entity and field "
            "(for git's textconv setting, diff.DRIVER.textconv).",
        ),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Compare two versions of a framework entity by entity, grade each change major (removes
    or weakens something others rely on), minor (adds) or patch (wording), list the documents
    to reissue, and suggest the next framework version.

    Examples: `rmf diff old.yaml new.yaml`; `rmf diff frameworks/acme` (HEAD vs working
    tree); `rmf diff HEAD~1 --path frameworks/acme`; `rmf diff main:frameworks/acme
    v2.0:frameworks/acme`; `rmf diff --from v1.0 --to v2.0 frameworks/acme`. Given git's
    arguments (7, or 9 for a rename) it works as git's external diff (a file of a folder
    framework shows the whole framework, once), and always exits 0;
    `--textconv FILE` prints a file for git's textconv. Exit codes: 0 compared (no
    differences with --exit-code, nothing at the --fail-on grade); 1 differences under
    --exit-code or --fail-on, or a framework that cannot be read; 2 usage error; 3 internal
    error.
    """
    day = parse_today(today)
    args = sides or []

    def work() -> int:
        from rmf.diff.grading import Grade
        from rmf.diff.report import WRITERS, Format

        if textconv:
            return _textconv(args)
        driven = _git_driver(args, output_format, debug)
        if driven is not None:
            return driven
        cmp = compare_sides(args, path, from_rev, to_rev)
        if output_format is DiffFormat.changelog:
            changelog_out(cmp, day)
        else:
            to_stdout(lambda out: WRITERS[Format(output_format.value)](cmp, out))
            if output_format is not DiffFormat.text:
                version_warning(cmp)
        failed = exit_code and cmp.differs
        if fail_on is not None:
            floor = Grade(fail_on.value).rank
            failed = failed or any(c.grade.rank >= floor for c in cmp.changes)
        return EXIT_FINDINGS if failed else EXIT_OK

    raise typer.Exit(guarded(debug, work))
