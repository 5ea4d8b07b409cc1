"""quorum-out-of-range: 1 ≤ quorum ≤ the body's voting seats."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import EACH, Context, Rule

CODE = "quorum-out-of-range"
# what the voting seats are counted from
SEATS = tuple(("members", EACH, field) for field in ("role", "voting", "seats"))


def check(ctx: Context) -> Iterator[Finding]:
    roles = ctx.section("roles")
    positions = {r.id: r.positions for r in ctx.fw.roles}
    for body in ctx.fw.governance:
        if body.quorum is None or not ctx.intact(body, "quorum", *SEATS):
            continue
        counted = [roles.get(m.role) for m in body.members if m.voting and m.seats is None]
        if any(r is None or not ctx.intact(r, "positions") for r in counted):
            continue  # seats counted from a role not read, or from its broken `positions`
        voting = body.voting_seats(positions)
        if 1 <= body.quorum <= voting:
            continue
        yield ctx.finding(
            CODE,
            ctx.mark_among(body, "quorum", "members"),
            f"governance body `{body.id}`: quorum {body.quorum} is outside 1–{voting} "
            f"(it has {voting} voting seat(s))",
            body.id,
        )


RULE = Rule(CODE, Severity.ERROR, "1 ≤ quorum ≤ voting seats", check)
