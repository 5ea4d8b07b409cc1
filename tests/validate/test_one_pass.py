"""One run reports every problem once: an entity with a schema error is still checked
by every rule that does not read its broken field, a file that cannot be read does not
hide the findings of the others, and no mistake brings a cascade of findings that only
follow from it."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINIMAL, ROOT
from rmf.core.findings import Finding
from rmf.validate.run import validate

DAY = date(2026, 6, 1)
Make = Callable[..., Path]
PARTS = ("roles", "governance", "processes")


def split_framework(folder: Path, parts: tuple[str, ...] = PARTS) -> None:
    """MINIMAL as a folder: each of `parts` (sections) in a file of its own."""
    data = yaml.safe_load(MINIMAL)
    files = {name: {name: data.pop(name)} for name in parts}
    data["include"] = [f"{name}.yaml" for name in files]
    folder.mkdir()
    (folder / "framework.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for name, part in files.items():
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(part, sort_keys=False))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The line of a file where `text` stands, which must be once."""
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


def located(findings: list[Finding]) -> list[tuple[str, int, str]]:
    return sorted((Path(f.file).name, f.line, f.code) for f in findings)


def test_one_mistake_in_each_file_gives_each_finding_once(tmp_path: Path) -> None:
    folder = tmp_path / "fw"
    split_framework(folder)
    assert validate(folder, DAY).findings == []
    # processes.yaml cannot be parsed at all
    (folder / "processes.yaml").write_text("processes:\n  - id: intake\n    name: [broken\n")
    # governance.yaml: a quorum above the seats
    edit(folder / "governance.yaml", "quorum: 2", "quorum: 5")
    # roles.yaml: shares of time that do not add up
    edit(
        folder / "roles.yaml",
        "  - text: Run the relationship.\n",
        "  - text: Run it.\n    time: 60\n  - text: Report.\n    time: 30\n",
    )
    found = sorted((Path(f.file).name, f.code) for f in validate(folder, DAY).findings)
    # and nothing about what processes.yaml would hold: `satisfaction`, which only its
    # process uses, is not called an orphan
    assert found == [
        ("governance.yaml", "quorum-out-of-range"),
        ("processes.yaml", "yaml-syntax"),
        ("roles.yaml", "time-shares"),
    ]


def test_without_the_unread_file_no_reference_into_it_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "fw"
    split_framework(folder)
    (folder / "roles.yaml").write_text("roles: [\n")
    codes = {f.code for f in validate(folder, DAY).findings}
    assert codes == {"yaml-syntax"}  # no unresolved `brm`, no unit without a manager


