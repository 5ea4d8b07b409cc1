"""Check raw framework data against the model; every schema error becomes a located finding."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rmf.core.findings import Finding
from rmf.model.base import MAPPING_FORM, TEXT_FORM
from rmf.model.framework import (
    SECTION_MODELS,
    Framework,
    FrameworkHead,
    Metadata,
    Waiver,
)
from rmf.model.types import ROOT_SECTIONS, SECTIONS
from rmf.reading.loader import Source
from rmf.reading.positions import Path_, find_pos, mark_of
from rmf.validate.messages import describe_entity, describe_moved, explain
from rmf.validate.misplaced import misplaced, rehomed

__all__ = ["Checked", "Path_", "check", "find_pos", "mark_of"]

MAX_SALVAGE_ROUNDS = 8


@dataclass
class Checked:
    """The model built from what was valid, and where each entity came from."""

    framework: Framework | None
    findings: list[Finding]
    source: Source
    # id(entity object) -> its path in the raw data, e.g. ("roles", 3)
    paths: dict[int, Path_] = field(default_factory=dict)
    # entities kept without their invalid parts (id of the object)
    salvaged: set[int] = field(default_factory=set)
    # entities too broken to keep: their paths in the raw data, e.g. ("roles", 3)
    dropped: list[Path_] = field(default_factory=list)
    # entities that stand in another section's list: their path -> their section
    homes: dict[Path_, str] = field(default_factory=dict)

    def section_of(self, path: Path_) -> str:
        return self.homes.get(path, str(path[0]))

    def path(self, obj: object) -> Path_:
        return self.paths[id(obj)]


# --- validation -------------------------------------------------------------------


@dataclass
class _Slips:
    """Keys at the wrong indentation, and where each belongs: a field written there
    but indented as if elsewhere is not missing, and only the key's finding says so."""

    belongs: set[Path_] = field(default_factory=set)
    missing: list[tuple[Path_, Finding]] = field(default_factory=list)

    def drop_missing(self, findings: list[Finding]) -> list[Finding]:
        there = {id(f) for path, f in self.missing if path in self.belongs}
        return [f for f in findings if id(f) not in there]


def _findings_for(
    exc: ValidationError,
    model: Any,
    source: Source,
    base: Path_,
    slips: _Slips,
    moved: tuple[Any, str] | None = None,
) -> list[Finding]:
    """Findings for the errors of one entity; `moved` is its raw data and its section
    when it stands in another section's list."""
    out = []
    errors = exc.errors(include_url=False)
    for error in errors:
        rel = _loc(error)
        error["loc"] = rel
        code, message, at_key = explain(error, model, rel)
        path = base + rel
        if error["type"] == "extra_forbidden" and moved is None:
            slipped = misplaced(source.data, source.pos, path)
            if slipped is not None:
                message = slipped.message
                slips.belongs.add((*slipped.home, str(path[-1])))
        # a missing field belongs to the mapping that lacks it
        where = describe_entity(source.data, path[:-1] if error["type"] == "missing" else path)
        if moved is not None:
            where = describe_moved(moved[0], base, moved[1])
        mark = mark_of(source.pos, path, key=at_key)
        if error["type"] == "missing":
            mark = mark_of(source.pos, path[:-1])
        target = _target(source.data, path)
        out.append(Finding.at(mark, code, f"{where}: {message}", target=target))
        if error["type"] == "missing":
            slips.missing.append((path, out[-1]))
    return out


def _loc(error: ErrorDetails) -> Path_:
    """Where an error is, in the data: without the tags that say which form of a
    text-or-mapping field was read."""
    return tuple(p for p in error["loc"] if p not in (TEXT_FORM, MAPPING_FORM))


def _target(data: dict[str, Any], path: Path_) -> str | None:
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        section = data.get(str(path[0]))
        if isinstance(section, list) and path[1] < len(section):
            item = section[path[1]]
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                return str(item["id"])
    return None


def _salvage(model: type[BaseModel], raw: Any, exc: ValidationError) -> Any | None:
    """The entity without its invalid parts, if what is left is still valid."""
    if not isinstance(raw, dict):
        return None
    current = copy.deepcopy(raw)
    for _ in range(MAX_SALVAGE_ROUNDS):
        removed = False
        # later locations first, so that removing a list item shifts no other
        for error in reversed(exc.errors()):
            loc = _loc(error)
            if error["type"] == "missing":
                loc = loc[:-1]  # drop the part that lacks a required field instead
            while loc and isinstance(loc[-1], int):
                # a whole list goes, not one item: removing an item would move the rest
                # up, and every finding after it would point at its neighbour's line
                loc = loc[:-1]
            if not loc:
                return None  # the entity itself lacks a required field
            removed |= _remove(current, loc)
        if not removed:
            return None
        try:
            return model.model_validate(current)
        except ValidationError as again:
            exc = again
    return None


