"""`rmf lock` and `rmf fetch`: a pinned base's commit recorded in rmf.lock, and cached."""

from __future__ import annotations

from typing import Annotated

import typer

from rmf.cli.common import EXIT_OK, DebugOpt, OptionalPathArg, default_framework, guarded, refuse


def lock(
    path: OptionalPathArg = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Fetch the base's tag or branch anew and record the commit it names now "
            "(a moved tag taken on purpose).",
        ),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Record in rmf.lock (beside the root file) the commit that the framework's pinned git
    base (`extends: git+URL@TAG`) resolves to, fetching it into the cache; commit the lock
    with the framework so that every machine reads the same base. A base already locked
    keeps its commit; a new or changed `extends:` is fetched and recorded. Other commands
    never write the lock: they read the locked commit, and refuse a tag that has moved
    (`base-moved`).

    Exit codes: 0 locked (or nothing to lock); 1 the base cannot be fetched, has moved or
    does not read; 2 usage error; 3 internal error.
    """
    target = default_framework(path)

    def work() -> int:
        from rmf.core.errors import FrameworkError
        from rmf.core.printable import printable
        from rmf.reading.bases import lock as lock_base

        try:
            done = lock_base(target, update=update)
        except FrameworkError as exc:
            return refuse(str(target), list(exc.findings))
        shown = printable(str(done.path))
        if done.entry is None:
            message = f"removed the lock entry of {target}" if done.written else "nothing to lock"
            typer.echo(f"rmf: {target} has no pinned git base; {message}", err=True)
            return EXIT_OK
        verb = "wrote" if done.written else "unchanged:"
        typer.echo(
            f"rmf: {verb} {shown}: {printable(done.entry.extends)} is commit {done.entry.commit}",
            err=True,
        )
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))


def fetch(path: OptionalPathArg = None, debug: DebugOpt = False) -> None:
    """Fetch into the cache every pinned base the framework reads (at the commit rmf.lock
    records; a base not yet cached is checked against its tag as it is fetched) so that
    later commands run offline, as a CI step
    before the others. It never writes rmf.lock.

    The cache is $RMF_CACHE_DIR, else rmf/ in $XDG_CACHE_HOME or ~/.cache. With
    RMF_OFFLINE=1 nothing is fetched: a base that is not cached is an error.

    Exit codes: 0 every base is cached; 1 a base cannot be fetched, is not locked, has
    moved, or the framework does not read; 2 usage error; 3 internal error.
    """
    target = default_framework(path)

    def work() -> int:
        from rmf.core.errors import FrameworkError
        from rmf.core.printable import printable
        from rmf.reading.bases import fetch as fetch_bases

        try:
            source = fetch_bases(target)
        except FrameworkError as exc:
            return refuse(str(target), list(exc.findings))
        for base in source.bases:
            typer.echo(printable(base))
        typer.echo(f"rmf: {len(source.bases)} base(s) of {target} ready", err=True)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
