"""Includes and bases stay where they belong: no walk outside the framework folder, no
base outside the repository, nothing read that is not a regular file, and no content of
a foreign file quoted in a finding."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL
from rmf.core.errors import FrameworkError
from rmf.reading import loader
from rmf.reading.loader import load_source

ROOT = """\
rmf: 1
include:
{includes}
framework: {{id: f, name: F, client: C, version: 1.0.0, status: draft}}
"""
UNITS = "units:\n  - {id: u, name: U}\n"


def refused(target: Path) -> list[tuple[str, str]]:
    with pytest.raises(FrameworkError) as caught:
        load_source(target)
    return [(f.code, f.message) for f in caught.value.findings]


def framework(folder: Path, *patterns: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "framework.yaml").write_text(
        ROOT.format(includes="\n".join(f'  - "{p}"' for p in patterns)), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    "pattern",
    [
        "../../../../**/*.yaml",
        "../*.yaml",
        "roles/../../x.yaml",
        "/etc/*.yaml",
        "..",
        "**/../**/../outside/*",
        "**/../**/../**/../**/*.nomatch",
    ],
)
def test_a_pattern_that_climbs_out_is_refused_before_any_walk(
    tmp_path: Path, pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = framework(tmp_path / "fw", pattern)
    walked: list[object] = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda p=".": walked.append(p) or real(p))
    assert [code for code, _ in refused(folder)] == ["include-outside"]
    assert walked == []


def test_a_glob_never_enters_a_linked_folder(tmp_path: Path) -> None:
    folder = framework(tmp_path / "fw", "**/*.yaml")
    (folder / "units.yaml").write_text(UNITS, encoding="utf-8")
    outside = tmp_path / "elsewhere" / "deep"
    outside.mkdir(parents=True)
    (outside / "stolen.yaml").write_text("units:\n  - {id: s, name: S}\n", encoding="utf-8")
    (folder / "everything").symlink_to(tmp_path / "elsewhere")
    source = load_source(folder)
    assert [u["id"] for u in source.data["units"]] == ["u"]


def test_a_glob_that_would_look_at_too_much_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_SCANNED", 50)
    folder = framework(tmp_path / "fw", "**/*.yaml")
    for i in range(60):
        (folder / f"n{i}").mkdir()
    codes = refused(folder)
    assert codes[0][0] == "include-outside" and "narrow them" in codes[0][1]


def test_globs_still_match_as_before(tmp_path: Path) -> None:
    folder = framework(tmp_path / "fw", "parts/**/*.yaml", "more/*.yml")
    for name in ("parts/a.yaml", "parts/x/b.yaml", "parts/x/y/c.yaml", "more/d.yml"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        unit = Path(name).stem
        (folder / name).write_text(f"units:\n  - {{id: {unit}, name: N}}\n", encoding="utf-8")
    (folder / "parts" / ".hidden.yaml").write_text(UNITS, encoding="utf-8")
    source = load_source(folder)
    assert [u["id"] for u in source.data["units"]] == ["a", "b", "c", "d"]


def client(folder: Path, extends: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "framework.yaml"
    path.write_text(
        f"rmf: 1\nextends: {extends}\nframework:\n  id: c\n  name: C\n  client: C\n"
        "  version: 1.0.0\n  status: draft\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/stdin", "/dev/zero", "../notes.txt"])
def test_a_base_that_is_not_a_framework_file_is_refused_unread(tmp_path: Path, target: str) -> None:
    (tmp_path / "notes.txt").write_text("root:x:0:0:secret line\n", encoding="utf-8")
    found = refused(client(tmp_path / "c", target))
    assert [code for code, _ in found] == ["extends-not-found"]
    assert "root:" not in found[0][1]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_base_linked_to_a_device_is_refused_not_read(tmp_path: Path, device: str) -> None:
    (tmp_path / "base.yaml").symlink_to(device)
    found = refused(client(tmp_path / "c", "../base.yaml"))
    assert [code for code, _ in found] == ["unreadable"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_base_that_is_a_pipe_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "base.yaml")
    found = refused(client(tmp_path / "c", "../base.yaml"))
    assert [code for code, _ in found] == ["unreadable"]


def test_a_base_outside_the_repository_is_refused(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(MINIMAL, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    found = refused(client(repo / "clients" / "c", "../../../base.yaml"))
    assert [code for code, _ in found] == ["extends-outside"]


def test_a_base_inside_the_repository_is_read(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "base.yaml").write_text(MINIMAL, encoding="utf-8")
    source = load_source(client(repo / "clients" / "c", "../../base.yaml"))
    assert source.data["framework"]["id"] == "c"


def test_a_very_deep_folder_does_not_exhaust_the_walk(tmp_path: Path) -> None:
    folder = framework(tmp_path / "fw", "**/*.yaml")
    deep = folder
    for _ in range(300):
        deep = deep / "d"
        deep.mkdir()
    (deep / "units.yaml").write_text(UNITS, encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # fewer frames than folders: the walk must not recurse
    try:
        source = load_source(folder)
    finally:
        sys.setrecursionlimit(limit)
    assert [u["id"] for u in source.data["units"]] == ["u"]


def test_a_glob_goes_through_a_link_that_stays_in_the_framework(tmp_path: Path) -> None:
    folder = framework(tmp_path / "fw", "current/*.yaml")
    (folder / "v2").mkdir()
    (folder / "v2" / "units.yaml").write_text(UNITS, encoding="utf-8")
    (folder / "current").symlink_to(folder / "v2")
    assert [u["id"] for u in load_source(folder).data["units"]] == ["u"]


def test_a_root_file_linked_out_of_its_folder_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "netrc.yaml"
    secret.write_text("machine github.com password hunter2\n", encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    client = tmp_path / "repo" / "client"
    client.mkdir()
    (client / "framework.yaml").symlink_to(secret)
    found = refused(client)
    assert [code for code, _ in found] == ["unreadable"]
    assert "hunter2" not in found[0][1]


def test_a_base_whose_root_file_links_out_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "netrc.yaml"
    secret.write_text("machine github.com password hunter2\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "parent").mkdir()
    (repo / "parent" / "framework.yaml").symlink_to(secret)
    found = refused(client(repo / "c", "../parent"))
    assert [code for code, _ in found] == ["unreadable"]
    assert "hunter2" not in found[0][1]
