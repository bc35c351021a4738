"""Writing imported articles into the library folder, never twice.

:class:`LibraryWriter` knows every source URL (normalised), text hash and id
already in the library, and adds those of each article it writes, so a
duplicate is caught whether it was there before or came earlier in the same
import. Each file is written atomically (a temporary file renamed into
place), so the library never holds a half-written article.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.importing.article_file import NewArticle, article_text
from reader.importing.naming import base_name, unique_name
from reader.library.article import ArticleMeta
from reader.library.identity import clean_id, id_from_source, id_from_text, normalise_url, text_hash
from reader.library.parsing import MAX_ARTICLE_BYTES, parse_article
from reader.util.atomic import write_atomic

_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Why an article was not written: it is already in the library (or earlier in this import)."""

    reason: str


def _where(path: str, this_import: bool) -> str:
    return f"an earlier item of this import ({path})" if this_import else path


class LibraryWriter:
    """Adds new articles to one library folder; skips those it already has.

    Thread-safe: a refresh writes the entries of several feeds at once.
    """

    def __init__(
        self, root: Path, existing: Iterable[ArticleMeta] = (), *, durable: bool = True
    ) -> None:
        self.root = root
        self.durable = durable
        self._lock = threading.RLock()
        self._sources: dict[str, tuple[str, bool]] = {}
        self._hashes: dict[str, tuple[str, bool]] = {}
        self._ids: dict[str, tuple[str, bool]] = {}
        for meta in existing:
            self._remember(meta, this_import=False)
        try:
            self._names = {name.lower() for name in os.listdir(root)}
        except OSError:
            self._names = set()

    def _remember(self, meta: ArticleMeta, *, this_import: bool) -> None:
        place = (meta.path, this_import)
        if meta.source:
            self._sources.setdefault(normalise_url(meta.source), place)
        if meta.text_hash and meta.words:
            self._hashes.setdefault(meta.text_hash, place)
        self._ids.setdefault(meta.id, place)

    def known_source(self, url: str) -> Duplicate | None:
        """A :class:`Duplicate` if an article from this URL is already in the library."""
        with self._lock:
            place = self._sources.get(normalise_url(url)) if url.strip() else None
        if place is None:
            return None
        return Duplicate(f"already in the library: {_where(*place)} has the same source URL")

    def _duplicate(self, article: NewArticle, article_id: str) -> Duplicate | None:
        if article.source:
            found = self.known_source(article.source)
            if found is not None:
                return found
        digest = text_hash(article.body)
        place = self._hashes.get(digest) if _WORD.search(article.body) else None
        if place is not None:
            return Duplicate(f"already in the library: {_where(*place)} has the same text")
        place = self._ids.get(article_id)
        if place is not None:
            return Duplicate(f"already in the library: {_where(*place)} has the same id")
        return None

    @staticmethod
    def article_id(article: NewArticle) -> str:
        """The id to write: the article's own, else from its source URL, else from its words."""
        given = clean_id(article.given_id)
        if given:
            return given
        if article.source:
            return id_from_source(article.source)
        return id_from_text(article.title, article.body)

    def add(self, article: NewArticle) -> ArticleMeta | Duplicate:
        """Write ``article`` as a new file, or say why it is a duplicate.

        Raises ``OSError`` when the file cannot be written, and ``ValueError``
        when the article is too large for the library to read back.
        """
        with self._lock:
            return self._add(article)

    def _add(self, article: NewArticle) -> ArticleMeta | Duplicate:
        article = article.cleaned()
        article_id = self.article_id(article)
        duplicate = self._duplicate(article, article_id)
        if duplicate is not None:
            return duplicate
        imported = dt.datetime.now(dt.UTC).astimezone()
        text = article_text(article, article_id, imported)
        data = text.encode("utf-8")
        if len(data) > MAX_ARTICLE_BYTES:
            raise ValueError(
                f"too long to store ({len(data) // 1024:,} KB; articles are limited to "
                f"{MAX_ARTICLE_BYTES // 1_048_576} MB)"
            )
        base = base_name(article.title, article.date, f"article-{article_id[:12]}")
        name = unique_name(base, lambda candidate: candidate in self._names)
        self._names.add(name.lower())
        path = self.root / name
        if path.exists():  # written by someone else since the folder was listed
            name = unique_name(base, lambda c: c in self._names or (self.root / c).exists())
            self._names.add(name.lower())
            path = self.root / name
        write_atomic(path, data, durable=self.durable)
        meta = parse_article(text, name, "markdown").meta
        self._remember(meta, this_import=True)
        return meta
