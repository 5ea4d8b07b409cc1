"""What a process that renders one framework again and again keeps between renders."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Work kept from one render to the next (`rmf serve`): the template environments,
    each page's HTML by everything it is made from, and each diagram's drawing by what
    it shows. A page's HTML is made again only when its Markdown, its path, its
    diagrams or the set of documents its links lead to changed. Valid while the
    templates and the pictures of the framework stay as they are: start a new Memo
    when one of them changes. `rmf serve` makes pages on the threads that answer requests
    while the next render runs: each page and each drawing is made once, under a lock of
    its own, and the memo's lock guards only its dictionaries."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, Any] = {}
        self._pages: dict[Hashable, str] = {}
        self._images: dict[Hashable, str] = {}
        self._used_pages: set[Hashable] = set()
        self._used_images: set[Hashable] = set()
        self._making = 0
        self._lock = threading.RLock()  # drawing a diagram happens while making a page
        # a lock per page or drawing being made
        self._gates: dict[tuple[str, Hashable], threading.Lock] = {}
        self.made = 0  # pages the last render made rather than found
        self.converted = 0  # pages made in the memo's life, by a render or on request

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value made once for `key` and kept for the memo's life."""
        if key not in self._kept:
            self._kept[key] = make()
        value: T = self._kept[key]
        return value

    def page(self, key: Hashable, make: Callable[[], str]) -> str:
        """A page's HTML: as made before for the same `key`, else made now."""
        with self._lock:
            self._used_pages.add(key)
        found, made = self._once("page", key, make)
        if made:
            with self._lock:
                self._making += 1
        return found

    def use(self, key: Hashable) -> None:
        """Keep the page of `key` through this render's sweep, made or not: a page to be
        made on request (`later`)."""
        with self._lock:
            self._used_pages.add(key)

    def later(self, key: Hashable, make: Callable[[], str]) -> str:
        """A page's HTML asked for after the render that `use`d its key: as made before,
        else made now, once however many threads ask for it at the same time. A page is
        made holding its own lock only, so a slow page keeps no other page waiting."""
        return self._once("page", key, make)[0]

    def _once(self, kind: str, key: Hashable, make: Callable[[], str]) -> tuple[str, bool]:
        """What `make` makes, kept under `key` among the pages or the drawings, and
        whether this call made it: made by the first thread to ask, under a lock of its
        own (never the memo's), while the others asking for it wait for it alone."""
        with self._lock:
            found = self._store(kind).get(key)
            if found is not None:
                return found, False
            gate = self._gates.setdefault((kind, key), threading.Lock())
        with gate:
            try:
                with self._lock:
                    found = self._store(kind).get(key)
                if found is not None:
                    return found, False  # made meanwhile by the thread this one waited for
                found = make()
                with self._lock:
                    self._store(kind)[key] = found  # the store as last swept
                    self.converted += kind == "page"
                return found, True
            finally:
                with self._lock:
                    if self._gates.get((kind, key)) is gate:  # not one made since
                        del self._gates[(kind, key)]

    def _store(self, kind: str) -> dict[Hashable, str]:
        return self._pages if kind == "page" else self._images

    def image(self, key: Hashable, draw: Callable[[], str]) -> Callable[[], str]:
        """`draw`, answered from the memo when a diagram of the same `key` (what it
        shows) was drawn; a diagram some document of the render holds is kept, drawn or
        not."""
        with self._lock:
            self._used_images.add(key)

        def drawn() -> str:
            return self._once("image", key, draw)[0]

        return drawn

    def sweep(self) -> None:
        """At the end of a render: forget the pages and drawings it did not use, so the
        memo holds one framework's worth."""
        with self._lock:
            self._sweep()

    def _sweep(self) -> None:
        self.made, self._making = self._making, 0
        self._pages = {k: v for k, v in self._pages.items() if k in self._used_pages}
        self._images = {k: v for k, v in self._images.items() if k in self._used_images}
        self._used_pages, self._used_images = set(), set()
