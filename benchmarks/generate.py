"""Generate valid synthetic frameworks of any size, for benchmarks and tests."""

from __future__ import annotations

import argparse
import math
from pathlib import Path


def framework(units: int, version: str = "1.0.0") -> str:
    """YAML text of a valid framework with `units` business units and the rest in proportion."""
    out: list[str] = []
    w = out.append
    managers = max(1, math.ceil(units / 5))
    bodies = max(2, units // 20)
    processes = max(1, units // 20)
    comms = max(1, math.ceil(units / 10))
    indicators = max(2, units // 10)
    principles = 10
    policies = max(1, units // 50)
    w("rmf: 1\nframework:\n  id: synthetic\n  name: Synthetic framework\n")
    w(f"  client: Synthetic Co ({units} units)\n  version: {version}\n  status: draft\n")
    w("  effective: 2026-01-01\n  owner: cio\n  review: annual\n")
    w("principles:\n")
    for p in range(principles):
        w(f"  - id: principle-{p}\n    title: Principle {p}\n")
        w(f"    statement: IT and the business agree on priority {p} together.\n")
        w("    implications:\n      - Decisions are shared.\n      - Value is measured.\n")
    w("units:\n  - id: executive\n    name: Executive Office\n    kind: executive\n")
    w("  - id: it\n    name: Information Technology\n    kind: it\n    parent: executive\n")
    w("    head: cio\n")
    w("  - id: engagement\n    name: Business Engagement\n    kind: relationship-office\n")
    w("    parent: it\n")
    for u in range(units):
        w(f"  - id: unit-{u}\n    name: Business unit {u}\n    kind: business\n")
        w(f"    head: head-{u}\n    description: Delivers public service line {u}.\n")
    w("roles:\n")
    w("  - id: cio\n    title: Chief Information Officer\n    unit: it\n")
    w("    purpose: Leads IT so that it serves the business.\n    responsibilities:\n")
    w("      - text: Set IT strategy.\n        time: 60\n      - text: Run IT.\n        time: 40\n")
    for m in range(managers):
        w(f"  - id: manager-{m}\n    title: Business Relationship Manager {m}\n")
        w("    unit: engagement\n    reports_to: cio\n    classification: Manager 2\n")
        w("    purpose: Manages IT's relationships with a portfolio of business units.\n")
        w("    responsibilities:\n      - text: Understand business demand.\n        time: 50\n")
        w("        activities: [Meet unit heads, Maintain the demand register]\n")
        w("      - text: Coordinate IT delivery.\n        time: 50\n")
        w("    competencies:\n      - {framework: sfia, code: RLMT, level: 5}\n")
    for u in range(units):
        w(f"  - id: head-{u}\n    title: Director, unit {u}\n    unit: unit-{u}\n")
        w(f"    purpose: Leads business unit {u}.\n    responsibilities:\n")
        w(f"      - text: Lead unit {u}.\n")
    w("relationships:\n")
    for u in range(units):
        w(f"  - id: relationship-{u}\n    unit: unit-{u}\n    manager: manager-{u // 5}\n")
        w(f"    counterpart: head-{u}\n    tier: core\n    allocation: 0.2\n")
        w("    maturity: {current: 2, target: 4}\n    review: quarterly\n")
    w("governance:\n")
    w("  - id: board\n    name: Board\n    type: board\n    purpose: Governs.\n")
    w("    chair: cio\n    members:\n      - role: cio\n      - role: head-0\n")
    w("    quorum: 2\n    meets: quarterly\n")
    for b in range(1, bodies):
        heads = [f"head-{(b * 3 + k) % units}" for k in range(3)]
        w(f"  - id: committee-{b}\n    name: Committee {b}\n    type: committee\n")
        w(f"    purpose: Oversees portfolio {b}.\n    reports_to: board\n    chair: cio\n")
        w("    members:\n      - role: cio\n")
        for h in dict.fromkeys(heads):
            w(f"      - role: {h}\n        voting: true\n")
        w("    quorum: 2\n    voting_rule: majority\n    meets: monthly\n")
        w("    decision_rights:\n      - {decision: Approve projects, type: approve}\n")
    w("policies:\n")
    for p in range(policies):
        w(f"  - id: policy-{p}\n    title: Policy {p}\n    statement: Units are served.\n")
        # policy-0 applies every principle, so none is left unused at any size
        listed = range(principles) if p == 0 else [p % principles]
        w(f"    owner: cio\n    principles: [{', '.join(f'principle-{x}' for x in listed)}]\n")
        w("    effective: 2026-01-01\n    review_by: 2027-01-01\n")
    w("processes:\n")
    for p in range(processes):
        w(f"  - id: process-{p}\n    name: Process {p}\n    purpose: Handles demand.\n")
        w(f"    owner: manager-{p % managers}\n    steps:\n")
        for s in range(4):
            w(f"      - id: step-{s}\n        name: Step {s}\n")
            w(f"        responsible: [manager-{p % managers}]\n        accountable: cio\n")
            w(f"        informed: [head-{p % units}]\n")
        w(f"    indicators: [indicator-{p % indicators}]\n")
        w(f"    principles: [principle-{p % principles}]\n")
    w("communications:\n")
    for c in range(comms):
        audience = ", ".join(f"unit-{u}" for u in range(c * 10, min(units, c * 10 + 10)))
        w(f"  - id: communication-{c}\n    name: Update {c}\n    objective: Inform units.\n")
        w(f"    audience: [{audience}]\n    owner: manager-{c % managers}\n")
        w("    channel: email\n    frequency: monthly\n")
        w("    messages: [What IT delivered, What comes next]\n")
    w("indicators:\n")
    for i in range(indicators):
        category = "satisfaction" if i % 2 == 0 else "complaint"
        direction = "higher-is-better" if i % 2 == 0 else "lower-is-better"
        target, red, amber = (80, 60, 70) if i % 2 == 0 else (5, 20, 10)
        w(f"  - id: indicator-{i}\n    name: Indicator {i}\n    category: {category}\n")
        w("    definition: A measure of engagement.\n    unit: percent\n")
        w(f"    direction: {direction}\n    target: {target}\n")
        w(f"    thresholds: {{red: {red}, amber: {amber}}}\n    frequency: quarterly\n")
        w(f"    owner: manager-{i % managers}\n    reported_to: [board]\n")
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("units", type=int)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    args.output.write_text(framework(args.units), encoding="utf-8")


if __name__ == "__main__":
    main()
