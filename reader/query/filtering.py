"""Filtering and sorting the article list (pure functions, no Textual)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reader.library.article import ArticleMeta

SORT_ORDERS = ("newest", "oldest", "title")
SORT_LABELS = {
    "newest": "date, newest first",
    "oldest": "date, oldest first",
    "title": "title, A to Z",
}


def haystack(meta: ArticleMeta) -> str:
    """The text a plain filter word is looked for in: title and source, case-folded."""
    return f"{meta.title}\n{meta.source}".casefold()


def sort_articles(articles: Iterable[ArticleMeta], order: str) -> list[ArticleMeta]:
    """Sort by one of :data:`SORT_ORDERS` (undated articles always last in date orders)."""
    items = list(articles)
    if order == "title":
        return sorted(items, key=lambda meta: meta.title.casefold())
    dated = [meta for meta in items if meta.date]
    undated = sorted((meta for meta in items if not meta.date), key=lambda m: m.title.casefold())
    dated.sort(key=lambda meta: (meta.date, meta.title), reverse=(order != "oldest"))
    return dated + undated


def filter_words(query: str) -> list[str]:
    """The case-folded words of a filter query."""
    return query.casefold().split()


def matches(text: str, words: Sequence[str]) -> bool:
    """True when every word occurs in ``text`` (already case-folded)."""
    return all(word in text for word in words)


FLAG_WORDS = {
    "is:unread": "unread",
    "is:read": "read",
    "is:starred": "starred",
    "is:star": "starred",
    "has:notes": "notes",
    "has:note": "notes",
    "is:marked": "marked",
}


@dataclass(frozen=True, slots=True)
class ListQuery:
    """A parsed list filter.

    Plain words match title and source; ``#tag`` keeps articles with the tag
    (``-#tag`` drops them); ``@name`` keeps articles that mention an entity
    (``@"Kim Jong Un"`` for names with spaces); ``is:unread``, ``is:read``,
    ``is:starred``, ``has:notes`` and ``is:marked`` filter by state.
    """

    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    without_tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.words or self.tags or self.without_tags or self.entities or self.flags)


_TOKEN = re.compile(r'(-?[#@])"([^"]*)"?|(\S+)')


def parse_query(text: str, normalise_tag: Callable[[str], str]) -> ListQuery:
    """Parse what was typed in the list filter."""
    words: list[str] = []
    tags: list[str] = []
    without: list[str] = []
    entities: list[str] = []
    flags: list[str] = []
    for match in _TOKEN.finditer(text):
        if match.group(1):
            sigil, value = match.group(1), match.group(2)
        else:
            token = match.group(3)
            lowered = token.casefold()
            if lowered in FLAG_WORDS:
                flags.append(FLAG_WORDS[lowered])
                continue
            if token.startswith(("#", "-#", "@")) and len(token) > len(token.lstrip("-#@")):
                sigil = token[: len(token) - len(token.lstrip("-#@"))]
                value = token[len(sigil) :]
            else:
                words.append(lowered)
                continue
        if sigil in ("#", "-#"):
            tag = normalise_tag(value)
            if tag:
                (without if sigil == "-#" else tags).append(tag)
        elif sigil == "@" and value.strip():
            entities.append(" ".join(value.replace("_", " ").split()).casefold())
    return ListQuery(tuple(words), tuple(tags), tuple(without), tuple(entities), tuple(flags))
