"""The JSON Schema reshaped for editors and checkers: one schema per field, no unions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

# The keywords that constrain values of one type only: merged into one schema, branches
# of a union of distinct types keep their meaning, and a checker reports the one keyword
# that fails instead of every branch that did not match.
_TYPE_KEYWORDS: dict[str, frozenset[str]] = {
    "string": frozenset({"minLength", "maxLength", "pattern", "format"}),
    "integer": frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}),
    "number": frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}),
    "array": frozenset({"items", "prefixItems", "minItems", "maxItems", "uniqueItems"}),
    # a definition's keywords apply to mappings alone once its own `type` is gone
    "object": frozenset(
        {
            "$ref",
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "propertyNames",
        }
    ),
    "boolean": frozenset(),
    "null": frozenset(),
}
_ANNOTATIONS = ("title", "description", "examples")
_UNIONS = ("anyOf", "oneOf")
_ONE_SCHEMA = ("items", "additionalProperties", "propertyNames", "not", "if", "then", "else")
_MANY_SCHEMAS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs")


def _subschemas(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The schemas inside a schema (not its examples, enums or snippets)."""
    for key in _ONE_SCHEMA:
        if isinstance(node.get(key), dict):
            yield node[key]
    for key in _MANY_SCHEMAS:
        yield from (s for s in node.get(key, ()) if isinstance(s, dict))
    for key in _SCHEMA_MAPS:
        yield from (s for s in node.get(key, {}).values() if isinstance(s, dict))


def each_schema(node: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> None:
    """Apply `change` to every schema, innermost first."""
    for sub in _subschemas(node):
        each_schema(sub, change)
    change(node)


def types_of(node: dict[str, Any]) -> list[str]:
    kind = node.get("type")
    if isinstance(kind, str):
        return [kind]
    return list(kind) if isinstance(kind, list) else []


def _merge(branches: list[Any]) -> dict[str, Any] | None:
    """One schema equal to a union of branches of distinct types, or None when the
    branches share a type or a keyword that applies to all types."""
    merged: dict[str, Any] = {}
    kinds: list[str] = []
    notes: dict[str, Any] = {}
    for branch in branches:
        mine = types_of(branch) if isinstance(branch, dict) else []
        if not mine or set(mine) & set(kinds) or {"integer", "number"} <= {*mine, *kinds}:
            return None
        kinds += mine
        allowed = frozenset().union(*(_TYPE_KEYWORDS.get(t, frozenset()) for t in mine))
        for key, value in branch.items():
            if key in _ANNOTATIONS:
                notes.setdefault(key, value)
            elif key == "enum" and _beside_null_only(branches, branch):
                merged["enum"] = [*value, None]  # an enum applies to every type
            elif key != "type" and (key not in allowed or key in merged):
                return None
            elif key != "type":
                merged[key] = value
    kinds.sort(key=lambda t: t == "null")  # the type an editor offers first, null last
    return {"type": kinds[0] if len(kinds) == 1 else kinds, **merged, **notes}


def _beside_null_only(branches: list[Any], branch: dict[str, Any]) -> bool:
    return all(b is branch or b == {"type": "null"} for b in branches)


def _collapse(node: dict[str, Any]) -> None:
    for key in _UNIONS:
        if key not in node or "type" in node:
            continue
        merged = _merge(node[key])
        if merged is None:
            continue
        rest = {k: v for k, v in node.items() if k != key}
        if any(k in rest for k in merged if k not in _ANNOTATIONS):
            continue
        notes = {k: v for k, v in merged.items() if k in _ANNOTATIONS and k not in rest}
        body = {k: v for k, v in merged.items() if k not in _ANNOTATIONS}
        node.clear()
        node.update({**body, **rest, **notes})


def _drop_null_default(node: dict[str, Any]) -> None:
    # `default: null` makes an editor write `null` into every optional field it completes
    if "default" in node and node["default"] is None:
        del node["default"]


def reshape(schema: dict[str, Any]) -> None:
    """Rewrite a schema made by pydantic, in place, into the shape that editors and
    checkers read best, meaning the same.

    A reference to a definition carries `type: object` beside it and the definition none,
    so that a field that may be left empty is `type: [object, "null"]` with its `$ref`;
    every union of distinct types (an optional field, text or a mapping, text or a
    number) becomes one schema with a list of types; `default: null` goes.
    """
    defs: dict[str, Any] = schema.get("$defs", {})

    def type_refs(node: dict[str, Any]) -> None:
        if "$ref" in node and "type" not in node:
            node["type"] = "object"

    each_schema(schema, type_refs)
    for definition in defs.values():
        if definition.get("type") == "object":
            del definition["type"]
    each_schema(schema, _collapse)
    each_schema(schema, _drop_null_default)


def add_pattern_messages(schema: dict[str, Any], words: dict[str, str]) -> None:
    """`patternErrorMessage` (an extension editors show instead of the regex) for every
    pattern that has words."""

    def say(node: dict[str, Any]) -> None:
        if node.get("pattern") in words:
            node["patternErrorMessage"] = words[node["pattern"]]

    each_schema(schema, say)
