"""Changes told in sentences by names: the templates of rmf.diff.prose on small edits."""

from __future__ import annotations

from pathlib import Path

from diff_helpers import diff, only

from rmf.diff.compare import Comparison
from rmf.diff.words import Reword

CLINICAL = (
    "relationships:",
    "  - id: crm\n    title: Clinical Relationship Manager\n    unit: it\n"
    "    purpose: Manages clinical relationships.\n    responsibilities:\n"
    "      - text: Run the clinical relationships.\nrelationships:",
)


def sentences(cmp: Comparison) -> list[str]:
    return [line.plain for c in cmp.changes for line in c.story]


def test_a_relationship_reassigned_reads_as_the_issue_asks(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        ("    manager: brm\n", "    manager: crm\n"),
        old_edits=(
            CLINICAL,
            ("  - id: sales\n    name: Sales\n", "  - id: sales\n    name: Nursing\n"),
        ),
    )
    assert sentences(cmp) == [
        "The Clinical Relationship Manager now manages the relationship with Nursing "
        "(was the Business Relationship Manager)."
    ]


def test_units_named_as_organisations_take_the_article(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("name: Sales\n", "name: Sales Department\n"))
    assert sentences(cmp) == ["Sales is renamed the Sales Department."]


def test_a_reworded_text_keeps_both_wordings(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("purpose: Sets IT priorities.", "purpose: Sets the IT priorities."))
    (line,) = only(cmp).story
    assert line.pieces == (
        "The purpose of the IT Steering Committee is reworded: ",
        Reword("Sets IT priorities.", "Sets the IT priorities."),
    )


def test_members_steps_and_values_read_in_the_frameworks_terms(tmp_path: Path) -> None:
    cmp = diff(
        tmp_path,
        ("      - role: brm\n", ""),
        ("quorum: 2", "quorum: 1"),
        ("    meets: monthly", "    meets: quarterly"),
        ("target: 80", "target: 75"),
        (
            "        accountable: brm\n        informed: [sales-head]\n",
            "        accountable: sales-head\n",
        ),
    )
    told = sentences(cmp)
    assert "The Business Relationship Manager leaves the IT Steering Committee." in told
    assert "The quorum of the IT Steering Committee is lowered from 2 to 1." in told
    assert "The IT Steering Committee now meets quarterly (was monthly)." in told
    assert "The target of the indicator “Satisfaction” is relaxed from 80 to 75." in told
    assert any(s.startswith("The Head of Sales is now accountable for the step “") for s in told)
    assert not any("brm" in s or "sales-head" in s for s in told)


def test_a_field_without_a_template_falls_back_to_its_name_in_words(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("    allocation: 0.5", "    allocation: 0.6"))
    assert sentences(cmp) == [
        "The allocation of the relationship with Sales is raised from 0.5 to 0.6."
    ]
