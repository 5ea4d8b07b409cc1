"""The framework overview: at a glance, the documents, principles, structure, governance,
relationships with their maturity and capacity, policies, RACI and indicators."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.model.framework import Framework
from rmf.model.organisation import Unit
from rmf.model.practice import Policy, Process
from rmf.render.derive import (
    Lookup,
    human,
    indicator_row,
    meta,
    number,
    often,
    relationship_row,
    when,
)
from rmf.render.diagrams import Diagram, Node, tree
from rmf.render.kinds import doc_path, subject
from rmf.render.views import Fact, IndicatorRow, Link, Meta, RelationshipRow


@dataclass(frozen=True)
class PositionGroup:
    """The positions of one unit; the relationship office's come first."""

    unit: Link | None  # None: roles whose unit is not in the framework
    office: bool  # the unit is a relationship office
    positions: tuple[Link, ...]


@dataclass(frozen=True)
class MaturityRow:
    """A relationship's maturity: today as IT and as the business see it, and aimed for."""

    unit: Link  # to the relationship profile
    tier: str | None
    current: int
    business_view: int | None
    target: int

    @property
    def gap(self) -> int:
        return self.target - self.current

    @staticmethod
    def scale(level: int | None) -> str:
        """A level as filled and empty dots and its number, readable in black and white:
        `●●○○○ 2`."""
        if level is None:
            return "—"
        return f"{'●' * level}{'○' * (5 - level)} {level}"


@dataclass(frozen=True)
class CapacityRow:
    """A relationship manager role, or one of its incumbents: FTE held and allocated."""

    who: str
    role: Link
    fte: float
    allocated: float
    relationships: int

    @property
    def held(self) -> str:
        return number(round(self.fte, 2))

    @property
    def given(self) -> str:
        return number(round(self.allocated, 2))

    @property
    def free(self) -> str:
        """What is left, as people write it; over-allocation shows as a negative."""
        return number(round(self.fte - self.allocated, 2)).replace("-", "−")


@dataclass(frozen=True)
class PrincipleRow:
    """A principle and what cites it."""

    id: str
    title: str
    statement: str
    rationale: str | None
    implications: tuple[str, ...]
    cited_by: tuple[Link, ...]


@dataclass(frozen=True)
class UnitRow:
    """An organisational unit as a table row."""

    unit: Link
    kind: str
    parent: Link | None
    head: Link | None


@dataclass(frozen=True)
class PolicyRow:
    """A policy as the overview shows it."""

    title: str
    statement: str
    owner: Link
    approved_by: Link | None
    effective: str | None
    review_by: str | None
    purpose: str | None = None
    scope: str | None = None
    applies_to: tuple[Link, ...] = ()
    principles: tuple[Link, ...] = ()


@dataclass(frozen=True)
class RaciTable:
    """One process as a RACI matrix: a row per step, a column per role involved; and
    what starts it, how often it runs, what goes in and out, what each step does."""

    process: Link
    purpose: str
    owner: Link
    roles: tuple[Link, ...]
    steps: tuple[tuple[str, tuple[str, ...]], ...]
    trigger: str | None = None
    frequency: str | None = None
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    principles: tuple[Link, ...] = ()
    described: tuple[tuple[str, str], ...] = ()  # (step, what happens in it)


@dataclass(frozen=True)
class IndexView:
    """The framework overview that links to every document."""

    meta: Meta
    effective: str | None
    owner: Link | None
    review: str | None
    description: str | None
    positions: tuple[Link, ...]
    charters: tuple[Link, ...]
    plan: Link
    principles: tuple[PrincipleRow, ...]
    units: tuple[UnitRow, ...]
    org_chart: Diagram
    governance_chart: Diagram
    relationships: tuple[RelationshipRow, ...]
    policies: tuple[PolicyRow, ...]
    raci: tuple[RaciTable, ...]
    indicators: tuple[IndicatorRow, ...]
    glance: tuple[Fact, ...] = ()  # the framework at a glance
    position_groups: tuple[PositionGroup, ...] = ()  # the positions, by unit
    profiles: tuple[Link, ...] = ()  # the relationship profiles
    positions_chart: Diagram | None = None  # the positions by reporting line
    maturity: tuple[MaturityRow, ...] = ()
    capacity: tuple[CapacityRow, ...] = ()  # per relationship manager role
    seats: tuple[CapacityRow, ...] = ()  # per incumbent of those roles
    approved_by: Link | None = None  # the body that approved this version, and when
    approved: str | None = None


