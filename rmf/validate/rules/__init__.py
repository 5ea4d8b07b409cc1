"""The rules beyond the schema, their settings in `rules:`, and waivers."""

from __future__ import annotations

from datetime import date

from rmf.core.findings import Finding, Severity, Waived
from rmf.core.suggest import Suggester
from rmf.model.framework import Waiver
from rmf.validate.rules import (
    assignee_role,
    chair_not_member,
    cycle,
    duplicate_id,
    field_constraints,
    manager_not_relationship_role,
    maturity_target,
    missing_satisfaction_measure,
    name_from_base,
    not_included,
    orphan_indicator,
    over_allocated,
    quorum_out_of_range,
    raci_roles,
    relationship_coverage,
    review_dates,
    stale_review,
    threshold_order,
    tier_cadence,
    time_shares,
    unnamed_manager,
    unreached_business_unit,
    unresolved_reference,
    unused_principle,
)
from rmf.validate.rules.base import Context, Rule
from rmf.validate.schema import Checked

RULES: tuple[Rule, ...] = tuple(
    m.RULE
    for m in (
        unresolved_reference,
        duplicate_id,
        cycle,
        relationship_coverage,
        manager_not_relationship_role,
        over_allocated,
        chair_not_member,
        quorum_out_of_range,
        raci_roles,
        time_shares,
        unreached_business_unit,
        orphan_indicator,
        unused_principle,
        missing_satisfaction_measure,
        threshold_order,
        review_dates,
        maturity_target,
        assignee_role,
        tier_cadence,
        stale_review,
        unnamed_manager,
        field_constraints,
        not_included,
        name_from_base,
    )
)


def _raised_by_waivers(ctx: Context) -> list[Finding]:
    return []  # these two are raised while waivers are applied, not by a check of their own


WAIVER_EXPIRED = Rule(
    "waiver-expired", Severity.WARNING, "a waiver is past its expiry", _raised_by_waivers
)
UNUSED_WAIVER = Rule(
    "unused-waiver", Severity.WARNING, "a waiver matches no finding", _raised_by_waivers
)
WAIVER_RULES = (WAIVER_EXPIRED, UNUSED_WAIVER)

# Every rule by code, including the two that waivers raise.
CATALOGUE: dict[str, Rule] = {r.code: r for r in (*RULES, *WAIVER_RULES)}
TUNABLE = [code for code, rule in CATALOGUE.items() if rule.tunable]
WAIVABLE = frozenset(TUNABLE) - {r.code for r in WAIVER_RULES}
RULE_NAMES = Suggester(TUNABLE)


def _severities(ctx_checked: Checked, findings: list[Finding]) -> dict[str, Severity | None]:
    """Each rule's severity after `rules:`; None when turned off."""
    fw = ctx_checked.framework
    assert fw is not None
    chosen: dict[str, Severity | None] = {code: r.severity for code, r in CATALOGUE.items()}
    pos = ctx_checked.source.pos.child("rules")
    for code, level in fw.rules.items():
        if code not in TUNABLE:
            key = pos.key_mark(code) if pos is not None else None
            known = code in CATALOGUE
            why = "cannot be tuned" if known else "is not a rule code"
            findings.append(
                Finding.at(
                    key or ctx_checked.source.pos.mark,
                    "invalid-value" if known else "unknown-field",
                    f"rules: `{code}` {why}{RULE_NAMES.hint(code)}",
                )
            )
            meant = None if known else RULE_NAMES.closest(code)
            if meant is None or meant in fw.rules:
                continue
            code = meant  # set for the rule it most likely names, whose findings follow it
        chosen[code] = None if level == "off" else Severity(level)
    return chosen


def run_rules(checked: Checked, today: date) -> tuple[list[Finding], list[Waived]]:
    """All rule findings, with `rules:` settings and waivers applied, and the findings
    that waivers accept, each with its waiver."""
    findings: list[Finding] = []
    chosen = _severities(checked, findings)
    # Rules build findings at full strength; settings decide what is kept below.
    ctx = Context(checked, {code: s or Severity.ERROR for code, s in chosen.items()}, today)
    raw: list[Finding] = []
    # codes whose waivers that match nothing are not reported: whether they would is not known
    undecided = set()
    for rule in RULES:
        if rule.whole and checked.unread:
            undecided.add(rule.code)  # its findings would follow from what could not be read
        elif chosen[rule.code] is not None:
            raw.extend(rule.check(ctx))
    # With an error, rules leave alone what follows from it, and a waiver may match
    # nothing only for now: it is reported unused, saying so.
    if any(f.severity is Severity.ERROR for f in (*checked.findings, *findings, *raw)):
        undecided.update(CATALOGUE)
    waived: list[Waived] = []
    findings.extend(_apply_waivers(ctx, raw, today, chosen, undecided, waived))
    return findings, waived


