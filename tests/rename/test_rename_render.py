"""After a rename, the next `rmf render` writes the documents named by the new id and
retires the old ones through its manifest; an old document edited since it was rendered
is kept, and both commands say so."""

from __future__ import annotations

from pathlib import Path

import pytest
from rename_helpers import examples, run

OLD, NEW = "engagement-communications-advisor", "communications-advisor"


def test_the_next_render_replaces_the_documents_of_a_renamed_id(tmp_path: Path) -> None:
    edmonton = examples(tmp_path) / "edmonton"
    out = tmp_path / "rendered"
    assert run("render", str(edmonton), "-o", str(out))[0] == 0
    renames = [
        (OLD, NEW, "positions"),
        ("business-engagement-forum", "engagement-forum", "charters"),
        ("transit-operations-relationship", "transit-relationship", "relationships"),
    ]
    for old, new, _ in renames:
        code, _, err = run("rename", old, new, str(edmonton))
        assert code == 0, err
    code, _, err = run("render", str(edmonton), "-o", str(out))
    assert code == 0, err
    assert "3 removed" in err
    for old, new, folder in renames:
        assert not (out / folder / f"{old}.md").exists()
        assert (out / folder / f"{new}.md").is_file()
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert OLD not in manifest.replace(f"{OLD}-", "")


def test_an_edited_old_document_is_kept_and_both_commands_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edmonton = examples(tmp_path) / "edmonton"
    monkeypatch.chdir(edmonton)
    assert run("render")[0] == 0  # into rendered/ beside the framework
    edited = edmonton / "rendered" / "positions" / f"{OLD}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOur own note.\n", encoding="utf-8")
    code, _, err = run("rename", OLD, NEW)
    assert code == 0
    assert (
        f"rmf: rendered/positions/{OLD}.md was edited since rmf rendered it: the next "
        f"`rmf render` writes rendered/positions/{NEW}.md and keeps it; move your edits "
        "across, then remove it\n"
    ) in err
    code, _, err = run("render")
    assert code == 0
    assert f"kept rendered/positions/{OLD}.md: no longer rendered, but edited since" in err
    assert edited.read_text(encoding="utf-8").endswith("\nOur own note.\n")
    assert (edmonton / "rendered" / "positions" / f"{NEW}.md").is_file()


def test_an_unedited_document_is_said_to_be_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edmonton = examples(tmp_path) / "edmonton"
    monkeypatch.chdir(edmonton)
    assert run("render", "--only", "relationship")[0] == 0
    old, new = "transit-operations-relationship", "transit-relationship"
    code, _, err = run("rename", old, new)
    assert code == 0
    assert (
        f"rmf: the next `rmf render` replaces rendered/relationships/{old}.md with "
        f"rendered/relationships/{new}.md\n"
    ) in err
    # an entity of a kind without documents says nothing of documents
    code, _, err = run("rename", "transit-operations", "transit")
    assert code == 0
    assert "rendered" not in err
