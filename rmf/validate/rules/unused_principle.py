"""unused-principle: every principle is referenced by a policy or a process."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "unused-principle"


def check(ctx: Context) -> Iterator[Finding]:
    by_policies = ctx.written("policies", "principles")
    by_processes = ctx.written("processes", "principles")
    if by_policies is None or by_processes is None:
        return  # what some entity applies is not known: it may be any of them
    used = by_policies | by_processes
    for principle in ctx.fw.principles:
        if principle.id in used or not ctx.intact(principle, "id"):
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
)
