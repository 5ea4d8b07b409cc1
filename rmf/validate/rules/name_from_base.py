"""name-from-base: a client framework has a name of its own, not its base's."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "name-from-base"


def check(ctx: Context) -> Iterator[Finding]:
    source = ctx.checked.source
    base = source.base_framework
    name = ctx.fw.framework.name
    if not source.bases or not isinstance(base, dict) or base.get("name") != name:
        return
    yield ctx.finding(
        CODE,
        ctx.mark_at(("framework", "name")),
        f"`framework` name `{name}` is the name of the base it extends ({source.bases[0]}); "
        "every document of this framework would carry the method's title: give the client's "
        "framework a name of its own (the client is in `client`)",
        ctx.fw.framework.id,
    )


RULE = Rule(
    CODE,
    Severity.WARNING,
    "a framework that extends a base has a name of its own, not the base's",
    check,
)
