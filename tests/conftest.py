"""Shared test fixtures and the `--update-golden` switch."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the synthetic framework generator of the benchmarks serves the tests too
sys.path.insert(0, str(ROOT / "benchmarks"))
FRAMEWORKS = ROOT / "frameworks"
TODAY = "2026-11-26"

# A headless Chromium for the tests that look at pages as a browser shows them (they skip
# without one), and the flags that keep it to itself: no sandbox, no network chatter.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
BROWSER = next((found for name in BROWSER_NAMES if (found := shutil.which(name))), None)
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# documents the office and browser tests printed to PDF, and their page counts
PAGE_COUNTS: dict[str, int] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output instead of comparing.",
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The page count of every document printed to PDF in this run, for a person to
    read beside the screenshots (`scripts/screenshots.py`)."""
    if PAGE_COUNTS:
        terminalreporter.section("PDF page counts")
        for name, count in sorted(PAGE_COUNTS.items()):
            terminalreporter.write_line(f"{count:4d}  {name}")


@pytest.fixture(autouse=True)
def _cache_of_bases(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pinned bases are fetched into a cache of the test run's, never the user's, and no
    test inherits RMF_OFFLINE from the shell that runs it."""
    monkeypatch.setenv("RMF_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "rmf-cache"))
    monkeypatch.delenv("RMF_OFFLINE", raising=False)


@pytest.fixture(autouse=True)
def _packages_of_bases() -> Iterator[None]:
    """The package a test ships a `pkg:` base in is imported afresh by the next test that
    ships one: each ships its own copy, in a folder of its own."""
    yield
    for name in [n for n in sys.modules if n.partition(".")[0] == "acme_method"]:
        del sys.modules[name]


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def shipped_frameworks() -> list[Path]:
    """Every example framework: single files and folders with framework.yaml."""
    found = [p for p in sorted(FRAMEWORKS.glob("*.yaml"))]
    found += [p for p in sorted(FRAMEWORKS.iterdir()) if (p / "framework.yaml").is_file()]
    return sorted(found)


MINIMAL = (Path(__file__).parent / "data" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def framework_file(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a variant of the minimal framework: replace `old` with `new` in its text."""

    def make(*edits: tuple[str, str], extra: str = "") -> Path:
        text = MINIMAL
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        path = tmp_path / "framework.yaml"
        path.write_text(text + extra, encoding="utf-8")
        return path

    return make


# Text that, reaching a terminal raw, would retitle it and overwrite the line before with
# a forged "✔ valid"; written with YAML escapes, as a pull request could write it.
FORGED = r'"\e]0;pwned\a\e[1A\e[2K✔ valid [bold red]x[/] \x85\u2028\u202e"'
FORGED_SHOWN = r"\x1b]0;pwned\x07\x1b[1A\x1b[2K✔ valid"
RAW_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def assert_escaped(out: str) -> None:
    """No control character in `out` (but line feeds and tabs), and the forged text shown
    with its escapes."""
    import re

    raw = re.findall(RAW_CONTROL, out)
    assert not raw, f"raw control characters in the output: {raw}"
    assert FORGED_SHOWN in out, out
