"""Build the view of every document: one per role, one per body, the plan and the index."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from rmf.model.framework import Framework
from rmf.render.charter import CharterView, charter
from rmf.render.derive import Lookup
from rmf.render.kinds import KINDS, TABLE, Kind, doc_path
from rmf.render.overview import IndexView, index
from rmf.render.plan import PlanView, plan
from rmf.render.position import PositionView, position
from rmf.render.relationship import RelationshipView, relationship
from rmf.render.views import Document

View = PositionView | CharterView | RelationshipView | PlanView | IndexView


@dataclass(frozen=True)
class Pending:
    """A document whose view is not built yet: documents can be built in any order, in
    any process, and each costs only its own share."""

    kind: Kind
    title: str
    ident: str
    build: Callable[[], View]

    @property
    def path(self) -> str:
        return doc_path(self.kind.name, self.ident)

    def document(self) -> Document:
        return Document(self.kind.name, self.kind.template, self.path, self.title, self.build())


def pending(fw: Framework, kinds: Iterable[str] = KINDS) -> list[Pending]:
    """Every document of the chosen kinds, in a stable order: index, plan, charters,
    relationship profiles, positions, each in framework order."""
    look, chosen = Lookup(fw), set(kinds)
    out: list[Pending] = []
    for kind in reversed(TABLE):
        if kind.name not in chosen:
            continue
        if kind.name == "index":
            out.append(Pending(kind, fw.framework.name, "", partial(index, look)))
        elif kind.name == "communication-plan":
            out.append(Pending(kind, kind.subject, "", partial(plan, look)))
        elif kind.name == "charter":
            out += [Pending(kind, b.name, b.id, partial(charter, b, look)) for b in fw.governance]
        elif kind.name == "relationship":
            out += [
                Pending(kind, look.names.get(r.unit, r.unit), r.id, partial(relationship, r, look))
                for r in fw.relationships
            ]
        else:
            out += [Pending(kind, r.title, r.id, partial(position, r, look)) for r in fw.roles]
    return out


def documents(fw: Framework, kinds: Iterable[str] = KINDS) -> list[Document]:
    """Every document of the chosen kinds with its view, in the order of `pending`."""
    return [item.document() for item in pending(fw, kinds)]


def all_paths(fw: Framework) -> frozenset[str]:
    """The path of every document the framework has, rendered or not: links may point
    at documents a partial render (`--only`) leaves out."""
    paths = [doc_path("index"), doc_path("communication-plan")]
    paths += [doc_path("charter", b.id) for b in fw.governance]
    paths += [doc_path("relationship", r.id) for r in fw.relationships]
    paths += [doc_path("position", r.id) for r in fw.roles]
    return frozenset(paths)