def test_a_reference_into_a_section_the_unread_file_does_not_hold_is_reported(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "fw"
    split_framework(folder)
    (folder / "processes.yaml").write_text("processes:\n  - id: intake\n    name: [broken\n")
    edit(folder / "governance.yaml", "chair: sales-head", "chair: sales-heed")
    assert [(name, code) for name, _line, code in located(validate(folder, DAY).findings)] == [
        ("governance.yaml", "unresolved-reference"),
        ("processes.yaml", "yaml-syntax"),
    ]


def test_a_misspelt_section_of_the_root_file_is_one_finding(framework_file: Make) -> None:
    # not also every reference to a body, the indicator reported to none, ...
    path = framework_file(("governance:\n", "govrnance:\n"))
    assert located(validate(path, DAY).findings) == [
        ("framework.yaml", line_of(path, "govrnance:"), "unknown-field")
    ]


# --- the examples of the issue, each alone --------------------------------------------


def test_a_body_with_a_word_for_its_quorum_is_still_checked_for_its_chair(
    framework_file: Make,
) -> None:
    path = framework_file(
        ("    quorum: 2", "    quorum: three"),
        ("    chair: sales-head", "    chair: sales-head\n    vice_chair: brm"),
        ("      - role: brm\n", ""),
    )
    assert located(validate(path, DAY).findings) == [
        ("framework.yaml", line_of(path, "vice_chair: brm"), "chair-not-member"),
        ("framework.yaml", line_of(path, "quorum: three"), "invalid-value"),
    ]  # and no quorum-out-of-range: the quorum is not known


def test_a_misspelt_key_in_a_process_hides_none_of_its_other_mistakes(
    framework_file: Make,
) -> None:
    path = framework_file(
        ("    owner: brm\n    steps:", "    owner: brmm\n    steps:"),
        (
            "        responsible: [brm]\n        accountable: brm\n        informed: [sales-head]",
            "        responsible: [brm, sales-heed]\n        acountable: brm\n"
            "        informed: [brm]",
        ),
    )
    assert located(validate(path, DAY).findings) == [
        ("framework.yaml", line_of(path, "owner: brmm"), "unresolved-reference"),
        ("framework.yaml", line_of(path, "sales-heed"), "unresolved-reference"),
        # one finding for `acountable`: `accountable` is not also reported missing
        ("framework.yaml", line_of(path, "acountable"), "unknown-field"),
        ("framework.yaml", line_of(path, "informed: [brm]"), "raci-roles"),
    ]


def test_a_broken_frequency_hides_no_typo_and_leaves_its_audience_reached(
    framework_file: Make,
) -> None:
    path = framework_file(
        ("    audience: [sales]", "    audience: [sale]"),
        ("    frequency: monthly\nindicators", "    frequency: every month\nindicators"),
    )
    # `sale` most likely means `sales`: the typo is the one finding, not also an unreached unit
    assert located(validate(path, DAY).findings) == [
        ("framework.yaml", line_of(path, "audience: [sale]"), "unresolved-reference"),
        ("framework.yaml", line_of(path, "every month"), "invalid-value"),
    ]


# --- one framework, one mistake of each kind in a file of its own -----------------------

# MINIMAL as a folder, with the mistakes of the issue in files of their own
ACCEPTANCE = {
    "roles.yaml": """\
roles:
  - id: brm
    title: Business Relationship Manager
    unit: it
    purpose: Manages the relationship with Sales.
    responsibilities:
      - text: Run the relationship.
        time: 60
      - text: Report to the steering committee.
  - id: sales-head
    title: Head of Sales
    unit: sales
    purpose: Leads Sales.
    responsibilities:
      - text: Lead Sales.
""",
    "governance.yaml": """\
governance:
  - id: steering
    name: IT Steering Committee
    type: steering-committee
    purpose: Sets IT priorities.
    chair: sales-head
    vice_chair: brm
    members:
      - role: sales-head
    quorum: three
    meets: monthly
""",
    "processes.yaml": """\
processes:
  - id: intake
    name: Demand intake
    purpose: Capture demand.
    owner: brmm
    steps:
      - id: capture
        name: Capture
        responsible: [brm, sales-heed]
        acountable: brm
        informed: [brm]
    indicators: [satisfaction]
""",
    "communications.yaml": """\
communications:
  - id: monthly-update
    name: Monthly update
    objective: Keep Sales informed.
    audience: [sale]
    owner: brm
    channel: email
    frequency: every month
""",
    "indicators.yaml": """\
indicators:
  - id: satisfaction
    name: Satisfaction: a survey
    category: satisfaction
""",
}


def test_every_mistake_of_a_framework_is_found_once_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "fw"
    split_framework(folder, tuple(name.removesuffix(".yaml") for name in ACCEPTANCE))
    for name, text in ACCEPTANCE.items():
        (folder / name).write_text(text, encoding="utf-8")

    def at(name: str, text: str, code: str) -> tuple[str, int, str]:
        return (name, line_of(folder / name, text), code)

    assert located(validate(folder, DAY).findings) == sorted(
        [
            # shares of time that do not add up, in a file of their own
            at("roles.yaml", "Report to the steering", "time-shares"),
            # `quorum: three` no longer hides that the vice-chair is not a member
            at("governance.yaml", "vice_chair: brm", "chair-not-member"),
            at("governance.yaml", "quorum: three", "invalid-value"),
            # `acountable:` hides none of the three other mistakes of its process
            at("processes.yaml", "owner: brmm", "unresolved-reference"),
            at("processes.yaml", "sales-heed", "unresolved-reference"),
            at("processes.yaml", "acountable", "unknown-field"),
            at("processes.yaml", "informed: [brm]", "raci-roles"),
            # `every month` hides no typo, and `sale` leaves no unit unreached
            at("communications.yaml", "audience: [sale]", "unresolved-reference"),
            at("communications.yaml", "every month", "invalid-value"),
            # a file that cannot be read: nothing named in it is unresolved (`satisfaction`),
            # and nothing it may hold is missing (a satisfaction indicator)
            at("indicators.yaml", "Satisfaction: a survey", "yaml-syntax"),
        ]
    )


# --- one mistake, one finding: every field of a clean framework broken in turn ----------

CLEAN = {
    "minimal": MINIMAL,
    "revision-1-1": (ROOT / "tests/examples/valid/revision-1-1.yaml").read_text(encoding="utf-8"),
}


def _mistakes(text: str) -> Iterator[tuple[str, Any]]:
    """The framework with one mistake each: every key of four letters or more misspelt
    (`purpose` as `pupose`), and every value written as a list where one value goes."""
    data = yaml.safe_load(text)

    def broken(path: tuple[Any, ...], change: Callable[[Any, Any], None]) -> Any:
        copied = copy.deepcopy(data)
        node = copied
        for step in path[:-1]:
            node = node[step]
        change(node, path[-1])
        return copied

    def misspell(node: Any, key: str) -> None:
        node[key[:2] + key[3:]] = node.pop(key)

    def listed(node: Any, key: Any) -> None:
        node[key] = ["oops"]

    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            here = (*path, key)
            if isinstance(key, str) and len(key) >= 4 and here != ("rmf",):
                yield f"{here} misspelt", broken(here, misspell)
            if isinstance(value, dict | list):
                stack.append((here, value))
            elif here != ("rmf",):
                yield f"{here} as a list", broken(here, listed)


@pytest.mark.parametrize(
    "name",
    ["minimal", pytest.param("revision-1-1", marks=pytest.mark.slow)],  # every field of 1.1
)
def test_each_mistake_alone_gives_one_finding(name: str, tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(CLEAN[name], encoding="utf-8")
    assert validate(path, DAY).findings == []
    wrong = {}
    for what, data in _mistakes(CLEAN[name]):
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        found = validate(path, DAY).findings
        if len(found) != 1:
            wrong[what] = [(f.line, f.code, f.message) for f in found]
    assert wrong == {}
