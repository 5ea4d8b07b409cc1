"""over-allocated: per manager role, the sum of `allocation` is at most its `positions`;
(1.1) per incumbent, the allocations of the relationships it is assignee of are at most
its FTE."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.model.relationships import Relationship
from rmf.validate.rules.base import Context, Rule

CODE = "over-allocated"
EPSILON = 1e-9


def _fte(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _n(count: int) -> str:
    return f"{count} relationship{'s' if count != 1 else ''}"


def check(ctx: Context) -> Iterator[Finding]:
    by_manager: dict[str, list[Relationship]] = {}
    by_assignee: dict[str, list[Relationship]] = {}
    for rel in ctx.fw.relationships:
        if rel.allocation is not None:
            by_manager.setdefault(rel.manager, []).append(rel)
            if rel.assignee is not None:
                by_assignee.setdefault(rel.assignee, []).append(rel)
    # A broken allocation or manager is a hole that counts for no one: it can hide an
    # over-allocation, never make one.
    for role in ctx.fw.roles:
        rels = by_manager.get(role.id, [])
        total = sum(r.allocation or 0.0 for r in rels)
        if total > role.positions + EPSILON and ctx.intact(role, "positions"):
            yield ctx.finding(
                CODE,
                ctx.mark(role, "positions"),  # the role itself when `positions` is left out
                f"role `{role.id}` is allocated {_fte(total)} FTE across {_n(len(rels))} "
                f"({', '.join(r.id for r in rels)}) but has {role.positions} "
                "position(s); reduce the allocations or add positions",
                role.id,
            )
        for j, seat in enumerate(role.incumbents or []):
            held = by_assignee.get(seat.id, [])
            total = sum(r.allocation or 0.0 for r in held)
            fte = role.fte_of(seat)
            if total <= fte + EPSILON or not ctx.intact(role, "fte", ("incumbents", j, "fte")):
                continue
            who = f" ({seat.name})" if seat.name else ""
            yield ctx.finding(
                CODE,
                ctx.mark(role, "incumbents", j, "id"),
                f"incumbent `{seat.id}`{who} of role `{role.id}` is allocated {_fte(total)} FTE "
                f"across {_n(len(held))} ({', '.join(r.id for r in held)}) but holds "
                f"{_fte(fte)} FTE; move an assignment to another incumbent",
                seat.id,
            )


RULE = Rule(
    CODE,
    Severity.ERROR,
    "allocations fit the manager role's positions, and each incumbent's FTE",
    check,
)
