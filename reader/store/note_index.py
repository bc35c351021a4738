"""The note index: every article's notes and highlights, without opening every file.

The annotations view lists every note and highlight of the library; reading
10,000 article files for it would take too long. This index keeps each
article's notes with the version (size, modification and status-change
times) of the file they were read from, in memory and, between runs, in
``HOME/cache/annotations-notes.json``. A row is used only while its version
matches the store's summary of that file; otherwise the file is read again.
It is only a cache: deleting it costs one slower opening.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from reader.store.records import Note
from reader.util.atomic import write_atomic
from reader.util.files import read_json

INDEX_FORMAT = 2
_FIELDS = 12
"""A note is cached as a list of its fields in :class:`Note`'s order (quick to read back)."""
Stamp = tuple[int, int, int]


def _fields(note: Note) -> list[Any]:
    return [
        note.id,
        note.text,
        note.quote,
        note.start,
        note.end,
        note.created,
        note.updated,
        note.kind,
        note.color,
        note.prefix,
        note.suffix,
        note.orphan,
    ]


_TYPES: tuple[type | tuple[type, ...], ...] = (
    str,
    str,
    str,
    (int, type(None)),
    (int, type(None)),
    str,
    str,
    str,
    str,
    str,
    str,
    bool,
)


def _note(fields: Any) -> Note:
    """A cached note back (``ValueError`` for a row of the wrong shape or types)."""
    if not isinstance(fields, list) or len(fields) != _FIELDS:
        raise ValueError("not a cached note")
    for value, kind in zip(fields, _TYPES, strict=True):
        if not isinstance(value, kind):
            raise ValueError("a cached note with wrong types")
    return Note(*fields)


class NoteIndex:
    """Notes by article id, each with the file version they were read from."""

    def __init__(self, path: Path | None, folder: Path) -> None:
        self.path = path
        self.folder = folder
        self._rows: dict[str, tuple[Stamp, tuple[Note, ...]]] = {}
        self._loaded = False
        self._dirty = False

    def _load(self) -> None:
        """Read the cache file once (rows already known in memory win)."""
        self._loaded = True
        if self.path is None:
            return
        data = read_json(self.path)
        if (
            not isinstance(data, dict)
            or data.get("format") != INDEX_FORMAT
            or data.get("folder") != str(self.folder)
            or not isinstance(data.get("rows"), dict)
        ):
            return
        for key, row in data["rows"].items():
            if key in self._rows:
                continue
            with contextlib.suppress(ValueError, TypeError):
                stamp, rows = row
                parsed = tuple(int(value) for value in stamp)
                if len(parsed) != 3 or not isinstance(rows, list):
                    continue
                notes = tuple(_note(fields) for fields in rows)
                self._rows[key] = ((parsed[0], parsed[1], parsed[2]), notes)

    def get(self, article_id: str, stamp: Stamp) -> tuple[Note, ...] | None:
        """The notes of an article's file at this version (None when not known)."""
        if not self._loaded:
            self._load()
        row = self._rows.get(article_id)
        if row is None or row[0] != stamp:
            return None
        return row[1]

    def put(self, article_id: str, stamp: Stamp, notes: tuple[Note, ...]) -> None:
        """Remember the notes read from one version of an article's file."""
        row = (stamp, notes)
        if self._rows.get(article_id) != row:
            self._rows[article_id] = row
            self._dirty = True

    def forget(self, article_id: str) -> None:
        """An article's file is gone."""
        if self._rows.pop(article_id, None) is not None:
            self._dirty = True

    def save(self) -> None:
        """Write the cache file if anything changed (failures are ignored)."""
        if self.path is None or not self._dirty:
            return
        if not self._loaded:
            self._load()
        rows: dict[str, Any] = {
            key: [list(stamp), [_fields(note) for note in notes]]
            for key, (stamp, notes) in self._rows.items()
            if notes
        }
        payload = {"format": INDEX_FORMAT, "folder": str(self.folder), "rows": rows}
        with contextlib.suppress(OSError):
            write_atomic(self.path, json.dumps(payload, ensure_ascii=False).encode(), durable=False)
        self._dirty = False
