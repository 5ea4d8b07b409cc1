"""rmf fmt on the shipped examples and on messy hand-written files: canonical, idempotent,
every comment kept, the same data and model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, shipped_frameworks
from rmf.core.errors import FrameworkError
from rmf.fmt.canonical import format_text
from rmf.fmt.comments import scan
from rmf.fmt.files import format_paths
from rmf.reading.loader import load_source
from rmf.reading.reader import read_text
from rmf.validate.schema import check


def comments(text: str) -> list[str]:
    return sorted(c.text for c in scan(text).comments)


def model(path: Path) -> object:
    return check(load_source(path)).framework


@pytest.mark.parametrize("example", shipped_frameworks(), ids=lambda p: p.name)
def test_shipped_examples_format_idempotently_keeping_comments_and_model(
    example: Path, tmp_path: Path
) -> None:
    # the whole examples folder, so that a framework finds the base it extends
    shutil.copytree(example.parent, tmp_path / "frameworks")
    copy = tmp_path / "frameworks" / example.name
    before = model(copy)
    results = format_paths([copy])
    assert results, "no file formatted"
    for r in results:
        original = r.original.decode("utf-8")
        assert comments(r.text) == comments(original), r.display
        assert read_text(r.text, "x").data == read_text(original, "x").data
        assert format_text(r.text) == r.text, f"{r.display} is not idempotent"
        r.path.write_text(r.text, encoding="utf-8")
    assert model(copy) == before


MESSY = """\
# Acme framework — header comment stays on top

framework:    # metadata
    status: draft
    version: '1.0.0'
    client: Acme
    name: Acme RMF
    id: acme
rmf: 1
x-defaults: &member
    voting: true
    term: 2 years
units:
-   name: IT   # the IT branch
    id: it
    kind: it

    # Sales comes second
-   kind: business
    id: sales
    name: Sales
roles:
- title: BRM
  responsibilities:
  - text: Run the relationship.
  purpose: >-   # folded on purpose
    Manages the relationship
    with Sales.
  unit: it
  id: brm
governance:
- id: steering
  members:
  - role: brm
    <<: *member
  meets: monthly
  chair: brm
  name: Steering
  purpose: Sets priorities.
  type: committee
indicators:
- {id: sat, name: Satisfaction, category: satisfaction, definition: Score., unit: percent,
   direction: higher-is-better, target: 80, frequency: annual, owner: brm,
   thresholds: {amber: 70, red: 60}}
# trailing comment at the end
"""


def test_messy_input_gets_canonical_order_and_indentation() -> None:
    out = format_text(MESSY)
    lines = out.splitlines()
    assert lines[0] == "# Acme framework — header comment stays on top"
    top = [line.split(":")[0] for line in lines if line and line[0].isalpha()]
    assert top == ["rmf", "x-defaults", "framework", "units", "roles", "governance", "indicators"]
    assert "framework:    # metadata" in lines
    assert lines[lines.index("framework:    # metadata") + 1] == "  id: acme"
    assert "  - id: it" in lines and "    name: IT   # the IT branch" in lines
    assert "  # Sales comes second" in lines
    assert lines[lines.index("  # Sales comes second") + 1] == "  - id: sales"
    assert "    purpose: >-   # folded on purpose" in lines
    assert "      - role: brm" in lines and "        <<: *member" in lines
    assert "thresholds: {red: 60, amber: 70}" in out
    assert lines[-1] == "# trailing comment at the end"


def test_messy_input_keeps_comments_data_and_is_idempotent() -> None:
    out = format_text(MESSY)
    assert comments(out) == comments(MESSY)
    assert read_text(out, "x").data == read_text(MESSY, "x").data
    assert format_text(out) == out


def test_carriage_returns_and_a_byte_order_mark_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfrmf: 1\r\nframework:\r\n  name: X # n\r\n  id: x\r\n")
    (result,) = format_paths([path])
    assert result.changed
    assert result.text == "rmf: 1\nframework:\n  id: x\n  name: X # n\n"


def test_a_canonical_file_is_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("rmf: 1\nframework:\n  id: x  # the id\n\n  name: X\n", encoding="utf-8")
    (result,) = format_paths([path])
    assert not result.changed


def test_a_literal_block_keeps_hash_lines_as_text() -> None:
    text = "units:\n  - name: A\n    description: |\n      # not a comment\n      text\n    id: a\n"
    out = format_text(text)
    assert "      # not a comment\n" in out
    assert read_text(out, "x").data == read_text(text, "x").data


def test_a_file_the_reader_refuses_is_refused_with_located_findings() -> None:
    with pytest.raises(FrameworkError) as caught:
        format_text("rmf: 1\nframework:\n  id: x\n  id: y\n", "bad.yaml")
    assert [(f.file, f.line, f.column, f.code) for f in caught.value.findings] == [
        ("bad.yaml", 4, 3, "duplicate-key")
    ]


def test_output_that_would_lose_a_comment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import rmf.fmt.canonical

    real = rmf.fmt.canonical.restore
    monkeypatch.setattr(rmf.fmt.canonical, "restore", lambda *a: real(*a).replace("# keep me", ""))
    with pytest.raises(FrameworkError) as caught:
        format_text("rmf: 1  # keep me\n", "f.yaml")
    assert caught.value.findings[0].code == "fmt-unsafe"


MESSY_1_1 = """\
rmf: 1
documents:   # sign-off lines
  charter: {signatures: [Chair]}
