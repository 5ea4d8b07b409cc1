"""`override:` entries: single fields of base entities changed, lists replaced or
changed with `{remove, append}`, every value located where it is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import MINIMAL
from rmf.reading.loader import load_source
from rmf.reading.override import entry_key
from rmf.validate.run import validate

CLIENT = """\
rmf: 1
extends: ../base
framework:
  id: client
  name: Client framework
  client: Client Co
  version: 0.1.0
  status: draft
"""


def write(tmp_path: Path, client: str, base: str = MINIMAL, **files: str) -> Path:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "framework.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "client").mkdir()
    (tmp_path / "client" / "framework.yaml").write_text(client, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / "client" / name).write_text(text, encoding="utf-8")
    return tmp_path / "client"


def found(path: Path) -> list[tuple[str, int, str]]:
    return [
        (Path(f.file).parent.name, f.line, f.code)
        for f in validate(path, date(2026, 11, 26)).findings
    ]


def entity(path: Path, section: str, ident: str) -> dict[str, object]:
    items = load_source(path).data[section]
    [item] = [i for i in items if i["id"] == ident]
    return dict(item)


def test_an_override_changes_the_fields_it_writes_and_keeps_the_others(tmp_path: Path) -> None:
    client = write(tmp_path, CLIENT + "override:\n  - id: satisfaction\n    target: 85\n")
    assert found(client) == []
    satisfaction = entity(client, "indicators", "satisfaction")
    assert satisfaction["target"] == 85
    assert satisfaction["name"] == "Satisfaction" and satisfaction["owner"] == "brm"
    source = load_source(client)
    place = next(k for k in source.overridden)
    assert source.origins[place] == "override"
    assert source.overridden[place].how == {"target": "set"}


def test_a_mapping_is_merged_key_by_key(tmp_path: Path) -> None:
    text = CLIENT + "override:\n  - id: satisfaction\n    thresholds: {amber: 75}\n"
    thresholds = entity(write(tmp_path, text), "indicators", "satisfaction")["thresholds"]
    assert thresholds == {"red": 60, "amber": 75}


def test_a_list_is_replaced_whole_by_default(tmp_path: Path) -> None:
    text = CLIENT + "override:\n  - id: complaints\n    reported_to: []\n"
    assert entity(write(tmp_path, text), "indicators", "complaints")["reported_to"] == []


def test_remove_comes_before_append_so_an_entry_can_be_replaced(tmp_path: Path) -> None:
    text = CLIENT + (
        "override:\n  - id: steering\n    members:\n      append:\n"
        "        - {role: brm, voting: false}\n      remove: [brm]\n    quorum: 1\n"
    )
    client = write(tmp_path, text)
    members = entity(client, "governance", "steering")["members"]
    assert members == [{"role": "sales-head"}, {"role": "brm", "voting": False}]
    assert found(client) == []


def test_remove_names_steps_by_id_and_ids_by_themselves(tmp_path: Path) -> None:
    base = MINIMAL.replace(
        "        informed: [sales-head]\n",
        "        informed: [sales-head]\n      - id: close\n        name: Close\n"
        "        responsible: [brm]\n        accountable: brm\n",
    )
    text = CLIENT + (
        "override:\n  - id: intake\n    steps: {remove: [close]}\n"
        "  - id: monthly-update\n    audience: {remove: [sales], append: [it]}\n"
    )
    client = write(tmp_path, text, base)
    steps = entity(client, "processes", "intake")["steps"]
    assert isinstance(steps, list) and [s["id"] for s in steps] == ["capture"]
    assert entity(client, "communications", "monthly-update")["audience"] == ["it"]


def test_null_drops_the_base_value(tmp_path: Path) -> None:
    text = CLIENT + "override:\n  - id: complaints\n    thresholds: null\n"
    client = write(tmp_path, text)
    assert "thresholds" not in entity(client, "indicators", "complaints")
    assert found(client) == []


def test_an_override_may_stand_in_an_included_file(tmp_path: Path) -> None:
    text = CLIENT + "include: [targets.yaml]\n"
    targets = "override:\n  - id: satisfaction\n    target: 90\n"
    client = write(tmp_path, text, **{"targets.yaml": targets})
    assert entity(client, "indicators", "satisfaction")["target"] == 90
    assert found(client) == []


def test_an_override_in_a_framework_without_a_base_is_refused_where_it_stands(
    tmp_path: Path,
) -> None:
    (tmp_path / "framework.yaml").write_text(MINIMAL + "include: [more.yaml]\n", encoding="utf-8")
    (tmp_path / "more.yaml").write_text("override:\n  - id: partner\n", encoding="utf-8")
    [finding] = validate(tmp_path).findings
    assert (Path(finding.file).name, finding.line, finding.code) == (
        "more.yaml",
        1,
        "invalid-value",
    )
    assert "needs `extends`" in finding.message


def test_append_over_a_value_that_is_no_list_is_refused(tmp_path: Path) -> None:
    text = CLIENT + "override:\n  - id: satisfaction\n    thresholds: {append: [1]}\n"
    assert found(write(tmp_path, text)) == [("client", 11, "invalid-value")]


def test_a_value_the_override_writes_is_checked_there(tmp_path: Path) -> None:
    text = CLIENT + "override:\n  - id: satisfaction\n    unit: percentage\n"
    [finding] = validate(write(tmp_path, text)).findings
    assert (finding.line, finding.code) == (11, "invalid-value")
    assert Path(finding.file).parent.name == "client"


def test_a_full_redefinition_keeps_replacing_the_base_entity(tmp_path: Path) -> None:
    text = CLIENT + "principles:\n  - id: partner\n    title: Ours\n    statement: Our words.\n"
    client = write(tmp_path, text)
    assert entity(client, "principles", "partner") == {
        "id": "partner",
        "title": "Ours",
        "statement": "Our words.",
    }
    assert found(client) == []


def test_a_redefinition_with_a_misspelt_field_reports_the_misspelling_not_the_field(
    tmp_path: Path,
) -> None:
    text = CLIENT + "principles:\n  - id: partner\n    titel: Ours\n"
    assert sorted(f[2] for f in found(write(tmp_path, text))) == [
        "redefinition-incomplete",
        "unknown-field",
    ]


def test_an_exclusion_fixed_by_the_override_it_suggests_is_clean(tmp_path: Path) -> None:
    text = CLIENT + "exclude: [satisfaction]\n"
    client = write(tmp_path, text)
    result = validate(client)
    [finding] = [f for f in result.findings if f.severity == "error"]
    assert (finding.line, finding.code) == (9, "unresolved-reference")
    assert "add `- {id: intake, indicators: {remove: [satisfaction]}}`" in finding.message
    fixed = text + "override:\n  - id: intake\n    indicators: {remove: [satisfaction]}\n"
    (client / "framework.yaml").write_text(fixed, encoding="utf-8")
    # what is left is the method's own advice: a framework measures satisfaction
    assert found(client) == [("base", 74, "missing-satisfaction-measure")]


def test_an_excluded_id_the_client_itself_refers_to_says_where_to_change_it(
    tmp_path: Path,
) -> None:
    text = CLIENT + (
        "exclude: [complaints]\ncommunications:\n  - id: report\n    name: Report\n"
        "    objective: Report.\n    audience: [sales]\n    owner: brm\n    channel: report\n"
        "    frequency: annual\n    indicators: [complaints]\n"
    )
    result = validate(write(tmp_path, text))
    [finding] = [f for f in result.findings if f.severity == "error"]
    assert finding.line == 9 and "change `indicators` where it is written" in finding.message


def test_entry_key_names_an_entry_by_itself_or_its_identifying_field() -> None:
    assert entry_key("brm") == "brm"
    assert entry_key({"role": "brm", "voting": False}) == "brm"
    assert entry_key({"text": "Run it.", "time": 50}) == "Run it."
    assert entry_key({"voting": True}) is None
