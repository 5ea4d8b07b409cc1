"""Headless Chromium driven over the DevTools protocol on a pair of pipes: a page stays
open while the test changes files, and the test reads what the page shows, without
reloading it."""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import BROWSER, HEADLESS

# Chromium reads commands from descriptor 3 and writes answers to 4; this puts the pipes
# there and becomes the browser.
_EXEC = (
    "import fcntl, os, sys\n"
    "read, write = (fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3])\n"
    "os.dup2(read, 3)\n"
    "os.dup2(write, 4)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


class DevToolsError(Exception):
    """The browser answered a command with an error, or not in time."""


class Browser:
    """One headless Chromium with its own profile, closed with `close`."""

    def __init__(self, profile: Path) -> None:
        assert BROWSER is not None
        commands, self._commands = os.pipe()
        self._answers, answers = os.pipe()
        flags = [
            *HEADLESS,
            "--no-proxy-server",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            [sys.executable, "-c", _EXEC, str(commands), str(answers), BROWSER, *flags],
            pass_fds=(commands, answers),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands)
        os.close(answers)
        self._buffer = b""
        self._last = 0

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """A command's result (events that come before it are dropped)."""
        self._last += 1
        message: dict[str, Any] = {"id": self._last, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + 30
        while True:
            answer = self._message(deadline)
            if answer.get("id") != self._last:
                continue
            if "error" in answer:
                raise DevToolsError(f"{method}: {answer['error']}")
            result: dict[str, Any] = answer["result"]
            return result

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise DevToolsError("the browser did not answer in time")
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise DevToolsError("the browser closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        found: dict[str, Any] = json.loads(message)
        return found

    def open(self, url: str) -> Page:
        """A new tab at `url`."""
        target = self.send("Target.createTarget", {"url": url})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        return Page(self, session["sessionId"])

    def close(self) -> None:
        with contextlib.suppress(DevToolsError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)


class Page:
    """One tab: what its script says, read as it is now."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser, self.session = browser, session

    def evaluate(self, expression: str) -> Any:
        found = self.browser.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session
        )
        return found["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 20.0) -> Any:
        """The value of `expression` once it is true, polled; fails after `seconds`."""
        deadline = time.monotonic() + seconds
        value = None
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except DevToolsError:  # the page is between two documents
                value = None
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"{expression} stayed {value!r} for {seconds} s")
