"""Semantic versions of a framework: the bump its changes call for, and whether it was made."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rmf.diff.grading import Grade

_CORE = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


def parse(version: str) -> tuple[int, int, int] | None:
    """major, minor, patch of a version; None when it is not semver-like."""
    match = _CORE.match(version)
    if match is None:
        return None
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def needed(version: str, grade: Grade) -> Grade:
    """The bump changes of `grade` call for: the grade itself from 1.0.0 on; below it, as
    semver's 0.x rule has it (anything may change before the first approved version), a
    major change calls for a minor bump and a minor one for a patch."""
    parts = parse(version)
    if parts is None or parts[0] > 0:
        return grade
    return Grade.MINOR if grade is Grade.MAJOR else Grade.PATCH


def bump(version: str, grade: Grade) -> str:
    """The next version for a bump of `grade`: 1.4.2 → 2.0.0, 1.5.0 or 1.4.3."""
    parts = parse(version)
    if parts is None:
        return version
    major, minor, patch = parts
    if grade is Grade.MAJOR:
        return f"{major + 1}.0.0"
    if grade is Grade.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def bumped(old: str, new: str) -> Grade | None:
    """How far `new` moved on from `old`; None when it did not move forward."""
    a, b = parse(old), parse(new)
    if a is None or b is None or b <= a:
        return None
    if b[0] > a[0]:
        return Grade.MAJOR
    if b[1] > a[1]:
        return Grade.MINOR if b[0] == a[0] else None
    return Grade.PATCH


@dataclass(frozen=True)
class VersionAdvice:
    """The version the changes call for, and whether `framework.version` says as much."""

    old: str
    new: str
    required: Grade | None
    made: Grade | None
    suggested: str
    # why no advice is given (two different frameworks: a base and a client); else ""
    unrelated: str = ""

    @property
    def applies(self) -> bool:
        """Whether the two sides are versions of one framework, so that advice makes sense."""
        return not self.unrelated

    @property
    def bump(self) -> Grade | None:
        """The bump the changes call for (below 1.0.0, one step less than their grade)."""
        return needed(self.old, self.required) if self.required is not None else None

    @property
    def ok(self) -> bool:
        bump = self.bump
        return (
            not self.applies
            or bump is None
            or (self.made is not None and self.made.rank >= bump.rank)
        )

    @property
    def message(self) -> str:
        if not self.applies:
            return f"no version advice: {self.unrelated}"
        if self.required is None:
            return "no changes that call for a new version"
        draft = (
            f" (below 1.0.0 a {self.bump} bump is enough)" if self.bump is not self.required else ""
        )
        if self.ok:
            return f"version {self.old} → {self.new} fits the {self.required} changes{draft}"
        if self.old == self.new:
            return (
                f"framework.version is still {self.new} but the changes are {self.required}"
                f"{draft}: make it {self.suggested}"
            )
        return (
            f"framework.version went {self.old} → {self.new} but the changes are "
            f"{self.required}{draft}: make it {self.suggested}"
        )


def advise(old: str, new: str, required: Grade | None, unrelated: str = "") -> VersionAdvice:
    """The version advice for changes of grade `required` from version `old` to `new`;
    none when `unrelated` says why the two sides are different frameworks."""
    if unrelated:
        return VersionAdvice(old, new, required, bumped(old, new), new, unrelated)
    suggested = bump(old, needed(old, required)) if required is not None else old
    return VersionAdvice(old, new, required, bumped(old, new), suggested)
