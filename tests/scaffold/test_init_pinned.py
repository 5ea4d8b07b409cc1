"""`rmf init --from` a base in git: the client repository pins it, and its CI passes on a
fresh clone, offline once the cache is filled."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import FRAMEWORKS, TODAY
from rmf.cli.app import app
from rmf.reading.lockfile import LOCK_FILE, read_lock

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def method(tmp_path: Path) -> Path:
    """The consultancy's method: a repository with the shipped base in frameworks/base,
    tagged v1.0.0."""
    repo = tmp_path / "method"
    shutil.copytree(FRAMEWORKS / "base", repo / "frameworks" / "base")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "method")
    git(repo, "tag", "v1.0.0")
    return repo


def init(dest: Path, base: str) -> tuple[int, str]:
    done = runner.invoke(
        app, ["init", str(dest), "--client", "Acme", "--from", base, "--today", TODAY]
    )
    return done.exit_code, done.stderr


def extends(folder: Path) -> str:
    found: str = yaml.safe_load((folder / "framework.yaml").read_text(encoding="utf-8"))["extends"]
    return found


@contextmanager
def cwd(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def ci_steps(repo: Path) -> list[tuple[str, dict[str, str]]]:
    """The rmf commands of the generated workflow, with the environment of each step."""
    workflow: dict[str, Any] = yaml.safe_load(
        (repo / ".github/workflows/rmf.yml").read_text(encoding="utf-8")
    )
    job = workflow["jobs"]["rmf"]
    steps = []
    for step in job["steps"]:
        command = step.get("run", "")
        if command.startswith("rmf "):
            steps.append((command, {**job.get("env", {}), **step.get("env", {})}))
    return steps


def run_ci(repo: Path, monkeypatch: pytest.MonkeyPatch, skip: tuple[str, ...] = ()) -> None:
    """Run the workflow's rmf commands in the repository, as its CI does."""
    for command, env in ci_steps(repo):
        if command.startswith(skip):
            continue
        with monkeypatch.context() as scoped, cwd(repo):
            for key, value in env.items():
                scoped.setenv(key, str(value))
            done = runner.invoke(app, shlex.split(command)[1:])
        assert done.exit_code == 0, f"{command}\n{done.stdout}\n{done.stderr}"


def test_a_base_folder_in_a_tagged_repository_is_pinned_to_the_tag(
    tmp_path: Path, method: Path
) -> None:
    code, err = init(tmp_path / "acme", str(method / "frameworks" / "base"))
    assert code == 0, err
    assert (
        extends(tmp_path / "acme") == f"git+{method.as_uri()}@v1.0.0#subdirectory=frameworks/base"
    )
    (entry,) = read_lock(tmp_path / "acme" / LOCK_FILE)
    assert entry.commit == git(method, "rev-parse", "HEAD") and entry.ref == "v1.0.0"
    assert "no remote `origin`" in err  # a folder on this machine: said so


def test_without_a_tag_the_commit_is_pinned_and_a_remote_is_preferred(
    tmp_path: Path, method: Path
) -> None:
    git(method, "tag", "-d", "v1.0.0")
    mirror = tmp_path / "mirror.git"
    git(tmp_path, "clone", "-q", "--bare", str(method), str(mirror))
    git(method, "remote", "add", "origin", str(mirror))
    code, err = init(tmp_path / "acme", str(method / "frameworks" / "base"))
    assert code == 0, err
    commit = git(method, "rev-parse", "HEAD")
    assert (
        extends(tmp_path / "acme") == f"git+{mirror.as_uri()}@{commit}#subdirectory=frameworks/base"
    )
    assert "warning" not in err


def test_a_base_with_uncommitted_changes_keeps_the_relative_path_and_says_why(
    tmp_path: Path, method: Path
) -> None:
    with open(method / "frameworks" / "base" / "framework.yaml", "a", encoding="utf-8") as out:
        out.write("# edited\n")
    code, err = init(tmp_path / "acme", str(method / "frameworks" / "base"))
    assert code == 0, err
    assert extends(tmp_path / "acme") == "../method/frameworks/base"
    assert "not committed" in err and "relative path" in err
    assert not (tmp_path / "acme" / LOCK_FILE).exists()
    assert "rmf fetch" not in (tmp_path / "acme" / ".github/workflows/rmf.yml").read_text("utf-8")


