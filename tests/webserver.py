"""A real HTTP server on 127.0.0.1 for import tests (no mocks of the network).

Each test adds the routes it needs: pages, feeds, redirects, error statuses,
slow answers, wrong content types, huge bodies. Requests are recorded so a
test can check what was (and was not) fetched and with which User-Agent.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_DELAY = 5.0


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    send_length: bool = True
    trickle: float = 0.0
    """Seconds between header lines: a server that answers one line at a time, forever."""
    etag: str = ""
    """Sent as ETag; a request whose If-None-Match is this gets a 304."""
    last_modified: str = ""
    """Sent as Last-Modified; a request whose If-Modified-Since is this gets a 304."""


class TestSite:
    """The routes and request log of one local server."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self.base = ""
        self.trickled = 0
        """Header lines sent by trickling routes."""
        self.not_modified = 0
        """304 answers sent."""

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **route: Any) -> str:
        """Serve ``body`` at ``path`` (see :class:`Route` for the options); return the URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **route)
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        """Answer ``path`` with a redirect to ``target``; return the URL."""
        return self.add(path, status=status, headers={"Location": target})

    def paths_requested(self) -> list[str]:
        """The paths asked for so far, in order."""
        return [path for path, _ in self.requests]


def _handler(site: TestSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers.items())))
            route = site.routes.get(self.path)
            if route is None:
                route = Route(b"<html><body>Not found</body></html>", status=404)
            if route.delay:
                site.stopping.wait(min(route.delay, MAX_DELAY))
            if route.trickle:
                self._trickle(route.trickle)
                return
            if self._not_modified(route):
                site.not_modified += 1
                self.send_response(304)
                if route.etag:
                    self.send_header("ETag", route.etag)
                self.end_headers()
                return
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _not_modified(self, route: Route) -> bool:
            if route.status != 200:
                return False
            tag = self.headers.get("If-None-Match")
            if route.etag and tag is not None:
                return tag == route.etag
            since = self.headers.get("If-Modified-Since")
            return bool(route.last_modified) and since == route.last_modified

        def _trickle(self, interval: float) -> None:
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                self.wfile.flush()
                for number in range(600):
                    if site.stopping.wait(interval):
                        return
                    self.wfile.write(f"X-Slow-{number}: still here\r\n".encode())
                    self.wfile.flush()
                    site.trickled += 1
            except OSError:
                pass

        def log_message(self, format: str, *args: Any) -> None:
            """Stay quiet."""

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away early is expected (timeouts, size limits)."""


def serve() -> Iterator[TestSite]:
    """Run a server in a thread for the duration of a test."""
    site = TestSite()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield site
    finally:
        site.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
