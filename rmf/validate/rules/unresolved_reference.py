"""unresolved-reference: every reference resolves to an id of an allowed section."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from pydantic import BaseModel

from rmf.core.findings import Finding, Severity
from rmf.model.framework import SINGULAR
from rmf.model.refs import iter_refs
from rmf.validate.rules.base import Context, Rule, a
from rmf.validate.schema import Path_

CODE = "unresolved-reference"


def _either(sections: tuple[str, ...]) -> str:
    names = [SINGULAR[s] for s in sections]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def suggest(wanted: str, candidates: list[str]) -> str:
    """A "did you mean" hint naming the closest candidate, if one is close."""
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _walk(ctx: Context, obj: BaseModel, base: Path_, owner: str, target: str) -> Iterator[Finding]:
    intact = ctx.intact(obj)
    for rel, value, ref in iter_refs(obj):
        if ref.unless and not intact:
            continue  # `external: yes` was refused: whether this names an entity is unknown
        found = ctx.declared.get(value, ())
        if any(s in ref.sections for s in found):
            continue
        field = next(p for p in reversed(rel) if isinstance(p, str))
        wanted = [i for i, ss in ctx.declared.items() if any(s in ref.sections for s in ss)]
        hint = suggest(value, wanted)
        if found:
            message = (
                f"{owner}: `{field}` must name {a(_either(ref.sections))}, "
                f"but `{value}` is {a(SINGULAR[found[0]])}{hint}"
            )
        else:
            message = (
                f"{owner}: `{field}` names `{value}`, but there is no "
                f"{_either(ref.sections)} with that id{hint}"
            )
        yield ctx.finding(CODE, ctx.mark_at((*base, *rel)), message, target)


def check(ctx: Context) -> Iterator[Finding]:
    fw = ctx.fw
    yield from _walk(ctx, fw.framework, ("framework",), "`framework`", fw.framework.id)
    for section, entity in ctx.entities():
        owner = f"{SINGULAR[section]} `{entity.id}`"
        yield from _walk(ctx, entity, ctx.path(entity), owner, entity.id)
    for i, tier in enumerate(fw.engagement_model):
        owner = f"engagement_model ({tier.tier})"
        yield from _walk(ctx, tier, ("engagement_model", i), owner, fw.framework.id)
    if fw.communication_plan is not None:
        plan = fw.communication_plan
        yield from _walk(
            ctx, plan, ("communication_plan",), "`communication_plan`", fw.framework.id
        )
    known = sorted(set(ctx.declared) | {fw.framework.id})
    for waiver in fw.waivers:
        base = ctx.path(waiver)
        yield from _walk(ctx, waiver, base, f"waiver for `{waiver.target}`", waiver.target)
        if waiver.target not in known:
            yield ctx.finding(
                CODE,
                ctx.mark_at((*base, "target")),
                f"waiver: `target` names `{waiver.target}`, but no entity has that id"
                f"{suggest(waiver.target, known)}",
                waiver.target,
            )


RULE = Rule(CODE, Severity.ERROR, "every reference resolves to an id of an allowed section", check)
