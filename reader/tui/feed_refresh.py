"""Refreshing the subscribed feeds from the app (``R`` in the list).

:func:`run_refresh` runs in a thread worker of the list screen: it refreshes
every subscription with :class:`~reader.importing.refresh.Refresher` and
posts messages back: :class:`FeedsProgressed` (coalescing, for the title
bar), :class:`FeedArticlesAdded` as each feed's new articles are written,
and :class:`FeedsRefreshed` with every result at the end (the screen saves
what was learnt about the feeds and tells the person).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from reader.library import ArticleMeta
from reader.util.paths import Paths

if TYPE_CHECKING:  # the refresh code (network, extraction) is loaded only when it runs
    from reader.importing.refresh import FeedResult
    from reader.store.feeds import Subscription


class FeedsProgressed(Message):
    """How far a refresh has got ("" when it ended); newer ones replace older queued ones."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def can_replace(self, message: Message) -> bool:
        """Only the latest matters."""
        return isinstance(message, FeedsProgressed)


class FeedArticlesAdded(Message):
    """New articles a feed brought, already written into the library."""

    def __init__(self, metas: list[ArticleMeta]) -> None:
        super().__init__()
        self.metas = metas


class FeedsRefreshed(Message):
    """The refresh ended: each feed as it was and its result."""

    def __init__(self, feeds: list[Subscription], results: list[FeedResult]) -> None:
        super().__init__()
        self.feeds = feeds
        self.results = results


def run_refresh(
    feeds: list[Subscription],
    paths: Paths,
    existing: list[ArticleMeta],
    post: Callable[[Message], object],
    cancelled: Callable[[], bool],
) -> None:
    """Refresh ``feeds`` into the library (call in a thread); report through ``post``."""
    from reader.importing.refresh import Refresher  # loads the network and extraction code
    from reader.importing.store import LibraryWriter

    writer = LibraryWriter(paths.library, existing)
    refresher = Refresher(writer)

    def progress(done: int, total: int, name: str) -> None:
        post(FeedsProgressed(f"refreshing feeds {done}/{total}"))

    def on_articles(metas: list[ArticleMeta]) -> None:
        post(FeedArticlesAdded(list(metas)))

    try:
        results = refresher.refresh(
            feeds,
            progress=progress,
            on_articles=on_articles,
            cancelled=cancelled,
        )
    finally:
        refresher.close()
    post(FeedsProgressed(""))
    post(FeedsRefreshed(feeds, results))


def summary(results: list[FeedResult], limit: int = 4) -> str:
    """The notification: new articles and from how many feeds, then the failures."""
    added = sum(len(result.added) for result in results)
    feeds = sum(1 for result in results if result.added)
    failed = [result for result in results if result.failed]
    noun = "article" if added == 1 else "articles"
    lines = [f"{added} new {noun} from {feeds} of {len(results)} feeds."]
    if failed:
        lines.append(f"{len(failed)} failed:")
        lines += [result.line() for result in failed[:limit]]
        if len(failed) > limit:
            lines.append(f"… and {len(failed) - limit} more (`broadsheet refresh` lists them all)")
    return "\n".join(lines)
