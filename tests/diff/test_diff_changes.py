"""rmf diff on pairs of framework versions: every change kind and grade, renames, order."""

from __future__ import annotations

import re
from pathlib import Path

from diff_helpers import MINIMAL, diff, fields, only, summary

BRM_VOTING_OFF = ("      - role: brm\n", "      - role: brm\n        voting: false\n")


def test_identical_frameworks_have_no_changes(tmp_path: Path) -> None:
    cmp = diff(tmp_path)
    assert cmp.changes == () and cmp.documents == () and not cmp.differs
    assert cmp.grade is None and cmp.version.ok


def test_reordering_entities_members_and_lists_is_not_a_change(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        (
            "  - id: it\n    name: IT\n    kind: it\n  - id: sales\n    name: Sales\n"
            "    kind: business\n",
            "  - id: sales\n    name: Sales\n    kind: business\n  - id: it\n    name: IT\n"
            "    kind: it\n",
        ),
        (
            "      - role: sales-head\n      - role: brm\n",
            "      - role: brm\n      - role: sales-head\n",
        ),
        ("    thresholds: {red: 60, amber: 70}", "    thresholds: {amber: 70, red: 60}"),
    )
    assert cmp.changes == () and cmp.documents == ()


def test_an_added_entity_is_minor(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        (
            "relationships:",
            "  - id: cio\n    title: CIO\n    unit: it\n    purpose: Leads IT.\n"
            "    responsibilities:\n      - text: Lead IT.\nrelationships:",
        ),
    )
    assert summary(cmp) == [("roles", "cio", "added", "minor")]


def test_a_removed_entity_is_major(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        (
            "  - id: complaints\n    name: Complaints\n    category: complaint\n"
            "    definition: Complaints received.\n    unit: count\n"
            "    direction: lower-is-better\n    target: 2\n"
            "    thresholds: {red: 10, amber: 5}\n    frequency: quarterly\n    owner: brm\n"
            "    reported_to: [steering]\n",
            "",
        ),
    )
    assert summary(cmp) == [("indicators", "complaints", "removed", "major")]
    assert [(d.path, d.status) for d in cmp.documents] == [
        ("positions/brm.md", "changed"),
        ("charters/steering.md", "changed"),
    ]


def test_a_removed_voting_member_is_major_and_a_lower_quorum_too(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("      - role: brm\n", ""), ("quorum: 2", "quorum: 1"))
    change = only(cmp)
    assert (change.section, change.id, change.grade.value) == ("governance", "steering", "major")
    assert fields(change) == [
        ("members", "brm", None, "major", "voting member removed"),
        ("quorum", "2", "1", "major", "lowered"),
    ]


def test_an_added_member_and_a_higher_quorum_are_minor(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        ("      - role: sales-head\n", "      - role: sales-head\n      - role: brm\n"),
        old_edits=(("      - role: brm\n", ""), ("quorum: 2", "quorum: 1")),
    )
    assert fields(only(cmp)) == [("members", None, "brm", "minor", "voting member added")]
    cmp = diff(
        tmp_path,
        ("        voting: false\n", ""),
        ("quorum: 1", "quorum: 2"),
        old_edits=(BRM_VOTING_OFF, ("quorum: 2", "quorum: 1")),
    )
    assert fields(only(cmp)) == [
        ("members[brm].voting", "false", "true", "minor", "now votes"),
        ("quorum", "1", "2", "minor", "raised"),
    ]


def test_a_member_who_stops_voting_is_major(tmp_path: Path) -> None:
    cmp = diff(tmp_path, BRM_VOTING_OFF, ("quorum: 2", "quorum: 1"))
    assert fields(only(cmp))[0] == (
        "members[brm].voting",
        "true",
        "false",
        "major",
        "no longer votes",
    )


def test_a_moved_accountability_is_major(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("    chair: sales-head", "    chair: brm"))
    assert fields(only(cmp)) == [("chair", "sales-head", "brm", "major", "moved")]


