"""`rmf explain CODE`: what a finding code means, why the rule exists, and a framework
fragment that breaks it next to one that keeps it.

Each fragment replaces whole top-level sections of a small framework (the one in the
test data); a test checks that every failing fragment raises its code there and every
passing one does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Explanation:
    """Why a rule exists, and a fragment that breaks it and one that keeps it."""

    why: str
    failing: str
    passing: str
    # files beside framework.yaml in both examples, by path
    files: dict[str, str] = field(default_factory=dict)


_GOVERNANCE = """\
governance:
  - id: steering
    name: IT Steering Committee
    type: steering-committee
    purpose: Sets IT priorities.
    chair: sales-head
    members:
      - role: {member}
      - role: brm
    quorum: {quorum}
    meets: monthly
"""

_STEP = """\
processes:
  - id: intake
    name: Demand intake
    purpose: Capture demand.
    owner: brm
    steps:
      - id: capture
        name: Capture
        responsible: [brm]
        accountable: brm
        informed: [sales-head]{consulted}
    indicators: [satisfaction]
"""

_RELATIONSHIPS = """\
units:
  - {{id: it, name: IT, kind: it}}
  - {{id: sales, name: Sales, kind: business}}
  - {{id: finance, name: Finance, kind: business}}
relationships:
  - {{id: sales-relationship, unit: sales, manager: brm, allocation: {sales}}}
  - {{id: finance-relationship, unit: finance, manager: brm, allocation: {finance}}}
"""

_ROLES = """\
roles:
  - id: brm
    title: Business Relationship Manager
    unit: it
    purpose: Manages the relationship with Sales.
    responsibilities:
      - {{text: Run the relationship., time: 60}}
      - {{text: Report on it., time: {time}}}
  - id: sales-head
    title: Head of Sales
    unit: sales
    purpose: Leads Sales.
    responsibilities:
      - text: Lead Sales.
"""

_INDICATORS = """\
indicators:
  - id: satisfaction
    name: Satisfaction
    category: satisfaction
    definition: Survey score.
    unit: percent
    direction: higher-is-better
    target: 80
    thresholds: {{red: {red}, amber: {amber}}}
    frequency: annual
    owner: brm
  - id: complaints
    name: Complaints
    category: complaint
    definition: Complaints received.
    unit: count
    direction: lower-is-better
    target: 2
    thresholds: {{red: 10, amber: 5}}
    frequency: quarterly
    owner: brm{reported}
"""

_POLICY = """\
policies:
  - id: engagement-policy
    title: Engagement
    statement: Every unit has a relationship manager.
    owner: brm
    principles: [partner]
    effective: 2026-01-01
    review_by: {review}
"""

_NAMED = """\
roles:
  - id: brm
    title: Business Relationship Manager
    unit: it
    purpose: Manages the relationships with the business.
    positions: 2
    incumbents:
      - {{id: brm-1, name: Ann Lee}}
      - {{id: brm-2, name: Raj Patel}}
    responsibilities:
      - text: Run the relationship.
  - id: sales-head
    title: Head of Sales
    unit: sales
    purpose: Leads Sales.
    incumbents:
      - {{id: sales-head-1, name: Kim Ito}}
    responsibilities:
      - text: Lead Sales.
relationships:
  - {{id: sales-relationship, unit: sales, manager: brm, allocation: 0.5{assignee}}}
"""

_TIERS = """\
engagement_model:
  - {{tier: strategic, description: Monthly reviews with the unit head., review: monthly}}
relationships:
  - id: sales-relationship
    unit: sales
    manager: brm
    allocation: 0.5
    tier: strategic
    review: {review}
"""

_PRINCIPLES = """\
principles:
  - {id: partner, title: Partner, statement: IT partners with the business.}
  - {id: openness, title: Openness, statement: Decisions are explained.}
"""

_CLIENT = """\
extends: base.yaml
framework:
  id: client
  name: {name}
  client: Minimal Co
  version: 0.1.0
  status: draft
