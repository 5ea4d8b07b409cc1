"""The communication plan: the plan's purpose, every communication, who receives what and
hears what, when in the year, the stakeholder map, and how the plan is evaluated."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from rmf.model.practice import Communication
from rmf.render.derive import (
    FREQUENCIES,
    MONTHS,
    Lookup,
    communication_row,
    human,
    meta,
    often,
)
from rmf.render.diagrams import Diagram
from rmf.render.kinds import doc_path, subject
from rmf.render.markup import Md
from rmf.render.stakeholders import StakeholderRow, stakeholder_map, stakeholder_rows
from rmf.render.views import CommunicationRow, Fact, IndicatorRow, Link, Meta

T = TypeVar("T")
# Frequencies that put a communication in every month of the year.
EVERY_MONTH = frozenset({"continuous", "weekly", "biweekly", "monthly"})
MONTH_HEADS = tuple(m[:3] for m in MONTHS)


@dataclass(frozen=True)
class TimelineRow:
    """A communication on the plan's twelve-month grid: the months it happens in."""

    communication: Link
    channel: str
    frequency: str
    months: tuple[bool, ...]

    @property
    def cells(self) -> Md:
        """The row's month cells, ` ● |` or `  |` each."""
        return Md("".join(" ● |" if on else "  |" for on in self.months))


@dataclass(frozen=True)
class Heard:
    """The key messages an audience hears through one communication."""

    communication: Link
    channel: str
    frequency: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class AudienceMessages:
    """Everything some audiences hear across every channel of the plan: audiences that
    hear exactly the same are listed together."""

    parties: tuple[Link, ...]
    heard: tuple[Heard, ...]


@dataclass(frozen=True)
class AudienceRow:
    """An audience and, per communication of the plan, whether it receives it."""

    party: Link
    kind: str
    receives: tuple[bool, ...]

    @property
    def ticks(self) -> Md:
        """The row's cells of the audience matrix, ` ✓ |` or `  |` each, made in one go:
        a plan for a thousand units has a hundred thousand of them."""
        return Md("".join(" ✓ |" if got else "  |" for got in self.receives))


@dataclass(frozen=True)
class CommunicationGroup:
    """Communications sharing a frequency, channel or owner."""

    label: str
    items: tuple[CommunicationRow, ...]


@dataclass(frozen=True)
class UnitReach:
    """A business unit and the communications that reach it."""

    unit: Link
    communications: tuple[tuple[Link, Link | None], ...]

    @property
    def direct(self) -> tuple[Link, ...]:
        """The communications with the unit itself in their audience."""
        return tuple(c for c, via in self.communications if via is None)

    @property
    def through(self) -> tuple[tuple[Link, tuple[Link, ...]], ...]:
        """The communications that reach it through an audience unit above it, by unit."""
        groups: dict[Link, list[Link]] = {}
        for c, via in self.communications:
            if via is not None:
                groups.setdefault(via, []).append(c)
        return tuple((via, tuple(cs)) for via, cs in groups.items())


@dataclass(frozen=True)
class PlanView:
    """The communication plan: items, audience matrix, calendar, channels, owners, reach."""

    meta: Meta
    communications: tuple[CommunicationRow, ...]
    audiences: tuple[AudienceRow, ...]
    calendar: tuple[CommunicationGroup, ...]
    channels: tuple[CommunicationGroup, ...]
    owners: tuple[CommunicationGroup, ...]
    reach: tuple[UnitReach, ...]
    unreached: tuple[Link, ...]
    indicators: tuple[IndicatorRow, ...]
    index: Link
    purpose: str | None = None  # the plan's own purpose, objectives and review (1.1)
    objectives: tuple[str, ...] = ()
    about: tuple[Fact, ...] = ()  # owner, approval, review
    evaluation: str | None = None
    timeline: tuple[TimelineRow, ...] = ()  # communications tied to months
    unscheduled: tuple[CommunicationGroup, ...] = ()  # the others, by frequency
    heard: tuple[AudienceMessages, ...] = ()  # key messages by audience
    stakeholders: tuple[StakeholderRow, ...] = ()
    stakeholder_map: Diagram | None = None
    unreached_stakeholders: tuple[Link, ...] = ()
    month_heads: tuple[str, ...] = MONTH_HEADS


def _grouped(
    items: Iterable[T], key: Callable[[T], str], order: Iterable[str] = ()
) -> list[tuple[str, list[T]]]:
    """Items grouped by key: keys in `order` first, the rest in order of appearance."""
    groups: dict[str, list[T]] = {k: [] for k in order}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [(k, v) for k, v in groups.items() if v]


