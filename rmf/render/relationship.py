"""The relationship profile of a business unit: who serves it at what tier, what it is
after, the plan's actions, and where it sits in governance and the communication plan."""

from __future__ import annotations

from dataclasses import dataclass

from rmf.model.framework import Framework
from rmf.model.organisation import Unit
from rmf.model.practice import Indicator
from rmf.model.relationships import Relationship
from rmf.render.derive import (
    MATURITY,
    Lookup,
    figure,
    human,
    indicator_row,
    meta,
    number,
    often,
    reaches,
    when,
)
from rmf.render.kinds import BY_NAME, doc_path, subject
from rmf.render.views import Fact, IndicatorRow, Link, Meta

STATUS = {"open": "Open", "in-progress": "In progress", "done": "Done", "dropped": "Dropped"}


@dataclass(frozen=True)
class ActionRow:
    """An action of the relationship plan."""

    text: str
    owner: Link
    due: str | None
    status: str


@dataclass(frozen=True)
class RelationshipView:
    """A relationship profile: one per relationship. A field that is empty (or None) is a
    section the document leaves out."""

    meta: Meta
    id: str
    unit: Link
    structure: tuple[Link, ...]  # the units above it, nearest first
    goals: tuple[str, ...]
    people: tuple[Fact, ...]  # manager, backup, counterpart: the roles and who holds them
    manager: Link
    backup: Link | None
    counterpart: Link | None
    tier: str | None
    tier_gets: str | None
    tier_facts: tuple[Fact, ...]  # planning, least review, forums
    engagement: tuple[Fact, ...]  # allocation, review cadence, maturity, plan dates
    services: tuple[str, ...]
    actions: tuple[ActionRow, ...]
    bodies: tuple[Link, ...]  # where the unit is represented, through its head or counterpart
    communications: tuple[Link, ...]
    indicators: tuple[IndicatorRow, ...]
    index: Link
    # the unit as it states itself: what it does, who heads it, its staff, where it is
    about: str | None = None
    head: Link | None = None
    headcount: str | None = None
    location: str | None = None


def _maturity(level: int) -> str:
    return f"{level} ({MATURITY.get(level, '')})".replace(" ()", "")


def _units(fw: Framework) -> dict[str, Unit]:
    return {u.id: u for u in fw.units}


def _above(unit: str, units: dict[str, Unit]) -> list[str]:
    """The units above a unit, nearest first."""
    chain: list[str] = []
    found = units.get(unit)
    current = found.parent if found else None
    while current is not None and current not in chain:
        chain.append(current)
        found = units.get(current)
        current = found.parent if found else None
    return chain


def _by_unit(fw: Framework) -> list[Indicator]:
    return [i for i in fw.indicators if i.by_unit]


def _seats(fw: Framework) -> dict[str, set[int]]:
    """The places (in the framework's list) of the governance bodies each role sits on."""
    seats: dict[str, set[int]] = {}
    for place, body in enumerate(fw.governance):
        for member in body.members:
            seats.setdefault(member.role, set()).add(place)
    return seats


def _reached(fw: Framework, look: Lookup) -> dict[str, list[str]]:
    """The communications that reach each unit, in the plan's order, computed once."""
    out: dict[str, list[str]] = {}
    for c in fw.communications:
        for hit in reaches(c, look):
            out.setdefault(hit.unit.id, []).append(c.id)
    return out


def relationship(rel: Relationship, look: Lookup) -> RelationshipView:
    at, fw = look.at(BY_NAME["relationship"].folder), look.fw
    units = look.shared("units", _units)
    unit = units.get(rel.unit)
    manager, backup, counterpart = (
        at.link(rel.manager),
        at.maybe(rel.backup),
        at.maybe(rel.counterpart),
    )
    people = [
        (
            "Relationship manager",
            manager.name + (f" — {at.seat_name(rel.assignee)}" if rel.assignee else ""),
        ),
    ]
    if backup is not None:
        named = f" — {at.seat_name(rel.backup_assignee)}" if rel.backup_assignee else ""
        people.append(("Backup", backup.name + named))
    if counterpart is not None:
        people.append(("Business counterpart", counterpart.name))
    tier = next((t for t in fw.engagement_model if t.tier == rel.tier), None)
    tier_facts = []
    if tier is not None:
        tier_facts = [
            ("Relationship plan", tier.planning),
            ("Reviewed at least", often(tier.review).lower() if tier.review else None),
            ("Forums", ", ".join(at.link(b).name for b in tier.forums or []) or None),
        ]
    engagement = [
        (
            "Allocation",
            f"{number(rel.allocation)} FTE of the manager's time" if rel.allocation else None,
        ),
        ("Reviewed", often(rel.review) if rel.review else None),
    ]
    if rel.maturity is not None:
        engagement.append(("Maturity today (IT's view)", _maturity(rel.maturity.current)))
        if rel.maturity.business_view is not None:
            engagement.append(
                ("Maturity today (the unit's view)", _maturity(rel.maturity.business_view))
            )
        engagement.append(("Maturity aimed for", _maturity(rel.maturity.target)))
    if rel.plan is not None:
        engagement.append(("Plan approved", when(rel.plan.approved)))
        engagement.append(("Plan next reviewed", when(rel.plan.next_review)))
    represented = {r for r in (unit.head if unit else None, rel.counterpart) if r}
    seats = look.shared("bodies of roles", _seats)  # the bodies each role sits on
    places = sorted({place for role in represented for place in seats.get(role, ())})
    bodies = [at.link(fw.governance[place].id) for place in places]
    reached = look.shared("reached", lambda fw: _reached(fw, look))
    communications = [at.link(c) for c in reached.get(rel.unit, [])]
    return RelationshipView(
        meta=meta(fw),
        id=rel.id,
        unit=at.link(rel.unit),
        structure=tuple(at.link(u) for u in _above(rel.unit, units)),
        goals=tuple(unit.goals or []) if unit else (),
        about=unit.description if unit else None,
        head=at.maybe(unit.head) if unit else None,
        headcount=figure(unit.headcount) if unit and unit.headcount else None,
        location=unit.location if unit else None,
        people=tuple(Fact(label, value) for label, value in people),
        manager=manager,
        backup=backup,
        counterpart=counterpart,
        tier=human(rel.tier) if rel.tier else None,
        tier_gets=tier.description if tier else None,
        tier_facts=tuple(Fact(label, value) for label, value in tier_facts if value),
        engagement=tuple(Fact(label, value) for label, value in engagement if value),
        services=tuple(rel.services or []),
        actions=tuple(
            ActionRow(a.text, at.link(a.owner), when(a.due), STATUS.get(a.status, a.status))
            for a in rel.actions or []
        ),
        bodies=tuple(bodies),
        communications=tuple(communications),
        indicators=tuple(indicator_row(i, at) for i in look.shared("by-unit", _by_unit)),
        index=at.link_to(doc_path("index"), subject("index")),
    )
