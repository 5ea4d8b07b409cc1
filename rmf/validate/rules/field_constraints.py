"""invalid-value: constraints the format's tables state between fields of one entry."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rmf.core.findings import Finding, Severity
from rmf.validate.rules.base import Context, Rule

CODE = "invalid-value"
RLMT_LEVELS = range(4, 8)
SFIA_LEVELS = range(1, 8)
SFIA_CODE = re.compile(r"\A[A-Z]{2,4}\Z")  # compared in capitals
SFIA_CODE_WORDS = "SFIA skill codes are 2–4 capital letters (e.g. `RLMT`)"


def check(ctx: Context) -> Iterator[Finding]:
    fw = ctx.fw
    for rel in fw.relationships:
        if rel.backup is not None and rel.backup == rel.manager:
            yield ctx.finding(
                CODE,
                ctx.mark(rel, "backup"),
                f"relationship `{rel.id}`: `backup` must be another role than the manager",
                rel.id,
            )
    for body in fw.governance:
        seen: set[str] = set()
        for i, member in enumerate(body.members):
            if not ctx.intact(body, ("members", i, "role")):
                continue
            if member.role in seen:
                yield ctx.finding(
                    CODE,
                    ctx.mark(body, "members", i, "role"),
                    f"governance body `{body.id}`: role `{member.role}` is listed as a member "
                    "twice; a role holds one seat",
                    body.id,
                )
            seen.add(member.role)
    yield from _sfia(ctx)
    yield from _message_audiences(ctx)
    yield from _tiers(ctx)
    for ind in fw.indicators:
        if ind.unit != "percent":
            continue
        values = {"baseline": ind.baseline, "target": ind.target}
        if ind.thresholds is not None:
            values |= {"red": ind.thresholds.red, "amber": ind.thresholds.amber}
        for name, value in values.items():
            if value is None or 0 <= value <= 100:
                continue
            path = ("thresholds", name) if name in ("red", "amber") else (name,)
            yield ctx.finding(
                CODE,
                ctx.mark(ind, *path),
                f"indicator `{ind.id}` is a percent, so `{name}` must lie in 0–100, not {value:g}",
                ind.id,
            )


def _sfia(ctx: Context) -> Iterator[Finding]:
    """SFIA skills: a code of 2–4 capital letters at levels 1–7; RLMT at 4–7 only."""
    for role in ctx.fw.roles:
        for i, comp in enumerate(role.competencies or []):
            where = ("competencies", i)
            if not ctx.intact(role, (*where, "framework"), (*where, "code")):
                continue
            if comp.framework.lower() != "sfia":
                continue
            code = comp.code.upper()  # `rlmt` is RLMT, as it was before revision 1.1
            if not SFIA_CODE.match(code):
                message = f"{SFIA_CODE_WORDS}, not `{comp.code}`"
                yield ctx.finding(
                    CODE, ctx.mark(role, *where, "code"), f"role `{role.id}`: {message}", role.id
                )
                continue
            levels = RLMT_LEVELS if code == "RLMT" else SFIA_LEVELS
            if comp.level in levels or not ctx.intact(role, (*where, "level")):
                continue
            yield ctx.finding(
                CODE,
                ctx.mark(role, *where, "level"),
                f"role `{role.id}`: SFIA skill {code} exists at levels "
                f"{levels.start}–{levels.stop - 1} only, not {comp.level}",
                role.id,
            )


def _message_audiences(ctx: Context) -> Iterator[Finding]:
    """A key message is `for` audiences of its communication, or parts of them: a unit
    under a unit in the audience, or a role of one."""
    units = ctx.section("units")
    roles = ctx.section("roles")

    def above(unit: str | None) -> list[str]:
        """The unit and those above it, as named: a unit that could not be read ends it."""
        chain: list[str] = []
        while unit is not None and unit not in chain:
            chain.append(unit)
            unit = units[unit].parent if unit in units else None
        return chain

    def placed(party: str) -> bool:
        """Whether where the party sits is known: every unit on the way up read, and no
        broken `unit` or `parent` (a governance body sits under no unit)."""
        role = roles.get(party)
        if role is not None and not ctx.intact(role, "unit"):
            return False
        if role is None and not ctx.is_a(party, "units"):
            return True
        line = above(role.unit if role is not None else party)
        return line[-1] in units and all(ctx.intact(units[u], "parent") for u in line)

    for comm in ctx.fw.communications:
        if not ctx.intact(comm, "audience"):
            continue  # whom a message may be for is not known
        audience = set(comm.audience)
        for i, message in enumerate(comm.messages or []):
            if isinstance(message, str):
                continue
            for j, party in enumerate(message.for_):
                home = roles[party].unit if party in roles else party
                if audience & {party, *above(home)} or not any(
                    ctx.is_a(party, s) for s in ("units", "roles", "governance")
                ):
                    continue  # an id of another kind is reported once, as unresolved-reference
                if not placed(party):
                    continue
                yield ctx.finding(
                    CODE,
                    ctx.mark(comm, "messages", i, "for", j),
                    f"communication `{comm.id}`: a key message is for `{party}`, which is not in "
                    "its `audience` nor under a unit in it; add it to `audience` or correct `for`",
                    comm.id,
                )


def _tiers(ctx: Context) -> Iterator[Finding]:
    """`engagement_model` has at most one entry per tier."""
    seen: set[str] = set()
    for i, entry in enumerate(ctx.fw.engagement_model):
        if entry.tier in seen:
            yield ctx.finding(
                CODE,
                ctx.mark_at(("engagement_model", i, "tier")),
                f"engagement_model: the {entry.tier} tier is described twice; keep one entry",
                ctx.fw.framework.id,
            )
        seen.add(entry.tier)


RULE = Rule(
    CODE,
    Severity.ERROR,
    "a value of the wrong type, outside its range, or at odds with other fields of its entry",
    check,
    tunable=False,
)