def _remove(data: Any, loc: Path_) -> bool:
    if not loc:
        return False
    *parents, last = loc
    node = data
    for step in parents:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    if isinstance(node, dict) and isinstance(last, str) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        del node[last]
        return True
    return False


def check(source: Source) -> Checked:
    """Validate every entity on its own, so one mistake never hides the others."""
    findings = list(source.findings)
    slips = _Slips()
    data = source.data
    result = Checked(None, findings, source)  # framework set below
    shell = {k: v for k, v in data.items() if k not in SECTIONS and k != "waivers"}
    for key in ("rules", *ROOT_SECTIONS):
        if key in shell and shell[key] is None:
            del shell[key]  # `rules:` with nothing under it yet, as a section may be
    # The head alone: validating it as a whole Framework would build every model twice.
    try:
        head = FrameworkHead.model_validate(shell)
    except ValidationError as exc:
        findings.extend(_findings_for(exc, Framework, source, (), slips))
        head = _salvage_head(shell)
    lists: dict[str, list[Any]] = {section: [] for section in (*SECTIONS, "waivers")}
    moved = result.homes = rehomed(data, source.pos)
    nested: dict[Path_, list[Path_]] = {}  # entities in a section indented into an entity
    for path in moved:
        if len(path) > 2:
            nested.setdefault(path[:2], []).append(path)

    def entity(path: Path_, raw: Any, home: str) -> None:
        model: Any = SECTION_MODELS.get(home, Waiver)
        try:
            obj = model.model_validate(raw)
        except ValidationError as exc:
            elsewhere = (raw, home) if path[0] != home else None
            findings.extend(_findings_for(exc, model, source, path, slips, elsewhere))
            obj = _salvage(model, raw, exc)
            if obj is None:
                result.dropped.append(path)
                return
            result.salvaged.add(id(obj))
        result.paths[id(obj)] = path
        lists[home].append(obj)

    for section in (*SECTIONS, "waivers"):
        raw_items = data.get(section) or []
        if not isinstance(raw_items, list):
            findings.append(
                Finding.at(
                    mark_of(source.pos, (section,)),
                    "invalid-value",
                    f"`{section}` must be a list",
                )
            )
            raw_items = []
        for i, raw in enumerate(raw_items):
            entity((section, i), raw, moved.get((section, i), section))
            for path in nested.get((section, i), []):
                inner = raw[path[2]][path[3]]
                entity(path, inner, moved[path])
    fields: dict[str, Any] = {k: getattr(head, k) for k in FrameworkHead.model_fields}
    fields.update(lists)
    result.framework = Framework.model_construct(**fields)
    result.findings = slips.drop_missing(findings)
    return result


def _salvage_head(shell: dict[str, Any]) -> FrameworkHead:
    """The root file's own fields without their invalid parts. Broken metadata (or a
    broken `rmf:`) gives way to a stand-in rather than taking `rules:` and the other
    sections down with it, so that a rule turned off stays off."""
    fixed = {**shell, "rmf": 1}
    try:
        fixed["framework"] = Metadata.model_validate(shell.get("framework"))
    except ValidationError:
        fixed["framework"] = _placeholder(shell.get("framework"))
    try:
        return FrameworkHead.model_validate(fixed)
    except ValidationError as exc:
        kept = _salvage(FrameworkHead, fixed, exc)
    if isinstance(kept, FrameworkHead):
        return kept
    return FrameworkHead.model_construct(rmf=1, framework=fixed["framework"])


def _placeholder(meta: Any) -> Metadata:
    """A stand-in for broken metadata, keeping its id and name, so that rules can run."""
    meta = meta if isinstance(meta, dict) else {}
    ident = str(meta["id"]) if isinstance(meta.get("id"), str) else "framework"
    name = meta.get("name")
    return Metadata.model_construct(
        id=ident,
        name=name if isinstance(name, str) else ident,
        client="",
        version="0.0.0",
        status="draft",
        **{
            k: None
            for k in Metadata.model_fields
            if k not in ("id", "name", "client", "version", "status")
        },
    )
