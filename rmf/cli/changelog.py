"""`rmf changelog`: release notes for the changes between two versions of a framework."""

from __future__ import annotations

import typer

from rmf.cli.common import EXIT_OK, DebugOpt, guarded, parse_today
from rmf.cli.diff import (
    ChangelogDateOpt,
    FromOpt,
    PathOpt,
    SidesArg,
    ToOpt,
    changelog_out,
    compare_sides,
)


def changelog(
    sides: SidesArg = None,
    path: PathOpt = None,
    from_rev: FromOpt = None,
    to_rev: ToOpt = None,
    today: ChangelogDateOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write a Keep a Changelog section (Added, Changed, Removed) for the changes between two
    versions of a framework, for the client's release notes: sentences by names, reworded
    words struck out and in bold, ids in a details block. Takes the same arguments as
    `rmf diff`; the same as `rmf diff --format changelog`. Exit codes: 0 written; 1 a
    framework cannot be read; 2 usage error; 3 internal error.
    """
    day = parse_today(today)

    def work() -> int:
        changelog_out(compare_sides(sides or [], path, from_rev, to_rev), day)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
