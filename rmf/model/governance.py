"""Governance bodies: boards, committees, forums, and how they run."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from rmf.model.base import Entity, Stakeholder, Strict
from rmf.model.types import (
    BodyRef,
    BodyType,
    Code,
    DecisionType,
    Frequency,
    IsoDate,
    RoleRef,
    Seats,
    Term,
    Text,
    VotingRule,
)


class Scope(Strict):
    """What a body deals with, and what it does not."""

    in_: list[Text] | None = Field(None, alias="in", description="Matters within scope.")
    out: list[Text] | None = Field(None, description="Matters out of scope.")


class DecisionRight(Strict):
    """A decision a body takes part in, and how."""

    decision: Text = Field(description="The decision.")
    type: DecisionType = Field(description="The body's part in it.")


class Member(Strict):
    """A seat on a governance body, held by a role."""

    role: RoleRef = Field(description="The role holding the seat.")
    voting: bool = Field(True, description="Whether the seat votes (default true).")
    ex_officio: bool = Field(False, description="Whether the seat is held by virtue of office.")
    term: Term | None = Field(None, description="Term of the seat, e.g. `2 years`.")
    seats: Seats | None = Field(
        None, description="Positions of the role that sit on the body (default: all of them)."
    )


class Duties(Strict):
    """What the officers and members of a body do."""

    chair: list[Text] | None = Field(None, description="Duties of the chair.")
    secretary: list[Text] | None = Field(None, description="Duties of the secretary.")
    members: list[Text] | None = Field(None, description="Duties of every member.")


class Procedures(Strict):
    """How the meetings of a body run."""

    notice: Text | None = Field(None, description="Notice of meetings.")
    papers: Text | None = Field(None, description="When papers go out.")
    minutes: Text | None = Field(None, description="Who keeps minutes, and who gets them.")
    alternates: Text | None = Field(None, description="Who may attend in a member's place.")
    conflicts: Text | None = Field(None, description="How conflicts of interest are handled.")
    confidentiality: Text | None = Field(None, description="What stays confidential.")
    between_meetings: Text | None = Field(None, description="Decisions between meetings.")
    attendance: Text | None = Field(None, description="Attendance expected of members.")


class Reporting(Strict):
    """What a body reports, how often, to whom."""

    what: Text = Field(description="What the body reports.")
    frequency: Frequency = Field(description="How often.")
    to: BodyRef | None = Field(None, description="The body reported to (default: `reports_to`).")


class Body(Entity):
    """A governance body: board, committee, forum or working group."""

    name: Text = Field(description="Name of the body.")
    type: BodyType = Field(description="Kind of body.")
    purpose: Text = Field(description="Mandate of the body.")
    reports_to: BodyRef | None = Field(None, description="The body this one reports to.")
    authority: Text | None = Field(None, description="Who established it; powers delegated.")
    scope: Scope | None = Field(None, description="Scope in and out.")
    decision_rights: list[DecisionRight] | None = Field(None, description="Decision rights.")
    chair: RoleRef = Field(description="The chairing role; must be a member.")
    secretary: RoleRef | None = Field(None, description="The secretary role.")
    members: list[Member] = Field(min_length=1, description="Membership by role.")
    quorum: int | None = Field(None, description="Voting seats needed to decide.")
    quorum_rule: Text | None = Field(None, description="The quorum stated in words.")
    voting_rule: VotingRule | None = Field(None, description="How decisions are taken.")
    tie_break: Text | None = Field(None, description="How a tied vote is broken.")
    meets: Frequency = Field(description="How often the body meets.")
    escalates_to: BodyRef | None = Field(None, description="Where unresolved matters go.")
    review: Frequency | None = Field(None, description="How often the terms are reviewed.")
    vice_chair: RoleRef | None = Field(None, description="The vice-chair role; a member.")
    duties: Duties | None = Field(None, description="Duties of chair, secretary and members.")
    procedures: Procedures | None = Field(None, description="How meetings run.")
    reporting: Reporting | None = Field(None, description="What it reports, how often, to whom.")
    approved_by: BodyRef | None = Field(
        None, description="The body that approved these terms of reference."
    )
    approved: IsoDate | None = Field(None, description="Date the terms were approved.")
    last_reviewed: IsoDate | None = Field(None, description="Date the terms were last reviewed.")
    next_review: IsoDate | None = Field(None, description="Date of their next review.")
    version: Code | None = Field(None, description="Version of these terms of reference.")
    stakeholder: Stakeholder | None = Field(None, description="The body as an audience.")

    def seats_of(self, member: Member, positions: Mapping[str, int]) -> int:
        """A member's seats: its `seats`, else every position of its role (one for a
        role that is not known)."""
        return member.seats or positions.get(member.role, 1)

    def voting_seats(self, positions: Mapping[str, int]) -> int:
        """The seats of the voting members, given each role's positions."""
        return sum(self.seats_of(m, positions) for m in self.members if m.voting)
