"""View models: what each rendered document shows, computed in Python, ready to print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rmf.render.charter import CharterView
    from rmf.render.overview import IndexView
    from rmf.render.plan import PlanView
    from rmf.render.position import PositionView
    from rmf.render.relationship import RelationshipView


@dataclass(frozen=True)
class Meta:
    """The framework facts every document states."""

    id: str
    name: str
    client: str
    version: str
    status: str


@dataclass(frozen=True)
class Link:
    """An entity by name; `href` is relative to the document showing it, None when the
    entity has no document of its own."""

    id: str
    name: str
    href: str | None = None


@dataclass(frozen=True)
class Document:
    """A document to render: its kind, template, path in the output and its view."""

    kind: str
    template: str
    path: str
    title: str
    view: PositionView | CharterView | RelationshipView | PlanView | IndexView


# --- shared rows ------------------------------------------------------------------


@dataclass(frozen=True)
class RelationshipRow:
    """A relationship with a business unit, as a table row."""

    unit: Link
    manager: Link
    backup: Link | None
    counterpart: Link | None
    tier: str | None
    allocation: str | None
    maturity: str | None
    review: str | None
    assignee: str | None = None  # the person (or seat) who manages it, where named


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with its figures formatted in its unit."""

    id: str
    name: str
    category: str
    definition: str
    formula: str | None
    unit: str
    direction: str
    baseline: str | None
    target: str
    red: str | None
    amber: str | None
    frequency: str
    data_source: str | None
    owner: Link
    reported_to: tuple[Link, ...]


@dataclass(frozen=True)
class Reach:
    """A business unit a communication reaches; `via` is the audience unit above it, None
    when the unit is in the audience itself."""

    unit: Link
    via: Link | None


@dataclass(frozen=True)
class MessageRow:
    """A key message, and the audiences it is for when not all of them."""

    text: str
    for_: tuple[Link, ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class CommunicationRow:
    """An item of the communication plan, with what it reaches."""

    id: str
    name: str
    objective: str
    channel: str
    frequency: str
    owner: Link
    audience: tuple[Link, ...]
    messages: tuple[MessageRow, ...]
    feedback: str | None
    indicators: tuple[IndicatorRow, ...]
    reaches: tuple[Reach, ...]
    link: Link  # to the communication's own section of the plan
    messenger: Link | None = None
    approver: Link | None = None
    months: str | None = None  # the months it happens in, by name
    timing: str | None = None
    resources: str | None = None


# --- position description ---------------------------------------------------------


@dataclass(frozen=True)
class ResponsibilityRow:
    """A key responsibility with its share of time and activities."""

    text: str
    time: str | None
    activities: tuple[str, ...]


@dataclass(frozen=True)
class Seat:
    """A seat on a governance body: the body (in a position description) or the role (in
    a charter), the offices held, and how the seat votes."""

    holder: Link
    offices: str
    voting: str
    ex_officio: str
    term: str | None
    seats: str = "1"


@dataclass(frozen=True)
class ContactRow:
    """A working relationship: with whom, why, how often."""

    with_: Link
    purpose: str
    frequency: str | None


@dataclass(frozen=True)
class RaciRow:
    """A role's R/A/C/I letters in one process step."""

    process: Link
    step: str
    letters: str


@dataclass(frozen=True)
class RaciPart:
    """A role's part in one process: the steps it holds, by what it is in them
    (`Accountable`: the steps it is accountable for)."""

    process: Link
    parts: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Fact:
    """A labelled value of a document's fact table, e.g. `Job family: Business Engagement`."""

    label: str
    value: str


@dataclass(frozen=True)
class Group:
    """A labelled list of text, e.g. the `education` qualifications."""

    label: str
    items: tuple[str, ...]

    @property
    def run_in(self) -> str:
        """The items as one run of text after the label: sentences one after another, or
        phrases by semicolons ending in a full stop."""
        items = [i.strip() for i in self.items if i.strip()]
        if all(i.endswith((".", "!", "?")) for i in items):
            return " ".join(items)
        return "; ".join(i.rstrip(".;,") for i in items) + "."


# --- governance charter -----------------------------------------------------------


@dataclass(frozen=True)
class DecisionRow:
    """A decision right of the body."""

    decision: str
    type: str
