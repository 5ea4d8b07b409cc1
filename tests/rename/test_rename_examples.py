"""`rmf rename` on the shipped examples: the result validates as before, the files differ
from the originals only in the id, and every comment survives."""

from __future__ import annotations

from pathlib import Path

import pytest
from rename_helpers import comments, examples, findings, only_renamed, run, texts

from conftest import shipped_frameworks
from rmf.model.framework import Framework
from rmf.model.refs import iter_refs, raw_refs
from rmf.validate.run import validate

CASES = [
    # a unit named in five files of a folder framework
    ("edmonton", "transportation-services", "transport", 12, 5),
    # a role named across every file it could be
    ("edmonton", "senior-business-relationship-manager", "senior-brm", None, None),
    # an incumbent: declared in a flow mapping, named by relationships' `assignee`
    ("edmonton", "sbrm-transportation", "sbrm-transit", 2, 2),
    # a governance body of the client (charters, audiences, `reported_to`, waivers…)
    ("edmonton", "business-engagement-forum", "engagement-forum", None, None),
    # a role of a single-file framework, named in an anchor's data as well
    ("starter.yaml", "business-relationship-manager", "relationship-manager", None, 1),
]


@pytest.mark.parametrize(("where", "old", "new", "references", "files"), CASES)
def test_a_rename_changes_only_the_id_keeps_every_comment_and_validates_as_before(
    tmp_path: Path, where: str, old: str, new: str, references: int | None, files: int | None
) -> None:
    root = examples(tmp_path)
    target = root / where
    before_files, before_findings = texts(root), findings(target)
    code, out, err = run("rename", old, new, str(target))
    assert code == 0, err
    after_files = texts(root)
    changed = [p for p in before_files if before_files[p] != after_files[p]]
    assert changed, "nothing was renamed"
    assert not [p for p in changed if p.startswith("base/")], "the base was edited"
    for path in changed:
        assert only_renamed(before_files[path], after_files[path], old, new), path
        assert comments(before_files[path]) == comments(after_files[path]), path
    # nothing names OLD any more, and the framework's findings are those it had
    assert findings(target) == before_findings
    fw = validate(target).framework
    assert fw is not None
    assert old not in {value for _, value, _ in iter_refs(fw)}
    if references is not None:
        assert f": {references} reference(s)" in out
    if files is not None:
        assert f"in {files} file(s)" in out
        assert len(changed) == files


def test_a_step_is_renamed_within_its_process_and_nowhere_else(tmp_path: Path) -> None:
    root = examples(tmp_path)
    edmonton = root / "edmonton"
    before = texts(root)
    code, out, err = run("rename", "relationship-planning.draft-plan", "write-plan", str(edmonton))
    assert code == 0, err
    assert out == "renamed step `relationship-planning.draft-plan` to `write-plan`: " + (
        "0 reference(s) in 1 file(s)\n"
    )
    after = texts(root)
    changed = [p for p in before if before[p] != after[p]]
    assert changed == ["edmonton/processes.yaml"]
    assert only_renamed(before[changed[0]], after[changed[0]], "draft-plan", "write-plan")
    assert after[changed[0]].count("write-plan") == 1
    fw = validate(edmonton).framework
    assert fw is not None
    planning = next(p for p in fw.processes if p.id == "relationship-planning")
    assert [s.id for s in planning.steps][2] == "write-plan"


def test_a_step_id_alone_will_do_when_one_process_has_it(tmp_path: Path) -> None:
    edmonton = examples(tmp_path) / "edmonton"
    code, out, _ = run("rename", "escalate", "escalate-complaint", str(edmonton))
    assert code == 0
    assert "step `complaint-handling.escalate`" in out


def test_measurement_files_named_with_data_are_renamed_too(tmp_path: Path) -> None:
    edmonton = examples(tmp_path) / "edmonton"
    data = edmonton / "measurements.csv"
    before = data.read_text(encoding="utf-8")
    code, out, err = run(
        "rename", "transportation-services", "transport", str(edmonton), "--data", str(data)
    )
    assert code == 0, err
    after = data.read_text(encoding="utf-8")
    assert only_renamed(before, after, "transportation-services", "transport")
    assert before.count("transportation-services") == after.count("transport,") + after.count(
        "transport\n"
    )
    assert "transportation-services" not in after
    assert "in 6 file(s)" in out
    assert "--data" not in err


def test_without_data_the_measurement_files_are_left_and_said_to_be(tmp_path: Path) -> None:
    edmonton = examples(tmp_path) / "edmonton"
    data = (edmonton / "measurements.csv").read_bytes()
    code, _, err = run("rename", "transportation-services", "transport", str(edmonton))
    assert code == 0
    assert (edmonton / "measurements.csv").read_bytes() == data
    assert "name them with --data" in err


@pytest.mark.parametrize("path", shipped_frameworks(), ids=lambda p: p.name)
def test_raw_references_are_the_references_validation_checks(path: Path) -> None:
    """Rename finds references in the data as written; in a valid framework they are the
    references of the validated model, at the same places."""
    result = validate(path)
    assert result.checked is not None and result.framework is not None
    from_model = [(loc, value) for loc, value, _ in iter_refs(result.framework)]
    from_data = [(loc, value) for loc, value, _ in raw_refs(Framework, result.checked.source.data)]
    assert from_data == from_model
    assert len(from_data) > 20
