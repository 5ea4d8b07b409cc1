"""Build the framework overview: principles, structure, relationships, RACI, indicators."""

from __future__ import annotations

from rmf.model.practice import Policy, Process
from rmf.render.derive import (
    Lookup,
    human,
    indicator_row,
    meta,
    often,
    relationship_row,
    when,
)
from rmf.render.diagrams import Node, tree
from rmf.render.kinds import doc_path, subject
from rmf.render.views import IndexView, Link, PolicyRow, PrincipleRow, RaciTable, UnitRow


def index(look: Lookup) -> IndexView:
    """The overview of the whole framework, linking to every other document."""
    at, fw = look, look.fw
    m = fw.framework
    cited: dict[str, list[Link]] = {}
    sources: list[Policy | Process] = [*fw.policies, *fw.processes]
    for item in sources:
        for principle in item.principles or []:
            cited.setdefault(principle, []).append(at.link(item.id))
    raci = []
    for p in fw.processes:
        roles = list(
            dict.fromkeys(
                r
                for s in p.steps
                for r in [*s.responsible, s.accountable, *(s.consulted or []), *(s.informed or [])]
            )
        )
        steps = []
        for s in p.steps:
            cells = []
            for r in roles:
                letters = "R" if r in s.responsible else ""
                letters += "A" if s.accountable == r else ""
                letters += "C" if r in (s.consulted or []) else ""
                letters += "I" if r in (s.informed or []) else ""
                cells.append(letters)
            steps.append((s.name, tuple(cells)))
        raci.append(
            RaciTable(
                at.link(p.id),
                p.purpose,
                at.link(p.owner),
                tuple(at.link(r) for r in roles),
                tuple(steps),
            )
        )
    titles = {r.id: r.title for r in fw.roles}
    org = [Node(u.id, u.name, titles.get(u.head or ""), u.parent) for u in fw.units]
    bodies = [Node(b.id, b.name, human(b.type), b.reports_to) for b in fw.governance]
    return IndexView(
        meta=meta(fw),
        effective=when(m.effective),
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
        governance_chart=tree(f"Governance structure of {m.client}", bodies),
        relationships=tuple(relationship_row(r, at) for r in fw.relationships),
        policies=tuple(
            PolicyRow(
                p.title,
                p.statement,
                at.link(p.owner),
                at.maybe(p.approved_by),
                when(p.effective),
                when(p.review_by),
            )
            for p in fw.policies
        ),
        raci=tuple(raci),
        indicators=tuple(indicator_row(i, at) for i in fw.indicators),
    )
