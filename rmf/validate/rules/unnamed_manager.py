"""unnamed-manager (1.1): when a manager role has several positions and names its
incumbents, each relationship it manages names its `assignee`."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "unnamed-manager"


def check(ctx: Context) -> Iterator[Finding]:
    roles = ctx.section("roles")
    for rel in ctx.fw.relationships:
        role = roles.get(rel.manager)
        if rel.assignee is not None or role is None or role.positions < 2:
            continue
        if not ctx.intact(rel, "assignee"):
            continue  # named, in a broken field: its schema error is reported
        seats = role.incumbents or []
        if not seats:
            continue
        named = ", ".join(f"`{s.id}`" for s in seats)
        yield ctx.finding(
            CODE,
            ctx.mark(rel, "manager"),
            f"relationship `{rel.id}`: role `{role.id}` has {role.positions} positions, so the "
            f"unit cannot tell who its relationship manager is; name one with `assignee` "
            f"({named})",
            rel.id,
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "a relationship of a role with several named incumbents names its assignee",
    check,
)
