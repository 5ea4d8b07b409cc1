"""Check raw framework data against the model; every schema error becomes a located finding."""

from __future__ import annotations

from collections.abc import Iterator
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
from rmf.reading.overlay import OVERRIDE
from rmf.reading.positions import Path_, find_pos, mark_of
from rmf.validate.messages import describe_entity, describe_moved, explain, misspelt
from rmf.validate.misplaced import Misplaced, misplaced, rehomed, value_at
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
    # (and of its fields written indented into another mapping, `slipped`)
    salvaged: dict[int, Holes] = field(default_factory=dict)
    # list sections known only in part: held by an included file that could not be read,
    # or under a key of the root file that misspells them
    unread: frozenset[str] = frozenset()
    # entities that stand in another section's list, because that section's name is
    # indented into the entity above them: their path -> the section they belong to
    homes: dict[Path_, str] = field(default_factory=dict)
    # keys indented into a mapping that does not have them as fields, by where each
    # belongs (its path in the mapping that has it, e.g. ("processes", 0, "principles"))
    # -> where it is written (("processes", 0, "steps", 2, "principles"))
    slipped: dict[Path_, Path_] = field(default_factory=dict)
    _entry_list: list[tuple[str, Path_, Any]] | None = field(default=None, repr=False)

    def path(self, obj: object) -> Path_:
        return self.paths[id(obj)]

    def section_of(self, path: Path_) -> str:
        """The section that the entity at `path` in the raw data belongs to."""
        return self.homes.get(path, str(path[0]))

    def entries(self) -> Iterator[tuple[str, Path_, Any]]:
        """(section, path, entry as written) of every entry of the list sections, each
        under the section it belongs to (see `_entries`); worked out once."""
        if self._entry_list is None:
            self._entry_list = list(self._entries())
        return iter(self._entry_list)

    def _entries(self) -> Iterator[tuple[str, Path_, Any]]:
        """(section, path, entry as written) of every entry of the list sections and of
        `waivers`, in the order written, each under the section it belongs to: an entity
        in the list of a section whose name is indented into the entity above it
        (`("governance", 3)`, or `("governance", 2, "policies", 0)` when the section's
        items are indented with it) is that section's."""
        nested: dict[Path_, list[Path_]] = {}
        for path in self.homes:
            if len(path) > 2:
                nested.setdefault(path[:2], []).append(path)
        data = self.source.data
        for section in (*SECTIONS, "waivers"):
            items = data.get(section)
            for i, raw in enumerate(items if isinstance(items, list) else []):
                yield self.section_of((section, i)), (section, i), raw
                for path in nested.get((section, i), []):
                    yield self.homes[path], path, raw[path[2]][path[3]]


# --- validation -------------------------------------------------------------------


@dataclass
class _Slips:
    """Keys at the wrong indentation, and where each belongs: a field written there
    but indented as if elsewhere is not missing, and only the key's finding says so."""

    belongs: dict[Path_, Path_] = field(default_factory=dict)  # as `Checked.slipped`
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
    # a key indented into the wrong mapping is one mistake: its finding says where it
    # belongs, and it is not also missing there (nor taken for a misspelling)
    slipped: dict[Path_, Misplaced] = {}
    for error in errors if moved is None else ():
        rel = _loc(error)
        found = None
        if error["type"] == "extra_forbidden":
            found = misplaced(source.data, source.pos, base + rel)
        if found is not None:
            slipped[rel] = found
            slips.belongs[(*found.home, str(rel[-1]))] = base + rel
    # `acountable:` is one mistake: its unknown-field finding says which field it meant,
    # and that field is not also reported missing
    meant: set[Path_] = set()
    for error in errors:
        rel = _loc(error)
        field = misspelt(model, rel) if error["type"] == "extra_forbidden" else None
        if field is not None and rel not in slipped:
            meant.add((*rel[:-1], field))
    left_out = _left_out(errors, meant, slips, base) if _redefines(source, base) else []
    if left_out:
        out.append(_incomplete(source, base, left_out))
    for error in errors:
        rel = _loc(error)
        if error["type"] == "missing" and (rel in meant or rel in left_out):
            continue
        error["loc"] = rel
        code, message, at_key = explain(error, model, rel)
        path = base + rel
        if rel in slipped:
            message = slipped[rel].message
        # a missing field belongs to the mapping that lacks it
        where = describe_entity(source.data, path[:-1] if error["type"] == "missing" else path)
        target = _target(source.data, path)
        if moved is not None:
            where = describe_moved(moved[0], base, moved[1])
            target = _ident(moved[0])
        mark = mark_of(source.pos, path, key=at_key)
        if error["type"] == "missing":
            mark = mark_of(source.pos, path[:-1])
        out.append(Finding.at(mark, code, f"{where}: {message}", target=target))
        if error["type"] == "missing":
            slips.missing.append((path, out[-1]))
    return out


