"""Rendering a framework from an untrusted pull request: templates only from inside their
folder, client templates under time and size limits, documents only inside the output
folder, and an output folder that is never left a mix of two runs."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from pathlib import Path

import pytest
from render_helpers import client_framework, read_tree, render_cli

from rmf.render import engine, output
from rmf.render.output import MANIFEST, STAGING

SECRET = "machine github.com login ci password hunter2"


rmf = render_cli


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    path = client_framework(tmp_path)
    (tmp_path / "netrc").write_text(SECRET + "\n", encoding="utf-8")
    return path


def template(framework: Path, text: str, name: str = "position.md.j2") -> Path:
    folder = framework.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def leaked(tmp_path: Path, *texts: str) -> bool:
    """Whether the secret shows in any output or any file under the temporary folder."""
    if any(SECRET in t or "hunter2" in t for t in texts):
        return True
    for path in tmp_path.rglob("*"):
        ours = path.is_file() and not path.is_symlink() and path.name != "netrc"
        if ours and b"hunter2" in path.read_bytes():
            return True
    return False


# --- templates ----------------------------------------------------------------------


def test_an_include_of_a_link_out_of_the_template_folder_is_refused(
    framework: Path, tmp_path: Path
) -> None:
    folder = template(framework, '{% include "notes.txt" %}\n')
    (folder / "notes.txt").symlink_to(tmp_path / "netrc")
    out = tmp_path / "out"
    for check in ([], ["--check"]):
        code, stdout, err = rmf(str(framework), "-o", str(out), *check)
        assert code == 1 and "leads outside the template folder" in err
        assert "notes.txt" in err
        assert not leaked(tmp_path, stdout, err)
    assert not out.exists()


def test_a_template_that_is_itself_a_link_out_is_refused(framework: Path, tmp_path: Path) -> None:
    folder = framework.parent / "templates"
    folder.mkdir()
    (folder / "position.md.j2").symlink_to(tmp_path / "netrc")
    code, stdout, err = rmf(str(framework), "-o", str(tmp_path / "out"))
    assert code == 1 and "leads outside the template folder" in err
    assert not leaked(tmp_path, stdout, err)


def test_a_templates_folder_linked_out_of_the_framework_is_refused(
    framework: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "position.md.j2").write_text("{{ id }}\n", encoding="utf-8")
    (framework.parent / "templates").symlink_to(elsewhere)
    code, _, err = rmf(str(framework), "-o", str(tmp_path / "out"))
    assert code == 1 and "leads outside the framework folder" in err


def test_a_link_inside_a_templates_option_folder_is_refused_too(
    framework: Path, tmp_path: Path
) -> None:
    chosen = tmp_path / "house"
    chosen.mkdir()
    (chosen / "position.md.j2").write_text('{% include "x.j2" %}\n', encoding="utf-8")
    (chosen / "x.j2").symlink_to(tmp_path / "netrc")
    code, stdout, err = rmf(str(framework), "-o", str(tmp_path / "out"), "--templates", str(chosen))
    assert code == 1 and "leads outside the template folder" in err
    assert not leaked(tmp_path, stdout, err)


def test_links_inside_the_template_folder_still_work(framework: Path, tmp_path: Path) -> None:
    folder = template(framework, '{% include "shared.j2" %}\n', "parts.j2")
    (folder / "shared.j2").write_text("# {{ title }}\n", encoding="utf-8")
    (folder / "position.md.j2").symlink_to(folder / "parts.j2")
    code, _, err = rmf(str(framework), "-o", str(tmp_path / "out"), "--only", "position")
    assert code == 0, err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "ran for more than",
        ),
        (
            '{% set ns = namespace(s="ab") %}{% for i in range(64) %}'
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
            "larger than",
        ),
        ('{{ "x" * 1000000000 }}', "larger than"),
        ("{{ 9 ** 99999999 }}", "larger than any document needs"),
        ('{{ "x"|center(1000000000) }}', "more than any document needs"),
        ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "larger than"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "too deeply"),
    ],
)
def test_a_client_template_runs_under_time_and_size_limits(
    framework: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, words: str
) -> None:
    monkeypatch.setattr(engine, "TEMPLATE_SECONDS", 1.0 if "ran for" in words else 600.0)
    monkeypatch.setattr(engine, "MAX_TEMPLATE_OUTPUT", 10_000_000)
    template(framework, text + "\n")
    code, _, err = rmf(str(framework), "-o", str(tmp_path / "out"), "--only", "position")
    assert code == 1 and words in err, err
    assert "position.md.j2" in err


# --- the output folder --------------------------------------------------------------


def test_documents_are_never_written_through_a_linked_subfolder(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "positions").symlink_to(elsewhere)
    code, _, err = rmf(str(framework), "-o", str(out))
    assert code == 2 and "leads outside" in err and "remove the link" in err
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["positions"]


def test_a_document_linked_out_of_the_folder_is_not_written_through(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    victim = tmp_path / "victim.md"
    victim.write_text("keep me\n", encoding="utf-8")
    first = sorted(p for p in out.rglob("*.md") if p.parent != out)[0]
    first.unlink()
    first.symlink_to(victim)
    code, _, err = rmf(str(framework), "-o", str(out))
    assert code == 2 and "leads outside" in err
    assert victim.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_planted_as_the_manifest_does_not_hang(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / MANIFEST)
    code, _, err = rmf(str(framework), "-o", str(out), "--check")
    assert code == 1 and "differs" in err


def half_committed(framework: Path, out: Path) -> dict[str, bytes]:
    """The folder as a render killed in the middle of its moves leaves it: the new set
    complete in the staging folder, some of it already moved in. Returns the new set."""
    rmf(str(framework), "-o", str(out))
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace("version: 2.1.0", "version: 2.2.0", 1), encoding="utf-8")
    new_out = out.parent / "fresh"
    rmf(str(framework), "-o", str(new_out))
    new = read_tree(new_out)
    changed = sorted(p for p, data in new.items() if read_tree(out).get(p) != data)
    assert len(changed) > 2 and changed[-1] != MANIFEST
    staging = out / STAGING
    for path in changed:
        (staging / path).parent.mkdir(parents=True, exist_ok=True)
        (staging / path).write_bytes(new[path])
    moved = [p for p in changed if p != MANIFEST][:2]
    for path in moved:
        os.replace(staging / path, out / path)
    files = [
        {"path": p, "sha256": hashlib.sha256(new[p]).hexdigest()}
        for p in sorted(changed, key=lambda p: (p == MANIFEST, p))
    ]
    (staging / ".complete").write_text(json.dumps({"files": files, "stale": []}))
    return new


def test_check_never_calls_a_half_committed_folder_up_to_date(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    new = half_committed(framework, out)
    code, _, err = rmf(str(framework), "-o", str(out), "--check")
    assert code == 1 and "half-updated" in err
    code, _, err = rmf(str(framework), "-o", str(out))
    assert code == 0, err
    assert read_tree(out) == new
    assert rmf(str(framework), "-o", str(out), "--check")[0] == 0


def test_an_incomplete_staging_folder_is_dropped_and_the_old_set_kept(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    before = read_tree(out)
    (out / STAGING / "positions").mkdir(parents=True)
    (out / STAGING / "positions" / "half.md").write_text("half", encoding="utf-8")
    assert rmf(str(framework), "-o", str(out), "--check")[0] == 0
    assert rmf(str(framework), "-o", str(out))[0] == 0
    assert read_tree(out) == before and not (out / STAGING).exists()


def test_temporary_files_left_by_killed_runs_are_removed(framework: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    document = sorted(p for p in out.rglob("*.md") if p.parent != out)[0]
    leftovers = [document.parent / f".{document.name}.{pid}.tmp" for pid in (101, 202)]
    for leftover in leftovers:
        leftover.write_text("half", encoding="utf-8")
    mine = document.parent / ".my-own-notes.tmp"
    mine.write_text("not rmf's", encoding="utf-8")
    assert rmf(str(framework), "-o", str(out))[0] == 0
    assert not any(p.exists() for p in leftovers) and mine.exists()


def test_two_renders_into_one_folder_take_turns(
    framework: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(output, "LOCK_WAIT", 0.3)
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as another render holds it
        code, _, err = rmf(str(framework), "-o", str(out))
        assert code == 2 and "another rmf render" in err
        assert list(out.iterdir()) == []
    finally:
        os.close(fd)
    assert rmf(str(framework), "-o", str(out))[0] == 0


def test_a_planted_staging_folder_cannot_move_outside_files_in(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "id_rsa").write_text("TOPSECRET\n", encoding="utf-8")
    (out / STAGING).mkdir()
    (out / STAGING / "positions").symlink_to(secrets)
    sha = hashlib.sha256(b"TOPSECRET\n").hexdigest()
    journal = {"files": [{"path": "positions/id_rsa", "sha256": sha}], "stale": []}
    (out / STAGING / ".complete").write_text(json.dumps(journal), encoding="utf-8")
    assert rmf(str(framework), "-o", str(out))[0] == 0
    assert (secrets / "id_rsa").read_text(encoding="utf-8") == "TOPSECRET\n"
    assert not (out / "positions" / "id_rsa").exists()


def test_an_output_folder_that_is_a_link_is_refused(framework: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (tmp_path / "out").symlink_to(victim)
    code, _, err = rmf(str(framework), "-o", str(tmp_path / "out"))
    assert code == 2 and "is a link" in err
    assert list(victim.iterdir()) == []


@pytest.mark.parametrize("planted", ["manifest.json", f"{STAGING}/.complete"])
def test_a_manifest_or_journal_nested_too_deeply_is_ignored(
    framework: Path, tmp_path: Path, planted: str
) -> None:
    out = tmp_path / "out"
    (out / planted).parent.mkdir(parents=True)
    (out / planted).write_text("[" * 200_000, encoding="utf-8")
    for check in (["--check"], []):
        code, _, err = rmf(str(framework), "-o", str(out), *check)
        assert code in (0, 1), err


def test_a_folder_in_the_way_of_a_document_is_refused_before_anything_moves(
    framework: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    rmf(str(framework), "-o", str(out))
    before = read_tree(out)
    (out / "index.md").unlink()
    (out / "index.md").mkdir()
    code, _, err = rmf(str(framework), "-o", str(out))
    assert code == 2 and "a folder stands where a document goes" in err
    del before["index.md"]
    assert read_tree(out) == before and not (out / STAGING).exists()


@pytest.mark.parametrize(
    "text",
    [
        '{% set s="x"|center(1000000) %}' + "{% set s = s ~ s %}" * 8 + "{{ s|length }}",
        '{% set s = "%99999999d" % 1 %}{{ s|length }}',
        '{{ "x".ljust(1000000000) }}',
        '{{ "{:>999999999}".format(1) }}',
        '{{ "%999999999d"|format(1) }}',
    ],
)
def test_cheap_ways_to_build_huge_values_are_stopped(
    framework: Path, tmp_path: Path, text: str
) -> None:
    template(framework, text + "\n")
    code, _, err = rmf(str(framework), "-o", str(tmp_path / "out"), "--only", "position")
    assert code == 1 and ("larger than" in err or "width" in err), err


def test_plain_loops_over_text_check_the_clock(
    framework: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "TEMPLATE_SECONDS", 1.0)
    template(
        framework,
        '{% set s="x"|center(100000) %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}\n',
    )
    code, _, err = rmf(str(framework), "-o", str(tmp_path / "out"), "--only", "position")
    assert code == 1 and "ran for more than" in err


def test_ordinary_formatting_in_client_templates_still_works(
    framework: Path, tmp_path: Path
) -> None:
    template(
        framework,
        '{{ "%5.1f"|format(2.5) }} {{ "{:,}".format(2500000) }} '
        '{% for x in [1, 2] %}{{ loop.length }}{{ loop.cycle("a", "b") }}{% endfor %}\n',
    )
    out = tmp_path / "out"
    code, _, err = rmf(str(framework), "-o", str(out), "--only", "position")
    assert code == 0, err
    text = next((out / "positions").iterdir()).read_text(encoding="utf-8")
    assert text.strip() == "2.5 2,500,000 2a2b"


def test_a_plan_made_before_another_render_is_made_again_under_the_lock(
    framework: Path, tmp_path: Path
) -> None:
    from render_helpers import DAY

    from rmf.render.output import write
    from rmf.render.pipeline import prepare

    out = tmp_path / "out"
    assert rmf(str(framework), "-o", str(out))[0] == 0
    only_charters = prepare(framework, out, "md", ["charter"], today=DAY)
    # another render changes the folder between this one's plan and its write
    edit = framework.read_text(encoding="utf-8").replace("version: 2.1.0", "version: 2.2.0", 1)
    framework.write_text(edit, encoding="utf-8")
    assert rmf(str(framework), "-o", str(out), "-f", "md")[0] == 0
    write(out, only_charters.plan)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    on_disk = {p: hashlib.sha256(d).hexdigest() for p, d in read_tree(out).items() if p != MANIFEST}
    assert listed == on_disk
