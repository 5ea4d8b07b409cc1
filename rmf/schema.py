"""Check raw framework data against the model; every schema error becomes a located finding."""

from __future__ import annotations

import copy
import difflib
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rmf.findings import Finding, Mark
from rmf.loader import Source
from rmf.model import SECTION_MODELS, SINGULAR, Framework, FrameworkHead, Metadata, Waiver
from rmf.types import SECTIONS
from rmf.yaml_reader import Pos

Path_ = tuple[str | int, ...]
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
    # entities too broken to keep: (section, index in the raw data)
    dropped: list[tuple[str, int]] = field(default_factory=list)

    def path(self, obj: object) -> Path_:
        return self.paths[id(obj)]


def find_pos(root: Pos, path: Path_) -> tuple[Pos, Pos | None, Mark | None]:
    """Deepest position along `path`: (deepest found, exact match or None, key mark)."""
    node = root
    key_mark: Mark | None = None
    for depth, step in enumerate(path):
        nxt = node.child(step)
        if nxt is None:
            if isinstance(step, str) and depth == len(path) - 1:
                key_mark = node.key_mark(step)
            return node, None, key_mark
        key_mark = node.key_mark(step) if isinstance(step, str) else None
        node = nxt
    return node, node, key_mark


def mark_of(root: Pos, path: Path_, *, key: bool = False) -> Mark:
    """The mark for a path: its value (or its key), else the nearest enclosing entry."""
    deepest, exact, key_mark = find_pos(root, path)
    is_collection = exact is not None and (exact.keys is not None or exact.items is not None)
    if key_mark is not None and (key or is_collection):
        # a mapping or list value may start lines below its key: the key is what to show
        return key_mark
    if exact is not None:
        return exact.mark
    return deepest.mark


# --- describing where an error is ----------------------------------------------


def _describe_entity(data: dict[str, Any], path: Path_) -> str:
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
    return "the framework"


def _field_name(path: Path_) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "entry"


def _model_at(model: Any, loc: Path_) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` below `model`."""
    current: Any = model
    for step in loc:
        current = _unwrap(current)
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
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


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


def _message(error: ErrorDetails, model: Any, rel: Path_) -> tuple[str, str, bool]:
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
            close = difflib.get_close_matches(name, field_names(parent), n=1, cutoff=0.6)
            if close:
                hint = f"; did you mean `{close[0]}`?"
            else:
                hint = f"; allowed fields: {', '.join(field_names(parent))}"
        return "unknown-field", f"unknown field `{name}`{hint}", True
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        hint = ""
        if isinstance(given, str):
            close = difflib.get_close_matches(given, options, n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else ""
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


# --- validation -------------------------------------------------------------------


def _findings_for(exc: ValidationError, model: Any, source: Source, base: Path_) -> list[Finding]:
    out = []
    for error in exc.errors(include_url=False):
        rel: Path_ = tuple(error["loc"])
        code, message, at_key = _message(error, model, rel)
        path = base + rel
        # a missing field belongs to the mapping that lacks it
        where = _describe_entity(source.data, path[:-1] if error["type"] == "missing" else path)
        mark = mark_of(source.pos, path, key=at_key)
        if error["type"] == "missing":
            mark = mark_of(source.pos, path[:-1])
        target = _target(source.data, path)
        out.append(Finding.at(mark, code, f"{where}: {message}", target=target))
    return out


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
            loc = tuple(error["loc"])
            if error["type"] == "missing":
                loc = loc[:-1]  # drop the part that lacks a required field instead
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
    data = source.data
    result = Checked(None, findings, source)  # framework set below
    shell = {k: v for k, v in data.items() if k not in SECTIONS and k != "waivers"}
    # The head alone: validating it as a whole Framework would build every model twice.
    try:
        head = FrameworkHead.model_validate(shell)
    except ValidationError as exc:
        findings.extend(_findings_for(exc, Framework, source, ()))
        head = _salvage(FrameworkHead, shell, exc) or _placeholder(shell)
    lists: dict[str, list[Any]] = {}
    for section in (*SECTIONS, "waivers"):
        model: Any = SECTION_MODELS.get(section, Waiver)
        valid: list[Any] = []
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
                obj = _salvage(model, raw, exc)
                if obj is None:
                    result.dropped.append((section, i))
                    continue
                result.salvaged.add(id(obj))
            result.paths[id(obj)] = (section, i)
            valid.append(obj)
        lists[section] = valid
    fields: dict[str, Any] = {"rmf": head.rmf, "framework": head.framework, "rules": head.rules}
    fields.update(lists)
    result.framework = Framework.model_construct(**fields)
    return result


def _placeholder(shell: dict[str, Any]) -> FrameworkHead:
    """A stand-in when the metadata itself is broken, so that rules can still run."""
    meta = shell.get("framework") if isinstance(shell.get("framework"), dict) else {}
    assert isinstance(meta, dict)
    ident = str(meta["id"]) if isinstance(meta.get("id"), str) else "framework"
    return FrameworkHead.model_construct(
        rmf=1,
        framework=Metadata.model_construct(
            id=ident,
            name=str(meta.get("name", ident)),
            client="",
            version="0.0.0",
            status="draft",
            effective=None,
            owner=None,
            review=None,
            description=None,
        ),
        rules={},
    )
