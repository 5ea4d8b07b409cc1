"""Compare two versions of one entity field by field, grading each change major/minor/patch."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from rmf.model import Competency, Contact, DecisionRight, Member, Responsibility, Step, Waiver
from rmf.types import Ref


class Grade(StrEnum):
    """How much a change matters to those who rely on the framework (semver terms)."""

    PATCH = "patch"  # wording
    MINOR = "minor"  # adds
    MAJOR = "major"  # removes or weakens something others rely on

    @property
    def rank(self) -> int:
        return ("patch", "minor", "major").index(self.value)


def highest(grades: typing.Iterable[Grade]) -> Grade | None:
    return max(grades, key=lambda g: g.rank, default=None)


@dataclass(frozen=True)
class FieldChange:
    """One field of an entity changed: `old` is None when added, `new` None when removed."""

    field: str
    old: str | None
    new: str | None
    grade: Grade
    note: str = ""


Kind = Literal["model", "models", "refs", "texts", "ref", "value"]


@dataclass(frozen=True)
class Shape:
    """What a field holds, as far as comparing it goes."""

    kind: Kind
    model: type[BaseModel] | None = None
    options: tuple[str, ...] = ()


def _split(tp: Any) -> tuple[Any, list[Any]]:
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


@cache
def shapes(model: type[BaseModel]) -> tuple[tuple[str, str, Shape], ...]:
    """(attribute, YAML key, shape) of every field of a model, in field order."""
    out = []
    for name, info in model.model_fields.items():
        tp, meta = _split(info.annotation)
        meta = [*meta, *info.metadata]
        many = typing.get_origin(tp) is list
        if many:
            tp, inner = _split(typing.get_args(tp)[0])
            meta = [*meta, *inner]
        is_ref = any(isinstance(m, Ref) for m in meta)
        nested = tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None
        options = tuple(typing.get_args(tp)) if typing.get_origin(tp) is Literal else ()
        kind: Kind
        if nested is not None:
            kind = "models" if many else "model"
        elif many:
            kind = "refs" if is_ref else "texts"
        else:
            kind = "ref" if is_ref else "value"
        out.append((name, info.alias or name, Shape(kind, nested, options)))
    return tuple(out)


# --- showing values ----------------------------------------------------------------


def show(value: Any) -> str:
    """A value as the YAML author wrote it: `true`, `85`, `2026-01-01`, text as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return ", ".join(
            f"{k}: {show(getattr(value, n))}"
            for n, k, _ in shapes(type(value))
            if getattr(value, n) not in (None, [], False)
        )
    return str(value)


# --- keys of list items ----------------------------------------------------------------

