"""The article records the library hands out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


def site_name(source: str) -> str:
    """The site a source URL belongs to, without ``www.`` (the URL itself if it has no host)."""
    try:
        host = urlsplit(source).netloc
    except ValueError:
        return source
    return host.removeprefix("www.") or source


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the list needs to know of an article, without its body.

    ``path`` is relative to the library folder, with forward slashes.
    ``date`` is ISO 8601 (or empty when the file gives none).
    ``sketch`` is a similarity fingerprint of the text (see ``identity``).
    """

    id: str
    path: str
    title: str
    date: str = ""
    source: str = ""
    author: str = ""
    license: str = ""
    attribution: str = ""
    words: int = 0
    tags: tuple[str, ...] = ()
    sketch: tuple[int, ...] = ()
    id_origin: str = "text"
    """How the id was found: ``front`` (front matter), ``source`` (URL) or ``text``."""
    text_hash: str = ""
    """Digest of the body's words (see ``identity.text_hash``), for duplicate checks."""

    def to_row(self) -> list[object]:
        """A compact list for the metadata index (the path and sketch are kept apart)."""
        return [
            self.id,
            self.title,
            self.date,
            self.source,
            self.author,
            self.license,
            self.attribution,
            self.words,
            list(self.tags),
            self.id_origin,
            self.text_hash,
        ]

    @classmethod
    def from_row(cls, path: str, row: list[Any]) -> ArticleMeta:
        """Rebuild from :meth:`to_row` output (``ValueError`` on a malformed or wrong-typed row)."""
        if not isinstance(row, list) or len(row) != 11:
            raise ValueError("not an article row")
        texts = (*row[0:7], row[9], row[10])
        words, tags = row[7], row[8]
        if (
            not all(isinstance(value, str) for value in texts)
            or not row[0]
            or not isinstance(words, int)
            or isinstance(words, bool)
            or not isinstance(tags, list)
            or not all(isinstance(tag, str) for tag in tags)
        ):
            raise ValueError("an article row with wrong types")
        return cls(
            id=row[0],
            path=path,
            title=row[1],
            date=row[2],
            source=row[3],
            author=row[4],
            license=row[5],
            attribution=row[6],
            words=row[7],
            tags=tuple(row[8]),
            id_origin=row[9],
            text_hash=row[10],
        )


@dataclass(frozen=True, slots=True)
class Article:
    """A whole article: its metadata and its body.

    ``body`` is Markdown (``kind == "markdown"``) or plain text
    (``kind == "text"``), already made inert (no control characters).
    """

    meta: ArticleMeta
    body: str
    kind: str = "markdown"
    warnings: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        """The article's stable id."""
        return self.meta.id

    @property
    def title(self) -> str:
        """The article's title."""
        return self.meta.title
