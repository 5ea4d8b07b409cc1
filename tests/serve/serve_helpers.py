"""What the serve tests share: a framework folder to edit, and edits that wait for the
file's time to move on."""

from __future__ import annotations

import http.client
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from conftest import MINIMAL, ROOT, TODAY
from rmf.serve.site import Site

DAY = date.fromisoformat(TODAY)
FOLDER_EXAMPLE = ROOT / "tests" / "examples" / "valid" / "folder-with-includes"
BRM = "positions/brm.html"


def minimal_folder(tmp_path: Path) -> Path:
    """The minimal framework as a folder of its own."""
    folder = tmp_path / "framework"
    folder.mkdir()
    (folder / "framework.yaml").write_text(MINIMAL, encoding="utf-8")
    return folder


def folder_example(tmp_path: Path) -> Path:
    """A framework in several files, included by a glob."""
    folder = tmp_path / "framework"
    shutil.copytree(FOLDER_EXAMPLE, folder)
    return folder


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def events(url: str, page: str) -> Iterator[str]:
    """The data of each event the server sends a page."""
    host, port = url.removeprefix("http://").strip("/").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", f"/_rmf/events?page={page}")
    answer = connection.getresponse()
    assert answer.status == 200 and answer.headers["Content-Type"] == "text/event-stream"
    try:
        while line := answer.readline():
            if line.startswith(b"data: "):
                yield line.removeprefix(b"data: ").decode().strip()
    finally:
        connection.close()


def built(folder: Path, templates: Path | None = None) -> Site:
    site = Site(folder, templates=templates, today=DAY)
    build = site.build()
    assert build.trouble is None, build.trouble
    return site


class Served:
    """`rmf serve` in a process of its own, on a free port of 127.0.0.1; what it says on
    standard error is read as it comes."""

    def __init__(self, folder: Path, *args: str) -> None:
        command = [sys.executable, "-m", "rmf", "serve", str(folder), "--port", "0"]
        self.process = subprocess.Popen(
            [*command, "--today", TODAY, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for("rmf: serving ")
        self.url = line.split(" at ", 1)[1].split()[0]

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, start: str, seconds: float = 60) -> str:
        """The first line (from now) that starts with `start`."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line {start!r} in {seconds} s: {self.said}") from None
            if line is None:
                raise AssertionError(f"rmf serve ended: {self.said}")
            self.said.append(line)
            if line.startswith(start):
                return line

    def interrupt(self) -> tuple[int, str]:
        """Ctrl-C: the exit code and everything said after it."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=20)
        rest = []
        while (line := self.lines.get(timeout=10)) is not None:
            rest.append(line)
        assert self.process.stdout is not None
        return code, "".join(rest) + self.process.stdout.read()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
