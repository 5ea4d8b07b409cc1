"""Releases: the tag `rmf init` pins is the one a release makes (scripts/release.py)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT
from rmf import __version__

SCRIPT = ROOT / "scripts" / "release.py"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_changelogs_newest_release_is_this_version() -> None:
    # __version__ changes only in a release, so it is the newest release (none before the first)
    released = script().releases((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert released[:1] in ([], [__version__])


@needs_git
def test_in_a_clone_with_release_tags_this_versions_tag_is_one_of_them() -> None:
    done = subprocess.run(
        ["git", "tag", "--list", "v*"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    tags = done.stdout.split() if done.returncode == 0 else []
    assert not tags or f"v{__version__}" in tags, f"v{__version__} is not tagged: {tags}"


CHANGELOG = """# Changelog

## [Unreleased]

### Added
- Something new.

## [0.1.0] - 2026-01-05

### Added
- The first release.
"""


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with rmf's version file and a changelog with one release."""
    repo = tmp_path / "repo"
    (repo / "rmf").mkdir(parents=True)
    (repo / "rmf" / "__init__.py").write_text(
        '"""rmf."""\n\n__version__ = "0.1.0"\nHOME = "https://example.invalid"\n',
        encoding="utf-8",
    )
    (repo / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    return repo


def release(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The release script, run from a copy inside `repo`, with git isolated as in `git`."""
    copy = repo / "scripts" / "release.py"
    if not copy.exists():
        copy.parent.mkdir()
        shutil.copy(SCRIPT, copy)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "script")
    env = {
        **os.environ,
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return subprocess.run(
        [sys.executable, str(copy), *args], cwd=repo, env=env, capture_output=True, text=True
    )


@needs_git
def test_a_release_commits_the_version_and_the_dated_changelog_and_tags_it(repo: Path) -> None:
    done = release(repo, "0.2.0", "--date", "2026-02-01")
    assert done.returncode == 0, done.stderr
    assert "git push origin HEAD v0.2.0" in done.stdout
    assert git(repo, "tag", "--list") == "v0.2.0\n"
    assert git(repo, "log", "-1", "--format=%s", "v0.2.0") == "Release 0.2.0\n"
    assert '__version__ = "0.2.0"\n' in git(repo, "show", "v0.2.0:rmf/__init__.py")
    changelog = git(repo, "show", "v0.2.0:CHANGELOG.md")
    assert "## [Unreleased]\n\n## [0.2.0] - 2026-02-01\n\n### Added\n- Something new.\n" in (
        changelog
    )
    assert script().releases(changelog) == ["0.2.0", "0.1.0"]
    assert git(repo, "status", "--porcelain") == ""


@needs_git
@pytest.mark.parametrize(
    ("version", "why"),
    [
        ("0.1.0", "not newer than the last release, 0.1.0"),
        ("0.0.9", "not newer than the last release, 0.1.0"),
        ("1.0", "not a version X.Y.Z"),
    ],
)
def test_a_version_that_is_not_a_newer_release_is_refused(
    repo: Path, version: str, why: str
) -> None:
    done = release(repo, version)
    assert done.returncode == 1 and why in done.stderr
    assert git(repo, "tag", "--list") == ""


@needs_git
def test_a_release_needs_a_clean_tree_and_something_to_release(repo: Path) -> None:
    assert release(repo, "0.2.0").returncode == 0
    done = release(repo, "0.3.0")
    assert done.returncode == 1 and "nothing under '## [Unreleased]'" in done.stderr
    (repo / "CHANGELOG.md").write_text(CHANGELOG.replace("## [0.1.0]", "- more\n\n## [0.1.0]"))
    done = release(repo, "0.3.0")
    assert done.returncode == 1 and "the working tree has changes" in done.stderr
    assert git(repo, "tag", "--list") == "v0.2.0\n"


@needs_git
def test_a_tag_that_exists_is_refused(repo: Path) -> None:
    git(repo, "tag", "v0.2.0")
    done = release(repo, "0.2.0")
    assert done.returncode == 1 and "the tag v0.2.0 exists already" in done.stderr
