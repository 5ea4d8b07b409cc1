"""The server on 127.0.0.1 (a free port): pages with their policy, an event stream per
page, requests for other names refused, and a watcher that builds on every edit."""

from __future__ import annotations

import http.client
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_helpers import BRM, DAY, built, edit, events, minimal_folder

from rmf.serve.server import Server, is_loopback, page_name
from rmf.serve.serving import Serving
from rmf.serve.site import Build, Site

# never through a proxy named in the environment
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(url: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with OPENER.open(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Site, str]]:
    site = built(minimal_folder(tmp_path))
    server = Server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, server.url
    finally:
        site.close()
        server.shutdown()
        server.server_close()


def test_a_page_is_served_with_its_policy(served: tuple[Site, str]) -> None:
    _, url = served
    status, headers, body = get(url + BRM)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    policy = headers["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in body and f'content="{policy}"' in body
    assert headers["Cache-Control"] == "no-store" and headers["Server"] == "rmf"
    assert "Business Relationship Manager" in body


def test_the_index_is_at_the_top(served: tuple[Site, str]) -> None:
    site, url = served
    status, _, body = get(url)
    assert status == 200 and body.startswith("<!DOCTYPE html>")
    index = site.snapshot("index.html").page
    assert index is not None and index.split("<body>")[1].split("</body>")[0] in body


def test_an_address_without_a_document_is_not_found(served: tuple[Site, str]) -> None:
    _, url = served
    status, _, body = get(url + "positions/nobody.html")
    assert status == 404 and "No document at /positions/nobody.html" in body
    assert get(url + "positions/%2e%2e/%2e%2e/etc/passwd")[0] == 404


def test_a_request_for_another_name_is_refused(served: tuple[Site, str]) -> None:
    _, url = served
    status, _, body = get(url, host="rebound.example.com")
    assert status == 421 and "Business" not in body
    port = url.rsplit(":", 1)[1].strip("/")
    assert get(url, host=f"localhost:{port}")[0] == 200


def test_an_open_page_hears_when_it_changes(served: tuple[Site, str], tmp_path: Path) -> None:
    site, url = served
    stream = events(url, BRM)
    first = next(stream)
    assert first == site.snapshot(BRM).token
    edit(tmp_path / "framework" / "framework.yaml", "Manages the", "Runs the")
    assert site.refresh([tmp_path / "framework" / "framework.yaml"]) is not None
    assert next(stream) == site.snapshot(BRM).token != first


def test_addresses_name_documents_inside_the_site() -> None:
    assert page_name("/") == "index.html"
    assert page_name("/positions/brm.html") == "positions/brm.html"
    assert page_name("/positions/") == "positions/index.html"
    assert page_name("/positions/%2e%2e/secret") is None
    assert page_name("/a//b.html") is None


def test_this_machine_is_known_by_its_names() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.4", "example.com", "::"]))


def test_an_edit_is_served_without_being_asked_for(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    builds: list[Build] = []
    with Serving(Site(folder, today=DAY), "127.0.0.1", 0, builds.append) as running:
        running.site.build()
        assert running.watching.is_set()
        stream = events(running.url, BRM)
        first = next(stream)
        edit(folder / "framework.yaml", "Manages the relationship", "Runs the relationship")
        assert next(stream) != first  # the watcher built it, and the page heard
        assert "Runs the relationship" in get(running.url + BRM)[2]
        assert len(builds) == 1 and builds[0].changed >= 1
    start = time.monotonic()
    assert list(stream) == []  # closed: the stream ends
    assert time.monotonic() - start < 5


def test_open_pages_are_capped_and_a_closed_one_frees_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a page elsewhere opening event streams by the hundred must not use up the
    # process's file handles: past the cap a stream is refused, and pages still load
    monkeypatch.setattr("rmf.serve.server.MAX_STREAMS", 2)
    monkeypatch.setattr("rmf.serve.server.KEEP_ALIVE", 0.1)  # a closed stream is found soon
    site = built(minimal_folder(tmp_path))
    server = Server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        first, second = events(server.url, BRM), events(server.url, BRM)
        assert next(first) and next(second)
        status, _, body = get(server.url + "_rmf/events?page=" + BRM)
        assert status == 503 and "too many open pages" in body
        assert get(server.url + BRM)[0] == 200
        first.close()  # the browser leaves the page
        deadline = time.monotonic() + 10
        while _stream_status(server.url) == 503:
            assert time.monotonic() < deadline, "a closed page never freed its place"
            time.sleep(0.05)
    finally:
        site.close()
        server.shutdown()
        server.server_close()


def _stream_status(url: str) -> int:
    """The status an event stream is opened with; the stream is closed at once."""
    host, port = url.removeprefix("http://").strip("/").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("GET", f"/_rmf/events?page={BRM}")
        return connection.getresponse().status
    finally:
        connection.close()


def test_a_page_that_cannot_be_made_is_a_server_error_that_says_why(tmp_path: Path) -> None:
    folder = minimal_folder(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "page.html.j2").write_text(
        "<!DOCTYPE html>\n<html><body>{{ body }}{{ nowhere.x }}</body></html>\n",
        encoding="utf-8",
    )
    site = built(folder)
    server = Server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, _, body = get(server.url + BRM)
        assert status == 500 and "This page could not be made" in body
        assert "page.html.j2:2" in body and "could not be made: see above" in body
        assert get(server.url + BRM)[0] == 500  # and the server answers on
    finally:
        site.close()
        server.shutdown()
        server.server_close()
