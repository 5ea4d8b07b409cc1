"""Build the view of every document: one per role, one per body, the plan and the index."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from rmf.model.framework import Framework
from rmf.model.governance import Body
from rmf.model.organisation import Role, WorkingConditions
from rmf.render.derive import (
    FREQUENCIES,
    Lookup,
    communication_row,
    human,
    indicator_row,
    meta,
    number,
    often,
    relationship_row,
)
from rmf.render.kinds import BY_NAME, KINDS, TABLE, Kind, doc_path, subject
from rmf.render.overview import index
from rmf.render.views import (
    AudienceRow,
    CharterView,
    CommunicationGroup,
    CommunicationRow,
    ContactRow,
    DecisionRow,
    Document,
    Group,
    IndexView,
    Link,
    PlanView,
    PositionView,
    RaciRow,
    ResponsibilityRow,
    Seat,
    UnitReach,
)

T = TypeVar("T")


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _grouped(
    items: Iterable[T], key: Callable[[T], str], order: Iterable[str] = ()
) -> list[tuple[str, list[T]]]:
    """Items grouped by key: keys in `order` first, the rest in order of appearance."""
    groups: dict[str, list[T]] = {k: [] for k in order}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [(k, v) for k, v in groups.items() if v]


def _demands(conditions: str | WorkingConditions | None) -> tuple[Group, ...]:
    """Working conditions written as a mapping, one group per kind of demand."""
    if not isinstance(conditions, WorkingConditions):
        return ()
    kinds = ("physical", "environmental", "sensory", "mental")
    found = ((k, getattr(conditions, k)) for k in kinds)
    return tuple(Group(f"{k.capitalize()} demands", (text,)) for k, text in found if text)


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
                ex_officio=_yes(seat.ex_officio) if seat else "—",
                term=seat.term if seat else None,
            )
        )
    raci = [RaciRow(at.link(p.id), step, letters) for p, step, letters in facts.raci]
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
    return PositionView(
        meta=meta(fw),
        id=rid,
        title=role.title,
        unit=at.link(role.unit),
        reports_to=at.maybe(role.reports_to),
        classification=role.classification,
        positions=role.positions,
        purpose=role.purpose,
        responsibilities=tuple(
            ResponsibilityRow(
                r.text, f"{number(r.time)}%" if r.time else None, tuple(r.activities or [])
            )
            for r in role.responsibilities
        ),
        decisions=tuple(role.decisions or []),
        supervises=tuple(at.link(r) for r in facts.supervises),
        heads=tuple(at.link(u) for u in facts.heads),
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
        raci=tuple(raci),
        processes_owned=tuple(at.link(p) for p in facts.processes),
        policies_owned=tuple(at.link(p) for p in facts.policies),
        communications=tuple(communication_row(c, at) for c in facts.communications),
        indicators=tuple(indicator_row(i, at) for i in facts.indicators),
        qualifications=tuple(Group(label, tuple(items)) for label, items in groups if items),
        competencies=tuple(
            f"{c.framework.upper() if c.framework.islower() else c.framework} {c.code} "
            f"level {c.level}"
            for c in role.competencies or []
        ),
        working_conditions=conditions if isinstance(conditions, str) else None,
        demands=_demands(conditions),
        index=at.link_to(doc_path("index"), subject("index")),
    )


def charter(body: Body, look: Lookup) -> CharterView:
    at, fw, bid = look.at(BY_NAME["charter"].folder), look.fw, body.id
    members = []
    for m in body.members:
        offices = [
            o for o, who in (("Chair", body.chair), ("Secretary", body.secretary)) if who == m.role
        ]
        members.append(
            Seat(at.link(m.role), ", ".join(offices), _yes(m.voting), _yes(m.ex_officio), m.term)
        )
    return CharterView(
        meta=meta(fw),
        id=bid,
        name=body.name,
        type=human(body.type),
        purpose=body.purpose,
        authority=body.authority,
        reports_to=at.maybe(body.reports_to),
        scope_in=tuple(body.scope.in_ or []) if body.scope else (),
        scope_out=tuple(body.scope.out or []) if body.scope else (),
        decision_rights=tuple(
            DecisionRow(d.decision, human(d.type)) for d in body.decision_rights or []
        ),
        chair=at.link(body.chair),
        secretary=at.maybe(body.secretary),
        members=tuple(members),
        voting_members=sum(1 for m in body.members if m.voting),
        quorum=str(body.quorum) if body.quorum is not None else None,
        voting_rule=human(body.voting_rule) if body.voting_rule else None,
        meets=often(body.meets),
        escalates_to=at.maybe(body.escalates_to),
        reporting_bodies=tuple(at.link(b.id) for b in fw.governance if b.reports_to == bid),
        escalating_bodies=tuple(at.link(b.id) for b in fw.governance if b.escalates_to == bid),
        indicators=tuple(
            indicator_row(i, at) for i in fw.indicators if bid in (i.reported_to or [])
        ),
        communications=tuple(
            communication_row(c, at) for c in fw.communications if bid in c.audience
        ),
        policies_approved=tuple(at.link(p.id) for p in fw.policies if p.approved_by == bid),
        review=often(body.review) if body.review else None,
        index=at.link_to(doc_path("index"), subject("index")),
    )


def plan(look: Lookup) -> PlanView:
    at, fw = look, look.fw
    rows = [communication_row(c, at) for c in fw.communications]
    parties = list(dict.fromkeys(a for c in fw.communications for a in c.audience))
    audiences = tuple(
        AudienceRow(at.link(p), at.party_kind(p), tuple(p in c.audience for c in fw.communications))
        for p in parties
    )

    def groups(
        key: Callable[[CommunicationRow], str], order: Iterable[str] = ()
    ) -> tuple[CommunicationGroup, ...]:
        return tuple(CommunicationGroup(k, tuple(v)) for k, v in _grouped(rows, key, order))

    reached: dict[str, list[tuple[Link, Link | None]]] = {}
    for row in rows:
        for hit in row.reaches:
            reached.setdefault(hit.unit.id, []).append((row.link, hit.via))
    reach = [
        UnitReach(at.link(unit.id), tuple(reached.get(unit.id, ())))
        for unit in fw.units
        if unit.kind == "business"
    ]
    return PlanView(
        meta=meta(fw),
        communications=tuple(rows),
        audiences=audiences,
        calendar=groups(lambda r: r.frequency, (often(f) for f in FREQUENCIES)),
        channels=groups(lambda r: r.channel),
        owners=groups(lambda r: r.owner.name),
        reach=tuple(reach),
        unreached=tuple(r.unit for r in reach if not r.communications),
        indicators=tuple({i.id: i for r in rows for i in r.indicators}.values()),
        index=at.link_to(doc_path("index"), subject("index")),
    )


def documents(fw: Framework, kinds: Iterable[str] = KINDS) -> list[Document]:
    """Every document of the chosen kinds, in a stable order: index, plan, charters,
    positions, each in framework order."""
    look, chosen = Lookup(fw), set(kinds)
    out: list[Document] = []
    for kind in reversed(TABLE):
        if kind.name not in chosen:
            continue
        if kind.name == "index":
            out.append(_one(kind, fw.framework.name, index(look)))
        elif kind.name == "communication-plan":
            out.append(_one(kind, kind.subject, plan(look)))
        elif kind.name == "charter":
            out.extend(_one(kind, b.name, charter(b, look), b.id) for b in fw.governance)
        else:
            out.extend(_one(kind, r.title, position(r, look), r.id) for r in fw.roles)
    return out


def _one(
    kind: Kind, title: str, view: PositionView | CharterView | PlanView | IndexView, ident: str = ""
) -> Document:
    return Document(kind.name, kind.template, doc_path(kind.name, ident), title, view)


def all_paths(fw: Framework) -> frozenset[str]:
    """The path of every document the framework has, rendered or not: links may point
    at documents a partial render (`--only`) leaves out."""
    paths = [doc_path("index"), doc_path("communication-plan")]
    paths += [doc_path("charter", b.id) for b in fw.governance]
    paths += [doc_path("position", r.id) for r in fw.roles]
    return frozenset(paths)
