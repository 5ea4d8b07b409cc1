"""Derive the facts documents show from a framework: links, labels and cross-references."""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Iterator
from datetime import date

from rmf.model import Communication, Framework, Indicator, Relationship
from rmf.types import BY_FREQUENCY
from rmf.views import CommunicationRow, IndicatorRow, Link, Meta, Reach, RelationshipRow

EXT = ".md"  # documents link to each other as Markdown; HTML rewrites the suffix
POSITIONS, CHARTERS = "positions", "charters"
PLAN, INDEX = "communication-plan", "index"
FREQUENCIES = BY_FREQUENCY
MATURITY = {1: "ad hoc", 2: "order taker", 3: "service provider", 4: "trusted advisor"}
MATURITY[5] = "strategic partner"


# Frequencies as they read in a sentence ("meets monthly") and in a table cell.
OFTEN = {
    "weekly": "weekly",
    "biweekly": "every two weeks",
    "monthly": "monthly",
    "bimonthly": "every two months",
    "quarterly": "quarterly",
    "per-term": "each term",
    "semiannual": "twice a year",
    "annual": "annually",
    "biennial": "every two years",
    "as-needed": "as needed",
    "continuous": "continuously",
}
WORDS = {"it": "IT", "relationship-office": "Relationship office"}


def human(value: str) -> str:
    """`steering-committee` → `Steering committee`: enum values as words."""
    return WORDS.get(value) or value.replace("-", " ").capitalize()


def often(value: str) -> str:
    """`semiannual` → `Twice a year`: a frequency as people say it."""
    text = OFTEN.get(value, value)
    return text[0].upper() + text[1:]


def when(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def number(value: float) -> str:
    """A number as people write it: `85`, not `85.0`; never in exponent form."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:f}".rstrip("0").rstrip(".")


def measure(value: float, unit: str) -> str:
    """A value in its unit of measure: `85%`, `5 days`, `0.8`."""
    text = number(value)
    if unit == "percent":
        return f"{text}%"
    if unit in ("days", "hours"):
        return f"{text} {unit if value != 1 else unit[:-1]}"
    if unit == "currency":
        return f"{text} (currency)"
    return text


def doc_path(kind: str, ident: str = "") -> str:
    """Where a document lives in the output, as a Markdown path."""
    if kind == "position":
        return f"{POSITIONS}/{ident}{EXT}"
    if kind == "charter":
        return f"{CHARTERS}/{ident}{EXT}"
    return f"{PLAN if kind == 'communication-plan' else INDEX}{EXT}"


class Lookup:
    """The framework indexed by id, making links relative to one document's folder."""

    def __init__(self, fw: Framework, folder: str = "") -> None:
        self.fw = fw
        self.folder = folder
        self.names: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        named = (
            ("unit", fw.units, "name"),
            ("role", fw.roles, "title"),
            ("body", fw.governance, "name"),
            ("indicator", fw.indicators, "name"),
            ("process", fw.processes, "name"),
            ("communication", fw.communications, "name"),
            ("policy", fw.policies, "title"),
            ("principle", fw.principles, "title"),
        )
        for kind, entities, attr in named:
            for entity in entities:
                self.names.setdefault(entity.id, getattr(entity, attr))
                self.kinds.setdefault(entity.id, kind)
        self.parents = {u.id: u.parent for u in fw.units}

    def at(self, folder: str) -> Lookup:
        """The same indexes, linking from a document in another folder."""
        other = copy.copy(self)
        other.folder = folder
        return other

    def href(self, path: str) -> str:
        return posixpath.relpath(path, self.folder or ".")

    def link(self, ident: str) -> Link:
        """A link to whatever the id names; a dangling id (only when its rule is off)
        shows as itself."""
        kind = self.kinds.get(ident)
        name = self.names.get(ident, ident)
        if kind == "role":
            return Link(ident, name, self.href(doc_path("position", ident)))
        if kind == "body":
            return Link(ident, name, self.href(doc_path("charter", ident)))
        if kind == "communication":
            return Link(ident, name, self.href(doc_path("communication-plan")))
        return Link(ident, name)

    def link_to(self, path: str, name: str) -> Link:
        """A link to a document by its path in the output."""
        return Link(posixpath.basename(path).removesuffix(EXT), name, self.href(path))

    def maybe(self, ident: str | None) -> Link | None:
        return self.link(ident) if ident is not None else None

    def links(self, idents: list[str] | None) -> tuple[Link, ...]:
        return tuple(self.link(i) for i in idents or [])

    def party_kind(self, ident: str) -> str:
        return {"unit": "Unit", "role": "Role", "body": "Governance body"}.get(
            self.kinds.get(ident, ""), "Other"
        )

    def ancestors(self, unit: str) -> Iterator[str]:
        """The unit and each unit above it, stopping at a cycle."""
        seen: set[str] = set()
        current: str | None = unit
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.parents.get(current)


def meta(fw: Framework) -> Meta:
    m = fw.framework
    return Meta(m.id, m.name, m.client, m.version, human(m.status))


def relationship_row(r: Relationship, at: Lookup) -> RelationshipRow:
    maturity = None
    if r.maturity is not None:
        cur, tgt = r.maturity.current, r.maturity.target
        maturity = f"{cur} ({MATURITY[cur]}) → {tgt} ({MATURITY[tgt]})"
    return RelationshipRow(
        unit=at.link(r.unit),
        manager=at.link(r.manager),
        backup=at.maybe(r.backup),
        counterpart=at.maybe(r.counterpart),
        tier=human(r.tier) if r.tier else None,
        allocation=f"{number(r.allocation)} FTE" if r.allocation is not None else None,
        maturity=maturity,
        review=often(r.review) if r.review else None,
    )


def indicator_row(i: Indicator, at: Lookup) -> IndicatorRow:
    return IndicatorRow(
        id=i.id,
        name=i.name,
        category=human(i.category),
        definition=i.definition,
        formula=i.formula,
        unit=human(i.unit),
        direction=human(i.direction),
        baseline=measure(i.baseline, i.unit) if i.baseline is not None else None,
        target=measure(i.target, i.unit),
        red=measure(i.thresholds.red, i.unit) if i.thresholds else None,
        amber=measure(i.thresholds.amber, i.unit) if i.thresholds else None,
        frequency=often(i.frequency),
        data_source=i.data_source,
        owner=at.link(i.owner),
        reported_to=at.links(i.reported_to),
    )


def reaches(c: Communication, at: Lookup) -> tuple[Reach, ...]:
    """The business units a communication reaches: those in its audience, and those below
    an audience unit in the unit tree (via the nearest such unit)."""
    audience = set(c.audience)
    out = []
    for unit in at.fw.units:
        if unit.kind != "business":
            continue
        via = next((a for a in at.ancestors(unit.id) if a in audience), None)
        if via is not None:
            out.append(Reach(at.link(unit.id), None if via == unit.id else at.link(via)))
    return tuple(out)


def communication_row(c: Communication, at: Lookup) -> CommunicationRow:
    indicators = {i.id: i for i in at.fw.indicators}
    return CommunicationRow(
        id=c.id,
        name=c.name,
        objective=c.objective,
        channel=human(c.channel),
        frequency=often(c.frequency),
        owner=at.link(c.owner),
        audience=at.links(c.audience),
        messages=tuple(c.messages or []),
        feedback=c.feedback,
        indicators=tuple(
            indicator_row(indicators[i], at) for i in c.indicators or [] if i in indicators
        ),
        reaches=reaches(c, at),
        link=at.link(c.id),
    )
