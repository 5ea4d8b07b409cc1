"""How commands present themselves: help that names values in words, never a Python type;
choices refused in plain words; shell completion that costs `--help` nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable, MutableMapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter

E = TypeVar("E", bound=StrEnum)

# Spellings still accepted but no longer shown: `--out` became `-o/--output`.
HIDDEN_SPELLINGS = frozenset({"--out"})


def either(words: list[str]) -> str:
    """`a, b or c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def choice(kind: type[E]) -> Callable[[str], E]:
    """A parser for an option whose values are an enumeration's: any case is accepted, and
    anything else is refused in plain words (typer's own message is pydantic's)."""
    values = [member.value for member in kind]

    def parse(value: str | E) -> E:
        if isinstance(value, kind):
            return value
        try:
            return kind(str(value).lower())
        except ValueError:
            raise typer.BadParameter(f"must be {either(values)}, not {value!r}") from None

    return parse


def argument_label(param: Parameter) -> str:
    """An argument as the usage line shows it: `PATH`, `[PATH]`, `[PATH]...`. A metavar
    that starts with `[` already says its shape (`[OLD] [NEW]`) and is shown as it is."""
    name = param.metavar or (param.name or "").upper()
    if name.startswith("["):
        return name
    if not param.required:
        name = f"[{name}]"
    return f"{name}..." if param.nargs != 1 else name


def _is_flag(param: Parameter) -> bool:
    return bool(getattr(param, "is_flag", False) or getattr(param, "count", False))


class RmfCommand(TyperCommand):
    """A command whose help shows arguments as on the usage line and option values by
    their metavar (`FILE`, `FORMAT`), whatever the parameter's Python type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "option" and not _is_flag(param) and not param.metavar:
                # a name in words rather than `<str>`, for an option that gives none
                param.metavar = (param.name or "value").upper()

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(argument_label(param))
        return pieces

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if getattr(param, "hidden", False):
                continue
            if param.param_type_name == "argument":
                arguments.append((argument_label(param), getattr(param, "help", None) or ""))
                continue
            shown = param
            if HIDDEN_SPELLINGS.intersection(param.opts):
                shown = copy.copy(param)
                shown.opts = [o for o in param.opts if o not in HIDDEN_SPELLINGS]
            record = shown.get_help_record(ctx)
            if record is not None:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


COMPLETE_VAR = "_RMF_COMPLETE"


class RmfGroup(TyperGroup):
    """The `rmf` group: it answers a shell's completion requests (`_RMF_COMPLETE` set by
    the script `rmf completion SHELL` prints) with typer's completion, set up only then:
    `--help` builds no completion options and registers no shell classes."""

    def _main_shell_completion(
        self,
        ctx_args: MutableMapping[str, Any],
        prog_name: str,
        complete_var: str | None = None,
    ) -> None:
        import os

        if os.environ.get(complete_var or COMPLETE_VAR):
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)
