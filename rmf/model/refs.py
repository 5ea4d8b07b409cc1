"""Every reference in a model object or in raw data (from the `Ref` marks), every id declared."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from rmf.model.types import SECTIONS, Ref

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """How to find references in one field: directly, in a list, or in nested models."""

    name: str  # attribute name
    key: str  # YAML key (alias where there is one)
    ref: Ref | None
    many: bool
    nested: type[BaseModel] | None


def split_annotation(tp: Any) -> tuple[Any, list[Any]]:
    """The bare type and the Annotated metadata collected on the way down."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            tp, meta = args[0], [*meta, *args[1:]]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp, meta
            tp = members[0]
        else:
            return tp, meta


def model_member(tp: Any) -> type[BaseModel] | None:
    """The model class a type holds: itself, or the one model of a text-or-mapping union."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        found = [split_annotation(a)[0] for a in typing.get_args(tp)]
        models = [m for m in found if isinstance(m, type) and issubclass(m, BaseModel)]
        return models[0] if len(models) == 1 else None
    return None


@dataclass(frozen=True, slots=True)
class FieldType:
    """A model field's type laid bare: the item type, whether it is a list of them, its
    metadata (a Ref among it), and the nested model class when there is one. `mixed` is
    true for a field written either as text or as a mapping of the nested model."""

    name: str
    key: str
    type: Any
    many: bool
    ref: Ref | None
    nested: type[BaseModel] | None
    mixed: bool = False


@cache
def field_types(model: type[BaseModel]) -> tuple[FieldType, ...]:
    """Every field of a model class, in field order (computed once per class)."""
    out = []
    for name, info in model.model_fields.items():
        tp, meta = split_annotation(info.annotation)
        meta = [*meta, *info.metadata]
        many = typing.get_origin(tp) is list
        if many:
            tp, inner = split_annotation(typing.get_args(tp)[0])
            meta = [*meta, *inner]
        ref = next((m for m in meta if isinstance(m, Ref)), None)
        nested = model_member(tp)
        mixed = nested is not None and nested is not tp
        out.append(FieldType(name, info.alias or name, tp, many, ref, nested, mixed))
    return tuple(out)


@cache
def plan(model: type[BaseModel]) -> tuple[FieldPlan, ...]:
    """The reference-bearing fields of a model class (computed once per class)."""
    plans = []
    for f in field_types(model):
        name, ref, many, nested = f.name, f.ref, f.many, f.nested
        if ref is not None or (nested is not None and _has_refs(nested)):
            plans.append(FieldPlan(name, f.key, ref, many, nested))
    return tuple(plans)


def _has_refs(model: type[BaseModel]) -> bool:
    return bool(plan(model))


def iter_refs(obj: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, Ref]]:
    """Every (location, id, Ref) in `obj`; locations use YAML keys and list indices."""
    for fp in plan(type(obj)):
        value = getattr(obj, fp.name)
        if value is None:
            continue
        if fp.ref is not None and fp.ref.unless and getattr(obj, fp.ref.unless, False):
            continue
        values = list(enumerate(value)) if fp.many else [(None, value)]
        for index, item in values:
            here = (*loc, fp.key) if index is None else (*loc, fp.key, index)
            if fp.nested is not None:
                if isinstance(item, BaseModel):  # not the text form of a mixed field
                    yield from iter_refs(item, here)
            elif fp.ref is not None:
                yield here, item, fp.ref


def raw_refs(model: type[BaseModel], data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, Ref]]:
    """Every (location, id, Ref) in raw data read as `model`, valid or not: the fields that
    `iter_refs` finds in a validated model, found in the data as written. A value where a
    reference stands that is not text, and a field whose `unless` sibling is anything
    but absent or false (it may be free text), are left out."""
    if not isinstance(data, dict):
        return
    for fp in plan(model):
        value = data.get(fp.key)
        if value is None:
            continue
        if fp.ref is not None and fp.ref.unless and data.get(fp.ref.unless) not in (None, False):
            continue
        if fp.many and not isinstance(value, list):
            continue
        values = list(enumerate(value)) if fp.many else [(None, value)]
        for index, item in values:
            here = (*loc, fp.key) if index is None else (*loc, fp.key, index)
            if fp.nested is not None:
                yield from raw_refs(fp.nested, item, here)
            elif fp.ref is not None and isinstance(item, str):
                yield here, item, fp.ref


def declarations(data: Any) -> Iterator[tuple[str, Loc, str]]:
    """(section, location, id) of every mapping in raw framework data that declares an id
    of the framework-wide namespace: entities of every section, and the incumbents of
    roles (as section `incumbents`), in the order written."""
    if not isinstance(data, dict):
        return
    for section in SECTIONS:
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("id"), str):
                yield section, (section, i), item["id"]
            seats = item.get("incumbents") if section == "roles" else None
            for j, seat in enumerate(seats if isinstance(seats, list) else []):
                if isinstance(seat, dict) and isinstance(seat.get("id"), str):
                    yield "incumbents", (section, i, "incumbents", j), seat["id"]
