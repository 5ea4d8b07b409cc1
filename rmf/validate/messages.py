"""Schema errors in plain words: what is wrong, with which entity, and what to write."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from rmf.core.suggest import closest
from rmf.core.suggest import hint as did_you_mean
from rmf.model.framework import SINGULAR
from rmf.model.refs import model_member, split_annotation
from rmf.model.types import ROOT_SECTIONS, SECTIONS
from rmf.reading.positions import Path_


def describe_entity(data: dict[str, Any], path: Path_) -> str:
    if len(path) >= 2 and path[0] in SECTIONS and isinstance(path[1], int):
        section = str(path[0])
        item = data.get(section, [])[path[1]] if isinstance(data.get(section), list) else None
        ident = item.get("id") if isinstance(item, dict) else None
        noun = SINGULAR[section]
        if isinstance(ident, str):
            return f"{noun} `{ident}`"
        return f"{noun} #{path[1] + 1} of `{section}`"
    if path and path[0] == "waivers" and len(path) >= 2 and isinstance(path[1], int):
        return f"waiver #{path[1] + 1}"
    if path and path[0] == "framework":
        return "`framework`"
    if len(path) >= 2 and path[0] == "engagement_model" and isinstance(path[1], int):
        return f"engagement_model entry #{path[1] + 1}"
    if path and path[0] in ROOT_SECTIONS:
        return f"`{path[0]}`"
    return "the framework"


def _field_name(path: Path_) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "entry"


def _model_at(model: Any, loc: Path_) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` below `model`."""
    current: Any = model
    for step in loc:
        current = split_annotation(current)[0]
        current = model_member(current) or current
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        found = None
        for name, info in current.model_fields.items():
            if step in (name, info.alias):
                found = info.annotation
        current = found
    return model_member(split_annotation(current)[0])


def field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    text = str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


_KIND_WORDS = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "string_type": "text",
    "float_type": "a number",
}


def explain(error: ErrorDetails, model: Any, rel: Path_) -> tuple[str, str, bool]:
    """(code, plain-words message, point at the key rather than the value)."""
    kind = error["type"]
    name = _field_name(rel)
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "missing-field", f"`{name}` is required", False
    if kind == "extra_forbidden":
        parent = _model_at(model, rel[:-1])
        hint = ""
        if parent is not None:
            close = closest(name, field_names(parent))
            if close is not None:
                hint = did_you_mean(close)
            else:
                hint = f"; allowed fields: {', '.join(field_names(parent))}"
        return "unknown-field", f"unknown field `{name}`{hint}", True
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        hint = ""
        if isinstance(given, str):
            hint = did_you_mean(closest(given, options))
        return (
            "invalid-value",
            f"`{name}` must be one of: {', '.join(options)} (not {_shown(given)}){hint}",
            False,
        )
    if kind == "string_pattern_mismatch":
        if name in ("version",):
            return (
                "invalid-value",
                f"`{name}` must be a semantic version such as `1.2.0` (not {_shown(given)})",
                False,
            )
        return (
            "invalid-id",
            f"{_shown(given)} is not a valid id: use lowercase letters and digits in "
            "words joined by single hyphens, starting with a letter (e.g. `business-engagement`)",
            False,
        )
    if kind == "string_too_long":
        return "invalid-id", f"an id has at most {ctx.get('max_length')} characters", False
    if kind == "string_too_short":
        return "invalid-value", f"`{name}` must not be empty", False
    if kind == "too_short":
        return "invalid-value", f"`{name}` needs at least {ctx.get('min_length', 1)} entry", False
    if kind == "string_type" and isinstance(given, list):
        return "invalid-value", f"`{name}` takes a single value, not a list", False
    if kind in _KIND_WORDS:
        extra = ""
        if kind == "int_type" and isinstance(given, str):
            extra = " — remove the quotes"
        return (
            "invalid-value",
            f"`{name}` must be {_KIND_WORDS[kind]}, not {_shown(given)}{extra}",
            False,
        )
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        limit = next(iter(ctx.values()), "")
        return "invalid-value", f"`{name}` must be {words} {limit} (not {_shown(given)})", False
    if kind.startswith("date_"):
        return "invalid-date", f"`{name}`: {error['msg']}", False
    return "invalid-value", f"`{name}` {error['msg']}", False
