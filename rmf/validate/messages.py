"""Schema errors in plain words: what is wrong, with which entity, and what to write."""

from __future__ import annotations

import re
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from rmf.core.suggest import closest
from rmf.core.suggest import hint as did_you_mean
from rmf.model.framework import SINGULAR
from rmf.model.refs import model_member, split_annotation
from rmf.model.types import ID_WORDS, ROOT_SECTIONS, SECTIONS, SEMVER_WORDS
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


def describe_moved(raw: Any, entity: Path_, section: str) -> str:
    """An entity of `section` that stands in another's list, at `entity`, in words."""
    ident = raw.get("id") if isinstance(raw, dict) else None
    noun = SINGULAR.get(section, "waiver")
    if isinstance(ident, str):
        return f"{noun} `{ident}`"
    return f"{noun} #{int(entity[-1]) + 1} of `{entity[-2]}`"


def _field_name(path: Path_) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "entry"


def model_at(model: Any, loc: Path_) -> type[BaseModel] | None:
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


@cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys a mapping of `model` may hold, as written in files."""
    return tuple(info.alias or name for name, info in model.model_fields.items())


def misspelt(model: Any, rel: Path_) -> str | None:
    """The field that the unknown key at `rel` below `model` most likely misspells."""
    parent = model_at(model, rel[:-1])
    if parent is None or not rel or not isinstance(rel[-1], str):
        return None
    return closest(rel[-1], field_names(parent))


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
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "string_type": "text",
    "float_type": "a number",
}

_WORDS = {  # numbers written as words, as people write a quorum
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "  # noqa: SIM905
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}


_FRACTIONS = ("allocation", "fte")  # shares of one position: 0 < x ≤ 1
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([, \u00a0\u202f]\d{3})+(\.\d+)?$")
_UNIT = re.compile(r"^[$€£]?\s*([+-]?[\d.,]+)\s*([A-Za-z%$€£ ./]*)$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")


def _plain(number: float) -> str:
    return f"{number:g}" if abs(number) < 1e15 else str(number)


def value_advice(name: str, given: Any) -> str:
    """What to write instead of a value that is not the number or date a field takes:
    `40%`, `three`, `2,500,000`, `12 months`, `31/12/2026`. Empty when nothing fits."""
    if not isinstance(given, str):
        return ""
    text = given.strip()
    fraction = name in _FRACTIONS
    if _NUMBER.match(text):
        return " — write it without quotes, as a number"
    if text.lower() in _WORDS:
        return f" — write it in digits: `{_WORDS[text.lower()]}`"
    if text.endswith("%") and _NUMBER.match(text[:-1].strip()):
        value = float(text[:-1])
        if fraction:
            return f" — write `{_plain(value / 100)}` (a share of one position: 1 is all of it)"
        return f" — write `{_plain(value)}` without the percent sign"
    if _GROUPED.match(text):
        digits = re.sub(r"[, \u00a0\u202f]", "", text)
        return f" — write `{digits}`, without separators between thousands"
    unit = _UNIT.match(text)
    marked = unit and (unit.group(2).strip() or text[:1] in "$€£")
    if unit and marked and re.search(r"\d", unit.group(1)):
        digits = re.sub(r"[, ]", "", unit.group(1))
        if _NUMBER.match(digits):
            return f" — write the number alone, `{digits}`; the unit goes in the indicator's `unit`"
    day_first = _DMY.match(text)
    if day_first:
        first, second, year = (int(g) for g in day_first.groups())
        if first > 12 and second <= 12:
            return f" — write `{year:04d}-{second:02d}-{first:02d}` (YYYY-MM-DD)"
        if second > 12 and first <= 12:
            return f" — write `{year:04d}-{first:02d}-{second:02d}` (YYYY-MM-DD)"
        return (
            f" — write it as YYYY-MM-DD: `{year:04d}-{second:02d}-{first:02d}` if "
            f"{first} is the day, `{year:04d}-{first:02d}-{second:02d}` if it is the month"
        )
    year_first = _YMD.match(text)
    if year_first:
        year, month, day = (int(g) for g in year_first.groups())
        return f" — write `{year:04d}-{month:02d}-{day:02d}` (YYYY-MM-DD)"
    return ""


def explain(error: ErrorDetails, model: Any, rel: Path_) -> tuple[str, str, bool]:
    """(code, plain-words message, point at the key rather than the value)."""
    kind = error["type"]
    name = _field_name(rel)
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "missing-field", f"`{name}` is required", False
    if kind == "extra_forbidden":
        parent = model_at(model, rel[:-1])
        hint = ""
        if parent is not None:
            close = misspelt(model, rel)
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
                f"`{name}` must be {SEMVER_WORDS} (not {_shown(given)})",
                False,
            )
        return (
            "invalid-id",
            f"{_shown(given)} is not a valid id: use {ID_WORDS}",
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
        numeric = ("int_type", "int_parsing", "float_type", "float_parsing")
        extra = value_advice(name, given) if kind in numeric else ""
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
        return "invalid-date", f"`{name}`: {error['msg']}{value_advice(name, given)}", False
    if kind == "number_type":
        return "invalid-value", f"`{name}` {error['msg']}{value_advice(name, given)}", False
    return "invalid-value", f"`{name}` {error['msg']}", False
