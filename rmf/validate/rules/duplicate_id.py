"""duplicate-id: ids are unique across the framework (incumbents' too), and step ids within
their process."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.model.framework import SINGULAR
from rmf.validate.rules.base import Context, Rule, a
from rmf.validate.schema import Path_

CODE = "duplicate-id"


def check(ctx: Context) -> Iterator[Finding]:
    first: dict[str, tuple[str, Path_]] = {}
    for section, path, ident in ctx.declarations():
        if ident in first:
            other, other_path = first[ident]
            where = ctx.mark_at((*other_path, "id"))
            yield ctx.finding(
                CODE,
                ctx.mark_at((*path, "id")),
                f"the id `{ident}` is already used by {a(SINGULAR[other])} at "
                f"{where.file}:{where.line}; ids are unique across all sections — rename one",
                ident,
            )
        else:
            first[ident] = (section, path)
    for process in ctx.fw.processes:
        steps: dict[str, int] = {}
        for j, step in enumerate(process.steps):
            if not ctx.intact(process, ("steps", j, "id")):
                continue
            if step.id in steps:
                yield ctx.finding(
                    CODE,
                    ctx.mark(process, "steps", j, "id"),
                    f"process `{process.id}`: step id `{step.id}` is used twice in this process "
                    f"(first as step {steps[step.id] + 1}); rename one",
                    process.id,
                )
            else:
                steps[step.id] = j


RULE = Rule(CODE, Severity.ERROR, "ids are unique across the framework", check)
