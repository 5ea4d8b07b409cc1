"""The JSON Schema of the RMF format, generated from the models, for editors and peers."""

from __future__ import annotations

from typing import Any

from rmf.model import Framework
from rmf.types import SECTIONS

SCHEMA_ID = "https://rmf.invalid/schema/rmf-1.json"


def framework_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) for a framework's root file.

    It states what the models state; the rules beyond the schema (references,
    coverage, cycles …) are `rmf validate`'s alone.
    """
    schema = Framework.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "RMF framework (format version 1)"
    props = schema["properties"]
    props["include"] = {
        "type": "array",
        "items": {"type": "string"},
        "description": "Paths or globs of files that hold more list sections.",
    }
    # `x-` keys are ignored by rmf: a place for anchors
    schema["patternProperties"] = {"^x-": {}}
    schema["additionalProperties"] = False
    return schema


def included_file_schema() -> dict[str, Any]:
    """A JSON Schema for an included file: list sections only."""
    root = framework_schema()
    return {
        "$schema": root["$schema"],
        "$id": SCHEMA_ID.replace("rmf-1", "rmf-1-include"),
        "title": "RMF included file (format version 1)",
        "type": "object",
        "properties": {s: root["properties"][s] for s in SECTIONS},
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
        "$defs": root.get("$defs", {}),
    }
