"""Pinned bases: a git repository at a tag, locked to its commit and cached; a package's."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import MINIMAL
from rmf.cli.app import app
from rmf.core.errors import FrameworkError
from rmf.core.findings import Mark
from rmf.reading import fetch
from rmf.reading.bases import lock
from rmf.reading.loader import load_source
from rmf.reading.lockfile import LOCK_FILE, read_lock
from rmf.reading.pinned import GitBase
from rmf.validate.run import validate

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()
DAY = date(2026, 11, 26)
CLIENT = """\
rmf: 1
extends: "{base}"
framework:
  id: client
  name: Client framework
  client: Client Co
  version: 0.1.0
  status: draft
units:
  - id: marketing
    name: Marketing
    kind: business
relationships:
  - id: marketing-relationship
    unit: marketing
    manager: brm
    allocation: 0.25
communications:
  - id: marketing-update
    name: Marketing update
    objective: Keep Marketing informed.
    audience: [marketing]
    owner: brm
    channel: email
    frequency: monthly
"""


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
def source(tmp_path: Path) -> Path:
    """A repository holding a base framework in base/, tagged v1."""
    repo = tmp_path / "method"
    (repo / "base").mkdir(parents=True)
    (repo / "base" / "framework.yaml").write_text(MINIMAL, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "tag", "v1")
    return repo


def url(source: Path, ref: str = "v1") -> str:
    return f"git+{source.as_uri()}@{ref}#subdirectory=base"


def client(tmp_path: Path, base: str) -> Path:
    folder = tmp_path / "client"
    folder.mkdir(exist_ok=True)
    (folder / "framework.yaml").write_text(CLIENT.format(base=base), encoding="utf-8")
    return folder


def move_tag(source: Path) -> str:
    with open(source / "base" / "framework.yaml", "a", encoding="utf-8") as out:
        out.write("# changed\n")
    git(source, "commit", "-qam", "changed")
    git(source, "tag", "-f", "v1")
    return git(source, "rev-parse", "HEAD")


def codes(folder: Path) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in validate(folder, DAY).findings]


def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str = "cache2") -> Path:
    cache = tmp_path / name
    monkeypatch.setenv("RMF_CACHE_DIR", str(cache))
    return cache


def test_a_locked_git_base_is_read_at_its_commit(tmp_path: Path, source: Path) -> None:
    folder = client(tmp_path, url(source))
    done = lock(folder)
    assert done.written and done.entry is not None
    assert done.entry.commit == git(source, "rev-parse", "HEAD")
    assert done.entry.url == source.as_uri() and done.entry.ref == "v1"
    assert codes(folder) == []
    loaded = load_source(folder)
    assert loaded.data["framework"]["id"] == "client"
    assert {u["id"] for u in loaded.data["units"]} >= {"marketing", "sales"}
    assert [e.commit for e in read_lock(folder / LOCK_FILE)] == [done.entry.commit]


def test_once_cached_the_base_is_read_with_its_repository_gone(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    lock(folder)
    shutil.rmtree(source)
    monkeypatch.setenv("RMF_OFFLINE", "1")
    assert codes(folder) == []


def test_a_base_the_lock_does_not_record_is_a_finding_at_extends(
    tmp_path: Path, source: Path
) -> None:
    folder = client(tmp_path, url(source))
    assert codes(folder) == [(2, "base-not-locked")]
    lock(folder)
    (folder / "framework.yaml").write_text(CLIENT.format(base=url(source, "v2")), "utf-8")
    assert codes(folder) == [(2, "base-not-locked")]  # another tag: lock it anew


def test_a_moved_tag_is_refused_against_the_lock(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    locked = lock(folder).entry
    moved = move_tag(source)
    assert codes(folder) == []  # cached at the locked commit: no network, no surprise
    empty_cache(tmp_path, monkeypatch)  # another machine
    findings = validate(folder, DAY).findings
    assert [(f.line, f.column, f.code) for f in findings] == [(2, 10, "base-moved")]
    assert moved[:12] in findings[0].message and locked is not None
    assert locked.commit[:12] in findings[0].message and "rmf lock --update" in findings[0].message
    assert not (tmp_path / "cache2" / "bases").exists() or not any(
        (tmp_path / "cache2" / "bases").rglob(moved)
    )
    again = runner.invoke(app, ["lock", str(folder), "--update"])
    assert again.exit_code == 0, again.stderr
    assert [e.commit for e in read_lock(folder / LOCK_FILE)] == [moved]
    assert codes(folder) == []


def test_a_commit_pin_needs_no_tag(tmp_path: Path, source: Path) -> None:
    commit = git(source, "rev-parse", "HEAD")
    folder = client(tmp_path, url(source, commit))
    assert lock(folder).entry is not None
    assert codes(folder) == []


def test_offline_without_the_base_cached_is_a_finding_naming_the_url(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    lock(folder)
    empty_cache(tmp_path, monkeypatch)
    monkeypatch.setenv("RMF_OFFLINE", "1")
    findings = validate(folder, DAY).findings
    assert [(f.line, f.code) for f in findings] == [(2, "base-not-fetched")]
    assert source.as_uri() in findings[0].message and "rmf fetch" in findings[0].message
    fetched = runner.invoke(app, ["fetch", str(folder)])
    assert fetched.exit_code == 1 and "base-not-fetched" in fetched.stderr


def test_an_unreachable_repository_is_a_finding_not_a_traceback(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    lock(folder)
    empty_cache(tmp_path, monkeypatch)
    shutil.rmtree(source)
    done = runner.invoke(app, ["validate", str(folder)])
    assert done.exit_code == 1 and "base-not-fetched" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_rmf_fetch_fills_the_cache_and_later_runs_need_no_repository(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    lock(folder)
    cache = empty_cache(tmp_path, monkeypatch)
    done = runner.invoke(app, ["fetch", str(folder)])
    assert done.exit_code == 0, done.stderr
    assert "1 base(s)" in done.stderr and str(cache) in done.stdout
    shutil.rmtree(source)
    monkeypatch.setenv("RMF_OFFLINE", "1")
    assert runner.invoke(app, ["validate", str(folder)]).exit_code == 0


def test_a_fetch_that_fails_leaves_nothing_in_the_cache(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    lock(folder)
    cache = empty_cache(tmp_path, monkeypatch)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # as if the run were stopped half-way through

    monkeypatch.setattr(fetch, "_materialise", killed)
    with pytest.raises(KeyboardInterrupt):
        load_source(folder)
    assert list(cache.rglob("framework.yaml")) == []
    monkeypatch.undo()
    monkeypatch.setenv("RMF_CACHE_DIR", str(cache))
    assert codes(folder) == []


def test_a_temporary_folder_left_by_a_killed_run_is_swept_once_stale(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = empty_cache(tmp_path, monkeypatch)
    left = cache / "tmp" / "1234-dead"
    (left / "tree").mkdir(parents=True)
    os.utime(left, (0, 0))
    lock(client(tmp_path, url(source)))
    assert not left.exists()


def test_a_copy_another_run_put_in_place_first_is_kept(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    lock(folder)
    empty_cache(tmp_path, monkeypatch)
    real = fetch._materialise

    def racing(base: GitBase, mark: Mark, repo: Path, commit: str, into: Path) -> None:
        real(base, mark, repo, commit, into)
        other = fetch.cached(base, commit)  # another run renamed its copy into place
        shutil.copytree(into, other)
        (other / "other-run").touch()

    monkeypatch.setattr(fetch, "_materialise", racing)
    assert codes(folder) == []
    (kept,) = (tmp_path / "cache2" / "bases").glob("*/*/other-run")
    assert kept.is_file()
    assert list((tmp_path / "cache2" / "tmp").iterdir()) == []


def test_git_is_never_asked_for_a_protocol_a_base_may_not_use(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, str]] = []
    real = fetch.git

    def spy(args: list[str], cwd: Path | None = None, env=None, timeout=None) -> bytes:  # type: ignore[no-untyped-def]
        if args[0] == "fetch":
            seen.append(dict(env or {}))
            assert args[args.index("--") + 1] == source.as_uri()
        return real(args, cwd, env, timeout)

    monkeypatch.setattr(fetch, "git", spy)
    lock(client(tmp_path, url(source)))
    assert seen and seen[0]["GIT_ALLOW_PROTOCOL"] == "https:ssh:file"
    assert seen[0]["GIT_TERMINAL_PROMPT"] == "0"


def test_a_malformed_extends_is_located(tmp_path: Path) -> None:
    folder = client(tmp_path, "git+http://example.org/m.git@v1")
    assert codes(folder) == [(2, "invalid-value")]


def test_a_broken_lock_is_located_in_the_lock(tmp_path: Path, source: Path) -> None:
    folder = client(tmp_path, url(source))
    (folder / LOCK_FILE).write_text("rmf-lock: 1\nbases:\n  - {extends: x}\n", "utf-8")
    findings = validate(folder, DAY).findings
    assert [(Path(f.file).name, f.line, f.code) for f in findings] == [
        (LOCK_FILE, 3, "invalid-value")
    ]
    assert lock(folder).written  # rmf lock writes it anew
    assert codes(folder) == []


def test_lock_keeps_a_locked_commit_and_drops_the_entry_of_a_base_no_longer_pinned(
    tmp_path: Path, source: Path
) -> None:
    folder = client(tmp_path, url(source))
    first = lock(folder).entry
    move_tag(source)
    again = lock(folder)
    assert not again.written and again.entry == first  # no silent update
    shutil.copytree(source / "base", tmp_path / "base")
    (folder / "framework.yaml").write_text(CLIENT.format(base="../base"), "utf-8")
    assert lock(folder).written
    assert read_lock(folder / LOCK_FILE) == []


def test_a_base_over_the_readers_caps_is_refused_with_a_finding(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmf.reading import gitfiles

    monkeypatch.setattr(gitfiles, "MAX_FILE_BYTES", 100)
    folder = client(tmp_path, url(source))
    with pytest.raises(FrameworkError) as caught:
        lock(folder)
    (finding,) = caught.value.findings
    assert (finding.file, finding.line, finding.code) == (
        (folder / "framework.yaml").as_posix(),
        2,
        "too-large",
    )
    assert "base/framework.yaml" in finding.message


def test_rmf_diff_reads_a_pinned_framework_at_a_revision(tmp_path: Path, source: Path) -> None:
    folder = client(tmp_path, url(source))
    lock(folder)
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "client")
    text = (folder / "framework.yaml").read_text(encoding="utf-8")
    (folder / "framework.yaml").write_text(text.replace("name: Marketing", "name: Growth"), "utf-8")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        done = runner.invoke(app, ["diff", "HEAD:framework.yaml", "framework.yaml"])
    finally:
        os.chdir(cwd)
    assert done.exit_code in (0, 1), done.stderr
    assert "Growth" in done.stdout and "base-not-locked" not in done.stdout + done.stderr


# --- a package that ships a framework -------------------------------------------------


def ship(tmp_path: Path, name: str = "acme-method", value: str = "acme_method.base") -> Path:
    """A distribution installed in a folder of its own: dist-info with an entry point, and
    the package whose folder holds the framework."""
    site = tmp_path / "site"
    (site / "acme_method" / "base").mkdir(parents=True)
    (site / "acme_method" / "__init__.py").write_text("", encoding="utf-8")
    (site / "acme_method" / "base" / "framework.yaml").write_text(MINIMAL, encoding="utf-8")
    info = site / "acme_method-1.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-method\nVersion: 1.2.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        textwrap.dedent(f"""\
            [rmf.frameworks]
            {name} = {value}
            """),
        encoding="utf-8",
    )
    return site


def test_a_package_base_is_found_by_its_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ship(tmp_path)))
    folder = client(tmp_path, "pkg:acme-method")
    assert codes(folder) == []
    assert load_source(folder).bases[0].endswith("acme_method/base/framework.yaml")
    assert not (folder / LOCK_FILE).exists()


def test_an_unknown_package_base_suggests_an_installed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ship(tmp_path)))
    folder = client(tmp_path, "pkg:acme-methd")
    findings = validate(folder, DAY).findings
    assert [(f.line, f.code) for f in findings] == [(2, "extends-not-found")]
    assert "did you mean `acme-method`" in findings[0].message


def test_an_entry_point_naming_an_object_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ship(tmp_path, value="acme_method:base")))
    findings = validate(client(tmp_path, "pkg:acme-method"), DAY).findings
    assert [(f.line, f.code) for f in findings] == [(2, "extends-not-found")]
    assert "names a package" in findings[0].message


def test_rmf_lock_says_what_it_wrote_and_leaves_an_unpinned_framework_alone(
    tmp_path: Path, source: Path
) -> None:
    folder = client(tmp_path, url(source))
    first = runner.invoke(app, ["lock", str(folder)])
    assert first.exit_code == 0 and "wrote" in first.stderr
    assert git(source, "rev-parse", "HEAD") in first.stderr
    again = runner.invoke(app, ["lock", str(folder)])
    assert again.exit_code == 0 and "unchanged" in again.stderr
    shutil.copytree(source / "base", tmp_path / "base")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "framework.yaml").write_text(CLIENT.format(base="../base"), "utf-8")
    done = runner.invoke(app, ["lock", str(plain)])
    assert done.exit_code == 0 and "nothing to lock" in done.stderr
    assert not (plain / LOCK_FILE).exists()


def test_rmf_lock_refuses_a_base_it_cannot_fetch_with_exit_1(tmp_path: Path) -> None:
    folder = client(tmp_path, f"git+{(tmp_path / 'nowhere').as_uri()}@v1")
    done = runner.invoke(app, ["lock", str(folder)])
    assert done.exit_code == 1 and "base-not-fetched" in done.stderr
    assert not (folder / LOCK_FILE).exists()


def test_a_cache_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    monkeypatch.setenv("RMF_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    done = runner.invoke(app, ["lock", str(folder)])
    assert done.exit_code == 2 and "cannot write the cache of bases" in done.stderr


def test_offline_a_base_never_locked_says_to_lock_it_online(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = client(tmp_path, url(source))
    monkeypatch.setenv("RMF_OFFLINE", "1")
    done = runner.invoke(app, ["lock", str(folder)])
    assert done.exit_code != 0
    said = done.stdout + done.stderr
    assert "base-not-fetched" in said and "`rmf lock` with RMF_OFFLINE unset" in said
