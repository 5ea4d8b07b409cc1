"""rmf as git's diff driver, run by a real git over a history that renames, adds and deletes
framework files: `git diff`, `git log -p --ext-diff`, `git show --ext-diff`, and the textconv
form in plain `git log -p` and `git show`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rmf
from conftest import MINIMAL
from rmf.cli.app import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()
# this rmf, whichever way the tests import it (a checkout or an installed copy)
RMF = f'"{sys.executable}" -m rmf'
PART = "roles:\n  - id: lead\n    title: Lead\n"


def environment(home: Path) -> dict[str, str]:
    """git with none of the developer's settings, running this rmf."""
    return {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_PAGER": "cat",
        "PYTHONPATH": os.pathsep.join(
            [str(Path(rmf.__file__).parent.parent), os.environ.get("PYTHONPATH", "")]
        ),
    }


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.env = environment(path.parent)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True,
            check=check,
        )  # fmt: skip

    def git(self, *args: str) -> str:
        done = self.run(*args, check=False)
        assert done.returncode == 0, f"git {' '.join(args)}\n{done.stdout}\n{done.stderr}"
        assert "external diff died" not in done.stderr
        return done.stdout

    def write(self, name: str, text: str) -> None:
        (self.path / name).write_text(text, encoding="utf-8")

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


