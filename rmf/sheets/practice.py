"""Relationships, governance membership and RACI matrices from sheets."""

from __future__ import annotations

import re
from functools import partial

from rmf.model.types import BY_FREQUENCY
from rmf.sheets import values
from rmf.sheets.build import (
    Builder,
    Entry,
    Place,
    at_least,
    fraction,
    local_id,
    maturity,
    present,
    unique,
)
from rmf.sheets.columns import Mapped
from rmf.sheets.layout import NOT_MEMBER, OFFICERS, Cell, norm

WORDS = ("responsible", "accountable", "consulted", "informed")
TIERS = "a tier (" + ", ".join(values.TIERS) + ")"
TYPES = "a body type (" + ", ".join(values.BODY_TYPES) + ")"
FREQUENCY = "a frequency (" + ", ".join(BY_FREQUENCY) + ")"


def relationships(b: Builder, sheet: Mapped) -> None:
    for _ in b.each(sheet):
        unit, at = b.cell("unit")
        manager, manager_at = b.cell("manager")
        if unit is None or manager is None:
            missing = "unit" if unit is None else "manager"
            place = at if unit is None else manager_at
            message = f"no {missing} for this relationship: the row is left out"
            b.findings.append(place.finding("sheet-missing-value", message))
            continue
        given, _place = b.cell("id")
        entry: Entry = {"id": b.new_id(given, f"{values.text(unit)} relationship", "relationship")}
        for key in ("unit", "manager", "backup", "counterpart"):
            b.refer(b.units if key == "unit" else b.roles, key, entry)
        b.refer(b.seats, "assignee", entry)
        b.refer(b.seats, "backup_assignee", entry)
        levels = present(
            current=b.value("maturity", maturity, "a maturity level, 1 to 5"),
            target=b.value("maturity_target", maturity, "a maturity level, 1 to 5"),
            business_view=b.value("business_view", maturity, "a maturity level, 1 to 5"),
        )
        entry |= present(
            tier=b.value("tier", lambda v: values.choose(v, values.TIERS), TIERS),
            allocation=b.value("allocation", fraction, "an FTE share above 0 and at most 1"),
            maturity=levels or None,
            review=b.value("review", values.frequency, FREQUENCY),
        )
        b.relationships.append(entry)


def governance(b: Builder, sheet: Mapped) -> None:
    """Bodies from a membership sheet: a row per member, the body's facts on each row."""
    for _ in b.each(sheet):
        raw, place = b.cell("body")
        name = values.text(raw)
        if name is None:
            b.findings.append(
                place.finding("sheet-missing-value", "no body for this member: left out")
            )
            continue
        given = b.cell("body_id")[0]
        known = [i for i, _ in b.bodies.by_name.get(norm(name), [])]
        wanted = values.text(given)
        same = [i for i in known if wanted is None or i == wanted]
        if same:
            body = b.bodies.get(same[0])
        else:
            body = {"id": b.new_id(given, name, "body", "body_id"), "name": name, "members": []}
            body |= present(
                type=b.value("type", lambda v: values.choose(v, values.BODY_TYPES), TYPES),
                meets=b.value("meets", values.frequency, FREQUENCY),
            )
            b.refer(b.bodies, "reports_to", body)
            b.bodies.add(body, (name,), place.row_name)
        role, at = b.cell("role")
        if role is None:
            b.findings.append(at.finding("sheet-missing-value", f"no member role for `{name}`"))
            continue
        officer = b.text("officer")
        seated = officer is None or not norm(officer).endswith(norm(NOT_MEMBER))
        office = b.value("officer", _officer, "chair, vice-chair or secretary")
        if office is not None:
            b.refer(b.roles, "role", body, office.replace("-", "_"))
        if not seated:
            continue
        member: Entry = present(
            voting=False if b.value("voting", values.flag, "yes or no") is False else None,
            ex_officio=True if b.value("ex_officio", values.flag, "yes or no") else None,
            seats=b.value("seats", at_least(1), "a number of seats (1 or more)"),
            term=b.text("term"),
        )
        body["members"].append(member)
        b.refer(b.roles, "role", member)


def raci(b: Builder, sheet: Mapped) -> None:
    """Processes and their steps from a RACI matrix: a row per step, a column per role
    or body."""
    parties = {c: _party(sheet, c) for c in sheet.parties}
    # without a process column, the sheet is one process: `RACI Demand intake`, `raci-intake`
    named = re.sub(r"(?i)^raci(?![a-z])", "", sheet.grid.name).replace("-", " ").strip(" –:_")
    default = (named[:1].upper() + named[1:]) if named else sheet.grid.name
    for n in b.each(sheet):
        step_name, place = b.cell("step")
        if step_name is None:
            b.findings.append(
                place.finding("sheet-missing-value", "no step name: the row is left out")
            )
            continue
        process = _process(b, b.text("process") or default, b.cell("process_id")[0], place)
        taken = {s["id"] for s in process["steps"]}
        given = values.text(b.cell("step_id")[0])
        ident = unique(local_id(given, str(step_name), "step"), taken)
        step: Entry = {"id": ident, "name": values.text(step_name)}
        process["steps"].append(step)
        cells = dict(zip(sheet.parties, (b.cell_at(c) for c in sheet.parties), strict=True))
        for column, raw in cells.items():
            if raw is None:
                continue
            letters = values.letters(raw)
            at = Place(sheet, n, column)
            if letters is None:
                b.findings.append(at.finding("sheet-bad-value", f"`{raw}` is not R, A, C or I"))
                continue
            b.later(partial(_hold, b, step, parties[column], letters, at))


def _officer(value: Cell) -> str | None:
    """`Chair`, `Vice chair`, `Secretary (not a member)`: the office held."""
    said = norm(str(value)).removesuffix(norm(NOT_MEMBER)).strip()
    return values.choose(said, OFFICERS)


def _party(sheet: Mapped, column: int) -> tuple[Cell, Place]:
    return sheet.parties[column], Place(sheet, sheet.header, column)


def _hold(b: Builder, step: Entry, party: tuple[Cell, Place], letters: str, at: Place) -> None:
    raw, place = party
    ident = b.resolve_party(raw, place)
    if ident is None:
        return
    for letter, word in zip("RACI", WORDS, strict=True):
        if letter not in letters:
            continue
        if word == "accountable":
            if "accountable" in step:
                message = f"a second accountable party (the first is `{step['accountable']}`)"
                b.findings.append(at.finding("sheet-bad-value", message))
                continue
            step["accountable"] = ident
        else:
            step.setdefault(word, []).append(ident)


def _process(b: Builder, name: str, given: Cell, place: Place) -> Entry:
    wanted = values.text(given)
    for p in b.processes:
        if (wanted is not None and p["id"] == wanted) or (wanted is None and p["name"] == name):
            return p
    process: Entry = {
        "id": b.new_id(given, name, "process", "process_id"),
        "name": name,
        "steps": [],
    }
    b.processes.append(process)
    return process
