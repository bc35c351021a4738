"""Refreshing subscribed feeds: what is new in each, added to the library.

For each subscription (:class:`~reader.store.feeds.Subscription`):

- a conditional request (``If-None-Match`` with the stored ETag,
  ``If-Modified-Since`` with the stored Last-Modified), so a feed that has
  not changed costs one 304 answer;
- only entries whose source URL (or text) is not in the library yet are
  added, exactly as ``broadsheet add`` deduplicates; an entry that carries
  only a summary gets its page downloaded and extracted (if that page cannot
  be had, the summary and a link are kept, as ``add`` keeps them);
- the feed's own hints are honoured within reason: RSS ``<ttl>`` and
  ``Cache-Control: max-age`` put off the next check (at most
  :data:`MAX_TTL`), and ``Retry-After`` on a 429 or 503 answer too (at most
  :data:`MAX_RETRY_AFTER`); a feed asked to wait is reported ``unchanged``
  (``force`` checks it anyway);
- a feed that moved for good (301, 308) is kept under its new URL.

Several feeds are fetched at once (at most ``concurrency``), with the same
limits on every download as an import (:class:`~reader.importing.options.Limits`).
Nothing here prints or touches the annotation store: the caller saves the
updated subscriptions and presents the results.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.importing.article_file import NewArticle
from reader.importing.network import NOT_MODIFIED, Download, Fetcher, FetchError
from reader.importing.options import ImportOptions, Limits
from reader.importing.report import ImportFailure, describe
from reader.importing.sniffing import refuse_unknown_type
from reader.importing.store import LibraryWriter
from reader.library.article import ArticleMeta
from reader.store.feeds import Subscription
from reader.util.safety import inert_line

if TYPE_CHECKING:  # feedparser and trafilatura are loaded only when a feed has news
    from reader.importing.feeds import FeedEntry
    from reader.importing.tasks import Context

DEFAULT_CONCURRENCY = 6
"""Feeds fetched at once."""
MAX_TTL = dt.timedelta(hours=6)
"""The longest a feed's own TTL or max-age may put off the next check."""
MAX_RETRY_AFTER = dt.timedelta(hours=24)
"""The longest a server's Retry-After may put off the next check."""
RETRY_STATUSES = frozenset({429, 503})

FeedProgress = Callable[[int, int, str], None]
"""``progress(done, total, name)``: called as each feed starts and ends."""
ArticlesCallback = Callable[[list[ArticleMeta]], None]
"""Called (from a worker thread) with each feed's new articles as soon as they are written."""


@dataclass(slots=True)
class FeedResult:
    """What refreshing one feed did.

    ``status`` is ``added``, ``unchanged`` or ``failed``; ``why`` says more
    (the reason of a failure, the wait a feed asked for); ``feed`` is the
    subscription as it should now be saved.
    """

    feed: Subscription
    status: str
    why: str = ""
    added: list[ArticleMeta] = field(default_factory=list)
    failed_entries: list[str] = field(default_factory=list)
    moved_from: str = ""

    @property
    def failed(self) -> bool:
        """True when the feed could not be refreshed."""
        return self.status == "failed"

    def outcome(self) -> str:
        """``added N``, ``unchanged`` or ``failed: REASON`` (with what more there is to say)."""
        if self.status == "failed":
            return f"failed: {self.why}"
        text = f"added {len(self.added)}" if self.status == "added" else "unchanged"
        notes = [self.why] if self.why else []
        if self.failed_entries:
            notes.append(f"{len(self.failed_entries)} entries could not be read")
        if self.moved_from:
            notes.append(f"moved to {self.feed.url}")
        return f"{text} ({'; '.join(notes)})" if notes else text

    def line(self) -> str:
        """One inert line for the person: the feed's name and the outcome."""
        return inert_line(f"{describe(self.feed.name)}: {self.outcome()}")


