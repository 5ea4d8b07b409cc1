"""A framework written to the spec renders, and each derived fact lands in the right document."""

from __future__ import annotations

import re

import pytest
from render_helpers import FIXTURES, render_text, sections, table

DOCS = render_text(FIXTURES / "derived.yaml")


def doc(path: str) -> dict[str, str]:
    return sections(DOCS[path])


def names(text: str) -> list[str]:
    """Link labels and plain names in a cell or line, links reduced to their label."""
    return [s.strip() for s in re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).split(",")]


def test_there_is_one_document_per_role_and_body_plus_plan_and_index() -> None:
    roles = ["ceo", "cio", "lead-brm", "brm", "analyst", "ops-director", "care-director"]
    bodies = ["executive-team", "it-steering", "relationship-forum"]
    units = ["operations", "treatment", "field-crews", "customer-care"]
    assert set(DOCS) == {
        "index.md",
        "communication-plan.md",
        "manifest.json",
        *(f"positions/{r}.md" for r in roles),
        *(f"charters/{b}.md" for b in bodies),
        *(f"relationships/{u}-relationship.md" for u in units),
    }


@pytest.mark.parametrize("path", [p for p in DOCS if p.endswith(".md")])
def test_every_document_states_framework_client_and_version(path: str) -> None:
    head = "\n".join(DOCS[path].splitlines()[:4])
    assert "Northwind Relationship Management Framework" in head
    assert "Northwind Water Authority" in head
    assert "Version 2.1.0" in head


# --- position descriptions --------------------------------------------------------


def test_position_lists_units_it_manages_relationships_with() -> None:
    rows = table(
        doc("positions/lead-brm.md")["Business units whose relationship this position manages"]
    )
    # each unit links to its relationship profile
    assert rows[0][0] == "[Operations Division](../relationships/operations-relationship.md)"
    assert [(names(r[0])[0], r[1], r[2], r[3]) for r in rows] == [
        ("Operations Division", "Strategic", "0.4 FTE", "2 (order taker) → 4 (trusted advisor)")
    ]
    brm = table(doc("positions/brm.md")["Business units whose relationship this position manages"])
    assert [names(r[0])[0] for r in brm] == ["Treatment Plants", "Field Crews", "Customer Care"]


def test_position_lists_backup_and_counterpart_relationships_separately() -> None:
    lead = doc("positions/lead-brm.md")
    backup = table(lead["Relationships where this position is the backup"])
    assert [names(r[0])[0] for r in backup] == ["Treatment Plants", "Field Crews"]
    # a section with nothing to say is left out, never printed as "None."
    assert "Relationships where this position is the business counterpart" not in lead
    ops = doc("positions/ops-director.md")
    counterpart = table(ops["Relationships where this position is the business counterpart"])
    assert [names(r[0])[0] for r in counterpart] == ["Operations Division", "Treatment Plants"]
    assert "Business units whose relationship this position manages" not in ops