def test_a_removed_decision_right_is_major_and_an_added_one_minor(tmp_path: Path) -> None:
    rights = "    decision_rights:\n      - {decision: Approve projects, type: approve}\n"
    old = (("    meets: monthly\n", "    meets: monthly\n" + rights),)
    removed = diff(tmp_path, (rights, ""), old_edits=old)
    assert fields(only(removed)) == [
        ("decision_rights", "Approve projects", None, "major", "removed")
    ]
    weakened = diff(tmp_path, ("type: approve}", "type: advise}"), old_edits=old)
    assert fields(only(weakened)) == [
        ("decision_rights[Approve projects].type", "approve", "advise", "major", "weakened")
    ]
    added = diff(tmp_path, ("    meets: monthly\n", "    meets: monthly\n" + rights))
    assert fields(only(added)) == [("decision_rights", None, "Approve projects", "minor", "added")]


def test_a_kpi_target_is_graded_by_its_direction(tmp_path: Path) -> None:
    relaxed = diff(tmp_path, ("target: 80", "target: 75"))
    assert fields(only(relaxed)) == [("target", "80", "75", "major", "relaxed")]
    tightened = diff(tmp_path, ("target: 80", "target: 90"))
    assert fields(only(tightened)) == [("target", "80", "90", "minor", "tightened")]
    # complaints: lower is better, so a higher target is the relaxed one
    relaxed_lower = diff(tmp_path, ("target: 2", "target: 4"))
    assert fields(only(relaxed_lower)) == [("target", "2", "4", "major", "relaxed")]
    thresholds = diff(tmp_path, ("{red: 10, amber: 5}", "{red: 10, amber: 4}"))
    assert fields(only(thresholds)) == [("thresholds.amber", "5", "4", "minor", "tightened")]


def test_meeting_less_often_is_major_and_more_often_minor(tmp_path: Path) -> None:
    less = diff(tmp_path, ("    meets: monthly", "    meets: quarterly"))
    assert fields(only(less)) == [("meets", "monthly", "quarterly", "major", "less often")]
    more = diff(tmp_path, ("    meets: monthly", "    meets: weekly"))
    assert fields(only(more)) == [("meets", "monthly", "weekly", "minor", "more often")]


def test_wording_is_patch(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("purpose: Sets IT priorities.", "purpose: Sets the IT priorities."))
    assert summary(cmp) == [("governance", "steering", "changed", "patch")]
    assert fields(only(cmp)) == [
        ("purpose", "Sets IT priorities.", "Sets the IT priorities.", "patch", "")
    ]


def test_reference_lists_are_sets(tmp_path: Path) -> None:
    added = diff(tmp_path, ("audience: [sales]", "audience: [sales, it]"))
    assert fields(only(added)) == [("audience", None, "it", "minor", "added")]
    removed = diff(tmp_path, ("audience: [sales]", "audience: [it]"))
    assert fields(only(removed)) == [
        ("audience", "sales", None, "major", "removed"),
        ("audience", None, "it", "minor", "added"),
    ]


def test_responsibilities_are_matched_by_text_and_rewording_is_patch(tmp_path: Path) -> None:
    reworded = diff(tmp_path, ("- text: Run the relationship.", "- text: Run the relationships."))
    assert fields(only(reworded)) == [
        (
            "responsibilities[Run the relationships.].text",
            "Run the relationship.",
            "Run the relationships.",
            "patch",
            "",
        )
    ]
    added = diff(
        tmp_path,
        (
            "      - text: Run the relationship.\n",
            "      - text: Run the relationship.\n"
            "      - text: Publish the demand register every month.\n",
        ),
    )
    assert fields(only(added)) == [
        ("responsibilities", None, "Publish the demand register every month.", "minor", "added")
    ]


def test_steps_are_matched_by_id_and_their_order_is_a_patch(tmp_path: Path) -> None:
    step = (
        "      - id: review\n        name: Review\n        responsible: [brm]\n"
        "        accountable: brm\n"
    )
    old = (("        informed: [sales-head]\n", "        informed: [sales-head]\n" + step),)
    cmp = diff(
        tmp_path,
        ("      - id: capture", step + "      - id: capture"),
        (step + "    indicators", "    indicators"),
        old_edits=old,
    )
    assert fields(only(cmp)) == [
        ("steps", "capture, review", "review, capture", "patch", "reordered")
    ]
    moved = diff(
        tmp_path,
        (
            "        accountable: brm\n        informed: [sales-head]\n",
            "        accountable: sales-head\n",
        ),
    )
    assert fields(only(moved)) == [
        ("steps[capture].accountable", "brm", "sales-head", "major", "moved"),
        ("steps[capture].informed", "sales-head", None, "major", "removed"),
    ]


