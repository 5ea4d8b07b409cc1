"""stale-review (1.1): no review date is past: a policy's `review_by`, a body's
`next_review`, a relationship plan's `next_review` (as of today, or `--today`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rmf.core.findings import Finding, Severity
from rmf.model.base import Entity
from rmf.validate.rules.base import Context, Rule

CODE = "stale-review"


def _dates(ctx: Context) -> Iterator[tuple[Entity, str, tuple[str, ...], date | None]]:
    for policy in ctx.fw.policies:
        yield policy, "policy", ("review_by",), policy.review_by
    for body in ctx.fw.governance:
        yield body, "governance body", ("next_review",), body.next_review
    for rel in ctx.fw.relationships:
        if rel.plan is not None:
            yield rel, "relationship", ("plan", "next_review"), rel.plan.next_review


def check(ctx: Context) -> Iterator[Finding]:
    for entity, noun, path, when in _dates(ctx):
        if when is None or when >= ctx.today:
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(entity, *path),
            f"{noun} `{entity.id}`: {'.'.join(path)} {when} is past (today is {ctx.today}); "
            "review it and set the next date",
            entity.id,
        )


RULE = Rule(CODE, Severity.WARNING, "no review date is past", check)