def index(look: Lookup) -> IndexView:
    """The overview of the whole framework, linking to every other document."""
    at, fw = look, look.fw
    m = fw.framework
    cited: dict[str, list[Link]] = {}
    sources: list[Policy | Process] = [*fw.policies, *fw.processes]
    for item in sources:
        for principle in item.principles or []:
            cited.setdefault(principle, []).append(at.link(item.id))
    titles = {r.id: r.title for r in fw.roles}
    org = [Node(u.id, u.name, titles.get(u.head or ""), up) for u, up in _unit_lines(fw)]
    units = {u.id: u.name for u in fw.units}
    jobs = [Node(r.id, r.title, units.get(r.unit), r.reports_to) for r in fw.roles]
    bodies = [Node(b.id, b.name, human(b.type), b.reports_to) for b in fw.governance]
    relationships = tuple(relationship_row(r, at) for r in fw.relationships)
    capacity, seats = _capacity(at)
    return IndexView(
        meta=meta(fw),
        effective=when(m.effective),
        approved_by=at.maybe(m.approved_by),
        approved=when(m.approved),
        owner=at.maybe(m.owner),
        review=often(m.review) if m.review else None,
        description=m.description,
        positions=tuple(at.link(r.id) for r in fw.roles),
        charters=tuple(at.link(b.id) for b in fw.governance),
        plan=at.link_to(doc_path("communication-plan"), subject("communication-plan")),
        principles=tuple(
            PrincipleRow(
                p.id,
                p.title,
                p.statement,
                p.rationale,
                tuple(p.implications or []),
                tuple(cited.get(p.id, [])),
            )
            for p in fw.principles
        ),
        units=tuple(
            UnitRow(at.link(u.id), human(u.kind), at.maybe(u.parent), at.maybe(u.head))
            for u in fw.units
        ),
        org_chart=tree(f"Organisation chart of {m.client}", org),
        governance_chart=tree(f"Governance structure of {m.client}", bodies, across=False),
        relationships=relationships,
        policies=tuple(
            PolicyRow(
                p.title,
                p.statement,
                at.link(p.owner),
                at.maybe(p.approved_by),
                when(p.effective),
                when(p.review_by),
                purpose=p.purpose,
                scope=p.scope,
                applies_to=at.links(p.applies_to),
                principles=at.links(p.principles),
            )
            for p in fw.policies
        ),
        raci=tuple(raci_table(p, at) for p in fw.processes),
        indicators=tuple(indicator_row(i, at) for i in fw.indicators),
        glance=_glance(at, capacity),
        position_groups=_position_groups(at),
        profiles=tuple(r.unit for r in relationships),
        positions_chart=tree(f"Positions of {m.client}", jobs) if jobs else None,
        maturity=tuple(
            MaturityRow(
                row.unit,
                row.tier,
                r.maturity.current,
                r.maturity.business_view,
                r.maturity.target,
            )
            for r, row in zip(fw.relationships, relationships, strict=True)
            if r.maturity is not None
        ),
        capacity=capacity,
        seats=seats,
    )


def raci_table(p: Process, at: Lookup) -> RaciTable:
    """A process as a matrix: roles first, then the governance bodies, in order of
    appearance."""
    involved = dict.fromkeys(
        r
        for s in p.steps
        for r in [*s.responsible, s.accountable, *(s.consulted or []), *(s.informed or [])]
    )
    parties = sorted(involved, key=lambda r: at.kinds.get(r) == "body")
    steps = []
    for s in p.steps:
        cells = []
        for r in parties:
            letters = "R" if r in s.responsible else ""
            letters += "A" if s.accountable == r else ""
            letters += "C" if r in (s.consulted or []) else ""
            letters += "I" if r in (s.informed or []) else ""
            cells.append(letters)
        steps.append((s.name, tuple(cells)))
    return RaciTable(
        at.link(p.id),
        p.purpose,
        at.link(p.owner),
        tuple(at.link(r) for r in parties),
        tuple(steps),
        trigger=p.trigger,
        frequency=often(p.frequency) if p.frequency else None,
        inputs=tuple(p.inputs or []),
        outputs=tuple(p.outputs or []),
        principles=at.links(p.principles),
        described=tuple((s.name, s.description) for s in p.steps if s.description),
    )


def _unit_lines(fw: Framework) -> list[tuple[Unit, str | None]]:
    """Each unit and the unit it is drawn under: its `parent`, or for a unit without
    one, the unit headed by the role its head reports to, so the chart follows the line
    of command (the board above the chief executive's office above the departments)."""
    headed: dict[str, str] = {}
    for u in fw.units:
        if u.head is not None:
            headed.setdefault(u.head, u.id)
    reports_to = {r.id: r.reports_to for r in fw.roles}
    out = []
    for u in fw.units:
        up = u.parent
        if up is None and u.head is not None:
            up = headed.get(reports_to.get(u.head) or "")
        out.append((u, up if up != u.id else None))
    return out


