"""chair-not-member: the chair and the vice-chair (1.1) of a body are among its members."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import EACH, Context, Rule

CODE = "chair-not-member"


def check(ctx: Context) -> Iterator[Finding]:
    for body in ctx.fw.governance:
        members = {m.role for m in body.members}
        for field, word in (("chair", "chair"), ("vice_chair", "vice-chair")):
            role = getattr(body, field)
            if role is None or role in members:
                continue
            if not ctx.intact(body, field, ("members", EACH, "role")):
                continue  # a broken member may be the one: its schema error is reported
            if not ctx.is_a(role, "roles"):
                continue  # an unknown role is reported once, as unresolved-reference
            yield ctx.finding(
                CODE,
                ctx.mark_among(body, field, "members"),
                f"governance body `{body.id}`: the {word} `{role}` is not among its members; "
                "add the role to `members`",
                body.id,
            )


RULE = Rule(CODE, Severity.ERROR, "the chair and vice-chair of a body are among its members", check)
