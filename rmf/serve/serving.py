"""A site served and watched, each on a thread of its own, until it is closed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType

from rmf.serve.server import Server
from rmf.serve.site import Build, Site
from rmf.serve.watch import watch

READY_SECONDS = 10.0  # the longest to wait for the watcher to start


class Serving:
    """`site` on http://host:port/ (port 0: any free port), its files watched. Binding
    raises OSError (the port in use, an address this machine does not have)."""

    def __init__(
        self,
        site: Site,
        host: str = "127.0.0.1",
        port: int = 8000,
        on_build: Callable[[Build], None] | None = None,
    ) -> None:
        self.site = site
        self.server = Server(site, host, port)
        self._stop = threading.Event()
        self.watching = threading.Event()
        self._threads = [
            threading.Thread(target=self.server.serve_forever, name="rmf-serve", daemon=True),
            threading.Thread(
                target=watch,
                args=(site, self._stop, on_build or (lambda build: None), self.watching),
                name="rmf-watch",
                daemon=True,
            ),
        ]

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> bool:
        """Serve and watch; whether the watcher started in time."""
        for thread in self._threads:
            thread.start()
        return self.watching.wait(READY_SECONDS)

    def close(self) -> None:
        """Stop watching and serving; open pages' event streams end."""
        self._stop.set()
        self.site.close()
        if self._threads[0].is_alive():
            self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            if thread.is_alive():
                thread.join(READY_SECONDS)

    def __enter__(self) -> Serving:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
