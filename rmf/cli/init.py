"""`rmf init`: a new client framework repository that validates and renders as created."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmf.cli.common import EXIT_OK, DebugOpt, TodayOpt, guarded, parse_today, refuse


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
            "--client",
            help="The client's name; the framework id is derived from it (default: the "
            "folder's name in words).",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Start from a base framework (a file, a folder with framework.yaml, "
            "git+URL@TAG or pkg:NAME): the new framework `extends` it and holds only the "
            "client's own entities. A folder in a git repository is pinned as that "
            "repository at the tag on its HEAD (else the commit) and recorded in rmf.lock.",
            metavar="BASE",
            show_default=False,
        ),
    ] = None,
    today: TodayOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Start a new client framework: a folder with framework.yaml and the files it includes
    (units, roles, relationships, governance, policies, processes, communications,
    indicators), the rendered documents, a README, the JSON Schema for editors, a
    pre-commit configuration and a GitHub Actions workflow. It validates and renders
    with no findings as created; replace the placeholders with the client's own.

    DIR must not exist, or be empty. Exit codes: 0 created; 1 the --from base has
    errors; 2 usage error (DIR not empty or not writable, no such base); 3 internal
    error.
    """
    day = parse_today(today)

    def work() -> int:
        from rmf.core.errors import FrameworkError
        from rmf.core.printable import printable
        from rmf.scaffold.create import create

        try:
            made = create(dest, client, base, day)
        except FrameworkError as exc:
            typer.echo(f"rmf: {base} cannot be a base: it has errors", err=True)
            return refuse(str(base), list(exc.findings))
        if made.pin_warning:
            typer.echo(f"rmf: warning: {printable(made.pin_warning)}", err=True)
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
