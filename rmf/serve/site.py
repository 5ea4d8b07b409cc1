"""The served framework: its last good pages, what stops it rendering now, and a version of
each page that open pages wait on."""

from __future__ import annotations

import os
import secrets
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rmf.core.errors import FrameworkError, RmfError
from rmf.core.findings import Finding, Severity
from rmf.reading.overlay import Source
from rmf.reading.reader import Reuse, reusing
from rmf.render.engine import Deferred, render_later, template_dirs
from rmf.render.kinds import KINDS
from rmf.render.memo import Memo
from rmf.serve.inputs import beyond_text, counts, digest, folder_of, roots, template_folders
from rmf.validate.run import validate


@dataclass(frozen=True)
class Trouble:
    """Why the pages are not the framework as it is now: its errors, or the one problem
    (a template error, a missing root file) that stopped the render."""

    findings: tuple[Finding, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class Build:
    """What one build did, for the person running the server."""

    seconds: float
    pages: int  # pages served now
    changed: int  # pages that differ from before
    trouble: Trouble | None
    warnings: int
    bug: str | None = None  # the traceback of an internal error, which the pages name


@dataclass(frozen=True)
class Snapshot:
    """One page as it is to be served now: its HTML (None: no such document, or one that
    could not be made), what stops the framework rendering (or the page), the page's
    version, whether any version rendered yet, and whether making this page failed."""

    page: str | None
    trouble: Trouble | None
    token: str
    rendered: bool
    failed: bool = False


class Site:
    """A framework served as HTML: built in this process, again on every change of its
    files, with the pages of the last build without errors kept when a build fails. A
    build renders every document and publishes the pages it changes; each page's HTML is
    made when it is first asked for, so the page a person looks at is ready soonest."""

    def __init__(
        self, framework: Path, *, templates: Path | None = None, today: date | None = None
    ) -> None:
        self.framework, self.templates, self.today = framework, templates, today
        self.instance = secrets.token_hex(4)  # a new server means every page is new
        self._memo = Memo()
        self._reuse = Reuse()
        self._bases: list[str] = []
        self._files: set[Path] = set()
        self._digests: dict[Path, str | None] = {}
        self._building = threading.Lock()
        self._state = threading.Condition()
        self._pages: dict[str, Deferred] = {}
        self._rendered = False
        self._trouble: Trouble | None = None
        self._generation = 0
        self._changed_at: dict[str, int] = {}
        self._trouble_at = 0
        self._closed = False

    # --- what to watch ------------------------------------------------------------

    def roots(self) -> list[Path]:
        """The folders whose files can change the documents."""
        return roots(self.framework, self._bases, self.templates)

    def counts(self, path: Path) -> bool:
        """Whether a change to `path` (absolute) can change the documents."""
        folders = template_folders(self.framework, self._bases, self.templates)
        return counts(path, folders, self._files)

    # --- building -----------------------------------------------------------------

    def refresh(self, changed: Iterable[Path]) -> Build | None:
        """Build again if one of the `changed` files that count holds something new; None
        when none does (saved unchanged, touched, or a file that plays no part)."""
        new = False
        templates = template_folders(self.framework, self._bases, self.templates)
        for path in map(Path, map(os.path.abspath, changed)):
            if not counts(path, templates, self._files):
                continue
            now = digest(path)
            if self._digests.get(path) == now:
                continue
            self._digests[path] = now
            new = True
            if beyond_text(path, templates):
                self._memo = Memo()  # a template or a picture: pages made before may differ
        return self.build() if new else None

    def build(self) -> Build:
        """Validate the framework and, without errors, render its pages; publish what
        changed. A failed build keeps the pages of the last good one."""
        with self._building:
            start = time.perf_counter()
            pages, trouble, warnings, bug = self._make(time.time())
            with self._state:
                changed = self._publish(pages, trouble)
                served = len(self._pages)
            return Build(time.perf_counter() - start, served, changed, trouble, warnings, bug)

    def _make(
        self, since: float
    ) -> tuple[dict[str, Deferred] | None, Trouble | None, int, str | None]:
        try:
            with reusing(self._reuse):  # a file saved unchanged is not parsed again
                result = validate(self.framework, self.today)
            if result.checked is not None:
                self._learn(result.checked.source, since)
            if result.errors or result.framework is None:
                errors = tuple(f for f in result.findings if f.severity is Severity.ERROR)
                return None, Trouble(errors), result.warnings, None
            dirs = template_dirs(self.framework, self.templates, self._bases)
            home = folder_of(self.framework)  # where pictures in the text come from
            documents = render_later(result.framework, KINDS, dirs, folder=home, memo=self._memo)
            return {d.path: d for d in documents}, None, result.warnings, None
        except FrameworkError as exc:
            return None, Trouble(tuple(exc.findings)), 0, None
        except RmfError as exc:
            return None, Trouble(problem=f"{exc.prefix}{exc}"), 0, None
        except Exception as exc:  # a bug: the server goes on, and the pages say so
            problem = f"internal error: {type(exc).__name__}: {exc}"
            self._memo = Memo()
            return None, Trouble(problem=problem), 0, traceback.format_exc()

    def _learn(self, source: Source, since: float) -> None:
        """The files the framework was read from, and the contents of those seen for the
        first time, unless written since the build started (their next change is then
        new, whatever it holds)."""
        self._bases = list(source.bases)
        self._files = {Path(os.path.abspath(f)) for f in source.files}
        for path in self._files - self._digests.keys():
            try:
                if path.stat().st_mtime < since:
                    self._digests[path] = digest(path)
            except OSError:
                continue

    def _publish(self, pages: dict[str, Deferred] | None, trouble: Trouble | None) -> int:
        """Take the build's outcome; every page it changes (made from something else)
        gets a new version, and a page it does not change stays as made."""
        old = self._pages
        new = old
        if pages is not None:  # a page made from the same things keeps what it made
            new = {p: o if (o := old.get(p)) == d else d for p, d in pages.items()}
        changed = [p for p in old.keys() | new.keys() if old.get(p) != new.get(p)]
        moved = trouble != self._trouble
        if changed or moved:
            self._generation += 1
            self._changed_at.update(dict.fromkeys(changed, self._generation))
            if moved:
                self._trouble_at = self._generation
            self._pages, self._trouble = new, trouble
            self._state.notify_all()
        self._rendered = self._rendered or pages is not None
        return len(changed)

    # --- serving ------------------------------------------------------------------

    def _token(self, name: str) -> str:
        version = max(self._changed_at.get(name, 0), self._trouble_at)
        return f"{self.instance}-{version}"

    def snapshot(self, name: str) -> Snapshot:
        """The page at `name` (as `positions/brm.html`) as it is to be served now."""
        with self._state:
            found, trouble = self._pages.get(name), self._trouble
            token, rendered = self._token(name), self._rendered
        if found is None:
            return Snapshot(None, trouble, token, rendered)
        try:  # made here, on the thread that asks, not under the lock the build takes
            return Snapshot(found.html(), trouble, token, rendered)
        except RmfError as exc:
            problem = f"{exc.prefix}{exc}"
        except Exception as exc:  # a bug: this page says so, the server goes on
            problem = f"internal error: {type(exc).__name__}: {exc}"
        return Snapshot(None, Trouble(problem=problem), token, rendered, failed=True)

    def wait(self, name: str, token: str | None, timeout: float) -> str:
        """The version of the page at `name`, once it is no longer `token`, the site is
        closed, or `timeout` seconds have passed."""
        with self._state:
            self._state.wait_for(lambda: self._closed or self._token(name) != token, timeout)
            return self._token(name)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Let every waiting page go."""
        with self._state:
            self._closed = True
            self._state.notify_all()
