"""Which rendered documents a change touches, found by comparing their view models.

Views are built with render's own functions (`rmf.render.documents`); to keep a diff of a large
framework fast, only the documents that could show a changed entity are built: those of
the entities within three references of it (a position shows the indicators of the
communications its role owns, and whom those indicators are reported to), and of the
units above it (communications reach the units below their audience).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from rmf.model.framework import Framework
from rmf.model.refs import iter_refs
from rmf.model.types import SECTIONS
from rmf.render.kinds import KINDS, doc_path, subject

Status = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class DocumentChange:
    """A document that must be reissued: its kind, path in the rendered output and title."""

    kind: str
    path: str
    title: str
    status: Status


class Graph:
    """Who references whom in one framework."""

    def __init__(self, fw: Framework) -> None:
        self.refs: dict[str, set[str]] = {}
        self.referrers: dict[str, set[str]] = defaultdict(set)
        # a seat is its role's: who names a seat (an assignee) shows the role's facts
        seat_role = {s.id: r.id for r in fw.roles for s in r.incumbents or []}
        for section in SECTIONS:
            for entity in getattr(fw, section):
                targets = {seat_role.get(i, i) for _, i, _ in iter_refs(entity)}
                self.refs[entity.id] = targets
                for target in targets:
                    self.referrers[target].add(entity.id)
        # supervision in total counts every role below a role, and the staff of the units
        # they head: a change there shows in every supervisor's position description
        self.supervisor = {r.id: r.reports_to for r in fw.roles}
        self.head = {u.id: u.head for u in fw.units}
        self.parents = {u.id: u.parent for u in fw.units}
        self.units = set(self.parents)
        self.communications = {c.id for c in fw.communications}
        # what the plan's rows show: communications' references, and theirs (indicators')
        self.shown = {r for c in self.communications for r in self.refs.get(c, ())}
        self.shown |= {r for s in list(self.shown) for r in self.refs.get(s, ())}
        # and the stakeholder map: every party that states a stakeholder
        for parties in (fw.units, fw.roles, fw.governance):
            self.shown |= {p.id for p in parties if p.stakeholder is not None}

    def near(self, x: str) -> set[str]:
        """x and what it references: the entities whose document x shows in."""
        return {x} | self.refs.get(x, set())

    def second(self, x: str) -> set[str]:
        """Entities whose documents show x as what their referrers reference."""
        out: set[str] = set()
        for y in self.referrers.get(x, ()):
            out |= self.near(y)
        return out

    def ancestors(self, unit: str) -> list[str]:
        seen: list[str] = []
        current = self.parents.get(unit)
        while current is not None and current not in seen:
            seen.append(current)
            current = self.parents.get(current)
        return seen

    def touched(self, x: str) -> set[str]:
        """The entities whose document may show something of x."""
        out = self.near(x) | self.second(x)
        for y in self.referrers.get(x, ()):
            out |= self.second(y)
        for unit in self.ancestors(x) if x in self.units else ():
            out |= self.near(unit) | self.second(unit)
        # a head's position description says whether its unit has staff described here
        out |= {self.head[u] or u for u in self.near(x) if u in self.units}
        return out | self.supervisors(self.head.get(x) if x in self.units else x)

    def supervisors(self, role: str | None) -> set[str]:
        """The role and every role it reports to, directly or not."""
        out: set[str] = set()
        while role is not None and role not in out:
            out.add(role)
            role = self.supervisor.get(role)
        return out

    def in_plan(self, x: str) -> bool:
        """Whether the communication plan may show something of x."""
        return x in self.communications or x in self.units or x in self.shown


def _neutral(view: Any) -> Any:
    """The view without the framework version: every document states it, so a bump alone
    would otherwise touch them all."""
    meta = getattr(view, "meta", None)
    if meta is None:
        return view
    return dataclasses.replace(view, meta=dataclasses.replace(meta, version=""))


def _views(fw: Framework, ids: set[str], plan: bool) -> dict[str, tuple[str, str, Any]]:
    """path → (kind, title, view) of the documents of `ids`, and of the plan if asked."""
    from rmf.render.charter import charter
    from rmf.render.derive import Lookup
    from rmf.render.plan import plan as plan_view
    from rmf.render.position import position
    from rmf.render.relationship import relationship

    look = Lookup(fw)
    out: dict[str, tuple[str, str, Any]] = {}
    for role in fw.roles:
        if role.id in ids:
            view = _neutral(position(role, look))
            out[doc_path("position", role.id)] = ("position", role.title, view)
    for body in fw.governance:
        if body.id in ids:
            view = _neutral(charter(body, look))
            out[doc_path("charter", body.id)] = ("charter", body.name, view)
    for rel in fw.relationships:
        if rel.id in ids:
            profile = relationship(rel, look)
            path = doc_path("relationship", rel.id)
            out[path] = ("relationship", profile.unit.name, _neutral(profile))
    if plan:
        view = _neutral(plan_view(look))
        out[doc_path("communication-plan")] = (
            "communication-plan",
            subject("communication-plan"),
            view,
        )
    return out


def impact(old: Framework, new: Framework, changed: Iterable[str]) -> tuple[DocumentChange, ...]:
    """The position descriptions, charters and communication plan whose content differs
    between two versions of a framework, given the ids of the entities that changed."""
    ids = set(changed)
    if not ids and _neutral_meta(old) == _neutral_meta(new):
        return ()
    graphs = (Graph(old), Graph(new))
    if _neutral_meta(old) != _neutral_meta(new):
        candidates = {
            e.id for fw in (old, new) for e in (*fw.roles, *fw.governance, *fw.relationships)
        }
        plan = True
    else:
        candidates = {t for g in graphs for x in ids for t in g.touched(x)}
        # a relationship profile gathers from all over the framework (the unit's place,
        # its bodies and communications, the tier, the indicators by unit): compare them all
        candidates |= {r.id for fw in (old, new) for r in fw.relationships}
        plan = any(g.in_plan(x) for g in graphs for x in ids)
    before, after = _views(old, candidates, plan), _views(new, candidates, plan)
    changes = []
    for path, (kind, title, view) in after.items():
        if path not in before:
            changes.append(DocumentChange(kind, path, title, "added"))
        elif before[path][1:] != (title, view):
            changes.append(DocumentChange(kind, path, title, "changed"))
    for path, (kind, title, _) in before.items():
        if path not in after:
            changes.append(DocumentChange(kind, path, title, "removed"))
    rank = {k: i for i, k in enumerate(KINDS)}
    return tuple(sorted(changes, key=lambda c: (rank.get(c.kind, len(rank)), c.path)))


def _neutral_meta(fw: Framework) -> Any:
    from rmf.render.derive import meta

    return dataclasses.replace(meta(fw), version="")
