"""The built wheel ships the templates: install it into a fresh venv and render an example.

Slow (it builds a wheel and a virtual environment) but part of the default run. It needs no
network when hatchling is installed; otherwise pip fetches the build backend from PyPI.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
from render_helpers import read_tree, render_tree

from conftest import ROOT, TODAY, shipped_frameworks

pytestmark = pytest.mark.slow


def run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the rmf wheel; its dependencies come from this interpreter's
    site-packages through a .pth file, so nothing but the wheel needs installing."""
    tmp = tmp_path_factory.mktemp("wheel")
    # with hatchling at hand the build needs no network; without it pip fetches it from PyPI
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        *isolation,
        "-w",
        tmp / "dist",
        ROOT,
        cwd=tmp,
    )
    wheel = next((tmp / "dist").glob("rmf_tools-*.whl"))
    env = tmp / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    purelib = run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp
    )
    # the wheel first, into an empty venv: were the outer site-packages visible already,
    # pip would take an rmf installed there as the wheel's and install nothing
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel, cwd=tmp)
    outer = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    # appended after the venv's own site-packages: the wheel's rmf comes first
    (Path(purelib.strip()) / "outer-dependencies.pth").write_text("\n".join(outer) + "\n")
    return env


def test_the_wheel_holds_every_template(installed: Path) -> None:
    wheel = next((installed.parent / "dist").glob("rmf_tools-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.removeprefix("rmf/templates/") for n in names if n.startswith("rmf/templates/")}
    assert shipped == {p.name for p in (ROOT / "templates").iterdir() if p.is_file()}


def test_the_installed_rmf_uses_its_own_templates(installed: Path) -> None:
    where = run(
        installed / "bin" / "python",
        "-c",
        "import rmf, rmf.render.engine as e; print(rmf.__file__); print(e.builtin_templates())",
        cwd=installed.parent,
    ).splitlines()
    assert all(Path(line).is_relative_to(installed) for line in where), where
    assert where[1].endswith("rmf/templates")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_example_renders_from_the_installed_wheel(installed: Path, fmt: str) -> None:
    example = shipped_frameworks()[0]
    out = installed.parent / f"out-{fmt}"
    run(
        installed / "bin" / "rmf",
        "render",
        example,
        "-o",
        out,
        "--format",
        fmt,
        "--today",
        TODAY,
        cwd=installed.parent,  # outside the source checkout: no top-level templates/ to find
    )
    assert read_tree(out) == render_tree(example, "html" if fmt == "html" else "md")
