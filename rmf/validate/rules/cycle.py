"""cycle: unit parents, role reporting lines and governance `reports_to` have no cycles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rmf.core.findings import Finding, Severity
from rmf.model.framework import SINGULAR
from rmf.validate.rules.base import Context, Rule

CODE = "cycle"
LINKS = (("units", "parent"), ("roles", "reports_to"), ("governance", "reports_to"))


def check(ctx: Context) -> Iterator[Finding]:
    for section, field in LINKS:
        entities = ctx.section(section)
        order = {e.id: i for i, e in reversed(list(enumerate(getattr(ctx.fw, section))))}
        done: set[str] = set()
        for start in getattr(ctx.fw, section):
            trail: list[str] = []
            node: Any = start
            while node is not None and node.id not in done and node.id not in trail:
                trail.append(node.id)
                nxt = getattr(node, field)
                node = entities.get(nxt) if nxt is not None else None
            if node is not None and node.id in trail:
                loop = trail[trail.index(node.id) :]
                # reading top-down, the last entry of the loop is the one that closes it
                last = max(loop, key=order.__getitem__)
                at = loop.index(last)
                shown = " → ".join([*loop[at:], *loop[:at], last])
                yield ctx.finding(
                    CODE,
                    ctx.mark(entities[last], field),
                    f"{SINGULAR[section]} `{last}`: `{field}` goes round in a circle "
                    f"({shown}); break the loop",
                    last,
                )
            done.update(trail)


RULE = Rule(
    CODE,
    Severity.ERROR,
    "unit parents, role reporting lines and governance reports_to have no cycles",
    check,
)
