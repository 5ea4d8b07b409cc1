"""time-shares: responsibility `time` values are all present and sum to 100."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import EACH, Context, Rule

CODE = "time-shares"
TOLERANCE = 0.5


def check(ctx: Context) -> Iterator[Finding]:
    for role in ctx.fw.roles:
        times = [r.time for r in role.responsibilities]
        given = [t for t in times if t is not None]
        if not given or not ctx.intact(role, ("responsibilities", EACH, "time")):
            continue  # a broken time is not a missing one, nor does it add up to anything
        if len(given) < len(times):
            missing = [i for i, t in enumerate(times) if t is None]
            first = role.responsibilities[missing[0]].text
            named = f'"{_short(first)}"' if first is not None else f"#{missing[0] + 1}"
            others = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            yield ctx.finding(
                CODE,
                ctx.mark(role, "responsibilities", missing[0]),
                f"role `{role.id}`: the responsibility {named}{others} has no "
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


def _short(text: str, limit: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


RULE = Rule(CODE, Severity.ERROR, "responsibility time values all present and sum to 100", check)
