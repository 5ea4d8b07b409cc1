"""The framework model: one pydantic class per section of the RMF format, version 1."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from rmf.model.types import (
    BodyRef,
    BodyType,
    Category,
    Channel,
    DecisionType,
    Direction,
    Fraction,
    Frequency,
    Id,
    IndicatorRef,
    IsoDate,
    Level,
    Maturity,
    MeasureUnit,
    Number,
    PartyRef,
    Percent,
    PrincipleRef,
    RoleRef,
    SemVer,
    Status,
    Term,
    Text,
    Tier,
    UnitKind,
    UnitRef,
    VotingRule,
    ref,
)


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Entity(Strict):
    """Anything with an id in the framework-wide namespace."""

    id: Id = Field(description="Identifier, lowercase kebab-case, unique in the framework.")


# --- framework metadata ---------------------------------------------------------


class Metadata(Strict):
    """`framework`: what the framework is, for whom, and in which version."""

    id: Id = Field(description="Identifier of the framework.")
    name: Text = Field(description="Title of the framework, as printed on every document.")
    client: Text = Field(description="The organisation the framework is for.")
    version: SemVer = Field(description="Semantic version of the framework, e.g. `1.2.0`.")
    status: Status = Field(description="Where the framework is in its approval.")
    effective: IsoDate | None = Field(None, description="Date the framework takes effect.")
    owner: RoleRef | None = Field(None, description="Role that owns the framework.")
    review: Frequency | None = Field(None, description="How often the framework is reviewed.")
    description: Text | None = Field(None, description="Overview of the framework (markdown).")


# --- principles -------------------------------------------------------------------


class Principle(Entity):
    """A principle that guides how IT and the business relate."""

    title: Text = Field(description="Short title of the principle.")
    statement: Text = Field(description="The principle, stated as a rule of conduct.")
    rationale: Text | None = Field(None, description="Why the principle holds.")
    implications: list[Text] | None = Field(None, description="What follows from it in practice.")


# --- units ------------------------------------------------------------------------


class Unit(Entity):
    """An organisational unit: executive, IT, business, relationship office or external."""

    name: Text = Field(description="Name of the unit.")
    kind: UnitKind = Field(description="What kind of unit this is.")
    parent: UnitRef | None = Field(None, description="The unit this one belongs to.")
    head: RoleRef | None = Field(None, description="The role that heads the unit.")
    description: Text | None = Field(None, description="What the unit does (markdown).")


# --- roles ------------------------------------------------------------------------


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
    level: int = Field(ge=1, description="Level within the framework (SFIA RLMT: 4–7).")


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
    working_conditions: Text | None = Field(None, description="Working conditions.")
    language: list[Text] | None = Field(None, description="Languages required.")


# --- relationships ----------------------------------------------------------------


class MaturityLevels(Strict):
    """Relationship maturity, 1 (ad hoc) to 5 (strategic partner)."""

    current: Maturity = Field(description="Maturity today, 1–5.")
    target: Maturity = Field(description="Maturity aimed for, 1–5.")


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


# --- governance -------------------------------------------------------------------


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
    quorum: int | None = Field(None, description="Voting members needed to decide.")
    voting_rule: VotingRule | None = Field(None, description="How decisions are taken.")
    meets: Frequency = Field(description="How often the body meets.")
    escalates_to: BodyRef | None = Field(None, description="Where unresolved matters go.")
    review: Frequency | None = Field(None, description="How often the terms are reviewed.")


# --- policies ---------------------------------------------------------------------


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


# --- processes --------------------------------------------------------------------


class Step(Strict):
    """A process step with its RACI assignment."""

    id: Id = Field(description="Identifier, unique within its process.")
    name: Text = Field(description="Name of the step.")
    responsible: list[RoleRef] = Field(min_length=1, description="Roles that do the work.")
    accountable: RoleRef = Field(description="The one role accountable for the step.")
    consulted: list[RoleRef] | None = Field(None, description="Roles consulted.")
    informed: list[RoleRef] | None = Field(None, description="Roles informed.")
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


# --- communications ---------------------------------------------------------------


class Communication(Entity):
    """An item of the communication plan."""

    name: Text = Field(description="Name of the communication.")
    objective: Text = Field(description="What it is meant to achieve.")
    audience: list[PartyRef] = Field(min_length=1, description="Units, roles or bodies reached.")
    owner: RoleRef = Field(description="The role that owns it.")
    channel: Channel = Field(description="How it is delivered.")
    frequency: Frequency = Field(description="How often.")
    messages: list[Text] | None = Field(None, description="Key messages.")
    feedback: Text | None = Field(None, description="How the communication is evaluated.")
    indicators: list[IndicatorRef] | None = Field(None, description="Indicators it reports.")


# --- indicators -------------------------------------------------------------------


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


# --- waivers and the whole framework ----------------------------------------------


class Waiver(Strict):
    """An accepted deviation from a rule, for one target, until it expires."""

    rule: Text = Field(description="Code of the rule waived.")
    target: Id = Field(description="Id of the entity the finding is about.")
    reason: Text = Field(description="Why the deviation is accepted.")
    owner: RoleRef | None = Field(None, description="Role answerable for the waiver.")
    expires: IsoDate | None = Field(None, description="Last day the waiver holds.")


SECTION_MODELS: dict[str, type[Entity]] = {
    "principles": Principle,
    "units": Unit,
    "roles": Role,
    "relationships": Relationship,
    "governance": Body,
    "policies": Policy,
    "processes": Process,
    "communications": Communication,
    "indicators": Indicator,
}

SINGULAR: dict[str, str] = {
    "principles": "principle",
    "units": "unit",
    "roles": "role",
    "relationships": "relationship",
    "governance": "governance body",
    "policies": "policy",
    "processes": "process",
    "communications": "communication",
    "indicators": "indicator",
}


class FrameworkHead(Strict):
    """The root file's own fields, validated apart from the list sections."""

    rmf: Literal[1] = Field(description="Format version; always 1.")
    framework: Metadata = Field(description="Framework metadata.")
    rules: dict[str, Level] = Field(default_factory=dict, description="Rule severities.")


class Framework(Strict):
    """A whole framework, after loading and validation."""

    rmf: Literal[1] = Field(description="Format version; always 1.")
    framework: Metadata = Field(description="Framework metadata.")
    principles: list[Principle] = Field(default_factory=list, description="Principles.")
    units: list[Unit] = Field(default_factory=list, description="Organisational units.")
    roles: list[Role] = Field(default_factory=list, description="Roles (positions).")
    relationships: list[Relationship] = Field(
        default_factory=list, description="Who manages which business unit."
    )
    governance: list[Body] = Field(default_factory=list, description="Governance bodies.")
    policies: list[Policy] = Field(default_factory=list, description="Policies.")
    processes: list[Process] = Field(default_factory=list, description="Processes.")
    communications: list[Communication] = Field(
        default_factory=list, description="The communication plan."
    )
    indicators: list[Indicator] = Field(default_factory=list, description="Indicators.")
    rules: dict[str, Level] = Field(default_factory=dict, description="Rule severities.")
    waivers: list[Waiver] = Field(default_factory=list, description="Accepted deviations.")
