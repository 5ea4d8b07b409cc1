"""`rmf diff REV` reads only the framework's own files from git, and refuses, never
crashes on, a symbolic link or an oversized file that the framework needs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from diff_helpers import commit, git
from typer.testing import CliRunner

from conftest import FRAMEWORKS, MINIMAL
from rmf.cli.app import app
from rmf.reading import gitfiles

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A client framework extending a base, beside unrelated content: a large file, a link
    to outside the repository and a submodule."""
    git(tmp_path, "init", "-q")
    shutil.copytree(FRAMEWORKS / "edmonton", tmp_path / "frameworks" / "acme")
    shutil.copytree(FRAMEWORKS / "base", tmp_path / "frameworks" / "base")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "video.bin").write_bytes(os.urandom(1024) * 2048)
    os.symlink("/etc/passwd", tmp_path / "assets" / "leak")
    os.symlink("../../..", tmp_path / "frameworks" / "up")
    commit(tmp_path)
    head = git(tmp_path, "rev-parse", "HEAD").strip()
    git(tmp_path, "update-index", "--add", "--cacheinfo", f"160000,{head},vendor/lib")
    git(tmp_path, "commit", "-q", "-m", "submodule")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def read_from_git(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths whose content is read from git, in order."""
    paths: list[str] = []
    write = gitfiles.Revision.write

    def recording(self: gitfiles.Revision, entry: gitfiles.Entry) -> Path:
        paths.append(entry.path)
        return write(self, entry)

    monkeypatch.setattr(gitfiles.Revision, "write", recording)
    return paths


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_only_the_frameworks_files_are_read_from_git(repo: Path, read_from_git: list[str]) -> None:
    code, out, err = run("diff", "HEAD", "--path", "frameworks/acme", "--exit-code")
    assert (code, err) == (0, "")
    assert "no changes" in out
    acme = {p.relative_to(repo).as_posix() for p in (repo / "frameworks" / "acme").rglob("*")}
    base = {p.relative_to(repo).as_posix() for p in (repo / "frameworks" / "base").rglob("*")}
    assert set(read_from_git) <= {p for p in acme | base if p.endswith(".yaml")}
    assert "frameworks/acme/framework.yaml" in read_from_git
    assert "frameworks/base/framework.yaml" in read_from_git
    roles = sorted(p for p in acme if p.startswith("frameworks/acme/roles/"))
    assert [p for p in read_from_git if p in roles] == roles


def test_a_needed_file_that_is_a_link_is_refused_with_a_finding(repo: Path) -> None:
    roles = repo / "frameworks" / "acme" / "roles"
    first = sorted(roles.glob("*.yaml"))[0]
    first.unlink()
    os.symlink("/etc/passwd", first)
    commit(repo)
    code, out, err = run("diff", "HEAD", "--path", "frameworks/acme")
    assert code == 1 and out == ""
    assert f"HEAD:frameworks/acme/roles/{first.name}" in err and "1:1" in err
    assert "symbolic link" in err and "unreadable" in err
    assert "root:" not in err


def test_a_root_file_that_is_a_link_is_refused(repo: Path) -> None:
    os.symlink("frameworks/acme/framework.yaml", repo / "framework.yaml")
    commit(repo)
    code, _, err = run("diff", "HEAD", "--path", "framework.yaml")
    assert code == 1 and "symbolic link" in err


def test_a_file_over_the_cap_is_refused_before_it_is_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    commit(repo)
    monkeypatch.setattr(gitfiles, "MAX_FILE_BYTES", 100)
    code, _, err = run("diff", "HEAD", "--path", "minimal.yaml")
    assert code == 1 and "too-large" in err and "HEAD:minimal.yaml" in err


def test_a_framework_needing_too_many_files_is_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gitfiles, "MAX_FILES", 3)
    code, _, err = run("diff", "HEAD", "--path", "frameworks/acme")
    assert code == 1 and "more than 3 files" in err
