"""A base entity that `exclude:` drops while something still refers to it: one finding,
at the client's `exclude:` line, with what refers to it and the override that fixes it."""

from __future__ import annotations

from rmf.core.findings import Finding
from rmf.model.framework import SECTION_MODELS
from rmf.reading.overlay import BASE, OVERRIDE
from rmf.reading.override import ENTRY_KEYS
from rmf.validate.rules.base import Context
from rmf.validate.schema import Path_

CODE = "unresolved-reference"
# excluded id -> (who refers to it, the path of that entity or section, the path below)
Held = dict[str, list[tuple[str, Path_, Path_]]]
SHOWN = 5  # referrers named in full; the others are counted


def _field(rel: Path_) -> str:
    return str(rel[0]) if rel else "it"


def _fix(ctx: Context, ident: str, base: Path_, rel: Path_) -> tuple[str | None, str]:
    """What the client writes so that the reference at `base + rel` no longer names the
    excluded `ident`: (the base entity to override, the field as the override writes it),
    or (None, the edit to make) for a reference the client wrote itself."""
    at = ctx.mark_at((*base, *rel))
    source = ctx.checked.source
    field = _field(rel)
    entity = len(base) == 2 and isinstance(base[1], int)
    place = (str(base[0]), int(base[1])) if entity else None
    origin = source.origins.get(place) if place is not None else None
    changed = source.overridden.get(place) if place is not None else None
    inherited = origin == BASE or (
        origin == OVERRIDE and changed is not None and field not in changed.how
    )
    if not inherited or place is None:
        return None, f"change `{field}` where it is written ({at.file}:{at.line})"
    owner = str(source.data[place[0]][place[1]].get("id"))
    listed = len(rel) == 2 and isinstance(rel[1], int)
    keyed = len(rel) == 3 and isinstance(rel[1], int) and rel[2] in ENTRY_KEYS
    if listed or keyed:
        return owner, f"{field}: {{remove: [{ident}]}}"
    if len(rel) == 1:
        fields = SECTION_MODELS[place[0]].model_fields.items()
        required = any(field in (n, f.alias) and f.is_required() for n, f in fields)
        return owner, f"{field}: <another>" if required else f"{field}: <another, or null>"
    return owner, f"{field}: <its list without {ident}>"


def still_referred(ctx: Context, ident: str, referrers: list[tuple[str, Path_, Path_]]) -> Finding:
    """One finding for an excluded id that the framework still refers to."""
    source = ctx.checked.source
    named: list[str] = []
    overrides: dict[str, list[str]] = {}
    edits: list[str] = []
    for owner, base, rel in referrers:
        at = ctx.mark_at((*base, *rel))
        named.append(f"{owner}'s `{_field(rel)}` ({at.file}:{at.line})")
        entity, fix = _fix(ctx, ident, base, rel)
        held = overrides.setdefault(entity, []) if entity is not None else edits
        if fix not in held:
            held.append(fix)
    more = len(named) - SHOWN
    who = _and(named[:SHOWN]) + (f" and {more} more" if more > 0 else "")
    entries = [f"`- {{id: {e}, {', '.join(fields)}}}`" for e, fields in overrides.items()]
    fixes = [f"add {_and(entries[:SHOWN])} under `override:`"] if entries else []
    fixes += edits[:SHOWN]
    message = f"exclude `{ident}`: still referred to by {who}; {_and(fixes)}, or keep `{ident}`"
    return ctx.finding(CODE, source.excluded[ident], message, ident)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
