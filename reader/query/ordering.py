"""The orders of the article list (pure functions, no Textual); filtering is reader.query."""

from __future__ import annotations

from collections.abc import Iterable

from reader.library.article import ArticleMeta

SORT_ORDERS = ("newest", "oldest", "title")
SORT_LABELS = {
    "newest": "date, newest first",
    "oldest": "date, oldest first",
    "title": "title, A to Z",
}


def sort_articles(articles: Iterable[ArticleMeta], order: str) -> list[ArticleMeta]:
    """Sort by one of :data:`SORT_ORDERS` (undated articles always last in date orders)."""
    items = list(articles)
    if order == "title":
        return sorted(items, key=lambda meta: meta.title.casefold())
    dated = [meta for meta in items if meta.date]
    undated = sorted((meta for meta in items if not meta.date), key=lambda m: m.title.casefold())
    dated.sort(key=lambda meta: (meta.date, meta.title), reverse=(order != "oldest"))
    return dated + undated
