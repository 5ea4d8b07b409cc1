"""Rule settings (`rules:`) and waivers: severities, silencing, expiry and unused waivers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from rmf.core.findings import Severity
from rmf.validate.rules import CATALOGUE, TUNABLE
from rmf.validate.run import validate

Make = Callable[..., Path]
SPEC_CODES = {
    "unresolved-reference": Severity.ERROR,
    "duplicate-id": Severity.ERROR,
    "cycle": Severity.ERROR,
    "relationship-coverage": Severity.ERROR,
    "manager-not-relationship-role": Severity.WARNING,
    "over-allocated": Severity.ERROR,
    "chair-not-member": Severity.ERROR,
    "quorum-out-of-range": Severity.ERROR,
    "raci-roles": Severity.ERROR,
    "time-shares": Severity.ERROR,
    "unreached-business-unit": Severity.WARNING,
    "orphan-indicator": Severity.WARNING,
    "unused-principle": Severity.WARNING,
    "missing-satisfaction-measure": Severity.WARNING,
    "threshold-order": Severity.ERROR,
    "review-dates": Severity.ERROR,
    "maturity-target": Severity.WARNING,
    "waiver-expired": Severity.WARNING,
    "unused-waiver": Severity.WARNING,
}
# A principle nothing refers to: one `unused-principle` warning at line 12.
UNUSED = ("principles: [partner]", "principles: []")
WAIVER = """\
waivers:
  - rule: unused-principle
    target: partner
    reason: Adopted next quarter.
    owner: brm
    expires: {expires}
"""


def found(path: Path, today: date = date(2026, 11, 26)) -> list[tuple[int, str, Severity]]:
    return [(f.line, f.code, f.severity) for f in validate(path, today).findings]


def test_every_spec_rule_exists_with_its_default_severity() -> None:
    for code, severity in SPEC_CODES.items():
        assert CATALOGUE[code].severity is severity, code
        assert code in TUNABLE


def test_a_warning_can_be_raised_to_an_error(framework_file: Make) -> None:
    path = framework_file(UNUSED, extra="rules:\n  unused-principle: error\n")
    assert found(path) == [(9, "unused-principle", Severity.ERROR)]


def test_a_rule_can_be_turned_off(framework_file: Make) -> None:
    path = framework_file(UNUSED, extra="rules: {unused-principle: off}\n")
    assert found(path) == []


def test_an_unknown_rule_code_in_settings_is_an_error(framework_file: Make) -> None:
    result = validate(framework_file(extra="rules:\n  unused-principal: off\n"))
    [finding] = result.findings
    assert (finding.line, finding.code) == (97, "unknown-field")
    assert "did you mean `unused-principle`" in finding.message


def test_a_misspelt_rule_code_still_sets_the_rule_it_means(framework_file: Make) -> None:
    # one mistake, one finding: the principle the rule was turned off for stays quiet
    path = framework_file(UNUSED, extra="rules:\n  unused-principal: off\n")
    assert found(path) == [(97, "unknown-field", Severity.ERROR)]
    path = framework_file(UNUSED, extra="rules:\n  unused-principal: error\n")
    assert found(path) == [
        (9, "unused-principle", Severity.ERROR),
        (97, "unknown-field", Severity.ERROR),
    ]


def test_a_rule_code_close_to_none_sets_nothing(framework_file: Make) -> None:
    path = framework_file(UNUSED, extra="rules:\n  quiet-please: off\n")
    assert [(line, code) for line, code, _s in found(path)] == [
        (9, "unused-principle"),
        (97, "unknown-field"),
    ]


def test_a_waiver_silences_its_finding_until_it_expires(framework_file: Make) -> None:
    path = framework_file(UNUSED, extra=WAIVER.format(expires="2027-01-31"))
    assert found(path) == []
    assert found(path, today=date(2027, 1, 31)) == []  # the last day still holds


def test_an_expired_waiver_brings_the_finding_back_and_says_so(framework_file: Make) -> None:
    path = framework_file(UNUSED, extra=WAIVER.format(expires="2026-06-30"))
    assert found(path) == [
        (9, "unused-principle", Severity.WARNING),
        (101, "waiver-expired", Severity.WARNING),
    ]


def test_a_waiver_that_matches_nothing_is_reported(framework_file: Make) -> None:
    path = framework_file(extra=WAIVER.format(expires="2027-01-31"))
    assert found(path) == [(97, "unused-waiver", Severity.WARNING)]


def test_a_waiver_whose_target_no_entity_has_is_unused_not_an_error(framework_file: Make) -> None:
    # the spec's own example, after the unit was removed: a target is no reference
    waiver = WAIVER.replace("target: partner", "target: legal-services")
    path = framework_file(extra=waiver.format(expires="2027-01-31"))
    result = validate(path, date(2026, 11, 26))
    assert [(f.line, f.column, f.code, f.severity) for f in result.findings] == [
        (98, 13, "unused-waiver", Severity.WARNING)
    ]
    assert result.findings[0].message == (
        "the waiver of `unused-principle` is for `legal-services`, which no entity has, so it "
        "matches no finding: correct its target or remove it"
    )
    misspelt = WAIVER.replace("target: partner", "target: partnr")
    path = framework_file(extra=misspelt.format(expires="2027-01-31"))
    messages = [f.message for f in validate(path, date(2026, 11, 26)).findings]
    assert messages[-1].endswith("so it matches no finding: did you mean `partner`?")


def test_a_waiver_that_matches_nothing_is_reported_beside_errors_saying_so(
    framework_file: Make,
) -> None:
    path = framework_file(
        ("manager: brm", "manager: nobody"), extra=WAIVER.format(expires="2027-01-31")
    )
    result = validate(path, date(2026, 11, 26))
    codes = [(f.code, f.severity) for f in result.findings]
    assert ("unresolved-reference", Severity.ERROR) in codes
    assert ("unused-waiver", Severity.WARNING) in codes
    unused = next(f for f in result.findings if f.code == "unused-waiver")
    assert unused.message.endswith("look at it again once they are fixed")


def test_a_waiver_for_an_unknown_rule_is_an_error(framework_file: Make) -> None:
    path = framework_file(
        UNUSED,
        extra=WAIVER.format(expires="2027-01-31").replace(
            "rule: unused-principle", "rule: keep-it-quiet"
        ),
    )
    codes = [(line, code) for line, code, _s in found(path)]
    assert codes == [(9, "unused-principle"), (97, "invalid-value")]


def test_a_waiver_for_a_misspelt_rule_still_waives_the_rule_it_means(
    framework_file: Make,
) -> None:
    # one mistake, one finding: not also the finding it waives, nor an unused waiver
    waiver = WAIVER.replace("rule: unused-principle", "rule: unused-principl")
    path = framework_file(UNUSED, extra=waiver.format(expires="2027-01-31"))
    assert [(line, code) for line, code, _s in found(path)] == [(97, "invalid-value")]
    path = framework_file(extra=waiver.format(expires="2027-01-31"))
    assert [(line, code) for line, code, _s in found(path)] == [(97, "invalid-value")]


def test_a_waiver_owner_must_be_a_role(framework_file: Make) -> None:
    path = framework_file(
        UNUSED, extra=WAIVER.format(expires="2027-01-31").replace("owner: brm", "owner: it")
    )
    [(line, code, _s)] = found(path)
    assert (line, code) == (100, "unresolved-reference")


def test_a_role_listed_twice_under_one_letter_holds_one_letter(framework_file: Make) -> None:
    path = framework_file(("informed: [sales-head]", "informed: [sales-head, sales-head]"))
    assert found(path) == []
