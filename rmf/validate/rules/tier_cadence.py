"""tier-cadence (1.1): a relationship is reviewed at least as often as its tier asks in
`engagement_model`."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.model.types import BY_FREQUENCY
from rmf.validate.rules.base import Context, Rule

CODE = "tier-cadence"


def check(ctx: Context) -> Iterator[Finding]:
    least = {t.tier: t.review for t in ctx.fw.engagement_model if t.review is not None}
    for rel in ctx.fw.relationships:
        wanted = least.get(rel.tier) if rel.tier is not None else None
        if wanted is None or rel.review is None or "as-needed" in (wanted, rel.review):
            continue
        if BY_FREQUENCY.index(rel.review) <= BY_FREQUENCY.index(wanted):
            continue
        yield ctx.finding(
            CODE,
            ctx.mark(rel, "review"),
            f"relationship `{rel.id}` has `review: {rel.review}`, but a {rel.tier} relationship "
            f"is reviewed `{wanted}` or more often (`engagement_model`); review it more often",
            rel.id,
        )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "a relationship is reviewed at least as often as its tier asks",
    check,
)
