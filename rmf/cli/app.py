"""The `rmf` application: its commands, each in a module of its own, and `--version`."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import Annotated, NoReturn

import typer
from typer.main import get_command_name

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
from rmf.cli.help import COMPLETE_VAR, RmfCommand, RmfGroup


def _application() -> typer.Typer:
    return typer.Typer(
        name="rmf",
        help=(
            "Relationship Management Frameworks as data: validate them, render the "
            "documents.\n\n"
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


app = _application()

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
    try:
        application_for(sys.argv[1:])(prog_name="rmf")
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def application_for(args: Sequence[str]) -> typer.Typer:
    """The application a run with `args` needs. Typer builds the options of every
    command on each run (26 ms for all eighteen), so a run of one command gets an
    application of that command alone, which parses, helps and fails exactly as the
    whole one does for it; the program's own help and options, a shell's completion
    request and anything that is not a command's name get the whole application."""
    if not args or os.environ.get(COMPLETE_VAR):
        return app
    for command in COMMANDS:
        if get_command_name(command.__name__) == args[0]:
            one = _application()
            one.command(cls=RmfCommand)(command)
            one.callback()(main)
            return one
    return app


def _leave(code: object) -> NoReturn:
    """End the process with `code` (what `SystemExit` carries) once the command is done,
    without taking apart what it built: freeing a large framework object by object takes
    longer than the exit itself (25 ms at 1,000 units), and nothing of it is needed any
    more. Exit handlers still run and the output streams are flushed; a command that
    lives on (`rmf serve`, `rmf lsp`), or that left a thread running, ends as usual."""
    from rmf.core.pauses import ending

    if not ending() or threading.active_count() > 1:
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as Python does: the message on standard error, status 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader has gone, or the stream was closed: nothing more to say
        except OSError as exc:  # as Python's own exit: a failed flush is status 120
            with contextlib.suppress(OSError, ValueError):
                os.write(2, f"rmf: cannot write the output: {exc.strerror or exc}\n".encode())
            status = 120
    os._exit(status)
