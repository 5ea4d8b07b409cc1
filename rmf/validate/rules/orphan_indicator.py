"""orphan-indicator: every indicator is used by a process or communication, or reported."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "orphan-indicator"


def check(ctx: Context) -> Iterator[Finding]:
    by_processes = ctx.written("processes", "indicators")
    by_communications = ctx.written("communications", "indicators")
    if by_processes is None or by_communications is None:
        return  # what some entity links to is not known: it may be any of them
    used = by_processes | by_communications
    for indicator in ctx.fw.indicators:
        if indicator.id in used or indicator.reported_to:
            continue
        if not ctx.intact(indicator, "id", "reported_to"):
            continue
        yield ctx.finding(
            CODE,
            ctx.mark_among(indicator, None, "reported_to"),
            f"indicator `{indicator.id}` is not used by any process or communication and is "
            "reported to no body; link it or drop it",
            indicator.id,
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "every indicator is used by a process or a communication, or reported to a body",
    check,
)