def _redefines(source: Source, path: Path_) -> bool:
    """Whether the entity at `path` is the client's full redefinition of a base entity."""
    if len(path) != 2 or not isinstance(path[1], int):
        return False
    place = (str(path[0]), path[1])
    return source.origins.get(place) == OVERRIDE and place not in source.overridden


def _left_out(
    errors: list[ErrorDetails], meant: set[Path_], slips: _Slips, base: Path_
) -> list[Path_]:
    """The required fields of an entity that it leaves out (not misspelt, not indented
    astray)."""
    return [
        rel
        for error in errors
        if error["type"] == "missing"
        and len(rel := _loc(error)) == 1
        and rel not in meant
        and (*base, *rel) not in slips.belongs
    ]


def _incomplete(source: Source, path: Path_, left_out: list[Path_]) -> Finding:
    """One finding for a redefinition that leaves out required fields: most likely meant
    as an override of the fields it writes."""
    raw = value_at(source.data, path)
    ident = _ident(raw)
    written = [f"`{k}`" for k in (raw if isinstance(raw, dict) else {}) if k != "id"]
    missing = ", ".join(f"`{rel[0]}`" for rel in left_out)
    change = f"only {_words(written)}" if written else "single fields"
    message = (
        f"{describe_entity(source.data, path)} has the id of a base entity, so it replaces "
        f"that entity whole, and leaves out {missing}; to change {change} of the base's, "
        f"write this entry under `override:` instead of `{path[0]}:`"
    )
    return Finding.at(mark_of(source.pos, path), "redefinition-incomplete", message, target=ident)


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _loc(error: ErrorDetails) -> Path_:
    """Where an error is, in the data: without the tags that say which form of a
    text-or-mapping field was read."""
    return tuple(p for p in error["loc"] if p not in (TEXT_FORM, MAPPING_FORM))


def _target(data: dict[str, Any], path: Path_) -> str | None:
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        section = data.get(str(path[0]))
        if isinstance(section, list) and path[1] < len(section):
            return _ident(section[path[1]])
    return None


def _ident(raw: Any) -> str | None:
    """The id written in an entry, if it is text."""
    ident = raw.get("id") if isinstance(raw, dict) else None
    return ident if isinstance(ident, str) else None


def _errors(exc: ValidationError) -> list[Error]:
    return [(_loc(error), error["type"]) for error in exc.errors()]


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
    result.unread = source.unread | _misspelt_sections(shell, data)
    for section in (*SECTIONS, "waivers"):
        if not isinstance(data.get(section) or [], list):
            findings.append(
                Finding.at(
                    mark_of(source.pos, (section,)),
                    "invalid-value",
                    f"`{section}` must be a list",
                )
            )
    result.homes = rehomed(data, source.pos)
    lists: dict[str, Any] = {section: [] for section in (*SECTIONS, "waivers")}
    partial: dict[str, Any] = {section: [] for section in (*SECTIONS, "waivers")}
    kept: dict[Path_, Any] = {}  # the entities in `partial`, by their path
    for section, path, raw in result.entries():
        model: Any = SECTION_MODELS.get(section, Waiver)
        try:
            obj = model.model_validate(raw)
        except ValidationError as exc:
            elsewhere = (raw, section) if path[0] != section else None
            findings.extend(_findings_for(exc, model, source, path, slips, elsewhere))
            salvaged = salvage(model, raw, _errors(exc))
            if salvaged is None or (obj := _identified(*salvaged, raw)) is None:
                continue  # no mapping, or no id: rules read it from the files (`written`)
            result.salvaged[id(obj)] = salvaged[1]
            shown = sound(obj, salvaged[1])
        else:
            shown = obj
        result.paths[id(obj)] = path
        kept[path] = obj
        partial[section].append(obj)
        if shown is not None:
            result.paths[id(shown)] = path
            lists[section].append(shown)
    fields: dict[str, Any] = {k: getattr(head, k) for k in FrameworkHead.model_fields}
    result.framework = Framework.model_construct(**fields, **lists)
    partial["waivers"] = lists["waivers"]  # a waiver is applied whole or not at all
    result.partial = Framework.model_construct(**fields, **partial)
    result.findings = slips.drop_missing(findings)
    result.slipped = slips.belongs
    _slipped_holes(result, kept)
    return result


def _slipped_holes(result: Checked, kept: dict[Path_, Any]) -> None:
    """A field written indented into another mapping is a hole where it belongs: rules
    leave alone what they would read there, since its finding says it all (and the
    rules that count what entities write read it where it is written, `written`)."""
    for belongs in result.slipped:
        owners = [path for path in kept if belongs[: len(path)] == path]
        if not owners:
            continue  # a top-level key, or a field of `framework`
        entity = max(owners, key=len)
        obj = kept[entity]
        hole = belongs[len(entity) :]
        result.salvaged[id(obj)] = result.salvaged.get(id(obj), frozenset()) | {hole}


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
