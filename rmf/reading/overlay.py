"""A client framework laid over the base methodology it `extends`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rmf.core.findings import Finding, Mark
from rmf.core.suggest import Suggester
from rmf.model.types import ROOT_SECTIONS, SECTIONS, SINGULAR
from rmf.reading.override import OVERRIDE_KEY, Merger, Overridden
from rmf.reading.reader import Pos

# Keys of the root file that the loader acts on and the model never sees.
LOADER_KEYS = ("include", "extends", "exclude")
MAX_BASES = 8

BASE, OVERRIDE, CLIENT = "base", "override", "client"


@dataclass(slots=True)
class Source:
    """A framework's raw data merged across files, with every position kept."""

    data: dict[str, Any]
    pos: Pos
    root: str
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # (section, index) -> base | override | client; empty without `extends`
    origins: dict[tuple[str, int], str] = field(default_factory=dict)
    # root files of the bases, nearest first
    bases: list[str] = field(default_factory=list)
    # base ids that `exclude:` drops, each with where it is excluded
    excluded: dict[str, Mark] = field(default_factory=dict)
    # (section, index) -> what the client's `override:` entry changed in a base entity
    overridden: dict[tuple[str, int], Overridden] = field(default_factory=dict)
    # the nearest base's `framework:` metadata as written
    base_framework: Any = None
    # the list sections that included files which could not be read may hold (their
    # findings are in `findings`): what the framework holds there is known only in part
    unread: frozenset[str] = frozenset()

    @property
    def incomplete(self) -> bool:
        """Whether an included file (or one an `include` meant) could not be read."""
        return bool(self.unread)


def is_extension_key(key: str) -> bool:
    """Top-level `x-` keys are ignored: a place for anchors, as in Compose files."""
    return key.startswith("x-")


def _id(item: Any) -> str | None:
    ident = item.get("id") if isinstance(item, dict) else None
    return ident if isinstance(ident, str) else None


def _items(source: Source, section: str) -> tuple[list[Any], list[Pos]]:
    value = source.data.get(section)
    pos = source.pos.child(section)
    if not isinstance(value, list) or pos is None or pos.items is None:
        return [], []
    return value, pos.items


def _excluded(
    base: Source, exclude: Any, exclude_pos: Pos | None, findings: list[Finding]
) -> dict[str, Mark]:
    """The base ids that `exclude:` drops, with where; a name that is no base id is
    reported."""
    if exclude is None or exclude_pos is None:
        return {}
    if not isinstance(exclude, list) or exclude_pos.items is None:
        findings.append(
            Finding.at(exclude_pos.mark, "invalid-value", "`exclude` takes a list of base ids")
        )
        return {}
    ids = {i for s in SECTIONS for i in map(_id, _items(base, s)[0]) if i}
    known = Suggester(ids)
    out: dict[str, Mark] = {}
    for value, pos in zip(exclude, exclude_pos.items, strict=True):
        if isinstance(value, str) and value in ids:
            out.setdefault(value, pos.mark)
            continue
        hint = known.hint(str(value))
        findings.append(
            Finding.at(
                pos.mark,
                "unresolved-reference",
                f"exclude: the base has no entity {_shown(value)}{hint}",
                target=str(value),
            )
        )
    return out


def _shown(value: Any) -> str:
    return f"`{value}`" if isinstance(value, str | int | float) else "of that kind (write an id)"


def _head(base: Source, client: Source, data: dict[str, Any], pos: Pos) -> None:
    """The client's own keys; `rules` merged over the base's, waivers of both."""
    assert pos.keys is not None and pos.values is not None
    for source in (base, client):
        assert source.pos.keys is not None and source.pos.values is not None
        for key, value in source.data.items():
            if key in SECTIONS or key == OVERRIDE_KEY:
                continue
            mergeable = isinstance(value, dict | list) and type(data.get(key)) is type(value)
            if key in ("rules", "waivers") and mergeable:
                old, old_pos = data[key], pos.values[key]
                vpos = source.pos.values[key]
                if isinstance(value, dict):
                    assert old_pos.keys is not None and old_pos.values is not None
                    assert vpos.keys is not None and vpos.values is not None
                    data[key] = {**old, **value}
                    pos.values[key] = Pos(
                        vpos.mark,
                        keys={**old_pos.keys, **vpos.keys},
                        values={**old_pos.values, **vpos.values},
                    )
                else:
                    data[key] = [*old, *value]
                    pos.values[key] = Pos(
                        vpos.mark, items=[*(old_pos.items or []), *(vpos.items or [])]
                    )
                continue
            if source is base and key not in ("rules", "waivers", *ROOT_SECTIONS):
                continue  # the client's metadata is the framework's; the method's
                # engagement model, plan and document settings hold unless it has its own
            if value is None and key in ("rules", "waivers") and key in data:
                continue  # `waivers:` with nothing under it yet keeps the base's
            data[key] = value
            pos.keys[key] = source.pos.keys[key]
            pos.values[key] = source.pos.values[key]


