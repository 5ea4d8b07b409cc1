"""Where a finding is for report readers: token extents, UTF-16 columns, paths relative to
the repository, fingerprints."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmf.core.findings import Finding, Severity
from rmf.validate.places import (
    fingerprints,
    project_root,
    relative_path,
    token_end,
    uri_of,
    utf16_column,
)


@pytest.mark.parametrize(
    ("line", "column", "token"),
    [
        ("    chair: nobody", 12, "nobody"),
        ("    chair: nobody  # who?", 12, "nobody"),
        ("    chair: nobody", 5, "chair"),
        ('    chair: "no body"  # x', 12, '"no body"'),
        ("    chair: 'it''s: here'", 12, "'it''s: here'"),
        ('    chair: "open', 12, '"open'),
        ("    principles: [partner, other]", 18, "partner"),
        ("    principles: [partner, other]", 27, "other"),
        ("    principles: [partner, other]", 17, "[partner, other]"),
        ("  - {id: it, name: IT, kind: it}", 10, "it"),
        ("  - {id: it, name: IT, kind: it}", 5, "{id: it, name: IT, kind: it}"),
        ("    text: Run it, then report: weekly", 11, "Run it, then report"),
        ("    url: http://example.com/a#b", 10, "http://example.com/a#b"),
        ("  - id: brm", 3, "-"),
        ("    purpose: |", 14, "|"),
        ("    chair: nobody", 30, ""),  # past the line's end
        ("", 1, ""),
    ],
)
def test_the_extent_is_the_token_at_the_column(line: str, column: int, token: str) -> None:
    end = token_end(line, column)
    assert line[column - 1 : end - 1] == token


def test_utf16_columns_count_characters_beyond_the_basic_plane_twice() -> None:
    line = "  name: 😀é😀 x"
    assert utf16_column(line, 9) == 9  # nothing wide before it
    assert utf16_column(line, 10) == 11  # after one emoji
    assert utf16_column(line, 13) == 15  # after two emoji and é (one unit)
    assert utf16_column("", 5) == 5  # a line not read: columns kept as they are


def test_paths_are_relative_to_the_root_with_forward_slashes(tmp_path: Path) -> None:
    inside = tmp_path / "fw" / "roles.yaml"
    assert relative_path(str(inside), tmp_path) == "fw/roles.yaml"
    assert relative_path(str(tmp_path.parent / "other.yaml"), tmp_path) is None
    assert uri_of("my fw/rôles #1.yaml") == "my%20fw/r%C3%B4les%20%231.yaml"


def test_the_root_is_the_top_of_the_repository_or_the_folder_itself(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "sub").mkdir()
    assert project_root(tmp_path / "repo" / "sub") == tmp_path / "repo"
    (tmp_path / "plain").mkdir()
    assert project_root(tmp_path / "plain") == tmp_path / "plain"


def finding(line: int, message: str = "broken", code: str = "yaml-syntax") -> Finding:
    return Finding(code, Severity.ERROR, message, "f.yaml", line, 1, "x")


def test_a_fingerprint_outlives_a_move_and_tells_alike_findings_apart() -> None:
    [before] = fingerprints([finding(3)], ["f.yaml"])
    [after] = fingerprints([finding(9)], ["f.yaml"])
    assert before == after  # lines added above it
    twins = fingerprints([finding(3), finding(5)], ["f.yaml", "f.yaml"])
    assert len(set(twins)) == 2 and twins[0] == before
    others = fingerprints(
        [finding(3, "other"), finding(3, code="duplicate-key"), finding(3)],
        ["f.yaml", "f.yaml", "g.yaml"],
    )
    assert before not in others and len(set(others)) == 3
