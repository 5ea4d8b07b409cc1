"""The JSON Schema of `override:` entries: an entity of any section, every field optional,
a list also changed with `{append, remove}`, `null` to drop the base's value."""

from __future__ import annotations

import copy
from typing import Any

from rmf.model.framework import SECTION_MODELS
from rmf.model.types import SECTIONS
from rmf.reading.override import APPEND, OVERRIDE_KEY, REMOVE
from rmf.validate.schema_shape import types_of

CHANGE = "Change"  # suffix of the definitions an override entry uses
ENTRY = "Override"


def _ref(name: str) -> str:
    return f"#/$defs/{name}"


def _def_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _loose(prop: dict[str, Any], wanted: list[str]) -> dict[str, Any]:
    """A field as an override writes it: `null` too, a mapping in part (its definition's
    override form, named in `wanted`), a list whole or as `{remove, append}`: one schema
    whose array and mapping keywords each apply to their own type."""
    out = copy.deepcopy(prop)
    for key in ("default", "examples", "description"):  # the full definition has them
        out.pop(key, None)
    if "$ref" in out:
        name = _def_name(out["$ref"])
        out["$ref"] = _ref(name + CHANGE)
        if name not in wanted:
            wanted.append(name)
    kinds = types_of(out)
    if kinds and "null" not in kinds:
        kinds = [*kinds, "null"]
    if "enum" in out and None not in out["enum"]:
        out["enum"] = [*out["enum"], None]
    if "array" in kinds and "object" not in kinds:
        kinds.insert(kinds.index("array") + 1, "object")
        out["properties"] = {
            REMOVE: {"type": "array", "items": {"type": ["string", "number"]}},
            APPEND: {"type": "array", "items": copy.deepcopy(out.get("items", {}))},
        }
        out["additionalProperties"] = False
        out["minProperties"] = 1
    if kinds:
        out["type"] = kinds
    return out


def _either(one: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """A field that sections write differently (`unit`, `owner` …): any of their types."""
    kinds = list(dict.fromkeys([*types_of(one), *types_of(other)]))
    return {"title": one.get("title", ""), "type": kinds}


def _change(definition: dict[str, Any], wanted: list[str]) -> dict[str, Any]:
    out = {k: copy.deepcopy(v) for k, v in definition.items() if k not in ("required",)}
    out["properties"] = {k: _loose(v, wanted) for k, v in definition.get("properties", {}).items()}
    return out


def add_override(schema: dict[str, Any], props: dict[str, Any]) -> None:
    """The `override` section and the definitions it uses, in place."""
    defs: dict[str, Any] = schema["$defs"]
    wanted: list[str] = []
    fields: dict[str, Any] = {}
    for section in SECTIONS:
        definition = defs[SECTION_MODELS[section].__name__]
        for name, prop in definition.get("properties", {}).items():
            loose = _loose(prop, wanted)
            fields[name] = (
                loose if fields.get(name, loose) == loose else _either(fields[name], loose)
            )
    done = 0
    while done < len(wanted):  # the override forms of mappings within mappings, too
        name = wanted[done]
        defs[name + CHANGE] = _change(defs[name], wanted)
        done += 1
    fields["id"] = {**copy.deepcopy(defs["Unit"]["properties"]["id"]), "title": "Id"}
    fields["id"]["description"] = "Id of the base entity to change, in whichever section."
    defs[ENTRY] = {
        "title": "Override",
        "description": "Changes single fields of the base entity with this `id`: the fields "
        "written replace the base's, a mapping is merged key by key, a list is replaced "
        "whole or changed with `{remove: [...], append: [...]}`, and `null` drops the base's "
        "value.",
        "required": ["id"],
        "properties": fields,
        "additionalProperties": False,
    }
    props[OVERRIDE_KEY] = {
        "title": "Override",
        "description": "Changes to single fields of base entities (needs `extends`); may stand "
        "in any file of the framework.",
        "type": ["array", "null"],
        "items": {"$ref": _ref(ENTRY), "type": "object"},
    }
    schema.setdefault("dependentRequired", {})[OVERRIDE_KEY] = ["extends"]
    schema["dependentRequired"]["exclude"] = ["extends"]


def is_change(name: str) -> bool:
    """Whether a definition is an override's form of another."""
    return name.endswith(CHANGE)
