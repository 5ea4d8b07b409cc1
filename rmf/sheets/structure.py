"""Units, roles and their seats from sheets."""

from __future__ import annotations

from rmf.sheets import values
from rmf.sheets.build import Builder, Entry, at_least, fraction, present
from rmf.sheets.columns import Mapped
from rmf.sheets.layout import Cell, norm

KINDS = "a unit kind (" + ", ".join(values.UNIT_KINDS) + ")"


def units(b: Builder, sheet: Mapped) -> None:
    for _ in b.each(sheet):
        name = b.named("name", b.units)
        if name is None:
            continue
        given, place = b.cell("id")
        entry: Entry = {"id": b.new_id(given, name, "unit"), "name": name}
        entry |= present(
            kind=b.value("kind", lambda v: values.choose(v, values.UNIT_KINDS), KINDS),
            headcount=b.value("headcount", at_least(0), "a headcount (0 or more)"),
            location=b.text("location"),
            description=b.text("description"),
        )
        b.refer(b.units, "parent", entry)
        b.refer(b.roles, "head", entry)
        b.units.add(entry, (name,), place.row_name)


def roles(b: Builder, sheet: Mapped) -> None:
    for _ in b.each(sheet):
        title = b.named("title", b.roles)
        if title is None:
            continue
        given, place = b.cell("id")
        entry: Entry = {"id": b.new_id(given, title, "role"), "title": title}
        unit, at = b.cell("unit")
        if unit is None:
            b.findings.append(at.finding("sheet-missing-value", f"no unit for the role `{title}`"))
        b.refer(b.units, "unit", entry)
        b.refer(b.roles, "reports_to", entry)
        entry |= present(
            positions=b.value("positions", at_least(1), "a number of positions (1 or more)"),
            classification=b.text("classification"),
            job_family=b.text("job_family"),
            fte=b.value("fte", fraction, "an FTE above 0 and at most 1"),
            location=b.text("location"),
            purpose=b.text("purpose"),
        )
        # seats written on the role's row: used when no sheet of seats is given
        entry["_seats"] = (_split(b.cell("position_numbers")[0]), _split(b.cell("incumbents")[0]))
        b.roles.add(entry, (title,), place.row_name)


def seats(b: Builder, sheet: Mapped) -> None:
    for _ in b.each(sheet):
        role, at = b.cell("role")
        if role is None:
            b.findings.append(at.finding("sheet-missing-value", "no role for this seat: left out"))
            continue
        owner = b.resolve(b.roles, role, at)
        if owner is None:
            continue
        name, number = _person(b.text("name")), b.text("position_number")
        given, place = b.cell("id")
        seat = {"id": b.new_id(given, f"{owner} {number or ''}", "seat")}
        seat |= present(
            name=name,
            position_number=number,
            fte=b.value("fte", fraction, "an FTE above 0 and at most 1"),
        )
        b.roles.get(owner).setdefault("incumbents", []).append(seat)
        b.seats.add(seat, (name, number), place.row_name)


def seats_from_roles(b: Builder, given: bool) -> None:
    """Seats from the roles' own position numbers and incumbents, unless a sheet of seats
    gave them."""
    for role in b.roles.entries:
        numbers, people = role.pop("_seats")
        if given:
            continue
        for n in range(max(len(numbers), len(people))):
            number = numbers[n] if n < len(numbers) else None
            name = _person(people[n]) if n < len(people) else None
            seat = {"id": b.new_id(None, f"{role['id']} {n + 1}", "seat")}
            seat |= present(name=name, position_number=number)
            role.setdefault("incumbents", []).append(seat)
            b.seats.add(seat, (name, number), f"the role `{role['id']}`")


def _person(name: str | None) -> str | None:
    """A seat's holder: none when the seat is vacant."""
    return None if name is None or norm(name).startswith("vacant") else name


def _split(value: Cell) -> list[str]:
    text = values.text(value)
    return [t.strip() for t in text.split(";") if t.strip()] if text else []
