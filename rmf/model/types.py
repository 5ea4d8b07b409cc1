"""Reusable constrained types for the framework model, as `Annotated` aliases."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
ID_MAX = 64


def kebab(text: str, prefix: str = "n", limit: int = ID_MAX) -> str:
    """`Acme Café (North)` → `acme-cafe-north`: an id made from a name; empty when the name
    has no letter or digit, prefixed when it starts with a digit (`2026 plan` → `n-2026-plan`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    stem = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
    if stem and not stem[0].isalpha():
        stem = f"{prefix}-{stem}"
    return stem[:limit].rstrip("-")


_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
SEMVER_PATTERN = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$"
)
# Each form in plain words, said the same way by `rmf validate` and by editors (the schema).
ID_WORDS = (
    "lowercase letters and digits in words joined by single hyphens, starting with a letter "
    "(e.g. `business-engagement`)"
)
DATE_WORDS = "a date written as YYYY-MM-DD"
SEMVER_WORDS = "a semantic version such as `1.2.0`"

SECTIONS: tuple[str, ...] = (
    "principles",
    "units",
    "roles",
    "relationships",
    "governance",
    "policies",
    "processes",
    "communications",
    "indicators",
)
# Sections of the root file alone, beyond the metadata (1.1): not lists of entities.
ROOT_SECTIONS: tuple[str, ...] = ("engagement_model", "communication_plan", "documents")


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to ids of the named sections."""

    sections: tuple[str, ...]
    # a reference is not checked when this sibling field is true (contacts' `external`)
    unless: str | None = None


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", f"must be {DATE_WORDS}")
    if not _DATE.match(value):
        raise PydanticCustomError(
            "date_format", f"`{{value}}` is not {DATE_WORDS}", {"value": value}
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "date_impossible", "`{value}` is not a real calendar date", {"value": value}
        ) from None


# An indicator's figures and measured values lie within ±10^15: beyond it, sums and
# changes lose whole units and no chart can be drawn.
MAX_NUMBER = 1e15
NUMBER_RANGE = "between -1,000,000,000,000,000 and 1,000,000,000,000,000"


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_type", "must be a finite number")
    if abs(value) > MAX_NUMBER:
        raise PydanticCustomError("number_range", f"must lie {NUMBER_RANGE}")
    return value


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        kind = f"the boolean {str(value).lower()}"
    elif isinstance(value, int | float):
        kind = f"the number {value}"
    elif value is None:
        raise PydanticCustomError("text_type", "must be text, but it is empty")
    else:
        raise PydanticCustomError("text_type", "must be text")
    raise PydanticCustomError(
        "text_type", "must be text, but YAML read it as {kind}; put it in quotes", {"kind": kind}
    )


def _term(value: Any) -> Any:
    # `term: 2` means two years, `position_number: 40012` a number that is text: a whole
    # number is taken as written; any other such value is written as text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _figure(value: Any) -> Any:
    # a figure stated by hand (`value: 12` or `value: $1.2M`) is text either way
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return value


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": ID_MAX,
            "description": "lowercase kebab-case identifier",
        }
    ),
]
Text = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1)]
IsoDate = Annotated[
    date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
Number = Annotated[
    float,
    BeforeValidator(_number),
    WithJsonSchema({"type": "number", "minimum": -int(MAX_NUMBER), "maximum": int(MAX_NUMBER)}),
]
Percent = Annotated[float, BeforeValidator(_number), Field(gt=0, le=100)]
Fraction = Annotated[float, BeforeValidator(_number), Field(gt=0, le=1)]
Maturity = Annotated[int, Field(ge=1, le=5)]
Term = Annotated[
    str,
    BeforeValidator(_text),
    BeforeValidator(_term),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}),
]
# text that may be written as a whole number: a position number, a version, a term
Code = Term
Figure = Annotated[
    str,
    BeforeValidator(_text),
    BeforeValidator(_figure),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}),
]
Month = Annotated[int, Field(ge=1, le=12)]
Headcount = Annotated[int, Field(ge=0)]
Seats = Annotated[int, Field(ge=1)]
SemVer = Annotated[
    str,
    BeforeValidator(_text),
    StringConstraints(pattern=SEMVER_PATTERN),
    # a BeforeValidator hides the pattern from pydantic's schema: state it
    WithJsonSchema({"type": "string", "pattern": SEMVER_PATTERN}),
]


def ref(*sections: str, unless: str | None = None) -> Any:
    """Metadata for a reference field: `Annotated[Id, ref("roles")]`."""
    return Ref(tuple(sections), unless)


RoleRef = Annotated[Id, ref("roles")]
UnitRef = Annotated[Id, ref("units")]
BodyRef = Annotated[Id, ref("governance")]
PrincipleRef = Annotated[Id, ref("principles")]
IndicatorRef = Annotated[Id, ref("indicators")]
PartyRef = Annotated[Id, ref("units", "roles", "governance")]
# a RACI letter, an approver: a role, or a governance body deciding as one
ActorRef = Annotated[Id, ref("roles", "governance")]
IncumbentRef = Annotated[Id, ref("incumbents")]

Frequency = Literal[
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
    "continuous",
]
# Most frequent first: the order of a calendar, and of a commitment from strong to weak.
BY_FREQUENCY: tuple[str, ...] = (
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
Status = Literal["draft", "review", "approved", "retired"]
UnitKind = Literal["executive", "it", "business", "relationship-office", "external"]
Tier = Literal["strategic", "core", "transactional"]
BodyType = Literal["board", "steering-committee", "committee", "advisory", "forum", "working-group"]
DecisionType = Literal["approve", "recommend", "endorse", "advise", "inform"]
VotingRule = Literal["consensus", "majority", "two-thirds", "chair-decides"]
Channel = Literal[
    "meeting",
    "report",
    "email",
    "newsletter",
    "portal",
    "workshop",
    "survey",
    "presentation",
    "briefing",
]
Category = Literal["satisfaction", "engagement", "value", "delivery", "complaint", "capability"]
MeasureUnit = Literal["percent", "count", "days", "hours", "ratio", "score", "currency"]
Direction = Literal["higher-is-better", "lower-is-better"]
Level = Literal["error", "warning", "off"]
Influence = Literal["high", "medium", "low"]
Engagement = Literal["unaware", "resistant", "neutral", "supportive", "leading"]
Employment = Literal["permanent", "term", "contract", "casual"]
ActionStatus = Literal["open", "in-progress", "done", "dropped"]


# What one entity of each list section is called in messages.
SINGULAR: dict[str, str] = {
    "principles": "principle",
    "units": "unit",
    "roles": "role",
    "relationships": "relationship",
    "governance": "governance body",
    "policies": "policy",
    "processes": "process",
    "communications": "communication",
    "indicators": "indicator",
    "incumbents": "incumbent",
}