def _parse_time(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _max_age(cache_control: str) -> int | None:
    for part in cache_control.split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "max-age" and value.strip().isdigit():
            return int(value.strip())
    return None


def retry_after(value: str, now: dt.datetime) -> dt.timedelta | None:
    """A Retry-After header (seconds or an HTTP date) as a wait from ``now``, within reason."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        wait = dt.timedelta(seconds=int(value))
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        wait = when - now
    if wait <= dt.timedelta(0):
        return None
    return min(wait, MAX_RETRY_AFTER)


def _wait_text(wait: dt.timedelta) -> str:
    minutes = round(wait.total_seconds() / 60)
    if minutes < 1:
        return f"{round(wait.total_seconds())} s"
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes / 60:.0f} h"


def _common_prefix(links: Iterable[str]) -> str:
    """What the entries' links share (host and path up to a ``/``), without the scheme."""
    stripped = []
    for link in links:
        parts = urlsplit(link)
        if parts.netloc:
            stripped.append(f"{parts.netloc.lower()}{parts.path}")
    if not stripped:
        return ""
    first, last = min(stripped), max(stripped)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    prefix = first[:size]
    host = first.split("/", 1)[0]
    if len(stripped) > 1 or "/" in prefix:
        prefix = prefix[: prefix.rfind("/") + 1] if "/" in prefix else prefix
    return prefix if len(prefix) >= len(host) else host


class Refresher:
    """Refreshes subscriptions into one library (a :class:`LibraryWriter`)."""

    def __init__(
        self,
        writer: LibraryWriter,
        limits: Limits | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.writer = writer
        self.limits = limits or Limits()
        self.concurrency = max(1, concurrency)
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self._fetcher = Fetcher(self.limits)
        self._contexts: tuple[Context, Context] | None = None
        self._lock = threading.Lock()

    def contexts(self) -> tuple[Context, Context]:
        """The import contexts for entries: (without page downloads, with them)."""
        with self._lock:
            if self._contexts is None:
                from reader.importing.tasks import Context

                self._contexts = (
                    Context(self.writer, ImportOptions(False, self.limits), self._fetcher),
                    Context(self.writer, ImportOptions(True, self.limits), self._fetcher),
                )
            return self._contexts

    def close(self) -> None:
        """Release network connections."""
        self._fetcher.close()

    def refresh(
        self,
        feeds: list[Subscription],
        *,
        force: bool = False,
        progress: FeedProgress | None = None,
        on_articles: ArticlesCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[FeedResult]:
        """Refresh every feed (several at once); the results in the order of ``feeds``."""
        total = len(feeds)
        done = [0]
        lock = threading.Lock()

        def one(feed: Subscription) -> FeedResult:
            if cancelled is not None and cancelled():
                return FeedResult(feed, "failed", "stopped before it was fetched")
            if progress is not None:
                with lock:
                    progress(done[0], total, feed.name)
            try:
                result = self.refresh_one(feed, force=force, cancelled=cancelled)
            except Exception as error:  # a bug in one feed must not stop the others
                result = FeedResult(
                    feed, "failed", f"unexpected error ({type(error).__name__}: {error})"
                )
            if on_articles is not None and result.added:
                on_articles(result.added)
            if progress is not None:
                with lock:
                    done[0] += 1
                    progress(done[0], total, feed.name)
            return result

        if total <= 1 or self.concurrency == 1:
            return [one(feed) for feed in feeds]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, total)) as pool:
            return list(pool.map(one, feeds))

    def refresh_one(
        self,
        feed: Subscription,
        *,
        force: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> FeedResult:
        """Refresh one feed; never raises for what the network or the feed does."""
        now = self._now()
        due = _parse_time(feed.next_check)
        if not force and due is not None and due > now:
            wait = _wait_text(due - now)
            return FeedResult(feed, "unchanged", f"not checked: the feed asks to wait {wait} more")
        headers = {}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        checked = replace(feed, checked=now.isoformat(timespec="seconds"), next_check="")
        try:
            download = self._fetcher.fetch(feed.url, accept=refuse_unknown_type, headers=headers)
        except FetchError as error:
            return self._failed(checked, error, now)
        moved_from = ""
        if download.moved_to:
            moved_from = feed.url
            checked = replace(checked, url=download.moved_to)
        if download.status == NOT_MODIFIED:
            updated = self._validators(checked, download, now, ttl=None)
            return FeedResult(
                replace(updated, status="unchanged"), "unchanged", moved_from=moved_from
            )
        from reader.importing.feeds import parse_feed

        try:
            parsed = parse_feed(download.body, download.url, download.media_type, download.charset)
        except ImportFailure as error:
            return FeedResult(replace(checked, status=f"failed: {error}"), "failed", str(error))
        updated = self._validators(checked, download, now, ttl=parsed.ttl)
        if not feed.title and parsed.title:
            updated = replace(updated, title=parsed.title)
        links = [entry.link for entry in parsed.entries if entry.link]
        if links:
            updated = replace(updated, match=_common_prefix(links))
        result = FeedResult(updated, "unchanged", moved_from=moved_from)
        where = describe(updated.name)
        for number, entry in enumerate(parsed.entries, start=1):
            if cancelled is not None and cancelled():
                break
            self._entry(entry, where, number, result)
        if result.added:
            result.status = "added"
        result.feed = replace(result.feed, status=result.outcome())
        return result

    def _entry(self, entry: FeedEntry, where: str, number: int, result: FeedResult) -> None:
        """Add one entry if it is new (its page fetched when the feed gives only a summary)."""
        from reader.importing.tasks import EntryStep

        full, pages = self.contexts()
        step = EntryStep(entry, where, number)
        context = pages if entry.is_summary and entry.link else full
        try:
            try:
                made = step.run(context)
            except FetchError:
                if context is full:
                    raise
                made = step.run(full)  # the page cannot be had: keep the summary
            if not isinstance(made, NewArticle):  # a Duplicate (an entry never expands)
                return
            stored = self.writer.add(made)
        except (ImportFailure, OSError, ValueError) as error:
            result.failed_entries.append(f"{step.what}: {error}")
            return
        if isinstance(stored, ArticleMeta):
            result.added.append(stored)

    def _validators(
        self, feed: Subscription, download: Download, now: dt.datetime, ttl: int | None
    ) -> Subscription:
        """The feed with the answer's ETag and Last-Modified, and when to check it next."""
        headers = download.headers
        if download.status == NOT_MODIFIED:  # the validators stay unless the answer renews them
            etag = headers.get("etag", feed.etag)
            modified = headers.get("last-modified", feed.last_modified)
        else:
            etag = headers.get("etag", "")
            modified = headers.get("last-modified", "")
        waits = []
        if ttl:
            waits.append(dt.timedelta(minutes=ttl))
        max_age = _max_age(headers.get("cache-control", ""))
        if max_age:
            waits.append(dt.timedelta(seconds=max_age))
        if not waits and feed.ttl_minutes:
            waits.append(dt.timedelta(minutes=feed.ttl_minutes))
        next_check = ""
        if waits:
            next_check = (now + min(max(waits), MAX_TTL)).isoformat(timespec="seconds")
        return replace(
            feed,
            etag=etag[:500],
            last_modified=modified[:100],
            next_check=next_check,
            ttl=str(ttl) if ttl else feed.ttl,
        )

    def _failed(self, feed: Subscription, error: FetchError, now: dt.datetime) -> FeedResult:
        why = str(error)
        next_check = ""
        if error.status in RETRY_STATUSES:
            wait = retry_after(error.retry_after, now)
            if wait is not None:
                next_check = (now + wait).isoformat(timespec="seconds")
                why += f"; will try again in {_wait_text(wait)}, as the server asks"
        return FeedResult(
            replace(feed, next_check=next_check, status=f"failed: {why}"), "failed", why
        )


def refresh_feeds(
    feeds: list[Subscription],
    writer: LibraryWriter,
    limits: Limits | None = None,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    force: bool = False,
    progress: FeedProgress | None = None,
    on_articles: ArticlesCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[FeedResult]:
    """Refresh ``feeds`` into ``writer``'s library (see :class:`Refresher`)."""
    refresher = Refresher(writer, limits, concurrency=concurrency)
    try:
        return refresher.refresh(
            feeds, force=force, progress=progress, on_articles=on_articles, cancelled=cancelled
        )
    finally:
        refresher.close()


def check_feed(url: str, limits: Limits | None = None) -> tuple[str, str]:
    """Fetch ``url`` and check it is a feed: (its URL after permanent moves, its title).

    Raises :class:`ImportFailure` with a one-line reason when it is not.
    """
    fetcher = Fetcher(limits or Limits())
    try:
        download = fetcher.fetch(url, accept=refuse_unknown_type)
    finally:
        fetcher.close()
    from reader.importing.feeds import parse_feed
    from reader.importing.sniffing import FEED, kind_from_media_type, sniff

    kind = sniff(download.body) or kind_from_media_type(download.media_type)
    if kind != FEED:
        raise ImportFailure("not an RSS or Atom feed")
    parsed = parse_feed(download.body, download.url, download.media_type, download.charset)
    return download.moved_to or url.strip(), parsed.title
