"""The template engine's cache of compiled templates: used between runs, never trusted
over a template's source, and never a reason for a run to fail."""

from __future__ import annotations

import time
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


def test_forked_processes_render_the_same_bytes_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rmf.render import engine

    monkeypatch.setenv("RMF_JOBS", "1")
    alone = render_text(REVISION)
    monkeypatch.setenv("RMF_JOBS", "2")
    if engine._workers(10) < 2:
        pytest.skip("this platform cannot fork rmf's processes")
    assert render_text(REVISION) == alone
    assert list(render_text(REVISION)) == list(alone)


def test_a_template_error_in_a_forked_process_is_reported_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmf.core.errors import TemplateError
    from rmf.render import engine

    monkeypatch.setenv("RMF_JOBS", "2")
    if engine._workers(10) < 2:
        pytest.skip("this platform cannot fork rmf's processes")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "position.md.j2").write_text("{{ no_such_field }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"position\.md\.j2:1"):
        render_text(REVISION, templates=templates)


def test_large_frameworks_use_every_core_small_ones_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from rmf.render import engine

    monkeypatch.delenv("RMF_JOBS", raising=False)
    assert engine._workers(engine.PARALLEL_FROM - 1) == 1
    monkeypatch.setenv("RMF_JOBS", "3")
    assert engine._workers(2) in (1, 2)  # never more processes than documents
    monkeypatch.setenv("RMF_JOBS", "nonsense")
    assert engine._workers(5) == 1


def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    from rmf.render import engine

    monkeypatch.setenv("RMF_JOBS", "2")
    if engine._workers(10) < 2:
        pytest.skip("this platform cannot fork rmf's processes")


def test_a_forked_process_that_dies_ends_the_run_with_an_error_not_a_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    from rmf.render import engine

    _forking(monkeypatch)
    parent = os.getpid()
    one = engine._Job.one

    def dying(self: engine._Job, item: engine.Pending) -> engine.Rendered:
        if os.getpid() != parent:
            os._exit(9)  # killed, as by the system running out of memory
        time.sleep(0.05)  # leave the forked process documents to take
        return one(self, item)

    monkeypatch.setattr(engine._Job, "one", dying)
    from rmf.core.errors import RenderError

    with pytest.raises(RenderError, match=r"ended unexpectedly \(exit code 9\)"):
        render_text(REVISION)


def test_a_failure_that_cannot_travel_between_processes_arrives_as_its_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import threading

    from rmf.render import engine

    _forking(monkeypatch)
    parent = os.getpid()
    one = engine._Job.one

    class Odd(Exception):
        def __init__(self) -> None:
            super().__init__("odd")
            self.lock = threading.Lock()  # a lock cannot be pickled

    def failing(self: engine._Job, item: engine.Pending) -> engine.Rendered:
        if os.getpid() != parent:
            raise Odd()
        time.sleep(0.05)  # leave the forked process documents to take
        return one(self, item)

    monkeypatch.setattr(engine._Job, "one", failing)
    with pytest.raises(RuntimeError, match=r"^Odd: odd$"):
        render_text(REVISION)


def test_this_process_renders_a_share_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from rmf.render import engine

    _forking(monkeypatch)
    parent = os.getpid()
    mine: list[str] = []
    one = engine._Job.one

    def noting(self: engine._Job, item: engine.Pending) -> engine.Rendered:
        if os.getpid() == parent:
            mine.append(item.path)
            time.sleep(0.05)  # leave the forked process documents to take
        return one(self, item)

    monkeypatch.setattr(engine._Job, "one", noting)
    monkeypatch.setenv("RMF_JOBS", "1")
    alone = render_text(REVISION)
    mine.clear()
    monkeypatch.setenv("RMF_JOBS", "2")
    assert render_text(REVISION) == alone
    assert mine
    assert len(mine) < len(alone) - 1  # the forked process rendered the rest (no manifest)
