"""The JSON Schema of the RMF format, generated from the models, for editors and peers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rmf.core.atomic import write_atomic
from rmf.model.framework import SINGULAR, Framework
from rmf.model.types import (
    DATE_WORDS,
    ID_MAX,
    ID_PATTERN,
    ID_WORDS,
    SECTIONS,
    SEMVER_PATTERN,
    SEMVER_WORDS,
)
from rmf.reading.override import OVERRIDE_KEY
from rmf.validate.rules.field_constraints import SFIA_CODE_WORDS
from rmf.validate.schema_override import add_override
from rmf.validate.schema_shape import add_pattern_messages, reshape, types_of

SCHEMA_ID = "https://rmf.invalid/schema/rmf-1.json"
INCLUDE_ID = "https://rmf.invalid/schema/rmf-1-include.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
FRAMEWORK_FILE, INCLUDE_FILE = "rmf-1.json", "rmf-1-include.json"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
SFIA_CODE_PATTERN = "^[A-Za-z]{2,4}$"
# What an editor says when a value does not match a pattern: the words `rmf validate` uses.
PATTERN_WORDS = {
    ID_PATTERN: f"Not a valid id: use {ID_WORDS}.",
    DATE_PATTERN: f"Not {DATE_WORDS}.",
    SEMVER_PATTERN: f"Must be {SEMVER_WORDS}.",
    SFIA_CODE_PATTERN: f"{SFIA_CODE_WORDS}.",
}

# pydantic leaves a constraint under its own name when a BeforeValidator wraps the type
# (Percent, Fraction); editors only understand the JSON Schema keywords.
_KEYWORDS = {"gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum", "le": "maximum"}
# Friendlier names than the class names, for editor hovers.
_DEF_TITLES = {
    "Body": "Governance body",
    "Metadata": "Framework metadata",
    "MaturityLevels": "Maturity",
    "DecisionRight": "Decision right",
    "Member": "Member (seat)",
    "Step": "Process step",
    "WorkingConditions": "Working conditions",
}
# (definition, field) → examples an editor may offer; each must validate (a test checks).
_EXAMPLES: dict[tuple[str, str], list[Any]] = {
    ("Metadata", "id"): ["acme-relationship-management-framework"],
    ("Metadata", "name"): ["Business Engagement — Relationship Management Framework"],
    ("Metadata", "client"): ["Acme Corporation"],
    ("Metadata", "version"): ["1.0.0", "1.2.0-draft.1"],
    ("Metadata", "effective"): ["2026-01-01"],
    ("Unit", "id"): ["business-engagement-office"],
    ("Role", "classification"): ["Manager 2"],
    ("Role", "language"): [["English", "French"]],
    ("Contact", "with"): ["business-engagement-office"],
    ("Competency", "framework"): ["sfia"],
    ("Competency", "code"): ["RLMT"],
    ("Competency", "level"): [5],
    ("Relationship", "allocation"): [0.5],
    ("Member", "term"): ["2 years"],
    ("Policy", "review_by"): ["2027-06-30"],
    ("Indicator", "formula"): ["satisfied respondents / all respondents × 100"],
    ("Waiver", "expires"): ["2026-06-30"],
}


def _walk(node: Any) -> None:
    """Rewrite stray pydantic constraint names and pin dates to rmf's one spelling."""
    if isinstance(node, dict):
        for old, new in _KEYWORDS.items():
            if old in node and "type" in node:
                node[new] = node.pop(old)
        if node.get("format") == "date":
            node["pattern"] = DATE_PATTERN
        for value in node.values():
            _walk(value)
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _polish(defs: dict[str, Any]) -> None:
    for name, definition in defs.items():
        definition["title"] = _DEF_TITLES.get(name, name)
        for field, prop in definition.get("properties", {}).items():
            prop["title"] = _title(field)
            examples = _EXAMPLES.get((name, field))
            if examples is not None:
                prop["examples"] = examples
    # Constraints between fields of one entry that JSON Schema can say, so that editors
    # flag them as `rmf validate` does (its field-constraints rule).
    percent = {"minimum": 0, "maximum": 100}  # a bound applies to numbers only
    defs["Indicator"]["if"] = {"properties": {"unit": {"const": "percent"}}, "required": ["unit"]}
    defs["Indicator"]["then"] = {
        "properties": {
            "baseline": percent,
            "target": percent,
            "thresholds": {"properties": {"red": percent, "amber": percent}},
        }
    }
    sfia = {"framework": {"pattern": "^[Ss][Ff][Ii][Aa]$"}}
    defs["Competency"]["allOf"] = [
        {
            "if": {"properties": sfia, "required": ["framework"]},
            "then": {
                "properties": {"code": {"pattern": "^[A-Za-z]{2,4}$"}, "level": {"maximum": 7}}
            },
        },
        {
            "if": {
                "properties": {**sfia, "code": {"pattern": "^[Rr][Ll][Mm][Tt]$"}},
                "required": ["framework", "code"],
            },
            "then": {"properties": {"level": {"minimum": 4}}},
        },
    ]


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """A list section may be left empty (`units:` with nothing under it)."""
    return {**prop, "type": ["array", "null"]}


