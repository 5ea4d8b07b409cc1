"""Check raw framework data against the model; every schema error becomes a located finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from rmf.core.findings import Finding
from rmf.core.suggest import closest
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
from rmf.validate.messages import describe_entity, explain, misspelt
from rmf.validate.salvage import Error, Holes, salvage, sound

__all__ = ["Checked", "Path_", "check", "find_pos", "mark_of"]


@dataclass
class Checked:
    """The model built from what was valid, and where each entity came from.

    `framework` holds every value as the model's types promise: an entity with a schema
    error keeps its valid fields, loses a broken optional one to its default, and is left
    out when a required field is broken. `partial`, what the rules check, keeps every
    entity that has a usable id, with holes where its broken fields were (`salvaged`).
    """

    framework: Framework | None
    findings: list[Finding]
    source: Source
    partial: Framework | None = None
    # id(entity object) -> its path in the raw data, e.g. ("roles", 3)
    paths: dict[int, Path_] = field(default_factory=dict)
    # id(entity object in `partial`) -> the paths, below the entity, of its broken fields
    salvaged: dict[int, Holes] = field(default_factory=dict)
    # list sections known only in part: held by an included file that could not be read,
    # or under a key of the root file that misspells them
    unread: frozenset[str] = frozenset()

    def path(self, obj: object) -> Path_:
        return self.paths[id(obj)]


# --- validation -------------------------------------------------------------------


def _findings_for(exc: ValidationError, model: Any, source: Source, base: Path_) -> list[Finding]:
    out = []
    errors = exc.errors(include_url=False)
    # `acountable:` is one mistake: its unknown-field finding says which field it meant,
    # and that field is not also reported missing
    meant: set[Path_] = set()
    for error in errors:
        rel = _loc(error)
        field = misspelt(model, rel) if error["type"] == "extra_forbidden" else None
        if field is not None:
            meant.add((*rel[:-1], field))
    for error in errors:
        rel = _loc(error)
        if error["type"] == "missing" and rel in meant:
            continue
        error["loc"] = rel
        code, message, at_key = explain(error, model, rel)
        path = base + rel
        # a missing field belongs to the mapping that lacks it
        where = describe_entity(source.data, path[:-1] if error["type"] == "missing" else path)
        mark = mark_of(source.pos, path, key=at_key)
        if error["type"] == "missing":
            mark = mark_of(source.pos, path[:-1])
        target = _target(source.data, path)
        out.append(Finding.at(mark, code, f"{where}: {message}", target=target))
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


def _errors(exc: ValidationError) -> list[Error]:
    return [(_loc(error), error["type"]) for error in exc.errors()]


def check(source: Source) -> Checked:
    """Validate every entity on its own, so one mistake never hides the others."""
    findings = list(source.findings)
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
        findings.extend(_findings_for(exc, Framework, source, ()))
        head = _salvage_head(shell)
    result.unread = source.unread | _misspelt_sections(shell, data)
    lists: dict[str, Any] = {}
    partial: dict[str, Any] = {}
    for section in (*SECTIONS, "waivers"):
        model: Any = SECTION_MODELS.get(section, Waiver)
        valid: list[Any] = []
        kept: list[Any] = []
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
            try:
                obj = model.model_validate(raw)
            except ValidationError as exc:
                findings.extend(_findings_for(exc, model, source, (section, i)))
                salvaged = salvage(model, raw, _errors(exc))
                if salvaged is None or (obj := _identified(*salvaged, raw)) is None:
                    continue  # no mapping, or no id: rules read it from the files (`written`)
                result.salvaged[id(obj)] = salvaged[1]
                shown = sound(obj, salvaged[1])
            else:
                shown = obj
            result.paths[id(obj)] = (section, i)
            kept.append(obj)
            if shown is not None:
                result.paths[id(shown)] = (section, i)
                valid.append(shown)
        lists[section] = valid
        partial[section] = kept
    fields: dict[str, Any] = {k: getattr(head, k) for k in FrameworkHead.model_fields}
    result.framework = Framework.model_construct(**fields, **lists)
    partial["waivers"] = lists["waivers"]  # a waiver is applied whole or not at all
    result.partial = Framework.model_construct(**fields, **partial)
    return result


def _misspelt_sections(shell: dict[str, Any], data: dict[str, Any]) -> frozenset[str]:
    """The list sections that the root file holds under a misspelt key, such as `rloes:`
    (a list under an unknown key is a section's, not `rules:`)."""
    unknown = (
        k for k, v in shell.items() if k not in Framework.model_fields and isinstance(v, list)
    )
    meant = {closest(str(key), SECTIONS) for key in unknown}
    return frozenset(section for section in SECTIONS if section in meant and section not in data)


def _identified(obj: Any, holes: Holes, raw: Any) -> Any | None:
    """A salvaged entity under the id written, valid or not, for rules to find it by;
    None when it has no id written as text."""
    if ("id",) not in holes:
        return obj
    ident = raw.get("id") if isinstance(raw, dict) else None
    return obj.model_copy(update={"id": ident}) if isinstance(ident, str) else None


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
        salvaged = salvage(FrameworkHead, fixed, _errors(exc))
    kept = sound(*salvaged) if salvaged is not None else None
    if kept is not None:
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
