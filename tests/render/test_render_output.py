"""Output on disk: atomic, deterministic, with a manifest; stale files go, others stay."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from render_helpers import client_framework, read_tree, render_cli

from rmf.render.output import (
    MANIFEST,
    MANIFEST_VERSION,
    Entry,
    manifest_format,
    manifest_text,
    read_manifest,
)

rmf = render_cli


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    path = client_framework(tmp_path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_manifest_lists_every_file_with_its_digest(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert rmf(str(framework), "-o", str(out))[0] == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == "md"
    assert manifest["framework"] == {"id": "northwind-rmf", "version": "2.1.0"}
    files = read_tree(out)
    listed = {f["path"] for f in manifest["files"]}
    assert listed == set(files) - {MANIFEST}
    for f in manifest["files"]:
        assert hashlib.sha256(files[f["path"]]).hexdigest() == f["sha256"]


def test_a_second_run_writes_the_same_bytes(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out), "-f", "html")
    first = read_tree(out)
    code, _, err = rmf(str(framework), "-o", str(out), "-f", "html")
    assert code == 0 and "0 written" in err
    assert read_tree(out) == first


def test_a_failed_render_leaves_the_previous_output_as_it_was(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    before = read_tree(out)
    edit(framework, "title: Relationship Manager", "title: Account Manager")
    # the last position fails, after every other document has rendered
    (framework.parent / "templates").mkdir()
    (framework.parent / "templates" / "position.md.j2").write_text(
        '{% include "builtin/position.md.j2" %}'
        '{% if id == "care-director" %}{{ oops }}{% endif %}\n',
        encoding="utf-8",
    )
    code, _, err = rmf(str(framework), "-o", str(out))
    assert code == 1 and "oops" in err and "position.md.j2:1" in err
    assert read_tree(out) == before
    assert not list(out.rglob("*.tmp"))


def test_an_interrupted_write_replaces_nothing(
    framework: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    before = read_tree(out)
    edit(framework, "version: 2.1.0", "version: 2.2.0")
    from rmf.render import output

    real = output.put
    calls = []

    def failing(target: Path, data: bytes) -> None:
        calls.append(1)
        if len(calls) > 3:
            raise OSError("disk full")
        real(target, data)

    monkeypatch.setattr(output, "put", failing)
    code, _, err = rmf(str(framework), "-o", str(out))
    assert code == 2 and "cannot write to" in err and "disk full" in err
    assert read_tree(out) == before
    assert not list(out.rglob("*.tmp")) and not (out / output.STAGING).exists()


def test_files_no_longer_produced_are_removed_but_no_others(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    (out / "notes.md").write_text("the consultant's own notes\n", encoding="utf-8")
    (out / "positions" / "extra.md").write_text("not rmf's\n", encoding="utf-8")
    text = framework.read_text(encoding="utf-8")
    # drop the forum: its charter goes; drop it everywhere it is named
    start = text.index("  - id: relationship-forum")
    end = text.index("policies:")
    framework.write_text(text[:start] + text[end:], encoding="utf-8")
    code, _, err = rmf(str(framework), "-o", str(out))
    assert code == 0, err
    assert "1 removed" in err
    assert not (out / "charters" / "relationship-forum.md").exists()
    assert (out / "notes.md").exists() and (out / "positions" / "extra.md").exists()


def test_a_stale_file_edited_by_hand_is_kept_and_reported(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out), "--only", "charter")
    (out / "charters" / "relationship-forum.md").write_text("edited\n", encoding="utf-8")
    text = framework.read_text(encoding="utf-8")
    start, end = text.index("  - id: relationship-forum"), text.index("policies:")
    framework.write_text(text[:start] + text[end:], encoding="utf-8")
    code, _, err = rmf(str(framework), "-o", str(out), "--only", "charter")
    assert code == 0
    assert (out / "charters" / "relationship-forum.md").read_text(encoding="utf-8") == "edited\n"
    assert "kept" in err and "relationship-forum.md" in err


def test_a_manifest_cannot_make_rmf_delete_outside_its_folder(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    entries = [
        {"path": p, "kind": "position", "sha256": digest}
        for p in ("../victim.txt", str(victim), "positions/../../victim.txt")
    ]
    (out / MANIFEST).write_text(json.dumps({"files": entries}), encoding="utf-8")
    assert rmf(str(framework), "-o", str(out))[0] == 0
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_only_renders_one_kind_and_keeps_the_others(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    charters = (out / "charters" / "it-steering.md").read_bytes()
    edit(framework, "title: Engagement Analyst", "title: Engagement Lead")
    code, _, err = rmf(str(framework), "-o", str(out), "--only", "position")
    assert code == 0 and "rendered 7 document(s)" in err
    assert "Engagement Lead" in (out / "positions" / "analyst.md").read_text(encoding="utf-8")
    assert (out / "charters" / "it-steering.md").read_bytes() == charters  # not re-rendered
    listed = {f["path"] for f in json.loads((out / MANIFEST).read_text())["files"]}
    assert "charters/it-steering.md" in listed and "index.md" in listed


def test_check_reports_missing_changed_and_extra_files_and_writes_nothing(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, out_text, err = rmf(str(framework), "-o", str(out), "--check")
    assert code == 1 and "missing:" in out_text and not out.exists()
    rmf(str(framework), "-o", str(out))
    code, out_text, err = rmf(str(framework), "-o", str(out), "--check")
    assert (code, out_text) == (0, "") and "up to date" in err
    before = read_tree(out)
    edit(framework, "title: Engagement Analyst", "title: Engagement Lead")
    text = framework.read_text(encoding="utf-8")
    start, end = text.index("  - id: relationship-forum"), text.index("policies:")
    framework.write_text(text[:start] + text[end:], encoding="utf-8")
    (out / "index.md").unlink()
    code, out_text, err = rmf(str(framework), "-o", str(out), "--check")
    assert code == 1
    assert f"missing: {out / 'index.md'}" in out_text
    assert f"changed: {out / 'positions' / 'analyst.md'}" in out_text
    assert f"extra: {out / 'charters' / 'relationship-forum.md'}" in out_text
    assert read_tree(out) == {k: v for k, v in before.items() if k != "index.md"}


def test_rendering_another_format_into_a_folder_never_removes_its_documents(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert rmf(str(framework), "-o", str(out))[0] == 0
    before = read_tree(out)
    for extra in ([], ["--check"]):
        code, _, err = rmf(str(framework), "-o", str(out), "-f", "html", *extra)
        assert code == 2 and "rendered as md" in err and "another folder" in err
    assert read_tree(out) == before
    assert rmf(str(framework), "-o", str(tmp_path / "html"), "-f", "html")[0] == 0


@given(
    st.lists(
        st.tuples(st.text(min_size=1), st.text(), st.text(alphabet="0123456789abcdef")),
        unique_by=lambda entry: entry[0],
    ),
    st.text(),
    st.text(),
)
def test_the_manifest_is_written_as_json_indented_by_two(
    files: list[tuple[str, str, str]], framework_id: str, version: str
) -> None:
    entries = [Entry(path, kind, sha) for path, kind, sha in files]
    manifest = {
        "rmf_manifest": MANIFEST_VERSION,
        "format": "md",
        "framework": {"id": framework_id, "version": version},
        "files": [
            {"path": e.path, "kind": e.kind, "sha256": e.sha256}
            for e in sorted(entries, key=lambda e: e.path)
        ],
    }
    expected = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    assert manifest_text("md", (framework_id, version), entries) == expected.encode("utf-8")


def test_a_manifest_changed_between_reads_is_read_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first = manifest_text("md", ("x", "1.0.0"), [Entry("a.md", "position", "00")])
    (out / MANIFEST).write_bytes(first)
    assert [e.path for e in read_manifest(out)] == ["a.md"]
    second = manifest_text("html", ("x", "1.0.0"), [Entry("b.html", "charter", "11")])
    (out / MANIFEST).write_bytes(second)
    assert [e.path for e in read_manifest(out)] == ["b.html"]
    assert manifest_format(out) == "html"
    (out / MANIFEST).write_bytes(b"{not json")
    assert read_manifest(out) == [] and manifest_format(out) is None
