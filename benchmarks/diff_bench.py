"""Benchmark: `rmf diff` of two versions of a generated framework against validating both.

The target is a diff within 2× of validating the two versions, measured in the same run
(medians of several runs, so that the machine's speed cancels out).

    python benchmarks/diff_bench.py [--units 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import framework
from rmf.diff.compare import compare
from rmf.diff.gitrev import Side, load
from rmf.diff.report import write_text
from rmf.validate.run import validate

# What a pull request typically does: a relaxed KPI, a member dropped, a quorum and a
# title changed, a new role, a reworded purpose, a key message added, the version bumped.
# (An edit to a role every document names, such as the CIO's title, rebuilds every
# document's view and is several times slower: render builds each view from scratch.)
EDITS = (
    (
        "    messages: [What IT delivered, What comes next]\n",
        "    messages: [What IT delivered, What comes next, How to reach us]\n",
    ),
    ("  version: 1.0.0\n", "  version: 2.0.0\n"),
    ("    target: 80\n", "    target: 75\n"),
    ("title: Director, unit 7\n", "title: Director of Service Line 7\n"),
    ("purpose: Oversees portfolio 3.\n", "purpose: Oversees portfolio three.\n"),
    ("      - role: head-3\n        voting: true\n", ""),
    ("    quorum: 2\n    voting_rule: majority\n", "    quorum: 3\n    voting_rule: majority\n"),
    (
        "relationships:\n",
        "  - id: data-steward\n    title: Data Steward\n    unit: it\n"
        "    purpose: Keeps business data fit for use.\n    responsibilities:\n"
        "      - text: Maintain the data catalogue.\nrelationships:\n",
    ),
)


def versions(units: int, folder: Path) -> tuple[Path, Path]:
    old = framework(units)
    new = old
    for before, after in EDITS:
        assert before in new, before
        new = new.replace(before, after, 1)
    paths = folder / "v1.yaml", folder / "v2.yaml"
    paths[0].write_text(old, encoding="utf-8")
    paths[1].write_text(new, encoding="utf-8")
    return paths


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old, new = versions(args.units, Path(tmp))

        def validate_both() -> None:
            for path in (old, new):
                assert not validate(path).errors

        def diff() -> None:
            a, b = load(Side(str(old))), load(Side(str(new)))
            write_text(compare(a, b, str(old), str(new)), io.StringIO())

        validate_both()  # warm up imports and caches before timing anything
        diff()
        validating = median_seconds(validate_both, args.runs)
        diffing = median_seconds(diff, args.runs)
        a, b = load(Side(str(old))), load(Side(str(new)))
        cmp = compare(a, b)
    ratio = diffing / validating
    print(
        f"framework: {args.units} business units, {len(cmp.changes)} changes, "
        f"{len(cmp.documents)} documents to reissue"
    )
    print(f"validate both: {validating:.3f} s (median of {args.runs})")
    print(f"rmf diff:      {diffing:.3f} s (median of {args.runs})")
    print(f"ratio:         {ratio:.2f}× (target ≤ 2×) — {'ok' if ratio <= 2 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
