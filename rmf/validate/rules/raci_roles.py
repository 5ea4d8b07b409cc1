"""raci-roles: a role, or (1.1) a governance body, holds at most one RACI letter per step
(A may also be R)."""

from __future__ import annotations

from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "raci-roles"
LETTERS = (("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"))


def check(ctx: Context) -> Iterator[Finding]:
    for process in ctx.fw.processes:
        for s, step in enumerate(process.steps):
            held: dict[str, str] = {}
            for field, letter in LETTERS:
                if not ctx.intact(process, ("steps", s, field)):
                    continue  # a broken letter holds no one; the others still count
                value = getattr(step, field)
                roles = [value] if isinstance(value, str) else (value or [])
                for i, role in enumerate(roles):
                    if not (ctx.is_a(role, "roles") or ctx.is_a(role, "governance")):
                        continue  # an unknown id is reported once, as unresolved-reference
                    before = held.get(role, "")
                    if letter in before:
                        continue  # listed twice under one letter, it still holds one
                    held[role] = before + letter
                    if not before or {before, letter} == {"R", "A"}:
                        continue
                    where = (
                        ("steps", s, field) if isinstance(value, str) else ("steps", s, field, i)
                    )
                    noun = "role" if ctx.is_a(role, "roles") else "governance body"
                    yield ctx.finding(
                        CODE,
                        ctx.mark(process, *where),
                        f"process `{process.id}`, step `{step.id}`: {noun} `{role}` is both "
                        f"{' and '.join(before)} and {letter}; each holds one RACI letter per step "
                        "(only A may also be R)",
                        process.id,
                    )


RULE = Rule(
    CODE, Severity.ERROR, "a role or governance body holds at most one RACI letter per step", check
)