def _position_groups(at: Lookup) -> tuple[PositionGroup, ...]:
    """The positions by unit: the relationship office's first, then the other units in
    the framework's order; roles whose unit is unknown (only with its rule off) last."""
    fw = at.fw
    by_unit: dict[str, list[Link]] = {}
    for r in fw.roles:
        by_unit.setdefault(r.unit, []).append(at.link(r.id))
    offices = [u for u in fw.units if u.kind == "relationship-office"]
    others = [u for u in fw.units if u.kind != "relationship-office"]
    groups = [
        PositionGroup(at.link(u.id), u.kind == "relationship-office", tuple(by_unit.pop(u.id)))
        for u in (*offices, *others)
        if u.id in by_unit
    ]
    stray = tuple(link for links in by_unit.values() for link in links)
    return (*groups, *((PositionGroup(None, False, stray),) if stray else ()))


def _capacity(at: Lookup) -> tuple[tuple[CapacityRow, ...], tuple[CapacityRow, ...]]:
    """Per relationship manager role, and per incumbent of one: the FTE it holds, the
    FTE its relationships are allocated, and how many relationships."""
    fw = at.fw
    managed: dict[str, list[float]] = {}
    assigned: dict[str, list[float]] = {}
    for rel in fw.relationships:
        managed.setdefault(rel.manager, []).append(rel.allocation or 0.0)
        if rel.assignee is not None:
            assigned.setdefault(rel.assignee, []).append(rel.allocation or 0.0)
    roles, seats = [], []
    for role in fw.roles:
        if role.id not in managed:
            continue
        link = at.link(role.id)
        named = role.incumbents or []
        held = sum(role.fte_of(s) for s in named)
        held += (role.positions - len(named)) * role.seat_fte
        alloc = managed[role.id]
        roles.append(CapacityRow(role.title, link, held, sum(alloc), len(alloc)))
        for seat in named:
            fte = role.fte_of(seat)
            mine = assigned.get(seat.id, [])
            seats.append(CapacityRow(at.seat_name(seat.id), link, fte, sum(mine), len(mine)))
    return tuple(roles), tuple(seats)


def _glance(at: Lookup, capacity: tuple[CapacityRow, ...]) -> tuple[Fact, ...]:
    """The framework in a few lines, for the first page of a board pack."""
    fw = at.fw
    business = {u.id for u in fw.units if u.kind == "business"}
    served = len(business & {r.unit for r in fw.relationships})
    facts = [("Business units with a relationship", f"{served} of {len(business)}")]
    if capacity:
        held, given = sum(c.fte for c in capacity), sum(c.allocated for c in capacity)
        facts.append(
            ("Relationship management capacity", f"{number(given)} of {number(held)} FTE allocated")
        )
    levels = [r.maturity for r in fw.relationships if r.maturity is not None]
    if levels:
        now = sum(m.current for m in levels) / len(levels)
        aim = sum(m.target for m in levels) / len(levels)
        seen = [m.business_view for m in levels if m.business_view is not None]
        text = f"{now:.1f} today → {aim:.1f} aimed for (average of {len(levels)})"
        if seen:
            text += f"; {sum(seen) / len(seen):.1f} as the business sees it ({len(seen)} rated)"
        facts.append(("Relationship maturity", text))
    counts = [
        ("Positions", len(fw.roles)),
        ("Governance bodies", len(fw.governance)),
        ("Policies", len(fw.policies)),
        ("Processes", len(fw.processes)),
        ("Communications", len(fw.communications)),
        ("Indicators", len(fw.indicators)),
    ]
    facts.append(("In the framework", ", ".join(f"{n} {label.lower()}" for label, n in counts)))
    due = sorted(
        (d, name)
        for d, name in (
            *((p.review_by, p.title) for p in fw.policies),
            *((b.next_review, f"{b.name} terms of reference") for b in fw.governance),
            *(
                (r.plan.next_review, f"{at.names.get(r.unit, r.unit)} relationship plan")
                for r in fw.relationships
                if r.plan is not None
            ),
        )
        if d is not None
    )
    if due:
        first, what = due[0]
        facts.append(("Review dates set", f"{len(due)}; the earliest is {first} ({what})"))
    return tuple(Fact(label, value) for label, value in facts)
