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


_ROW_TYPES = (str, str, str, str, str, str, str, int, list, str, str)
"""The type of each field of an index row (see ``ArticleMeta.to_row``)."""


@dataclass(slots=True, unsafe_hash=True)
class ArticleMeta:
    """What the list needs to know of an article, without its body.

    Treated as immutable (make changed copies with ``dataclasses.replace``) but
    not frozen: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, which made reading 10,000 rows from the index
    twice as slow. The hash is over the fields, as a frozen one's would be.

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
        if type(row) is not list or tuple(map(type, row)) != _ROW_TYPES:
            raise ValueError("not an article row, or one with wrong types")
        key, title, date, source, author, license_, attribution, words, tags, origin, digest = row
        if not key or (tags and not all(type(tag) is str for tag in tags)):
            raise ValueError("an article row with wrong types")
        return cls(  # Positional (quicker), in the order of the fields.
            key, path, title, date, source, author, license_, attribution, words, tuple(tags),
            (), origin, digest,
        )  # fmt: skip


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
