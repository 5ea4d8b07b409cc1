"""maturity-target: a relationship's current maturity is at most its target."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "maturity-target"


def check(ctx: Context) -> Iterator[Finding]:
    for rel in ctx.fw.relationships:
        if rel.maturity is None or not ctx.intact(rel, "maturity"):
            continue
        if rel.maturity.current <= rel.maturity.target:
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(rel, "maturity"),
            f"relationship `{rel.id}`: current maturity {rel.maturity.current} is above its "
            f"target {rel.maturity.target}",
            rel.id,
        )


RULE = Rule(CODE, Severity.WARNING, "maturity current ≤ target", check)
