"""Build the view of every document: one per role, one per body, the plan and the index."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from rmf.model.framework import Framework
from rmf.render.charter import CharterView, charter
from rmf.render.derive import (
    FREQUENCIES,
    Lookup,
    communication_row,
    meta,
    often,
)
from rmf.render.kinds import KINDS, TABLE, Kind, doc_path, subject
from rmf.render.overview import index
from rmf.render.position import PositionView, position
from rmf.render.relationship import RelationshipView, relationship
from rmf.render.views import (
    AudienceRow,
    CommunicationGroup,
    CommunicationRow,
    Document,
    Fact,
    IndexView,
    Link,
    PlanView,
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
        **_plan_itself(look),
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
        elif kind.name == "relationship":
            views = ((r.id, relationship(r, look)) for r in fw.relationships)
            out.extend(_one(kind, v.unit.name, v, ident) for ident, v in views)
        else:
            out.extend(_one(kind, r.title, position(r, look), r.id) for r in fw.roles)
    return out


def _one(
    kind: Kind,
    title: str,
    view: PositionView | CharterView | RelationshipView | PlanView | IndexView,
    ident: str = "",
) -> Document:
    return Document(kind.name, kind.template, doc_path(kind.name, ident), title, view)


def all_paths(fw: Framework) -> frozenset[str]:
    """The path of every document the framework has, rendered or not: links may point
    at documents a partial render (`--only`) leaves out."""
    paths = [doc_path("index"), doc_path("communication-plan")]
    paths += [doc_path("charter", b.id) for b in fw.governance]
    paths += [doc_path("relationship", r.id) for r in fw.relationships]
    paths += [doc_path("position", r.id) for r in fw.roles]
    return frozenset(paths)
