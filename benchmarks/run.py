"""Benchmark rmf against its floor and its peers; every ratio is measured in this run.

Run from the repository root, in an environment where rmf is installed:

    python benchmarks/run.py [--sizes 100 1000 10000] [--runs 5]

check-jsonschema is measured when it is installed (`pip install '.[bench]'`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import framework

PY = sys.executable
RMF = [PY, "-m", "rmf"]
CSAFE = (
    "import sys, yaml\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
MINIMAL_TYPER = (
    "import typer\n"
    "app = typer.Typer(add_completion=False)\n"
    "@app.command()\n"
    "def main(path: str, strict: bool = False) -> None:\n"
    "    typer.echo(path)\n"
    "app()\n"
)
# Peak RSS of a child process, in KiB, measured by a wrapper that does nothing else.
MEASURE_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(cmd: Sequence[str], runs: int, ok: tuple[int, ...] = (0,)) -> float:
    """Median wall time of a command, in seconds (one warm-up run first)."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-500:]!r}")
        if i:
            times.append(elapsed)
    return statistics.median(times)


def peak_rss_mib(cmd: Sequence[str]) -> float:
    out = subprocess.run([PY, "-c", MEASURE_RSS, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def row(name: str, value: str, goal: str = "", met: bool | None = None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT MET")
    print(f"| {name} | {value} | {goal} | {verdict} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rmf-bench-"))
    here = Path.cwd()
    # `python -m rmf` from the repository root would run the source tree, compiled
    # afresh on every run where bytecode is not written: measure the installed rmf
    os.chdir(work)
    try:
        run(args.sizes, args.runs, work)
    finally:
        os.chdir(here)
        shutil.rmtree(work, ignore_errors=True)


def run(sizes: list[int], runs: int, work: Path) -> None:
    from rmf import __version__
    from rmf.validate.jsonschema import framework_schema

    schema = work / "schema.json"
    schema.write_text(json.dumps(framework_schema()), encoding="utf-8")
    typer_app = work / "minimal_typer.py"
    typer_app.write_text(MINIMAL_TYPER, encoding="utf-8")
    checker = shutil.which("check-jsonschema")
    has_render = _has_command("render")
    has_diff = _has_command("diff")

    print(
        f"rmf {__version__} · Python {platform.python_version()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · {date.today()} · medians of {runs} runs\n"
    )
    print("| measurement | result | goal | |")
    print("|---|---|---|---|")

    t_pass = timed([PY, "-c", "pass"], runs)
    t_help = timed([*RMF, "--help"], runs)
    t_version = timed([*RMF, "--version"], runs)
    t_typer = timed([PY, str(typer_app), "--help"], runs)
    row("`python -c pass`", f"{t_pass * 1000:.0f} ms")
    row("minimal typer app `--help`", f"{t_typer * 1000:.0f} ms")
    for name, t in (("`rmf --help`", t_help), ("`rmf --version`", t_version)):
        row(name, f"{t * 1000:.0f} ms", "≤ 150 ms", t <= 0.150)
        ratio = t / t_typer
        row(f"{name} / minimal typer app", f"{ratio:.2f}×", "≤ 1.2×", ratio <= 1.2)

    if has_render:
        edmonton(runs, work)

    for units in sizes:
        path = work / f"framework-{units}.yaml"
        path.write_text(framework(units), encoding="utf-8")
        size_mib = path.stat().st_size / 2**20
        n = runs if units < 10000 else 1  # one run (after a warm-up): each takes a while
        t_validate = timed([*RMF, "validate", str(path)], n)
        t_floor = timed([PY, "-c", CSAFE, str(path)], n)
        label = f"{units:,} units ({size_mib:.1f} MiB)"
        row(f"{label}: `rmf validate`", f"{t_validate:.2f} s")
        ratio = t_validate / t_floor
        goal = "≤ 1.5×" if units >= 1000 else ""
        row(
            f"{label}: validate / PyYAML CSafeLoader load ({t_floor:.2f} s)",
            f"{ratio:.2f}×",
            goal,
            ratio <= 1.5 if goal else None,
        )
        if checker:
            t_peer = timed([checker, "--schemafile", str(schema), str(path)], n)
            ratio = t_validate / t_peer
            row(
                f"{label}: validate / check-jsonschema ({t_peer:.2f} s)",
                f"{ratio:.2f}×",
                "< 1× (faster)",
                ratio < 1,
            )
        peak = peak_rss_mib([*RMF, "validate", str(path)])
        limit = 40 * size_mib + 100
        row(
            f"{label}: peak memory of validate",
            f"{peak:.0f} MiB",
            f"≤ {limit:.0f} MiB",
            peak <= limit,
        )
        if has_render and units <= 1000:
            out = work / f"out-{units}"
            t_render = timed([*RMF, "render", str(path), "-o", str(out)], n)
            ratio = t_render / t_validate
            goal = "≤ 1.8×" if units == 1000 else ""
            row(
                f"{label}: render / validate ({t_render:.2f} s)",
                f"{ratio:.2f}×",
                goal,
                ratio <= 1.8 if goal else None,
            )
        if has_diff and units <= 1000:
            newer = work / f"framework-{units}-v2.yaml"
            newer.write_text(
                framework(units, version="1.1.0").replace("target: 80", "target: 75"),
                encoding="utf-8",
            )
            t_diff = timed([*RMF, "diff", str(path), str(newer)], n, ok=(0, 1))
            t_both = t_validate + timed([*RMF, "validate", str(newer)], n)
            ratio = t_diff / t_both
            goal = "≤ 2×" if units == 1000 else ""
            row(
                f"{label}: diff / validating both ({t_diff:.2f} s)",
                f"{ratio:.2f}×",
                goal,
                ratio <= 2 if goal else None,
            )
    if not checker:
        print("\ncheck-jsonschema is not installed: `pip install '.[bench]'` to compare with it.")


EDMONTON = Path(__file__).resolve().parents[1] / "frameworks" / "edmonton"
LOAD_ALL = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)


STACK_FLOOR = (
    "import sys\n"
    "from pathlib import Path\n"
    "import typer, yaml\n"
    "from pydantic import BaseModel\n"
    "class Document(BaseModel):\n"
    "    data: object\n"
    "def main(paths: list[Path]) -> None:\n"
    "    for path in paths:\n"
    "        with open(path, 'rb') as f:\n"
    "            Document(data=yaml.load(f, Loader=yaml.CSafeLoader))\n"
    "typer.run(main)\n"
)


def timed_cold(cmd: Sequence[str], runs: int, work: Path) -> float:
    """Median wall time with an empty cache folder each run: what a first run pays."""
    times = []
    for i in range(runs):
        cache = work / f"cold-cache-{i}"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode:
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-500:]!r}")
        shutil.rmtree(cache, ignore_errors=True)
    return statistics.median(times)


