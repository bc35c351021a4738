"""Refreshing subscribed feeds against a real server on 127.0.0.1.

The server answers 304 to conditional requests, 500, slowly, with a moved
feed (301), with entries that change, with a TTL and with Retry-After; the
subscriptions live in a real ``library.json`` in a temporary HOME.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.importing.options import Limits
from reader.importing.refresh import FeedResult, Refresher, retry_after
from reader.importing.store import LibraryWriter
from reader.library import load_article
from reader.session.session import Session
from reader.store.feeds import Subscription
from tests.feedgen import page, paragraph, rss
from tests.webserver import TestSite

FEED_TYPE = "application/rss+xml"


def _session(home: Path) -> Session:
    session = Session.at(home)
    session.open()
    return session


def _refresh(session: Session, *, force: bool = False, timeout: float = 2.0) -> list[FeedResult]:
    """What ``broadsheet refresh`` does: refresh every feed, save what was learnt."""
    feeds = session.feeds()
    writer = LibraryWriter(session.paths.library, session.library.articles, durable=False)
    refresher = Refresher(writer, Limits(timeout=timeout), concurrency=3)
    try:
        results = refresher.refresh(feeds, force=force)
    finally:
        refresher.close()
    saved = session.save_feed_states(
        (feed.url, result.feed) for feed, result in zip(feeds, results, strict=True)
    )
    assert saved.ok, saved.error
    session.library.scan()
    return results


def _entries(web: TestSite, first: int, last: int) -> list[tuple[str, str, str]]:
    return [(f"Story {n}", web.url(f"/news/{n}"), paragraph(n)) for n in range(first, last)]


def test_new_entries_then_a_304_then_only_what_changed(home: Path, web: TestSite) -> None:
    url = web.add("/feed.xml", rss("Courier", _entries(web, 0, 3)), content_type=FEED_TYPE)
    web.routes["/feed.xml"].etag = '"v1"'
    session = _session(home)
    assert session.add_feed(url, "Courier").ok
    [first] = _refresh(session)
    assert (first.status, len(first.added), first.line()) == ("added", 3, "Courier: added 3")
    assert session.feeds()[0].etag == '"v1"'

    [second] = _refresh(session)
    assert second.line() == "Courier: unchanged"
    assert web.not_modified == 1
    assert web.requests[-1][1]["If-None-Match"] == '"v1"'

    web.add("/feed.xml", rss("Courier", _entries(web, 0, 5)), content_type=FEED_TYPE)
    web.routes["/feed.xml"].etag = '"v2"'
    [third] = _refresh(session)
    assert third.line() == "Courier: added 2"
    assert sorted(meta.title for meta in third.added) == ["Story 3", "Story 4"]
    titles = [meta.title for meta in session.articles]
    assert titles.count("Story 0") == 1 and "Story 4" in titles


def test_last_modified_is_sent_back(home: Path, web: TestSite) -> None:
    stamp = "Tue, 01 Oct 2024 08:00:00 GMT"
    url = web.add("/feed.xml", rss("Dated", _entries(web, 0, 1)), content_type=FEED_TYPE)
    web.routes["/feed.xml"].last_modified = stamp
    session = _session(home)
    session.add_feed(url)
    assert _refresh(session)[0].status == "added"
    assert session.feeds()[0].title == "Dated"  # named from the feed when it had no name
    assert _refresh(session)[0].status == "unchanged"
    assert web.requests[-1][1]["If-Modified-Since"] == stamp
    assert web.not_modified == 1


def test_failures_are_per_feed_and_the_rest_refresh(home: Path, web: TestSite) -> None:
    good = web.add("/good.xml", rss("Good", _entries(web, 0, 2)), content_type=FEED_TYPE)
    broken = web.add("/broken.xml", "oops", status=500)
    slow = web.add("/slow.xml", rss("Slow", _entries(web, 5, 6)), delay=3)
    session = _session(home)
    for url, name in ((good, "Good"), (broken, "Broken"), (slow, "Slow")):
        session.add_feed(url, name)
    results = _refresh(session, timeout=0.5)
    assert [result.line() for result in results] == [
        "Good: added 2",
        "Broken: failed: HTTP 500 Internal Server Error",
        "Slow: failed: timed out: no answer from 127.0.0.1 within 0.5 s",
    ]
    stored = {feed.title: feed.status for feed in session.feeds()}
    assert stored["Broken"] == "failed: HTTP 500 Internal Server Error"


def test_a_feed_moved_for_good_is_kept_under_its_new_url(home: Path, web: TestSite) -> None:
    new = web.add("/new.xml", rss("Moved", _entries(web, 0, 1)), content_type=FEED_TYPE)
    old = web.redirect("/old.xml", new, status=301)
    session = _session(home)
    session.add_feed(old, "Moved")
    [result] = _refresh(session)
    assert result.line() == f"Moved: added 1 (moved to {new})"
    assert [feed.url for feed in session.feeds()] == [new]
    temporary = web.redirect("/temp.xml", new, status=302)
    session.remove_feed(new)
    session.add_feed(temporary, "Temp")
    _refresh(session)
    assert [feed.url for feed in session.feeds()] == [temporary]


def test_summary_entries_get_their_page(home: Path, web: TestSite) -> None:
    link = web.add("/story.html", page("The full story", 3))
    missing = web.url("/missing.html")
    entries = [("The full story", link, ""), ("Lost page", missing, "")]
    url = web.add("/feed.xml", rss("Summaries", entries), content_type=FEED_TYPE)
    session = _session(home)
    session.add_feed(url)
    [result] = _refresh(session)
    assert result.status == "added" and len(result.added) == 2
    by_title = {meta.title: meta for meta in result.added}
    full = load_article(session.paths.library / by_title["The full story"].path, "x")
    assert paragraph(30) in full.body  # the page's text, not the feed's summary
    assert "Copyright the tests" not in full.body
    kept = load_article(session.paths.library / by_title["Lost page"].path, "y")
    assert "Summary 1 of Lost page" in kept.body and "Read the whole article" in kept.body
    assert "/story.html" in web.paths_requested()


def test_ttl_and_retry_after_are_honoured(home: Path, web: TestSite) -> None:
    url = web.add("/ttl.xml", rss("Patient", _entries(web, 0, 1), ttl=60), content_type=FEED_TYPE)
    busy = web.add("/busy.xml", "busy", status=503, headers={"Retry-After": "120"})
    session = _session(home)
    session.add_feed(url, "Patient")
    session.add_feed(busy, "Busy")
    first = _refresh(session)
    assert first[0].line() == "Patient: added 1"
    assert first[1].line() == (
        "Busy: failed: HTTP 503 Service Unavailable; will try again in 2 min, as the server asks"
    )
    asked = len(web.requests)
    second = _refresh(session)
    assert len(web.requests) == asked  # neither feed was asked again
    assert second[0].status == "unchanged" and "asks to wait" in second[0].why
    assert second[1].status == "unchanged"
    _refresh(session, force=True)
    assert len(web.requests) == asked + 2


def test_retry_after_within_reason() -> None:
    now = dt.datetime(2024, 10, 1, tzinfo=dt.UTC)
    assert retry_after("30", now) == dt.timedelta(seconds=30)
    assert retry_after("99999999", now) == dt.timedelta(hours=24)
    assert retry_after("Tue, 01 Oct 2024 00:10:00 GMT", now) == dt.timedelta(minutes=10)
    assert retry_after("soon", now) is None


def test_feed_text_is_inert_in_the_lines(home: Path, web: TestSite) -> None:
    url = web.add(
        "/feed.xml", rss("Evil \x1b]8;;x\x07 [bold]name[/bold]", []), content_type=FEED_TYPE
    )
    session = _session(home)
    session.add_feed(url)
    [result] = _refresh(session)
    assert "\x1b" not in result.line() and "\x07" not in result.line()


def test_subscriptions_are_undoable_and_unique(home: Path) -> None:
    session = _session(home)
    assert session.add_feed("https://example.org/feed", "Example").ok
    again = session.add_feed("HTTPS://EXAMPLE.ORG/feed/")
    assert again.error == "already subscribed to HTTPS://EXAMPLE.ORG/feed/"
    assert session.remove_feed("https://example.org/feed").ok
    assert session.feeds() == []
    session.undo()
    assert [feed.title for feed in session.feeds()] == ["Example"]
    reopened = _session(home)
    assert reopened.feeds()[0] == Subscription(
        url="https://example.org/feed", title="Example", added=reopened.feeds()[0].added
    )
