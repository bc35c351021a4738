"""The in-memory summary of the annotation files, and the cache of it between runs."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.store.errors import DamagedFile
from reader.util.digest import blake2b

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
    from typing import Any

    from reader.store.records import ArticleRecord

SUMMARY_FORMAT = 5
LIBRARY_KEY = ".library"
"""Summary key of ``library.json`` (article ids never start with a dot or contain a slash)."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What the list needs to know of one article's annotations."""

    tags: tuple[str, ...] = ()
    read: bool = False
    starred: bool = False
    notes: int = 0
    position: int = 0
    mtime_ns: int = 0
    size: int = 0
    corrections: str = ""
    """A digest of the article's own entity corrections ("" when it has none)."""
    ctime_ns: int = 0
    """The file's status-change time: a rewrite, a chmod or a chown changes it."""
    highlights: int = 0
    """How many of the article's annotations are highlights."""

    @property
    def stamp(self) -> tuple[int, int, int]:
        """What identifies the version of the file this summary was made from."""
        return self.mtime_ns, self.size, self.ctime_ns

    def matches(self, stat: os.stat_result) -> bool:
        """True when the file is still the one this summary was made from."""
        return (self.mtime_ns, self.size, self.ctime_ns) == (
            stat.st_mtime_ns,
            stat.st_size,
            stat.st_ctime_ns,
        )

    def to_json(self) -> list[Any]:
        """Compact form for the cache file."""
        return [
            list(self.tags),
            self.read,
            self.starred,
            self.notes,
            self.position,
            self.mtime_ns,
            self.size,
            self.corrections,
            self.ctime_ns,
            self.highlights,
        ]

    @classmethod
    def from_json(cls, data: Any) -> Summary:
        """From :meth:`to_json` output; ``ValueError`` for anything else (a wrong-typed row)."""
        if type(data) is not list or len(data) != 10:
            raise ValueError("not a summary row")
        tags, read, starred, notes, position, mtime_ns, size, corrections, ctime_ns, marks = data
        # Exact types, as JSON gives them (``type(x) is int`` also turns a bool away):
        # thousands of rows are checked while the app starts.
        if not (
            type(tags) is list
            and (not tags or all(type(tag) is str for tag in tags))
            and type(read) is bool
            and type(starred) is bool
            and type(notes) is int
            and type(position) is int
            and type(mtime_ns) is int
            and type(size) is int
            and type(ctime_ns) is int
            and type(marks) is int
            and type(corrections) is str
        ):
            raise ValueError("a summary row with wrong types")
        return cls(
            tuple(tags),
            read,
            starred,
            notes,
            position,
            mtime_ns,
            size,
            corrections,
            ctime_ns,
            marks,
        )


@dataclass(slots=True)
class LoadReport:
    """What opening the store found."""

    articles: int = 0
    files_read: int = 0
    damaged: list[DamagedFile] = field(default_factory=list)
    migrated: int = 0
    conflicts: list[str] = field(default_factory=list)
    """One line per sync-conflict copy merged (or left alone, with the reason) by this load."""
    temporaries_removed: int = 0
    """Leftover temporary files of killed writes that were removed."""


def corrections_digest(docs: Iterable[dict[str, Any]]) -> str:
    """A short digest of correction documents (empty when there are none)."""
    items = sorted(json.dumps(doc, sort_keys=True) for doc in docs)
    if not items:
        return ""
    return blake2b("\n".join(items).encode(), digest_size=6).hexdigest()


def summary_of(record: ArticleRecord, stat: os.stat_result | None) -> Summary:
    return Summary(
        corrections=corrections_digest(record.corrections),
        tags=tuple(record.tags),
        read=record.state.read,
        starred=record.state.starred,
        notes=sum(1 for note in record.notes if note.text.strip()),
        highlights=sum(1 for note in record.notes if note.is_highlight),
        position=record.state.position,
        mtime_ns=stat.st_mtime_ns if stat else 0,
        size=stat.st_size if stat else 0,
        ctime_ns=stat.st_ctime_ns if stat else 0,
    )
