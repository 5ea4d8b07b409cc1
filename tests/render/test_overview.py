"""The overview as a CIO presents it: the framework at a glance, maturity by unit,
capacity per role and per person, positions in the client's order, one chart per line
of command, and governance bodies in the RACI."""

from __future__ import annotations

from pathlib import Path

from render_helpers import render_text

from conftest import FRAMEWORKS, ROOT
from rmf.model.framework import Framework
from rmf.render.derive import Lookup
from rmf.render.diagrams import forest
from rmf.render.overview import CapacityRow, IndexView, index
from rmf.render.views import Link
from rmf.validate.run import load_framework

REVISION = ROOT / "tests" / "examples" / "valid" / "revision-1-1.yaml"


def load(path: Path) -> Framework:
    fw = load_framework(path).framework
    assert fw is not None
    return fw


def view(path: Path) -> IndexView:
    return index(Lookup(load(path)))


def test_capacity_sums_allocations_per_role_and_per_incumbent() -> None:
    v = view(REVISION)
    fw = load(REVISION)
    role = next(c for c in v.capacity if c.role.id == "relationship-manager")
    rels = [r for r in fw.relationships if r.manager == "relationship-manager"]
    assert role.relationships == len(rels)
    assert role.allocated == sum(r.allocation or 0 for r in rels)
    assert role.fte == 1.8  # two positions: a full-time seat and a 0.8 seat
    by_seat = {
        "Alex Morgan": sum(r.allocation or 0 for r in rels if r.assignee == "rm-seat-1"),
        "Vacant (NEW)": sum(r.allocation or 0 for r in rels if r.assignee == "rm-seat-2"),
    }
    assert {c.who: c.allocated for c in v.seats} == by_seat
    assert {c.who: c.fte for c in v.seats} == {"Alex Morgan": 1.0, "Vacant (NEW)": 0.8}


def test_capacity_figures_read_as_people_write_them() -> None:
    row = CapacityRow("Manager", Link("m", "Manager"), 2.0, 2.35, 3)
    assert (row.held, row.given, row.free) == ("2", "2.35", "−0.35")  # over-allocated
    assert CapacityRow("M", Link("m", "M"), 1.8, 1.5, 2).free == "0.3"


def test_the_glance_counts_what_the_framework_holds() -> None:
    glance = {f.label: f.value for f in view(FRAMEWORKS / "edmonton").glance}
    assert glance["Business units with a relationship"] == "12 of 12"
    assert glance["Relationship management capacity"] == "4.05 of 5 FTE allocated"
    assert glance["Relationship maturity"].startswith("2.2 today → 3.3 aimed for (average of 12)")
    assert glance["In the framework"].startswith("25 positions, 6 governance bodies")
    assert glance["Review dates set"].startswith("8; the earliest is 2010-01-01")


def test_maturity_rows_carry_both_views_and_the_gap() -> None:
    rows = {r.unit.name: r for r in view(FRAMEWORKS / "edmonton").maturity}
    corporate = rows["Corporate Services Department"]
    assert (corporate.current, corporate.business_view, corporate.target) == (3, 2, 4)
    assert corporate.gap == 1
    assert corporate.scale(2) == "●●○○○ 2" and corporate.scale(None) == "—"
    assert rows["Transit Operations Branch"].unit.href == (
        "relationships/transit-operations-relationship.md"
    )


def test_positions_of_the_relationship_office_come_first_then_by_unit() -> None:
    groups = view(FRAMEWORKS / "edmonton").position_groups
    first = groups[0]
    assert first.office and first.unit is not None
    assert first.unit.name == "Business Engagement Office"
    assert [p.name for p in first.positions][:3] == [
        "Director, Business Engagement",
        "Senior Business Relationship Manager",
        "Business Relationship Manager",
    ]
    units = [g.unit.name for g in groups[1:] if g.unit is not None]
    assert units[:3] == [
        "Office of the Board of Directors",
        "Office of the President and Chief Executive Officer",
        "Information Technology Branch",
    ]
    # every position once
    names = [p.name for g in groups for p in g.positions]
    assert len(names) == len(set(names)) == 25


def test_the_unit_chart_follows_the_line_of_command_to_one_tree() -> None:
    v = view(FRAMEWORKS / "edmonton")
    lines = v.org_chart.mermaid.splitlines()
    names = {
        line.split("[", 1)[0].strip(): line.split('["', 1)[1].split("<br/>")[0]
        for line in lines
        if '["' in line
    }
    edges = [tuple(line.split(" --> ")) for line in lines if " --> " in line]
    parent = {names[b.strip()]: names[a.strip()] for a, b in edges}
    roots, _ = forest([(n, parent.get(n)) for n in names.values()])
    assert roots == ["Office of the Board of Directors"]
    assert parent["Office of the President and Chief Executive Officer"] == (
        "Office of the Board of Directors"
    )
    assert parent["Transportation Services Department"] == (
        "Office of the President and Chief Executive Officer"
    )
    # the table still states each unit's own `parent`
    table = {u.unit.name: u.parent for u in v.units}
    assert table["Transportation Services Department"] is None


def test_the_positions_chart_and_governance_read_from_the_top() -> None:
    v = view(FRAMEWORKS / "edmonton")
    assert v.positions_chart is not None
    assert "Chair of the Board of Directors" in v.positions_chart.mermaid
    assert v.governance_chart.mermaid.startswith("flowchart TB")
    text = render_text(FRAMEWORKS / "edmonton")["index.md"]
    assert text.index("### Positions") < text.index("## Governance structure")


def test_governance_bodies_are_raci_columns_after_the_roles() -> None:
    raci = view(REVISION).raci[0]
    assert [p.id for p in raci.roles] == [
        "relationship-manager",
        "chief-executive",
        "finance-director",
        "steering-committee",  # accountable for a step: a column of its own, last
    ]
    assert [cells[-1] for _, cells in raci.steps] == ["", "A"]


def test_the_index_lists_every_relationship_profile() -> None:
    text = render_text(FRAMEWORKS / "edmonton")["index.md"]
    profiles = text.split("### Relationship profiles", 1)[1].split("\n### ", 1)[0]
    assert profiles.count("](relationships/") == 12
