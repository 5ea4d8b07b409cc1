"""`rmf completion`: the script that teaches a shell to complete rmf's commands and options."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from rmf.cli.common import EXIT_OK
from rmf.cli.help import COMPLETE_VAR, choice


class Shell(StrEnum):
    """The shells `rmf completion` writes a script for."""

    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    shell: Annotated[
        Shell,
        typer.Argument(
            help="bash, zsh or fish.",
            metavar="SHELL",
            parser=choice(Shell),
            show_default=False,
        ),
    ],
) -> None:
    """Print the completion script for SHELL: with it, the shell completes rmf's commands,
    options and their values (formats, grades, shells) on Tab.

    Install it where the shell looks for completions, e.g.
    bash: `rmf completion bash > ~/.local/share/bash-completion/completions/rmf`;
    zsh: `rmf completion zsh > ~/.zfunc/_rmf` (with `fpath+=~/.zfunc` before `compinit`
    in ~/.zshrc); fish: `rmf completion fish > ~/.config/fish/completions/rmf.fish`.
    Or load it for the current shell only: `eval "$(rmf completion bash)"`.
    Exit codes: 0 printed; 2 usage error (a shell rmf has no script for).
    """
    # typer's scripts, which call back `rmf` with _RMF_COMPLETE set (see RmfGroup)
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name="rmf", complete_var=COMPLETE_VAR, shell=shell))
    raise typer.Exit(EXIT_OK)