def overlay(base: Source, client: Source, exclude: Any, exclude_pos: Pos | None) -> Source:
    """The client over its base: the client's entities first, in its order (one with a
    base id replaces that base entity), then the base's others; `exclude` drops, and
    `override:` entries change single fields of the base's."""
    findings = [*base.findings, *client.findings]
    data: dict[str, Any] = {}
    pos = Pos(client.pos.mark, keys={}, values={})
    assert pos.keys is not None and pos.values is not None
    _head(base, client, data, pos)
    dropped = _excluded(base, exclude, exclude_pos, findings)
    lists: dict[str, list[tuple[Any, Pos, str]]] = {}
    for section in SECTIONS:
        b_items, b_pos = _items(base, section)
        c_items, c_pos = _items(client, section)
        replacing: dict[str, int] = {}
        for j, item in enumerate(c_items):
            ident = _id(item)
            if ident is not None:
                replacing.setdefault(ident, j)
        overridden: set[str] = set()
        for item in b_items:
            ident = _id(item)
            if ident is not None and ident not in dropped and ident in replacing:
                overridden.add(ident)
        # the client's entities in the client's order, then the base's it leaves as they are
        merged: list[tuple[Any, Pos, str]] = []
        for j, (item, ipos) in enumerate(zip(c_items, c_pos, strict=True)):
            ident = _id(item)
            replaces = ident in overridden and replacing[ident or ""] == j
            merged.append((item, ipos, OVERRIDE if replaces else CLIENT))
        merged += [
            (item, ipos, BASE)
            for item, ipos in zip(b_items, b_pos, strict=True)
            if _id(item) not in dropped and _id(item) not in overridden
        ]
        if section in base.data or section in client.data:
            lists[section] = merged
    changed = _overrides(client, lists, dropped, findings)
    origins: dict[tuple[str, int], str] = {}
    for section, merged in lists.items():
        owner = client if section in client.data else base
        assert owner.pos.keys is not None and owner.pos.values is not None
        data[section] = [m[0] for m in merged]
        pos.keys[section] = owner.pos.keys[section]
        pos.values[section] = Pos(owner.pos.values[section].mark, items=[m[1] for m in merged])
        for i, (_item, _pos, origin) in enumerate(merged):
            origins[(section, i)] = origin
    return Source(
        data,
        pos,
        client.root,
        [*client.files, *base.files],
        findings,
        origins,
        [base.root, *base.bases],
        excluded=dropped,
        overridden=changed,
        base_framework=base.data.get("framework"),
    )


def _overrides(
    client: Source,
    lists: dict[str, list[tuple[Any, Pos, str]]],
    dropped: dict[str, Mark],
    findings: list[Finding],
) -> dict[tuple[str, int], Overridden]:
    """Lay each `override:` entry over the base entity of its id, in place in `lists`;
    what each changed, by the entity's place."""
    raw, raw_pos = client.data.get(OVERRIDE_KEY), client.pos.child(OVERRIDE_KEY)
    if raw is None or raw_pos is None:
        return {}
    if not isinstance(raw, list) or raw_pos.items is None:
        findings.append(
            Finding.at(
                raw_pos.mark,
                "invalid-value",
                "`override` takes a list of entries, each `- id: …` naming a base entity "
                "with the fields it changes",
            )
        )
        return {}
    places: dict[str, list[tuple[str, int]]] = {}
    for section, merged in lists.items():
        for i, (item, _pos, _origin) in enumerate(merged):
            ident = _id(item)
            if ident is not None:
                places.setdefault(ident, []).append((section, i))
    of_base = Suggester(
        ident for ident, held in places.items() if any(lists[s][i][2] == BASE for s, i in held)
    )
    merger = Merger(findings)
    out: dict[tuple[str, int], Overridden] = {}
    for entry, epos in zip(raw, raw_pos.items, strict=True):
        ident = _id(entry)
        id_pos = epos.child("id")
        if ident is None or id_pos is None:
            findings.append(
                Finding.at(
                    epos.mark,
                    "invalid-value",
                    "an override is a mapping that starts with `- id:` naming a base entity, "
                    "followed by the fields it changes",
                )
            )
            continue
        where = id_pos.mark
        held = places.get(ident, [])
        if ident in dropped:
            message = (
                f"override: `{ident}` is excluded ({_at(dropped[ident])}); take it out of "
                "`exclude` to change it, or drop this override"
            )
            findings.append(Finding.at(where, "override-unmatched", message, target=ident))
            continue
        if len(held) != 1:
            message = (
                f"override: the base has no entity `{ident}`{of_base.hint(ident)}"
                if not held
                else f"override: `{ident}` names {len(held)} entities (a duplicate id); an "
                "override changes one"
            )
            findings.append(Finding.at(where, "override-unmatched", message, target=ident))
            continue
        section, i = held[0]
        item, ipos, origin = lists[section][i]
        noun = f"{SINGULAR[section]} `{ident}`"
        if (section, i) in out:
            message = (
                f"override: {noun} is overridden already ({_at(out[(section, i)].at)}); "
                "write its changes in one entry"
            )
            findings.append(Finding.at(where, "override-twice", message, target=ident))
            continue
        if origin != BASE:
            message = (
                f"override: {noun} is this framework's own ({_at(ipos.mark)}), not the "
                "base's: change it where it is written"
            )
            findings.append(Finding.at(where, "override-unmatched", message, target=ident))
            continue
        changed, cpos, how = merger.entity(item, ipos, entry, epos, noun)
        lists[section][i] = (changed, cpos, OVERRIDE)
        out[(section, i)] = Overridden(epos.mark, how)
    return out


def _at(mark: Mark) -> str:
    return f"{mark.file}:{mark.line}"
