"""A render killed at any moment leaves the old set of documents or the new one, never a
mix that `render --check` calls up to date, and no temporary file a later run keeps."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from render_helpers import FIXTURES

from conftest import TODAY
from rmf.render.output import MANIFEST, STAGING

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here"),
]
KILLS = 50


def command(framework: Path, out: Path, *extra: str) -> list[str]:
    rmf = [sys.executable, "-m", "rmf", "render", str(framework), "-o", str(out)]
    return [*rmf, "--today", TODAY, "-f", "md", *extra]


def consistent(out: Path) -> bool:
    """Every file the manifest lists is on disk with the digest the manifest gives."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return all(
        (out / f["path"]).is_file()
        and hashlib.sha256((out / f["path"]).read_bytes()).hexdigest() == f["sha256"]
        for f in manifest["files"]
    )


def test_a_render_killed_at_random_moments_never_leaves_a_mixed_set(tmp_path: Path) -> None:
    framework = tmp_path / "client" / "framework.yaml"
    framework.parent.mkdir()
    shutil.copy(FIXTURES / "derived.yaml", framework)
    versions = [
        framework.read_text(encoding="utf-8"),
        framework.read_text(encoding="utf-8").replace("version: 2.1.0", "version: 2.2.0", 1),
    ]
    out = tmp_path / "out"
    times = []
    for version in versions:  # the first run compiles the templates: time warm runs
        framework.write_text(version, encoding="utf-8")
        started = time.monotonic()
        subprocess.run(command(framework, out), check=True, capture_output=True)
        times.append(time.monotonic() - started)
    took = times[-1]
    chance = random.Random(23)
    outcomes = {"finished": 0, "killed": 0, "pending": 0}
    for i in range(KILLS):
        framework.write_text(versions[(i + 1) % 2], encoding="utf-8")
        process = subprocess.Popen(
            command(framework, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(chance.uniform(0.0, took * 0.9))
        process.send_signal(signal.SIGKILL)
        code = process.wait()
        outcomes["finished" if code == 0 else "killed"] += 1
        if (out / STAGING / ".complete").is_file():
            outcomes["pending"] += 1
            check = subprocess.run(command(framework, out, "--check"), capture_output=True)
            assert check.returncode == 1, "a half-moved set was called up to date"
            assert b"half-updated" in check.stderr
        else:
            assert consistent(out), f"kill {i}: the files disagree with the manifest"
    assert outcomes["killed"] >= KILLS // 3, outcomes  # most runs were really cut short
    final = subprocess.run(command(framework, out), capture_output=True)
    assert final.returncode == 0, final.stderr
    assert consistent(out)
    assert subprocess.run(command(framework, out, "--check"), capture_output=True).returncode == 0
    assert not (out / STAGING).exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