def test_a_renamed_id_is_reported_as_a_rename_with_its_references(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("id: partner", "id: partnership"), ("[partner]", "[partnership]"))
    change = only(cmp)
    assert (change.kind.value, change.old_id, change.id, change.grade.value) == (
        "renamed",
        "partner",
        "partnership",
        "major",
    )
    assert change.fields == ()


def test_a_renamed_role_moves_its_position_description(tmp_path: Path) -> None:
    from rmf.diff.compare import compare
    from rmf.validate.run import load_framework

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MINIMAL, encoding="utf-8")
    new.write_text(re.sub(r"\bbrm\b", "relationship-manager", MINIMAL), encoding="utf-8")
    a, b = load_framework(old).framework, load_framework(new).framework
    assert a is not None and b is not None
    cmp = compare(a, b)
    assert summary(cmp) == [("roles", "relationship-manager", "renamed", "major")]
    statuses = {(d.path, d.status) for d in cmp.documents}
    assert ("positions/brm.md", "removed") in statuses
    assert ("positions/relationship-manager.md", "added") in statuses


def test_a_renamed_entity_with_edits_is_one_rename_with_its_field_changes(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        ("id: partner\n    title: Partner", "id: partnership\n    title: Partnership"),
        ("[partner]", "[partnership]"),
    )
    change = only(cmp)
    assert (change.kind.value, change.old_id, change.id, change.grade.value) == (
        "renamed",
        "partner",
        "partnership",
        "major",
    )
    assert fields(change) == [("title", "Partner", "Partnership", "patch", "")]
    assert change.follows == 1  # the reference followed: no removal and addition of it
    from rmf.diff.report import as_json

    assert as_json(cmp)["changes"][0]["follows"] == 1
    assert [line.plain for line in change.story] == [
        "The principle “Partner” is renamed “Partnership”."
    ]


def test_an_entity_replaced_by_a_different_one_is_a_removal_and_an_addition(
    tmp_path: Path,
) -> None:
    cmp = diff(
        tmp_path,
        (
            "id: partner\n    title: Partner\n    statement: IT partners with the business.",
            "id: openness\n    title: Openness\n    statement: Decisions are published.",
        ),
        ("[partner]", "[openness]"),
    )
    kinds = {(c.id, c.kind.value) for c in cmp.changes}
    assert {("openness", "added"), ("partner", "removed")} <= kinds


def test_metadata_rules_and_waivers(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        ("name: Minimal framework", "name: Minimal RMF"),
        (
            "    reported_to: [steering]\n",
            "    reported_to: [steering]\nrules:\n  cycle: warning\n",
        ),
    )
    assert summary(cmp) == [
        ("framework", "minimal", "changed", "patch"),
        ("rules", "rules", "changed", "patch"),
    ]
    assert fields(cmp.changes[1]) == [("cycle", None, "warning", "patch", "")]
    # the name is on every document
    assert {d.path for d in cmp.documents} == {
        "positions/brm.md",
        "positions/sales-head.md",
        "charters/steering.md",
        "relationships/sales-relationship.md",
        "communication-plan.md",
    }


def test_version_advice_follows_the_highest_grade(tmp_path: Path) -> None:
    not_bumped = diff(tmp_path, ("target: 80", "target: 75"))
    assert not not_bumped.version.ok and not_bumped.version.suggested == "2.0.0"
    assert "still 1.0.0" in not_bumped.version.message
    too_small = diff(tmp_path, ("target: 80", "target: 75"), ("version: 1.0.0", "version: 1.1.0"))
    assert not too_small.version.ok and "make it 2.0.0" in too_small.version.message
    bumped = diff(tmp_path, ("target: 80", "target: 90"), ("version: 1.0.0", "version: 1.1.0"))
    assert bumped.version.ok and bumped.version.suggested == "1.1.0"
    only_version = diff(tmp_path, ("version: 1.0.0", "version: 1.0.1"))
    assert only_version.changes == () and only_version.differs and only_version.documents == ()


