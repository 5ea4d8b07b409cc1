"""The communication plan as a comms advisor works from it: the year month by month, what
each audience hears, the stakeholder map, and coverage stated once per route."""

from __future__ import annotations

from pathlib import Path

from render_helpers import render_text

from conftest import FRAMEWORKS, ROOT
from rmf.model.framework import Framework
from rmf.render.derive import Lookup
from rmf.render.plan import PlanView, plan
from rmf.validate.run import load_framework

REVISION = ROOT / "tests" / "examples" / "valid" / "revision-1-1.yaml"
SECOND = """\
  - id: annual-forum
    name: Annual forum
    objective: Meet everyone once a year.
    audience: [head-office, steering-committee]
    owner: relationship-manager
    channel: workshop
    frequency: annual
    messages:
      - What IT did this year.
  - id: weekly-note
    name: Weekly note
    objective: Tell the chief executive what happened.
    audience: [chief-executive]
    owner: relationship-manager
    channel: email
    frequency: weekly

indicators:
"""


def load(tmp_path: Path, *edits: tuple[str, str]) -> Framework:
    text = REVISION.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    fw = load_framework(path).framework
    assert fw is not None
    return fw


def view(tmp_path: Path, *edits: tuple[str, str]) -> PlanView:
    return plan(Lookup(load(tmp_path, *edits)))


def test_the_timeline_marks_given_months_and_every_month_for_frequent_items(
    tmp_path: Path,
) -> None:
    v = view(tmp_path, ("\nindicators:\n", "\n" + SECOND))
    rows = {t.communication.name: t.months for t in v.timeline}
    # months given: exactly those; weekly: every month; annual without months: not on the grid
    assert [m + 1 for m, on in enumerate(rows["Monthly relationship meeting"]) if on] == [
        1,
        4,
        7,
        10,
    ]
    assert all(rows["Weekly note"])
    assert "Annual forum" not in rows
    assert [(g.label, [c.name for c in g.items]) for g in v.unscheduled] == [
        ("Annually", ["Annual forum"])
    ]
    assert v.timeline[0].cells == " ● |  |  | ● |  |  | ● |  |  | ● |  |  |"


def test_the_timeline_shows_in_the_plan_with_a_column_per_month(tmp_path: Path) -> None:
    text = render_text(REVISION)["communication-plan.md"]
    timeline = text.split("## Timeline", 1)[1].split("\n## ", 1)[0]
    assert "| Communication | Channel | Jan | Feb | Mar |" in timeline
    assert "| Meeting | ● |  |  | ● |" in timeline


def test_messages_by_audience_follow_for_and_reach_the_units_below(tmp_path: Path) -> None:
    v = view(
        tmp_path,
        ("\nindicators:\n", "\n" + SECOND),
        (
            "      - text: Year-end close support.",
            "      - text: Payroll calendar.\n        for: [payroll]\n"
            "      - text: Year-end close support.",
        ),
    )
    heard = {
        tuple(p.name for p in a.parties): {h.communication.name: h.messages for h in a.heard}
        for a in v.heard
    }
    # a message without `for` goes to the whole audience; one with `for` only to those named
    assert heard[("Finance",)] == {
        "Monthly relationship meeting": ("IT priorities for the quarter.",),
        "Annual forum": ("What IT did this year.",),  # Finance is under Head Office
    }
    assert heard[("Payroll",)]["Monthly relationship meeting"] == (
        "IT priorities for the quarter.",
        "Payroll calendar.",
    )
    assert heard[("Finance Director",)] == {
        "Monthly relationship meeting": ("Year-end close support.",)
    }
    # audiences hearing exactly the same are listed together
    assert heard[("Head Office", "IT Steering Committee")] == {
        "Annual forum": ("What IT did this year.",)
    }


def test_the_stakeholder_map_places_each_party_and_names_its_approach(tmp_path: Path) -> None:
    v = view(tmp_path)
    rows = {s.party.name: s for s in v.stakeholders}
    assert [(n, s.influence, s.interest, s.approach) for n, s in rows.items()] == [
        ("Finance", "High", "Medium", "Keep satisfied"),
        ("IT Steering Committee", "High", "High", "Manage closely"),
        ("Relationship Manager", "Medium", "High", "Manage closely"),
    ]
    assert rows["Finance"].engagement == "Neutral → Supportive"
    assert rows["Finance"].needs == "Early notice of changes to the finance systems."
    # the committee and the relationship manager are in no audience: the plan says so
    assert [p.name for p in v.unreached_stakeholders] == [
        "IT Steering Committee",
        "Relationship Manager",
    ]
    assert v.stakeholder_map is not None
    mermaid = v.stakeholder_map.mermaid
    assert mermaid.startswith("quadrantChart\n")
    assert "  Finance: [0.50, 0.83]" in mermaid  # medium interest, high influence
    assert "  Relationship Manager: [0.83, 0.50]" in mermaid


def test_points_sharing_a_cell_are_spread_and_names_are_made_safe(tmp_path: Path) -> None:
    v = view(
        tmp_path,
        (
            "    stakeholder: {influence: high, interest: high}",
            "    stakeholder: {influence: medium, interest: high}",
        ),
        (
            "    name: Payroll\n",
            '    name: "Payroll: pay & benefits"\n'
            "    stakeholder: {influence: medium, interest: high}\n",
        ),
    )
    assert v.stakeholder_map is not None
    points = [line for line in v.stakeholder_map.mermaid.splitlines() if ": [" in line]
    assert "  Payroll pay benefits: [0.83, 0.56]" in points
    ys = [line.rsplit(", ", 1)[1] for line in points if "0.83," in line]
    assert len(ys) == len(set(ys)) == 3  # three in one cell, one above another


def test_a_plan_without_stakeholders_has_no_map(tmp_path: Path) -> None:
    fw = load_framework(FRAMEWORKS / "base").framework
    assert fw is not None
    v = plan(Lookup(fw))
    assert v.stakeholders == () and v.stakeholder_map is None
    assert "## Stakeholder map" not in render_text(FRAMEWORKS / "base")["communication-plan.md"]


def test_the_drawn_map_is_byte_stable_and_made_only_when_asked(tmp_path: Path) -> None:
    first, second = view(tmp_path).stakeholder_map, view(tmp_path).stakeholder_map
    assert first is not None and second is not None
    svg, png = first.image(), first.picture()
    assert svg.startswith("<svg") and "Keep satisfied" in svg and "Finance" in svg
    assert png is not None and png.startswith(b"\x89PNG")
    assert (svg, png) == (second.image(), second.picture())


def test_units_reached_through_a_unit_above_name_that_unit_once() -> None:
    text = render_text(FRAMEWORKS / "edmonton")["communication-plan.md"]
    reached = text.split("## Business units reached", 1)[1]
    row = next(line for line in reached.splitlines() if line.startswith("| Transit Operations"))
    assert row.count("through ") == 1
    assert "through Transportation Services Department: Relationship review meetings, " in row
