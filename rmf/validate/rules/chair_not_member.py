"""chair-not-member: the chair of a body is one of its members."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "chair-not-member"


def check(ctx: Context) -> Iterator[Finding]:
    for body in ctx.fw.governance:
        if not ctx.intact(body) or any(m.role == body.chair for m in body.members):
            continue
        if ctx.declared.get(body.chair) != "roles":
            continue  # an unknown chair is reported once, as unresolved-reference
        yield ctx.finding(
            CODE,
            ctx.mark(body, "chair"),
            f"governance body `{body.id}`: the chair `{body.chair}` is not among its members; "
            "add the role to `members`",
            body.id,
        )


RULE = Rule(CODE, Severity.ERROR, "the chair of a body is one of its members", check)
