"""The shape of a framework at a glance: structure, relationships, RACI, coverage, more."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rmf.core.findings import Mark
from rmf.model.framework import SINGULAR, Framework
from rmf.model.types import SECTIONS
from rmf.reading.overlay import BASE, CLIENT
from rmf.render.derive import Lookup
from rmf.render.diagrams import forest
from rmf.render.overview import index
from rmf.render.plan import plan
from rmf.render.views import Link, Meta
from rmf.validate.schema import Checked

VIEWS = ("structure", "relationships", "raci", "coverage", "governance", "indicators")
# An entity of a framework without `extends` is its own: it is the client's.
OWN = "client"


@dataclass(frozen=True)
class Seat:
    """A named seat of a role: its id, and the person in it (None when vacant)."""

    id: str
    name: str | None


@dataclass(frozen=True)
class RoleItem:
    """A role in the unit it belongs to."""

    id: str
    title: str
    positions: int
    incumbents: tuple[Seat, ...] = ()


@dataclass(frozen=True)
class UnitNode:
    """A unit, its roles and the units under it."""

    id: str
    name: str
    kind: str
    head: Link | None
    roles: tuple[RoleItem, ...]
    units: tuple[UnitNode, ...]


@dataclass(frozen=True)
class RelationshipItem:
    """Who manages the relationship with a business unit, at what tier and maturity."""

    id: str
    unit: Link
    manager: Link
    backup: Link | None
    tier: str | None
    allocation: float | None
    maturity: tuple[int, int] | None
    assignee: Seat | None = None


@dataclass(frozen=True)
class RaciMatrix:
    """One process: a row per step (id, name, a letter cell per role), a column per role."""

    process: Link
    owner: Link
    roles: tuple[Link, ...]
    steps: tuple[tuple[str, str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class CoverageRow:
    """A business unit and the communications that reach it; `via` is the audience unit
    above it, None when the unit is in the audience itself."""

    unit: Link
    reached_by: tuple[tuple[Link, Link | None], ...]


@dataclass(frozen=True)
class BodyNode:
    """A governance body, its chair, and the bodies that report to it."""

    id: str
    name: str
    type: str
    chair: Link
    meets: str
    bodies: tuple[BodyNode, ...]
    voting_seats: int = 0


@dataclass(frozen=True)
class IndicatorItem:
    """An indicator as the catalogue lists it, with its figures in its own unit."""

    id: str
    name: str
    category: str
    unit: str
    direction: str
    baseline: float | None
    target: float
    red: float | None
    amber: float | None
    frequency: str
    owner: Link
    reported_to: tuple[Link, ...]


@dataclass(frozen=True)
class FieldOrigin:
    """Where one field of an overridden base entity comes from: `base`, or `client` with
    what its override did (set, merged, extended, removed), and the place it is written."""

    field: str
    origin: str
    how: str | None
    at: str


@dataclass(frozen=True)
class Overridden:
    """A base entity that the client's `override:` changes, field by field."""

    entity: Link
    section: str
    at: str  # the override entry
    fields: tuple[FieldOrigin, ...]


