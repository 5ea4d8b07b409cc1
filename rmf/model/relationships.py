"""Relationships: who manages which business unit, and the plan of each relationship."""

from __future__ import annotations

from pydantic import Field

from rmf.model.base import Entity, Strict
from rmf.model.types import (
    ActionStatus,
    BodyRef,
    Fraction,
    Frequency,
    IncumbentRef,
    IsoDate,
    Maturity,
    RoleRef,
    Text,
    Tier,
    UnitRef,
)


class MaturityLevels(Strict):
    """Relationship maturity, 1 (ad hoc) to 5 (strategic partner)."""

    current: Maturity = Field(description="Maturity today, 1–5.")
    target: Maturity = Field(description="Maturity aimed for, 1–5.")
    business_view: Maturity | None = Field(
        None, description="The business partner's own rating of `current`, 1–5."
    )


class Action(Strict):
    """An action of the relationship plan."""

    text: Text = Field(description="What is to be done.")
    owner: RoleRef = Field(description="The role that sees it done.")
    due: IsoDate | None = Field(None, description="When it is due.")
    status: ActionStatus = Field("open", description="open, in-progress, done or dropped.")


class RelationshipPlan(Strict):
    """When the relationship plan was approved and is next reviewed."""

    approved: IsoDate | None = Field(None, description="Date the plan was approved.")
    next_review: IsoDate | None = Field(None, description="Date of its next review.")


class Relationship(Entity):
    """Who manages the relationship with a business unit."""

    unit: UnitRef = Field(description="The unit served.")
    manager: RoleRef = Field(description="The primary relationship role.")
    backup: RoleRef | None = Field(None, description="The backup role; differs from `manager`.")
    counterpart: RoleRef | None = Field(None, description="The business-side sponsor.")
    tier: Tier | None = Field(None, description="Priority of the relationship.")
    allocation: Fraction | None = Field(
        None, description="Share of one manager position spent on this unit (0 < x ≤ 1)."
    )
    maturity: MaturityLevels | None = Field(None, description="Relationship maturity.")
    review: Frequency | None = Field(None, description="How often the relationship is reviewed.")
    assignee: IncumbentRef | None = Field(
        None, description="The named seat (an incumbent of `manager`) that manages it."
    )
    backup_assignee: IncumbentRef | None = Field(
        None, description="The named backup seat (an incumbent of `backup`)."
    )
    services: list[Text] | None = Field(None, description="IT services the unit relies on.")
    actions: list[Action] | None = Field(None, description="The relationship plan's actions.")
    plan: RelationshipPlan | None = Field(
        None, description="The relationship plan's approval and next review."
    )


class EngagementTier(Strict):
    """What a relationship of one tier gets (`engagement_model`)."""

    tier: Tier = Field(description="The tier: strategic, core or transactional.")
    description: Text = Field(description="What a relationship of this tier gets.")
    review: Frequency | None = Field(
        None, description="The least frequent review a relationship of this tier may have."
    )
    planning: Text | None = Field(None, description="How its relationship plan is made.")
    forums: list[BodyRef] | None = Field(
        None, description="Governance bodies where units of this tier have a seat."
    )
