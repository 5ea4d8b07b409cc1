"""The words of rmf.diff.prose: how each section, field and kind of change reads in a sentence.

Templates take `{e}` (the entity, or the step of a process), `{o}` (the old value) and `{n}`
(the new one), each already written as a person names it."""

from __future__ import annotations

# what an entity of a section is called in a sentence; the root sections as a whole
SECTION_NOUNS = {
    "principles": "principle",
    "units": "unit",
    "roles": "position",
    "relationships": "relationship",
    "governance": "governance body",
    "policies": "policy",
    "processes": "process",
    "communications": "communication",
    "indicators": "indicator",
    "framework": "the framework",
    "engagement_model": "the engagement model",
    "communication_plan": "the communication plan",
    "documents": "the document settings",
    "waivers": "the waivers",
}

# the last word of a unit's name that makes it "the …": "the Finance Branch", but "Nursing"
ORG_NOUNS = {
    "agency",
    "board",
    "branch",
    "bureau",
    "centre",
    "center",
    "college",
    "committee",
    "department",
    "directorate",
    "division",
    "faculty",
    "group",
    "institute",
    "management",
    "ministry",
    "office",
    "school",
    "secretariat",
    "section",
    "service",
    "services",
    "team",
    "unit",
}

# references: (changed, added, removed)
REFS: dict[str, tuple[str, str, str]] = {
    "manager": (
        "{n} now manages {e} (was {o})",
        "{n} now manages {e}",
        "{o} no longer manages {e}",
    ),
    "backup": (
        "{n} is now the backup for {e} (was {o})",
        "{n} is now the backup for {e}",
        "{e} no longer has a backup (was {o})",
    ),
    "counterpart": (
        "{n} is now the business counterpart in {e} (was {o})",
        "{n} is now the business counterpart in {e}",
        "{e} no longer names a business counterpart (was {o})",
    ),
    "owner": ("{n} now owns {e} (was {o})", "{n} now owns {e}", "{o} no longer owns {e}"),
    "chair": ("{n} now chairs {e} (was {o})", "{n} now chairs {e}", "{o} no longer chairs {e}"),
    "vice_chair": (
        "{n} is now the vice-chair of {e} (was {o})",
        "{n} is now the vice-chair of {e}",
        "{e} no longer has a vice-chair (was {o})",
    ),
    "secretary": (
        "{n} is now the secretary of {e} (was {o})",
        "{n} is now the secretary of {e}",
        "{e} no longer has a secretary (was {o})",
    ),
    "reports_to": (
        "{e} now reports to {n} (was {o})",
        "{e} now reports to {n}",
        "{e} no longer reports to {o}",
    ),
    "escalates_to": (
        "{e} now escalates to {n} (was {o})",
        "{e} now escalates unresolved matters to {n}",
        "{e} no longer escalates to {o}",
    ),
    "head": ("{n} now heads {e} (was {o})", "{n} now heads {e}", "{o} no longer heads {e}"),
    "parent": (
        "{e} is now part of {n} (was {o})",
        "{e} is now part of {n}",
        "{e} is no longer part of {o}",
    ),
    "unit": (
        "{e} now belongs to {n} (was {o})",
        "{e} now belongs to {n}",
        "{e} no longer belongs to {o}",
    ),
    "approved_by": (
        "{e} is now approved by {n} (was {o})",
        "{e} is now approved by {n}",
        "{e} no longer names who approved it (was {o})",
    ),
    "messenger": (
        "{n} now delivers {e} (was {o})",
        "{n} now delivers {e}",
        "{o} no longer delivers {e}",
    ),
    "approver": (
        "{n} now approves {e} (was {o})",
        "{n} now approves {e}",
        "{o} no longer approves {e}",
    ),
    "accountable": (
        "{n} is now accountable for {e} (was {o})",
        "{n} is now accountable for {e}",
        "{o} is no longer accountable for {e}",
    ),
    "responsible": (
        "{n} is now responsible for {e} instead of {o}",
        "{n} is now also responsible for {e}",
        "{o} is no longer responsible for {e}",
    ),
    "consulted": (
        "{n} is now consulted on {e} instead of {o}",
        "{n} is now consulted on {e}",
        "{o} is no longer consulted on {e}",
    ),
    "informed": (
        "{n} is now informed of {e} instead of {o}",
        "{n} is now informed of {e}",
        "{o} is no longer informed of {e}",
    ),
    "assignee": (
        "{n} is now assigned to {e} (was {o})",
        "{n} is now assigned to {e}",
        "{o} is no longer assigned to {e}",
    ),
    "backup_assignee": (
        "{n} is now the backup assigned to {e} (was {o})",
        "{n} is now the backup assigned to {e}",
        "{o} is no longer the backup assigned to {e}",
    ),
    "to": (
        "{e} now reports to {n} (was {o})",
        "{e} now reports to {n}",
        "{e} no longer reports to {o}",
    ),
    "audience": (
        "{e} now reaches {n} instead of {o}",
        "{e} now also reaches {n}",
        "{e} no longer reaches {o}",
    ),
    "for": (
        "{e} is now meant for {n} instead of {o}",
        "{e} is now also meant for {n}",
        "{e} is no longer meant for {o}",
    ),
    "reported_to": (
        "{e} is now reported to {n} instead of {o}",
        "{e} is now also reported to {n}",
        "{e} is no longer reported to {o}",
    ),
    "applies_to": (
        "{e} now applies to {n} instead of {o}",
        "{e} now also applies to {n}",
        "{e} no longer applies to {o}",
    ),
    "principles": (
        "{e} now serves {n} instead of {o}",
        "{e} now also serves {n}",
        "{e} no longer serves {o}",
    ),
    "indicators": (
        "{e} now feeds {n} instead of {o}",
        "{e} now also feeds {n}",
        "{e} no longer feeds {o}",
    ),
    "members": ("{n} sits on {e} instead of {o}", "{n} joins {e}", "{o} leaves {e}"),
    "with": (
        "{e} now deals with {n} instead of {o}",
        "{e} now also deals with {n}",
        "{e} no longer deals with {o}",
    ),
    "steps": (
        "{e} has the step {n} instead of {o}",
        "{e} gains the step {n}",
        "{e} loses the step {o}",
    ),
    "contacts": (
        "{e} now works with {n} instead of {o}",
        "{e} now also works with {n}",
        "{e} no longer works with {o}",
    ),
    "incumbents": (
        "{n} takes the place of {o} as {e}",
        "{e} has a new seat, held by {n}",
        "{e} loses a seat: {o}",
    ),
}

