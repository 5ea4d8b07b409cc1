"""Principles, policies, processes, communications and indicators: how the framework works."""

from __future__ import annotations

from typing import Annotated

from pydantic import Discriminator, Field, Tag

from rmf.model.base import MAPPING_FORM, TEXT_FORM, Entity, Strict, form
from rmf.model.types import (
    ActorRef,
    BodyRef,
    Category,
    Channel,
    Direction,
    Frequency,
    Id,
    IndicatorRef,
    IsoDate,
    MeasureUnit,
    Month,
    Number,
    PartyRef,
    PrincipleRef,
    RoleRef,
    Text,
    UnitRef,
)


class Principle(Entity):
    """A principle that guides how IT and the business relate."""

    title: Text = Field(description="Short title of the principle.")
    statement: Text = Field(description="The principle, stated as a rule of conduct.")
    rationale: Text | None = Field(None, description="Why the principle holds.")
    implications: list[Text] | None = Field(None, description="What follows from it in practice.")


class Policy(Entity):
    """A policy that holds across the relationship framework."""

    title: Text = Field(description="Title of the policy.")
    statement: Text = Field(description="The policy statement.")
    purpose: Text | None = Field(None, description="Why the policy exists.")
    scope: Text | None = Field(None, description="Where it applies.")
    owner: RoleRef = Field(description="The role that owns the policy.")
    approved_by: BodyRef | None = Field(None, description="The body that approved it.")
    applies_to: list[UnitRef] | None = Field(None, description="Units it applies to.")
    effective: IsoDate | None = Field(None, description="Date it takes effect.")
    review_by: IsoDate | None = Field(None, description="Date by which it is reviewed.")
    principles: list[PrincipleRef] | None = Field(None, description="Principles it serves.")


class Step(Strict):
    """A process step with its RACI assignment: roles, or governance bodies deciding."""

    id: Id = Field(description="Identifier, unique within its process.")
    name: Text = Field(description="Name of the step.")
    responsible: list[ActorRef] = Field(
        min_length=1, description="Roles (or bodies) that do the work."
    )
    accountable: ActorRef = Field(description="The one role (or body) accountable for the step.")
    consulted: list[ActorRef] | None = Field(None, description="Roles or bodies consulted.")
    informed: list[ActorRef] | None = Field(None, description="Roles or bodies informed.")
    description: Text | None = Field(None, description="What happens in the step.")


class Process(Entity):
    """A relationship management process (practice)."""

    name: Text = Field(description="Name of the process.")
    purpose: Text = Field(description="Why the process exists.")
    owner: RoleRef = Field(description="The role that owns the process.")
    trigger: Text | None = Field(None, description="What starts the process.")
    frequency: Frequency | None = Field(None, description="How often it runs.")
    inputs: list[Text] | None = Field(None, description="Inputs.")
    outputs: list[Text] | None = Field(None, description="Outputs.")
    steps: list[Step] = Field(min_length=1, description="The steps, in order.")
    indicators: list[IndicatorRef] | None = Field(None, description="Indicators it feeds.")
    principles: list[PrincipleRef] | None = Field(None, description="Principles it serves.")


class Message(Strict):
    """A key message meant for some of a communication's audiences."""

    text: Text = Field(description="The message.")
    for_: list[PartyRef] = Field(
        alias="for",
        min_length=1,
        description="The audiences it is for: each in `audience`, or under a unit in it.",
    )


KeyMessage = Annotated[
    Annotated[Text, Tag(TEXT_FORM)] | Annotated[Message, Tag(MAPPING_FORM)],
    Discriminator(form),
]


class Communication(Entity):
    """An item of the communication plan."""

    name: Text = Field(description="Name of the communication.")
    objective: Text = Field(description="What it is meant to achieve.")
    audience: list[PartyRef] = Field(min_length=1, description="Units, roles or bodies reached.")
    owner: RoleRef = Field(description="The role that owns it.")
    channel: Channel = Field(description="How it is delivered.")
    frequency: Frequency = Field(description="How often.")
    messages: list[KeyMessage] | None = Field(
        None, description="Key messages: text, or `{text, for}` for some audiences."
    )
    feedback: Text | None = Field(None, description="How the communication is evaluated.")
    indicators: list[IndicatorRef] | None = Field(None, description="Indicators it reports.")
    months: list[Month] | None = Field(None, description="The months it happens in, 1–12.")
    timing: Text | None = Field(None, description="When in the period it happens.")
    messenger: RoleRef | None = Field(None, description="Who delivers it, when not the owner.")
    approver: ActorRef | None = Field(
        None, description="The role or body that signs it off before it goes out."
    )
    resources: Text | None = Field(None, description="Budget, tools, effort.")


class Thresholds(Strict):
    """Red and amber thresholds of an indicator."""

    red: Number = Field(description="Beyond this value the indicator is red.")
    amber: Number = Field(description="Beyond this value (up to red) the indicator is amber.")


class Indicator(Entity):
    """An engagement indicator (KPI)."""

    name: Text = Field(description="Name of the indicator.")
    category: Category = Field(description="What the indicator measures.")
    definition: Text = Field(description="What is measured.")
    formula: Text | None = Field(None, description="How it is computed.")
    unit: MeasureUnit = Field(description="Unit of measure.")
    direction: Direction = Field(description="Which way is better.")
    baseline: Number | None = Field(None, description="Value when the indicator was set.")
    target: Number = Field(description="Value aimed for.")
    thresholds: Thresholds | None = Field(None, description="Red and amber thresholds.")
    frequency: Frequency = Field(description="How often it is measured.")
    data_source: Text | None = Field(None, description="Where the data comes from.")
    owner: RoleRef = Field(description="The role that owns the indicator.")
    reported_to: list[BodyRef] | None = Field(None, description="Bodies it is reported to.")
    by_unit: bool = Field(
        False, description="Measured per business unit as well as overall (default false)."
    )
