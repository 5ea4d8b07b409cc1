"""Changes told to a client: `rmf changelog` and `rmf diff --format markdown` over a history of
Edmonton (a relationship reassigned and a policy reworded; then a role renamed and
retitled), pinned by golden files, with ids only in the details block."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from diff_helpers import commit, git, write_pair
from typer.testing import CliRunner

from conftest import FRAMEWORKS
from rmf.cli.app import app
from rmf.diff.gitrev import read
from rmf.model.types import SECTIONS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
runner = CliRunner()
GOLDEN = Path(__file__).parent / "golden"
EDMONTON = "frameworks/edmonton"
BRM = re.compile(r"(?<![a-z-])business-relationship-manager\b")


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; --update-golden rewrites it"


def edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def reassign_and_reword(edmonton: Path) -> None:
    """2.0.0: the Roads and Traffic relationship moves to the senior manager, and the
    relationship management policy says how commitments are agreed."""
    edit(edmonton / "framework.yaml", ('version: "1.0.0"', 'version: "2.0.0"'))
    edit(
        edmonton / "relationships.yaml",
        (
            "unit: roads-and-traffic\n    manager: business-relationship-manager\n"
            "    backup: senior-business-relationship-manager\n",
            "unit: roads-and-traffic\n    manager: senior-business-relationship-manager\n"
            "    backup: business-relationship-manager\n",
        ),
        ("assignee: brm-infrastructure\n\n", "assignee: sbrm-transportation\n\n"),
    )
    edit(
        edmonton / "policies.yaml",
        (
            "IT staff route new\n      commitments to a business unit through its relationship",
            "IT staff agree every\n      new commitment to a business unit with its relationship",
        ),
    )


def rename_and_retitle(edmonton: Path) -> None:
    """3.0.0: the Business Relationship Manager becomes the Client Relationship Manager,
    under a new id everywhere (the base's role of that id is no longer adopted)."""
    edit(edmonton / "framework.yaml", ('version: "2.0.0"', 'version: "3.0.0"'))
    for path in sorted(edmonton.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(BRM.sub("client-relationship-manager", text), encoding="utf-8")
    edit(
        edmonton / "framework.yaml",
        (
            "exclude: [net-promoter-score]",
            "exclude: [net-promoter-score, business-relationship-manager]",
        ),
    )
    edit(
        edmonton / "roles" / "business-engagement.yaml",
        ("title: Business Relationship Manager\n", "title: Client Relationship Manager\n"),
    )


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with Edmonton and its base at three tagged versions."""
    repo = tmp_path_factory.mktemp("edmonton-history")
    git(repo, "init", "-q")
    for name in ("base", "edmonton"):
        shutil.copytree(FRAMEWORKS / name, repo / "frameworks" / name)
    commit(repo, "Edmonton 1.0.0")
    git(repo, "tag", "v1")
    reassign_and_reword(repo / EDMONTON)
    commit(repo, "Edmonton 2.0.0")
    git(repo, "tag", "v2")
    rename_and_retitle(repo / EDMONTON)
    commit(repo, "Edmonton 3.0.0")
    git(repo, "tag", "v3")
    return repo


def run(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(repo)
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def ids(repo: Path, monkeypatch: pytest.MonkeyPatch, rev: str) -> set[str]:
    """Every id of Edmonton at a revision, and of its seats."""
    monkeypatch.chdir(repo)
    git(repo, "checkout", "-q", rev)
    try:
        fw = read(repo / EDMONTON)
    finally:
        git(repo, "checkout", "-q", "v3")
    found = {e.id for s in SECTIONS for e in getattr(fw, s)}
    return found | {s.id for r in fw.roles for s in r.incumbents or []}


def outside_details(text: str) -> str:
    return re.sub(r"<details>.*?</details>", "", text, flags=re.S)


@pytest.mark.parametrize(("old", "new"), [("v1", "v2"), ("v2", "v3")])
def test_edmontons_changelog_reads_as_prose_with_ids_only_in_the_details(
    old: str, new: str, history: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    out = run(
        history, monkeypatch, "changelog", "--from", old, "--to", new, EDMONTON,
        "--today", "2026-12-01",
    )  # fmt: skip
    check_golden(f"edmonton-changelog-{old}-{new}.md", out, update_golden)
    prose = outside_details(out)
    named = ids(history, monkeypatch, old) | ids(history, monkeypatch, new)
    leaked = {i for i in named if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", prose)}
    assert leaked <= {"it"} and "`" not in prose  # "it" is a word too
    assert "<details>" in out  # and they are all there for the maintainers


def test_a_reassigned_relationship_and_a_reworded_policy_read_as_a_person_writes_them(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(history, monkeypatch, "changelog", "--from", "v1", "--to", "v2", EDMONTON)
    assert (
        "- The Senior Business Relationship Manager now manages the relationship with the "
        "Roads and Traffic Operations Branch (was the Business Relationship Manager).\n"
    ) in out
    assert "IT staff ~~route~~ **agree every** new ~~commitments~~ **commitment** to a" in out
    assert out.startswith("## [2.0.0] - ")


def test_a_role_renamed_and_retitled_is_one_change_whose_references_follow(
    history: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    out = run(history, monkeypatch, "diff", "--from", "v2", "--to", "v3", EDMONTON)
    check_golden("edmonton-rename-v2-v3.txt", out, update_golden)
    assert out.count("major ") == 1 and "34 references follow the rename" in out
    markdown = run(
        history, monkeypatch, "diff", "-f", "markdown", "--from", "v2", "--to", "v3", EDMONTON
    )
    check_golden("edmonton-rename-v2-v3.md", markdown, update_golden)
    assert (
        "- **major** · The Business Relationship Manager is retitled Client Relationship Manager.\n"
        in markdown
    )
    assert "Position description: Client Relationship Manager · added" in markdown


RENAMED_WITH_EDITS = (
    (
        "id: brm\n    title: Business Relationship Manager",
        "id: crm\n    title: Client Relationship Manager",
    ),
    (
        "purpose: Manages the relationship with Sales.",
        "purpose: Manages the relationship with the Sales unit.",
    ),
)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("text", "rename.txt"), ("markdown", "rename.md"), ("changelog", "rename-changelog.md")],
)
def test_a_renamed_entity_with_edits_in_every_format(
    fmt: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    old = tmp_path / "old.yaml"
    write_pair(tmp_path)
    new = tmp_path / "new.yaml"
    text = old.read_text(encoding="utf-8")
    for a, b in RENAMED_WITH_EDITS:
        text = text.replace(a, b)
    new.write_text(re.sub(r"\bbrm\b", "crm", text), encoding="utf-8")
    out = run(
        tmp_path, monkeypatch, "diff", "-f", fmt, "--today", "2026-12-01", "old.yaml", "new.yaml"
    )
    check_golden(name, out, update_golden)