def edmonton(runs: int, work: Path) -> None:
    """A framework of the size clients have: the Edmonton example and the base it extends."""
    from rmf.reading.loader import load_source

    files = sorted(set(load_source(EDMONTON).files))
    size_kib = sum(Path(f).stat().st_size for f in files) / 1024
    label = f"Edmonton ({len(files)} files, {size_kib:.0f} KiB)"
    t_validate = timed([*RMF, "validate", str(EDMONTON)], runs)
    t_load = timed([PY, "-c", LOAD_ALL, *files], runs)
    # what any validation with pydantic starts from: the same load with pydantic imported
    t_floor = timed([PY, "-c", "import pydantic.main\n" + LOAD_ALL, *files], runs)
    # and what a command line on rmf's stack starts from: a typer program that loads the
    # same files and puts each through a pydantic model of one field
    stack = work / "stack_floor.py"
    stack.write_text(STACK_FLOOR, encoding="utf-8")
    t_stack = timed([PY, str(stack), *files], runs)
    row(f"{label}: `rmf validate`", f"{t_validate * 1000:.0f} ms")
    row(
        f"{label}: the same load with pydantic imported ({t_floor * 1000:.0f} ms) / libyaml load",
        f"{t_floor / t_load:.2f}×",
    )
    row(
        f"{label}: a typer program loading them through a one-field pydantic model "
        f"({t_stack * 1000:.0f} ms) / libyaml load",
        f"{t_stack / t_load:.2f}×",
    )
    ratio = t_validate / t_load
    row(
        f"{label}: validate / Python loading the same files with libyaml ({t_load * 1000:.0f} ms)",
        f"{ratio:.2f}×",
        "≤ 2.5×",
        ratio <= 2.5,
    )
    out = work / "edmonton-md"
    render = [*RMF, "render", str(EDMONTON), "-o", str(out)]
    t_cold = timed_cold(render, runs, work)
    ratio = t_cold / t_validate
    row(
        f"{label}: render (md, first run: no compiled templates) / validate ({t_cold:.2f} s)",
        f"{ratio:.2f}×",
        "≤ 2×",
        ratio <= 2,
    )
    t_warm = timed(render, runs)
    ratio = t_warm / t_validate
    row(
        f"{label}: render (md, templates compiled) / validate ({t_warm:.2f} s)",
        f"{ratio:.2f}×",
        "≤ 1.5×",
        ratio <= 1.5,
    )
    t_check = timed([*render, "--check"], runs)
    row(f"{label}: render --check / validate ({t_check:.2f} s)", f"{t_check / t_validate:.2f}×")
    for fmt in ("html", "docx"):
        t_fmt = timed(
            [*RMF, "render", str(EDMONTON), "-o", str(work / f"edmonton-{fmt}"), "-f", fmt], runs
        )
        row(f"{label}: render ({fmt}) / validate ({t_fmt:.2f} s)", f"{t_fmt / t_validate:.2f}×")


def _has_command(name: str) -> bool:
    done = subprocess.run([*RMF, name, "--help"], capture_output=True, check=False)
    return done.returncode == 0


if __name__ == "__main__":
    main()
