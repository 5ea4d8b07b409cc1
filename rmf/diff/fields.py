"""Compare two versions of one entity field by field: what changed, graded by rmf.diff.grading."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel

from rmf.core.suggest import Shared
from rmf.diff.grading import (
    DESCRIPTIVE,
    NARROWING,
    Context,
    Grade,
    grade_value,
)
from rmf.model.framework import Waiver
from rmf.model.governance import DecisionRight, Member
from rmf.model.organisation import Competency, Contact, Dimension, Incumbent, Responsibility
from rmf.model.practice import Step
from rmf.model.refs import field_types
from rmf.model.relationships import Action, EngagementTier


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


@cache
def shapes(model: type[BaseModel]) -> tuple[tuple[str, str, Shape], ...]:
    """(attribute, YAML key, shape) of every field of a model, in field order."""
    out = []
    for f in field_types(model):
        name, tp, many, nested, is_ref = f.name, f.type, f.many, f.nested, f.ref is not None
        options = tuple(typing.get_args(tp)) if typing.get_origin(tp) is Literal else ()
        kind: Kind
        if nested is not None and not f.mixed:
            kind = "models" if many else "model"
        elif many:
            kind = "refs" if is_ref else "texts"
        else:
            kind = "ref" if is_ref else "value"
        out.append((name, f.key, Shape(kind, None if f.mixed else nested, options)))
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
    Incumbent: lambda i: i.id,
    Dimension: lambda d: d.measure,
    Action: lambda a: a.text,
    EngagementTier: lambda t: t.tier,
}
REWORDABLE = (
    Responsibility,
    DecisionRight,
    Action,
)  # keyed by their text: a new text may be a reword
ORDERED = ("steps",)  # lists whose order is part of the meaning


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# Comparing texts is bounded, however many and however long they are: texts up to
# CHAR_TEXT characters compare character by character, longer ones by their first
# MAX_WORDS words; up to MAX_PAIRS pairs, every removed text is compared with every added
# one, else with the MAX_CANDIDATES added texts sharing most of its rarest words; and
# comparing stops once MAX_WORK cells (length × length) have been spent on a list.
CHAR_TEXT = 300
MAX_WORDS = 1500
MAX_PAIRS = 64
MAX_CANDIDATES = 8
MAX_WORK = 3_000_000
REWORD = 0.6  # how alike two texts must be to be one item reworded


def _units(text: str, long: bool) -> Sequence[str]:
    return text.split()[:MAX_WORDS] if long else text


def similarity(a: str, b: str) -> tuple[float, int]:
    """How alike two texts are, 0 to 1 (difflib's ratio of characters, or of words), and
    the work it took in cells: each unit of one text against each of the other."""
    long = max(len(a), len(b)) > CHAR_TEXT
    units_a, units_b = _units(a, long), _units(b, long)
    matcher = difflib.SequenceMatcher(None, units_a, units_b, autojunk=False)
    size_a, size_b = len(units_a), len(units_b)
    if matcher.real_quick_ratio() < REWORD or matcher.quick_ratio() < REWORD:
        return 0.0, size_a + size_b  # both bound the ratio from above: known cheaply
    return matcher.ratio(), size_a * size_b


def _words(text: str) -> list[str]:
    return text.lower().split()[:MAX_WORDS]


def _candidates(removed: list[str], added: list[str]) -> Iterator[tuple[int, int]]:
    """(i, j) of the pairs worth comparing: all of a few; of many, for each removed text
    the added texts that share most of its rarest words, every text's likeliest first."""
    if len(removed) * len(added) <= MAX_PAIRS:
        yield from ((i, j) for i in range(len(removed)) for j in range(len(added)))
        return
    index = Shared(map(_words, added))
    nearest = [index.nearest(_words(text), MAX_CANDIDATES) for text in removed]
    for rank in range(MAX_CANDIDATES):
        yield from ((i, near[rank]) for i, near in enumerate(nearest) if rank < len(near))


def pair_rewords(removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """Pairs (old, new) of texts similar enough to be the same item reworded."""
    scored = []
    work = 0
    for i, j in _candidates(removed, added):
        score, cost = similarity(removed[i], added[j])
        scored.append((-score, i, j))
        work += cost
        if work > MAX_WORK:
            break
    return [(removed[i], added[j]) for i, j in best_pairs(scored, REWORD)]


def best_pairs(scored: list[tuple[float, int, int]], least: float) -> list[tuple[int, int]]:
    """Pairs (i, j) from candidates scored `(-score, i, j)`, best first, each i and each j
    used once, none scoring below `least`: deterministic, as ties go by position."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for score, i, j in sorted(scored):
        if -score < least:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j))
    return pairs


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
        if shape.kind == "texts":  # a text-or-mapping item compares as it reads
            a = [show(x) for x in a] if a is not None else None
            b = [show(x) for x in b] if b is not None else None
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
            grade, note = grade_value(path, shape.kind, shape.options, a, b, ctx)
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
