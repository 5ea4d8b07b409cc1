"""The terms of reference (charter) of a governance body: its mandate, membership in
seats, how it meets and decides, and what the framework says of it elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.model.framework import Framework
from rmf.model.governance import Body
from rmf.model.organisation import Role
from rmf.render.derive import (
    Lookup,
    communication_row,
    figure,
    human,
    indicator_row,
    meta,
    often,
    when,
)
from rmf.render.kinds import BY_NAME, doc_path, subject
from rmf.render.views import (
    CommunicationRow,
    DecisionRow,
    Fact,
    Group,
    IndicatorRow,
    Link,
    Meta,
    Seat,
)

PROCEDURES = (
    ("notice", "Notice of meetings"),
    ("papers", "Papers"),
    ("minutes", "Minutes"),
    ("alternates", "Alternates and attendees"),
    ("conflicts", "Conflicts of interest"),
    ("confidentiality", "Confidentiality"),
    ("between_meetings", "Decisions between meetings"),
    ("attendance", "Attendance"),
)


@dataclass(frozen=True)
class CharterView:
    """Terms of reference of a governance body, with the bodies, indicators and
    communications that point at it. A field that is empty (or None) is a section the
    document leaves out."""

    meta: Meta
    id: str
    name: str
    type: str
    purpose: str
    authority: str | None
    reports_to: Link | None
    scope_in: tuple[str, ...]
    scope_out: tuple[str, ...]
    decision_rights: tuple[DecisionRow, ...]
    chair: Link
    vice_chair: Link | None
    secretary: Link | None
    members: tuple[Seat, ...]
    seats: int  # every seat of the body
    voting_members: int  # its voting seats
    quorum: str | None  # the quorum in seats and in words, as stated
    voting_rule: str | None
    tie_break: str | None
    meets: str
    escalates_to: Link | None
    reporting_bodies: tuple[Link, ...]
    escalating_bodies: tuple[Link, ...]  # only those that do not also report to it
    duties: tuple[Group, ...]
    procedures: tuple[Fact, ...]
    reporting: str | None
    indicators: tuple[IndicatorRow, ...]
    communications: tuple[CommunicationRow, ...]
    policies_approved: tuple[Link, ...]
    approval: tuple[Fact, ...]  # version, approval and review dates
    review: str | None
    signatures: tuple[str, ...]
    index: Link


def _quorum(body: Body) -> str | None:
    if body.quorum is not None and body.quorum_rule:
        return f"{figure(body.quorum)} voting seats — {body.quorum_rule}"
    if body.quorum is not None:
        return f"{figure(body.quorum)} voting seats"
    return body.quorum_rule


def _approval(body: Body, at: Lookup) -> tuple[Fact, ...]:
    approver = at.maybe(body.approved_by)
    found = [
        ("Version", body.version),
        ("Approved by", approver.name if approver else None),
        ("Approved", when(body.approved)),
        ("Last reviewed", when(body.last_reviewed)),
        ("Next review", when(body.next_review)),
    ]
    return tuple(Fact(label, value) for label, value in found if value)


def _reporting(body: Body, at: Lookup) -> str | None:
    if body.reporting is None:
        return None
    to = at.maybe(body.reporting.to or body.reports_to)
    whom = f" to the {to.name}" if to else ""
    how = often(body.reporting.frequency).lower()
    return f"{body.reporting.what.rstrip('.')}: reported{whom} {how}."


def _signatures(body: Body, look: Lookup) -> tuple[str, ...]:
    settings = look.fw.documents.charter if look.fw.documents else None
    if settings is not None and settings.signatures:
        return tuple(settings.signatures)
    approver = next((b for b in look.fw.governance if b.id == body.approved_by), None)
    if approver is None:
        return ()
    chair = look.shared("roles", _roles).get(approver.chair)
    return (f"Chair of the {approver.name}" + (f" ({chair.title})" if chair else ""),)


def _roles(fw: Framework) -> dict[str, Role]:
    return {r.id: r for r in fw.roles}


def _positions(fw: Framework) -> dict[str, int]:
    return {r.id: r.positions for r in fw.roles}


def charter(body: Body, look: Lookup) -> CharterView:
    at, fw, bid = look.at(BY_NAME["charter"].folder), look.fw, body.id
    positions = look.shared("positions", _positions)
    officers = (
        ("Chair", body.chair),
        ("Vice-chair", body.vice_chair),
        ("Secretary", body.secretary),
    )
    members = []
    for m in body.members:
        offices = [o for o, who in officers if who == m.role]
        members.append(
            Seat(
                at.link(m.role),
                ", ".join(offices),
                "Yes" if m.voting else "No",
                "Yes" if m.ex_officio else "No",
                m.term,
                figure(body.seats_of(m, positions)),
            )
        )
    reporting = tuple(at.link(b.id) for b in fw.governance if b.reports_to == bid)
    escalating = tuple(
        at.link(b.id) for b in fw.governance if b.escalates_to == bid and b.reports_to != bid
    )  # bodies are few: a scan per charter costs nothing
    duties = body.duties
    groups = [
        ("The chair", duties.chair if duties else None),
        ("The secretary", duties.secretary if duties else None),
        ("Every member", duties.members if duties else None),
    ]
    procedures = body.procedures
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
        vice_chair=at.maybe(body.vice_chair),
        secretary=at.maybe(body.secretary),
        members=tuple(members),
        seats=sum(body.seats_of(m, positions) for m in body.members),
        voting_members=body.voting_seats(positions),
        quorum=_quorum(body),
        voting_rule=human(body.voting_rule) if body.voting_rule else None,
        tie_break=body.tie_break,
        meets=often(body.meets),
        escalates_to=at.maybe(body.escalates_to),
        reporting_bodies=reporting,
        escalating_bodies=escalating,
        duties=tuple(Group(label, tuple(items)) for label, items in groups if items),
        procedures=tuple(
            Fact(label, getattr(procedures, key))
            for key, label in PROCEDURES
            if procedures is not None and getattr(procedures, key)
        ),
        reporting=_reporting(body, at),
        indicators=tuple(
            indicator_row(i, at) for i in fw.indicators if bid in (i.reported_to or [])
        ),
        communications=tuple(
            communication_row(c, at) for c in fw.communications if bid in c.audience
        ),
        policies_approved=tuple(at.link(p.id) for p in fw.policies if p.approved_by == bid),
        approval=_approval(body, at),
        review=often(body.review) if body.review else None,
        signatures=_signatures(body, look),
        index=at.link_to(doc_path("index"), subject("index")),
    )
