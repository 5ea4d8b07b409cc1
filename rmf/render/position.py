"""The position description of a role: what the role states, its scope derived from the
framework, and what the framework says of it elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.model.framework import Framework
from rmf.model.organisation import Role, Unit, WorkingConditions
from rmf.model.practice import Process
from rmf.model.relationships import Relationship
from rmf.render.derive import (
    Lookup,
    communication_row,
    figure,
    human,
    indicator_row,
    meta,
    number,
    often,
    relationship_row,
    when,
)
from rmf.render.kinds import BY_NAME, doc_path, subject
from rmf.render.views import (
    CommunicationRow,
    ContactRow,
    Fact,
    Group,
    IndicatorRow,
    Link,
    Meta,
    RaciPart,
    RaciRow,
    RelationshipRow,
    ResponsibilityRow,
    Seat,
)

DEMANDS = ("physical", "environmental", "sensory", "mental")
# Names of the SFIA skills a relationship framework cites, for codes given without one.
SFIA_NAMES = {"RLMT": "Stakeholder relationship management"}


@dataclass(frozen=True)
class IncumbentRow:
    """A seat of the role: its position number, who holds it, its FTE."""

    number: str
    name: str
    fte: str


@dataclass(frozen=True)
class PositionView:
    """A position description: what the role states, and what the framework says of it.
    A field that is empty (or None) is a section the document leaves out."""

    meta: Meta
    id: str
    title: str
    unit: Link
    reports_to: Link | None
    classification: str | None
    positions: int
    identification: tuple[Fact, ...]  # job family, employment, FTE, location, numbers, date
    incumbents: tuple[IncumbentRow, ...]
    purpose: str
    responsibilities: tuple[ResponsibilityRow, ...]
    decisions: tuple[str, ...]
    scope: tuple[Fact, ...]  # derived figures, then the stated dimensions
    supervision_received: str | None
    supervises: tuple[Link, ...]
    heads: tuple[Link, ...]
    supervision: tuple[str, ...]  # sentences on supervision exercised, units headed included
    contacts: tuple[ContactRow, ...]
    manages: tuple[RelationshipRow, ...]
    backs_up: tuple[RelationshipRow, ...]
    counterpart_for: tuple[RelationshipRow, ...]
    seats: tuple[Seat, ...]
    raci: tuple[RaciRow, ...]
    raci_by_process: tuple[RaciPart, ...]
    processes_owned: tuple[Link, ...]
    policies_owned: tuple[Link, ...]
    communications: tuple[CommunicationRow, ...]
    indicators: tuple[IndicatorRow, ...]
    qualifications: tuple[Group, ...]
    competencies: tuple[str, ...]
    working_conditions: str | None
    demands: tuple[Group, ...]  # working conditions in the mapping form, by kind of demand
    signatures: tuple[str, ...]
    index: Link


PARTS = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}


def _raci_parts(raci: list[tuple[Process, str, str]], at: Lookup) -> tuple[RaciPart, ...]:
    """The role's letters grouped by process, then by letter, in the order of the steps:
    one row per process reads shorter than one per step."""
    by_process: dict[str, tuple[Process, dict[str, list[str]]]] = {}
    for process, step, letters in raci:
        held = by_process.setdefault(process.id, (process, {}))[1]
        word = " and ".join(PARTS[x] for x in letters.split(", ")).capitalize()
        held.setdefault(word, []).append(step)
    return tuple(
        RaciPart(at.link(p.id), tuple((word, tuple(steps)) for word, steps in held.items()))
        for p, held in by_process.values()
    )


def _demands(conditions: str | WorkingConditions | None) -> tuple[Group, ...]:
    """Working conditions written as a mapping, one group per kind of demand."""
    if not isinstance(conditions, WorkingConditions):
        return ()
    found = ((k, getattr(conditions, k)) for k in DEMANDS)
    return tuple(Group(f"{k.capitalize()} demands", (text,)) for k, text in found if text)


def _fte(value: float) -> str:
    return (
        "Full-time (1.0 FTE)"
        if value >= 1
        else f"Part-time ({number(value * 100)}%, {number(value)} FTE)"
    )


def _identification(role: Role) -> tuple[Fact, ...]:
    numbers = [s.position_number for s in role.incumbents or [] if s.position_number]
    found = [
        ("Position numbers" if len(numbers) > 1 else "Position number", ", ".join(numbers)),
        ("Job family", role.job_family),
        ("Employment", human(role.employment) if role.employment else None),
        ("FTE", _fte(role.fte) if role.fte is not None else None),
        ("Location", role.location),
        ("Date of this description", when(role.effective)),
    ]
    return tuple(Fact(label, value) for label, value in found if value)


@dataclass(frozen=True)
class _Scope:
    """The framework indexed for the scope of every position, built once."""

    direct: dict[str, list[Role]]  # the roles reporting to each role
    heads: dict[str, list[Unit]]  # the units each role heads
    total: dict[str, int]  # positions below each role, and the staff of units they head
    managed: dict[str, list[Relationship]]
    seated: dict[str, int]  # how many bodies each role sits on
    roles: dict[str, Role]

    @classmethod
    def of(cls, fw: Framework) -> _Scope:
        roles = {r.id: r for r in fw.roles}
        direct: dict[str, list[Role]] = {}
        for r in fw.roles:
            if r.reports_to is not None and r.reports_to in roles:
                direct.setdefault(r.reports_to, []).append(r)
        heads: dict[str, list[Unit]] = {}
        for u in fw.units:
            if u.head is not None:
                heads.setdefault(u.head, []).append(u)
        total: dict[str, int] = {}

        def count(ident: str, path: frozenset[str]) -> int:
            # below a role: its reports' positions and what is below them, and the staff
            # of the units it heads (no cycle: the framework validated)
            if ident not in total:
                staff = sum(u.headcount or 0 for u in heads.get(ident, []))
                below = sum(
                    r.positions + count(r.id, path | {ident})
                    for r in direct.get(ident, [])
                    if r.id not in path
                )
                total[ident] = staff + below
            return total[ident]

        for r in fw.roles:
            count(r.id, frozenset())
        managed: dict[str, list[Relationship]] = {}
        for rel in fw.relationships:
            managed.setdefault(rel.manager, []).append(rel)
        seated: dict[str, int] = {}
        for body in fw.governance:
            for role in {m.role for m in body.members}:
                seated[role] = seated.get(role, 0) + 1
        return cls(direct, heads, total, managed, seated, roles)


def _scope(role: Role, look: Lookup) -> tuple[tuple[Fact, ...], tuple[str, ...]]:
    """The scope figures of a role, and the sentences on the supervision it exercises."""
    index = look.shared("scope", _Scope.of)
    direct = index.direct.get(role.id, [])
    facts: list[tuple[str, str | None]] = []
    if direct:
        facts.append(("Positions supervised directly", figure(sum(r.positions for r in direct))))
    if index.total.get(role.id):
        facts.append(("Positions and staff supervised in total", figure(index.total[role.id])))
    managed = index.managed.get(role.id, [])
    if managed:
        fte = sum(r.allocation or 0 for r in managed)
        facts.append(("Business units served", figure(len(managed))))
        if fte:
            facts.append(("FTE allocated to relationships", number(round(fte, 2))))
    if index.seated.get(role.id):
        facts.append(("Governance bodies", figure(index.seated[role.id])))
    for d in role.dimensions or []:
        facts.append((d.measure, d.value))
    sentences: list[str] = []
    own_roles = look.shared("roles-by-unit", _roles_by_unit)
    for unit in index.heads.get(role.id, []):
        own = [r for r in own_roles.get(unit.id, []) if r.id != role.id]
        if unit.headcount:
            sentences.append(
                f"Heads the {unit.name}, whose {figure(unit.headcount)} staff are not "
                "described as positions in this framework."
            )
        elif not own and not direct:
            sentences.append(
                f"Heads the {unit.name}; its staff are not described in this framework."
            )
        else:
            sentences.append(f"Heads the {unit.name}.")
    return tuple(Fact(label, value) for label, value in facts if value), tuple(sentences)


def _roles_by_unit(fw: Framework) -> dict[str, list[Role]]:
    out: dict[str, list[Role]] = {}
    for r in fw.roles:
        out.setdefault(r.unit, []).append(r)
    return out


def _competency(framework: str, code: str, level: int, name: str | None) -> str:
    label = name or (SFIA_NAMES.get(code) if framework.lower() == "sfia" else None)
    source = "SFIA" if framework.lower() == "sfia" else framework
    return (
        f"{label} ({source} {code}), level {level}" if label else f"{source} {code}, level {level}"
    )


def _signatures(role: Role, look: Lookup) -> tuple[str, ...]:
    settings = look.fw.documents.position if look.fw.documents else None
    if settings is not None and settings.signatures:
        return tuple(settings.signatures)
    roles = look.shared("scope", _Scope.of).roles
    supervisor = roles.get(role.reports_to) if role.reports_to else None
    return (f"Supervisor ({supervisor.title})",) if supervisor else ()


def position(role: Role, look: Lookup) -> PositionView:
    at, fw, rid = look.at(BY_NAME["position"].folder), look.fw, role.id
    conditions = role.working_conditions
    facts = look.facts(rid)
    seats = []
    for body, seat, offices in facts.seats:
        seats.append(
            Seat(
                holder=at.link(body.id),
                offices=", ".join(offices) or "Member",
                voting=("Voting" if seat.voting else "Non-voting") if seat else "Not a member",
                ex_officio=("Yes" if seat.ex_officio else "No") if seat else "—",
                term=seat.term if seat else None,
                seats=figure(body.seats_of(seat, {role.id: role.positions})) if seat else "—",
            )
        )
    qualifications = role.qualifications
    groups = [
        (label, getattr(qualifications, field) if qualifications else None)
        for label, field in (
            ("Education", "education"),
            ("Experience", "experience"),
            ("Knowledge", "knowledge"),
            ("Skills and abilities", "skills"),
            ("Certifications", "certifications"),
        )
    ]
    groups.append(("Languages", role.language))
    scope, supervision = _scope(role, look)
    return PositionView(
        meta=meta(fw),
        id=rid,
        title=role.title,
        unit=at.link(role.unit),
        reports_to=at.maybe(role.reports_to),
        classification=role.classification,
        positions=role.positions,
        identification=_identification(role),
        incumbents=tuple(
            IncumbentRow(
                s.position_number or "—",
                s.name or "Vacant",
                number(role.fte_of(s)),
            )
            for s in role.incumbents or []
        ),
        purpose=role.purpose,
        responsibilities=tuple(
            ResponsibilityRow(
                r.text, f"{number(r.time)}%" if r.time else None, tuple(r.activities or [])
            )
            for r in role.responsibilities
        ),
        decisions=tuple(role.decisions or []),
        scope=scope,
        supervision_received=role.supervision_received,
        supervises=tuple(at.link(r) for r in facts.supervises),
        heads=tuple(at.link(u) for u in facts.heads),
        supervision=supervision,
        contacts=tuple(
            ContactRow(
                Link(c.with_, c.with_) if c.external else at.link(c.with_),
                c.purpose,
                often(c.frequency) if c.frequency else None,
            )
            for c in role.contacts or []
        ),
        manages=tuple(relationship_row(r, at) for r in facts.manages),
        backs_up=tuple(relationship_row(r, at) for r in facts.backs_up),
        counterpart_for=tuple(relationship_row(r, at) for r in facts.counterpart_for),
        seats=tuple(seats),
        raci=tuple(RaciRow(at.link(p.id), step, letters) for p, step, letters in facts.raci),
        raci_by_process=_raci_parts(facts.raci, at),
        processes_owned=tuple(at.link(p) for p in facts.processes),
        policies_owned=tuple(at.link(p) for p in facts.policies),
        communications=tuple(communication_row(c, at) for c in facts.communications),
        indicators=tuple(indicator_row(i, at) for i in facts.indicators),
        qualifications=tuple(Group(label, tuple(items)) for label, items in groups if items),
        competencies=tuple(
            _competency(c.framework, c.code, c.level, c.name) for c in role.competencies or []
        ),
        working_conditions=conditions if isinstance(conditions, str) else None,
        demands=_demands(conditions),
        signatures=_signatures(role, look),
        index=at.link_to(doc_path("index"), subject("index")),
    )
