"""What can be kept of an entry with schema errors: its valid fields, and where the rest was."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from functools import cache
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from rmf.core.suggest import closest
from rmf.model.refs import FieldType, field_types
from rmf.reading.positions import Path_

M = TypeVar("M", bound=BaseModel)
# where an error is, below the mapping checked, and pydantic's type of error
Error = tuple[Path_, str]
Holes = frozenset[Path_]


def salvage(model: type[M], raw: Any, errors: Iterable[Error]) -> tuple[M, Holes] | None:
    """`raw` as a `model` built from its valid fields, and the paths of its holes: the
    fields with an error, and the field an unknown key misspells. Items of a list are
    salvaged in place, so that every later item keeps its index (and its line).

    A hole holds the field's default, else an empty list or None: rules read a hole
    only through `Context.intact`. None when `raw` is not a mapping of fields at all.
    """
    if not isinstance(raw, dict):
        return None
    by_key: dict[str | int, list[Error]] = {}
    for loc, kind in errors:
        if not loc:
            return None  # the mapping as a whole is wrong
        by_key.setdefault(loc[0], []).append((loc[1:], kind))
    fields = {f.key: f for f in field_types(model)}
    holes: set[Path_] = set()
    for key in by_key:
        meant = closest(key, fields) if isinstance(key, str) and key not in fields else None
        if meant is not None and meant not in raw:
            holes.add((meant,))  # `acountable:` says what `accountable` holds, in words unread
    values: dict[str, Any] = {}
    for key, f in fields.items():
        errs = by_key.get(key)
        if key not in raw:
            if errs is not None:
                holes.add((key,))  # a required field left out
            continue
        kept = _field(model, f, raw[key], errs)
        if kept is None:
            holes.add((key,))
            continue
        values[f.name], inner = kept
        holes.update((key, *hole) for hole in inner)
    for key, *rest in holes:
        if not rest:
            values[fields[str(key)].name] = _blank(model, fields[str(key)])
    return model.model_construct(**values), frozenset(holes)


def _field(
    model: type[BaseModel], f: FieldType, value: Any, errs: list[Error] | None
) -> tuple[Any, set[Path_]] | None:
    """A field's valid value and its holes, or None when nothing of it can be kept."""
    try:
        if errs is None:
            return _adapter(model, f.name).validate_python(value), set()
        if any(not loc for loc, _ in errs):
            return None  # the field as a whole is wrong
        if typing.get_origin(f.type) is dict and isinstance(value, dict):
            # a mapping (`rules:`) keeps its valid entries: none of them moves
            bad = {loc[0] for loc, _ in errs}
            rest = {k: v for k, v in value.items() if k not in bad}
            return _adapter(model, f.name).validate_python(rest), {(k,) for k in bad}
        if f.nested is None or f.mixed:
            return None
        if not f.many:
            kept = salvage(f.nested, value, errs)
            return (kept[0], set(kept[1])) if kept is not None else None
        if not isinstance(value, list):
            return None
        items: list[Any] = []
        holes: set[Path_] = set()
        for i, item in enumerate(value):
            mine = [(loc[1:], kind) for loc, kind in errs if loc[0] == i]
            if not mine:
                items.append(f.nested.model_validate(item))
                continue
            kept = salvage(f.nested, item, mine)
            if kept is None:
                return None  # an item that is no mapping: the whole list goes
            items.append(kept[0])
            holes.update((i, *hole) for hole in kept[1])
        return items, holes
    except ValidationError:
        return None  # not expected: the errors located are all there are


def _blank(model: type[BaseModel], f: FieldType) -> Any:
    """What a hole holds: the field's default; an empty list or None for a required field."""
    info = model.model_fields[f.name]
    if not info.is_required():
        return info.get_default(call_default_factory=True)
    return [] if f.many else None


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Validates one field of `model` alone, as the model would."""
    info = model.model_fields[name]
    if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
        return TypeAdapter(info.annotation)  # strict or not by its own config
    strict = bool(model.model_config.get("strict", False))
    # its constraints (`ge=1`, `min_length=1`) without the field's alias and description
    field: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(field, config=ConfigDict(strict=strict))


def sound(obj: M, holes: Holes) -> M | None:
    """`obj` as its model's types promise: each hole that does not hold its field's
    default takes the whole field of the entry back to its default. None when such a
    field is required: the entry cannot be shown."""
    update: dict[str, Any] = {}
    for hole in holes:
        if _defaulted(obj, hole):
            continue
        top = _named(type(obj), hole[0])
        info = type(obj).model_fields[top.name]
        if info.is_required():
            return None
        update[top.name] = info.get_default(call_default_factory=True)
    return obj.model_copy(update=update) if update else obj


def _defaulted(obj: BaseModel, hole: Path_) -> bool:
    """Whether the hole's own field has a default, which it then holds."""
    node: Any = obj
    for step in hole[:-1]:
        if isinstance(step, int):
            node = node[step]
        elif isinstance(node, BaseModel):
            node = getattr(node, _named(type(node), step).name)
    if not isinstance(node, BaseModel):
        return True  # an entry of a mapping, left out
    return not type(node).model_fields[_named(type(node), hole[-1]).name].is_required()


def _named(model: type[BaseModel], key: str | int) -> FieldType:
    return next(f for f in field_types(model) if f.key == key)
