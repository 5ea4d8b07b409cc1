"""`rmf lsp`: the language server, for any editor that speaks the Language Server Protocol."""

from __future__ import annotations

import typer

from rmf.cli.common import EXIT_OK, DebugOpt, TodayOpt, guarded, parse_today


def lsp(today: TodayOpt = None, debug: DebugOpt = False) -> None:
    """Run the language server on standard input and output, for an editor: findings as
    you type (schema and rules, each file of the framework, with a link to what the code
    means), go to definition and find references of every id, rename an id across the
    files (as `rmf rename` does), completion of ids and of the values a field takes,
    hover, and an outline of each file's entities.

    An editor starts it; it is not meant to be run by hand. Exit codes: 0 the editor
    closed it; 3 internal error.
    """

    day = parse_today(today)

    def work() -> int:
        from rmf.core.pauses import one_shot
        from rmf.lsp.features import serve_stdio

        one_shot(False)  # a server lives on: what each look leaves behind is collected
        serve_stdio(day)
        return EXIT_OK

    raise typer.Exit(guarded(debug, work))
