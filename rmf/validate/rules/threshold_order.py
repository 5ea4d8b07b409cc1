"""threshold-order: thresholds and target are ordered consistently with `direction`."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "threshold-order"


def check(ctx: Context) -> Iterator[Finding]:
    for ind in ctx.fw.indicators:
        if ind.thresholds is None or not ctx.intact(ind, "thresholds", "target", "direction"):
            continue
        red, amber, target = ind.thresholds.red, ind.thresholds.amber, ind.target
        if ind.direction == "higher-is-better":
            ok = red < amber <= target
            want = "red < amber ≤ target"
        else:
            ok = red > amber >= target
            want = "red > amber ≥ target"
        if ok:
            continue
        yield ctx.finding(
            CODE,
            ctx.mark_among(ind, "thresholds", "target", "direction"),
            f"indicator `{ind.id}` is {ind.direction}, so it needs {want}; it has red {red:g}, "
            f"amber {amber:g}, target {target:g}",
            ind.id,
        )


RULE = Rule(
    CODE, Severity.ERROR, "thresholds and target are ordered consistently with direction", check
)
