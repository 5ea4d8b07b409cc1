"""assignee-role (1.1): a relationship's `assignee` is an incumbent of its `manager` and a
`backup_assignee` of its `backup`; a member's `seats` fit its role's `positions`; a role
has at most `positions` incumbents."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "assignee-role"
ASSIGNEES = (("assignee", "manager"), ("backup_assignee", "backup"))


def check(ctx: Context) -> Iterator[Finding]:
    yield from _assignees(ctx)
    roles = ctx.section("roles")
    for body in ctx.fw.governance:
        for i, member in enumerate(body.members):
            role = roles.get(member.role)
            if member.seats is None or role is None or member.seats <= role.positions:
                continue
            if not ctx.intact(role, "positions"):
                continue  # the role's broken `positions` is reported, not the seats
            yield ctx.finding(
                CODE,
                ctx.mark(body, "members", i, "seats"),
                f"governance body `{body.id}`: {member.seats} seats for role `{role.id}`, which "
                f"has {role.positions} position(s); lower `seats` or raise the role's `positions`",
                body.id,
            )
    for role in ctx.fw.roles:
        seats = role.incumbents or []
        if len(seats) <= role.positions or not ctx.intact(role, "positions"):
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(role, "incumbents", role.positions),
            f"role `{role.id}` lists {len(seats)} incumbents but has {role.positions} "
            "position(s); raise `positions` or remove an incumbent",
            role.id,
        )


def _assignees(ctx: Context) -> Iterator[Finding]:
    for rel in ctx.fw.relationships:
        for field, role_field in ASSIGNEES:
            seat = getattr(rel, field)
            held = ctx.seats.get(seat) if seat is not None else None
            if held is None or not ctx.intact(rel, role_field):
                continue  # no such incumbent: unresolved-reference says so
            role, person = held
            wanted = getattr(rel, role_field)
            if wanted == role.id or (wanted is not None and not ctx.is_a(wanted, "roles")):
                continue  # an unknown role is reported once, as unresolved-reference
            who = f" ({person.name})" if person.name else ""
            if wanted is None:
                message = (
                    f"relationship `{rel.id}`: `{field}` names `{seat}`{who}, but the "
                    f"relationship has no `{role_field}`; name its role `{role.id}` as "
                    f"`{role_field}`"
                )
            else:
                message = (
                    f"relationship `{rel.id}`: `{field}` `{seat}`{who} is an incumbent of role "
                    f"`{role.id}`, not of the {role_field} `{wanted}`; name an incumbent of "
                    f"`{wanted}`"
                )
            yield ctx.finding(CODE, ctx.mark(rel, field), message, rel.id)


RULE = Rule(
    CODE,
    Severity.ERROR,
    "assignees are incumbents of the relationship's roles; seats and incumbents fit positions",
    check,
)
