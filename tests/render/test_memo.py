"""A memo of pages made before: the same documents as without it, and only the pages that
changed made again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from render_helpers import DAY, FIXTURES

from conftest import ROOT
from rmf.render.engine import render, render_later
from rmf.render.memo import Memo
from rmf.validate.run import load_framework

REVISION = ROOT / "tests" / "examples" / "valid" / "revision-1-1.yaml"


def documents(path: Path, memo: Memo | None) -> dict[str, str]:
    framework = load_framework(path, DAY).framework
    assert framework is not None
    return {d.path: d.text for d in render(framework, "html", memo=memo, folder=path.parent)}


def test_a_memo_changes_no_page(tmp_path: Path) -> None:
    memo = Memo()
    plain = documents(FIXTURES / "derived.yaml", None)
    assert documents(FIXTURES / "derived.yaml", memo) == plain
    assert memo.made == len(plain)
    assert documents(FIXTURES / "derived.yaml", memo) == plain
    assert memo.made == 0


def test_only_the_pages_whose_text_changed_are_made_again(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", path)
    memo = Memo()
    before = documents(path, memo)
    text = path.read_text(encoding="utf-8")
    assert "purpose: Runs the relationship office" in text
    path.write_text(text.replace("purpose: Runs the", "purpose: Steers the"), encoding="utf-8")
    after = documents(path, memo)
    changed = {p for p in before if before[p] != after[p]}
    assert "positions/lead-brm.html" in changed
    assert memo.made == len(changed) < len(before) / 4
    assert after == documents(path, None)


def test_a_memo_forgets_what_the_last_render_did_not_use(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", path)
    memo = Memo()
    documents(path, memo)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("purpose: Runs the", "purpose: Steers the"), encoding="utf-8")
    documents(path, memo)
    path.write_text(text, encoding="utf-8")  # back: the first wording is made again
    documents(path, memo)
    assert memo.made == 2  # the position description and the body's charter that quotes it


def test_a_diagram_is_drawn_again_when_what_it_shows_changed_beyond_its_mermaid(
    tmp_path: Path,
) -> None:
    """The stakeholder map's title names the client, which its Mermaid text leaves out."""
    path = tmp_path / "framework.yaml"
    shutil.copy(REVISION, path)
    memo = Memo()
    before = documents(path, memo)["communication-plan.html"]
    assert "Stakeholder map of Example Client" in before
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("client: Example Client", "client: Southwind"), encoding="utf-8")
    after = documents(path, memo)
    assert "Stakeholder map of Southwind" in after["communication-plan.html"]
    assert after == documents(path, None)


def test_pages_made_later_are_the_pages_and_a_sweep_keeps_those_not_yet_made(
    tmp_path: Path,
) -> None:
    path = tmp_path / "framework.yaml"
    shutil.copy(FIXTURES / "derived.yaml", path)
    framework = load_framework(path, DAY).framework
    assert framework is not None
    memo = Memo()
    pages = render_later(framework, memo=memo, folder=tmp_path)
    assert memo.converted == 0
    first = pages[0].html()
    assert memo.converted == 1 and pages[0].html() is first
    again = render_later(framework, memo=memo, folder=tmp_path)  # its sweep keeps all
    assert again == pages and memo.converted == 1
    assert {p.path: p.html() for p in again} == documents(path, None)
    assert memo.converted == len(pages)  # the first page was not made again


def test_a_slow_page_keeps_no_other_page_waiting() -> None:
    import threading

    memo = Memo()
    memo.use("slow")
    memo.use("quick")
    started, release = threading.Event(), threading.Event()
    made: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(10)
        made.append("slow")
        return "<p>slow</p>"

    asker = threading.Thread(target=lambda: memo.later("slow", slow))
    asker.start()
    assert started.wait(10)
    assert memo.later("quick", lambda: "<p>quick</p>") == "<p>quick</p>"
    assert made == []  # made while the slow page was still being made
    release.set()
    asker.join(10)
    assert made == ["slow"]
    assert memo.later("slow", lambda: "made twice") == "<p>slow</p>"  # made once


def test_threads_asking_for_one_page_at_once_get_the_page_made_once() -> None:
    import threading

    memo = Memo()
    memo.use("page")
    calls: list[int] = []
    gate = threading.Barrier(4)

    def make() -> str:
        calls.append(1)
        return "<p>page</p>"

    def ask(found: list[str]) -> None:
        gate.wait(10)
        found.append(memo.later("page", make))

    found: list[str] = []
    threads = [threading.Thread(target=ask, args=(found,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert found == ["<p>page</p>"] * 4
    assert len(calls) == 1


def test_a_drawing_being_made_keeps_no_page_waiting() -> None:
    import threading

    memo = Memo()
    started, release = threading.Event(), threading.Event()
    drawn: list[str] = []

    def draw() -> str:
        started.set()
        release.wait(10)
        drawn.append("chart")
        return "<svg/>"

    picture = memo.image("chart", draw)
    asker = threading.Thread(target=picture)
    asker.start()
    assert started.wait(10)
    memo.use("page")
    assert memo.later("page", lambda: "<p>page</p>") == "<p>page</p>"
    assert drawn == []  # served while the chart was still being drawn
    release.set()
    asker.join(10)
    assert picture() == "<svg/>" and drawn == ["chart"]


def test_a_page_that_failed_is_made_again_on_the_next_request() -> None:
    memo = Memo()
    memo.use("page")
    calls: list[int] = []

    def make() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("template failed")
        return "<p>page</p>"

    with pytest.raises(RuntimeError):
        memo.later("page", make)
    assert memo.later("page", make) == "<p>page</p>"
    assert memo.later("page", make) == "<p>page</p>"
    assert len(calls) == 2
    assert not memo._gates  # no lock left behind
