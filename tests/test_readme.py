"""The README's promises: two quick-start commands, the same test command as CI."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.S)


def test_quick_start_is_exactly_two_commands() -> None:
    commands = quick_start()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)


def test_the_first_command_validates_shipped_examples() -> None:
    first = quick_start()[0]
    assert "pip install ." in first and "rmf validate" in first
    for path in re.findall(r"frameworks/[\w./-]+", first):
        assert (ROOT / path).exists(), path


def test_ci_runs_the_same_test_command() -> None:
    second = quick_start()[1]
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()


def test_every_rule_code_is_documented() -> None:
    from rmf.core.codes import CODES
    from rmf.validate.rules import CATALOGUE

    for code in [*CATALOGUE, *CODES]:
        assert f"`{code}`" in README, code
