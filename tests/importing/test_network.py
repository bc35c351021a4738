"""Downloads against a real local HTTP server: limits, redirects, errors, one-line reasons."""

from __future__ import annotations

import socket
import time

import pytest
from urllib3.exceptions import NameResolutionError

from reader import __version__
from reader.importing.network import (
    Fetcher,
    FetchError,
    describe_error,
    parse_content_type,
)
from reader.importing.options import Limits
from reader.importing.sniffing import refuse_non_html, refuse_unknown_type
from tests.webserver import TestSite

PAGE = "<html><head><title>T</title></head><body><p>Hello.</p></body></html>"


def fetcher(**limits: float) -> Fetcher:
    return Fetcher(Limits(**limits))  # type: ignore[arg-type]


def failure(fetch: Fetcher, url: str, **kwargs: object) -> str:
    with pytest.raises(FetchError) as caught:
        fetch.fetch(url, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_fetches_a_page_with_its_type_and_charset(web: TestSite) -> None:
    url = web.add("/page.html", PAGE, content_type="text/html; charset=ISO-8859-1")
    download = fetcher().fetch(url)
    assert download.body == PAGE.encode()
    assert (download.media_type, download.charset) == ("text/html", "ISO-8859-1")
    assert download.url == url


def test_sends_a_user_agent_naming_broadsheet_and_its_version(web: TestSite) -> None:
    fetcher().fetch(web.add("/page.html", PAGE))
    agent = web.requests[0][1]["User-Agent"]
    assert agent.startswith(f"Broadsheet/{__version__}")


def test_follows_redirects_and_reports_the_final_url(web: TestSite) -> None:
    final = web.add("/final.html", PAGE)
    web.redirect("/two", "/final.html", status=301)
    start = web.redirect("/one", web.url("/two"))
    download = fetcher().fetch(start)
    assert download.url == final
    assert web.paths_requested() == ["/one", "/two", "/final.html"]


def test_a_redirect_loop_is_named(web: TestSite) -> None:
    web.redirect("/loop-a", "/loop-b")
    web.redirect("/loop-b", "/loop-a")
    assert "redirect loop" in failure(fetcher(), web.url("/loop-a"))
    assert len(web.requests) == 2


def test_redirects_are_followed_within_a_bound(web: TestSite) -> None:
    for hop in range(8):
        web.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    web.add("/hop8", PAGE)
    assert failure(fetcher(max_redirects=5), web.url("/hop0")) == "too many redirects (more than 5)"
    assert len(web.requests) == 6


def test_a_redirect_to_another_scheme_is_refused(web: TestSite) -> None:
    web.redirect("/to-ftp", "ftp://files.example.org/article.html")
    message = failure(fetcher(), web.url("/to-ftp"))
    assert message == "only http and https URLs can be fetched (not ftp)"


@pytest.mark.parametrize(
    ("status", "expected"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_http_errors(web: TestSite, status: int, expected: str) -> None:
    url = web.add("/error", "<html>no</html>", status=status)
    assert failure(fetcher(), url) == expected


def test_a_slow_answer_times_out(web: TestSite) -> None:
    url = web.add("/slow", PAGE, delay=3)
    start = time.monotonic()
    message = failure(fetcher(timeout=0.4), url)
    assert message == "timed out: no answer from 127.0.0.1 within 0.4 s"
    assert time.monotonic() - start < 2


def test_content_that_is_not_a_page_is_refused_before_its_body(web: TestSite) -> None:
    url = web.add("/report.pdf", b"%PDF-1.4 " + b"x" * 1000, content_type="application/pdf")
    assert failure(fetcher(), url, accept=refuse_non_html) == (
        "not a web page (the server sent application/pdf)"
    )
    assert failure(fetcher(), url, accept=refuse_unknown_type) == (
        "not a web page or feed (the server sent application/pdf)"
    )


def test_a_huge_body_with_a_declared_length_is_refused(web: TestSite) -> None:
    url = web.add("/huge", b"<p>" + b"a" * 3_000_000)
    message = failure(fetcher(max_bytes=1_048_576), url)
    assert message == "too large (2.9 MB; the limit is 1 MB)"


def test_a_huge_body_without_a_length_is_cut_off(web: TestSite) -> None:
    url = web.add("/huge-stream", b"<p>" + b"a" * 3_000_000, send_length=False)
    message = failure(fetcher(max_bytes=1_048_576), url)
    assert message == "too large (over 1 MB, the limit per download)"


def test_a_refused_connection(web: TestSite) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert failure(fetcher(), f"http://127.0.0.1:{port}/") == "connection refused by 127.0.0.1"


def test_only_http_and_https() -> None:
    assert failure(fetcher(), "file:///etc/passwd") == (
        "only http and https URLs can be fetched (not file)"
    )


def test_dns_failure_message() -> None:
    # Built by hand: a real lookup of an unknown name would leave this machine.
    error = NameResolutionError("nowhere.invalid", None, socket.gaierror(-2, "Name unknown"))  # type: ignore[arg-type]
    message = describe_error(error, "https://nowhere.invalid/news", 20)
    assert message == "cannot find the host nowhere.invalid (DNS lookup failed)"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "UTF-8")),
        ('application/rss+xml;charset="windows-1252"', ("application/rss+xml", "windows-1252")),
        ("TEXT/HTML", ("text/html", None)),
        (None, ("", None)),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected


def test_the_timeout_bounds_the_whole_request(web: TestSite) -> None:
    """A server sending one header line at a time never trips a per-read timeout."""
    url = web.add("/trickle", trickle=0.1)
    message = failure(fetcher(timeout=1), url)
    assert "timed out" in message
    # Without a whole-request deadline the client would take every one of the 600 lines.
    assert web.trickled < 100
