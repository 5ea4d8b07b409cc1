"""The loader: a root file and its includes become one framework, positions intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmf.core.errors import FrameworkError, UsageError
from rmf.model.types import SECTIONS
from rmf.reading.loader import load_source
from rmf.validate.schema import mark_of

ROOT = """\
rmf: 1
include:
{includes}
framework: {{id: f, name: F, client: C, version: 1.0.0, status: draft}}
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def root(*patterns: str) -> str:
    return ROOT.format(includes="\n".join(f"  - {p}" for p in patterns))


def findings(folder: Path) -> list[tuple[str, int, int, str]]:
    with pytest.raises(FrameworkError) as caught:
        load_source(folder)
    base = folder.as_posix() + "/"
    return [(f.file.removeprefix(base), f.line, f.column, f.code) for f in caught.value.findings]


def test_includes_concatenate_in_glob_order_and_keep_file_positions(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "framework.yaml": root("units/*.yaml", "more.yaml"),
            "units/b.yaml": "units:\n  - {id: b, name: B, kind: it}\n",
            "units/a.yaml": "# first\nunits:\n  - {id: a, name: A, kind: it}\n",
            "more.yaml": "units:\n  - {id: c, name: C, kind: it}\n",
        },
    )
    source = load_source(tmp_path)
    assert [u["id"] for u in source.data["units"]] == ["a", "b", "c"]
    mark = mark_of(source.pos, ("units", 0, "id"))
    assert (Path(mark.file).name, mark.line, mark.column) == ("a.yaml", 3, 10)
    mark = mark_of(source.pos, ("units", 2))
    assert (Path(mark.file).name, mark.line) == ("more.yaml", 2)
    assert source.files[0].endswith("framework.yaml")


def test_extension_keys_are_ignored(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"framework.yaml": root("u.yaml") + "x-shared: &s {a: 1}\n", "u.yaml": "units: []\n"},
    )
    assert "x-shared" not in load_source(tmp_path).data


def test_an_include_that_matches_nothing_is_located(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": root("roles/*.yaml")})
    assert findings(tmp_path) == [("framework.yaml", 3, 5, "include-no-match")]


def test_an_include_that_escapes_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("units: []\n")
    folder = write(tmp_path / "fw", {"framework.yaml": root("../outside.yaml")})
    assert findings(folder) == [("framework.yaml", 3, 5, "include-outside")]


def test_an_absolute_include_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": root("/etc/passwd")})
    assert findings(tmp_path) == [("framework.yaml", 3, 5, "include-outside")]


def test_a_file_named_again_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": root('"*.yaml"', "u.yaml"), "u.yaml": "units: []\n"})
    # the glob passes over the root file and takes u.yaml; naming u.yaml again is an error
    assert findings(tmp_path) == [("framework.yaml", 4, 5, "include-twice")]


def test_a_glob_takes_what_no_earlier_entry_took(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "framework.yaml": root("roles/lead.yaml", '"roles/*.yaml"'),
            "roles/a.yaml": "units:\n  - {id: a, name: A, kind: it}\n",
            "roles/lead.yaml": "units:\n  - {id: lead, name: L, kind: it}\n",
        },
    )
    assert [u["id"] for u in load_source(tmp_path).data["units"]] == ["lead", "a"]


def test_globs_pass_over_hidden_files(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "framework.yaml": root('"**/*.yaml"'),
            "roles/a.yaml": "units: []\n",
            "roles/._a.yaml": "\x00\x01",
            ".github/ci.yaml": "on: push\n",
        },
    )
    assert [Path(f).name for f in load_source(tmp_path).files] == ["framework.yaml", "a.yaml"]


def test_a_literal_path_with_brackets_is_taken_as_it_is(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"framework.yaml": root('"roles/brm[v2].yaml"'), "roles/brm[v2].yaml": "units: []\n"},
    )
    assert [Path(f).name for f in load_source(tmp_path).files] == ["framework.yaml", "brm[v2].yaml"]


def test_include_inside_an_included_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": root("u.yaml"), "u.yaml": "include: [v.yaml]\nunits: []\n"})
    assert findings(tmp_path) == [("u.yaml", 1, 1, "include-nested")]


def test_an_included_file_holds_only_list_sections(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": root("u.yaml"), "u.yaml": "units: []\nframework: {}\n"})
    assert findings(tmp_path) == [("u.yaml", 2, 1, "unknown-field")]


def test_problems_in_several_included_files_are_all_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "framework.yaml": root("a.yaml", "b.yaml"),
            "a.yaml": "units: [\n",
            "b.yaml": "units: []\nunits: []\n",
        },
    )
    assert [c for *_, c in findings(tmp_path)] == ["yaml-syntax", "duplicate-key"]


def test_a_top_level_list_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": "- a\n- b\n"})
    assert findings(tmp_path) == [("framework.yaml", 1, 1, "not-a-mapping")]


def test_an_unsupported_format_version_stops_loading(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": "rmf: 2\nframework: {}\n"})
    assert findings(tmp_path) == [("framework.yaml", 1, 6, "unsupported-version")]


def test_a_missing_path_or_root_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_source(tmp_path / "nope.yaml")
    with pytest.raises(UsageError, match=r"framework\.yaml"):
        load_source(tmp_path)


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("units: [\n", {"units"}),  # a syntax error: its sections, as its text names them
        ("units: []\nframework: {}\n", {"units"}),  # a key of the root file alone
        ("units: []\nunit: []\n", set(SECTIONS)),  # which section `unit` meant is not known
        ("- units\n", set(SECTIONS)),  # no mapping
        ("\xff\xfe", set(SECTIONS)),
    ],
)
def test_an_included_file_not_read_leaves_what_it_holds_unknown(
    tmp_path: Path, text: str, unread: set[str]
) -> None:
    write(tmp_path, {"framework.yaml": root("u.yaml", "r.yaml"), "r.yaml": "roles: []\n"})
    (tmp_path / "u.yaml").write_bytes(text.encode("latin-1"))
    source = load_source(tmp_path, partial=True)
    assert source.unread == unread and source.incomplete
    assert source.files[-1].endswith("r.yaml")  # the other file is read


def test_an_include_that_matches_nothing_may_have_meant_any_section(tmp_path: Path) -> None:
    write(tmp_path, {"framework.yaml": root("missing.yaml")})
    assert load_source(tmp_path, partial=True).unread == set(SECTIONS)
    write(tmp_path, {"framework.yaml": root()})
    assert not load_source(tmp_path, partial=True).incomplete
