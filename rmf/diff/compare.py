"""Compare two versions of a framework entity by entity, and grade what changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel

from rmf.diff.fields import FieldChange, diff_fields, diff_items
from rmf.diff.grading import Context, Grade, highest
from rmf.diff.impact import DocumentChange, impact
from rmf.diff.prose import Line, narrate, teller
from rmf.diff.renames import find_renames, following
from rmf.diff.semver import VersionAdvice, advise
from rmf.model.base import Entity
from rmf.model.framework import (
    ROOT_MODELS,
    SECTION_MODELS,
    SINGULAR,
    Framework,
    Metadata,
    Waiver,
)
from rmf.model.relationships import EngagementTier
from rmf.model.types import SECTIONS

NOUNS = {
    **SINGULAR,
    "framework": "framework",
    "engagement_model": "engagement model",
    "communication_plan": "communication plan",
    "documents": "document settings",
    "rules": "rule settings",
    "waivers": "waivers",
}


class Kind(StrEnum):
    """What happened to an entity between the two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RENAMED = "renamed"


@dataclass(frozen=True)
class Change:
    """An entity added, removed, renamed or changed, with its changed fields."""

    section: str
    id: str
    name: str
    kind: Kind
    grade: Grade
    fields: tuple[FieldChange, ...] = ()
    old_id: str | None = None  # the id before a rename
    follows: int = 0  # references elsewhere that only follow a rename
    story: tuple[Line, ...] = ()  # the change in sentences, by names (rmf.diff.prose)

    @property
    def noun(self) -> str:
        return NOUNS.get(self.section, self.section)


@dataclass(frozen=True)
class Comparison:
    """Everything `rmf diff` reports about two versions of a framework."""

    old_label: str
    new_label: str
    old: Metadata
    new: Metadata
    changes: tuple[Change, ...]
    documents: tuple[DocumentChange, ...]
    version: VersionAdvice

    @property
    def grade(self) -> Grade | None:
        return highest(c.grade for c in self.changes)

    @property
    def differs(self) -> bool:
        return bool(self.changes) or self.old.version != self.new.version

    def count(self, grade: Grade) -> int:
        return sum(1 for c in self.changes if c.grade is grade)


def name_of(entity: BaseModel) -> str:
    """What people call an entity: its title or name, else a relationship's unit."""
    for attr in ("title", "name"):
        value = getattr(entity, attr, None)
        if isinstance(value, str):
            return value
    unit = getattr(entity, "unit", None)
    return f"relationship with {unit}" if isinstance(unit, str) else ""


# --- comparing ----------------------------------------------------------------------------


def _section(
    section: str, old: Framework, new: Framework, renames: dict[str, str]
) -> Iterator[Change]:
    model = SECTION_MODELS[section]
    before: dict[str, Entity] = {e.id: e for e in getattr(old, section)}
    renamed_from = {v: k for k, v in renames.items() if k in before}
    for entity in getattr(new, section):
        ident = entity.id
        old_id = ident if ident in before else renamed_from.get(ident)
        if old_id is None:
            yield Change(section, ident, name_of(entity), Kind.ADDED, Grade.MINOR)
            continue
        previous = before[old_id]
        if previous == entity and not renames:
            continue
        ctx = Context(previous, entity, renames)
        # a new id is a rename, reported as such rather than as a field
        fields = tuple(f for f in diff_fields(model, previous, entity, ctx) if f.field != "id")
        if old_id != ident:
            yield Change(section, ident, name_of(entity), Kind.RENAMED, Grade.MAJOR, fields, old_id)
        elif fields:
            grade = highest(f.grade for f in fields) or Grade.PATCH
            yield Change(section, ident, name_of(entity), Kind.CHANGED, grade, fields)
    after = {e.id for e in getattr(new, section)}
    for ident, entity in before.items():
        if ident not in after and ident not in renames:
            yield Change(section, ident, name_of(entity), Kind.REMOVED, Grade.MAJOR)


