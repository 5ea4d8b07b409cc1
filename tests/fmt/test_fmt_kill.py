"""`rmf fmt` killed at any moment leaves every file whole: the original or the formatted
text, never a part; the next run removes the temporary files the killed ones left."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FRAMEWORKS, ROOT
from rmf.fmt.files import format_paths

KILLS = 50


def fmt(folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "rmf", "fmt", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_fmt_killed_at_random_moments_never_leaves_a_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "edmonton"
    shutil.copytree(FRAMEWORKS / "edmonton", folder)
    shutil.copytree(FRAMEWORKS / "base", tmp_path / "base")  # what Edmonton extends
    files = sorted(tmp_path.rglob("*.yaml"))  # fmt formats the base's files too
    # line ends fmt rewrites, so that every file changes
    messy = {p: p.read_bytes().replace(b"\n", b"\r\n") for p in files}
    for path, data in messy.items():
        path.write_bytes(data)
    tidy = {r.path.resolve(): r.text.encode("utf-8") for r in format_paths([folder])}
    assert set(tidy) == {p.resolve() for p in files}

    started = time.monotonic()
    assert fmt(folder).wait() == 0
    whole_run = time.monotonic() - started
    rnd = random.Random(23)
    for _ in range(KILLS):
        for path, data in messy.items():
            if rnd.random() < 0.5:  # half the files start from what a killed run left
                path.write_bytes(data)
        process = fmt(folder)
        time.sleep(rnd.uniform(0, whole_run))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in files:
            assert path.read_bytes() in (messy[path], tidy[path.resolve()]), path

    assert fmt(folder).wait() == 0
    assert {p: p.read_bytes() for p in files} == {p: tidy[p.resolve()] for p in files}
    assert [p.name for p in tmp_path.rglob("*") if p.name.startswith(".")] == []
