"""unreached-business-unit: every business unit hears from at least one communication."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "unreached-business-unit"


def ancestors(unit_id: str, parents: dict[str, str | None]) -> Iterator[str]:
    """The unit and each unit above it, stopping at a cycle."""
    seen: set[str] = set()
    current: str | None = unit_id
    while current is not None and current not in seen:
        seen.add(current)
        yield current
        current = parents.get(current)


def check(ctx: Context) -> Iterator[Finding]:
    reached = ctx.written("communications", "audience")
    if reached is None:
        return  # whom some communication reaches is not known: it may be any unit
    units = ctx.section("units")
    parents = {u.id: u.parent for u in ctx.fw.units}
    for unit in ctx.fw.units:
        if unit.kind != "business" or not ctx.intact(unit, "id"):
            continue  # a broken kind is a hole (None): whether it is one is not known
        line = list(ancestors(unit.id, parents))
        if any(a in reached for a in line):
            continue
        if line[-1] not in units or not all(ctx.intact(units[a], "parent") for a in line):
            continue  # a parent that is broken or could not be read may be the unit reached
        yield ctx.finding(
            CODE,
            ctx.mark(unit),
            f"business unit `{unit.id}` is in no communication's audience (nor is any unit "
            "above it); add it to one",
            unit.id,
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "every business unit is in the audience of a communication",
    check,
)
