"""`rmf serve` latency: from writing one file of Edmonton to the new page served.

Run from the repository root, in an environment where rmf is installed:

    python benchmarks/serve_bench.py [--runs 9]

A copy of Edmonton (and the base it extends) is served by `rmf serve` in a process of
its own, warm (its first render done, and two edits made before measuring). Each run
writes one edit to a role file, waits on the page's event stream for the server to say
the page changed, and fetches the page: the time is from just before the write to the
new page received, file watching, debouncing, validation and rendering included.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"
ROLES = "roles/business-engagement.yaml"
PAGE = "positions/director-business-engagement.html"
GOAL_MS = 300
WARM_UP = 2


def events(host: str, port: int, page: str) -> Iterator[str]:
    """The versions the server announces for one page, as an open page hears them."""
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", f"/_rmf/events?page={page}")
    answer = connection.getresponse()
    while line := answer.readline():
        if line.startswith(b"data: "):
            yield line.removeprefix(b"data: ").decode().strip()


def fetch(host: str, port: int, page: str) -> str:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    connection.request("GET", f"/{page}")
    return connection.getresponse().read().decode("utf-8")


def start(framework: Path) -> tuple[subprocess.Popen[str], str, int]:
    """`rmf serve` on a free port, once it serves."""
    process = subprocess.Popen(
        [sys.executable, "-m", "rmf", "serve", str(framework), "--port", "0"],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("rmf: serving "):
            url = line.split(" at ", 1)[1].split()[0]
            host, port = url.removeprefix("http://").strip("/").rsplit(":", 1)
            threading.Thread(target=_builds, args=(process.stderr,), daemon=True).start()
            return process, host, int(port)
    raise SystemExit(f"rmf serve did not start (exit {process.wait()})")


BUILDS: list[float] = []  # what the server says each build took, in milliseconds


def _builds(said: IO[str]) -> None:
    for line in said:
        if " page(s) updated in " in line:
            BUILDS.append(float(line.rsplit(" in ", 1)[1].split()[0]))


def measure(
    path: Path, change: Callable[[str, int], str], marker: Callable[[int], str], runs: int
) -> tuple[list[float], list[float]]:
    """Milliseconds from each write to the page served with it, after WARM_UP edits,
    and those of the builds alone (validation and rendering, as the server reports)."""
    process, host, port = start(path)
    try:
        stream = events(host, port, PAGE)
        next(stream)  # the page's version now
        original = (path / ROLES).read_text(encoding="utf-8")
        times: list[float] = []
        builds: list[float] = []
        for n in range(1, WARM_UP + runs + 1):
            BUILDS.clear()
            text = change(original, n)
            begin = time.perf_counter()
            (path / ROLES).write_text(text, encoding="utf-8")
            next(stream)
            page = fetch(host, port, PAGE)
            elapsed = (time.perf_counter() - begin) * 1000
            if marker(n) not in page:
                raise SystemExit(f"run {n}: the page served does not show the edit")
            if n > WARM_UP:
                times.append(elapsed)
                builds.extend(BUILDS[:1])
        (path / ROLES).write_text(original, encoding="utf-8")
        return times, builds
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rmf-serve-bench-"))
    try:
        shutil.copytree(FRAMEWORKS / "edmonton", work / "edmonton")
        shutil.copytree(FRAMEWORKS / "base", work / "base")
        edmonton = work / "edmonton"
        print(
            f"rmf serve, Edmonton · {os.cpu_count()} cores · medians of {args.runs} runs "
            f"after {WARM_UP} warm-up edits\n"
        )
        print(
            "| edit (one file) | write to page served: median | min | max | build alone | goal | |"
        )
        print("|---|---|---|---|---|---|---|")
        cases: list[tuple[str, Callable[[str, int], str], Callable[[int], str]]] = [
            (
                "a role's purpose (its one page changes)",
                lambda text, n: text.replace(
                    "The Director, Business", f"Edit {n}: the Director, Business", 1
                ),
                lambda n: f"Edit {n}: the Director, Business",
            ),
            (
                "a role's title (13 of 45 pages change)",
                lambda text, n: text.replace(
                    "title: Director, Business Engagement", f"title: Director {n}, Business", 1
                ),
                lambda n: f"Director {n}, Business",
            ),
        ]
        for name, change, marker in cases:
            times, builds = measure(edmonton, change, marker, args.runs)
            median = statistics.median(times)
            verdict = "met" if median <= GOAL_MS else "NOT MET"
            build = f"{statistics.median(builds):.0f} ms" if builds else "?"
            print(
                f"| {name} | {median:.0f} ms | {min(times):.0f} ms | {max(times):.0f} ms | "
                f"{build} | ≤ {GOAL_MS} ms | {verdict} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
