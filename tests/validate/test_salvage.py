"""Salvage: what an entity with schema errors keeps for the rules, and what it shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from rmf.model.governance import Body
from rmf.validate.run import validate
from rmf.validate.salvage import salvage, sound
from rmf.validate.schema import Checked

Make = Callable[..., Path]
DAY = date(2026, 6, 1)


def checked(path: Path) -> Checked:
    result = validate(path, DAY).checked
    assert result is not None and result.partial is not None and result.framework is not None
    return result


def test_a_broken_required_field_leaves_a_hole_and_the_entity_checked(framework_file: Make) -> None:
    path = framework_file(("frequency: monthly\nindicators", "frequency: every month\nindicators"))
    result = checked(path)
    assert result.partial is not None and result.framework is not None
    [comm] = result.partial.communications
    assert (comm.frequency, comm.audience, comm.owner) == (None, ["sales"], "brm")
    assert result.salvaged[id(comm)] == {("frequency",)}
    # the documents and `rmf show` read only values the model promises
    assert result.framework.communications == []


def test_a_broken_optional_field_goes_back_to_its_default(framework_file: Make) -> None:
    result = checked(framework_file(("quorum: 2", "quorum: three")))
    assert result.partial is not None and result.framework is not None
    [body] = result.partial.governance
    assert body.quorum is None and result.salvaged[id(body)] == {("quorum",)}
    [shown] = result.framework.governance
    assert shown.quorum is None and shown.chair == "sales-head"


def test_an_item_of_a_list_keeps_its_place_and_its_valid_fields(framework_file: Make) -> None:
    result = checked(framework_file(("        accountable: brm", "        acountable: brm")))
    assert result.partial is not None
    [process] = result.partial.processes
    [step] = process.steps
    assert (step.id, step.responsible, step.accountable) == ("capture", ["brm"], None)
    # the misspelt key leaves its hole in the field it means
    assert result.salvaged[id(process)] == {("steps", 0, "accountable")}


def test_a_misspelt_optional_field_is_a_hole_too(framework_file: Make) -> None:
    path = framework_file(("    indicators: [satisfaction]", "    indicatros: [satisfaction]"))
    result = checked(path)
    assert result.partial is not None
    [process] = result.partial.processes
    assert process.indicators is None and result.salvaged[id(process)] == {("indicators",)}
    # and what it names still counts: `satisfaction` is not also an orphan
    assert [f.code for f in validate(path, DAY).findings] == ["unknown-field"]


def test_an_invalid_id_is_kept_under_the_id_written(framework_file: Make) -> None:
    result = checked(framework_file(("id: partner", "id: Partner_1")))
    assert result.partial is not None and result.framework is not None
    assert [p.id for p in result.partial.principles] == ["Partner_1"]
    assert result.framework.principles == []


def test_an_entity_without_an_id_is_left_out(framework_file: Make) -> None:
    path = framework_file(("  - id: partner\n    title", "  - title"))
    result = checked(path)
    assert result.partial is not None
    assert result.partial.principles == []
    # reported once: the policy's `partner` may name it, so it is not also unresolved
    assert [f.code for f in validate(path, DAY).findings] == ["missing-field"]


def test_a_mapping_keeps_its_valid_entries(framework_file: Make) -> None:
    unused = ("principles: [partner]", "principles: []")
    path = framework_file(unused, extra="rules:\n  unused-principle: off\n  cycle: maybe\n")
    assert [f.code for f in validate(path, DAY).findings] == ["invalid-value"]


def test_salvage_and_sound_by_hand() -> None:
    raw = {
        "id": "board",
        "name": "Board",
        "type": "board",
        "purpose": "Governs.",
        "chair": "ceo",
        "members": [{"role": "ceo"}, {"role": "cfo", "voting": "maybe"}],
        "meets": "every month",
    }
    try:
        Body.model_validate(raw)
    except ValidationError as exc:
        errors = [(tuple(e["loc"]), e["type"]) for e in exc.errors()]
    kept = salvage(Body, raw, errors)
    assert kept is not None
    body, holes = kept
    assert holes == {("members", 1, "voting"), ("meets",)}
    assert [m.role for m in body.members] == ["ceo", "cfo"]
    assert body.members[1].voting is True  # the hole holds the field's default
    assert sound(body, holes) is None  # `meets` is required: nothing valid can be shown
    assert salvage(Body, ["not", "a", "mapping"], errors) is None
