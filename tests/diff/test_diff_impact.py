"""The documents a change touches: derived from render's view models, and the same as
comparing every view of both versions."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

from diff_helpers import diff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FRAMEWORKS
from rmf.diff.compare import compare
from rmf.model.framework import Framework
from rmf.model.refs import iter_refs
from rmf.model.types import SECTIONS
from rmf.render.documents import documents
from rmf.validate.run import load_framework

KINDS = ("position", "charter", "relationship", "communication-plan")


def every_view(fw: Framework) -> dict[str, tuple[str, Any]]:
    out = {}
    for doc in documents(fw, KINDS):
        view: Any = doc.view
        view = dataclasses.replace(view, meta=dataclasses.replace(view.meta, version=""))
        out[doc.path] = (doc.title, view)
    return out


def compared_in_full(old: Framework, new: Framework) -> set[tuple[str, str]]:
    """The documents that differ, found the slow way: every view of both versions."""
    before, after = every_view(old), every_view(new)
    changed = {(p, "changed") for p in before.keys() & after.keys() if before[p] != after[p]}
    added = {(p, "added") for p in after.keys() - before.keys()}
    removed = {(p, "removed") for p in before.keys() - after.keys()}
    return changed | added | removed


def test_a_member_roles_new_title_changes_the_charter(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("title: Head of Sales", "title: Sales Director"))
    assert [(d.kind, d.path, d.title, d.status) for d in cmp.documents] == [
        ("position", "positions/sales-head.md", "Sales Director", "changed"),
        ("charter", "charters/steering.md", "IT Steering Committee", "changed"),
    ]


def test_a_relaxed_target_touches_the_owner_and_where_it_is_reported(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("target: 2", "target: 4"))
    assert {d.path for d in cmp.documents} == {"positions/brm.md", "charters/steering.md"}


def test_a_new_audience_changes_the_communication_plan(tmp_path: Path) -> None:
    cmp = diff(tmp_path, ("audience: [sales]", "audience: [sales, steering]"))
    assert {d.path for d in cmp.documents} == {
        "communication-plan.md",
        "positions/brm.md",
        "charters/steering.md",
    }


def test_a_version_bump_alone_touches_no_document(tmp_path: Path) -> None:
    assert diff(tmp_path, ("version: 1.0.0", "version: 2.0.0")).documents == ()


@cache
def edmonton() -> Framework:
    fw = load_framework(FRAMEWORKS / "edmonton").framework
    assert fw is not None
    return fw


def _set(data: Any, loc: tuple[str | int, ...], value: Any) -> None:
    for step in loc[:-1]:
        data = data[step]
    data[loc[-1]] = value


@st.composite
def mutations(draw: st.DrawFn) -> Framework:
    """Edmonton with one entity edited: a name, a reference, a number, or removed."""
    fw = edmonton()
    section = draw(st.sampled_from([s for s in SECTIONS if getattr(fw, s)]))
    entities = list(getattr(fw, section))
    index = draw(st.integers(0, len(entities) - 1))
    entity = entities[index]
    how = draw(st.sampled_from(["name", "reference", "number", "remove"]))
    if how == "remove":
        del entities[index]
        return fw.model_copy(update={section: entities})
    data = entity.model_dump(by_alias=True)
    refs = list(iter_refs(entity))
    if how == "reference" and refs:
        loc, _, ref = draw(st.sampled_from(refs))
        seats = [s for r in fw.roles for s in r.incumbents or []]
        ids = sorted(
            e.id for s in ref.sections for e in (seats if s == "incumbents" else getattr(fw, s))
        )
        _set(data, loc, draw(st.sampled_from(ids)))
    elif how == "number" and section == "indicators":
        data["target"] = data["target"] + draw(st.sampled_from([-1, 1]))
    else:
        key = "title" if "title" in data else "name" if "name" in data else "review"
        data[key] = f"{data.get(key) or ''} (revised)" if key != "review" else "monthly"
    entities[index] = type(entity).model_validate(data)
    return fw.model_copy(update={section: entities})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(new=mutations())
def test_impact_finds_exactly_the_documents_whose_views_differ(new: Framework) -> None:
    old = edmonton()
    found = {(d.path, d.status) for d in compare(old, new).documents}
    assert found == compared_in_full(old, new)