def make_history(folder: Path) -> Repo:
    """Four commits: a single-file framework and a file of roles; the framework renamed
    with a change; the roles renamed with a change; one file added, the roles deleted."""
    repo = Repo(folder / "repo")
    repo.path.mkdir()
    repo.git("init", "-q")
    repo.git("config", "user.name", "t")
    repo.git("config", "user.email", "t@example.invalid")
    repo.git("config", "diff.rmf.command", f"{RMF} diff")
    repo.write(".gitattributes", "*.yaml diff=rmf\n")
    repo.write("minimal.yaml", MINIMAL)
    repo.write("roles.yaml", PART)
    repo.commit("first")
    repo.git("mv", "minimal.yaml", "acme.yaml")
    repo.write("acme.yaml", MINIMAL.replace("target: 80", "target: 75"))
    repo.commit("framework renamed")
    repo.git("mv", "roles.yaml", "people.yaml")
    repo.write("people.yaml", PART + "    positions: 2")  # and no line feed at the end
    repo.commit("roles renamed")
    repo.git("rm", "-q", "people.yaml")
    repo.write("notes.yaml", "notes: []\n")
    repo.commit("roles deleted")
    return repo


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """The history, for tests that only read it."""
    return make_history(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def log(history: Repo) -> str:
    """`git log -p --ext-diff` of the whole history."""
    return history.git("log", "-p", "--ext-diff", "--format=commit: %s")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """The history, for a test that changes it."""
    return make_history(tmp_path)


def commits(log: str) -> list[str]:
    return [line[len("commit: ") :] for line in log.splitlines() if line.startswith("commit: ")]


def test_git_log_p_ext_diff_runs_through_every_commit(log: str) -> None:
    assert commits(log) == ["roles deleted", "roles renamed", "framework renamed", "first"]
    # the framework renamed and changed: compared as a framework, under both names
    assert "minimal.yaml (" in log and ") → acme.yaml (" in log
    assert "target: 80 → 75 (relaxed)" in log
    # a file of roles renamed (9 arguments): git's header, then its lines
    rename = log.split("diff --git a/roles.yaml b/people.yaml\n", 1)[1]
    assert rename.startswith("similarity index ")
    assert "rename from roles.yaml\nrename to people.yaml\n" in rename
    assert "--- a/roles.yaml\n+++ b/people.yaml\n" in rename
    assert "+    positions: 2\n\\ No newline at end of file\n" in rename


def test_additions_and_deletions_show_dev_null_as_git_does(log: str) -> None:
    added = log.split("diff --git a/notes.yaml b/notes.yaml\n", 1)[1]
    assert added.startswith("new file mode 100644\n--- /dev/null\n+++ b/notes.yaml\n")
    deleted = log.split("diff --git a/people.yaml b/people.yaml\n", 1)[1]
    assert deleted.startswith("deleted file mode 100644\n--- a/people.yaml\n+++ /dev/null\n")
    assert "-roles:\n" in deleted
    # the first commit adds a framework file: shown as its lines
    assert "new file mode 100644\n--- /dev/null\n+++ b/minimal.yaml\n" in log


def test_git_log_p_without_ext_diff_does_not_run_the_driver(history: Repo) -> None:
    log = history.git("log", "-p", "HEAD~3..HEAD~2")
    assert "(relaxed)" not in log and "-    target: 80\n+    target: 75\n" in log


def test_git_show_ext_diff_uses_the_driver_on_a_rename(history: Repo) -> None:
    shown = history.git("show", "--ext-diff", "HEAD~2")
    assert "framework renamed" in shown and "target: 80 → 75 (relaxed)" in shown
    # like log, show runs an external diff only when asked to
    assert "(relaxed)" not in history.git("show", "HEAD~2")


def test_git_diff_across_the_renames_and_with_the_working_tree(repo: Repo) -> None:
    out = repo.git("diff", "HEAD~3", "HEAD")
    assert "minimal.yaml (" in out and "target: 80 → 75 (relaxed)" in out
    assert "--- a/roles.yaml\n+++ /dev/null\n" in out and "+++ b/notes.yaml\n" in out
    repo.write("acme.yaml", MINIMAL.replace("target: 80", "target: 90"))
    (repo.path / "sub").mkdir()
    out = repo.git("-C", "sub", "diff")  # from a folder below the top, too
    assert out.startswith("acme.yaml (") and ") → acme.yaml (working tree)\n" in out
    assert "target: 75 → 90" in out


def test_an_unmerged_path_is_named_as_git_names_it(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "other")
    repo.write("notes.yaml", "notes: [theirs]\n")
    repo.commit("theirs")
    repo.git("checkout", "-q", "-")
    repo.write("notes.yaml", "notes: [ours]\n")
    repo.commit("ours")
    assert repo.run("merge", "-q", "other", check=False).returncode != 0  # a conflict
    out = repo.git("diff", "--ours")  # git names the path, then compares our side
    assert out.startswith("* Unmerged path notes.yaml\n")


def test_a_reader_that_stops_early_does_not_kill_git(history: Repo) -> None:
    done = subprocess.Popen(
        ["git", "log", "-p", "--ext-diff"],
        cwd=history.path,
        env=history.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert done.stdout is not None and done.stderr is not None
    done.stdout.readline()
    done.stdout.close()
    err = done.stderr.read().decode()
    done.wait(timeout=120)
    assert "external diff died" not in err and "rmf" not in err


def test_the_driver_exits_0_into_a_closed_pipe(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("".join(f"key{i}: {i}\n" for i in range(50_000)), encoding="utf-8")
    git_args = ["big.yaml", os.devnull, ".", ".", str(big), "a" * 40, "100644"]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "rmf", "diff", *git_args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=environment(tmp_path),
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")


def test_the_textconv_form_works_in_git_log_p_and_git_show(repo: Repo) -> None:
    repo.git("config", "--unset", "diff.rmf.command")
    repo.git("config", "diff.rmf.textconv", f"{RMF} diff --textconv")
    log = repo.git("log", "-p", "HEAD~3..HEAD~2")
    assert "-indicators[satisfaction].target: 80\n+indicators[satisfaction].target: 75\n" in log
    shown = repo.git("show", "HEAD~1")
    assert "+roles[lead].positions: 2\n" in shown


# --- the driver's arguments, without git -------------------------------------------


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_seven_arguments_compare_two_frameworks(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MINIMAL, encoding="utf-8")
    new.write_text(MINIMAL.replace("target: 80", "target: 75"), encoding="utf-8")
    args = ["minimal.yaml", str(old), "a" * 40, "100644", str(new), "0" * 40, "100644"]
    code, out, _ = run("diff", *args)
    assert code == 0
    assert out.startswith("minimal.yaml (aaaaaaa) → minimal.yaml (working tree)\n")
    assert "relaxed" in out


def test_files_that_are_not_frameworks_get_a_line_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("roles: []\n", encoding="utf-8")
    new.write_text("roles: [] # none yet\n", encoding="utf-8")
    args = ["roles.yaml", str(old), "a" * 40, "100644", str(new), "b" * 40, "100755"]
    code, out, _ = run("diff", *args)
    assert code == 0
    assert out.splitlines()[:5] == [
        "diff --git a/roles.yaml b/roles.yaml",
        "old mode 100644",
        "new mode 100755",
        "--- a/roles.yaml",
        "+++ b/roles.yaml",
    ]


def test_a_line_diff_escapes_control_characters(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text("note: \x1b]0;owned\x07\n", encoding="utf-8")
    args = ["n\x1b.yaml", os.devnull, ".", ".", str(new), "b" * 40, "100644"]
    code, out, _ = run("diff", *args)
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "+note: \\x1b]0;owned\\x07\n" in out and "+++ b/n\\x1b.yaml\n" in out


def test_a_binary_file_is_named_not_shown(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.write_bytes(b"a\0b")
    new.write_bytes(b"a\0c")
    code, out, _ = run("diff", "x.yaml", str(old), "a" * 40, "100644", str(new), "b" * 40, "100644")
    assert code == 0 and out.endswith("Binary files a/x.yaml and b/x.yaml differ\n")


def test_a_bug_in_the_comparison_still_shows_the_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rmf.diff.compare

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(rmf.diff.compare, "compare", broken)
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MINIMAL, encoding="utf-8")
    new.write_text(MINIMAL.replace("target: 80", "target: 75"), encoding="utf-8")
    args = ["m.yaml", str(old), "a" * 40, "100644", str(new), "b" * 40, "100644"]
    code, out, err = run("diff", *args)
    assert code == 0 and "-    target: 80\n+    target: 75\n" in out
    assert "internal error comparing m.yaml: RuntimeError: boom" in err


def test_seven_arguments_not_shaped_as_gits_are_a_usage_error() -> None:
    code, _, err = run("diff", *"abcdefg")
    assert code == 2 and "expected OLD and NEW, got 7 arguments" in err


def test_one_argument_from_git_is_an_unmerged_path() -> None:
    code, out, _ = run("diff", "notes.yaml", env={"GIT_DIFF_PATH_COUNTER": "1"})
    assert (code, out) == (0, "* Unmerged path notes.yaml\n")


# --- a folder framework: every file of it diffed as the whole framework, once -----------


def folder_framework(repo: Repo, text: str) -> None:
    """MINIMAL as a folder: its roles in roles.yaml, the rest in framework.yaml."""
    before, rest = text.split("roles:\n", 1)
    roles, after = rest.split("relationships:\n", 1)
    (repo.path / "acme").mkdir(exist_ok=True)
    root = before.replace("rmf: 1\n", "rmf: 1\ninclude: [roles.yaml]\n", 1)
    repo.write("acme/framework.yaml", root + "relationships:\n" + after)
    repo.write("acme/roles.yaml", "roles:\n" + roles)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    """Two commits of a folder framework; the second changes both of its files."""
    repo = Repo(tmp_path_factory.mktemp("folders") / "repo")
    repo.path.mkdir()
    repo.git("init", "-q")
    repo.git("config", "user.name", "t")
    repo.git("config", "user.email", "t@example.invalid")
    repo.git("config", "diff.rmf.command", f"{RMF} diff")
    repo.write(".gitattributes", "acme/** diff=rmf\n")
    folder_framework(repo, MINIMAL)
    repo.commit("first")
    changed = MINIMAL.replace("target: 80", "target: 75").replace(
        "purpose: Leads Sales.", "purpose: Leads Sales and Marketing."
    )
    folder_framework(repo, changed)
    repo.commit("both files changed")
    return repo


def test_a_commit_of_a_folder_framework_is_shown_as_the_whole_framework_once(
    folders: Repo,
) -> None:
    shown = folders.git("show", "--ext-diff", "--format=", "HEAD")
    head = folders.git("rev-parse", "--short=7", "HEAD").strip()
    assert shown.startswith(f"acme ({head}^) → acme ({head})\n")
    assert shown.count(" → acme (") == 1  # once, for the first file in git's order
    assert "target: 80 → 75 (relaxed)" in shown  # from framework.yaml
    assert "purpose: Leads Sales. → Leads Sales and Marketing." in shown  # from roles.yaml
    assert "diff --git" not in shown
    log = folders.git("log", "-p", "--ext-diff", "--format=commit: %s")
    assert log.count(f"acme ({head}^) → acme ({head})") == 1
    # the first commit has no version before it: its files are shown as added lines
    assert "+++ b/acme/roles.yaml" in log


def test_the_working_tree_and_the_index_of_a_folder_framework(folders: Repo) -> None:
    folders.write("acme/roles.yaml", folders.git("show", "HEAD:acme/roles.yaml").replace(
        "purpose: Leads Sales and Marketing.", "purpose: Leads Sales."
    ))  # fmt: skip
    try:
        out = folders.git("diff")
        assert out.startswith("acme (index) → acme (working tree)\n")
        assert "purpose: Leads Sales and Marketing. → Leads Sales." in out
        folders.git("add", "acme/roles.yaml")
        staged = folders.git("diff", "--cached")
        assert staged.startswith("acme (HEAD) → acme (index)\n") and "Leads Sales." in staged
        assert folders.git("diff") == ""
    finally:
        folders.git("reset", "-q", "--hard")


def test_a_file_added_to_a_folder_framework_is_part_of_its_comparison(folders: Repo) -> None:
    root = folders.git("show", "HEAD:acme/framework.yaml")
    before, rest = root.split("units:\n", 1)
    units, after = (
        rest.split("roles:\n", 1) if "roles:\n" in rest else rest.split("relationships:\n", 1)
    )
    folders.write("acme/framework.yaml", before.replace("[roles.yaml]", "[roles.yaml, units.yaml]")
                  + "relationships:\n" + after)  # fmt: skip
    folders.write("acme/units.yaml", "units:\n" + units)
    folders.git("add", "-A")
    try:
        staged = folders.git("diff", "--cached")
        assert staged.startswith("acme (HEAD) → acme (index)\n") and "diff --git" not in staged
    finally:
        folders.commit("units in a file of their own")
    try:
        shown = folders.git("show", "--ext-diff", "--format=", "HEAD")
        head = folders.git("rev-parse", "--short=7", "HEAD").strip()
        # moving entities between files is no change; the added file shows nothing more
        assert shown.startswith(f"acme ({head}^) → acme ({head})\n")
        assert shown.count(" → acme (") == 1 and "no changes" in shown
        assert "diff --git" not in shown
    finally:
        folders.git("reset", "-q", "--hard", "HEAD~1")


def test_a_file_of_a_folder_framework_renamed_or_deleted(folders: Repo) -> None:
    root = folders.git("show", "HEAD:acme/framework.yaml")
    folders.git("mv", "acme/roles.yaml", "acme/people.yaml")
    folders.write("acme/framework.yaml", root.replace("[roles.yaml]", "[people.yaml]"))
    folders.commit("roles renamed")
    try:
        shown = folders.git("show", "-M", "--ext-diff", "--format=", "HEAD")
        assert shown.count(" → acme (") == 1 and "no changes" in shown
        assert "diff --git" not in shown
        # deleted in the working tree: the framework loses its roles
        (folders.path / "acme" / "people.yaml").unlink()
        folders.write("acme/framework.yaml", root.replace("include: [roles.yaml]\n", ""))
        out = folders.git("diff")
        assert out.startswith("acme (index) → acme (working tree)\n") and "diff --git" not in out
        assert "role sales-head (Head of Sales) removed" in out
    finally:
        folders.git("reset", "-q", "--hard", "HEAD~1")
