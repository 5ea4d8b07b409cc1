"""The command line keeps light copies of some library lists, so that `--help` loads no
library; each copy must equal the list it mirrors."""

from __future__ import annotations

from typing import get_args

from rmf.cli import diff, render, scorecard, show, validate
from rmf.diff.grading import Grade
from rmf.diff.report import Format as DiffReportFormat
from rmf.render.engine import FORMATS, Format
from rmf.render.kinds import KINDS
from rmf.scorecard.pipeline import Format as ScorecardFormat
from rmf.show.shape import VIEWS
from rmf.validate.report import Format as ValidateFormat


def values(enum: type) -> list[str]:
    return [member.value for member in enum]  # type: ignore[attr-defined]


def test_render_formats_and_kinds_equal_the_library_s() -> None:
    assert render.FORMATS == FORMATS == get_args(Format)
    assert render.KINDS == KINDS


def test_show_views_equal_the_library_s() -> None:
    assert show.VIEWS == VIEWS


def test_output_formats_equal_the_library_s() -> None:
    assert values(validate.OutputFormat) == values(ValidateFormat)
    assert values(diff.DiffFormat) == values(DiffReportFormat)
    assert values(scorecard.ScorecardFormat) == list(get_args(ScorecardFormat))


def test_change_grades_equal_the_library_s() -> None:
    assert sorted(values(diff.FailOn)) == sorted(values(Grade))