@dataclass(frozen=True)
class Shape:
    """Everything `rmf show` can show of one framework; a view not asked for is empty."""

    path: str
    meta: Meta
    counts: dict[str, int]
    warnings: int
    overlay: bool
    bases: tuple[str, ...]
    communications: tuple[Link, ...]
    errors: int = 0  # shown as far as the framework could be read
    structure: tuple[UnitNode, ...] = ()
    relationships: tuple[RelationshipItem, ...] = ()
    raci: tuple[RaciMatrix, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()
    governance: tuple[BodyNode, ...] = ()
    indicators: tuple[IndicatorItem, ...] = ()
    # every entity id -> base | override | client (all `client` without `extends`)
    origin: dict[str, str] = field(default_factory=dict)
    # the base entities changed by `override:` entries, with each field's origin
    overrides: tuple[Overridden, ...] = ()

    def tally(self) -> dict[str, int]:
        """How many entities come from the base, override it, or are the client's own."""
        out = {"base": 0, "override": 0, "client": 0}
        for value in self.origin.values():
            out[value] = out.get(value, 0) + 1
        return out


def origins_by_id(checked: Checked) -> dict[str, str]:
    """Each entity id's origin — base, override or client — from the loader's record,
    which is kept by position in the merged lists."""
    source = checked.source
    out: dict[str, str] = {}
    for section in SECTIONS:
        items = source.data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.setdefault(item["id"], source.origins.get((section, i), OWN))
    return out


def _where(mark: Mark) -> str:
    return f"{mark.file}:{mark.line}"


def field_origins(checked: Checked, at: Lookup) -> tuple[Overridden, ...]:
    """Each base entity that an override changes, with where each of its fields comes
    from, in the order the fields are written (those the override drops last)."""
    source = checked.source
    out = []
    for (section, i), changed in source.overridden.items():
        raw = source.data[section][i]
        pos = source.pos.child(section)
        entity = pos.child(i) if pos is not None else None
        if not isinstance(raw, dict) or entity is None or entity.keys is None:
            continue
        fields = [
            FieldOrigin(
                key,
                CLIENT if key in changed.how else BASE,
                changed.how.get(key),
                _where(entity.keys[key]),
            )
            for key in raw
            if key != "id" and key in entity.keys
        ]
        fields += [
            FieldOrigin(key, CLIENT, how, _where(changed.at))
            for key, how in changed.how.items()
            if key not in raw
        ]
        link = at.link(str(raw.get("id")))
        out.append(Overridden(link, SINGULAR[section], _where(changed.at), tuple(fields)))
    return tuple(out)


def _structure(fw: Framework, at: Lookup) -> tuple[UnitNode, ...]:
    roots, children = forest([(u.id, u.parent) for u in fw.units])
    units = {u.id: u for u in fw.units}
    roles: dict[str, list[RoleItem]] = {}
    for r in fw.roles:
        seats = tuple(Seat(s.id, s.name) for s in r.incumbents or [])
        roles.setdefault(r.unit, []).append(RoleItem(r.id, r.title, r.positions, seats))

    def node(ident: str) -> UnitNode:
        u = units[ident]
        below = tuple(node(c) for c in children[ident])
        mine = tuple(roles.get(ident, []))
        return UnitNode(u.id, u.name, u.kind, at.maybe(u.head), mine, below)

    return tuple(node(r) for r in roots)


def _governance(fw: Framework, at: Lookup) -> tuple[BodyNode, ...]:
    roots, children = forest([(b.id, b.reports_to) for b in fw.governance])
    bodies = {b.id: b for b in fw.governance}
    positions = {r.id: r.positions for r in fw.roles}

    def node(ident: str) -> BodyNode:
        b = bodies[ident]
        below = tuple(node(c) for c in children[ident])
        seats = b.voting_seats(positions)
        return BodyNode(b.id, b.name, b.type, at.link(b.chair), b.meets, below, seats)

    return tuple(node(r) for r in roots)


def _raci(fw: Framework, at: Lookup) -> tuple[RaciMatrix, ...]:
    # The matrix is the overview document's; only the step ids are added here.
    out = []
    for table, process in zip(index(at).raci, fw.processes, strict=True):
        steps = tuple(
            (step.id, name, cells)
            for step, (name, cells) in zip(process.steps, table.steps, strict=True)
        )
        out.append(RaciMatrix(table.process, table.owner, table.roles, steps))
    return tuple(out)


def _coverage(at: Lookup) -> tuple[CoverageRow, ...]:
    # Reach (directly or through a parent unit) is the communication plan's.
    return tuple(CoverageRow(r.unit, r.communications) for r in plan(at).reach)


def shape(
    path: str,
    checked: Checked,
    warnings: int = 0,
    views: Iterable[str] = VIEWS,
    errors: int = 0,
) -> Shape:
    """The chosen views of a framework that loaded without errors."""
    fw = checked.framework
    assert fw is not None
    at, chosen = Lookup(fw), set(views)
    origin = origins_by_id(checked)
    counts = {s: len(getattr(fw, s)) for s in SECTIONS}
    counts["business_units"] = sum(1 for u in fw.units if u.kind == "business")
    counts["positions"] = sum(r.positions for r in fw.roles)
    seats = {s.id: s.name for r in fw.roles for s in r.incumbents or []}
    relationships = tuple(
        RelationshipItem(
            r.id,
            at.link(r.unit),
            at.link(r.manager),
            at.maybe(r.backup),
            r.tier,
            r.allocation,
            (r.maturity.current, r.maturity.target) if r.maturity else None,
            Seat(r.assignee, seats.get(r.assignee)) if r.assignee else None,
        )
        for r in fw.relationships
    )
    indicators = tuple(
        IndicatorItem(
            i.id,
            i.name,
            i.category,
            i.unit,
            i.direction,
            i.baseline,
            i.target,
            i.thresholds.red if i.thresholds else None,
            i.thresholds.amber if i.thresholds else None,
            i.frequency,
            at.link(i.owner),
            at.links(i.reported_to),
        )
        for i in fw.indicators
    )
    m = fw.framework
    return Shape(
        path=path,
        meta=Meta(m.id, m.name, m.client, m.version, m.status),
        counts=counts,
        warnings=warnings,
        errors=errors,
        overlay=bool(checked.source.bases),
        bases=tuple(checked.source.bases),
        communications=tuple(at.link(c.id) for c in fw.communications),
        structure=_structure(fw, at) if "structure" in chosen else (),
        relationships=relationships if "relationships" in chosen else (),
        raci=_raci(fw, at) if "raci" in chosen else (),
        coverage=_coverage(at) if "coverage" in chosen else (),
        governance=_governance(fw, at) if "governance" in chosen else (),
        indicators=indicators if "indicators" in chosen else (),
        origin=origin,
        overrides=field_origins(checked, at),
    )
