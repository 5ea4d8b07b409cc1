"""`rmf serve` on the command line: served until Ctrl-C, which ends it quietly; a port in
use or a missing framework is a usage error."""

from __future__ import annotations

import socket
from pathlib import Path

from serve_helpers import BRM, Served, edit, events, minimal_folder
from typer.testing import CliRunner

from rmf.cli.app import app

runner = CliRunner()


def test_help_says_what_it_serves_and_where() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--templates", "Ctrl-C"):
        assert option in result.stdout


def test_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        folder = minimal_folder(tmp_path)
        result = runner.invoke(app, ["serve", str(folder), "--port", str(port)])
    finally:
        taken.close()
    assert result.exit_code == 2
    assert f"rmf: port {port} of 127.0.0.1 is in use" in result.stderr
    assert "--port 0" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_framework_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


def test_another_address_than_this_machine_is_warned_of(tmp_path: Path) -> None:
    # 192.0.2.1 is kept for documentation: no machine has it, so nothing is served
    result = runner.invoke(app, ["serve", str(minimal_folder(tmp_path)), "--host", "192.0.2.1"])
    assert "warning: serving on 192.0.2.1: anyone who can reach this machine" in result.stderr
    assert result.exit_code == 2 and "cannot serve on 192.0.2.1" in result.stderr


def test_ctrl_c_stops_the_server_quietly(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    served = Served(folder)
    try:
        assert served.said[0].startswith("rmf: rendered 6 page(s) in ")
        assert served.url.startswith("http://127.0.0.1:")
        stream = events(served.url, BRM)
        first = next(stream)  # a page is open
        edit(folder / "framework.yaml", "Manages the relationship", "Runs the relationship")
        assert served.wait_for("rmf: ").startswith("rmf: 1 of 6 page(s) updated in ")
        assert next(stream) != first
        edit(folder / "framework.yaml", "chair: sales-head", "chair: nobody")
        assert "(unresolved-reference)" in served.wait_for(f"{folder / 'framework.yaml'}:")
        served.wait_for("rmf: the pages show this until it is fixed")
        code, rest = served.interrupt()
    finally:
        served.kill()
    assert (code, rest) == (0, "")
