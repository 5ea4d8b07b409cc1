"""manager-not-relationship-role: relationship managers sit in the relationship office or IT."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "manager-not-relationship-role"
HOMES = ("relationship-office", "it")


def check(ctx: Context) -> Iterator[Finding]:
    roles = ctx.section("roles")
    units = ctx.section("units")
    for rel in ctx.fw.relationships:
        role = roles.get(rel.manager)
        unit = units.get(role.unit) if role is not None else None
        if role is None or unit is None or unit.kind in HOMES:
            continue
        if not ctx.intact(unit, "kind"):
            continue  # the unit's broken kind is reported, not the manager
        yield ctx.finding(
            CODE,
            ctx.mark(rel, "manager"),
            f"relationship `{rel.id}`: manager `{role.id}` belongs to `{unit.id}`, a "
            f"{unit.kind} unit; relationship managers belong to the relationship office or IT",
            rel.id,
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "a relationship manager belongs to a relationship-office or IT unit",
    check,
)