def _apply_waivers(
    ctx: Context,
    raw: list[Finding],
    today: date,
    chosen: dict[str, Severity | None],
    undecided: set[str] = frozenset(),  # type: ignore[assignment]
    waived: list[Waived] | None = None,
) -> list[Finding]:
    """The findings kept after waivers, and the notes waivers raise; each finding a
    waiver accepts goes to `waived` instead, at the severity chosen for its rule."""
    fw = ctx.fw
    kept: list[Finding] = []
    used: set[int] = set()
    notes: list[Finding] = []
    active: list[tuple[int, str, Waiver]] = []
    guessed: set[int] = set()
    for i, waiver in enumerate(fw.waivers):
        rule = waiver.rule
        if rule not in WAIVABLE:
            notes.append(
                Finding.at(
                    ctx.mark(waiver, "rule"),
                    "invalid-value",
                    f"waiver: `{waiver.rule}` is not a rule that can be waived"
                    f"{RULE_NAMES.hint(waiver.rule)}",
                    target=waiver.target,
                )
            )
            # it still waives the rule it most likely names, and says nothing more: a
            # misspelt code is one mistake, not also the findings it was meant to waive
            meant = RULE_NAMES.closest(rule)
            if meant is None or meant not in WAIVABLE:
                continue
            rule = meant
            guessed.add(i)
        active.append((i, rule, waiver))
    for finding in raw:
        match = next(
            (
                (i, w)
                for i, rule, w in active
                if rule == finding.code and w.target == finding.target
            ),
            None,
        )
        if match is None:
            kept.append(finding)
            continue
        i, waiver = match
        used.add(i)
        if waiver.expires is not None and today > waiver.expires:
            kept.append(finding)
        elif waived is not None:
            level = chosen.get(finding.code) or Severity.ERROR
            waived.append(
                Waived(
                    finding.with_severity(level),
                    waiver.reason,
                    ctx.mark(waiver),
                    waiver.owner,
                    waiver.expires,
                )
            )
    ids: Suggester | None = None
    for i, rule, waiver in active:
        if i in guessed:
            continue  # its misspelt code is its one finding
        if i not in used:
            known = {*ctx.declared, fw.framework.id}
            if waiver.target not in known:  # a target no entity has: most likely misspelt
                ids = ids or Suggester(known)
                meant = ids.closest(waiver.target)
                message = (
                    f"the waiver of `{waiver.rule}` is for `{waiver.target}`, which no entity "
                    "has, so it matches no finding: "
                    + (f"did you mean `{meant}`?" if meant else "correct its target or remove it")
                )
                notes.append(
                    ctx.finding(
                        UNUSED_WAIVER.code, ctx.mark(waiver, "target"), message, waiver.target
                    )
                )
                continue
            message = f"the waiver of `{waiver.rule}` for `{waiver.target}` matches no finding"
            if rule in undecided:  # what the errors hide may be what it waives
                message += "; the framework has errors: look at it again once they are fixed"
            else:
                message += "; remove it"
            notes.append(ctx.finding(UNUSED_WAIVER.code, ctx.mark(waiver), message, waiver.target))
        elif waiver.expires is not None and today > waiver.expires:
            notes.append(
                ctx.finding(
                    WAIVER_EXPIRED.code,
                    ctx.mark(waiver, "expires"),
                    f"the waiver of `{waiver.rule}` for `{waiver.target}` expired on "
                    f"{waiver.expires}; the finding is back — fix it or renew the waiver",
                    waiver.target,
                )
            )
    out = []
    for finding in [*kept, *notes]:
        severity = chosen.get(finding.code, Severity.ERROR)
        if finding.code in CATALOGUE and severity is None:
            continue
        out.append(finding.with_severity(severity or Severity.ERROR))
    return out
