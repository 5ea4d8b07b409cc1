"""invalid-value: constraints the format's tables state between fields of one entry."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "invalid-value"
RLMT_LEVELS = range(4, 8)


def check(ctx: Context) -> Iterator[Finding]:
    fw = ctx.fw
    for rel in fw.relationships:
        if rel.backup is not None and rel.backup == rel.manager:
            yield ctx.finding(
                CODE,
                ctx.mark(rel, "backup"),
                f"relationship `{rel.id}`: `backup` must be another role than the manager",
                rel.id,
            )
    for body in fw.governance:
        seen: set[str] = set()
        for i, member in enumerate(body.members):
            if member.role in seen:
                yield ctx.finding(
                    CODE,
                    ctx.mark(body, "members", i, "role"),
                    f"governance body `{body.id}`: role `{member.role}` is listed as a member "
                    "twice; a role holds one seat",
                    body.id,
                )
            seen.add(member.role)
    for role in fw.roles:
        for i, comp in enumerate(role.competencies or []):
            is_rlmt = comp.framework.lower() == "sfia" and comp.code.upper() == "RLMT"
            if is_rlmt and comp.level not in RLMT_LEVELS:
                yield ctx.finding(
                    CODE,
                    ctx.mark(role, "competencies", i, "level"),
                    f"role `{role.id}`: SFIA skill RLMT exists at levels 4–7 only, "
                    f"not {comp.level}",
                    role.id,
                )
    for ind in fw.indicators:
        if ind.unit != "percent":
            continue
        values = {"baseline": ind.baseline, "target": ind.target}
        if ind.thresholds is not None:
            values |= {"red": ind.thresholds.red, "amber": ind.thresholds.amber}
        for name, value in values.items():
            if value is None or 0 <= value <= 100:
                continue
            path = ("thresholds", name) if name in ("red", "amber") else (name,)
            yield ctx.finding(
                CODE,
                ctx.mark(ind, *path),
                f"indicator `{ind.id}` is a percent, so `{name}` must lie in 0–100, not {value:g}",
                ind.id,
            )


RULE = Rule(
    CODE,
    Severity.ERROR,
    "a value of the wrong type, outside its range, or at odds with other fields of its entry",
    check,
    tunable=False,
)
