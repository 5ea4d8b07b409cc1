"""time-shares: responsibility `time` values are all present and sum to 100."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.findings import Finding, Severity
from rmf.rules.base import Context, Rule

CODE = "time-shares"
TOLERANCE = 0.5


def check(ctx: Context) -> Iterator[Finding]:
    for role in ctx.fw.roles:
        times = [r.time for r in role.responsibilities]
        given = [t for t in times if t is not None]
        if not given:
            continue
        if len(given) < len(times):
            missing = [i + 1 for i, t in enumerate(times) if t is None]
            yield ctx.finding(
                CODE,
                ctx.mark(role, "responsibilities", key=True),
                f"role `{role.id}`: responsibilities {', '.join(map(str, missing))} have no "
                "`time`; when one responsibility gives a time, all must",
                role.id,
            )
            continue
        total = sum(given)
        if abs(total - 100) > TOLERANCE:
            yield ctx.finding(
                CODE,
                ctx.mark(role, "responsibilities", key=True),
                f"role `{role.id}`: responsibility times add up to {total:g}%, not 100%",
                role.id,
            )


RULE = Rule(CODE, Severity.ERROR, "responsibility time values all present and sum to 100", check)
