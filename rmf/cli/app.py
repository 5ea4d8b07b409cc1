"""The `rmf` application: its commands, each in a module of its own, and `--version`."""

from __future__ import annotations

from typing import Annotated

import typer

from rmf import __version__
from rmf.cli import (
    changelog,
    completion,
    diff,
    explain,
    export,
    fmt,
    imports,
    init,
    lock,
    lsp,
    rename,
    render,
    schema,
    scorecard,
    serve,
    show,
    validate,
)
from rmf.cli.help import RmfCommand, RmfGroup

app = typer.Typer(
    name="rmf",
    help=(
        "Relationship Management Frameworks as data: validate them, render the documents.\n\n"
        "Exit codes: 0 no errors (warnings alone pass); 1 errors found (or warnings with "
        "--strict); 2 usage error (missing path, bad option); 3 internal error."
    ),
    no_args_is_help=True,
    cls=RmfGroup,
    # no --install-completion/--show-completion options: `rmf completion SHELL` prints
    # the script, and typer's completion is loaded only when a shell asks
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# In the order `rmf --help` lists them.
COMMANDS = (
    validate.validate,
    render.render,
    serve.serve,
    lsp.lsp,
    diff.diff,
    changelog.changelog,
    fmt.fmt,
    rename.rename,
    schema.schema,
    init.init,
    lock.lock,
    lock.fetch,
    show.show,
    scorecard.scorecard,
    export.export,
    imports.import_,
    explain.explain,
    completion.completion,
)
for command in COMMANDS:
    app.command(cls=RmfCommand)(command)


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


def run() -> None:
    """The `rmf` program: one command in a process of its own."""
    from rmf.core.pauses import one_shot

    one_shot()
    app(prog_name="rmf")
