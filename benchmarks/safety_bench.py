"""Benchmark: work that an untrusted pull request could make unbounded stays bounded.

Every ratio is measured in this run, so the machine's speed cancels out:

- `rmf validate` of 8,000 unresolved references (each a typo, each with a "did you
  mean") against the same framework with the 8,000 references valid: ≤ 2×;
- `rmf diff` of two versions whose one text is a 60,000-character rewrite: ≤ 1 s
  (reading both versions, comparing, writing the report; in process, without start-up);
- `rmf diff REV` peak memory with 60 MiB of unrelated files in the repository against
  the same repository without them: ≈ 1×.

    python benchmarks/safety_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import MEASURE_RSS, PY, RMF, timed

from generate import framework
from rmf.diff.compare import compare
from rmf.diff.gitrev import Side, load
from rmf.diff.report import write_text

REFERENCES = 8000
LONG_TEXT = 60_000
UNRELATED_MIB = 60


def chain(typo: bool) -> str:
    """A framework of REFERENCES units, each naming the one before as its parent."""
    out = ["rmf: 1\nframework:\n  id: synthetic\n  name: Synthetic\n  client: Synthetic Co\n"]
    out.append("  version: 1.0.0\n  status: draft\nunits:\n")
    out.append("  - id: executive\n    name: Executive Office\n    kind: executive\n")
    for i in range(REFERENCES):
        parent = "executive" if i == 0 else f"{'unti' if typo else 'unit'}-{i - 1}"
        out.append(f"  - id: unit-{i}\n    name: Unit {i}\n    kind: it\n    parent: {parent}\n")
    return "".join(out)


def prose(seed: int, chars: int) -> str:
    """Text of `chars` characters from a thousand words, different for each seed."""
    rng = random.Random(seed)
    words = [f"word{n}" for n in range(1000)] + ["the", "and", "of", "service", "unit"]
    out: list[str] = []
    length = 0
    while length < chars:
        out.append(rng.choice(words))
        length += len(out[-1]) + 1
    return " ".join(out)[:chars].strip()


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        work()
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def git(repo: Path, *args: str) -> None:
    ident = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", *ident, *args], cwd=repo, check=True, capture_output=True)


def repository(folder: Path, unrelated_mib: int) -> Path:
    """A repository with a 100-unit framework, committed, and unrelated random files."""
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "framework.yaml").write_text(framework(100), encoding="utf-8")
    media = folder / "media"
    media.mkdir()
    for n in range(unrelated_mib // 10):
        (media / f"video-{n}.bin").write_bytes(os.urandom(10 * 1024 * 1024))
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "framework")
    return folder


def peak_rss_mib_in(folder: Path, cmd: list[str]) -> float:
    done = subprocess.run(
        [PY, "-c", MEASURE_RSS, *cmd], cwd=folder, capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rmf-safety-") as tmp:
        work = Path(tmp)
        valid, typos = work / "valid.yaml", work / "typos.yaml"
        valid.write_text(chain(typo=False), encoding="utf-8")
        typos.write_text(chain(typo=True), encoding="utf-8")
        good = timed([*RMF, "validate", str(valid), "-f", "parsable"], args.runs, (0, 1))
        bad = timed([*RMF, "validate", str(typos), "-f", "parsable"], args.runs, (1,))
        ratio = bad / good
        print(f"validate, {REFERENCES:,} valid references:      {good:.2f} s")
        print(f"validate, {REFERENCES:,} unresolved references: {bad:.2f} s")
        print(f"ratio: {ratio:.2f}× (goal ≤ 2×) — {verdict(ratio <= 2)}")

        old, new = work / "old.yaml", work / "new.yaml"
        text = framework(10)
        marker = "      - text: Set IT strategy.\n"
        for path, seed in ((old, 1), (new, 2)):
            path.write_text(text.replace(marker, f"      - text: {prose(seed, LONG_TEXT)}\n"))

        def diff() -> None:
            cmp = compare(load(Side(str(old))), load(Side(str(new))), "old", "new")
            write_text(cmp, io.StringIO())

        seconds = median_seconds(diff, args.runs)
        process = timed([*RMF, "diff", str(old), str(new)], args.runs)
        print(f"diff of a {LONG_TEXT:,}-character rewrite: {seconds:.2f} s in process, ", end="")
        print(f"{process:.2f} s as a command (goal ≤ 1 s) — {verdict(seconds <= 1)}")

        plain = repository(work / "plain", 0)
        heavy = repository(work / "heavy", UNRELATED_MIB)
        cmd = [*RMF, "diff", "HEAD", "--path", "framework.yaml"]
        without = statistics.median(peak_rss_mib_in(plain, cmd) for _ in range(args.runs))
        with_media = statistics.median(peak_rss_mib_in(heavy, cmd) for _ in range(args.runs))
        ratio = with_media / without
        print(f"diff REV peak memory: {without:.0f} MiB; with {UNRELATED_MIB} MiB of ", end="")
        print(f"unrelated files {with_media:.0f} MiB; ratio {ratio:.2f}× (goal ≈ 1×) — ", end="")
        print(verdict(ratio <= 1.1))


if __name__ == "__main__":
    main()
