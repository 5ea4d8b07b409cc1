"""unused-principle: every principle is referenced by a policy or a process."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "unused-principle"


def check(ctx: Context) -> Iterator[Finding]:
    fw = ctx.fw
    used = {p for x in fw.policies for p in x.principles or []}
    used |= {p for x in fw.processes for p in x.principles or []}
    used |= ctx.dropped_refs("policies", "principles")
    used |= ctx.dropped_refs("processes", "principles")
    for principle in fw.principles:
        if principle.id in used or not ctx.intact(principle):
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(principle),
            f"principle `{principle.id}` is referenced by no policy or process; "
            "a principle nothing applies is only a slogan",
            principle.id,
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "every principle is referenced by a policy or a process",
    check,
    whole=True,
)
