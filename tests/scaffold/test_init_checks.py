"""`rmf init`'s checks: the GitHub Actions workflow and the pre-commit hooks pass as created."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT, TODAY
from rmf import HOME, __version__
from rmf.cli.app import app

runner = CliRunner()


def init(*args: str) -> int:
    return runner.invoke(app, ["init", *args, "--today", TODAY]).exit_code


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("init") / "acme"
    assert init(str(dest), "--client", "Acme Corporation") == 0
    return dest


def rmf_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rmf", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": ""},
    )


def workflow(made: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (made / ".github/workflows/rmf.yml").read_text(encoding="utf-8")
    )
    return data


def test_the_workflow_annotates_and_uploads_sarif(made: Path) -> None:
    steps = workflow(made)["jobs"]["rmf"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any("--format github" in r for r in runs)
    assert any("--format sarif > rmf.sarif" in r for r in runs)
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "rmf.sarif" and upload["if"] == "always()"
    # a repository without code scanning cannot take the upload: the job still passes
    assert upload["continue-on-error"] is True


def test_the_workflow_commands_pass_in_a_new_repository(made: Path) -> None:
    for step in workflow(made)["jobs"]["rmf"]["steps"]:
        command = step.get("run", "")
        if not command.startswith("rmf "):
            continue  # checkout, setup-python, pip install
        # the same command, with this interpreter's rmf
        shell = command.replace("rmf ", f"{sys.executable} -m rmf ", 1)
        done = subprocess.run(shell, shell=True, cwd=made, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    sarif = json.loads((made / "rmf.sarif").read_text(encoding="utf-8"))
    (made / "rmf.sarif").unlink()
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []


def test_the_readme_shows_the_workflow_the_scaffold_writes(made: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("## pre-commit and CI", 1)[1]
    block = re.search(r"```yaml\n(# GitHub Actions.*?)```", shown, flags=re.S)
    assert block, "README shows no workflow"
    assert block.group(1) == (made / ".github/workflows/rmf.yml").read_text(encoding="utf-8")


def project() -> dict[str, Any]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found: dict[str, Any] = tomllib.loads(text)["project"]
    return found


def test_rmf_is_installed_by_a_name_of_its_own() -> None:
    # on PyPI, "rmf" is an unrelated project: `pip install rmf` gives no rmf command
    assert project()["name"] == "rmf-tools"
    assert project()["scripts"]["rmf"] == "rmf.cli.app:run"


def test_the_scaffold_pins_this_rmf_by_its_release_tag(made: Path) -> None:
    tag = f"v{__version__}"
    config = yaml.safe_load((made / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [(r["repo"], r["rev"]) for r in config["repos"]] == [(HOME, tag)]
    steps = workflow(made)["jobs"]["rmf"]["steps"]
    installs = [s["run"] for s in steps if "pip" in s.get("run", "")]
    assert installs == [f'pip install "{project()["name"]} @ git+{HOME}@{tag}"']


def test_the_readme_and_the_hooks_show_the_same_pins() -> None:
    tag = f"v{__version__}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for text in (readme, manifest):
        assert set(re.findall(r"^[ #]*rev: (\S+)$", text, flags=re.M)) == {tag}
    assert set(re.findall(r'"([\w-]+) @ git\+(\S+)@(\S+)"', readme)) == {
        (project()["name"], HOME, tag)
    }


def hooks() -> dict[str, dict[str, Any]]:
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {h["id"]: h for h in manifest}


def test_the_hooks_check_the_whole_framework() -> None:
    found = hooks()
    assert set(found) == {"rmf-validate", "rmf-render-check"}
    assert found["rmf-validate"]["entry"] == "rmf validate"
    assert found["rmf-render-check"]["entry"] == "rmf render --check"
    assert all(h["pass_filenames"] is False and h["language"] == "python" for h in found.values())


def test_the_hooks_say_which_python_rmf_needs() -> None:
    # no version fixed: the hooks follow pre-commit's own Python, and where that is
    # too old, the hooks file and the scaffold's config say how to name another
    floor = re.fullmatch(r">=(\d+\.\d+)", project()["requires-python"])
    assert floor, project()["requires-python"]
    assert all("language_version" not in h for h in hooks().values())
    scaffold = ROOT / "rmf" / "scaffold" / "skeleton" / "repo" / "pre-commit-config.yaml.tmpl"
    for text in (
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"),
        scaffold.read_text(encoding="utf-8"),
    ):
        assert f"Python {floor.group(1)} or later" in " ".join(text.replace("#", " ").split())
        assert f"language_version: python{floor.group(1)}" in text


def test_pre_commit_accepts_the_hooks_and_the_scaffolds_config(made: Path) -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    clientlib.load_config(str(made / ".pre-commit-config.yaml"))


def run_configured_hooks(made: Path) -> dict[str, int]:
    """Run the hooks of the scaffold's pre-commit config as pre-commit would: the entry
    from the hook repository's manifest, then the args (config first, else manifest)."""
    config = yaml.safe_load((made / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"].startswith("https://") and repo["rev"].startswith("v")
    manifest, codes = hooks(), {}
    for hook in repo["hooks"]:
        entry = manifest[hook["id"]]["entry"].split()
        assert entry[0] == "rmf"
        args = hook.get("args", manifest[hook["id"]].get("args", []))
        codes[hook["id"]] = rmf_cli(*entry[1:], *args, cwd=made).returncode
    return codes


def test_the_scaffolded_pre_commit_hooks_pass(made: Path) -> None:
    assert run_configured_hooks(made) == {"rmf-validate": 0, "rmf-render-check": 0}


def test_the_render_hook_fails_once_a_document_is_stale(tmp_path: Path) -> None:
    assert init(str(tmp_path / "acme")) == 0
    index = tmp_path / "acme" / "rendered" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert run_configured_hooks(tmp_path / "acme") == {"rmf-validate": 0, "rmf-render-check": 1}


NETWORK = ("Could not find a version", "No matching distribution", "Failed to establish")


@pytest.mark.slow
def test_pre_commit_try_repo_runs_the_hooks_on_a_new_repository(tmp_path: Path) -> None:
    # pre-commit from the environment running the tests, whatever is on PATH
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed")
    git = shutil.which("git") or pytest.skip("git is not installed")
    dest = tmp_path / "acme"
    assert init(str(dest)) == 0
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    for command in (["init", "-q"], ["add", "-A"]):
        subprocess.run([git, *command], cwd=dest, check=True, env=env)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files", "--verbose"],
        cwd=dest,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    output = done.stdout + done.stderr
    if done.returncode != 0 and any(sign in output for sign in NETWORK):
        pytest.skip("pre-commit could not install rmf's hook environment from PyPI (offline)")
    assert done.returncode == 0, output[-4000:]
    assert re.search(r"rmf validate\.+Passed", output), output[-4000:]
    assert re.search(r"rmf render --check\.+Passed", output), output[-4000:]
