"""`rmf explain`: what a finding code means, why the rule exists, and examples."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from rmf.cli.common import EXIT_OK, EXIT_USAGE, DebugOpt, guarded


def explain(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A finding code, e.g. chair-not-member; none lists every code.",
            metavar="CODE",
            show_default=False,
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Explain a finding code: its summary, default severity, why the rule exists, and a
    framework fragment that breaks the rule next to one that keeps it (as `ruff rule`
    does). Every code is also in docs/format.md. Exit codes: 0 shown; 2 unknown code."""

    def work() -> int:
        import difflib

        from rmf.core.codes import CODES
        from rmf.validate.explain import explanation_text
        from rmf.validate.rules import CATALOGUE

        if code is None:
            width = max(map(len, (*CATALOGUE, *CODES)))
            lines = ["Rules beyond the schema (default severity):"]
            for name, rule in sorted(CATALOGUE.items()):
                lines.append(f"  {name:<{width}}  {rule.severity.value:<7}  {rule.summary}")
            lines.append("Findings of reading and of the schema (errors):")
            lines += [f"  {name:<{width}}  {CODES[name]}" for name in sorted(CODES)]
            sys.stdout.write("\n".join(lines) + "\n")
            return EXIT_OK
        text = explanation_text(code)
        if text is not None:
            sys.stdout.write(text)
            return EXIT_OK
        near = difflib.get_close_matches(code, [*CATALOGUE, *CODES], n=1, cutoff=0.6)
        hint = f"; did you mean `{near[0]}`?" if near else "; `rmf explain` lists every code"
        typer.echo(f"rmf: no finding code `{code}`{hint}", err=True)
        return EXIT_USAGE

    raise typer.Exit(guarded(debug, work))