def _placeholder(prop: dict[str, Any], defs: dict[str, Any], tabstop: list[int]) -> Any:
    """What a snippet writes for a required field: a tab stop, a choice of its allowed
    values, or the required fields of the entry or list it holds."""
    if "enum" in prop:
        tabstop[0] += 1
        choices = ",".join(str(v) for v in prop["enum"] if v is not None)
        return f"${{{tabstop[0]}|{choices}|}}"
    if "$ref" in prop and types_of(prop)[:1] == ["object"]:
        return _required_body(defs[prop["$ref"].rsplit("/", 1)[-1]], defs, tabstop)
    if "array" in types_of(prop):
        return [_placeholder(prop.get("items", {}), defs, tabstop)]
    tabstop[0] += 1
    return f"${tabstop[0]}"


def _required_body(definition: dict[str, Any], defs: dict[str, Any], tabstop: list[int]) -> Any:
    props = definition["properties"]
    return {f: _placeholder(props[f], defs, tabstop) for f in definition.get("required", ())}


def _add_snippets(props: dict[str, Any], defs: dict[str, Any]) -> None:
    """A snippet per list section (`defaultSnippets`, an editor extension): a new entry
    with its required fields, so that an editor completes a whole entity at once."""
    for section in SECTIONS:
        name = props[section]["items"]["$ref"].rsplit("/", 1)[-1]
        props[section]["defaultSnippets"] = [
            {
                "label": f"new {SINGULAR[section]}",
                "description": defs[name].get("description", ""),
                # the snippet is an item of the list: editors then write its `- `
                "type": "array",
                "body": _required_body(defs[name], defs, [0]),
            }
        ]


def framework_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) for a framework's root file.

    It states what the models state; the rules beyond the schema (references,
    coverage, cycles …) are `rmf validate`'s alone.
    """
    from rmf.validate.rules import TUNABLE

    generated = Framework.model_json_schema(by_alias=True, mode="validation")
    _walk(generated)
    defs: dict[str, Any] = generated["$defs"]
    _polish(defs)
    waivable = [c for c in TUNABLE if c not in ("waiver-expired", "unused-waiver")]
    defs["Waiver"]["properties"]["rule"]["enum"] = waivable
    props: dict[str, Any] = {}
    for name, prop in generated["properties"].items():
        prop["title"] = _title(name)
        props[name] = _nullable(prop) if name in SECTIONS else prop
        if name == "framework":
            props["include"] = {
                "title": "Include",
                "description": "Paths or globs, relative to this file, of files that hold "
                "more list sections; globs are sorted by path.",
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "examples": [["units.yaml", "roles/*.yaml"]],
            }
            props["extends"] = {
                "title": "Extends",
                "description": "The base framework whose list sections come first; an "
                "entity with the id of a base entity of the same section replaces it whole, "
                "and `override` changes single fields. A path relative to this file (a "
                "file, or a folder with framework.yaml); a git repository pinned to a tag or "
                "commit, `git+https://HOST/REPO.git@TAG` (also `git+ssh://`, `git+file://`), "
                "with `#subdirectory=PATH` for a base in a folder of the repository, its "
                "commit recorded in rmf.lock by `rmf lock`; or `pkg:NAME`, the framework an "
                "installed Python package ships (entry point group `rmf.frameworks`).",
                "type": "string",
                "minLength": 1,
                "examples": [
                    "../base",
                    "git+https://github.com/acme/method.git@v2.1.0#subdirectory=frameworks/base",
                    "pkg:acme-method",
                ],
            }
            props["exclude"] = {
                "title": "Exclude",
                "description": "Ids of base entities this framework does not adopt "
                "(needs `extends`); a base entity that is still referred to is reported at "
                "its id here.",
                "type": "array",
                "items": {
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "maxLength": ID_MAX,
                    "description": "Id of a base entity.",
                },
            }
    props["rmf"]["title"] = "Format version"
    props["rules"]["propertyNames"] = {"enum": list(TUNABLE)}
    schema = {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "RMF framework (format version 1)",
        "description": "The root file of a Relationship Management Framework. The rules "
        "beyond the schema (references, coverage, cycles …) are checked by `rmf validate`.",
        "type": "object",
        "required": generated["required"],
        "properties": props,
        # `x-` keys are ignored by rmf: a place for anchors
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
        "$defs": defs,
    }
    reshape(schema)
    add_pattern_messages(schema, PATTERN_WORDS)
    add_override(schema, props)
    _add_snippets(props, defs)
    return schema


def included_file_schema() -> dict[str, Any]:
    """A JSON Schema for an included file: list sections only."""
    root = framework_schema()
    return {
        "$schema": DIALECT,
        "$id": INCLUDE_ID,
        "title": "RMF included file (format version 1)",
        "description": "A file that a framework's root file includes: list sections only.",
        "type": "object",
        "properties": {s: root["properties"][s] for s in (*SECTIONS, OVERRIDE_KEY)},
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
        "$defs": root["$defs"],
    }


def schema_text(include_file: bool = False) -> str:
    """The schema as committed and shipped: indented JSON, stable, ending in a newline."""
    schema = included_file_schema() if include_file else framework_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schema(path: Path, include_file: bool = False) -> None:
    """Write the schema through a temporary file, so an editor never reads half of it."""
    write_atomic(path, schema_text(include_file).encode("utf-8"))
