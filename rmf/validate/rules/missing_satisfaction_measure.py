"""missing-satisfaction-measure: there is a satisfaction and a complaint indicator."""

from __future__ import annotations

import typing
from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.model.types import Category
from rmf.validate.rules.base import Context, Rule

CODE = "missing-satisfaction-measure"
NEEDED = ("satisfaction", "complaint")
CATEGORIES = frozenset(typing.get_args(Category))


def check(ctx: Context) -> Iterator[Finding]:
    have = ctx.written("indicators", "category")  # an indicator with an error elsewhere too
    if have is None or not have <= CATEGORIES:
        return  # a category that is not one may be the one missing
    missing = [c for c in NEEDED if c not in have]
    if not missing:
        return
    pos = ctx.checked.source.pos
    where = ("indicators",) if pos.key_mark("indicators") else ("framework",)
    yield ctx.finding(
        CODE,
        ctx.mark_at(where, key=True),
        f"no indicator has category {' or '.join(f'`{c}`' for c in missing)}; relationship "
        "management measures satisfaction and tracks complaints (ISO/IEC 20000-1 §8.3.2)",
        ctx.fw.framework.id,
    )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "at least one indicator has category satisfaction and one complaint",
    check,
)
