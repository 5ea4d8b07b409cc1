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


def _marker(items: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "description": f"Changes the base's list: `{REMOVE}` takes out the entries named (by "
        f"id, role or text), then `{APPEND}` adds entries.",
        "properties": {
            APPEND: {"type": "array", "items": copy.deepcopy(items or {})},
            REMOVE: {"type": "array", "items": {"type": ["string", "number"]}},
        },
        "additionalProperties": False,
        "minProperties": 1,
    }


def _loose(prop: dict[str, Any]) -> dict[str, Any]:
    """A field as an override writes it: `null` too, a mapping in part, a list changed."""
    out = copy.deepcopy(prop)
    for key in ("default", "examples", "description"):  # the full definition has them
        out.pop(key, None)
    for union in ("anyOf", "oneOf"):
        if union in out:
            out[union] = [_loose(branch) for branch in out[union]]
    if "$ref" in out:
        out["$ref"] = out["$ref"] + CHANGE
    kinds = types_of(out)
    if kinds and "null" not in kinds:
        out["type"] = [*kinds, "null"]
    if "enum" in out and None not in out["enum"]:
        out["enum"] = [*out["enum"], None]
    if "array" not in kinds:
        return out
    notes: dict[str, Any] = {k: out.pop(k) for k in ("title",) if k in out}
    return {**notes, "anyOf": [out, _marker(out.get("items"))]}


def _change(definition: dict[str, Any]) -> dict[str, Any]:
    out = {k: copy.deepcopy(v) for k, v in definition.items() if k != "required"}
    out["properties"] = {k: _loose(v) for k, v in definition.get("properties", {}).items()}
    return out


def add_override(schema: dict[str, Any], props: dict[str, Any]) -> None:
    """The `override` section and the definitions it uses, in place."""
    defs: dict[str, Any] = schema["$defs"]
    for name in list(defs):
        defs[name + CHANGE] = _change(defs[name])
    sections = [SECTION_MODELS[s].__name__ for s in SECTIONS]
    defs[ENTRY] = {
        "title": "Override",
        "description": "Changes single fields of the base entity with this `id`: the fields "
        "written replace the base's, a mapping is merged key by key, a list is replaced "
        "whole or changed with `{remove: [...], append: [...]}`, and `null` drops the base's "
        "value.",
        "type": "object",
        "required": ["id"],
        "properties": {"id": copy.deepcopy(defs[sections[0]]["properties"]["id"])},
        "anyOf": [{"$ref": _ref(name + CHANGE)} for name in sections],
    }
    defs[ENTRY]["properties"]["id"]["description"] = "Id of the base entity to change."
    props[OVERRIDE_KEY] = {
        "title": "Override",
        "description": "Changes to single fields of base entities (needs `extends`); may stand "
        "in any file of the framework.",
        "type": ["array", "null"],
        "items": {"$ref": _ref(ENTRY)},
    }
    schema.setdefault("dependentRequired", {})[OVERRIDE_KEY] = ["extends"]
    schema["dependentRequired"]["exclude"] = ["extends"]


def is_change(name: str) -> bool:
    """Whether a definition is an override's form of another."""
    return name.endswith(CHANGE)
