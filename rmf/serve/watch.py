"""Watch a served framework's folders and build it again when a file that counts changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

from rmf.serve.site import Build, Site

# After the first change, wait this long for the file to settle (an editor's save is
# often several writes); more changes in that time extend the wait, up to DEBOUNCE_MS.
STEP_MS, DEBOUNCE_MS = 50, 1600
READY_MS = 200  # how often the watcher reports it is watching, and checks its folders
RETRY_SECONDS = 0.5  # with no folder to watch (the framework's was moved away)


def watch(
    site: Site,
    stop: threading.Event,
    on_build: Callable[[Build], None],
    watching: threading.Event | None = None,
) -> None:
    """Until `stop` is set: every change to the site's folders goes to `Site.refresh`,
    and every build it makes to `on_build`. `watching` is set once changes are seen."""
    ignored = watchfiles.DefaultFilter()  # version control, editors' swap and backup files
    polling = False
    while not stop.is_set():
        folders = _existing(site)
        if not folders:
            stop.wait(RETRY_SECONDS)
            continue

        def wanted(change: watchfiles.Change, path: str) -> bool:
            return ignored(change, path) and site.counts(Path(path))

        try:
            for changes in watchfiles.watch(
                *folders,
                watch_filter=wanted,
                step=STEP_MS,
                debounce=DEBOUNCE_MS,
                rust_timeout=READY_MS,
                yield_on_timeout=True,
                stop_event=stop,
                raise_interrupt=False,
                force_polling=polling or None,
            ):
                if watching is not None:
                    watching.set()
                if changes:
                    build = site.refresh(Path(path) for _, path in changes)
                    if build is not None:
                        on_build(build)
                if _existing(site) != folders:
                    break  # a base came or went: watch its folder too
        except FileNotFoundError:  # a folder went away while being watched
            stop.wait(RETRY_SECONDS)
        except (OSError, RuntimeError):  # no events from the system (out of watches): poll
            polling = True
            stop.wait(RETRY_SECONDS)


def _existing(site: Site) -> list[Path]:
    return [folder for folder in site.roots() if folder.is_dir()]
