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
        if type(row) is not list or len(row) != 11:
            raise ValueError("not an article row")
        key, title, date, source, author, license_, attribution, words, tags, origin, digest = row
        str_ = str
        if (
            type(key) is not str_
            or not key
            or type(title) is not str_
            or type(date) is not str_
            or type(source) is not str_
            or type(author) is not str_
            or type(license_) is not str_
            or type(attribution) is not str_
            or type(origin) is not str_
            or type(digest) is not str_
            or type(words) is not int
            or type(tags) is not list
            or (tags and not all(type(tag) is str_ for tag in tags))
        ):
            raise ValueError("an article row with wrong types")
        return cls(
            id=key,
            path=path,
            title=title,
            date=date,
            source=source,
            author=author,
            license=license_,
            attribution=attribution,
            words=words,
            tags=tuple(tags),
            id_origin=origin,
            text_hash=digest,
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