def test_included_files_are_merged_before_comparing(tmp_path: Path) -> None:
    def framework(folder: Path, roles: str, units: str) -> Path:
        folder.mkdir()
        text = edited_root()
        (folder / "framework.yaml").write_text(
            "rmf: 1\ninclude: [units.yaml, roles.yaml]\n" + text, encoding="utf-8"
        )
        (folder / "roles.yaml").write_text(roles, encoding="utf-8")
        (folder / "units.yaml").write_text(units, encoding="utf-8")
        return folder

    roles = MINIMAL.split("roles:\n")[1].split("relationships:\n")[0]
    units = MINIMAL.split("units:\n")[1].split("roles:\n")[0]

    def edited_root() -> str:
        before, rest = MINIMAL.split("units:\n")
        return (
            before.removeprefix("rmf: 1\n") + "relationships:\n" + rest.split("relationships:\n")[1]
        )

    from rmf.diff.compare import compare
    from rmf.validate.run import load_framework

    old = framework(tmp_path / "old", "roles:\n" + roles, "units:\n" + units)
    # the second role moves to units.yaml: a move between files is not a change
    first, second = roles.split("  - id: sales-head\n")
    new = framework(
        tmp_path / "new",
        "roles:\n" + first.replace("Manages the relationship", "Manages the relationships"),
        "units:\n" + units + "roles:\n  - id: sales-head\n" + second,
    )
    a, b = load_framework(old).framework, load_framework(new).framework
    assert a is not None and b is not None
    cmp = compare(a, b)
    assert summary(cmp) == [("roles", "brm", "changed", "patch")]


def test_below_1_0_0_a_major_change_calls_for_a_minor_bump(tmp_path: Path) -> None:
    draft = (("version: 1.0.0", "version: 0.3.1"),)
    major = diff(tmp_path, ("target: 80", "target: 75"), old_edits=draft)
    assert major.version.suggested == "0.4.0" and not major.version.ok
    assert "below 1.0.0 a minor bump is enough" in major.version.message
    bumped = diff(
        tmp_path,
        ("target: 80", "target: 75"),
        ("version: 0.3.1", "version: 0.4.0"),
        old_edits=draft,
    )
    assert bumped.version.ok
    minor = diff(tmp_path, ("target: 80", "target: 90"), old_edits=draft)
    assert minor.version.suggested == "0.3.2"
    approved = diff(
        tmp_path,
        ("target: 80", "target: 75"),
        ("version: 0.3.1", "version: 1.0.0"),
        old_edits=draft,
    )
    assert approved.version.ok


def test_a_base_and_a_client_get_no_version_advice(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("target: 80", "target: 75"), ("id: minimal", "id: minimal-client"))
    assert cmp.version.ok and not cmp.version.applies
    assert cmp.version.message.startswith("no version advice: minimal and minimal-client")


def test_a_base_and_a_client_are_told_apart_by_name(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("id: minimal", "id: acme-rmf"), ("name: Minimal framework", "name: Acme"))
    assert cmp.version.message == (
        "no version advice: Minimal framework and Acme are different frameworks "
        "(a base and a client, or two clients)"
    )


def test_a_relationship_with_another_unit_is_never_the_same_one_renamed(tmp_path: Path) -> None:
    from diff_helpers import write_pair

    from rmf.diff.compare import compare
    from rmf.diff.gitrev import read

    # read as `rmf diff` reads (the rules, which want Sales served, are not run)
    old, new = write_pair(
        tmp_path,
        (
            "  - id: sales-relationship\n    unit: sales\n",
            "  - id: it-relationship\n    unit: it\n",
        ),
    )
    cmp = compare(read(old), read(new))
    kinds = {(c.id, c.kind.value) for c in cmp.changes}
    assert {("it-relationship", "added"), ("sales-relationship", "removed")} <= kinds
    old, new = write_pair(
        tmp_path,
        ("  - id: sales-relationship\n", "  - id: sales\n"),
        ("allocation: 0.5", "allocation: 0.6"),
    )
    cmp = compare(read(old), read(new))
    assert [(c.kind.value, c.old_id) for c in cmp.changes] == [("renamed", "sales-relationship")]
