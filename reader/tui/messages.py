"""Messages between the app and its screens (past tense for news, imperative for requests)."""

from __future__ import annotations

from textual.message import Message

from reader.library import ArticleMeta
from reader.session.session import OpenReport


class AnnotationsChanged(Message, bubble=False):
    """Tags, notes or state of these articles changed (``None``: possibly all of them)."""

    def __init__(self, article_ids: set[str] | None) -> None:
        super().__init__()
        self.article_ids = article_ids


class EntityIndexUpdated(Message, bubble=False):
    """The entity index was rebuilt: ``@name`` filters may now find more.

    The app posts it to itself (from the indexing worker), then to every screen;
    it does not bubble, so a screen's copy never comes back to the app.
    """


class SearchIndexUpdated(Message, bubble=False):
    """The full-text index caught up with the library: word queries are complete.

    Posted like :class:`EntityIndexUpdated`, and likewise does not bubble.
    """


class IndexProgressed(Message):
    """The background indexer made progress (``text`` is "" when it stopped).

    Floods of these coalesce: a newer one replaces an older one still queued.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def can_replace(self, message: Message) -> bool:
        """A newer progress report makes an older one pointless."""
        return isinstance(message, IndexProgressed)


class OpenArticle(Message):
    """Request: show an article; ``J``/``K`` then follow ``order`` (the list as shown).

    ``offset`` (a plain-text offset) opens it at a passage instead of where
    reading stopped.
    """

    def __init__(
        self,
        meta: ArticleMeta,
        order: list[ArticleMeta] | None = None,
        *,
        offset: int | None = None,
    ) -> None:
        super().__init__()
        self.meta = meta
        self.order = order
        self.offset = offset


class ShowFiltered(Message):
    """Request: go to the list, filtered by ``query`` ("" to just start typing one)."""

    def __init__(self, query: str, *, edit: bool = False) -> None:
        super().__init__()
        self.query = query
        self.edit = edit


class StoreOpened(Message):
    """News for the app: the annotation store is open (damaged files to offer repair for)."""


class IndexesStale(Message):
    """Request: bring the full-text and entity indexes up to date (in the background)."""


class LibraryChanged(Message):
    """Files in the library folder changed (from the watcher), or a rescan was asked for."""

    def can_replace(self, message: Message) -> bool:
        """One rescan covers any number of changes."""
        return isinstance(message, LibraryChanged)


class LibraryRescanned(Message, bubble=False):
    """The library was scanned again: the list should show ``report.articles``."""

    def __init__(self, report: OpenReport) -> None:
        super().__init__()
        self.report = report


class WatchLibrary(Message):
    """Request: start watching the library folder for changes (after it was first read)."""
