"""Units and roles: the organisational structure and the positions in it."""

from __future__ import annotations

from typing import Annotated

from pydantic import Discriminator, Field, Tag

from rmf.model.base import MAPPING_FORM, TEXT_FORM, Entity, Stakeholder, Strict, form
from rmf.model.types import (
    Code,
    Employment,
    Figure,
    Fraction,
    Frequency,
    Headcount,
    Id,
    IsoDate,
    Percent,
    RoleRef,
    Text,
    UnitKind,
    UnitRef,
    ref,
)


class Unit(Entity):
    """An organisational unit: executive, IT, business, relationship office or external."""

    name: Text = Field(description="Name of the unit.")
    kind: UnitKind = Field(description="What kind of unit this is.")
    parent: UnitRef | None = Field(None, description="The unit this one belongs to.")
    head: RoleRef | None = Field(None, description="The role that heads the unit.")
    description: Text | None = Field(None, description="What the unit does (markdown).")
    headcount: Headcount | None = Field(
        None,
        description="Staff of the unit itself who are not modelled as roles; they count "
        "toward the supervision of the unit's head.",
    )
    location: Text | None = Field(None, description="Where the unit is.")
    stakeholder: Stakeholder | None = Field(None, description="The unit as an audience.")
    goals: list[Text] | None = Field(
        None, description="The unit's business goals and top initiatives."
    )


class Responsibility(Strict):
    """A key responsibility (end result) of a role."""

    text: Text = Field(description="The end result the role is responsible for.")
    time: Percent | None = Field(None, description="Percent of time spent on it (0 < time ≤ 100).")
    activities: list[Text] | None = Field(None, description="Activities that achieve it.")


class Contact(Strict):
    """A working relationship of a role: with whom, why, how often."""

    with_: Annotated[Text, ref("units", "roles", "governance", unless="external")] = Field(
        alias="with",
        description="A unit, role or governance body id; free text when `external` is true.",
    )
    purpose: Text = Field(description="Why the role deals with this contact.")
    frequency: Frequency | None = Field(None, description="How often.")
    external: bool = Field(
        False, description="True when `with` names someone outside the framework."
    )


class Qualifications(Strict):
    """Knowledge, skills and abilities a role calls for."""

    education: list[Text] | None = Field(None, description="Education typically required.")
    experience: list[Text] | None = Field(None, description="Experience typically required.")
    knowledge: list[Text] | None = Field(None, description="Knowledge required.")
    skills: list[Text] | None = Field(None, description="Skills and abilities required.")
    certifications: list[Text] | None = Field(None, description="Certifications required.")


class Competency(Strict):
    """A competency from a named framework, e.g. SFIA RLMT level 5."""

    framework: Text = Field(description="Competency framework, e.g. `sfia`.")
    code: Text = Field(description="Competency code within that framework, e.g. `RLMT`.")
    level: int = Field(ge=1, description="Level within the framework (SFIA: 1–7; RLMT: 4–7).")
    name: Text | None = Field(
        None, description="Name of the skill, e.g. `Relationship management`."
    )


class WorkingConditions(Strict):
    """The demands of a position, as HR classification splits them."""

    physical: Text | None = Field(None, description="Physical demands.")
    environmental: Text | None = Field(None, description="Environmental conditions.")
    sensory: Text | None = Field(None, description="Sensory demands.")
    mental: Text | None = Field(None, description="Mental demands.")


class Dimension(Strict):
    """A scope figure stated by hand, e.g. an annual budget."""

    measure: Text = Field(description="What is measured, e.g. `Annual budget`.")
    value: Figure = Field(description="Its size, e.g. `$1.2M`.")


Conditions = Annotated[
    Annotated[Text, Tag(TEXT_FORM)] | Annotated[WorkingConditions, Tag(MAPPING_FORM)],
    Discriminator(form),
]


class Incumbent(Strict):
    """A seat of a role: a position number, and the person in it (none when vacant)."""

    id: Id = Field(description="Identifier of the seat, unique in the framework.")
    name: Text | None = Field(None, description="The person in the seat; none when vacant.")
    position_number: Code | None = Field(
        None, description="The HR position number, e.g. `40012` or `NEW`."
    )
    fte: Fraction | None = Field(None, description="FTE of the seat (default: the role's).")


class Role(Entity):
    """A position: the basis of a position description."""

    title: Text = Field(description="Title of the position.")
    unit: UnitRef = Field(description="The unit the position belongs to.")
    reports_to: RoleRef | None = Field(None, description="The role this position reports to.")
    classification: Text | None = Field(None, description="Pay grade or job class.")
    positions: int = Field(1, ge=1, description="Headcount of this role (default 1).")
    purpose: Text = Field(description="Why the position exists, in one or two sentences.")
    responsibilities: list[Responsibility] = Field(
        min_length=1, description="Key responsibilities (end results)."
    )
    decisions: list[Text] | None = Field(None, description="Decision-making authority.")
    contacts: list[Contact] | None = Field(None, description="Working relationships.")
    qualifications: Qualifications | None = Field(None, description="Qualifications required.")
    competencies: list[Competency] | None = Field(None, description="Competencies required.")
    working_conditions: Conditions | None = Field(
        None, description="Working conditions: text, or physical, environmental, sensory, mental."
    )
    language: list[Text] | None = Field(None, description="Languages required.")
    job_family: Text | None = Field(None, description="Job family, stream or occupational group.")
    employment: Employment | None = Field(None, description="Kind of employment.")
    fte: Fraction | None = Field(None, description="FTE of one position (default 1).")
    location: Text | None = Field(None, description="Where the position works.")
    supervision_received: Text | None = Field(
        None, description="Nature of the supervision the position receives."
    )
    dimensions: list[Dimension] | None = Field(None, description="Scope figures stated by hand.")
    incumbents: list[Incumbent] | None = Field(
        None, description="The seats of this role, at most `positions` of them."
    )
    effective: IsoDate | None = Field(None, description="Date of this position description.")
    stakeholder: Stakeholder | None = Field(None, description="The role as an audience.")

    @property
    def seat_fte(self) -> float:
        """FTE of one position of this role."""
        return self.fte if self.fte is not None else 1.0

    def fte_of(self, seat: Incumbent) -> float:
        """FTE of one of its seats: the seat's own, else the role's."""
        return seat.fte if seat.fte is not None else self.seat_fte