def test_position_lists_bodies_it_chairs_or_sits_on_with_voting_status() -> None:
    rows = table(doc("positions/lead-brm.md")["Governance bodies"])
    assert [(names(r[0])[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("IT Steering Committee", "Member", "Non-voting", "1", "Yes"),
        ("Relationship Forum", "Chair", "Voting", "1", "No"),
    ]
    cio = table(doc("positions/cio.md")["Governance bodies"])
    assert [(names(r[0])[0], r[1], r[2], r[5]) for r in cio] == [
        ("Executive Team", "Member", "Voting", "—"),
        ("IT Steering Committee", "Chair", "Voting", "2 years"),
    ]
    # the secretary is not a member: the seat says so rather than inventing a vote
    analyst = table(doc("positions/analyst.md")["Governance bodies"])
    assert [(names(r[0])[0], r[1], r[2]) for r in analyst] == [
        ("IT Steering Committee", "Secretary", "Not a member")
    ]


def test_position_shows_its_raci_letter_in_every_process_step() -> None:
    def letters(role: str) -> list[tuple[str, str]]:
        return [
            (r[0], r[1]) for r in table(doc(f"positions/{role}.md")["Process accountabilities"])
        ]

    assert letters("lead-brm") == [
        (
            "Demand Intake",
            "**Accountable:** Capture the request. **Responsible:** Prioritise the request.",
        )
    ]
    assert letters("cio") == [("Demand Intake", "**Accountable:** Prioritise the request.")]
    assert letters("ops-director") == [
        (
            "Demand Intake",
            "**Informed:** Capture the request. **Consulted:** Prioritise the request.",
        )
    ]
    assert letters("brm") == [("Demand Intake", "**Responsible:** Capture the request.")]


def test_position_lists_communications_and_indicators_it_owns() -> None:
    lead = doc("positions/lead-brm.md")
    assert [names(r[0])[0] for r in table(lead["Communications owned"])] == [
        "Operations IT Bulletin"
    ]
    assert [r[0] for r in table(lead["Indicators owned"])] == ["Complaints Received"]
    analyst = doc("positions/analyst.md")
    assert [names(r[0])[0] for r in table(analyst["Communications owned"])] == ["Steering Report"]
    assert [r[0] for r in table(analyst["Indicators owned"])] == ["Business Satisfaction"]
    assert "Indicators owned" not in doc("positions/ceo.md")


def test_position_lists_roles_that_report_to_it() -> None:
    text = doc("positions/lead-brm.md")["Supervision exercised"]
    assert "[Relationship Manager](brm.md), [Engagement Analyst](analyst.md)" in text
    ceo = doc("positions/ceo.md")["Supervision exercised"]
    assert names(ceo.split(":", 1)[1].strip().splitlines()[0].rstrip(".")) == [
        "Chief Information Officer",
        "Director of Operations",
        "Director of Customer Care",
    ]
    # a position that supervises no one and heads no unit says nothing of supervision
    assert "Supervision exercised" not in doc("positions/analyst.md")


def test_position_shows_what_the_role_itself_states() -> None:
    lead = DOCS["positions/lead-brm.md"]
    for fact in (
        "| Reports to | [Chief Information Officer](cio.md) |",
        "| Classification | Manager 2 |",
        "| Number of positions | 1 |",
        "1. Manage the relationship with Operations. *(70% of time)*",
        "    - Meet the Operations director monthly.",
        "- Sets the priority of requests below $10,000.",
        "| Water Services Regulator | Reporting obligations. | — |",
        "- Stakeholder relationship management (SFIA RLMT), level 5",
        "**Certifications:** BRMP.",
        "**Languages:** English; French.",
        "Travel to plants across the region.",
    ):
        assert fact in lead
    assert "| Number of positions | 2 |" in DOCS["positions/brm.md"]


# --- charters ---------------------------------------------------------------------


def test_charter_lists_members_with_voting_status_chair_and_secretary() -> None:
    steering = doc("charters/it-steering.md")
    rows = table(steering["Membership"])
    assert [(names(r[0])[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("Chief Information Officer", "Chair", "1", "Yes", "No"),
        ("Director of Operations", "Member", "1", "Yes", "No"),
        ("Director of Customer Care", "Member", "1", "Yes", "No"),
        ("Lead Relationship Manager", "Member", "1", "No", "Yes"),
    ]
    assert (
        "| Secretary | [Engagement Analyst](../positions/analyst.md) |"
        in DOCS["charters/it-steering.md"]
    )
    assert "has 4 seats, 3 of them voting." in steering["Membership"]
    assert "- Quorum: 2 voting seats" in steering["Quorum and voting"]


def test_charter_lists_bodies_reporting_to_it() -> None:
    executive = doc("charters/executive-team.md")
    assert names(executive["Bodies reporting to the Executive Team"].strip("-\n ")) == [
        "IT Steering Committee"
    ]
    steering = doc("charters/it-steering.md")
    assert (
        "[Relationship Forum](relationship-forum.md)"
        in steering["Bodies reporting to the IT Steering Committee"]
    )
    assert "reports to the [Executive Team](executive-team.md)" in steering["Reporting"]
    assert "escalated to the [Executive Team]" in steering["Escalation"]
    assert "Bodies reporting to the Relationship Forum" not in doc("charters/relationship-forum.md")


def test_charter_lists_indicators_reported_to_it() -> None:
    steering = table(
        doc("charters/it-steering.md")["Indicators reported to the IT Steering Committee"]
    )
    assert [(r[0], r[2], r[3], r[4]) for r in steering] == [
        ("Business Satisfaction", "80%", "60%", "70%"),
        ("Complaints Received", "3", "10", "5"),
    ]
    executive = table(
        doc("charters/executive-team.md")["Indicators reported to the Executive Team"]
    )
    assert [r[0] for r in executive] == ["Complaints Received"]


def test_charter_lists_communications_addressed_to_it() -> None:
    steering = doc("charters/it-steering.md")[
        "Communications addressed to the IT Steering Committee"
    ]
    assert [names(r[0])[0] for r in table(steering)] == ["Steering Report"]
    executive = doc("charters/executive-team.md")
    assert "Communications addressed to the Executive Team" not in executive


def test_charter_shows_scope_decision_rights_authority_and_review() -> None:
    steering = doc("charters/it-steering.md")
    assert "- IT investments up to $500K" in steering["Scope"]
    assert "- Operational incidents" in steering["Scope"]
    assert table(steering["Decision rights"]) == [
        ["Approve IT investments up to $500K.", "Approve"]
    ]
    assert "Established by the Executive Team in 2025." in steering["Authority"]
    assert "meets monthly" in steering["Meetings"]
    assert "reviewed annually" in steering["Review"]
    assert "- Contact Policy" in steering["Policies approved by the IT Steering Committee"]


# --- communication plan -----------------------------------------------------------


def test_plan_has_an_audience_by_communication_matrix() -> None:
    text = doc("communication-plan.md")["Audiences and what each receives"]
    header = next(line for line in text.splitlines() if line.startswith("|"))
    assert "Operations IT Bulletin | Steering Report | Customer Care Briefing" in header
    rows = {names(r[0])[0]: (r[1], r[2:]) for r in table(text)}
    assert rows == {
        "Operations Division": ("Unit", ["✓", "", ""]),
        "IT Steering Committee": ("Governance body", ["", "✓", ""]),
        "Chief Information Officer": ("Role", ["", "✓", ""]),
        "Customer Care": ("Unit", ["", "", "✓"]),
        "Treatment Plants": ("Unit", ["", "", "✓"]),
    }


def test_plan_has_a_calendar_by_frequency() -> None:
    plan = doc("communication-plan.md")
    assert "**Operations IT Bulletin**" in plan["Monthly"]
    assert "**Steering Report**" in plan["Quarterly"]
    assert "**Customer Care Briefing**" in plan["Twice a year"]
    calendar = DOCS["communication-plan.md"].split("## Calendar")[1].split("## Channels")[0]
    assert (
        calendar.index("### Monthly")
        < calendar.index("### Quarterly")
        < calendar.index("### Twice a year")
    )


def test_plan_shows_which_business_units_each_communication_reaches() -> None:
    reach = {r[0]: r[1] for r in table(doc("communication-plan.md")["Business units reached"])}
    assert reach == {
        "Operations Division": "Operations IT Bulletin",
        # below an audience unit: reached through it, via the nearest audience unit
        "Treatment Plants": "Customer Care Briefing; "
        "through Operations Division: Operations IT Bulletin",
        # each unit above it named once, with what comes through it
        "Field Crews": "through Operations Division: Operations IT Bulletin; "
        "through Treatment Plants: Customer Care Briefing",
        "Customer Care": "Customer Care Briefing",
    }


def test_plan_shows_channels_owners_messages_feedback_and_indicators() -> None:
    plan = doc("communication-plan.md")
    assert "- **Newsletter**: Operations IT Bulletin" in plan["Channels"]
    assert "- **Engagement Analyst**: Steering Report" in plan["Owners"]
    assert "- Your relationship manager is your contact." in plan["Operations IT Bulletin"]
    feedback = table(plan["Feedback and evaluation"])
    assert feedback[0] == [
        "Operations IT Bulletin",
        "Readership statistics.",
        "Business Satisfaction (target 80%)",
    ]
    assert [r[0] for r in table(plan["Indicators"])] == [
        "Business Satisfaction",
        "Complaints Received",
    ]


# --- index ------------------------------------------------------------------------


def test_index_links_to_every_document() -> None:
    index = DOCS["index.md"]
    for path in DOCS:
        if path.endswith(".md") and path != "index.md":
            assert f"]({path})" in index, path


def test_index_has_principles_org_chart_relationship_map_raci_and_indicators() -> None:
    index = doc("index.md")
    assert "Every business unit has one relationship manager." in index["One contact per unit"]
    assert "Cited by: Contact Policy, Demand Intake" in index["One contact per unit"]
    structure = index["Structure"]
    assert "```mermaid\nflowchart" in structure
    assert '["Relationship Office<br/>Lead Relationship Manager"]' in structure
    # it→office, operations→treatment→crews, and each top unit under the executive office,
    # whose head the division heads report to
    assert len(re.findall(r"-->", structure)) == 6
    assert "-->" in index["Governance structure"]
    relationships = table(index["Relationship map"])
    assert [names(r[0])[0] for r in relationships] == [
        "Operations Division",
        "Treatment Plants",
        "Field Crews",
        "Customer Care",
    ]
    raci = index["Demand Intake"]
    header = next(line for line in raci.splitlines() if line.startswith("|"))
    assert names(" , ".join(c for c in header.strip("|").split("|"))) == [
        "Step",
        "Relationship Manager",
        "Lead Relationship Manager",
        "Director of Operations",
        "Chief Information Officer",
        "Engagement Analyst",
    ]
    assert table(raci) == [
        ["Capture the request", "R", "A", "I", "", ""],
        ["Prioritise the request", "", "R", "C", "A", "C"],
    ]
    catalogue = table(index["Indicator catalogue"])
    assert [r[0] for r in catalogue] == ["Business Satisfaction", "Complaints Received"]
    assert catalogue[0][6:10] == ["62.5%", "80%", "60%", "70%"]
