"""The template engine's cache of compiled templates: used between runs, never trusted
over a template's source, and never a reason for a run to fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import render_text

from conftest import ROOT

REVISION = ROOT / "tests" / "examples" / "valid" / "revision-1-1.yaml"


def test_compiled_templates_are_kept_per_kind_of_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = render_text(REVISION)
    kept = sorted(p.parent.name for p in tmp_path.rglob("__jinja2_*.cache"))
    assert kept and set(kept) == {"md-trusted"}
    assert render_text(REVISION) == first  # from the cache: the same bytes


def test_a_changed_client_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "communication-plan.md.j2"
    page.write_text("# Plan, first wording\n", encoding="utf-8")
    first = render_text(REVISION, templates=templates)["communication-plan.md"]
    page.write_text("# Plan, second wording\n", encoding="utf-8")
    second = render_text(REVISION, templates=templates)["communication-plan.md"]
    assert (first, second) == ("# Plan, first wording\n", "# Plan, second wording\n")
    assert any((tmp_path / "cache").rglob("md-sandboxed/__jinja2_*.cache"))


def test_a_cache_that_cannot_be_written_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert "communication-plan.md" in render_text(REVISION)


def test_a_damaged_cache_entry_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = render_text(REVISION)
    for entry in tmp_path.rglob("__jinja2_*.cache"):
        entry.write_bytes(b"j2 not what was written")
    assert render_text(REVISION) == first
