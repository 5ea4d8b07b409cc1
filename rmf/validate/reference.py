"""The format reference (`docs/format.md`), written from the model's JSON Schema and the
rules' catalogue, so that it cannot say anything the model does not."""

from __future__ import annotations

from typing import Any

from rmf.core.codes import CODES, WARNINGS
from rmf.validate.jsonschema import framework_schema
from rmf.validate.schema_override import ENTRY, is_change
from rmf.validate.schema_shape import types_of

HEADER = """\
# The RMF format, version 1: field reference

Every section, field, type and allowed value of a framework file, and every
finding `rmf validate` can report. This file is generated from rmf's model by
`python scripts/format_reference.py`; a test fails when it and the model
disagree. The README's [The format](../README.md#the-format) says how rmf
reads the format where it leaves room, and `rmf schema` gives the same model as
a JSON Schema for editors.

A framework is a root file, `framework.yaml` in a framework folder (or any one
YAML file), plus the files its `include:` names. An included file holds list
sections only. Top-level keys starting with `x-` are ignored in every file: a
place for YAML anchors.
"""

BASES = """\
## Extending a base

A framework with `extends:` starts from the base it names: the base's entities
come first, and the framework adds, replaces, changes and drops them. Its
`framework:` metadata is always its own: the base's name, client and version
are never inherited (`name-from-base` warns when the name is the base's, since
it is the title of every document).

- **Add**: an entity with an id the base does not have.
- **Replace** an entity whole: declare one with the base entity's id in the
  same section. It must be complete: one that leaves out required fields is
  one `redefinition-incomplete` finding that points to `override:`.
- **Change single fields**: an entry under `override:` (in the root file or
  any included file) names a base entity by `id` and writes only the fields
  it changes. Ids are unique across a framework, so the id alone names the
  entity, whatever its section.

  ```yaml
  override:
    - id: business-satisfaction-index
      target: 85                    # replaces the base's target
      thresholds: {amber: 80}       # a mapping is merged: red stays the base's
      reported_to: [executive-committee]   # a list is replaced whole
    - id: it-steering-committee
      members:
        remove: [engagement-performance-analyst]   # by role (or id, or text)
        append:
          - {role: chief-nursing-officer, voting: true}
      secretary: null               # null drops the base's value
  ```

  A list is replaced whole unless written as `{remove: [...], append:
  [...]}`: `remove` takes out the entries named by what identifies them (the
  entry itself for a list of ids or texts, else its `id`, `role`, `with`,
  `text`, `decision`, `measure` or `code`), then `append` adds whole entries.
  An override of an id the base does not have (or that is excluded, or the
  framework's own), a `remove` that names no entry, and a second override of
  one entity are located findings with a "did you mean". Findings about an
  overridden entity stand where the offending value is written: at the
  override for the fields it changes, in the base for the others; `rmf show
  --origin` lists each overridden entity field by field with where it comes
  from.
- **Drop**: `exclude: [ids]`. An excluded entity that something still refers
  to is one `unresolved-reference` finding at its id under `exclude:`,
  naming every reference and the override that removes it.
"""

_PLAIN = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
}


