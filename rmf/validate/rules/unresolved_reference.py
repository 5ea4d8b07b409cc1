"""unresolved-reference: every reference resolves to an id of an allowed section."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from rmf.core.findings import Finding, Severity
from rmf.core.suggest import hint
from rmf.model.framework import SINGULAR
from rmf.model.refs import iter_refs
from rmf.validate.rules.base import Context, Rule, a
from rmf.validate.rules.excluded import CODE, Held, still_referred
from rmf.validate.schema import Path_


def _either(sections: tuple[str, ...]) -> str:
    names = [SINGULAR[s] for s in sections]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _walk(
    ctx: Context, obj: BaseModel, base: Path_, owner: str, target: str, held: Held
) -> Iterator[Finding]:
    excluded = ctx.checked.source.excluded
    for rel, value, ref in iter_refs(obj):
        at = max(i for i, p in enumerate(rel) if isinstance(p, str))
        field = str(rel[at])
        if ref.unless and not ctx.intact(obj, (*rel[:at], ref.unless)):
            continue  # `external: yes` was refused: whether this names an entity is unknown
        found = ctx.declared.get(value, ())
        if any(s in ref.sections for s in found):
            continue
        if not found and any(s in ctx.incomplete for s in ref.sections):
            continue  # it may name an entity that could not be read
        if value in excluded and not found:
            held.setdefault(value, []).append((owner, base, rel))  # one finding, at `exclude`
            continue
        tail = hint(ctx.suggest(value, ref.sections))
        if found:
            message = (
                f"{owner}: `{field}` must name {a(_either(ref.sections))}, "
                f"but `{value}` is {a(SINGULAR[found[0]])}{tail}"
            )
        else:
            message = (
                f"{owner}: `{field}` names `{value}`, but there is no "
                f"{_either(ref.sections)} with that id{tail}"
            )
        yield ctx.finding(CODE, ctx.mark_at((*base, *rel)), message, target)


def check(ctx: Context) -> Iterator[Finding]:
    fw = ctx.fw
    held: Held = {}
    yield from _walk(ctx, fw.framework, ("framework",), "`framework`", fw.framework.id, held)
    for section, entity in ctx.entities():
        owner = f"{SINGULAR[section]} `{entity.id}`"
        yield from _walk(ctx, entity, ctx.path(entity), owner, entity.id, held)
    for i, tier in enumerate(fw.engagement_model):
        owner = f"engagement_model ({tier.tier})"
        yield from _walk(ctx, tier, ("engagement_model", i), owner, fw.framework.id, held)
    if fw.communication_plan is not None:
        plan = fw.communication_plan
        yield from _walk(
            ctx, plan, ("communication_plan",), "`communication_plan`", fw.framework.id, held
        )
    # a waiver's `target` is the id a finding is about, not a reference: one that no
    # entity has matches no finding, and is reported so (`unused-waiver`)
    for waiver in fw.waivers:
        owner = f"waiver for `{waiver.target}`"
        yield from _walk(ctx, waiver, ctx.path(waiver), owner, waiver.target, held)
    for ident, referrers in held.items():
        yield still_referred(ctx, ident, referrers)


RULE = Rule(
    CODE,
    Severity.ERROR,
    "every reference resolves to an id of an allowed section",
    check,
)