def plan(look: Lookup) -> PlanView:
    """The communication plan of the whole framework."""
    at, fw = look, look.fw
    rows = [communication_row(c, at) for c in fw.communications]
    parties = list(dict.fromkeys(a for c in fw.communications for a in c.audience))
    audience_of = [frozenset(c.audience) for c in fw.communications]
    audiences = tuple(
        AudienceRow(at.link(p), at.party_kind(p), tuple(p in a for a in audience_of))
        for p in parties
    )

    def groups(
        items: Iterable[CommunicationRow],
        key: Callable[[CommunicationRow], str],
        order: Iterable[str] = (),
    ) -> tuple[CommunicationGroup, ...]:
        return tuple(CommunicationGroup(k, tuple(v)) for k, v in _grouped(items, key, order))

    reached: dict[str, list[tuple[Link, Link | None]]] = {}
    for row in rows:
        for hit in row.reaches:
            reached.setdefault(hit.unit.id, []).append((row.link, hit.via))
    reach = [
        UnitReach(at.link(unit.id), tuple(reached.get(unit.id, ())))
        for unit in fw.units
        if unit.kind == "business"
    ]
    by_frequency = [often(f) for f in FREQUENCIES]
    timed = [scheduled(c) for c in fw.communications]
    stakeholders = stakeholder_rows(at, _receivers(at))
    return PlanView(
        meta=meta(fw),
        communications=tuple(rows),
        audiences=audiences,
        calendar=groups(rows, lambda r: r.frequency, by_frequency),
        channels=groups(rows, lambda r: r.channel),
        owners=groups(rows, lambda r: r.owner.name),
        reach=tuple(reach),
        unreached=tuple(r.unit for r in reach if not r.communications),
        indicators=tuple({i.id: i for r in rows for i in r.indicators}.values()),
        index=at.link_to(doc_path("index"), subject("index")),
        timeline=timeline(fw.communications, rows),
        unscheduled=groups(
            (row for row, t in zip(rows, timed, strict=True) if not t),
            lambda r: r.frequency,
            by_frequency,
        ),
        heard=_heard(at),
        stakeholders=stakeholders,
        unreached_stakeholders=tuple(s.party for s in stakeholders if not s.receives),
        stakeholder_map=stakeholder_map(stakeholders, f"Stakeholder map of {fw.framework.client}"),
        **_plan_itself(look),
    )


def scheduled(c: Communication) -> bool:
    """Whether a communication has a place on the twelve-month grid: its months are
    given, or it happens every month."""
    return c.months is not None or c.frequency in EVERY_MONTH


def timeline(
    communications: Iterable[Communication], rows: Iterable[CommunicationRow]
) -> tuple[TimelineRow, ...]:
    """The communications on the twelve-month grid, each with its months."""
    return tuple(
        _timeline_row(c, row) for c, row in zip(communications, rows, strict=True) if scheduled(c)
    )


def _timeline_row(c: Communication, row: CommunicationRow) -> TimelineRow:
    months = set(c.months) if c.months is not None else set(range(1, 13))
    return TimelineRow(
        row.link, row.channel, row.frequency, tuple(m in months for m in range(1, 13))
    )


def _receivers(at: Lookup) -> Callable[[str], tuple[Link, ...]]:
    """The communications that reach a party: those with it in their audience and, for a
    unit, those with a unit above it."""
    direct: dict[str, list[str]] = {}
    for c in at.fw.communications:
        for member in dict.fromkeys(c.audience):
            direct.setdefault(member, []).append(c.id)

    order = {c.id: i for i, c in enumerate(at.fw.communications)}

    def receives(ident: str) -> tuple[Link, ...]:
        # a unit and each unit above it; any other party is its own only entry
        found = dict.fromkeys(c for unit in at.ancestors(ident) for c in direct.get(unit, ()))
        return tuple(at.link(c) for c in sorted(found, key=order.__getitem__))

    return receives


def _heard(at: Lookup) -> tuple[AudienceMessages, ...]:
    """Each audience and the key messages it hears across the plan: a message with `for`
    is heard by those parties, one without by the communication's whole audience; a unit
    also hears what is addressed to a unit above it."""
    fw = at.fw
    targets: list[tuple[Communication, str, list[str]]] = []
    for c in fw.communications:
        for m in c.messages or []:
            text, for_ = (m, None) if isinstance(m, str) else (m.text, m.for_)
            targets.append((c, text, list(dict.fromkeys(for_ or c.audience))))
    parties = list(dict.fromkeys(p for _, _, ts in targets for p in ts))
    # who hears what is addressed to a party: the party, and the parties below it
    hearers: dict[str, list[str]] = {p: [] for p in parties}
    for p in parties:
        for above in at.ancestors(p):
            if above in hearers:
                hearers[above].append(p)
    heard: dict[str, dict[str, dict[str, None]]] = {p: {} for p in parties}
    for c, text, ts in targets:
        for t in ts:
            for p in hearers[t]:
                heard[p].setdefault(c.id, {})[text] = None
    together: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}
    for p in parties:
        key = tuple((c, tuple(texts)) for c, texts in heard[p].items())
        together.setdefault(key, []).append(p)
    channel = {c.id: (human(c.channel), often(c.frequency)) for c in fw.communications}
    return tuple(
        AudienceMessages(
            at.links(group),
            tuple(Heard(at.link(c), *channel[c], texts) for c, texts in key),
        )
        for key, group in together.items()
    )


def _plan_itself(look: Lookup) -> dict[str, Any]:
    """What the framework says of the plan as a whole (`communication_plan`)."""
    stated = look.fw.communication_plan
    if stated is None:
        return {}
    owner, approver = look.maybe(stated.owner), look.maybe(stated.approved_by)
    about = [
        ("Owner", owner.name if owner else None),
        ("Approved by", approver.name if approver else None),
        ("Reviewed", often(stated.review) if stated.review else None),
    ]
    return {
        "purpose": stated.purpose,
        "objectives": tuple(stated.objectives or []),
        "about": tuple(Fact(label, value) for label, value in about if value),
        "evaluation": stated.evaluation,
    }
