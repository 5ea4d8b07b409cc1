"""review-dates: a policy's `review_by` is after its `effective` date."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "review-dates"


def check(ctx: Context) -> Iterator[Finding]:
    for policy in ctx.fw.policies:
        if policy.effective is None or policy.review_by is None or not ctx.intact(policy):
            continue
        if policy.review_by > policy.effective:
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(policy, "review_by"),
            f"policy `{policy.id}`: review_by {policy.review_by} is not after effective "
            f"{policy.effective}",
            policy.id,
        )


RULE = Rule(CODE, Severity.ERROR, "review_by is after effective", check)
