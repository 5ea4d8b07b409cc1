"""How much a change matters: the grade of each kind of change, in semver terms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from rmf.model.types import BY_FREQUENCY


class Grade(StrEnum):
    """How much a change matters to those who rely on the framework (semver terms)."""

    PATCH = "patch"  # wording
    MINOR = "minor"  # adds
    MAJOR = "major"  # removes or weakens something others rely on

    @property
    def rank(self) -> int:
        return ("patch", "minor", "major").index(self.value)


def highest(grades: Iterable[Grade]) -> Grade | None:
    return max(grades, key=lambda g: g.rank, default=None)


FREQUENT = BY_FREQUENCY
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
MORE_IS_STRONGER = {"quorum", "positions", "allocation", "maturity.target", "seats", "fte"}
FACTS = {"baseline", "maturity.current", "maturity.business_view", "headcount"}
POSTPONED = {"review_by", "next_review", "due"}  # a later date here puts something off
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
    "goals",
    "services",
    "objectives",
    "signatures",
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


def grade_value(
    path: str, kind: str, options: tuple[str, ...], old: Any, new: Any, ctx: Context
) -> tuple[Grade, str]:
    """Grade of a changed single value, and a note that says what it means."""
    leaf = path.rsplit(".", 1)[-1]
    if old is None or new is None:
        if kind == "value" and isinstance(old or new, str) and not options:
            return Grade.PATCH, ""
        if path in FACTS or leaf in FACTS:
            return Grade.PATCH, ""
        return (Grade.MINOR, "added") if old is None else (Grade.MAJOR, "removed")
    if leaf == "name" and ".incumbents[" in f".{path}":
        return Grade.MINOR, "another person in the seat"
    if kind == "ref" or leaf in MEANING:
        return Grade.MAJOR, "moved" if kind == "ref" else "meaning changed"
    if options:
        if set(options) == set(FREQUENT):
            weaker = FREQUENT.index(new) > FREQUENT.index(old)
            return (Grade.MAJOR, "less often") if weaker else (Grade.MINOR, "more often")
        order = STRENGTH.get(options)
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
        if leaf in POSTPONED and new > old:
            return Grade.MAJOR, "review postponed" if leaf != "due" else "postponed"
        return Grade.MINOR, ""
    return Grade.PATCH, ""