# lists of items known by what they name: their values are shown as REFS are
ITEM_REFS = {"members", "steps", "contacts", "incumbents"}
# an item of a list, in a sentence about one of its fields: {x} the item, {e} the entity
ITEMS = {
    "steps": "the step {x} of {e}",
    "responsibilities": "the responsibility {x} of {e}",
    "decision_rights": "the decision right {x} of {e}",
    "actions": "the action {x} of {e}",
    "members": "the seat of {x} on {e}",
    "contacts": "the contact of {e} with {x}",
    "competencies": "the competency {x} of {e}",
    "incumbents": "the seat of {x}",
    "dimensions": "the figure {x} of {e}",
    "engagement_model": "the tier {x} of {e}",
}

# lists of texts, or of items known by their text: (gained, lost, reworded)
LISTS: dict[str, tuple[str, str, str]] = {
    "responsibilities": (
        "{e} takes on a new responsibility: {n}",
        "{e} no longer has the responsibility {o}",
        "A responsibility of {e} is reworded",
    ),
    "decision_rights": (
        "{e} gains a decision right: {n}",
        "{e} loses the decision right {o}",
        "A decision right of {e} is reworded",
    ),
    "actions": (
        "{e} plans a new action: {n}",
        "{e} drops the action {o}",
        "An action of {e} is reworded",
    ),
    "decisions": (
        "{e} may now decide: {n}",
        "{e} may no longer decide: {o}",
        "A decision {e} may take is reworded",
    ),
    "goals": ("{e} has a new goal: {n}", "{e} drops the goal {o}", "A goal of {e} is reworded"),
    "services": (
        "{e} now relies on the service {n}",
        "{e} no longer relies on the service {o}",
        "A service {e} relies on is reworded",
    ),
    "implications": (
        "{e} has a new implication: {n}",
        "{e} drops the implication {o}",
        "An implication of {e} is reworded",
    ),
    "messages": (
        "{e} carries a new key message: {n}",
        "{e} drops the key message {o}",
        "A key message of {e} is reworded",
    ),
    "inputs": (
        "{e} takes a new input: {n}",
        "{e} no longer takes {o}",
        "An input of {e} is reworded",
    ),
    "outputs": (
        "{e} gives a new output: {n}",
        "{e} no longer gives {o}",
        "An output of {e} is reworded",
    ),
    "language": (
        "{e} now requires {n}",
        "{e} no longer requires {o}",
        "A language {e} requires is reworded",
    ),
    "engagement_model": (
        "{e} describes a new tier: {n}",
        "{e} no longer describes the tier {o}",
        "A tier of {e} is reworded",
    ),
}

# yes/no fields, as "X is now …" and "X is no longer …"
FLAGS = {
    "by_unit": "measured unit by unit",
    "ex_officio": "held ex officio",
    "external": "outside the organisation",
}

# what a field is called in "the … of X"
LABELS = {
    "purpose": "purpose",
    "statement": "statement",
    "definition": "definition",
    "objective": "objective",
    "rationale": "rationale",
    "description": "description",
    "review_by": "review date",
    "next_review": "next review",
    "last_reviewed": "last review",
    "data_source": "data source",
    "meets": "meeting frequency",
    "review": "review frequency",
    "positions": "number of positions",
    "fte": "FTE",
    "red": "red threshold",
    "amber": "amber threshold",
    "in": "scope",
    "out": "exclusions from scope",
    "quorum_rule": "quorum rule",
    "voting_rule": "voting rule",
    "tie_break": "tie-break rule",
    "job_family": "job family",
    "supervision_received": "supervision received",
    "position_number": "position number",
    "business_view": "maturity seen by the business",
    "current": "current maturity",
}
# free text: a change is a rewording, shown word by word
TEXT_FIELDS = {
    "purpose",
    "statement",
    "definition",
    "objective",
    "rationale",
    "description",
    "formula",
    "trigger",
    "feedback",
    "authority",
    "scope",
    "text",
    "what",
}
# what a graded value change does, for "the target of X is relaxed from 80 to 75"
VALUE_NOTES = {
    "relaxed": "is relaxed",
    "tightened": "is tightened",
    "lowered": "is lowered",
    "raised": "is raised",
    "weakened": "is weakened",
    "strengthened": "is strengthened",
    "review postponed": "is postponed",
    "postponed": "is postponed",
    "moved": "moves",
    "meaning changed": "changes meaning",
    "another person in the seat": "changes hands",
}
