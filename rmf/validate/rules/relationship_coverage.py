"""relationship-coverage: every business unit has exactly one relationship."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.model.relationships import Relationship
from rmf.validate.rules.base import Context, Rule

CODE = "relationship-coverage"


def check(ctx: Context) -> Iterator[Finding]:
    serving: dict[str, list[Relationship]] = {}
    for rel in ctx.fw.relationships:
        serving.setdefault(rel.unit, []).append(rel)
    # a relationship with a mistake still says whom it serves (or meant to)
    written = ctx.written("relationships", "unit")
    for unit in ctx.fw.units:
        if unit.kind != "business":
            continue
        rels = serving.get(unit.id, [])
        # served, or not known not to be: what relationships name, or its own id, is broken
        served = written is None or not ctx.intact(unit, "id") or unit.id in written
        if not rels and not served:
            yield ctx.finding(
                CODE,
                ctx.mark(unit),
                f"business unit `{unit.id}` has no relationship: no one manages IT's "
                "relationship with it — add a relationship naming its manager",
                unit.id,
            )
        for extra in rels[1:]:
            yield ctx.finding(
                CODE,
                ctx.mark(extra, "unit"),
                f"business unit `{unit.id}` already has relationship `{rels[0].id}`; "
                f"a second one (`{extra.id}`) leaves ownership unclear — keep one and use "
                "`backup` for the second manager",
                unit.id,
            )


RULE = Rule(CODE, Severity.ERROR, "every business unit has exactly one relationship", check)
