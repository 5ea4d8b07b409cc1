"""What every model shares: strictness, the id, and the stakeholder analysis (1.1)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rmf.model.types import Engagement, Id, Influence, Text

# Tags of the two forms of a text-or-mapping field; error locations leave them out.
TEXT_FORM, MAPPING_FORM = "(text)", "(mapping)"


def form(value: Any) -> str:
    """Which form a text-or-mapping field is written in: the discriminator of such
    fields, so that each form is validated alone and a mistake in one is not reported
    as a failure of the other too."""
    return MAPPING_FORM if isinstance(value, dict | BaseModel) else TEXT_FORM


class Strict(BaseModel):
    """Base of every model: unknown keys are errors and nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Entity(Strict):
    """Anything with an id in the framework-wide namespace."""

    id: Id = Field(description="Identifier, lowercase kebab-case, unique in the framework.")


class Stakeholder(Strict):
    """How much an audience matters to the plan, and where its engagement stands."""

    influence: Influence = Field(description="Influence over the framework: high, medium, low.")
    interest: Influence = Field(description="Interest in the framework: high, medium, low.")
    needs: Text | None = Field(None, description="What it needs to hear or receive.")
    current: Engagement | None = Field(None, description="Its engagement today.")
    desired: Engagement | None = Field(None, description="The engagement aimed for.")
