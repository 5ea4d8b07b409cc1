"""Position descriptions and charters as client reviewers read them: scope, supervision,
seats, sign-off, people's numbers, Markdown kept, nothing printed empty."""

from __future__ import annotations

import re
from pathlib import Path

from render_helpers import GOLDEN, render_text

from conftest import FRAMEWORKS, ROOT

REVISION = ROOT / "tests" / "examples" / "valid" / "revision-1-1.yaml"


def variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = REVISION.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_unit_head_is_never_said_to_supervise_no_one() -> None:
    docs = render_text(REVISION)
    director = docs["positions/finance-director.md"]
    assert "supervises no" not in director
    assert "Heads the Finance, whose 25 staff are not described as positions" in director
    assert "| Positions and staff supervised in total | 25 |" in director
    # the chief executive: every role below it, and the staff of every unit they head
    ceo = docs["positions/chief-executive.md"]
    assert "| Positions supervised directly | 3 |" in ceo  # two relationship managers, one director
    # 3 positions below it, and the 25 staff of the unit one of them heads
    assert "| Positions and staff supervised in total | 28 |" in ceo


def test_identification_shows_position_numbers_and_the_people_in_the_seats() -> None:
    manager = render_text(REVISION)["positions/relationship-manager.md"]
    assert "| Position numbers | 40012, NEW |" in manager
    assert "| 40012 | Alex Morgan | 1 |" in manager and "| NEW | Vacant | 0.8 |" in manager
    assert "`relationship-manager`" not in manager  # the id is no position number
    assert "| Job family | Information Technology |" in manager
    assert "| Date of this description | 2026-01-01 |" in manager
    assert "- Stakeholder relationship management (SFIA RLMT), level 5" in manager
    assert "- **Physical demands:** Office work, some travel between sites." in manager
    sign_off = manager.split("## Sign-off", 1)[1]
    assert re.findall(r"^\*\*(.+)\*\*$", sign_off, re.M) == [
        "Incumbent",
        "Supervisor",
        "Human Resources",
    ]
    assert sign_off.count("Signature: \\_\\_") == 3


def test_a_charter_states_seats_quorum_and_its_approval() -> None:
    board = render_text(FRAMEWORKS / "edmonton")["charters/board-of-directors.md"]
    assert "| [Director (Board member)](../positions/board-director.md) | Member | 8 |" in board
    assert "The Board of Directors has 10 seats, 9 of them voting." in board
    assert "- Quorum: 5 voting seats — A majority of the directors in office" in board
    assert "not stated" not in board
    steering = render_text(FRAMEWORKS / "edmonton")["charters/it-steering-committee.md"]
    for fact in (
        "| Vice-chair | [Chief Information Officer]",
        "| Version | 1.1 |",
        "| Next review | 2010-01-20 |",
        "| Papers | Papers reach members five working days before the meeting. |",
        "- Tied votes: The chair has a casting vote.",
        "reported to the Executive Committee quarterly.",
        "**Chair of the Executive Committee (President and Chief Executive Officer)**",
    ):
        assert fact in steering, fact


def test_no_document_prints_an_empty_section() -> None:
    for path in GOLDEN.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^None\.$|are stated\.$|reports to no other|: —\.$", text, re.M), path


def test_amounts_carry_the_client_s_currency_and_thousands_separators(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "  - id: complaints\n",
            "  - id: savings\n    name: Savings from shared services\n"
            "    category: value\n    definition: Savings in the year.\n    unit: currency\n"
            "    direction: higher-is-better\n    target: 2500000\n    frequency: annual\n"
            "    owner: relationship-manager\n    reported_to: [steering-committee]\n"
            "  - id: complaints\n",
        ),
        (
            "  charter: {signatures: [Chair, Secretary]}\n",
            "  charter: {signatures: [Chair, Secretary]}\n  currency: CA$\n",
        ),
    )
    charter = render_text(path)["charters/steering-committee.md"]
    assert "| Savings from shared services | Savings in the year. | CA$2,500,000 |" in charter


def test_markdown_in_a_responsibility_stays_inside_its_item(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        (
            "      - text: Meet each business unit monthly.\n",
            "      - text: |\n          Meet each business unit:\n\n"
            "          - monthly with its head\n"
            "          - quarterly with its staff\n",
        ),
    )
    md = render_text(path)["positions/relationship-manager.md"]
    assert "1. Meet each business unit: *(60% of time)*\n\n    - monthly with its head\n" in md
    html = render_text(path, "html")["positions/relationship-manager.html"]
    first = html.split("<ol>", 1)[1].split("</li>", 1)[0]
    assert "<ul>" in first and "monthly with its head" in first


def test_names_that_hold_a_comma_are_listed_apart_by_semicolons(tmp_path: Path) -> None:
    path = variant(tmp_path, ("    name: Payroll\n", "    name: Payroll, Pensions and Benefits\n"))
    briefing = render_text(path)["positions/relationship-manager.md"]
    assert "| Finance; Payroll, Pensions and Benefits |" in briefing


def test_a_communication_links_to_its_own_section_of_the_plan() -> None:
    docs = render_text(FRAMEWORKS / "edmonton")
    advisor = docs["positions/engagement-communications-advisor.md"]
    link = (
        "[Business Engagement newsletter](../communication-plan.md#business-engagement-newsletter)"
    )
    assert link in advisor
    plan = docs["communication-plan.md"]
    assert "\n### Business Engagement newsletter\n" in plan
    assert "| Months | March, June, September, December |" in plan
    assert "(for [Transit Operations Branch]" not in plan  # a unit has no document to link
    assert "*(for Transit Operations Branch)*" in plan
    html = render_text(FRAMEWORKS / "edmonton", "html")
    assert 'id="business-engagement-newsletter"' in html["communication-plan.html"]
    assert (
        'href="../communication-plan.html#business-engagement-newsletter"'
        in html["positions/engagement-communications-advisor.html"]
    )


def test_a_relationship_profile_shows_what_a_practitioner_expects() -> None:
    docs = render_text(FRAMEWORKS / "edmonton")
    transit = docs["relationships/transit-operations-relationship.md"]
    for fact in (
        "# Relationship profile: Transit Operations Branch",
        "| Part of | Transportation Services Department |",
        "| Tier | Strategic |",
        "| Relationship manager | Senior Business Relationship Manager — Margaret Osei |",
        "- Replace the fare collection system by 2011.",
        "## What a strategic relationship gets",
        "| Maturity today (the unit's view) | 3 (service provider) |",
        "| Plan next reviewed | 2010-01-01 |",
        "- Fare collection system",
        "| Add rider information outages to the monthly service review. |",
        "- [Business Engagement Forum](../charters/business-engagement-forum.md)",
        "(../communication-plan.md#business-engagement-newsletter)",
        "| Business satisfaction index | 4 | Twice a year |",
    ):
        assert fact in transit, fact
    # the manager's position description links each unit to its profile
    senior = docs["positions/senior-business-relationship-manager.md"]
    assert (
        "[Transit Operations Branch](../relationships/transit-operations-relationship.md)" in senior
    )
    # a vacant seat is said to be vacant
    finance = docs["relationships/finance-and-treasury-relationship.md"]
    assert "| Relationship manager | Business Relationship Manager — Vacant (NEW) |" in finance
