"""The framework model: metadata, the plan-level sections, and the whole framework, whose
sections are modelled in `organisation`, `relationships`, `governance` and `practice`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from rmf.model.base import Entity, Strict
from rmf.model.governance import Body
from rmf.model.organisation import Role, Unit
from rmf.model.practice import Communication, Indicator, Policy, Principle, Process
from rmf.model.relationships import EngagementTier, Relationship
from rmf.model.types import (
    ROOT_SECTIONS,
    BodyRef,
    Frequency,
    Id,
    IsoDate,
    Level,
    RoleRef,
    SemVer,
    Status,
    Text,
)
from rmf.model.types import SINGULAR as SINGULAR  # where the model's users find it

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
    approved_by: BodyRef | None = Field(None, description="The body that approved this version.")
    approved: IsoDate | None = Field(None, description="Date of that approval.")
    prepared_by: Text | None = Field(None, description="Who prepared it, e.g. the consultancy.")


# --- plan-level sections (1.1) -----------------------------------------------------


class CommunicationPlan(Strict):
    """`communication_plan`: what the plan as a whole must achieve, and its review."""

    purpose: Text = Field(description="What the communication plan is for.")
    objectives: list[Text] | None = Field(None, description="What it must achieve.")
    owner: RoleRef | None = Field(None, description="The role that owns the plan.")
    approved_by: BodyRef | None = Field(None, description="The body that approved it.")
    review: Frequency | None = Field(None, description="How often the plan is reviewed.")
    evaluation: Text | None = Field(None, description="How the plan is evaluated.")


class SignOff(Strict):
    """Who signs a kind of document."""

    signatures: list[Text] | None = Field(
        None, description="Sign-off lines printed at the end, e.g. `[Incumbent, Supervisor]`."
    )


class Documents(Strict):
    """`documents`: settings of the rendered documents."""

    position: SignOff | None = Field(None, description="Position descriptions.")
    charter: SignOff | None = Field(None, description="Terms of reference.")
    currency: Text | None = Field(
        None,
        description="The symbol amounts of `currency` indicators are shown with (default `$`); "
        "an rmf extension of the format.",
    )


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

# The model of each section of the root file alone (1.1), in the format's order.
ROOT_MODELS: dict[str, type[Strict]] = dict(
    zip(ROOT_SECTIONS, (EngagementTier, CommunicationPlan, Documents), strict=True)
)


class FrameworkHead(Strict):
    """The root file's own fields, validated apart from the list sections."""

    rmf: Literal[1] = Field(description="Format version; always 1.")
    framework: Metadata = Field(description="Framework metadata.")
    engagement_model: list[EngagementTier] = Field(
        default_factory=list, description="What each relationship tier gets."
    )
    communication_plan: CommunicationPlan | None = Field(
        None, description="The communication plan's purpose and review."
    )
    documents: Documents | None = Field(None, description="Settings of rendered documents.")
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
    engagement_model: list[EngagementTier] = Field(
        default_factory=list, description="What each relationship tier gets."
    )
    communication_plan: CommunicationPlan | None = Field(
        None, description="The communication plan's purpose and review."
    )
    documents: Documents | None = Field(None, description="Settings of rendered documents.")
    rules: dict[str, Level] = Field(default_factory=dict, description="Rule severities.")
    waivers: list[Waiver] = Field(default_factory=list, description="Accepted deviations.")
