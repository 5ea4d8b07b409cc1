"""Reporting periods (`2026`, `2026-H1`, `2026-Q3`, `2026-09`, `2026-W07`, `2026-T2`) and
which of them an indicator's frequency is measured in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

# Each kind: (pattern, how many per year). Terms are four-month terms (Jan–Apr, May–Aug, Sep–Dec).
_PATTERNS: dict[str, re.Pattern[str]] = {
    "year": re.compile(r"^(\d{4})$"),
    "half": re.compile(r"^(\d{4})-H([12])$"),
    "term": re.compile(r"^(\d{4})-T([1-3])$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "month": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    "week": re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$"),
}
_MONTHS = {"year": 12, "half": 6, "term": 4, "quarter": 3, "month": 1}
EXAMPLES = {
    "year": "2026",
    "half": "2026-H1",
    "term": "2026-T2",
    "quarter": "2026-Q3",
    "month": "2026-09",
    "week": "2026-W07",
}
ANY = tuple(_PATTERNS)
# The kinds of period each frequency is measured in. The format's periods go down to a
# month: an indicator measured more often than monthly is reported per month, as the
# format has it, or per ISO week (`2026-W07`), which rmf reads besides.
KINDS: dict[str, tuple[str, ...]] = {
    "weekly": ("month", "week"),
    "biweekly": ("month", "week"),
    "monthly": ("month",),
    "bimonthly": ("month",),
    "quarterly": ("quarter",),
    "per-term": ("term",),
    "semiannual": ("half",),
    "annual": ("year",),
    "biennial": ("year",),
    "as-needed": ANY,
    "continuous": ANY,
}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: ordered by its end, then by its length (longer last)."""

    end: date
    length: int  # in days, so that of two periods ending together the longer sorts last
    start: date = field(compare=False)
    kind: str = field(compare=False)
    text: str = field(compare=False)

    def __str__(self) -> str:
        return self.text


def _months(year: int, first_month: int, count: int, kind: str, text: str) -> Period:
    start = date(year, first_month, 1)
    after = first_month + count
    end = date(year + (after - 1) // 12, (after - 1) % 12 + 1, 1) - timedelta(days=1)
    return _period(start, end, kind, text)


def _period(start: date, end: date, kind: str, text: str) -> Period:
    return Period(end, (end - start).days + 1, start, kind, text)


def parse(text: str) -> Period | None:
    """The period that `text` names, or None when it is not one of the forms above."""
    for kind, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if match is None:
            continue
        year = int(match.group(1))
        if kind == "year":
            return _months(year, 1, 12, kind, text)
        number = int(match.group(2))
        if kind == "week":
            try:
                start = date.fromisocalendar(year, number, 1)
            except ValueError:
                return None  # week 53 of a year that has 52
            return _period(start, start + timedelta(days=6), kind, text)
        size = _MONTHS[kind]
        return _months(year, (number - 1) * size + 1, size, kind, text)
    return None


def containing(kind: str, day: date) -> Period:
    """The period of a kind that contains a day."""
    if kind == "week":
        year, week, _ = day.isocalendar()
        found = parse(f"{year}-W{week:02d}")
    elif kind == "year":
        found = parse(f"{day.year}")
    elif kind == "month":
        found = parse(f"{day.year}-{day.month:02d}")
    else:
        size = _MONTHS[kind]
        letter = {"half": "H", "term": "T", "quarter": "Q"}[kind]
        found = parse(f"{day.year}-{letter}{(day.month - 1) // size + 1}")
    assert found is not None
    return found


def previous(period: Period) -> Period:
    """The period of the same kind just before."""
    return containing(period.kind, period.start - timedelta(days=1))


def due(kind: str, report: Period) -> Period:
    """The latest period of a kind that has ended by the end of the report period."""
    current = containing(kind, report.end)
    return current if current.end <= report.end else previous(current)
