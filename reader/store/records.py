"""The domain records of the store and their conversion to and from TinyDB documents.

One TinyDB file per article (``HOME/annotations/articles/<2 chars>/<id>.json``)
with these tables:

- ``meta``: one document ``{"schema", "article", "title", "source", "path",
  "sketch", "text_hash"}``: what the file is about, so that it stays
  meaningful (and can be re-attached) even if the article file disappears;
  ``text_hash`` is the digest of the article's text when last written (a
  different one means its passages must be found again);
- ``tags``: one document per tag ``{"tag", "added"}``;
- ``notes``: one document per note or highlight ``{"id", "kind", "text",
  "quote", "start", "end", "prefix", "suffix", "color", "orphan", "created",
  "updated"}``: ``kind`` is ``note`` or ``highlight`` (a highlight's ``text``
  is its optional note, ``color`` one of :data:`HIGHLIGHT_COLORS`);
  ``start``/``end`` are plain-text offsets of the passage (null for a note on
  the whole article), ``prefix``/``suffix`` up to 32 characters of the text
  before and after it, so it can be found again when the article changes
  (``anchoring``); ``orphan`` is true when it could not be found;
- ``state``: one document ``{"read", "starred", "position", "read_at"}``;
- ``corrections``: entity corrections for this article only (see entities).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from typing import Any

HIGHLIGHT_COLORS = ("yellow", "green", "blue", "pink")
"""The highlight colours (styled by ``article-view--highlight-<colour>`` in styles/app.tcss)."""
DEFAULT_COLOR = HIGHLIGHT_COLORS[0]
KINDS = ("note", "highlight")


def now() -> str:
    """The current time, ISO 8601 in UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Note:
    """A note or a highlight on an article, optionally on one passage of it.

    A highlight (``kind == "highlight"``) always has a passage and a colour;
    its ``text`` is an optional note. A note (``kind == "note"``) has text.
    """

    id: str
    text: str
    quote: str = ""
    start: int | None = None
    end: int | None = None
    created: str = ""
    updated: str = ""
    kind: str = "note"
    color: str = ""
    prefix: str = ""
    suffix: str = ""
    orphan: bool = False

    @classmethod
    def new(
        cls,
        text: str,
        quote: str = "",
        start: int | None = None,
        end: int | None = None,
        *,
        kind: str = "note",
        color: str = "",
        prefix: str = "",
        suffix: str = "",
    ) -> Note:
        """A note (or highlight) with a fresh id and timestamps."""
        stamp = now()
        if kind == "highlight" and not color:
            color = DEFAULT_COLOR
        return cls(
            f"n-{os.urandom(6).hex()}",
            text,
            quote,
            start,
            end,
            stamp,
            stamp,
            kind,
            color,
            prefix,
            suffix,
        )

    @property
    def is_highlight(self) -> bool:
        """True for a highlight (with or without a note)."""
        return self.kind == "highlight"

    def edited(self, text: str) -> Note:
        """The same note with new text."""
        return replace(self, text=text, updated=now())

    def as_highlight(self, color: str = DEFAULT_COLOR) -> Note:
        """The same passage as a highlight of ``color`` (its text becomes the highlight's note)."""
        return replace(self, kind="highlight", color=color, updated=now())

    def as_note(self) -> Note:
        """The same passage as a plain note (no colour)."""
        return replace(self, kind="note", color="", updated=now())

    def recoloured(self, color: str) -> Note:
        """The same highlight in another colour."""
        return replace(self, color=color, updated=now())

    def to_doc(self) -> dict[str, Any]:
        """The TinyDB document."""
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "color": self.color,
            "orphan": self.orphan,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Note:
        """From a TinyDB document (missing fields get defaults)."""
        start, end = doc.get("start"), doc.get("end")
        kind = doc.get("kind")
        kind = kind if kind in KINDS else "note"
        color = str(doc.get("color") or "")
        if kind == "highlight" and color not in HIGHLIGHT_COLORS:
            color = DEFAULT_COLOR
        return cls(
            id=str(doc.get("id") or f"n-{os.urandom(6).hex()}"),
            text=str(doc.get("text", "")),
            quote=str(doc.get("quote", "")),
            start=int(start) if isinstance(start, int) else None,
            end=int(end) if isinstance(end, int) else None,
            created=str(doc.get("created", "")),
            updated=str(doc.get("updated", "")),
            kind=kind,
            color=color if kind == "highlight" else "",
            prefix=str(doc.get("prefix") or ""),
            suffix=str(doc.get("suffix") or ""),
            orphan=doc.get("orphan") is True,
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
    text_hash: str = ""

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
        text_hash=str(meta.get("text_hash", "")),
    )
