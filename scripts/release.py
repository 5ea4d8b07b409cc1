"""Release rmf: set the version, date the changelog, commit, and tag `vX.Y.Z`.

python scripts/release.py X.Y.Z [--date YYYY-MM-DD]

`rmf init` pins the repositories it creates (pre-commit `rev`, the workflow's
`pip install`) to `v` + rmf's version, so every version must have its tag: this
makes the release commit and the tag together, then says what to push.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION_FILE = Path("rmf") / "__init__.py"
CHANGELOG = Path("CHANGELOG.md")
UNRELEASED = "## [Unreleased]\n"
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", re.M)
VERSION_LINE = re.compile(r'^__version__ = "[^"]*"$', re.M)


class Refused(Exception):
    """The release cannot be made; the message says why."""


def releases(changelog: str) -> list[str]:
    """The released versions a changelog records, newest first."""
    return RELEASE.findall(changelog)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def _git(*args: str, root: Path) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Refused(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def dated(changelog: str, version: str, day: date) -> str:
    """The changelog with its unreleased changes under `## [version] - day`."""
    if UNRELEASED not in changelog:
        raise Refused(f"{CHANGELOG} has no '{UNRELEASED.strip()}' section")
    after = changelog.split(UNRELEASED, 1)[1]
    notes = after.split("\n## [", 1)[0]
    if not notes.strip():
        raise Refused(f"{CHANGELOG}: nothing under '{UNRELEASED.strip()}' to release")
    return changelog.replace(UNRELEASED, f"{UNRELEASED}\n## [{version}] - {day.isoformat()}\n", 1)


def release(root: Path, version: str, day: date) -> str:
    """Make the release commit and its tag in the repository at `root`; the tag's name."""
    if not SEMVER.fullmatch(version):
        raise Refused(f"{version!r} is not a version X.Y.Z")
    tag = f"v{version}"
    if _git("status", "--porcelain", root=root).strip():
        raise Refused("the working tree has changes: commit or stash them first")
    if _git("tag", "--list", tag, root=root).strip():
        raise Refused(f"the tag {tag} exists already")
    changelog = (root / CHANGELOG).read_text(encoding="utf-8")
    done = releases(changelog)
    if done and _key(version) <= _key(done[0]):
        raise Refused(f"{version} is not newer than the last release, {done[0]}")
    module = (root / VERSION_FILE).read_text(encoding="utf-8")
    if not VERSION_LINE.search(module):
        raise Refused(f"{VERSION_FILE} has no __version__ line")
    (root / CHANGELOG).write_text(dated(changelog, version, day), encoding="utf-8")
    (root / VERSION_FILE).write_text(
        VERSION_LINE.sub(f'__version__ = "{version}"', module, count=1), encoding="utf-8"
    )
    files = (str(CHANGELOG), str(VERSION_FILE))
    _git("commit", "-q", "-m", f"Release {version}", "--", *files, root=root)
    _git("tag", "-a", tag, "-m", f"rmf {version}", root=root)
    return tag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("version", help="the new version, X.Y.Z")
    parser.add_argument("--date", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    try:
        tag = release(ROOT, args.version, args.date)
    except Refused as exc:
        print(f"release: {exc}", file=sys.stderr)
        return 1
    print(
        f"Committed 'Release {args.version}' and tagged {tag}. Publish both — the repositories "
        f"`rmf init` creates from now on pin {tag}:\n"
        f"  git push origin HEAD {tag}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
