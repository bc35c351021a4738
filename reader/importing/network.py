"""Downloading one page or feed, within limits, with one-line failure reasons.

Built on urllib3 (it comes with trafilatura, so it costs no extra
dependency) used at a low level: redirects are followed here, one hop at a
time, so each hop's scheme is checked and a loop is named as such; the body
is streamed so the size limit and the overall deadline hold however the
server behaves. Only what the person asked for is fetched: this module is
called with their URLs, the feeds of an OPML file they gave, and the pages
of feed entries when they asked for ``--fetch``.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from reader import __version__
from reader.importing.options import Limits
from reader.importing.report import ImportFailure
from reader.util.files import megabytes

USER_AGENT = f"Broadsheet/{__version__} (terminal news reader)"
ALLOWED_SCHEMES = ("http", "https")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
NOT_MODIFIED = 304
KEPT_HEADERS = ("etag", "last-modified", "retry-after", "cache-control")
"""Response headers a :class:`Download` keeps (for conditional requests and retry hints)."""
CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Download:
    """A downloaded body: the final URL, its media type (lower case), charset and bytes.

    ``status`` is 304 (and ``body`` empty) when a conditional request found
    nothing new; ``headers`` keeps the :data:`KEPT_HEADERS` (lower-case
    names); ``moved_to`` is where permanent redirects (301, 308) alone led,
    when they did ("" otherwise).
    """

    url: str
    media_type: str
    charset: str | None
    body: bytes
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    moved_to: str = ""


class FetchError(ImportFailure):
    """A download that failed; the message is the reason, in one line.

    ``status`` is the HTTP status when the server answered with an error, and
    ``retry_after`` its Retry-After header ("" when none).
    """

    def __init__(self, message: str, status: int = 0, retry_after: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def is_web_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` URL with a host."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ALLOWED_SCHEMES and bool(parts.netloc)


def looks_like_url(text: str) -> bool:
    """True when ``text`` is written as a URL of any scheme (``scheme://…``)."""
    head, sep, _ = text.strip().partition("://")
    return bool(sep) and head.isalpha()


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into the media type (lower case) and the charset."""
    if not value:
        return "", None
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def describe_error(error: Exception, url: str, timeout: float) -> str:
    """A one-line reason for a urllib3 failure."""
    host = urlsplit(url).hostname or url
    if isinstance(error, NameResolutionError):
        return f"cannot find the host {host} (DNS lookup failed)"
    if isinstance(error, NewConnectionError):  # (a subclass of ConnectTimeoutError)
        cause = error.__cause__ or error.__context__
        if isinstance(cause, ConnectionRefusedError) or "refused" in str(error).lower():
            return f"connection refused by {host}"
        if not isinstance(cause, TimeoutError) and "timed out" not in str(error).lower():
            return f"cannot connect to {host}"
    if isinstance(error, ConnectTimeoutError):
        return f"timed out connecting to {host} (after {timeout:g} s)"
    if isinstance(error, ReadTimeoutError | TimeoutError):
        return f"timed out: no answer from {host} within {timeout:g} s"
    if isinstance(error, SSLError):
        return f"secure connection to {host} failed (certificate or TLS error)"
    if isinstance(error, DecodeError):
        return "the response could not be decompressed"
    if isinstance(error, ProtocolError):
        return f"the connection to {host} broke off"
    if isinstance(error, LocationValueError):
        return "not a valid URL"
    return f"download failed ({type(error).__name__})"


class _Deadline:
    """The end of one whole request: when it passes, the socket in use is shut down.

    Socket timeouts bound each read, not the request: a server that sends one
    header line a second would never trip them. A timer shuts the connection
    down at the deadline instead, which ends any read in progress at once.
    """

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds
        self.expired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self.expire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket | None) -> None:
        """The socket the request now reads from."""
        with self._lock:
            self._socket = sock
            if self.expired:
                self._shut()

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)


_current = threading.local()


@contextlib.contextmanager
def _whole_request(seconds: float) -> Iterator[_Deadline]:
    deadline = _Deadline(seconds)
    _current.deadline = deadline
    deadline.start()
    try:
        yield deadline
    finally:
        deadline.cancel()
        _current.deadline = None


class _WatchedHTTPConnection(HTTPConnection):
    """Hands its socket to the current request's deadline before waiting for an answer."""

    def getresponse(self) -> Any:
        deadline: _Deadline | None = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.watch(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(HTTPSConnection):
    """The HTTPS twin of :class:`_WatchedHTTPConnection`."""

    def getresponse(self) -> Any:
        deadline: _Deadline | None = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.watch(self.sock)
        return super().getresponse()


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class Fetcher:
    """Downloads bodies over HTTP(S) with :class:`Limits`; thread-safe.

    ``Limits.timeout`` bounds the whole download (every redirect, the headers
    and the body), however slowly the server answers.
    """

    def __init__(self, limits: Limits | None = None, user_agent: str = USER_AGENT) -> None:
        self.limits = limits or Limits()
        self._pool = urllib3.PoolManager(
            num_pools=8,
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                "application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "gzip, deflate",
            },
            retries=False,
        )
        self._pool.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def close(self) -> None:
        """Close the pooled connections."""
        self._pool.clear()

    def fetch(
        self,
        url: str,
        accept: Callable[[str], str | None] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Download:
        """Download ``url``, following redirects within the limits.

        ``accept(media_type)`` is asked before the body is read: it returns
        ``None`` to go on or a reason to refuse (non-HTML content, say).
        ``headers`` are sent too (``If-None-Match``, ``If-Modified-Since``: a
        304 answer is a :class:`Download` with ``status`` 304).
        Raises :class:`FetchError` with a one-line reason on any failure.
        """
        with _whole_request(self.limits.timeout) as whole:
            try:
                return self._fetch(url, accept, whole, headers)
            except FetchError:
                if whole.expired:
                    host = urlsplit(url.strip()).hostname or url
                    raise FetchError(
                        f"timed out: no answer from {host} within {self.limits.timeout:g} s"
                    ) from None
                raise

    def _fetch(
        self,
        url: str,
        accept: Callable[[str], str | None] | None,
        whole: _Deadline,
        extra: Mapping[str, str] | None = None,
    ) -> Download:
        limits = self.limits
        deadline = whole.at
        current = url.strip()
        seen = {current}
        moved_to = ""
        permanent = True
        request_headers = dict(self._pool.headers)
        request_headers.update(extra or {})
        for _hop in range(limits.max_redirects + 1):
            if not is_web_url(current):
                scheme = urlsplit(current).scheme or "no scheme"
                raise FetchError(f"only http and https URLs can be fetched (not {scheme})")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(f"timed out after {limits.timeout:g} s")
            try:
                response = self._pool.request(
                    "GET",
                    current,
                    headers=request_headers,
                    preload_content=False,
                    redirect=False,
                    retries=False,
                    timeout=urllib3.Timeout(connect=remaining, read=remaining),
                )
            except (HTTPError, OSError) as error:
                raise FetchError(describe_error(error, current, limits.timeout)) from None
            complete = False
            try:
                if response.status in REDIRECTS:
                    location = response.headers.get("Location", "").strip()
                    if not location:
                        raise FetchError(f"HTTP {response.status} redirect without a target")
                    target = urljoin(current, location)
                    if target in seen:
                        raise FetchError("redirect loop (the page redirects back to itself)")
                    seen.add(target)
                    current = target
                    permanent = permanent and response.status in PERMANENT_REDIRECTS
                    moved_to = target if permanent else moved_to
                    continue
                if response.status == NOT_MODIFIED:
                    complete = True
                    return Download(current, "", None, b"", NOT_MODIFIED, _kept(response), moved_to)
                download = self._finish(response, current, deadline, accept)
                download = Download(
                    download.url,
                    download.media_type,
                    download.charset,
                    download.body,
                    download.status,
                    _kept(response),
                    moved_to,
                )
                complete = True
                return download
            finally:
                if not complete:  # unread data: the connection cannot be reused
                    response.close()
                response.release_conn()
        raise FetchError(f"too many redirects (more than {limits.max_redirects})")

    def _finish(
        self,
        response: urllib3.BaseHTTPResponse,
        url: str,
        deadline: float,
        accept: Callable[[str], str | None] | None,
    ) -> Download:
        """Check the status, type and size of a final response, then read its body."""
        limits = self.limits
        if response.status >= 400:
            try:
                phrase = HTTPStatus(response.status).phrase
            except ValueError:
                phrase = "error"
            raise FetchError(
                f"HTTP {response.status} {phrase}",
                response.status,
                str(response.headers.get("Retry-After", "") or ""),
            )
        if not 200 <= response.status < 300:
            raise FetchError(f"unexpected HTTP status {response.status}")
        media_type, charset = parse_content_type(response.headers.get("Content-Type"))
        if accept is not None:
            refusal = accept(media_type)
            if refusal:
                raise FetchError(refusal)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limits.max_bytes:
            shown, limit = megabytes(int(declared)), megabytes(limits.max_bytes)
            raise FetchError(f"too large ({shown}; the limit is {limit})")
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError(
                        f"too large (over {megabytes(limits.max_bytes)}, the limit per download)"
                    )
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {limits.timeout:g} s")
                chunks.append(chunk)
        except (HTTPError, OSError) as error:
            raise FetchError(describe_error(error, url, limits.timeout)) from None
        if time.monotonic() >= deadline:  # The end was the deadline's, not the server's.
            raise FetchError(f"timed out after {limits.timeout:g} s")
        return Download(
            url=url,
            media_type=media_type,
            charset=charset,
            body=b"".join(chunks),
            status=response.status,
        )


def _kept(response: urllib3.BaseHTTPResponse) -> dict[str, str]:
    """The response headers a :class:`Download` keeps."""
    kept = {}
    for name in KEPT_HEADERS:
        value = response.headers.get(name)
        if value:
            kept[name] = str(value)
    return kept
