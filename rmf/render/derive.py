"""Derive the facts documents show from a framework: links, labels and cross-references."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from rmf.model.framework import Framework
from rmf.model.governance import Body, Member
from rmf.model.organisation import Incumbent
from rmf.model.practice import Communication, Indicator, Process
from rmf.model.relationships import Relationship
from rmf.model.types import BY_FREQUENCY
from rmf.render.kinds import EXT, doc_path
from rmf.render.markup import slug
from rmf.render.views import (
    CommunicationRow,
    IndicatorRow,
    Link,
    MessageRow,
    Meta,
    Reach,
    RelationshipRow,
)

T = TypeVar("T")
FREQUENCIES = BY_FREQUENCY
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
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


def figure(value: float) -> str:
    """A count or an amount as people write it: `1,650`, `2,500,000`, `0.5`."""
    if float(value).is_integer():
        return f"{int(value):,}"
    whole, _, fraction = number(value).partition(".")
    return f"{int(whole):,}.{fraction}"


def measure(value: float, unit: str, currency: str = "$") -> str:
    """A value in its unit of measure: `85%`, `5 days`, `$2,500,000`, `0.8`."""
    text = number(value)
    if unit == "percent":
        return f"{text}%"
    if unit in ("days", "hours"):
        return f"{figure(value)} {unit if value != 1 else unit[:-1]}"
    if unit == "currency":
        amount = figure(abs(value))
        return f"-{currency}{amount}" if value < 0 else f"{currency}{amount}"
    if unit == "count":
        return figure(value)
    return text


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
        # built on first use and shared by every copy made with at()
        self._shared: dict[str, Any] = {}

    def at(self, folder: str) -> Lookup:
        """The same indexes, linking from a document in another folder."""
        other = object.__new__(Lookup)
        other.__dict__.update(self.__dict__)
        other.folder = folder
        return other

    def href(self, path: str) -> str:
        return _relative(path, self.folder or ".")

    def link(self, ident: str) -> Link:
        """A link to whatever the id names; a dangling id (only when its rule is off)
        shows as itself."""
        links: dict[tuple[str, str], Link] = self._shared.setdefault("links", {})
        found = links.get((self.folder, ident))
        if found is None:
            found = links[(self.folder, ident)] = self._link(ident)
        return found

    def _link(self, ident: str) -> Link:
        kind = self.kinds.get(ident)
        name = self.names.get(ident, ident)
        if kind == "role":
            return Link(ident, name, self.href(doc_path("position", ident)))
        if kind == "body":
            return Link(ident, name, self.href(doc_path("charter", ident)))
        if kind == "communication":
            # its own section of the plan, whose heading is its name
            return Link(ident, name, f"{self.href(doc_path('communication-plan'))}#{slug(name)}")
        return Link(ident, name)

    def link_to(self, path: str, name: str) -> Link:
        """A link to a document by its path in the output."""
        return Link(posixpath.basename(path).removesuffix(EXT), name, self.href(path))

    def maybe(self, ident: str | None) -> Link | None:
        return self.link(ident) if ident is not None else None

    def measure(self, value: float, unit: str) -> str:
        """A value in its unit, amounts with the framework's currency symbol."""
        settings = self.fw.documents
        return measure(value, unit, (settings.currency if settings else None) or "$")

    def seat_name(self, ident: str) -> str:
        """Who holds a seat: the person's name, or the position number (or the seat's id)
        and `vacant`."""
        seat = self.shared("seats", _seats).get(ident)
        if seat is None:
            return ident
        return seat.name or f"Vacant ({seat.position_number or seat.id})"

    def links(self, idents: list[str] | None) -> tuple[Link, ...]:
        return tuple(self.link(i) for i in idents or [])

    def party_kind(self, ident: str) -> str:
        return {"unit": "Unit", "role": "Role", "body": "Governance body"}.get(
            self.kinds.get(ident, ""), "Other"
        )

    def shared(self, key: str, build: Callable[[Framework], T]) -> T:
        """Something built once from the whole framework and shared by every document
        (an index), so that a document costs its own size, not the framework's."""
        if key not in self._shared:
            self._shared[key] = build(self.fw)
        found: T = self._shared[key]
        return found

    def facts(self, role: str) -> RoleFacts:
        """What the framework says of a role elsewhere than in its own entry."""
        return self.shared("facts", _role_facts).get(role, RoleFacts())

    def under(self, audience: str) -> list[tuple[str, int]]:
        """The business units at or below a unit, each with its distance from it."""
        if "under" not in self._shared:
            below: dict[str, list[tuple[str, int]]] = {}
            for unit in self.fw.units:
                if unit.kind == "business":
                    for depth, above in enumerate(self.ancestors(unit.id)):
                        below.setdefault(above, []).append((unit.id, depth))
            self._shared["under"] = below
        found: list[tuple[str, int]] = self._shared["under"].get(audience, [])
        return found

    def ancestors(self, unit: str) -> Iterator[str]:
        """The unit and each unit above it, stopping at a cycle; any other id alone."""
        seen: set[str] = set()
        current: str | None = unit
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.parents.get(current)