def _anchor(name: str) -> str:
    return name.lower()


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's type in words, with links to the definitions it uses."""
    for union in ("anyOf", "oneOf"):
        if union in prop:
            kinds = [_type(p, defs) for p in prop[union] if p.get("type") != "null"]
            return " or ".join(dict.fromkeys(kinds))
    kinds = [k for k in types_of(prop) if k != "null"]
    if len(kinds) > 1:  # text or a number, text or a mapping: one schema, a list of types
        return " or ".join(dict.fromkeys(_type({**prop, "type": k}, defs) for k in kinds))
    kind = kinds[0] if kinds else None
    if "$ref" in prop and kind in (None, "object"):
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{defs[name].get('title', name)}](#{_anchor(name)})"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"] if v is not None)
    if kind == "array":
        return f"list of {_type(prop.get('items', {}), defs)}"
    if kind == "object":
        return "mapping"
    if kind == "string":
        if prop.get("pattern", "").startswith("^\\d{4}"):
            return "date (YYYY-MM-DD)"
        if prop.get("pattern", "").startswith("^[a-z][a-z0-9]*"):
            return "id (lowercase kebab-case)"
    words = _PLAIN.get(str(kind), str(kind or "any value"))
    bounds = []
    for key, sign in (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("exclusiveMaximum", "<"),
    ):
        if key in prop:
            bounds.append(f"{sign} {prop[key]}")
    return words + (f" ({', '.join(bounds)})" if bounds else "")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _fields(definition: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    required = set(definition.get("required", ()))
    lines = ["| field | type | required | description |", "|---|---|---|---|"]
    for name, prop in definition.get("properties", {}).items():
        description = prop.get("description", "")
        default = prop.get("default")
        if default not in (None, [], {}) and "default" not in description.lower():
            description += f" Default: `{str(default).lower()}`."
        lines.append(
            f"| `{name}` | {_cell(_type(prop, defs))} | {'yes' if name in required else ''} "
            f"| {_cell(description)} |"
        )
    return lines


def _used(prop: Any, found: list[str]) -> None:
    """Definitions a property refers to, in the order they first appear; the override
    forms of definitions are told once, in words (OVERRIDES), not field by field."""
    if isinstance(prop, dict):
        if "$ref" in prop:
            name = prop["$ref"].rsplit("/", 1)[-1]
            if name not in found and not is_change(name):
                found.append(name)
        for value in prop.values():
            _used(value, found)
    elif isinstance(prop, list):
        for value in prop:
            _used(value, found)


def format_reference() -> str:
    """The whole reference as Markdown."""
    from rmf.validate.rules import CATALOGUE

    schema = framework_schema()
    defs: dict[str, Any] = schema["$defs"]
    out = [HEADER, "## The root file", ""]
    out += _fields(schema, defs)
    order: list[str] = []
    _used(schema["properties"], order)
    for name in order:  # definitions used by definitions, after their first user
        _used(defs[name], order)
    out += ["", "## Definitions", ""]
    for name in order:
        definition = defs[name]
        out += [f'<a id="{_anchor(name)}"></a>', "", f"### {definition.get('title', name)}", ""]
        if definition.get("description"):
            out += [_cell(definition["description"]), ""]
        if name == ENTRY:  # every field of every section: told once, in words
            definition = {
                "required": ["id"],
                "properties": {
                    "id": definition["properties"]["id"],
                    "…": {
                        "description": "Any other field of the entity's section, as that "
                        "section's table says; each optional (see "
                        "[Extending a base](#extending-a-base)).",
                    },
                },
            }
        out += [*_fields(definition, defs), ""]
    out += [
        BASES,
        "## Rules",
        "",
        "The rules beyond the schema, each with a stable code and a default severity;",
        "`rules:` changes the severity of the tunable ones (`error`, `warning`, `off`),",
        "and a waiver silences one finding of a tunable rule until it expires.",
        "",
        "| code | default | tunable | what it finds |",
        "|---|---|---|---|",
    ]
    for code, rule in sorted(CATALOGUE.items()):
        tunable = "yes" if rule.tunable else ""
        out.append(f"| `{code}` | {rule.severity.value} | {tunable} | {_cell(rule.summary)} |")
    out += ["", *_measurements()]
    out += [
        "## Other findings",
        "",
        "Findings of reading, of the schema, of measurement files and of `rmf import`;",
        "none can be tuned or waived.",
        "",
        "| code | severity | what it finds |",
        "|---|---|---|",
    ]
    out += [
        f"| `{code}` | {'warning' if code in WARNINGS else 'error'} | {_cell(text)} |"
        for code, text in sorted(CODES.items())
    ]
    return "\n".join(out) + "\n"


def _measurements() -> list[str]:
    """The periods a measurement file may give for each frequency of an indicator."""
    from rmf.model.periods import EXAMPLES, KINDS

    out = [
        "## Measurements",
        "",
        "A measurement file for `rmf scorecard`: a CSV with the header",
        "`indicator,period,value` and optional `note`, `unit`, `action`, `action_owner`",
        "and `action_due` columns, or a YAML list of mappings with the same keys. Its",
        "`period` fits the indicator's frequency:",
        "",
        "| frequency | period |",
        "|---|---|",
    ]
    for frequency, kinds in KINDS.items():
        forms = ", ".join(f"`{EXAMPLES[k]}`" for k in kinds)
        if "week" in kinds and len(kinds) < len(EXAMPLES):
            forms += " (an ISO week: an rmf extension of the format)"
        out.append(f"| `{frequency}` | {forms} |")
    return [*out, ""]
