"""The JSON Schema: committed as generated, and agreeing with `rmf validate` on every example."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import ROOT, shipped_frameworks
from rmf.cli.app import app
from rmf.reading.loader import load_source
from rmf.reading.reader import read_file
from rmf.validate.jsonschema import framework_schema, included_file_schema, schema_text
from rmf.validate.run import validate

EXAMPLES = ROOT / "tests" / "examples"
COMMITTED = {False: ROOT / "schema" / "rmf-1.json", True: ROOT / "schema" / "rmf-1-include.json"}
# Findings the schema of a single file can state too; the rest need the whole framework.
SCHEMA_CODES = frozenset(
    {
        "missing-field",
        "unknown-field",
        "invalid-value",
        "invalid-id",
        "invalid-date",
        "unsupported-version",
        "not-a-mapping",
    }
)
# invalid-value findings that compare two fields in a way JSON Schema cannot express.
BEYOND_SCHEMA = {
    "backup-equals-manager.yaml": "backup must differ from manager",
    "member-twice.yaml": "a role holds one seat: uniqueness of one key in a list",
    "engagement-tier-twice.yaml": "one entry per tier: uniqueness of one key in a list",
    "message-for-outside-audience.yaml": "a message's audiences lie within another field's",
}
runner = CliRunner()


def _validator(include_file: bool) -> Any:
    schema = included_file_schema() if include_file else framework_schema()
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _problems(path: Path) -> list[str]:
    """Every schema error in a framework's files, each file against its own schema."""
    source = load_source(path)
    roots = {source.root, *source.bases}  # the framework's root file and those of its bases
    out = []
    for file in source.files:
        # rmf's own reader, so that dates stay text, as an editor sees them
        doc = read_file(file, file)
        assert doc.ok, doc.findings
        for error in _validator(include_file=file not in roots).iter_errors(doc.data):
            out.append(f"{file}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    return out


def _valid_examples() -> list[Path]:
    valid = sorted(p for p in (EXAMPLES / "valid").iterdir() if not p.name.startswith("_"))
    return [*shipped_frameworks(), *valid]


@pytest.mark.parametrize("include_file", [False, True], ids=["root", "include"])
def test_committed_schema_is_the_generated_one(include_file: bool) -> None:
    path = COMMITTED[include_file]
    flag = " --include-file" if include_file else ""
    assert path.read_text(encoding="utf-8") == schema_text(include_file), (
        f"{path.name} is stale: run `rmf schema{flag} -o schema/{path.name}`"
    )


@pytest.mark.parametrize("include_file", [False, True], ids=["root", "include"])
def test_schema_is_a_valid_draft_2020_12_schema(include_file: bool) -> None:
    schema = included_file_schema() if include_file else framework_schema()
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_text_is_stable_and_ends_in_a_newline() -> None:
    assert schema_text() == schema_text()
    assert schema_text().endswith("}\n")


@pytest.mark.parametrize("path", _valid_examples(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_valid_example_is_well_formed_by_the_schema(path: Path) -> None:
    assert not validate(path, date(2026, 11, 26)).errors
    assert _problems(path) == []


def _schema_level_invalid_examples() -> list[Path]:
    out = []
    for path in sorted((EXAMPLES / "invalid").iterdir()):
        if path.name.startswith("_") or path.suffix == ".expect" or path.name in BEYOND_SCHEMA:
            continue
        codes = {f.code for f in validate(path, date(2026, 11, 26)).findings}
        if codes and codes <= SCHEMA_CODES:
            out.append(path)
    return out


@pytest.mark.parametrize("path", _schema_level_invalid_examples(), ids=lambda p: p.name)
def test_an_example_refused_for_its_form_is_refused_by_the_schema_too(path: Path) -> None:
    root = path / "framework.yaml" if path.is_dir() else path
    doc = read_file(str(root), str(root))
    assert list(_validator(include_file=False).iter_errors(doc.data)), path.name


def test_enough_invalid_examples_exercise_the_schema() -> None:
    # guards the selection above against silently matching nothing
    assert len(_schema_level_invalid_examples()) >= 15


def _with_examples(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if "examples" in node:
            found.append(node)
        for value in node.values():
            found.extend(_with_examples(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_with_examples(value))
    return found


def test_every_example_in_the_schema_satisfies_its_own_property() -> None:
    schema = framework_schema()
    props = _with_examples(schema)
    assert len(props) >= 10
    for prop in props:
        check = {**prop, "$defs": schema["$defs"]}
        for example in prop["examples"]:
            jsonschema.validate(example, check, format_checker=jsonschema.FormatChecker())


def test_schema_names_the_rule_codes_that_rules_may_tune() -> None:
    from rmf.validate.rules import TUNABLE

    assert framework_schema()["properties"]["rules"]["propertyNames"]["enum"] == TUNABLE


@pytest.mark.parametrize(
    ("data", "valid"),
    [
        ({"units": None}, True),  # a section left empty, as rmf allows
        ({"units": [{"id": "a", "name": "A", "kind": "business"}]}, True),
        ({"framework": {}}, False),  # root-only key
        ({"x-anchors": {"any": "thing"}}, True),
        ({"notes": "x"}, False),
    ],
)
def test_included_file_schema_holds_list_sections_only(data: dict[str, Any], valid: bool) -> None:
    assert _validator(include_file=True).is_valid(data) is valid


def test_rmf_schema_prints_the_committed_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == COMMITTED[False].read_text(encoding="utf-8")


def test_rmf_schema_writes_the_include_schema_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "rmf-1-include.json"
    result = runner.invoke(app, ["schema", "--include-file", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == COMMITTED[True].read_text(encoding="utf-8")
    assert json.loads(out.read_text(encoding="utf-8"))["title"].startswith("RMF included file")
