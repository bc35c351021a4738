"""The domain records of the store and their conversion to and from TinyDB documents.

One TinyDB file per article (``HOME/annotations/articles/<2 chars>/<id>.json``)
with these tables:

- ``meta``: one document ``{"schema", "article", "title", "source", "path",
  "sketch"}``: what the file is about, so that it stays meaningful (and can be
  re-attached) even if the article file disappears;
- ``tags``: one document per tag ``{"tag", "added"}``;
- ``notes``: one document per note ``{"id", "text", "quote", "start", "end",
  "created", "updated"}`` (``start``/``end`` are plain-text offsets of the
  passage, or null for a note on the whole article);
- ``state``: one document ``{"read", "starred", "position", "read_at"}``;
- ``corrections``: entity corrections for this article only (see entities).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from typing import Any


def now() -> str:
    """The current time, ISO 8601 in UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Note:
    """A note on an article, optionally on one passage of it."""

    id: str
    text: str
    quote: str = ""
    start: int | None = None
    end: int | None = None
    created: str = ""
    updated: str = ""

    @classmethod
    def new(
        cls, text: str, quote: str = "", start: int | None = None, end: int | None = None
    ) -> Note:
        """A note with a fresh id and timestamps."""
        stamp = now()
        return cls(f"n-{os.urandom(6).hex()}", text, quote, start, end, stamp, stamp)

    def edited(self, text: str) -> Note:
        """The same note with new text."""
        return replace(self, text=text, updated=now())

    def to_doc(self) -> dict[str, Any]:
        """The TinyDB document."""
        return {
            "id": self.id,
            "text": self.text,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Note:
        """From a TinyDB document (missing fields get defaults)."""
        start, end = doc.get("start"), doc.get("end")
        return cls(
            id=str(doc.get("id") or f"n-{os.urandom(6).hex()}"),
            text=str(doc.get("text", "")),
            quote=str(doc.get("quote", "")),
            start=int(start) if isinstance(start, int) else None,
            end=int(end) if isinstance(end, int) else None,
            created=str(doc.get("created", "")),
            updated=str(doc.get("updated", "")),
        )


@dataclass(frozen=True, slots=True)
class ArticleState:
    """Reading state of one article."""

    read: bool = False
    starred: bool = False
    position: int = 0
    read_at: str = ""

    def to_doc(self) -> dict[str, Any]:
        """The TinyDB document."""
        return {
            "read": self.read,
            "starred": self.starred,
            "position": self.position,
            "read_at": self.read_at,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any] | None) -> ArticleState:
        """From a TinyDB document (or the default state)."""
        if not doc:
            return cls()
        position = doc.get("position", 0)
        return cls(
            bool(doc.get("read", False)),
            bool(doc.get("starred", False)),
            position if isinstance(position, int) else 0,
            str(doc.get("read_at", "")),
        )


@dataclass(slots=True)
class ArticleRecord:
    """Everything the store holds about one article."""

    article_id: str
    tags: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    state: ArticleState = field(default_factory=ArticleState)
    title: str = ""
    source: str = ""
    path: str = ""
    sketch: tuple[int, ...] = ()
    corrections: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """True when nothing the person did is recorded."""
        return (
            not self.tags
            and not self.notes
            and not self.corrections
            and self.state == ArticleState()
        )


def record_from_tables(article_id: str, tables: dict[str, dict[str, Any]]) -> ArticleRecord:
    """Build a record from a TinyDB file's raw tables."""

    def docs(name: str) -> list[dict[str, Any]]:
        table = tables.get(name) or {}
        return [
            doc
            for _, doc in sorted(table.items(), key=lambda item: int(item[0]))
            if isinstance(doc, dict)
        ]

    meta = (docs("meta") or [{}])[0]
    states = docs("state")
    sketch = meta.get("sketch") or []
    return ArticleRecord(
        article_id=article_id,
        tags=list(dict.fromkeys(str(doc["tag"]) for doc in docs("tags") if doc.get("tag"))),
        notes=[Note.from_doc(doc) for doc in docs("notes")],
        state=ArticleState.from_doc(states[0] if states else None),
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        path=str(meta.get("path", "")),
        sketch=tuple(int(value) for value in sketch if isinstance(value, int)),
        corrections=docs("corrections"),
    )