"""
_METHOD = "Relationship Management Framework — standard method"

EXPLANATIONS: dict[str, Explanation] = {
    "unresolved-reference": Explanation(
        "A reference to an id that no entity has is a broken link in every document that "
        "shows it: a position description names a committee that was renamed, a plan names "
        "a manager role that does not exist.",
        "relationships:\n  - {id: sales-relationship, unit: sales, manager: bmr}\n",
        "relationships:\n  - {id: sales-relationship, unit: sales, manager: brm}\n",
    ),
    "duplicate-id": Explanation(
        "Every reference names an entity by its id, so an id must name one thing only, "
        "across every section (incumbents included).",
        "units:\n  - {id: it, name: IT, kind: it}\n  - {id: sales, name: Sales, kind: business}\n"
        "  - {id: sales, name: Sales Support, kind: business}\n",
        "units:\n  - {id: it, name: IT, kind: it}\n  - {id: sales, name: Sales, kind: business}\n",
    ),
    "cycle": Explanation(
        "Units within units, reporting lines and governance reporting form trees: a loop "
        "leaves no top, and no chart or line of escalation can be drawn.",
        "units:\n  - {id: it, name: IT, kind: it, parent: sales}\n"
        "  - {id: sales, name: Sales, kind: business, parent: it}\n",
        "units:\n  - {id: it, name: IT, kind: it}\n"
        "  - {id: sales, name: Sales, kind: business, parent: it}\n",
    ),
    "relationship-coverage": Explanation(
        "The framework's promise is that every business unit has one relationship manager: "
        "a unit without one is unserved, and a unit with two does not know whom to call.",
        "relationships: []\n",
        "relationships:\n  - {id: sales-relationship, unit: sales, manager: brm}\n",
    ),
    "manager-not-relationship-role": Explanation(
        "A relationship is managed from IT's side: a manager role that sits in the business "
        "unit it serves is a counterpart, not a relationship manager.",
        "relationships:\n  - {id: sales-relationship, unit: sales, manager: sales-head}\n",
        "relationships:\n  - {id: sales-relationship, unit: sales, manager: brm}\n",
    ),
    "over-allocated": Explanation(
        "Allocations are shares of a position's time: a role whose relationships ask for "
        "more than its positions can give is a plan no one can carry out.",
        _RELATIONSHIPS.format(sales=0.7, finance=0.5),
        _RELATIONSHIPS.format(sales=0.5, finance=0.5),
    ),
    "chair-not-member": Explanation(
        "A chair or vice-chair who is not a member cannot be counted for the quorum or "
        "vote; the charter's membership table and its officers disagree.",
        _GOVERNANCE.format(member="sales-head", quorum=1).replace("      - role: sales-head\n", ""),
        _GOVERNANCE.format(member="sales-head", quorum=2),
    ),
    "quorum-out-of-range": Explanation(
        "A quorum above the voting seats means the body can never decide; a quorum below "
        "one means it decides with no one present.",
        _GOVERNANCE.format(member="sales-head", quorum=3),
        _GOVERNANCE.format(member="sales-head", quorum=2),
    ),
    "raci-roles": Explanation(
        "In a RACI matrix each party holds one letter per step: a role both consulted and "
        "informed leaves its part unclear.",
        _STEP.format(consulted="\n        consulted: [sales-head]"),
        _STEP.format(consulted=""),
    ),
    "time-shares": Explanation(
        "HR classifies a position by where its time goes: the shares of a position "
        "description's responsibilities are all given and add up to 100%.",
        _ROLES.format(time=30),
        _ROLES.format(time=40),
    ),
    "unreached-business-unit": Explanation(
        "Every business unit should hear from IT: a unit in no communication's audience is "
        "one the framework forgot.",
        "communications:\n  - {id: monthly-update, name: Monthly update, objective: Inform.,"
        " audience: [it], owner: brm, channel: email, frequency: monthly}\n",
        "communications:\n  - {id: monthly-update, name: Monthly update, objective: Inform.,"
        " audience: [sales], owner: brm, channel: email, frequency: monthly}\n",
    ),
    "orphan-indicator": Explanation(
        "An indicator no process, communication or body uses is measured for no one: "
        "report it somewhere or drop it.",
        _INDICATORS.format(red=60, amber=70, reported=""),
        _INDICATORS.format(red=60, amber=70, reported="\n    reported_to: [steering]"),
    ),
    "unused-principle": Explanation(
        "Principles are meant to guide policies and processes; one that nothing cites is "
        "decoration.",
        _PRINCIPLES,
        _PRINCIPLES
        + _POLICY.format(review="2099-01-01").replace("[partner]", "[partner, openness]"),
    ),
    "missing-satisfaction-measure": Explanation(
        "Business relationship management is judged by the business: a framework measures "
        "at least its satisfaction and its complaints.",
        _INDICATORS.format(red=60, amber=70, reported="\n    reported_to: [steering]").replace(
            "category: complaint", "category: delivery"
        ),
        _INDICATORS.format(red=60, amber=70, reported="\n    reported_to: [steering]"),
    ),
    "threshold-order": Explanation(
        "Red, amber and target must step in the indicator's direction, or the scorecard "
        "shows green for the worst values.",
        _INDICATORS.format(red=70, amber=60, reported="\n    reported_to: [steering]"),
        _INDICATORS.format(red=60, amber=70, reported="\n    reported_to: [steering]"),
    ),
    "review-dates": Explanation(
        "A review comes after what it reviews: a policy reviewed before it takes effect is "
        "a typing mistake in a date.",
        _POLICY.format(review="2025-12-31"),
        _POLICY.format(review="2099-01-01"),
    ),
    "maturity-target": Explanation(
        "A target is where the relationship is going: a target below today's maturity "
        "plans a decline.",
        "relationships:\n  - {id: sales-relationship, unit: sales, manager: brm,"
        " maturity: {current: 4, target: 3}}\n",
        "relationships:\n  - {id: sales-relationship, unit: sales, manager: brm,"
        " maturity: {current: 3, target: 4}}\n",
    ),
    "assignee-role": Explanation(
        "A named manager must hold the manager role: otherwise the relationship profile "
        "names a person who does not do the job.",
        _NAMED.format(assignee=", assignee: sales-head-1"),
        _NAMED.format(assignee=", assignee: brm-1"),
    ),
    "tier-cadence": Explanation(
        "The engagement model promises each tier a review cadence; a relationship reviewed "
        "less often than its tier asks breaks the promise.",
        _TIERS.format(review="quarterly"),
        _TIERS.format(review="monthly"),
    ),
    "stale-review": Explanation(
        "A review date that has passed means the policy, charter or plan is out of date; "
        "the finding is a reminder (use `--today` for reproducible runs).",
        _POLICY.format(review="2026-02-01"),
        _POLICY.format(review="2099-01-01"),
    ),
    "unnamed-manager": Explanation(
        "When a manager role has several named people, a relationship that does not say "
        "which of them manages it leaves the unit without a name to call.",
        _NAMED.format(assignee=""),
        _NAMED.format(assignee=", assignee: brm-1"),
    ),
    "invalid-value": Explanation(
        "Some fields constrain each other, as the format's tables say: a percentage is "
        "0–100, and SFIA's Relationship management (RLMT) skill exists at levels 4–7 only.",
        _ROLES.format(time=40).replace(
            "    purpose: Manages the relationship with Sales.\n",
            "    purpose: Manages the relationship with Sales.\n"
            "    competencies:\n      - {framework: sfia, code: RLMT, level: 3}\n",
        ),
        _ROLES.format(time=40).replace(
            "    purpose: Manages the relationship with Sales.\n",
            "    purpose: Manages the relationship with Sales.\n"
            "    competencies:\n      - {framework: sfia, code: RLMT, level: 4}\n",
        ),
    ),
    "waiver-expired": Explanation(
        "A waiver accepts a deviation for a time; once it expires the deviation must be "
        "fixed, or the waiver renewed on purpose.",
        _PRINCIPLES + "waivers:\n  - {rule: unused-principle, target: openness,"
        " reason: Adopted next year., expires: 2026-01-31}\n",
        _PRINCIPLES + "waivers:\n  - {rule: unused-principle, target: openness,"
        " reason: Adopted next year., expires: 2099-12-31}\n",
    ),
    "not-included": Explanation(
        "A framework is its root file and the files its `include` names; a file of "
        "sections left out of `include` is silently not part of it, and its units, roles "
        "or bodies are missing from every document.",
        "include: [units.yaml]\n",
        "include: [units.yaml, more-units.yaml]\n",
        {
            "units.yaml": "units:\n  - {id: finance, name: Finance, kind: business}\n",
            "more-units.yaml": "units:\n  - {id: legal, name: Legal, kind: business}\n",
        },
    ),
    "name-from-base": Explanation(
        "A framework that extends a base inherits its entities, never its metadata: "
        "`framework:` is the client's own, and its name is the title of every document. A "
        "name copied from the base titles the client's documents with the method's name.",
        _CLIENT.format(name=_METHOD),
        _CLIENT.format(name="Business Engagement — Relationship Management Framework"),
        {
            "base.yaml": "rmf: 1\nframework:\n  id: method\n"
            f"  name: {_METHOD}\n  client: Any client\n  version: 1.0.0\n"
            "  status: approved\n"
        },
    ),
    "unused-waiver": Explanation(
        "A waiver that matches no finding waives nothing: the deviation was fixed, or the "
        "waiver names the wrong rule or target.",
        "waivers:\n  - {rule: unused-principle, target: partner, reason: Not yet cited.}\n",
        _PRINCIPLES + "waivers:\n  - {rule: unused-principle, target: openness,"
        " reason: Adopted next year.}\n",
    ),
}


def _sentence(summary: str) -> str:
    return f"{summary[0].upper()}{summary[1:]}."


def _indent(text: str) -> str:
    return "".join(f"    {line}" if line.strip() else line for line in text.splitlines(True))


def explanation_text(code: str) -> str | None:
    """What `rmf explain CODE` prints for a code; None for a code rmf does not have."""
    import textwrap

    from rmf.core.codes import CODES, WARNINGS
    from rmf.validate.rules import CATALOGUE

    if code in CATALOGUE:
        rule, example = CATALOGUE[code], EXPLANATIONS[code]
        tunable = ", tunable" if rule.tunable else ""
        parts = [
            f"{code} ({rule.severity.value}{tunable})",
            "",
            _sentence(rule.summary),
            "",
            textwrap.fill(example.why, 88),
            "",
            *(
                f"With {name} beside framework.yaml:\n\n{_indent(text)}"
                for name, text in example.files.items()
            ),
            "Breaks the rule:",
            "",
            _indent(example.failing),
            "Keeps it:",
            "",
            _indent(example.passing),
        ]
        return "\n".join(parts)
    if code in CODES:
        severity = "warning" if code in WARNINGS else "error"
        return f"{code} ({severity})\n\n{_sentence(CODES[code])}\n"
    return None


def explanation_markdown(code: str) -> str | None:
    """The same explanation in Markdown, as code-scanning dashboards show a rule's help."""
    from rmf.core.codes import CODES
    from rmf.validate.rules import CATALOGUE

    if code in CATALOGUE:
        rule, example = CATALOGUE[code], EXPLANATIONS[code]
        tunable = ", tunable in `rules:`" if rule.tunable else ""
        parts = [
            f"**{_sentence(rule.summary)}** Default severity: {rule.severity.value}{tunable}.",
            "",
            example.why,
            "",
            *(
                f"With `{name}` beside `framework.yaml`:\n\n```yaml\n{text}```\n"
                for name, text in example.files.items()
            ),
            f"Breaks the rule:\n\n```yaml\n{example.failing}```\n",
            f"Keeps it:\n\n```yaml\n{example.passing}```\n",
            f"`rmf explain {code}` prints this in a terminal.",
        ]
        return "\n".join(parts) + "\n"
    if code in CODES:
        return (
            f"**{_sentence(CODES[code])}** Findings of reading and of the schema are always "
            f"errors.\n\n`rmf explain {code}` prints this in a terminal.\n"
        )
    return None


def help_uri(code: str) -> str:
    """Where a code's documentation is read on the web, for this version of rmf: the
    rules' section of the format reference, or that of the other findings. Reports
    (SARIF's `helpUri`) and editors (a diagnostic's link) name the same page."""
    from rmf import HOME, __version__
    from rmf.validate.rules import CATALOGUE

    section = "rules" if code in CATALOGUE else "other-findings"
    return f"{HOME}/blob/v{__version__}/docs/format.md#{section}"
