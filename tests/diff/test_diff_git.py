"""rmf diff across git revisions, in a temporary repository (as git's diff driver, in
test_diff_driver)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from diff_helpers import commit, git
from typer.testing import CliRunner

from conftest import FRAMEWORKS, MINIMAL
from rmf.cli.app import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits of a single-file and a multi-file framework."""
    git(tmp_path, "init", "-q")
    (tmp_path / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    shutil.copytree(FRAMEWORKS / "edmonton", tmp_path / "frameworks" / "acme")
    shutil.copytree(FRAMEWORKS / "base", tmp_path / "frameworks" / "base")
    commit(tmp_path, "v1")
    (tmp_path / "minimal.yaml").write_text(
        MINIMAL.replace("target: 80", "target: 75"), encoding="utf-8"
    )
    governance = tmp_path / "frameworks" / "acme" / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    governance.write_text(text.replace("    quorum: 4\n", "    quorum: 5\n", 1), encoding="utf-8")
    commit(tmp_path, "v2")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_revision_with_path_against_the_working_tree(repo: Path) -> None:
    code, out, _ = run("diff", "HEAD~1", "--path", "minimal.yaml")
    assert code == 0
    assert out.startswith("HEAD~1:minimal.yaml → minimal.yaml\n")
    assert "target: 80 → 75 (relaxed)" in out


def test_rev_colon_path_on_both_sides_reads_included_files(repo: Path) -> None:
    code, out, _ = run("diff", "HEAD~1:frameworks/acme", "HEAD:frameworks/acme", "-f", "json")
    assert code == 0
    import json

    doc = json.loads(out)
    assert [(c["id"], c["grade"]) for c in doc["changes"]] == [("it-steering-committee", "minor")]
    assert doc["changes"][0]["fields"][0]["field"] == "quorum"


def test_from_and_to_compare_one_path_across_revisions(repo: Path) -> None:
    code, out, _ = run("diff", "--from", "HEAD~1", "--to", "HEAD", "frameworks/acme")
    assert code == 0 and "quorum: 4 → 5 (raised)" in out
    # a path alone is HEAD against the working tree: nothing changed since
    code, out, _ = run("diff", "--exit-code", "frameworks/acme")
    assert code == 0 and "no changes" in out


def test_a_path_inside_a_subfolder_is_relative_to_it_and_rev_paths_to_the_top(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "frameworks")
    code, out, _ = run("diff", "HEAD~1:frameworks/acme", "acme", "--exit-code")
    assert code == 1 and "quorum" in out
    code, out, _ = run("diff", "HEAD~1", "--path", "acme", "--exit-code")
    assert code == 1 and "quorum" in out


def test_an_unknown_revision_or_path_is_a_usage_error(repo: Path) -> None:
    code, _, err = run("diff", "nosuch", "--path", "minimal.yaml")
    assert code == 2 and "not a revision" in err
    code, _, err = run("diff", "HEAD:nosuch.yaml", "minimal.yaml")
    assert code == 2 and "no such file or folder at that revision" in err
    code, _, err = run("diff", "HEAD~1")
    assert code == 2 and "--path" in err


def test_a_broken_framework_at_a_revision_is_refused_with_findings_named_by_revision(
    repo: Path,
) -> None:
    (repo / "minimal.yaml").write_text(MINIMAL.replace("quorum: 2", "quorum: two"))
    commit(repo, "broken")
    code, out, err = run("diff", "HEAD", "--path", "minimal.yaml")
    assert code == 1 and out == ""
    assert "HEAD:minimal.yaml" in err and "invalid-value" in err


def test_a_base_the_framework_extends_is_read_at_the_same_revision(repo: Path) -> None:
    client = repo / "client"
    client.mkdir()
    (client / "framework.yaml").write_text(
        "rmf: 1\nextends: ../minimal.yaml\nframework:\n  id: client\n  name: Client RMF\n"
        "  client: Client Co\n  version: 1.0.0\n  status: draft\n",
        encoding="utf-8",
    )
    commit(repo, "client")
    (repo / "minimal.yaml").write_text(MINIMAL.replace("meets: monthly", "meets: weekly"))
    commit(repo, "base meets weekly")
    code, out, _ = run("diff", "HEAD~1", "HEAD", "--path", "client")
    assert code == 0 and "meets: monthly → weekly (more often)" in out
