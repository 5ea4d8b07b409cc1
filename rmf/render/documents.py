"""Build the view of every document: one per role, one per body, the plan and the index."""

from __future__ import annotations

from collections.abc import Iterable

from rmf.model.framework import Framework
from rmf.render.charter import CharterView, charter
from rmf.render.derive import Lookup
from rmf.render.kinds import KINDS, TABLE, Kind, doc_path
from rmf.render.overview import IndexView, index
from rmf.render.plan import PlanView, plan
from rmf.render.position import PositionView, position
from rmf.render.relationship import RelationshipView, relationship
from rmf.render.views import Document


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