def _relative(path: str, folder: str) -> str:
    """`path` as seen from `folder`, both relative to the output folder. Documents sit at
    the top or one folder down, so the answer is almost always one of three shapes."""
    if folder in ("", "."):
        return path
    head, _, tail = path.rpartition("/")
    if head == folder:
        return tail
    if "/" not in folder:
        return f"../{path}"
    return posixpath.relpath(path, folder)


@dataclass
class RoleFacts:
    """Where a role appears outside its own entry, in framework order."""

    seats: list[tuple[Body, Member | None, list[str]]] = field(default_factory=list)
    raci: list[tuple[Process, str, str]] = field(default_factory=list)
    supervises: list[str] = field(default_factory=list)
    heads: list[str] = field(default_factory=list)
    manages: list[Relationship] = field(default_factory=list)
    backs_up: list[Relationship] = field(default_factory=list)
    counterpart_for: list[Relationship] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    communications: list[Communication] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


def _seats(fw: Framework) -> dict[str, Incumbent]:
    return {s.id: s for r in fw.roles for s in r.incumbents or []}


def _role_facts(fw: Framework) -> dict[str, RoleFacts]:
    """Every role's facts in one pass over the framework, so that a position
    description costs its own size, not the framework's."""
    facts: dict[str, RoleFacts] = defaultdict(RoleFacts)
    for body in fw.governance:
        seated = {m.role: m for m in body.members}
        offices: dict[str, list[str]] = {}
        officers = (("Chair", body.chair), ("Vice-chair", body.vice_chair))
        for office, who in (*officers, ("Secretary", body.secretary)):
            if who is not None:
                offices.setdefault(who, []).append(office)
        for role in dict.fromkeys([*seated, *offices]):
            facts[role].seats.append((body, seated.get(role), offices.get(role, [])))
    for process in fw.processes:
        facts[process.owner].processes.append(process.id)
        for step in process.steps:
            held: dict[str, list[str]] = {}
            for letter, roles in (
                ("R", step.responsible),
                ("A", [step.accountable]),
                ("C", step.consulted or []),
                ("I", step.informed or []),
            ):
                for role in roles:
                    if letter not in held.setdefault(role, []):
                        held[role].append(letter)
            for role, letters in held.items():
                facts[role].raci.append((process, step.name, ", ".join(letters)))
    for role_entity in fw.roles:
        if role_entity.reports_to is not None:
            facts[role_entity.reports_to].supervises.append(role_entity.id)
    for unit in fw.units:
        if unit.head is not None:
            facts[unit.head].heads.append(unit.id)
    for rel in fw.relationships:
        facts[rel.manager].manages.append(rel)
        if rel.backup is not None:
            facts[rel.backup].backs_up.append(rel)
        if rel.counterpart is not None:
            facts[rel.counterpart].counterpart_for.append(rel)
    for policy in fw.policies:
        facts[policy.owner].policies.append(policy.id)
    for communication in fw.communications:
        facts[communication.owner].communications.append(communication)
    for indicator in fw.indicators:
        facts[indicator.owner].indicators.append(indicator)
    return dict(facts)


