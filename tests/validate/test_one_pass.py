"""One run reports every problem once: a file that cannot be read does not hide the
findings of the others, and causes no cascade of findings about what it would hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from conftest import MINIMAL
from rmf.validate.run import validate

DAY = date(2026, 6, 1)


def split_framework(folder: Path) -> None:
    """MINIMAL as a folder: roles, governance and processes each in a file of their own."""
    data = yaml.safe_load(MINIMAL)
    parts = {name: {name: data.pop(name)} for name in ("roles", "governance", "processes")}
    data["include"] = [f"{name}.yaml" for name in parts]
    folder.mkdir()
    (folder / "framework.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for name, part in parts.items():
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(part, sort_keys=False))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_mistake_in_each_file_gives_each_finding_once(tmp_path: Path) -> None:
    folder = tmp_path / "fw"
    split_framework(folder)
    assert validate(folder, DAY).findings == []
    # processes.yaml cannot be parsed at all
    (folder / "processes.yaml").write_text("processes:\n  - id: intake\n    name: [broken\n")
    # governance.yaml: a quorum above the seats
    edit(folder / "governance.yaml", "quorum: 2", "quorum: 5")
    # roles.yaml: shares of time that do not add up
    edit(
        folder / "roles.yaml",
        "  - text: Run the relationship.\n",
        "  - text: Run it.\n    time: 60\n  - text: Report.\n    time: 30\n",
    )
    found = sorted((Path(f.file).name, f.code) for f in validate(folder, DAY).findings)
    # and nothing about what processes.yaml would hold: `satisfaction`, which only its
    # process uses, is not called an orphan
    assert found == [
        ("governance.yaml", "quorum-out-of-range"),
        ("processes.yaml", "yaml-syntax"),
        ("roles.yaml", "time-shares"),
    ]


def test_without_the_unread_file_no_reference_into_it_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "fw"
    split_framework(folder)
    (folder / "roles.yaml").write_text("roles: [\n")
    codes = {f.code for f in validate(folder, DAY).findings}
    assert codes == {"yaml-syntax"}  # no unresolved `brm`, no unit without a manager
