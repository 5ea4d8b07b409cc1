"""Property: on any framework, written in any layout with comments anywhere (tabs and
Unicode line breaks among them), rmf fmt is idempotent, keeps every comment and leaves
the model equal."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rmf.fmt.canonical import format_text
from rmf.fmt.comments import scan
from rmf.fmt.roundtrip import hold
from rmf.reading.loader import load_source
from rmf.validate.schema import check

WORDS = ["alpha", "beta", "gamma", "delta", "plan", "serve", "unit", "report", "value", "team"]
ids = st.from_regex(r"[a-z]{2,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(
    lambda w: " ".join(w).capitalize() + "."
)
frequencies = st.sampled_from(["weekly", "monthly", "quarterly", "annual", "as-needed"])


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def entity(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping with the given fields, leaving out those drawn as None."""
    return st.fixed_dictionaries(fields).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


units = entity(
    id=ids,
    name=texts,
    kind=st.sampled_from(["it", "business", "executive"]),
    parent=maybe(ids),
    description=maybe(texts),
)
roles = entity(
    id=ids,
    title=texts,
    unit=ids,
    purpose=texts,
    positions=maybe(st.integers(1, 9)),
    responsibilities=st.lists(
        entity(text=texts, activities=maybe(st.lists(texts, min_size=1, max_size=3))),
        min_size=1,
        max_size=3,
    ),
    decisions=maybe(st.lists(texts, min_size=1, max_size=3)),
)
bodies = entity(
    id=ids,
    name=texts,
    type=st.sampled_from(["committee", "board", "forum"]),
    purpose=texts,
    chair=ids,
    members=st.lists(
        entity(role=ids, voting=maybe(st.booleans()), term=maybe(texts)), min_size=1, max_size=3
    ),
    quorum=maybe(st.integers(1, 3)),
    meets=frequencies,
    scope=maybe(entity(in_=maybe(st.lists(texts, min_size=1, max_size=2)), out=maybe(texts))),
)
indicators = entity(
    id=ids,
    name=texts,
    category=st.sampled_from(["satisfaction", "complaint", "value"]),
    definition=texts,
    unit=st.sampled_from(["percent", "count"]),
    direction=st.sampled_from(["higher-is-better", "lower-is-better"]),
    target=st.integers(1, 99),
    thresholds=maybe(entity(red=st.integers(1, 99), amber=st.integers(1, 99))),
    frequency=frequencies,
    owner=ids,
)
frameworks = entity(
    rmf=st.just(1),
    framework=entity(
        id=ids,
        name=texts,
        client=texts,
        version=st.just("1.2.3"),
        status=st.sampled_from(["draft", "approved"]),
    ),
    units=st.lists(units, max_size=3),
    roles=st.lists(roles, max_size=3),
    governance=st.lists(bodies, max_size=2),
    indicators=st.lists(indicators, max_size=2),
)


class Writer:
    """Writes data as YAML in a random but valid layout, with comments sprinkled in."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.step = rnd.choice([2, 3, 4])
        self.indent_sequences = rnd.random() < 0.5
        self.lines: list[str] = []
        self.count = 0

    def note(self, indent: int) -> None:
        if self.rnd.random() < 0.15:
            self.lines.append("")
        if self.rnd.random() < 0.25:
            self.count += 1
            self.lines.append(" " * self.rnd.randint(0, indent) + f"# note {self.count}")

    def eol(self) -> str:
        if self.rnd.random() < 0.2:
            self.count += 1
            gap = self.rnd.choice([" ", "  ", "   ", "\t", " \t"])
            return gap + f"# said{self.hazard()}{self.count}"
        return ""

    def hazard(self) -> str:
        """What rmf reads and ruamel's scanner does not: a tab, a Unicode line break."""
        return self.rnd.choice([" "] * 12 + ["\t", "\u2028", "\u0085", "\u2029"])

    def scalar(self, value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and " " in value:
            value = value.replace(" ", self.hazard(), 1)
        if isinstance(value, str) and self.rnd.random() < 0.2:
            return f'"{value}"'
        return str(value)

    def mapping(self, data: dict[str, Any], indent: int, first: str | None = None) -> None:
        keys = list(data)
        self.rnd.shuffle(keys)
        for i, key in enumerate(keys):
            name = "in" if key == "in_" else key
            if i or first is None:
                self.note(indent)
            lead = first if (i == 0 and first is not None) else " " * indent
            value = data[key]
            if isinstance(value, dict):
                self.lines.append(f"{lead}{name}:{self.eol()}")
                self.mapping(value, indent + self.step)
            elif (
                isinstance(value, list)
                and all(isinstance(v, str) for v in value)
                and (self.rnd.random() < 0.4)
            ):
                items = ", ".join(self.scalar(v) for v in value)
                self.lines.append(f"{lead}{name}: [{items}]{self.eol()}")
            elif isinstance(value, list):
                self.lines.append(f"{lead}{name}:{self.eol()}")
                self.sequence(value, indent + (self.step if self.indent_sequences else 0))
            elif isinstance(value, str) and self.rnd.random() < 0.15:
                self.lines.append(f"{lead}{name}: >-{self.eol()}")
                self.lines.append(" " * (indent + self.step) + value)
            else:
                self.lines.append(f"{lead}{name}: {self.scalar(value)}{self.eol()}")

    def sequence(self, items: list[Any], indent: int) -> None:
        for item in items:
            self.note(indent)
            if isinstance(item, dict):
                self.mapping(item, indent + 2, first=" " * indent + "- ")
            else:
                self.lines.append(" " * indent + f"- {self.scalar(item)}{self.eol()}")


def model(text: str) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "framework.yaml"
        path.write_text(text, encoding="utf-8")
        return check(load_source(path)).framework


def comments(text: str) -> list[str]:
    return sorted(c.text for c in scan(hold(text).text).comments)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=frameworks, rnd=st.randoms(use_true_random=False))
def test_fmt_is_idempotent_keeps_comments_and_the_model(
    data: dict[str, Any], rnd: random.Random
) -> None:
    writer = Writer(rnd)
    writer.mapping(data, 0)
    text = "\n".join(writer.lines) + "\n"
    out = format_text(text)
    assert format_text(out) == out
    assert comments(out) == comments(text)
    assert model(out) == model(text)