def meta(fw: Framework) -> Meta:
    m = fw.framework
    return Meta(m.id, m.name, m.client, m.version, human(m.status))


def relationship_row(r: Relationship, at: Lookup) -> RelationshipRow:
    """A relationship as a table row, made once per folder: the position descriptions
    of its manager, backup and counterpart show the same row."""
    rows: dict[tuple[str, int], RelationshipRow] = at.shared("relationship rows", _no_rows)
    key = (at.folder, id(r))
    if key not in rows:
        rows[key] = _relationship_row(r, at)
    return rows[key]


def _no_rows(fw: Framework) -> dict[tuple[str, int], RelationshipRow]:
    return {}


def _relationship_row(r: Relationship, at: Lookup) -> RelationshipRow:
    maturity = None
    if r.maturity is not None:
        cur, tgt = r.maturity.current, r.maturity.target
        maturity = f"{cur} ({MATURITY[cur]}) → {tgt} ({MATURITY[tgt]})"
    unit = at.link(r.unit)  # to the relationship's profile: a unit has no document
    return RelationshipRow(
        unit=Link(unit.id, unit.name, at.href(doc_path("relationship", r.id))),
        manager=at.link(r.manager),
        backup=at.maybe(r.backup),
        counterpart=at.maybe(r.counterpart),
        tier=human(r.tier) if r.tier else None,
        allocation=f"{number(r.allocation)} FTE" if r.allocation is not None else None,
        maturity=maturity,
        review=often(r.review) if r.review else None,
        assignee=at.seat_name(r.assignee) if r.assignee else None,
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
        baseline=at.measure(i.baseline, i.unit) if i.baseline is not None else None,
        target=at.measure(i.target, i.unit),
        red=at.measure(i.thresholds.red, i.unit) if i.thresholds else None,
        amber=at.measure(i.thresholds.amber, i.unit) if i.thresholds else None,
        frequency=often(i.frequency),
        data_source=i.data_source,
        owner=at.link(i.owner),
        reported_to=at.links(i.reported_to),
    )


def reaches(c: Communication, at: Lookup) -> tuple[Reach, ...]:
    """The business units a communication reaches: those in its audience, and those below
    an audience unit in the unit tree (via the nearest such unit)."""
    nearest: dict[str, tuple[int, str]] = {}
    for member in dict.fromkeys(c.audience):
        for unit, depth in at.under(member):
            if unit not in nearest or depth < nearest[unit][0]:
                nearest[unit] = (depth, member)
    order = at.shared("unit order", _unit_order)
    out = []
    for unit in sorted((u for u in nearest if u in order), key=order.__getitem__):
        via = nearest[unit][1]  # in the framework's order
        out.append(Reach(at.link(unit), None if via == unit else at.link(via)))
    return tuple(out)


def _indicators(fw: Framework) -> dict[str, Indicator]:
    return {i.id: i for i in fw.indicators}


def _unit_order(fw: Framework) -> dict[str, int]:
    """Each unit's place in the framework: the first of an id, as the framework lists them."""
    order: dict[str, int] = {}
    for place, unit in enumerate(fw.units):
        order.setdefault(unit.id, place)
    return order


def communication_row(c: Communication, at: Lookup) -> CommunicationRow:
    indicators = at.shared("indicators", _indicators)
    return CommunicationRow(
        id=c.id,
        name=c.name,
        objective=c.objective,
        channel=human(c.channel),
        frequency=often(c.frequency),
        owner=at.link(c.owner),
        audience=at.links(c.audience),
        messages=tuple(
            MessageRow(m) if isinstance(m, str) else MessageRow(m.text, at.links(m.for_))
            for m in c.messages or []
        ),
        feedback=c.feedback,
        indicators=tuple(
            indicator_row(indicators[i], at) for i in c.indicators or [] if i in indicators
        ),
        reaches=reaches(c, at),
        link=at.link(c.id),
        messenger=at.maybe(c.messenger),
        approver=at.maybe(c.approver),
        months=", ".join(MONTHS[m - 1] for m in sorted(set(c.months))) if c.months else None,
        timing=c.timing,
        resources=c.resources,
    )