# A list of mappings is matched by what identifies an item, never by position.
KEYS: dict[type[BaseModel], Callable[[Any], str]] = {
    Member: lambda m: m.role,
    Step: lambda s: s.id,
    Responsibility: lambda r: r.text,
    DecisionRight: lambda d: d.decision,
    Contact: lambda c: c.with_,
    Competency: lambda c: f"{c.framework} {c.code}",
    Waiver: lambda w: f"{w.rule} {w.target}",
}
REWORDABLE = (Responsibility, DecisionRight)  # keyed by their text: a new text may be a reword
ORDERED = ("steps",)  # lists whose order is part of the meaning


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def pair_rewords(removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """Pairs (old, new) of texts similar enough to be the same item reworded."""
    scored = sorted(
        (
            (-difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), i, j)
            for i, a in enumerate(removed)
            for j, b in enumerate(added)
        ),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if -score < 0.6:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((removed[i], added[j]))
    return pairs


# --- grading rules ------------------------------------------------------------------

FREQUENT = (
    "continuous",
    "weekly",
    "biweekly",
    "monthly",
    "bimonthly",
    "quarterly",
    "per-term",
    "semiannual",
    "annual",
    "biennial",
    "as-needed",
)
# Options from strongest to weakest: moving down the list weakens a commitment.
STRENGTH: dict[tuple[str, ...], tuple[str, ...]] = {
    ("approve", "recommend", "endorse", "advise", "inform"): (
        "approve",
        "recommend",
        "endorse",
        "advise",
        "inform",
    ),
    ("consensus", "majority", "two-thirds", "chair-decides"): (
        "consensus",
        "two-thirds",
        "majority",
        "chair-decides",
    ),
    ("strategic", "core", "transactional"): ("strategic", "core", "transactional"),
}
# Numbers where less is weaker, and facts that only record a measurement.
MORE_IS_STRONGER = {"quorum", "positions", "allocation", "maturity.target"}
FACTS = {"baseline", "maturity.current"}
MEANING = {"direction", "unit", "external"}  # a change of these changes what the rest means
# Lists where dropping an item only trims a description.
DESCRIPTIVE = {
    "implications",
    "messages",
    "activities",
    "inputs",
    "education",
    "experience",
    "knowledge",
    "skills",
    "certifications",
    "language",
}
NARROWING = {"scope.out"}  # adding to these takes something away


@dataclass(frozen=True)
class Context:
    """What grading a field may need: the entity on both sides, and renamed ids."""

    old: BaseModel
    new: BaseModel
    renames: Mapping[str, str]


def _relaxed(old: float, new: float, direction: str) -> bool:
    return new < old if direction == "higher-is-better" else new > old


def grade_value(path: str, shape: Shape, old: Any, new: Any, ctx: Context) -> tuple[Grade, str]:
    """Grade of a changed single value, and a note that says what it means."""
    leaf = path.rsplit(".", 1)[-1]
    if old is None or new is None:
        if shape.kind == "value" and isinstance(old or new, str) and not shape.options:
            return Grade.PATCH, ""
        if path in FACTS or leaf in FACTS:
            return Grade.PATCH, ""
        return (Grade.MINOR, "added") if old is None else (Grade.MAJOR, "removed")
    if shape.kind == "ref" or leaf in MEANING:
        return Grade.MAJOR, "moved" if shape.kind == "ref" else "meaning changed"
    if shape.options:
        if set(shape.options) == set(FREQUENT):
            weaker = FREQUENT.index(new) > FREQUENT.index(old)
            return (Grade.MAJOR, "less often") if weaker else (Grade.MINOR, "more often")
        order = STRENGTH.get(shape.options)
        if order is not None:
            weaker = order.index(new) > order.index(old)
            return (Grade.MAJOR, "weakened") if weaker else (Grade.MINOR, "strengthened")
        return Grade.MINOR, ""
    if isinstance(old, bool):
        if leaf == "voting":
            return (Grade.MAJOR, "no longer votes") if old else (Grade.MINOR, "now votes")
        return Grade.MINOR, ""
    if isinstance(old, int | float):
        if path in FACTS or leaf in FACTS:
            return Grade.PATCH, ""
        if path in MORE_IS_STRONGER or leaf in MORE_IS_STRONGER:
            return (Grade.MAJOR, "lowered") if new < old else (Grade.MINOR, "raised")
        if leaf in ("target", "red", "amber"):
            direction = str(getattr(ctx.new, "direction", "higher-is-better"))
            if _relaxed(float(old), float(new), direction):
                return Grade.MAJOR, "relaxed"
            return Grade.MINOR, "tightened"
        return Grade.MINOR, ""
    if isinstance(old, date):
        if leaf == "review_by" and new > old:
            return Grade.MAJOR, "review postponed"
        return Grade.MINOR, ""
    return Grade.PATCH, ""


# --- comparing ------------------------------------------------------------------------


def diff_fields(
    model: type[BaseModel], old: Any, new: Any, ctx: Context, prefix: str = ""
) -> Iterator[FieldChange]:
    """Every changed field between two versions of a model (either may be None)."""
    for name, key, shape in shapes(model):
        a = getattr(old, name) if old is not None else None
        b = getattr(new, name) if new is not None else None
        path = f"{prefix}{key}"
        if shape.kind == "ref" and a is not None:
            a = ctx.renames.get(a, a)
        if shape.kind == "refs" and a is not None:
            a = [ctx.renames.get(x, x) for x in a]
        if a == b:
            continue
        if shape.kind == "model":
            assert shape.model is not None
            yield from diff_fields(shape.model, a, b, ctx, f"{path}.")
        elif shape.kind == "models":
            assert shape.model is not None
            yield from diff_items(shape.model, path, a or [], b or [], ctx)
        elif shape.kind in ("refs", "texts"):
            yield from _diff_set(path, shape, a or [], b or [])
        else:
            grade, note = grade_value(path, shape, a, b, ctx)
            yield FieldChange(
                path,
                show(a) if a is not None else None,
                show(b) if b is not None else None,
                grade,
                note,
            )


def _diff_set(path: str, shape: Shape, old: list[str], new: list[str]) -> Iterator[FieldChange]:
    """Lists whose order carries no meaning: what left and what came."""
    gone = [x for x in old if x not in new]
    came = [x for x in new if x not in old]
    leaf = path.rsplit(".", 1)[-1]
    if shape.kind == "texts":
        for a, b in pair_rewords(gone, came):
            gone.remove(a)
            came.remove(b)
            yield FieldChange(path, a, b, Grade.PATCH, "reworded")
    descriptive = leaf in DESCRIPTIVE
    for item in gone:
        weak = descriptive or path in NARROWING
        yield FieldChange(path, item, None, Grade.MINOR if weak else Grade.MAJOR, "removed")
    for item in came:
        narrows = path in NARROWING
        yield FieldChange(path, None, item, Grade.MAJOR if narrows else Grade.MINOR, "added")


def diff_items(
    model: type[BaseModel], path: str, old: list[Any], new: list[Any], ctx: Context
) -> Iterator[FieldChange]:
    """Lists of mappings, matched by key (members by role, steps by id, …)."""
    key = KEYS.get(model, show)
    rename = ctx.renames

    def old_key(item: Any) -> str:
        k = key(item)
        return rename.get(k, k)

    before = {old_key(x): x for x in old}
    after = {key(x): x for x in new}
    gone = [k for k in before if k not in after]
    came = [k for k in after if k not in before]
    matched = [(k, k) for k in after if k in before]
    if issubclass(model, REWORDABLE):
        for a, b in pair_rewords(gone, came):
            gone.remove(a)
            came.remove(b)
            matched.append((a, b))
    for a, b in matched:
        yield from diff_fields(model, before[a], after[b], ctx, f"{path}[{_short(b)}].")
    for k in gone:
        item = before[k]
        note = "voting member removed" if getattr(item, "voting", False) else "removed"
        yield FieldChange(path, _short(k, 80), None, Grade.MAJOR, note)
    for k in came:
        item = after[k]
        note = "voting member added" if getattr(item, "voting", False) else "added"
        yield FieldChange(path, None, _short(k, 80), Grade.MINOR, note)
    if path in ORDERED:
        common_old = [k for k in (old_key(x) for x in old) if k in after]
        common_new = [k for k in (key(x) for x in new) if k in before]
        if common_old != common_new:
            yield FieldChange(
                path, ", ".join(common_old), ", ".join(common_new), Grade.PATCH, "reordered"
            )
