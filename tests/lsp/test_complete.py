"""The field at the cursor, read from text that is often not YAML yet, and what it takes."""

from __future__ import annotations

import pytest

from rmf.lsp.complete import Slot, choices, field_of, slot_at

PROCESS = """\
processes:
  - id: intake
    name: Demand intake
    steps:
      - id: capture
        name: Capture
        responsible: [brm, sa
        informed:
          - sal
        accountable: b
    owner: br
governance:
  - {id: steering, chair: sa
  - id: forum
    type: for
    duties:
      chair:
        - Lead
    chair: b
    # owner: b
"""


def slot(marker: str, nth: int = 0) -> Slot | None:
    """The slot at the end of the `nth` line that ends with `marker`."""
    lines = PROCESS.split("\n")
    rows = [i for i, line in enumerate(lines) if line.endswith(marker)]
    row = rows[nth]
    return slot_at(lines, row + 1, len(lines[row]) + 1)


@pytest.mark.parametrize(
    ("marker", "path", "typed"),
    [
        ("[brm, sa", ("processes", "steps", "responsible"), "sa"),
        ("- sal", ("processes", "steps", "informed"), "sal"),
        ("accountable: b", ("processes", "steps", "accountable"), "b"),
        ("owner: br", ("processes", "owner"), "br"),
        ("chair: sa", ("governance", "chair"), "sa"),
        ("type: for", ("governance", "type"), "for"),
        ("    chair: b", ("governance", "chair"), "b"),
    ],
)
def test_the_field_is_found_by_indentation_and_flow(
    marker: str, path: tuple[str, ...], typed: str
) -> None:
    found = slot(marker)
    assert found is not None
    assert (found.path, found.typed) == (path, typed)


def test_a_nested_field_of_the_same_name_is_told_apart() -> None:
    lines = PROCESS.split("\n")
    row = lines.index("        - Lead")
    found = slot_at(lines, row + 1, len(lines[row]) + 1)
    assert found is not None and found.path == ("governance", "duties", "chair")
    # a duty of the chair is free text, not the chairing role
    chair = field_of(("governance", "chair"))
    duties = field_of(("governance", "duties", "chair"))
    assert chair is not None and chair.ref is not None and chair.ref.sections == ("roles",)
    assert duties is not None and duties.ref is None


def test_no_slot_in_a_key_or_a_comment_and_nothing_to_offer_in_free_text() -> None:
    lines = PROCESS.split("\n")
    name = slot_at(lines, 3, len("    name: Demand") + 1)
    assert name is not None and name.path == ("processes", "name")
    named = field_of(name.path)
    assert named is not None and named.ref is None and choices(named) == []
    assert slot_at(lines, 4, len("    ste") + 1) is None  # a key being typed
    comment = lines.index("    # owner: b")
    assert slot_at(lines, comment + 1, len(lines[comment]) + 1) is None
    assert slot_at(lines, 99, 1) is None


def test_references_name_their_sections_and_enumerations_their_values() -> None:
    responsible = field_of(("processes", "steps", "responsible"))
    assert responsible is not None and responsible.ref is not None
    assert "roles" in responsible.ref.sections
    kind = field_of(("units", "kind"))
    assert kind is not None
    assert choices(kind) == ["executive", "it", "business", "relationship-office", "external"]
    level = field_of(("rules", "unresolved-reference"))
    assert level is not None and choices(level) == ["error", "warning", "off"]
    assert field_of(("units", "no-such-field")) is None
    assert field_of(("nothing",)) is None
