"""Schema errors: strict types, plain words, and the right place in the file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from rmf.validate.run import validate

Make = Callable[..., Path]
TODAY = date(2026, 11, 26)


def found(path: Path) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.code, f.message) for f in validate(path, TODAY).findings]


def test_the_minimal_framework_is_clean(framework_file: Make) -> None:
    assert found(framework_file()) == []


def test_a_quoted_number_is_not_coerced(framework_file: Make) -> None:
    path = framework_file(("    unit: it\n", '    unit: it\n    positions: "2"\n'))
    [(line, column, code, message)] = found(path)
    assert (line, column, code) == (23, 16, "invalid-value")
    assert "role `brm`" in message and "whole number" in message


def test_a_version_read_as_a_float_says_to_quote_it(framework_file: Make) -> None:
    [(line, column, code, message)] = found(framework_file(("version: 1.0.0", "version: 1.10")))
    assert (line, column, code) == (6, 12, "invalid-value")
    assert "1.1" in message and "quotes" in message


def test_a_word_is_not_a_boolean(framework_file: Make) -> None:
    path = framework_file(("      - role: brm\n", "      - role: brm\n        voting: maybe\n"))
    [(line, column, code, message)] = found(path)
    assert (line, column, code) == (46, 17, "invalid-value")
    assert "true or false" in message


def test_an_unknown_field_points_at_the_key_and_suggests(framework_file: Make) -> None:
    path = framework_file(
        ("    title: Business", "    titel: Business Relationship\n    title: Business")
    )
    [(line, column, code, message)] = found(path)
    assert (line, column, code) == (21, 5, "unknown-field")
    assert "did you mean `title`" in message


def test_a_missing_field_points_at_its_entity(framework_file: Make) -> None:
    [(line, column, code, message)] = found(framework_file(("    purpose: Leads Sales.\n", "")))
    assert (line, column, code) == (26, 5, "missing-field")
    assert message == "role `sales-head`: `purpose` is required"


def test_a_bad_enum_value_suggests_the_closest(framework_file: Make) -> None:
    [(_l, _c, code, message)] = found(framework_file(("kind: business", "kind: buisness")))
    assert code == "invalid-value" and "did you mean `business`" in message


def test_an_impossible_date_is_refused(framework_file: Make) -> None:
    path = framework_file(("  status: draft\n", "  status: draft\n  effective: 2009-02-30\n"))
    [(line, column, code, message)] = found(path)
    assert (line, column, code) == (8, 14, "invalid-date")
    assert "not a real calendar date" in message


def test_an_invalid_id_is_explained(framework_file: Make) -> None:
    path = framework_file(("id: partner", "id: Partner_1"))
    # one finding: the policy's `partner` may be the id meant, so it is not also unresolved
    [(line, column, code, message)] = found(path)
    assert (line, column, code) == (9, 9, "invalid-id")
    assert "lowercase" in message


def test_an_id_longer_than_64_characters_is_refused(framework_file: Make) -> None:
    long_id = "a" * 65
    path = framework_file(("id: partner", f"id: {long_id}"), ("[partner]", f"[{long_id}]"))
    # the id itself, and the reference to it, are both refused
    assert [(line, c) for line, _c, c, _m in found(path)] == [(9, "invalid-id"), (53, "invalid-id")]


def test_one_invalid_entity_does_not_hide_rule_findings_elsewhere(framework_file: Make) -> None:
    path = framework_file(("kind: business", "kind: nonsense"), ("quorum: 2", "quorum: 3"))
    codes = [c for _l, _c, c, _m in found(path)]
    # the broken unit is not also reported as unresolved wherever it is named
    assert codes == ["invalid-value", "quorum-out-of-range"]


def test_an_invalid_optional_field_is_dropped_and_the_entity_kept(framework_file: Make) -> None:
    # allocation is invalid; the relationship still covers Sales, so no coverage finding
    codes = [c for _l, _c, c, _m in found(framework_file(("allocation: 0.5", "allocation: 1.5")))]
    assert codes == ["invalid-value"]


def test_text_fields_refuse_numbers(framework_file: Make) -> None:
    [(_l, _c, code, message)] = found(framework_file(("name: Minimal framework", "name: 2009")))
    assert code == "invalid-value" and "quotes" in message


def test_every_required_top_level_field_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("units: []\n")
    assert [(c, m) for _l, _c, c, m in found(path)] == [
        ("missing-field", "the framework: `framework` is required"),
        ("missing-field", "the framework: `rmf` is required"),
        (
            "missing-satisfaction-measure",
            "no indicator has category `satisfaction` or `complaint`; relationship management "
            "measures satisfaction and tracks complaints (ISO/IEC 20000-1 §8.3.2)",
        ),
    ]


def test_a_broken_list_item_moves_no_later_finding(framework_file: Make) -> None:
    # the invalid id goes with its whole list, so the owner below keeps its own line
    path = framework_file(
        (
            "    owner: brm\n    principles: [partner]",
            "    applies_to: [Sales_X]\n    owner: nobody\n    principles: [partner]",
        )
    )
    assert [(line, code) for line, _c, code, _m in found(path)] == [
        (52, "invalid-id"),
        (53, "unresolved-reference"),
    ]


def test_a_refused_external_flag_does_not_also_make_a_reference(framework_file: Make) -> None:
    contact = "    contacts:\n      - {with: Acme Consulting, purpose: Advice, external: yes}\n"
    path = framework_file(("    purpose: Leads Sales.\n", "    purpose: Leads Sales.\n" + contact))
    assert [code for _l, _c, code, _m in found(path)] == ["invalid-value"]


def test_an_indicator_with_an_error_still_counts_for_its_category(framework_file: Make) -> None:
    path = framework_file(("    definition: Survey score.\n", ""))
    assert [code for _l, _c, code, _m in found(path)] == ["missing-field"]


def test_empty_rules_are_no_rules(framework_file: Make) -> None:
    assert found(framework_file(extra="rules:\n")) == []
