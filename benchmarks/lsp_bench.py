"""`rmf lsp` latency: from an edit of one file of Edmonton to its diagnostics published.

Run from the repository root, in an environment where rmf is installed:

    python benchmarks/lsp_bench.py [--runs 9]

A copy of Edmonton (and the base it extends) is opened in `rmf lsp`, running in a
process of its own as an editor starts it, warm (its first look done, and two edits
made before measuring). Each run sends one `didChange` of governance.yaml, as a
keystroke does, and waits for the `publishDiagnostics` of that file that shows it: the
time is from just before the change is sent to the diagnostics received, the debounce
(the quiet the server waits for after an edit), validation and the protocol included.
Two edits alternate: one that breaks a reference (its diagnostic names the id typed),
one that mends it (the file's diagnostics go back to none). The same look is also
timed in this process (`analyse`, warm, reusing what the other files parsed to), so
the protocol's and the debounce's share can be read off in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

from rmf.lsp.analysis import analyse
from rmf.lsp.server import DELAY
from rmf.reading.reader import Reuse

FRAMEWORKS = Path(__file__).resolve().parents[1] / "frameworks"
FILE = "governance.yaml"
LINE = "    chair: board-chair\n"
GOAL_MS = 150
WARM_UP = 2
WAIT = 30.0  # seconds: a bound for a server that never answers


class Client(LanguageClient):
    """A client that wakes whoever waits for the diagnostics of a file."""

    def __init__(self) -> None:
        super().__init__("rmf-lsp-bench", "1")
        self.published: dict[str, list[lsp.Diagnostic]] = {}
        self.news = asyncio.Event()


def broken(text: str, n: int) -> str:
    return text.replace(LINE, f"    chair: board-chair-{n}\n", 1)


async def until(client: Client, uri: str, done: Callable[[list[lsp.Diagnostic]], bool]) -> None:
    async def wait() -> None:
        while not (uri in client.published and done(client.published[uri])):
            client.news.clear()
            await client.news.wait()

    await asyncio.wait_for(wait(), WAIT)


async def measure(edmonton: Path, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds from each change sent to its diagnostics received, after WARM_UP
    pairs of edits: (breaking edits, mending edits)."""
    client = Client()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        client.published[params.uri] = list(params.diagnostics)
        client.news.set()

    await client.start_io(sys.executable, "-m", "rmf", "lsp")
    try:
        await client.initialize_async(
            lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), process_id=os.getpid())
        )
        client.initialized(lsp.InitializedParams())
        path = edmonton / FILE
        uri = path.resolve().as_uri()
        original = path.read_text(encoding="utf-8")
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, original))
        )
        await until(client, uri, lambda found: found == [])
        breaking: list[float] = []
        mending: list[float] = []
        version = 1
        for n in range(1, WARM_UP + runs + 1):
            for text, done, times in (
                (
                    broken(original, n),
                    lambda found, n=n: any(f"board-chair-{n}`" in d.message for d in found),
                    breaking,
                ),
                (original, lambda found: found == [], mending),
            ):
                version += 1
                change = lsp.TextDocumentContentChangeWholeDocument(text=text)
                begin = time.perf_counter()
                client.text_document_did_change(
                    lsp.DidChangeTextDocumentParams(
                        lsp.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]
                    )
                )
                await until(client, uri, done)
                if n > WARM_UP:
                    times.append((time.perf_counter() - begin) * 1000)
        await client.shutdown_async(None)
        client.exit(None)
        return breaking, mending
    finally:
        await client.stop()


def looks(edmonton: Path, runs: int) -> list[float]:
    """Milliseconds of the server's look alone, in this process: warm, each run with the
    edited file's text as an open buffer."""
    root = (edmonton / "framework.yaml").resolve()
    path = str((edmonton / FILE).resolve())
    original = (edmonton / FILE).read_text(encoding="utf-8")
    reuse = Reuse()
    times: list[float] = []
    for n in range(1, WARM_UP + runs + 1):
        begin = time.perf_counter()
        analyse(root, {path: broken(original, n)}, reuse)
        if n > WARM_UP:
            times.append((time.perf_counter() - begin) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rmf-lsp-bench-"))
    try:
        shutil.copytree(FRAMEWORKS / "edmonton", work / "edmonton")
        shutil.copytree(FRAMEWORKS / "base", work / "base")
        edmonton = work / "edmonton"
        breaking, mending = asyncio.run(measure(edmonton, args.runs))
        look = statistics.median(looks(edmonton, args.runs))
        print(
            f"rmf lsp, Edmonton · {os.cpu_count()} cores · medians of {args.runs} runs "
            f"after {WARM_UP} warm-up edits · debounce {DELAY * 1000:.0f} ms · "
            f"the look alone (in process) {look:.0f} ms\n"
        )
        print(
            "| edit of governance.yaml | change to diagnostics: median | min | max "
            "| / (debounce + look) | goal | |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, times in (("a reference broken", breaking), ("the reference mended", mending)):
            median = statistics.median(times)
            verdict = "met" if median <= GOAL_MS else "NOT MET"
            ratio = median / (DELAY * 1000 + look)
            print(
                f"| {name} | {median:.0f} ms | {min(times):.0f} ms | {max(times):.0f} ms "
                f"| {ratio:.2f}× | ≤ {GOAL_MS} ms | {verdict} |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
