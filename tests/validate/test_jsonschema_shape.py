"""The JSON Schema's shape: one schema per field, so that checkers and editors say one
precise thing per mistake, complete whole entities, and still agree with the model."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from conftest import ROOT
from rmf.model.framework import Framework
from rmf.model.types import DATE_WORDS, ID_WORDS, SECTIONS, SEMVER_WORDS
from rmf.reading.reader import read_file
from rmf.validate.jsonschema import PATTERN_WORDS, framework_schema
from rmf.validate.run import validate
from rmf.validate.schema_shape import each_schema, reshape, types_of

SCHEMA_FILE = ROOT / "schema" / "rmf-1.json"
EXAMPLES = ROOT / "tests" / "examples"


def _schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    each_schema(schema, found.append)
    return found


def test_no_field_is_a_union_or_defaults_to_null() -> None:
    for node in _schemas(framework_schema()):
        assert "anyOf" not in node and "oneOf" not in node, node
        assert "default" not in node or node["default"] is not None, node


def test_every_reference_says_its_type_and_no_definition_does() -> None:
    schema = framework_schema()
    # a definition constrains mappings only, so `type: [object, "null"]` beside a `$ref`
    # lets a field be left empty; the type beside each reference keeps everything else out
    assert all("type" not in d for d in schema["$defs"].values())
    refs = [node for node in _schemas(schema) if "$ref" in node]
    assert len(refs) > 30
    assert all("object" in types_of(node) for node in refs)


def test_an_optional_field_lists_null_after_its_own_type() -> None:
    unit = framework_schema()["$defs"]["Unit"]["properties"]
    assert unit["parent"]["type"] == ["string", "null"]
    assert unit["stakeholder"]["type"] == ["object", "null"]
    assert unit["kind"]["type"] == "string"  # required: no null


@pytest.mark.parametrize(
    ("union", "merged"),
    [
        (
            {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}], "default": None},
            {"type": ["integer", "null"], "minimum": 0},
        ),
        (
            {"oneOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/M"}]},
            {"type": ["string", "object"], "minLength": 1, "$ref": "#/$defs/M"},
        ),
        (
            {"anyOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "null"}]},
            {"type": ["string", "null"], "enum": ["a", "b", None]},
        ),
    ],
)
def test_a_union_of_distinct_types_becomes_one_schema(
    union: dict[str, Any], merged: dict[str, Any]
) -> None:
    schema = {"properties": {"f": union}, "$defs": {"M": {"type": "object"}}}
    reshape(schema)
    assert schema["properties"]["f"] == merged


@pytest.mark.parametrize(
    "union",
    [
        # a bound would apply to both numbers
        {"anyOf": [{"type": "integer"}, {"type": "number", "minimum": 1}]},
        # an enum applies to every type
        {"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "integer"}]},
        # both branches are text
        {"anyOf": [{"type": "string", "pattern": "^a"}, {"type": "string", "minLength": 3}]},
    ],
)
def test_a_union_that_would_change_meaning_stays_a_union(union: dict[str, Any]) -> None:
    schema = {"properties": {"f": copy.deepcopy(union)}}
    reshape(schema)
    assert schema["properties"]["f"] == union


def _framework(**changes: Any) -> dict[str, Any]:
    """The minimal framework with `section.index.field` (dots) set to a value."""
    doc = read_file(str(ROOT / "tests" / "data" / "minimal.yaml"), "minimal.yaml")
    data: dict[str, Any] = copy.deepcopy(doc.data)
    for where, value in changes.items():
        *path, last = [int(p) if p.isdigit() else p for p in where.split(".")]
        node: Any = data
        for step in path:
            node = node[step]
        node[last] = value
    return data


def _model_accepts(data: dict[str, Any]) -> bool:
    try:
        Framework.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    ("field", "value", "valid"),
    [
        ("units.0.parent", None, True),
        ("units.0.stakeholder", None, True),
        ("units.0.stakeholder", "high", False),
        ("units.0.stakeholder", {"influence": "high", "interest": "low"}, True),
        ("units.0.stakeholder", {"influence": "high"}, False),
        ("units.0.kind", None, False),
        ("roles.0.employment", None, True),
        ("roles.0.employment", "seasonal", False),
        ("roles.0.working_conditions", None, True),
        ("roles.0.working_conditions", "Office work.", True),
        ("roles.0.working_conditions", {"physical": "Light."}, True),
        ("roles.0.working_conditions", {"noise": "Light."}, False),
        ("roles.0.working_conditions", 5, False),
        ("roles.0.working_conditions", "", False),
        ("communications.0.messages", ["Hello.", {"text": "Hi.", "for": ["sales"]}], True),
        ("communications.0.messages", [5], False),
        ("communications.0.messages", [None], False),
        ("governance.0.members.0.term", 2, True),
        ("governance.0.members.0.term", "2 years", True),
        ("governance.0.members.0.term", True, False),
        ("governance.0.quorum", None, True),
        ("relationships.0.allocation", None, True),
        ("relationships.0.allocation", 2, False),
        ("framework.version", "1.2.0-draft.1", True),
        ("framework.version", "1.0", False),
        ("units", "none", False),
        ("units.0", None, False),
    ],
)
def test_schema_and_model_agree_on_empty_and_mixed_fields(
    field: str, value: Any, valid: bool
) -> None:
    data = _framework(**{field: value})
    assert _model_accepts(data) is valid
    validator = jsonschema.Draft202012Validator(framework_schema())
    assert validator.is_valid(data) is valid


def test_every_pattern_an_error_can_name_has_plain_words() -> None:
    schema = framework_schema()
    conditions = []
    each_schema(
        schema, lambda node: conditions.extend(_schemas(node["if"]) if "if" in node else [])
    )
    for node in _schemas(schema):
        if "pattern" in node and not any(node is c for c in conditions):
            assert node.get("patternErrorMessage") == PATTERN_WORDS[node["pattern"]]


def test_pattern_words_are_rmf_validates_own() -> None:
    invalid_id = validate(EXAMPLES / "invalid" / "invalid-id.yaml", date(2026, 11, 26))
    assert any(ID_WORDS in f.message for f in invalid_id.findings)
    words = " ".join(PATTERN_WORDS.values())
    assert all(w in words for w in (ID_WORDS, DATE_WORDS, SEMVER_WORDS))


def _tabstops(body: Any) -> list[str]:
    if isinstance(body, dict):
        return [t for value in body.values() for t in _tabstops(value)]
    if isinstance(body, list):
        return [t for value in body for t in _tabstops(value)]
    return [body]


def _required_shape(name: str, defs: dict[str, Any]) -> dict[str, Any]:
    definition = defs[name]
    out: dict[str, Any] = {}
    for field in definition.get("required", ()):
        prop = definition["properties"][field]
        target = prop.get("items", prop) if "array" in types_of(prop) else prop
        shape: Any = "value"
        if "$ref" in target and "object" in types_of(target) and "enum" not in prop:
            shape = _required_shape(target["$ref"].rsplit("/", 1)[-1], defs)
        out[field] = [shape] if "array" in types_of(prop) else shape
    return out


def _shape(body: Any) -> Any:
    if isinstance(body, dict):
        return {k: _shape(v) for k, v in body.items()}
    if isinstance(body, list):
        return [_shape(v) for v in body]
    return "value"


@pytest.mark.parametrize("section", SECTIONS)
def test_each_section_offers_a_new_entity_with_its_required_fields(section: str) -> None:
    schema = framework_schema()
    prop = schema["properties"][section]
    [snippet] = prop["defaultSnippets"]
    assert snippet["type"] == "array"  # so that an editor writes the item's `- `
    name = prop["items"]["$ref"].rsplit("/", 1)[-1]
    assert _shape(snippet["body"]) == _required_shape(name, schema["$defs"])
    stops = _tabstops(snippet["body"])
    assert [int(s.strip("${}").split("|")[0]) for s in stops] == list(range(1, len(stops) + 1))


def test_a_snippet_offers_the_allowed_values_of_a_required_choice() -> None:
    [snippet] = framework_schema()["properties"]["units"]["defaultSnippets"]
    assert snippet["body"]["kind"] == "${3|executive,it,business,relationship-office,external|}"


# -- check-jsonschema, the checker a pipeline runs ------------------------------------

BROKEN = [
    # (edit of the minimal framework, the JSON path check-jsonschema names)
    (("  - id: sales\n", "  - id: Sales_Unit\n"), "$.units[1].id"),
    (("    kind: it\n", "    kind: it\n    stakeholder: high\n"), "$.units[0].stakeholder"),
    (("    allocation: 0.5\n", "    allocation: 2\n"), "$.relationships[0].allocation"),
    (("    quorum: 2\n", "    quorum: two\n"), "$.governance[0].quorum"),
    (("    meets: monthly\n", "    meets: monthly\n    voting: unanimous\n"), "$.governance[0]"),
    (("    title: Partner\n", ""), "$.principles[0]"),
    (
        ("    purpose: Leads Sales.\n", "    purpose: Leads Sales.\n    employment: seasonal\n"),
        "$.roles[1].employment",
    ),
]


def _check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--no-cache",
            "--color",
            "never",
            "--schemafile",
            str(SCHEMA_FILE),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_jsonschema_reports_each_mistake_on_one_line(framework_file: Any) -> None:
    path = framework_file(*(edit for edit, _ in BROKEN))
    result = _check_jsonschema(path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0] == "Schema validation errors were encountered."
    errors = [line.split("::", 1)[1] for line in lines[1:]]
    # one line per mistake, each at the mistake, none a section repeated whole
    assert sorted(e.split(": ", 1)[0] for e in errors) == sorted(where for _, where in BROKEN)
    assert all(len(e) < 200 for e in errors), errors


def test_check_jsonschema_accepts_the_minimal_framework(framework_file: Any) -> None:
    result = _check_jsonschema(framework_file())
    assert result.returncode == 0, result.stdout + result.stderr
