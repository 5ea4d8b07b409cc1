"""Mutated frameworks never crash rmf: always exit 0 or 1, and errors are always located."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import MINIMAL
from generate import framework
from rmf.cli.app import app

runner = CliRunner()
SEEDS = [MINIMAL.encode(), framework(3).encode()]
EXAMPLES = int(os.environ.get("RMF_FUZZ_EXAMPLES", "150"))


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 3))):
        lines = _lines(data)
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(
            st.sampled_from(
                [
                    "drop",
                    "duplicate",
                    "retype",
                    "rename",
                    "deepen",
                    "tag",
                    "alias",
                    "cut",
                    "bytes",
                    "shift",
                ]
            )
        )
        line = lines[i]
        if kind == "drop":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "retype" and b": " in line:
            key = line.split(b": ", 1)[0]
            value = draw(
                st.sampled_from([b"12", b"1.5", b"true", b"[a, b]", b"{x: 1}", b"~", b"''"])
            )
            lines[i] = key + b": " + value
        elif kind == "rename" and b":" in line:
            key, rest = line.split(b":", 1)
            lines[i] = key + draw(st.sampled_from([b"x", b"_", b"-"])) + b":" + rest
        elif kind == "deepen" and b": " in line:
            key, value = line.split(b": ", 1)
            depth = draw(st.integers(1, 400))
            lines[i] = key + b": " + b"[" * depth + value + b"]" * depth
        elif kind == "tag" and b": " in line:
            key, value = line.split(b": ", 1)
            tag = draw(
                st.sampled_from([b"!!python/object/apply:os.system", b"!!binary", b"!x", b"!!str"])
            )
            lines[i] = key + b": " + tag + b" " + value
        elif kind == "alias":
            lines.insert(i, draw(st.sampled_from([b"x-a: &a [1, *a]", b"k: *missing", b"<<: *a"])))
        elif kind == "cut":
            return data[: draw(st.integers(0, len(data)))]
        elif kind == "shift":  # a line out of line, as a slip of the space bar or tab key
            body = line.lstrip(b" ")
            spaces = len(line) - len(body) + draw(st.integers(-4, 4))
            lead = draw(st.sampled_from([b" " * max(spaces, 0), b"\t", b"  \t"]))
            lines[i] = lead + body
        elif kind == "bytes":
            noise = draw(st.binary(min_size=1, max_size=8))
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + noise + line[at:]
        data = b"\n".join(lines)
    return data


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_a_mutated_framework_is_refused_cleanly_or_accepted(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "framework.yaml"
        path.write_bytes(data)
        result = runner.invoke(app, ["validate", "-f", "json", "--today", "2026-11-26", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)
    [report] = doc["results"]
    if result.exit_code == 1:
        assert report["errors"] >= 1
    for finding in report["findings"]:
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert finding["message"] and finding["code"]
