"""A client framework laid over the base methodology it `extends`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rmf.core.findings import Finding
from rmf.core.suggest import Suggester
from rmf.model.types import ROOT_SECTIONS, SECTIONS
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
) -> set[str]:
    """The base ids that `exclude:` drops; a name that is no base id is reported."""
    if exclude is None or exclude_pos is None:
        return set()
    if not isinstance(exclude, list) or exclude_pos.items is None:
        findings.append(
            Finding.at(exclude_pos.mark, "invalid-value", "`exclude` takes a list of base ids")
        )
        return set()
    ids = {i for s in SECTIONS for i in map(_id, _items(base, s)[0]) if i}
    known = Suggester(ids)
    out: set[str] = set()
    for value, pos in zip(exclude, exclude_pos.items, strict=True):
        if isinstance(value, str) and value in ids:
            out.add(value)
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
            if key in SECTIONS:
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
    base id replaces that base entity), then the base's others; `exclude` drops."""
    findings = [*base.findings, *client.findings]
    data: dict[str, Any] = {}
    pos = Pos(client.pos.mark, keys={}, values={})
    assert pos.keys is not None and pos.values is not None
    _head(base, client, data, pos)
    dropped = _excluded(base, exclude, exclude_pos, findings)
    origins: dict[tuple[str, int], str] = {}
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
        if section not in base.data and section not in client.data:
            continue
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
    )
