"""review-dates: a review date comes after the date it reviews: a policy's `review_by`
after `effective`; (1.1) a body's `next_review` after `approved` and `last_reviewed`; a
relationship plan's `next_review` after `approved`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rmf.core.findings import Finding, Severity
from rmf.model.base import Entity
from rmf.validate.rules.base import Context, Rule

CODE = "review-dates"


def _pairs(
    ctx: Context,
) -> Iterator[tuple[Entity, str, tuple[str, ...], date | None, str, date | None]]:
    """(entity, its noun, path of the review date, that date, what it reviews, its date)."""
    for policy in ctx.fw.policies:
        yield policy, "policy", ("review_by",), policy.review_by, "effective", policy.effective
    for body in ctx.fw.governance:
        # one finding: against the later of the approval and the last review
        named = (("approved", body.approved), ("last_reviewed", body.last_reviewed))
        dates = [(when, name) for name, when in named if when is not None]
        if dates:
            earlier, name = max(dates)
            yield body, "governance body", ("next_review",), body.next_review, name, earlier
    for rel in ctx.fw.relationships:
        if rel.plan is not None:
            plan = rel.plan
            yield (
                rel,
                "relationship",
                ("plan", "next_review"),
                plan.next_review,
                "plan.approved",
                plan.approved,
            )


def check(ctx: Context) -> Iterator[Finding]:
    for entity, noun, path, later, name, earlier in _pairs(ctx):
        # a broken date is a hole (None) here, which leaves its pair unchecked
        if later is None or earlier is None or later > earlier:
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(entity, *path),
            f"{noun} `{entity.id}`: {'.'.join(path)} {later} is not after {name} {earlier}",
            entity.id,
        )


RULE = Rule(CODE, Severity.ERROR, "a review date is after the date it reviews", check)
