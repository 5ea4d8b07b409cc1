"""The HTTP side of `rmf serve`: pages from the site, and a stream of events for each
open page."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from rmf.serve.page import EVENTS, dressed, policy
from rmf.serve.site import Site

KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream, to find it closed
MAX_NAME = 1024
# Open pages listened to at once: far more than a person opens, few enough that a page
# elsewhere opening streams by the hundred cannot use up the process's file handles.
MAX_STREAMS = 48
IDLE = 30.0  # seconds a connection may send nothing before it is dropped


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, IPv6 in brackets or not) is this machine
    only."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def page_name(path: str) -> str | None:
    """The document an address asks for (`/` is the index); None for one that cannot
    name a document."""
    name = unquote(path).lstrip("/")
    if name == "" or name.endswith("/"):
        name += "index.html"
    parts = name.split("/")
    if len(name) > MAX_NAME or any(part in ("", ".", "..") for part in parts):
        return None
    return name


class Server(ThreadingHTTPServer):
    """A threaded HTTP server of one site. Bound to this machine, it answers only
    requests addressed to this machine's names, so a web page elsewhere cannot read the
    documents by pointing a name of its own at 127.0.0.1 (DNS rebinding)."""

    daemon_threads = True

    def __init__(self, site: Site, host: str, port: int) -> None:
        self.site = site
        self.loopback = is_loopback(host)
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host.strip("[]"), port), _Handler)

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def addressed_here(self, host: str | None) -> bool:
        """Whether a request's Host header is acceptable."""
        if host is None or not self.loopback:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return is_loopback(name)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that went away mid-answer: nothing to say, nothing to print."""


class _Handler(BaseHTTPRequestHandler):
    server: Server
    timeout = IDLE  # a connection that sends nothing does not hold its thread
    protocol_version = "HTTP/1.0"  # one answer per connection; an event stream ends it
    server_version = "rmf"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Requests go unlogged: the core of rmf never prints."""

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        if not self.server.addressed_here(self.headers.get("Host")):
            self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain", b"not this server\n", head)
            return
        split = urlsplit(self.path)
        if split.path == EVENTS and not head:
            if not self.server.streams.acquire(blocking=False):
                busy = b"too many open pages; close some and reload\n"
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain", busy, head)
                return
            try:
                self._events(parse_qs(split.query).get("page", [""])[0])
            finally:
                self.server.streams.release()
            return
        name = page_name(split.path)
        if name is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"no such document\n", head)
            return
        snapshot = self.server.site.snapshot(name)
        nonce = secrets.token_urlsafe(16)
        body = dressed(name, snapshot, nonce).encode("utf-8")
        if snapshot.failed:
            status = HTTPStatus.INTERNAL_SERVER_ERROR
        else:
            status = HTTPStatus.OK if snapshot.page is not None else HTTPStatus.NOT_FOUND
        self._send(status, "text/html; charset=utf-8", body, head, policy(nonce))

    def _send(
        self, status: int, kind: str, body: bytes, head: bool, csp: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if csp is not None:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, name: str) -> None:
        """The page's version now, and again each time it changes, until the browser
        goes away or the server closes."""
        site = self.server.site
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        token: str | None = None
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not site.closed:
                current = site.wait(name[:MAX_NAME], token, KEEP_ALIVE)
                if site.closed:
                    break
                if current != token:
                    self.wfile.write(f"data: {current}\n\n".encode())
                    token = current
                else:
                    self.wfile.write(b": waiting\n\n")
                self.wfile.flush()
        except OSError:
            pass  # the page was closed or reloaded
