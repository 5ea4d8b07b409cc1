"""over-allocated: per manager role, the sum of `allocation` is at most its `positions`."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.model.framework import Relationship
from rmf.validate.rules.base import Context, Rule

CODE = "over-allocated"
EPSILON = 1e-9


def _fte(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def check(ctx: Context) -> Iterator[Finding]:
    by_manager: dict[str, list[Relationship]] = {}
    for rel in ctx.fw.relationships:
        if rel.allocation is not None:
            by_manager.setdefault(rel.manager, []).append(rel)
    for role in ctx.fw.roles:
        rels = by_manager.get(role.id, [])
        total = sum(r.allocation or 0.0 for r in rels)
        if total <= role.positions + EPSILON or not ctx.intact(role):
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(role, "positions"),  # the role itself when `positions` is left out
            f"role `{role.id}` is allocated {_fte(total)} FTE across {len(rels)} relationships "
            f"({', '.join(r.id for r in rels)}) but has {role.positions} position(s); "
            "reduce the allocations or add positions",
            role.id,
        )


RULE = Rule(CODE, Severity.ERROR, "per manager role, the sum of allocation ≤ its positions", check)