def test_from_an_unreachable_git_url_is_a_usage_error_and_leaves_nothing(tmp_path: Path) -> None:
    code, err = init(tmp_path / "acme", f"git+{(tmp_path / 'nowhere').as_uri()}@v1")
    assert code == 2 and "cannot fetch" in err
    assert not (tmp_path / "acme").exists()


def test_a_client_cloned_fresh_passes_its_ci_offline_and_a_moved_tag_is_refused(
    tmp_path: Path, method: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pinned = f"git+{method.as_uri()}@v1.0.0#subdirectory=frameworks/base"
    made = tmp_path / "acme"
    code, err = init(made, pinned)
    assert code == 0, err
    assert extends(made) == pinned and (made / LOCK_FILE).is_file()
    assert next(c for c, _ in ci_steps(made)) == "rmf fetch ."
    git(made, "init", "-q")
    git(made, "add", ".")
    git(made, "commit", "-qm", "Acme's framework")

    # another machine: a fresh clone and an empty cache
    clone = tmp_path / "ci" / "acme"
    git(tmp_path, "clone", "-q", str(made), str(clone))
    monkeypatch.setenv("RMF_CACHE_DIR", str(tmp_path / "ci-cache"))
    run_ci(clone, monkeypatch)

    # the cache filled, the method's repository out of reach: every step still passes
    hidden = method.rename(tmp_path / "method-away")
    run_ci(clone, monkeypatch)
    shutil.rmtree(tmp_path / "ci-cache")
    offline = runner.invoke(app, ["validate", str(clone)], env={"RMF_OFFLINE": "1"})
    assert offline.exit_code == 1 and "base-not-fetched" in offline.stdout
    hidden.rename(method)

    # the tag moved to another commit: the next machine refuses it, pointing at extends
    with open(method / "frameworks" / "base" / "framework.yaml", "a", encoding="utf-8") as out:
        out.write("# a quiet change\n")
    git(method, "commit", "-qam", "quiet change")
    git(method, "tag", "-f", "v1.0.0")
    monkeypatch.setenv("RMF_CACHE_DIR", str(tmp_path / "next-cache"))
    with cwd(clone):
        fetched = runner.invoke(app, ["fetch", "."])
    assert fetched.exit_code == 1
    assert "framework.yaml:" in fetched.stderr and "base-moved" in fetched.stderr


def test_from_a_package_base_the_ci_installs_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(FRAMEWORKS / "base", site / "acme_method" / "base")
    (site / "acme_method" / "__init__.py").write_text("", encoding="utf-8")
    info = site / "acme_method-1.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-method\nVersion: 1.2.0\n")
    (info / "entry_points.txt").write_text("[rmf.frameworks]\nacme = acme_method.base\n")
    monkeypatch.syspath_prepend(str(site))
    code, err = init(tmp_path / "acme", "pkg:acme")
    assert code == 0, err
    assert extends(tmp_path / "acme") == "pkg:acme"
    workflow = (tmp_path / "acme" / ".github/workflows/rmf.yml").read_text(encoding="utf-8")
    assert '"acme-method==1.2.0"' in workflow and "rmf fetch" not in workflow
    assert not (tmp_path / "acme" / LOCK_FILE).exists()


def test_a_tag_that_names_another_commit_on_origin_is_pinned_as_origin_has_it_and_said(
    tmp_path: Path, method: Path
) -> None:
    mirror = tmp_path / "mirror.git"
    git(tmp_path, "clone", "-q", "--bare", str(method), str(mirror))
    git(method, "remote", "add", "origin", str(mirror))
    published = git(method, "rev-parse", "HEAD")
    with open(method / "frameworks" / "base" / "framework.yaml", "a", encoding="utf-8") as out:
        out.write("# edited after the release\n")
    git(method, "commit", "-qam", "edited")
    git(method, "tag", "-f", "v1.0.0")  # moved here, not on origin
    code, err = init(tmp_path / "acme", str(method / "frameworks" / "base"))
    assert code == 0, err
    (entry,) = read_lock(tmp_path / "acme" / LOCK_FILE)
    assert entry.commit == published  # what a clone of the client repository will fetch
    assert f"commit {published[:12]}, not this clone's HEAD" in err
    assert "push it under a new tag, write that tag in `extends:` and run `rmf lock`" in err