communication_plan:
  review: annual   # every year
  purpose: Keep units informed.
engagement_model:
- review: monthly
  tier: strategic   # the top tier
  description: Monthly meetings.
framework: {id: acme, name: Acme RMF, client: Acme, version: 1.1.0, status: draft}
units:
- goals: [Grow.]   # the unit's own goals
  headcount: 12
  id: sales
  name: Sales
  kind: business
relationships:
- plan: {next_review: 2027-01-01, approved: 2026-01-01}
  assignee: brm-seat   # the named manager
  id: sales-rel
  unit: sales
  manager: brm
roles:
- incumbents:
  - {position_number: 40012, id: brm-seat, name: Alex}   # a named seat
  id: brm
  title: BRM
  unit: sales
  purpose: Runs it.
  responsibilities: [{text: Run it.}]
"""


def test_the_fields_of_revision_1_1_take_their_canonical_place_with_their_comments() -> None:
    done = format_text(MESSY_1_1)
    assert comments(done) == comments(MESSY_1_1)
    assert read_text(done, "x").data == read_text(MESSY_1_1, "x").data
    assert format_text(done) == done
    keys = [line.split(":")[0] for line in done.splitlines() if line[:1].isalpha()]
    assert keys == [
        "rmf", "framework", "units", "roles", "relationships",
        "engagement_model", "communication_plan", "documents",
    ]  # fmt: skip
    assert "    manager: brm\n    assignee: brm-seat   # the named manager\n" in done
    assert "{id: brm-seat, name: Alex, position_number: 40012}   # a named seat" in done
    assert "plan: {approved: 2026-01-01, next_review: 2027-01-01}" in done
    assert "  purpose: Keep units informed.\n  review: annual   # every year\n" in done


def test_overrides_keep_their_markers_and_come_after_the_sections() -> None:
    folder = ROOT / "tests" / "examples" / "valid" / "override"
    for path in (folder / "framework.yaml", folder / "indicators.yaml"):
        text = path.read_text(encoding="utf-8")
        formatted = format_text(text)
        assert read_text(formatted, "x").data == read_text(text, "x").data, path.name
        assert comments(formatted) == comments(text)
        assert format_text(formatted) == formatted
    moved = "rmf: 1\noverride:\n  - id: x\n    members: {remove: [a]}\nextends: ../base\n"
    assert format_text(moved) == (
        "rmf: 1\nextends: ../base\noverride:\n  - id: x\n    members: {remove: [a]}\n"
    )
