"""orphan-indicator: every indicator is used by a process or communication, or reported."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "orphan-indicator"


def check(ctx: Context) -> Iterator[Finding]:
    fw = ctx.fw
    used = {i for p in fw.processes for i in p.indicators or []}
    used |= {i for c in fw.communications for i in c.indicators or []}
    used |= ctx.dropped_refs("processes", "indicators")
    used |= ctx.dropped_refs("communications", "indicators")
    for indicator in fw.indicators:
        if indicator.id in used or indicator.reported_to or not ctx.intact(indicator):
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(indicator),
            f"indicator `{indicator.id}` is not used by any process or communication and is "
            "reported to no body; link it or drop it",
            indicator.id,
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "every indicator is used by a process or a communication, or reported to a body",
    check,
    whole=True,
)
