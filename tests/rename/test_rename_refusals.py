"""What `rmf rename` refuses, and how it says so: NEW taken or no valid id, OLD unknown
(with a suggestion) or owned by the base, a framework that does not read as YAML. A
refused rename writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rename_helpers import examples, run, texts

Make = Callable[..., Path]


def refused(path: Path, *args: str) -> tuple[int, str]:
    """Run a rename that must change nothing beside `path` (a framework file, or a
    framework folder beside its base); exit code, stderr."""
    before = texts(path.parent)
    code, out, err = run("rename", *args, str(path))
    assert out == ""
    assert texts(path.parent) == before
    return code, err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("brm", "sales-head", "`sales-head` is already taken by the role at "),
        ("brm", "sales", "`sales` is already taken by the unit at "),
        (
            "brn",
            "x",
            "no entity or incumbent of the framework has the id `brn`; did you mean `brm`?",
        ),
        ("relationship-sales", "x", "did you mean `sales-relationship`?"),
        ("intake.captur", "x", "process `intake` has no step `captur`; did you mean `capture`?"),
        ("intak.capture", "x", "the framework has no process `intak`; did you mean `intake`?"),
        ("minimal", "x", "`minimal` is the framework's own id (`framework.id`), not an entity"),
    ],
)
def test_a_framework_reason_is_exit_1(
    framework_file: Make, old: str, new: str, message: str
) -> None:
    code, err = refused(framework_file(), old, new)
    assert code == 1
    assert message in err


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Sales_Unit", "`Sales_Unit` is not a valid id: ids are lowercase kebab-case"),
        ("a" * 65, "at most 64 characters"),
        ("sales-", "is not a valid id"),
        ("sales", "OLD and NEW are the same id, `sales`"),
    ],
)
def test_a_new_id_that_is_no_id_is_a_usage_error(
    framework_file: Make, new: str, message: str
) -> None:
    code, err = refused(framework_file(), "sales", new)
    assert code == 2
    assert message in err


def test_a_step_stays_in_its_process(framework_file: Make) -> None:
    path = framework_file(
        (
            "        informed: [sales-head]\n",
            "        informed: [sales-head]\n"
            "      - id: review\n        name: Review\n        responsible: [brm]\n"
            "        accountable: brm\n",
        )
    )
    code, err = refused(path, "intake.capture", "review")
    assert code == 1
    assert "`review` is already taken by another step of process `intake`" in err
    code, err = refused(path, "intake.capture", "other.record")
    assert code == 2
    assert "a step stays in its process" in err
    code, _, _ = run("rename", "intake.capture", "intake.record", str(path))
    assert code == 0
    assert "      - id: record\n" in path.read_text(encoding="utf-8")


def test_a_step_id_that_several_processes_have_must_be_named_with_its_process(
    framework_file: Make,
) -> None:
    second = (
        "  - id: review\n    name: Review\n    purpose: Review.\n    owner: brm\n    steps:\n"
        "      - id: capture\n        name: Capture\n        responsible: [brm]\n"
        "        accountable: brm\n"
    )
    path = framework_file(("communications:\n", second + "communications:\n"))
    code, err = refused(path, "capture", "record")
    assert code == 1
    assert "name the one meant: `intake.capture`, `review.capture`" in err


def test_new_may_not_take_an_incumbent_id(framework_file: Make) -> None:
    path = framework_file(
        (
            "      - text: Run the relationship.\n",
            "      - text: Run the relationship.\n    incumbents:\n      - {id: ann}\n",
        )
    )
    code, err = refused(path, "sales", "ann")
    assert code == 1
    assert "`ann` is already taken by the incumbent at " in err


def test_an_id_the_base_declares_is_refused(tmp_path: Path) -> None:
    edmonton = examples(tmp_path) / "edmonton"
    # the base's own, kept as it is
    code, err = refused(edmonton, "survey-response-rate", "response-rate")
    assert code == 1
    assert (
        "indicator `survey-response-rate` is declared by the base framework this one "
        "extends (" in err
    )
    assert "the base owns the id" in err
    # replaced by an entity of the client with the same id
    code, err = refused(edmonton, "director-business-engagement", "director-engagement")
    assert code == 1
    assert "in place of the base framework's entity of that id" in err
    # and NEW may not be an id of the base either
    code, err = refused(edmonton, "business-engagement-forum", "it-steering-committee")
    assert code == 1
    assert "already taken by the governance body at " in err


def test_an_id_the_base_names_is_refused(tmp_path: Path) -> None:
    root = examples(tmp_path)
    base = root / "base" / "framework.yaml"
    # a base that names a role of the client: renaming it would leave the base dangling
    base.write_text(
        base.read_text(encoding="utf-8").replace(
            "    data_source: Business satisfaction survey\n"
            "    owner: engagement-performance-analyst",
            "    data_source: Business satisfaction survey\n"
            "    owner: senior-business-relationship-manager",
            1,
        ),
        encoding="utf-8",
    )
    code, err = refused(root / "edmonton", "senior-business-relationship-manager", "senior-brm")
    assert code == 1
    assert "is named at " in err and "a file of the base framework" in err


def test_a_framework_with_a_yaml_error_is_refused_with_its_findings(framework_file: Make) -> None:
    path = framework_file(("    kind: business\n", "    kind: [business\n"))
    code, err = refused(path, "brm", "rel-manager")
    assert code == 1
    assert "yaml-syntax" in err
    assert "rename reads every file it renames in: fix these first" in err


def test_schema_errors_elsewhere_do_not_stop_a_rename(framework_file: Make) -> None:
    path = framework_file(("kind: business", "kind: busines"), ("target: 80", "target: high"))
    code, out, err = run("rename", "brm", "rel-manager", str(path))
    assert code == 0, err
    assert "renamed role `brm` to `rel-manager`: 9 reference(s) in 1 file(s)" in out


def test_an_entity_with_a_schema_error_is_renamed_with_its_references(framework_file: Make) -> None:
    path = framework_file(("    kind: business\n", "    kind: business\n    colour: blue\n"))
    code, _, err = run("rename", "sales", "sales-unit", str(path))
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert "  - id: sales-unit\n    name: Sales\n    kind: business\n    colour: blue\n" in text
    assert "unit: sales\n" not in text
