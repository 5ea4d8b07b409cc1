"""rmf diff grades the fields of format revision 1.1 like the others."""

from __future__ import annotations

from pathlib import Path

from diff_helpers import diff, fields

from conftest import ROOT
from rmf.diff.compare import Comparison

REVISION = (ROOT / "tests" / "examples" / "valid" / "revision-1-1.yaml").read_text(encoding="utf-8")


def changes(tmp_path: Path, *edits: tuple[str, str]) -> Comparison:
    return diff(tmp_path, *edits, text=REVISION)


def graded(cmp: Comparison, section: str) -> list[tuple[str, str | None, str | None, str, str]]:
    return [f for c in cmp.changes if c.section == section for f in fields(c)]


def test_another_assignee_is_a_change_the_unit_notices(tmp_path: Path) -> None:
    cmp = changes(
        tmp_path,
        ("review: monthly\n    assignee: rm-seat-1", "review: monthly\n    assignee: rm-seat-2"),
        (
            "review: quarterly\n    assignee: rm-seat-2",
            "review: quarterly\n    assignee: rm-seat-1",
        ),
    )
    found = graded(cmp, "relationships")
    assert ("assignee", "rm-seat-1", "rm-seat-2", "major", "moved") in found
    assert ("assignee", "rm-seat-2", "rm-seat-1", "major", "moved") in found


def test_a_new_person_in_a_seat_is_minor(tmp_path: Path) -> None:
    cmp = changes(tmp_path, ("name: Alex Morgan", "name: Jo Chen"))
    assert graded(cmp, "roles") == [
        (
            "incumbents[rm-seat-1].name",
            "Alex Morgan",
            "Jo Chen",
            "minor",
            "another person in the seat",
        )
    ]


def test_fewer_seats_and_a_rarer_tier_review_are_major(tmp_path: Path) -> None:
    cmp = changes(
        tmp_path,
        ("        seats: 1\n", "        seats: 2\n"),
        ("    review: monthly\n    planning", "    review: quarterly\n    planning"),
    )
    assert ("members[relationship-manager].seats", "1", "2", "minor", "raised") in graded(
        cmp, "governance"
    )
    assert graded(cmp, "engagement_model") == [
        ("engagement_model[strategic].review", "monthly", "quarterly", "major", "less often")
    ]


def test_plan_dates_actions_and_months(tmp_path: Path) -> None:
    cmp = changes(
        tmp_path,
        ("next_review: 2027-01-15", "next_review: 2027-06-15"),
        ("due: 2026-03-31", "due: 2026-04-30"),
        ("months: [1, 4, 7, 10]", "months: [1, 4, 7]"),
        ("business_view: 2", "business_view: 3"),
    )
    rel = graded(cmp, "relationships")
    assert ("plan.next_review", "2027-01-15", "2027-06-15", "major", "review postponed") in rel
    assert ("maturity.business_view", "2", "3", "patch", "") in rel
    action = "actions[Agree the year-end support plan.].due"
    assert (action, "2026-03-31", "2026-04-30", "major", "postponed") in rel
    assert ("months", "10", None, "major", "removed") in graded(cmp, "communications")


def test_the_communication_plan_and_document_settings_are_compared(tmp_path: Path) -> None:
    cmp = changes(
        tmp_path,
        ("  review: annual\n  evaluation", "  review: semiannual\n  evaluation"),
        ("[Chair, Secretary]", "[Chair]"),
    )
    assert graded(cmp, "communication_plan") == [
        ("communication_plan.review", "annual", "semiannual", "minor", "more often")
    ]
    assert graded(cmp, "documents") == [
        ("documents.charter.signatures", "Secretary", None, "minor", "removed")
    ]
