"""docs/format.md, the field reference, says what the model says, all of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from rmf.core.codes import CODES
from rmf.model.framework import Framework
from rmf.validate.reference import format_reference
from rmf.validate.rules import CATALOGUE

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def test_the_committed_reference_is_the_generated_one() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == format_reference(), (
        "docs/format.md is out of date: run `python scripts/format_reference.py`"
    )


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    seen.add(model)
    for field in model.model_fields.values():
        stack: list[Any] = [field.annotation]
        while stack:
            kind = stack.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                if kind not in seen:
                    _models(kind, seen)
            else:
                stack.extend(getattr(kind, "__args__", ()))
                origin = getattr(kind, "__origin__", None)
                if origin is not None and getattr(origin, "__value__", None) is not None:
                    stack.append(origin.__value__)


def test_every_field_of_every_model_is_described() -> None:
    text = format_reference()
    models: set[type[BaseModel]] = set()
    _models(Framework, models)
    assert len(models) > 20
    for model in models:
        for name, field in model.model_fields.items():
            shown = field.alias or name
            assert f"| `{shown}` |" in text, f"{model.__name__}.{shown} is not in the reference"


def test_every_rule_and_finding_code_is_listed() -> None:
    text = format_reference()
    for code in (*CATALOGUE, *CODES):
        assert f"| `{code}` |" in text


def test_the_readme_points_into_the_reference() -> None:
    readme = (REFERENCE.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme
    assert "format §" not in readme