def _patch(fields: Iterator[FieldChange]) -> tuple[FieldChange, ...]:
    """Rule settings and waivers tune validation only: nothing others rely on changes."""
    return tuple(FieldChange(f.field, f.old, f.new, Grade.PATCH, f.note) for f in fields)


def _settings(old: Framework, new: Framework, renames: dict[str, str]) -> Iterator[Change]:
    ctx = Context(old.framework, new.framework, renames)
    fields = tuple(
        f
        for f in diff_fields(Metadata, old.framework, new.framework, ctx)
        if f.field != "version"  # reported on its own, as the version advice
    )
    if fields:
        grade = highest(f.grade for f in fields) or Grade.PATCH
        meta = new.framework
        yield Change("framework", meta.id, meta.name, Kind.CHANGED, grade, fields)
    yield from _root_sections(old, new, ctx)
    rules = _patch(
        FieldChange(code, old.rules.get(code), new.rules.get(code), Grade.PATCH)
        for code in dict.fromkeys([*old.rules, *new.rules])
        if old.rules.get(code) != new.rules.get(code)
    )
    if rules:
        yield Change("rules", "rules", "rule settings", Kind.CHANGED, Grade.PATCH, rules)
    waivers = _patch(diff_items(Waiver, "waivers", old.waivers, new.waivers, ctx))
    if waivers:
        yield Change("waivers", "waivers", "waivers", Kind.CHANGED, Grade.PATCH, waivers)


def _root_sections(old: Framework, new: Framework, ctx: Context) -> Iterator[Change]:
    """The engagement model, the communication plan and the document settings (1.1)."""
    found: dict[str, tuple[FieldChange, ...]] = {
        "engagement_model": tuple(
            diff_items(
                EngagementTier, "engagement_model", old.engagement_model, new.engagement_model, ctx
            )
        ),
    }
    for section in ("communication_plan", "documents"):
        model = ROOT_MODELS[section]
        before, after = getattr(old, section), getattr(new, section)
        found[section] = tuple(diff_fields(model, before, after, ctx, f"{section}."))
    for section, fields in found.items():
        if fields:
            grade = highest(f.grade for f in fields) or Grade.PATCH
            yield Change(section, section, NOUNS[section], Kind.CHANGED, grade, fields)


def compare(
    old: Framework,
    new: Framework,
    old_label: str = "old",
    new_label: str = "new",
    *,
    documents: bool = True,
) -> Comparison:
    """What changed from `old` to `new`: entities matched by id (or found renamed), each
    change graded and told in sentences, the documents to reissue, and the version the
    changes call for (none between two different frameworks, a base and its client)."""
    renames = find_renames(old, new)
    found: list[Change] = list(_settings(old, new, renames))
    for section in SECTIONS:
        found.extend(_section(section, old, new, renames))
    follows = following(old, new, renames)
    tell = teller(old, new, renames)
    changes = [
        dataclasses.replace(
            c,
            follows=follows.get(c.id, 0) if c.kind is Kind.RENAMED else 0,
            story=narrate(tell, c.section, c.id, c.kind.value, c.grade, c.fields),
        )
        for c in found
    ]
    grade = highest(c.grade for c in changes)
    unrelated = ""
    if old.framework.id != new.framework.id:
        a, b = old.framework.name, new.framework.name
        if a == b:  # a client that kept its base's name: only the ids tell them apart
            a, b = old.framework.id, new.framework.id
        unrelated = f"{a} and {b} are different frameworks (a base and a client, or two clients)"
    touched = {i for c in changes if c.section in SECTIONS for i in (c.id, c.old_id) if i}
    return Comparison(
        old_label,
        new_label,
        old.framework,
        new.framework,
        tuple(changes),
        impact(old, new, touched) if documents else (),
        advise(old.framework.version, new.framework.version, grade, unrelated),
    )
