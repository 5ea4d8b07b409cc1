"""The engine changes only the id's text, however the YAML writes it: quoted, in flow
lists, behind an anchor or a tag, with CRLF line ends or a BOM; and it says where it
cannot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rename_helpers import only_renamed

from conftest import MINIMAL
from rmf.rename.edits import Edit, Unplaceable, apply_edits, locate
from rmf.rename.plan import apply, diff, plan
from rmf.rename.target import Refused

Make = Callable[..., Path]


def renamed(path: Path, old: str = "brm", new: str = "rel-manager") -> str:
    apply(plan(path, old, new))
    return path.read_text(encoding="utf-8")


def test_every_occurrence_is_an_edit_at_the_id_itself(framework_file: Make) -> None:
    path = framework_file()
    renaming = plan(path, "brm", "rel-manager")
    lines = MINIMAL.splitlines()
    assert renaming.declarations == 1
    assert renaming.references == MINIMAL.count("brm") - 1 == 9
    for edit in renaming.edits:
        line = lines[edit.line - 1]
        assert line[edit.column - 1 :].startswith("brm"), (edit, line)
        assert (edit.old, edit.new) == ("brm", "rel-manager")
    assert [c.display for c in renaming.changes] == [path.as_posix()]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("manager: 'brm'", "manager: 'rel-manager'"),
        ('manager: "brm"', 'manager: "rel-manager"'),
        ("manager: !!str brm", "manager: !!str rel-manager"),
        ("manager: brm   # the only one", "manager: rel-manager   # the only one"),
    ],
)
def test_quotes_tags_and_comments_are_kept(
    framework_file: Make, written: str, expected: str
) -> None:
    path = framework_file(("manager: brm", written))
    text = renamed(path)
    assert expected in text
    assert "brm" not in text.replace("sales-relationship", "")


def test_flow_lists_keep_their_layout(framework_file: Make) -> None:
    path = framework_file(("responsible: [brm]", "responsible: [ sales-head,brm , 'brm' ]"))
    text = renamed(path)
    assert "responsible: [ sales-head,rel-manager , 'rel-manager' ]" in text


def test_an_anchor_and_its_aliases_are_one_edit(framework_file: Make) -> None:
    path = framework_file(
        ("responsible: [brm]", "responsible: [&who brm]"), ("accountable: brm", "accountable: *who")
    )
    text = renamed(path)
    assert "responsible: [&who rel-manager]" in text
    assert "accountable: *who" in text


def test_crlf_line_ends_and_a_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8"))
    renamed(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    assert only_renamed(MINIMAL, text.replace("\r\n", "\n"), "brm", "rel-manager")


def test_columns_count_characters_not_bytes(framework_file: Make) -> None:
    contact = '    contacts: [{purpose: "Plans ☃ 😀 together", with: brm}]'
    path = framework_file(("purpose: Leads Sales.", f"purpose: Leads Sales.\n{contact}"))
    text = renamed(path)
    assert contact.replace("with: brm", "with: rel-manager") in text


def test_free_text_is_not_a_reference(framework_file: Make) -> None:
    vendor = "      - with: brm\n        external: true\n        purpose: Vendor.\n"
    path = framework_file(
        ("purpose: Leads Sales.", f"purpose: Leads Sales.\n    contacts:\n{vendor}")
    )
    renaming = plan(path, "brm", "rel-manager")
    assert renaming.references == MINIMAL.count("brm") - 1 == 9
    assert len(renaming.mentions) == 1
    apply(renaming)
    assert vendor in path.read_text(encoding="utf-8")


def test_comments_naming_the_id_are_left_and_reported(framework_file: Make) -> None:
    path = framework_file(("manager: brm", "manager: brm  # brm covers Sales"))
    renaming = plan(path, "brm", "rel-manager")
    line = MINIMAL[: MINIMAL.index("manager: brm")].count("\n") + 1
    assert [(m.line, m.column) for m in renaming.mentions] == [(line, 21)]
    apply(renaming)
    assert "manager: rel-manager  # brm covers Sales" in path.read_text(encoding="utf-8")


def test_a_reference_to_new_that_named_nothing_is_reported(framework_file: Make) -> None:
    path = framework_file(("informed: [sales-head]", "informed: [rel-manager]"))
    renaming = plan(path, "brm", "rel-manager")
    line = MINIMAL[: MINIMAL.index("informed:")].count("\n") + 1
    assert [m.line for m in renaming.captured] == [line]


def test_a_waiver_for_the_id_follows_it(framework_file: Make) -> None:
    waiver = (
        "waivers:\n  - rule: over-allocated\n    target: brm\n    reason: Until the hire.\n"
        "    owner: brm\n"
    )
    path = framework_file(extra=waiver)
    text = renamed(path)
    assert "    target: rel-manager\n    reason: Until the hire.\n    owner: rel-manager\n" in text


def test_an_id_written_with_escapes_is_refused_where_it_stands(framework_file: Make) -> None:
    path = framework_file(("manager: brm", 'manager: "b\\x72m"'))
    before = path.read_bytes()
    line = MINIMAL[: MINIMAL.index("manager: brm")].count("\n") + 1
    with pytest.raises(Refused, match=rf"framework.yaml:{line}:14: .*escapes"):
        plan(path, "brm", "rel-manager")
    assert path.read_bytes() == before


def test_an_id_written_as_a_block_scalar_is_refused(framework_file: Make) -> None:
    path = framework_file(("manager: brm", "manager: |-\n      brm"))
    with pytest.raises(Refused, match="block scalar"):
        plan(path, "brm", "rel-manager")


def test_the_diff_shows_each_changed_line(framework_file: Make) -> None:
    path = framework_file()
    text = diff(plan(path, "sales", "sales-unit"))
    assert text.startswith(f"--- a/{path.as_posix()}\n+++ b/{path.as_posix()}\n@@ ")
    assert "-  - id: sales\n+  - id: sales-unit\n" in text
    assert "-    audience: [sales]\n+    audience: [sales-unit]\n" in text
    removed = [line for line in text.splitlines() if line.startswith("-") and line[1:2] != "-"]
    assert (
        len(removed) == 4
    )  # the declaration, the unit of a role and of a relationship, an audience


def test_a_file_without_a_final_line_break_says_so_in_the_diff(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text(MINIMAL.rstrip("\n"), encoding="utf-8")
    text = diff(plan(path, "steering", "board"))
    assert text.endswith("+    reported_to: [board]\n\\ No newline at end of file\n")


def test_locate_finds_the_id_inside_its_quotes_and_past_its_properties() -> None:
    assert locate("a: 'x'", 3, "x") == 4
    assert locate('a: &n !!str "x"', 3, "x") == 13
    assert locate('  "x" ,y', 0, "x", yaml=False) == 3
    with pytest.raises(Unplaceable):
        locate("a: xy", 3, "x")
    with pytest.raises(Unplaceable):
        locate("a: 'x", 3, "x")


def test_apply_edits_refuses_an_edit_whose_text_is_not_there() -> None:
    assert apply_edits("a: x\nb: x\n", [Edit("f", 2, 4, "x", "yz")]) == "a: x\nb: yz\n"
    with pytest.raises(Unplaceable, match="f:1:1"):
        apply_edits("a: x\n", [Edit("f", 1, 1, "x", "y")])


def test_edits_are_made_in_one_pass_whatever_their_order(tmp_path: Path) -> None:
    edits = [Edit("f", 3, 4, "x", "zz"), Edit("f", 1, 4, "x", "y"), Edit("f", 2, 4, "x", "")]
    assert apply_edits("a: x\nb: x\nc: x\n", edits) == "a: y\nb: \nc: zz\n"
    with pytest.raises(Unplaceable):  # two edits of one place
        apply_edits("a: xx\n", [Edit("f", 1, 4, "xx", "y"), Edit("f", 1, 5, "x", "z")])


def test_a_files_line_offsets_are_worked_out_once_for_all_its_edits(
    framework_file: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmf.rename import find

    made: list[int] = []
    lines = find.Lines

    def counted(text: str) -> find.Lines:
        made.append(1)
        return lines(text)

    monkeypatch.setattr(find, "Lines", counted)
    renaming = plan(framework_file(), "brm", "rel-manager")
    assert len(renaming.edits) == 10
    assert len(made) == 1  # one file: one set of offsets, not one per edit
