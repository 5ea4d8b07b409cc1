"""unresolved-reference: every reference resolves to an id of an allowed section."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from rmf.core.findings import Finding, Severity
from rmf.core.suggest import Suggester
from rmf.model.framework import SINGULAR
from rmf.model.refs import iter_refs
from rmf.validate.rules.base import Context, Rule, a
from rmf.validate.schema import Path_

CODE = "unresolved-reference"


def _either(sections: tuple[str, ...]) -> str:
    names = [SINGULAR[s] for s in sections]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class _Ids:
    """One did-you-mean index per set of sections a reference may name, built when needed."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.by_sections: dict[tuple[str, ...], Suggester] = {}

    def hint(self, value: str, sections: tuple[str, ...]) -> str:
        index = self.by_sections.get(sections)
        if index is None:
            declared = self.ctx.declared.items()
            index = Suggester(i for i, ss in declared if any(s in sections for s in ss))
            self.by_sections[sections] = index
        return index.hint(value)


def _walk(
    ctx: Context, ids: _Ids, obj: BaseModel, base: Path_, owner: str, target: str
) -> Iterator[Finding]:
    intact = ctx.intact(obj)
    for rel, value, ref in iter_refs(obj):
        if ref.unless and not intact:
            continue  # `external: yes` was refused: whether this names an entity is unknown
        found = ctx.declared.get(value, ())
        if any(s in ref.sections for s in found):
            continue
        field = next(p for p in reversed(rel) if isinstance(p, str))
        tail = ids.hint(value, ref.sections)
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
    ids = _Ids(ctx)
    yield from _walk(ctx, ids, fw.framework, ("framework",), "`framework`", fw.framework.id)
    for section, entity in ctx.entities():
        owner = f"{SINGULAR[section]} `{entity.id}`"
        yield from _walk(ctx, ids, entity, ctx.path(entity), owner, entity.id)
    for i, tier in enumerate(fw.engagement_model):
        owner = f"engagement_model ({tier.tier})"
        yield from _walk(ctx, ids, tier, ("engagement_model", i), owner, fw.framework.id)
    if fw.communication_plan is not None:
        plan = fw.communication_plan
        yield from _walk(
            ctx, ids, plan, ("communication_plan",), "`communication_plan`", fw.framework.id
        )
    known = {*ctx.declared, fw.framework.id}
    everything: Suggester | None = None
    for waiver in fw.waivers:
        base = ctx.path(waiver)
        yield from _walk(ctx, ids, waiver, base, f"waiver for `{waiver.target}`", waiver.target)
        if waiver.target not in known:
            everything = everything or Suggester(known)
            yield ctx.finding(
                CODE,
                ctx.mark_at((*base, "target")),
                f"waiver: `target` names `{waiver.target}`, but no entity has that id"
                f"{everything.hint(waiver.target)}",
                waiver.target,
            )


RULE = Rule(
    CODE,
    Severity.ERROR,
    "every reference resolves to an id of an allowed section",
    check,
    whole=True,
)
