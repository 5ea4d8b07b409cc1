"""`rmf show --format json`: a framework's shape as one JSON document for programs."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import IO, Any

from rmf import __version__
from rmf.render.views import Link
from rmf.show.shape import BodyNode, Seat, Shape, UnitNode

JSON_VERSION = 1
Stamp = Callable[[str, dict[str, Any]], dict[str, Any]]


def _link(link: Link | None) -> dict[str, str] | None:
    return {"id": link.id, "name": link.name} if link is not None else None


def _seat(seat: Seat) -> dict[str, str | None]:
    return {"id": seat.id, "name": seat.name}


def _json_views(shape: Shape, stamp: Stamp) -> dict[str, Any]:
    def unit(u: UnitNode) -> dict[str, Any]:
        roles = [
            stamp(
                r.id,
                {
                    "id": r.id,
                    "title": r.title,
                    "positions": r.positions,
                    "incumbents": [_seat(s) for s in r.incumbents],
                },
            )
            for r in u.roles
        ]
        return stamp(
            u.id,
            {
                "id": u.id,
                "name": u.name,
                "kind": u.kind,
                "head": _link(u.head),
                "roles": roles,
                "units": [unit(c) for c in u.units],
            },
        )

    def body(b: BodyNode) -> dict[str, Any]:
        return stamp(
            b.id,
            {
                "id": b.id,
                "name": b.name,
                "type": b.type,
                "chair": _link(b.chair),
                "meets": b.meets,
                "voting_seats": b.voting_seats,
                "bodies": [body(c) for c in b.bodies],
            },
        )

    return {
        "structure": [unit(u) for u in shape.structure],
        "relationships": [
            stamp(
                r.id,
                {
                    "id": r.id,
                    "unit": _link(r.unit),
                    "manager": _link(r.manager),
                    "assignee": _seat(r.assignee) if r.assignee else None,
                    "backup": _link(r.backup),
                    "tier": r.tier,
                    "allocation": r.allocation,
                    "maturity": {"current": r.maturity[0], "target": r.maturity[1]}
                    if r.maturity
                    else None,
                },
            )
            for r in shape.relationships
        ],
        "raci": [
            stamp(
                m.process.id,
                {
                    "process": _link(m.process),
                    "owner": _link(m.owner),
                    "roles": [_link(r) for r in m.roles],
                    "steps": [
                        {"id": ident, "name": name, "cells": list(cells)}
                        for ident, name, cells in m.steps
                    ],
                },
            )
            for m in shape.raci
        ],
        "coverage": [
            stamp(
                row.unit.id,
                {
                    "unit": _link(row.unit),
                    "reached_by": [
                        {"communication": _link(c), "via": _link(via)} for c, via in row.reached_by
                    ],
                },
            )
            for row in shape.coverage
        ],
        "governance": [body(b) for b in shape.governance],
        "indicators": [
            stamp(
                i.id,
                {
                    "id": i.id,
                    "name": i.name,
                    "category": i.category,
                    "unit": i.unit,
                    "direction": i.direction,
                    "baseline": i.baseline,
                    "target": i.target,
                    "thresholds": {"red": i.red, "amber": i.amber}
                    if i.red is not None and i.amber is not None
                    else None,
                    "frequency": i.frequency,
                    "owner": _link(i.owner),
                    "reported_to": [_link(b) for b in i.reported_to],
                },
            )
            for i in shape.indicators
        ],
    }


def write_json(shape: Shape, views: Sequence[str], out: IO[str], *, origin: bool = False) -> None:
    """One JSON document: the framework, a summary when every view is shown, each view."""

    def stamp(ident: str, item: dict[str, Any]) -> dict[str, Any]:
        if origin:
            item["origin"] = shape.origin.get(ident, "client")
        return item

    m = shape.meta
    doc: dict[str, Any] = {
        "version": JSON_VERSION,
        "tool": {"name": "rmf", "version": __version__},
        "path": shape.path,
        "framework": {
            "id": m.id,
            "name": m.name,
            "client": m.client,
            "version": m.version,
            "status": m.status,
        },
    }
    if len(views) > 1:
        doc["summary"] = {
            "counts": shape.counts,
            "warnings": shape.warnings,
            "errors": shape.errors,
            "extends": list(shape.bases),
            **({"origins": shape.tally()} if origin else {}),
        }
    every = _json_views(shape, stamp)
    doc.update({view: every[view] for view in views})
    if origin:
        doc["overrides"] = [
            {
                "id": o.entity.id,
                "name": o.entity.name,
                "section": o.section,
                "at": o.at,
                "fields": [
                    {"field": f.field, "origin": f.origin, "how": f.how, "at": f.at}
                    for f in o.fields
                ],
            }
            for o in shape.overrides
        ]
    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")
