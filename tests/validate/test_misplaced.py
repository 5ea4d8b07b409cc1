"""A key indented into the wrong entity: one finding, at the key, naming where it belongs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from rmf.validate.run import validate

Make = Callable[..., Path]
TODAY = date(2026, 11, 26)

BODY_END = "      - role: brm\n    quorum: 2\n    meets: monthly\n"
POLICIES = (
    "policies:\n  - id: engagement-policy\n    title: Engagement\n"
    "    statement: Every unit has a relationship manager.\n    owner: brm\n"
    "    principles: [partner]\n"
)


def found(path: Path) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.code, f.message) for f in validate(path, TODAY).findings]


CASES = [
    pytest.param(
        [(BODY_END, "      - role: brm\n        quorum: 2\n    meets: monthly\n")],
        (46, 9),
        "governance body `steering`: `quorum` is a field of the governance body, not of the "
        "member: is it indented too far? (it is at column 9; the governance body's fields "
        "are at column 5)",
        id="a field of the body under its last member",
    ),
    pytest.param(
        # `meets` is required: the body does not also lack it
        [(BODY_END, "      - role: brm\n        meets: monthly\n")],
        (46, 9),
        "governance body `steering`: `meets` is a field of the governance body, not of the "
        "member: is it indented too far? (it is at column 9; the governance body's fields "
        "are at column 5)",
        id="a required field of the body under its last member",
    ),
    pytest.param(
        [(BODY_END, "      - role: brm\n    voting: false\n    quorum: 1\n    meets: monthly\n")],
        (46, 5),
        "governance body `steering`: `voting` is a field of the member, not of the governance "
        "body: is it not indented far enough? (it is at column 5; the member's fields are at "
        "column 9)",
        id="a field of the last member at the body's indentation",
    ),
    pytest.param(
        [("      - text: Lead Sales.\n", "      - text: Lead Sales.\n    time: 100\n")],
        (32, 5),
        "role `sales-head`: `time` is a field of the responsibility, not of the role: is it "
        "not indented far enough? (it is at column 5; the responsibility's fields are at "
        "column 9)",
        id="a field of the last responsibility at the role's indentation",
    ),
    pytest.param(
        # `client` is required in `framework`: it is not also reported missing there
        [
            ("  client: Minimal Co\n", ""),
            ("  status: draft\n", "  status: draft\nclient: Minimal Co\n"),
        ],
        (7, 1),
        "the framework: `client` is a field of `framework`, not a top-level key: is it not "
        "indented far enough? (it is at column 1; the fields of `framework` are at column 3)",
        id="a metadata field at the top level",
    ),
    pytest.param(
        [
            ("    quorum: 2\n    meets: monthly\n", "    quorum: 2\n"),
            ("policies:\n", "meets: monthly\npolicies:\n"),
        ],
        (47, 1),
        "the framework: `meets` is a field of the governance body, not a top-level key: is it "
        "not indented far enough? (it is at column 1; the governance body's fields are at "
        "column 5)",
        id="a required field of the last body at the top level",
    ),
    pytest.param(
        # the policies after it stay policies: nothing else is reported
        [("    meets: monthly\npolicies:\n", "    meets: monthly\n    policies:\n")],
        (48, 5),
        "governance body `steering`: `policies` is a top-level key, not a field of the "
        "governance body: is it indented too far? (it is at column 5; top-level keys are at "
        "column 1)",
        id="a section's name indented under the last entity before it",
    ),
    pytest.param(
        [(POLICIES, POLICIES.replace("\n  ", "\n      ").replace("policies:", "    policies:"))],
        (48, 5),
        "governance body `steering`: `policies` is a top-level key, not a field of the "
        "governance body: is it indented too far? (it is at column 5; top-level keys are at "
        "column 1)",
        id="a whole section indented under the last entity before it",
    ),
    pytest.param(
        [(BODY_END, "      - {role: brm, quorum: 2}\n    meets: monthly\n")],
        (45, 21),
        "governance body `steering`: `quorum` is a field of the governance body, not of the member",
        id="in braces, where indentation does not count",
    ),
]


@pytest.mark.parametrize(("edits", "where", "message"), CASES)
def test_a_key_indented_into_the_wrong_entity_says_where_it_belongs(
    framework_file: Make, edits: list[tuple[str, str]], where: tuple[int, int], message: str
) -> None:
    assert found(framework_file(*edits)) == [(*where, "unknown-field", message)]


def test_an_unknown_field_that_fits_no_other_entity_lists_the_allowed_ones(
    framework_file: Make,
) -> None:
    path = framework_file(("      - role: brm\n", "      - role: brm\n        name: Sam\n"))
    assert found(path) == [
        (
            46,
            9,
            "unknown-field",
            "governance body `steering`: unknown field `name`; allowed fields: role, voting, "
            "ex_officio, term, seats",
        )
    ]


def test_a_field_among_the_entitys_own_is_not_taken_for_a_slip(framework_file: Make) -> None:
    # `meets` is the body's, but the member's `voting` follows it: it was put there
    path = framework_file(
        ("      - role: brm\n", "      - role: brm\n        meets: monthly\n        voting: true\n")
    )
    assert found(path) == [
        (
            46,
            9,
            "unknown-field",
            "governance body `steering`: unknown field `meets`; did you mean `seats`?",
        )
    ]


def test_the_entities_after_a_section_name_indented_too_far_are_still_that_sections(
    framework_file: Make,
) -> None:
    path = framework_file(
        ("    meets: monthly\npolicies:\n", "    meets: monthly\n    policies:\n"),
        ("    title: Engagement\n", ""),
    )
    assert [(line, code, message) for line, _, code, message in found(path)] == [
        (
            48,
            "unknown-field",
            "governance body `steering`: `policies` is a top-level key, not "
            "a field of the governance body: is it indented too far? (it is at column 5; "
            "top-level keys are at column 1)",
        ),
        (49, "missing-field", "policy `engagement-policy`: `title` is required"),
    ]


SECTION_SLIP = ("    meets: monthly\npolicies:\n", "    meets: monthly\n    policies:\n")
SECTION_SLIP_FINDING = (
    48,
    5,
    "unknown-field",
    "governance body `steering`: `policies` is a top-level key, not a field of the "
    "governance body: is it indented too far? (it is at column 5; top-level keys are at "
    "column 1)",
)
WHOLE_SECTION = (
    POLICIES,
    POLICIES.replace("\n  ", "\n      ").replace("policies:", "    policies:"),
)


@pytest.mark.parametrize(
    ("edits", "where", "which"),
    [
        (
            [SECTION_SLIP, ("  - id: engagement-policy\n    title", "  - title")],
            (49, 5),
            "#2 of `governance`",
        ),
        (
            [WHOLE_SECTION, ("      - id: engagement-policy\n        title", "      - title")],
            (49, 9),
            "#1 of `policies`",
        ),
    ],
    ids=["its name alone", "the whole section"],
)
def test_a_policy_under_a_section_name_indented_too_far_counts_even_unkept(
    framework_file: Make, edits: list[tuple[str, str]], where: tuple[int, int], which: str
) -> None:
    # without an id the policy is not kept, yet the principle it applies is not unused
    assert found(framework_file(*edits)) == [
        SECTION_SLIP_FINDING,
        (*where, "missing-field", f"policy {which}: `id` is required"),
    ]


def test_a_policy_under_a_section_name_indented_too_far_is_declared_a_policy(
    framework_file: Make,
) -> None:
    path = framework_file(SECTION_SLIP, ("  - id: intake\n", "  - id: engagement-policy\n"))
    [slip, duplicate] = found(path)
    assert slip == SECTION_SLIP_FINDING
    assert duplicate[2] == "duplicate-id"
    assert "is already used by a policy at" in duplicate[3]


def test_a_policy_under_a_section_name_indented_too_far_has_its_references_checked(
    framework_file: Make,
) -> None:
    path = framework_file(SECTION_SLIP, ("principles: [partner]", "principles: [partnr]"))
    assert found(path) == [
        SECTION_SLIP_FINDING,
        (
            53,
            18,
            "unresolved-reference",
            "policy `engagement-policy`: `principles` names `partnr`, but there is no "
            "principle with that id; did you mean `partner`?",
        ),
    ]


def test_a_field_indented_astray_is_read_where_it_belongs_by_no_rule(
    framework_file: Make,
) -> None:
    # the second member is not voting, as written under the body: the quorum of 2 is not
    # also said to exceed the voting seats that the slip leaves counted
    path = framework_file(
        ("      - role: sales-head\n", "      - role: sales-head\n        voting: false\n"),
        ("      - role: brm\n", "      - role: brm\n    voting: false\n"),
    )
    assert [code for _, _, code, _ in found(path)] == ["unknown-field"]


def test_a_field_indented_astray_still_counts_for_its_entity(framework_file: Make) -> None:
    # the process's `principles` under its last step: `partner` is not also unused
    path = framework_file(
        ("    principles: [partner]\nprocesses", "processes"),
        (
            "        informed: [sales-head]\n",
            "        informed: [sales-head]\n        principles: [partner]\n",
        ),
    )
    assert found(path) == [
        (
            64,
            9,
            "unknown-field",
            "process `intake`: `principles` is a field of the process, not of the step: is it "
            "indented too far? (it is at column 9; the process's fields are at column 5)",
        )
    ]
