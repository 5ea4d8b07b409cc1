"""cycle: unit parents, role reporting lines and governance `reports_to` have no cycles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rmf.findings import Finding, Severity
from rmf.model import SINGULAR
from rmf.rules.base import Context, Rule

CODE = "cycle"
LINKS = (("units", "parent"), ("roles", "reports_to"), ("governance", "reports_to"))


def check(ctx: Context) -> Iterator[Finding]:
    for section, field in LINKS:
        entities = ctx.section(section)
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
                first = start if start.id in loop else entities[loop[0]]
                shown = " → ".join([*loop, loop[0]])
                yield ctx.finding(
                    CODE,
                    ctx.mark(first, field),
                    f"{SINGULAR[section]} `{first.id}`: `{field}` goes round in a circle "
                    f"({shown}); break the loop",
                    first.id,
                )
            done.update(trail)


RULE = Rule(
    CODE,
    Severity.ERROR,
    "unit parents, role reporting lines and governance reports_to have no cycles",
    check,
)
