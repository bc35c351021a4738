"""Feed subscriptions, kept in the ``feeds`` table of ``library.json``.

Each document is one subscription::

    {"url": URL, "title": TITLE, "added": ISO,
     "etag": "", "last_modified": "",        # the validators of the last answer
     "checked": ISO, "next_check": ISO, "status": "added 3" | "unchanged" | "failed: why",
     "match": "example.org/news/",           # what its entries' source URLs share
     "ttl": "60"}                            # the feed's own TTL hint, minutes

URLs are unique (compared as :func:`~reader.library.identity.normalise_url`
compares them). Subscribing and unsubscribing are a :class:`FeedEdit`, so
undo covers them; what a refresh records (validators, when to check next,
the last status) is saved without an undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from tinydb import Query

from reader.library.identity import normalise_url
from reader.store.changes import Change
from reader.store.errors import DamagedFileError, StoreError
from reader.store.files import StoreFiles
from reader.store.records import now
from reader.store.storage import read_tables
from reader.store.summary import LIBRARY_KEY

TABLE = "feeds"


@dataclass(frozen=True, slots=True)
class Subscription:
    """One subscribed feed and what the last refresh learnt about it."""

    url: str
    title: str = ""
    added: str = ""
    etag: str = ""
    last_modified: str = ""
    checked: str = ""
    next_check: str = ""
    status: str = ""
    match: str = ""
    ttl: str = ""
    """The feed's own TTL hint in minutes, from its last full answer ("" when none)."""

    @property
    def ttl_minutes(self) -> int:
        """The TTL hint as a number (0 when none)."""
        return int(self.ttl) if self.ttl.isdigit() else 0

    @property
    def query(self) -> str:
        """The query that lists the feed's articles: ``source:`` what its entries' URLs share."""
        match = self.match or urlsplit(self.url).netloc.lower()
        return f'source:"{match}"' if " " in match else f"source:{match}"

    @property
    def name(self) -> str:
        """The feed's title, else its URL."""
        return self.title or self.url

    def to_doc(self) -> dict[str, str]:
        """The TinyDB document."""
        return {
            "url": self.url,
            "title": self.title,
            "added": self.added,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "checked": self.checked,
            "next_check": self.next_check,
            "status": self.status,
            "match": self.match,
            "ttl": self.ttl,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, object]) -> Subscription:
        """A subscription from its document (missing fields empty)."""
        fields = {name: str(doc.get(name, "") or "") for name in cls.__slots__}
        return cls(**fields)


@dataclass(slots=True)
class FeedEdit(Change):
    """A subscription added, removed or updated: before and after (None when absent)."""

    before: Subscription | None
    after: Subscription | None

    def inverse(self) -> FeedEdit:
        """Put the subscription back as it was."""
        return FeedEdit(self.after, self.before)

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return self.before == self.after

    def describe(self) -> str:
        """What happened to the subscription."""
        if self.after is None and self.before is not None:
            return f"unsubscribed from {self.before.name}"
        if self.before is None and self.after is not None:
            return f"subscribed to {self.after.name}"
        if self.after is not None:
            return f"feed {self.after.name} updated"
        return "no feed changed"


def _same(a: str, b: str) -> bool:
    return normalise_url(a) == normalise_url(b)


def read_feeds(store: StoreFiles) -> list[Subscription]:
    """Every subscription, in the order they were added."""
    try:
        tables = read_tables(store.library_file) or {}
    except DamagedFileError as error:
        raise StoreError(f"the feed subscriptions cannot be read: {error.reason}") from None
    docs = tables.get(TABLE, {})
    ordered = sorted(docs.items(), key=lambda item: int(item[0]) if item[0].isdigit() else 0)
    return [
        Subscription.from_doc(doc)
        for _, doc in ordered
        if isinstance(doc, dict) and str(doc.get("url", "")).strip()
    ]


def find_feed(store: StoreFiles, url: str) -> Subscription | None:
    """The subscription to ``url``, if there is one."""
    return next((feed for feed in read_feeds(store) if _same(feed.url, url)), None)


def put_feed(store: StoreFiles, old_url: str | None, feed: Subscription | None) -> FeedEdit:
    """Replace the subscription to ``old_url`` (or none) by ``feed`` (or nothing)."""
    with store._article(LIBRARY_KEY) as db:
        table = db.table(TABLE)
        docs = table.all()
        before_doc = None
        if old_url is not None:
            before_doc = next((d for d in docs if _same(str(d.get("url", "")), old_url)), None)
        before = Subscription.from_doc(dict(before_doc)) if before_doc is not None else None
        moving = feed is not None and (before is None or not _same(feed.url, before.url))
        if (
            moving
            and feed is not None
            and any(_same(str(d.get("url", "")), feed.url) for d in docs)
        ):
            raise StoreError(f"already subscribed to {feed.url}")
        if before == feed:
            return FeedEdit(before, feed)
        if before is not None and feed is not None:
            table.update(feed.to_doc(), Query().url == before.url)
        elif before is not None:
            table.remove(Query().url == before.url)
        elif feed is not None:
            feed = replace(feed, added=feed.added or now())
            table.insert(feed.to_doc())
    return FeedEdit(before, feed)


def put_feeds(store: StoreFiles, updates: list[tuple[str, Subscription]]) -> FeedGroup:
    """Save several subscriptions at once (one write): ``(url before, subscription after)``.

    For what a refresh learnt; a subscription removed meanwhile stays removed.
    """
    edits: list[FeedEdit] = []
    with store._article(LIBRARY_KEY) as db:
        table = db.table(TABLE)
        docs = table.all()
        for old_url, feed in updates:
            doc = next((d for d in docs if _same(str(d.get("url", "")), old_url)), None)
            if doc is None:
                continue
            before = Subscription.from_doc(dict(doc))
            if before != feed:
                table.update(feed.to_doc(), Query().url == before.url)
                edits.append(FeedEdit(before, feed))
    return FeedGroup(edits)


@dataclass(slots=True)
class FeedGroup(Change):
    """Several subscriptions updated at once."""

    edits: list[FeedEdit]

    def inverse(self) -> FeedGroup:
        """Every edit undone, last first."""
        return FeedGroup([edit.inverse() for edit in reversed(self.edits)])

    @property
    def is_empty(self) -> bool:
        """True when nothing changed."""
        return all(edit.is_empty for edit in self.edits)

    def describe(self) -> str:
        """How many feeds changed."""
        return f"{len(self.edits)} feed(s) updated"


def subscribe(store: StoreFiles, url: str, title: str = "") -> FeedEdit:
    """Subscribe to a feed (raises :class:`StoreError` when already subscribed)."""
    url = url.strip()
    if find_feed(store, url) is not None:
        raise StoreError(f"already subscribed to {url}")
    return put_feed(store, None, Subscription(url=url, title=" ".join(title.split())))


def unsubscribe(store: StoreFiles, url: str) -> FeedEdit:
    """Remove a subscription (raises :class:`StoreError` when there is none)."""
    existing = find_feed(store, url)
    if existing is None:
        raise StoreError(f"not subscribed to {url}")
    return put_feed(store, existing.url, None)
