"""The sheets and their columns: one home for what export writes and import reads back."""

from __future__ import annotations

import re
from dataclasses import dataclass

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Field:
    """A column: the field it holds, its title as exported, and other names people give it."""

    key: str
    title: str
    synonyms: tuple[str, ...] = ()
    width: int | None = None  # None: as wide as its longest cell, within limits


def column(key: str, title: str, *synonyms: str, width: int | None = None) -> Field:
    return Field(key, title, synonyms, width)


# Sheet kinds that `rmf import` reads, with the columns each can hold (first: how export
# titles it). A column's title, its key and its synonyms all match, forgivingly (see `norm`).
UNITS = (
    column("id", "Id", "unit id", "code"),
    column(
        "name", "Name", "unit", "unit name", "department", "division", "organisation", "org unit"
    ),
    column("kind", "Kind", "type", "unit type", "unit kind", "category"),
    column("parent", "Parent", "parent unit", "part of", "belongs to", "within", "under"),
    column("head", "Head", "head role", "headed by", "led by", "leader"),
    column("headcount", "Headcount", "staff", "unmodelled staff"),
    column("location", "Location", "site", "office"),
    column("description", "Description", "notes about", "what it does", width=50),
)
ROLES = (
    column("id", "Id", "role id", "position id"),
    column(
        "title", "Title", "role", "position", "job title", "position title", "role title", "job"
    ),
    column("unit", "Unit", "department", "org unit", "unit name", "team", "division"),
    column("reports_to", "Reports to", "supervisor", "reporting to", "line manager", "reports"),
    column(
        "positions",
        "Positions",
        "number of positions",
        "headcount",
        "count",
        "seats",
        "no of positions",
    ),
    column("classification", "Classification", "grade", "pay grade", "job class", "band", "level"),
    column("job_family", "Job family", "family", "stream", "occupational group"),
    column("fte", "FTE", "fte per position"),
    column("location", "Location", "site", "office"),
    column("purpose", "Purpose", "role purpose", "summary", "mission", width=50),
    column("position_numbers", "Position numbers", "position number", "position no"),
    column("incumbents", "Incumbents", "incumbent", "held by", "people"),
)
SEATS = (
    column("role", "Role", "role id", "title", "position title"),
    column("id", "Seat id", "seat", "id"),
    column("position_number", "Position number", "position no", "position", "hris number"),
    column("name", "Incumbent", "person", "holder", "employee", "name"),
    column("fte", "FTE", "seat fte"),
)
RELATIONSHIPS = (
    column("id", "Id", "relationship id"),
    column("unit", "Unit", "business unit", "unit served", "partner", "client", "customer"),
    column("manager", "Manager", "relationship manager", "manager role", "brm"),
    column("assignee", "Assignee", "named manager", "manager name", "person"),
    column("backup", "Backup", "backup role", "backup manager", "deputy"),
    column("backup_assignee", "Backup assignee", "backup name", "backup person"),
    column("counterpart", "Counterpart", "sponsor", "business sponsor", "business counterpart"),
    column("tier", "Tier", "priority", "segment"),
    column("allocation", "Allocation (FTE)", "allocation", "fte share", "share", "fte"),
    column("maturity", "Maturity now", "maturity", "current maturity", "maturity current"),
    column("maturity_target", "Maturity target", "target maturity", "target"),
    column("business_view", "Business view", "maturity business view", "business rating"),
    column("review", "Review", "review frequency", "cadence"),
)
GOVERNANCE = (
    column("body_id", "Body id", "governance id", "committee id"),
    column("body", "Body", "governance body", "committee", "board", "forum", "body name"),
    column("type", "Type", "body type", "kind"),
    column("meets", "Meets", "meeting frequency", "frequency", "meetings"),
    column("reports_to", "Reports to", "parent body", "reports"),
    column("role", "Member", "member role", "role", "seat", "position"),
    column("officer", "Officer", "office", "chair or secretary"),
    column("voting", "Voting", "votes", "vote"),
    column("ex_officio", "Ex officio", "ex-officio"),
    column("seats", "Seats", "number of seats"),
    column("term", "Term", "term of office"),
)
RACI = (
    column("process_id", "Process id"),
    column("process", "Process", "process name", "practice"),
    column("step_id", "Step id"),
    column("step", "Step", "activity", "task", "step name", "deliverable", "decision"),
)

READ: dict[str, tuple[Field, ...]] = {
    "units": UNITS,
    "roles": ROLES,
    "seats": SEATS,
    "relationships": RELATIONSHIPS,
    "governance": GOVERNANCE,
    "raci": RACI,
}
# What a sheet's name says it holds: words in the name, in this order of precedence.
NAMED = (
    ("raci", ("raci", "responsibility matrix", "responsibility assignment")),
    ("seats", ("seat", "incumbent")),
    ("relationships", ("relationship",)),
    ("governance", ("governance", "membership", "committee", "board")),
    ("roles", ("role", "position", "job")),
    ("units", ("unit", "org", "structure", "department")),
)
# Sheets the export writes that import has no use for: read past without a warning.
EXPORT_ONLY = ("about", "calendar", "indicators", "measurements")
# The columns a sheet of each kind cannot do without.
REQUIRED = {
    "units": ("name",),
    "roles": ("title", "unit"),
    "seats": ("role",),
    "relationships": ("unit", "manager"),
    "governance": ("body", "role"),
    "raci": ("step",),
}
OFFICERS = ("chair", "vice-chair", "secretary")
NOT_MEMBER = " (not a member)"  # after an officer: a secretary who holds no seat
MAX_SHEET_NAME = 31  # Excel's limit
# Starts of text a spreadsheet may run as a formula: CSV export marks such text with `'`
# (as spreadsheets themselves do), and import takes the mark off.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MONTH_COLUMNS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def norm(text: str) -> str:
    """A name as matched: `Reports To:` → `reports to`, `reports_to` → `reports to`."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())
