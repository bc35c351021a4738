"""The library's metadata index in HOME/cache, read with suspicion.

``library-index.json``: ``{"format", "library", "files": {relative path:
[size, mtime_ns, meta row (ArticleMeta.to_row) or problem text, [warnings]]},
"folders", "order"}``. The sketches (only needed to re-attach edited
articles) are kept apart in ``library-sketches.json`` so that loading the
index stays quick.

It is only a cache: an entry of the wrong shape or types (a hand edit, a
half-synced file, an older version) is dropped here, and its file is read
again by the next scan; nothing from the cache can stop a command.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reader.util.atomic import remove_stale_temporaries, write_atomic
from reader.util.files import read_json

INDEX_FORMAT = 4

Entry = list[Any]
"""``[size, mtime_ns, row or problem text, warnings]``."""


def valid_entry(relative: str, entry: Any) -> bool:
    """True for an index entry of the right shape and types.

    The row itself is checked where it is turned into an article
    (:meth:`ArticleMeta.from_row` raises on a wrong-typed row, and the file is
    read again), so that it is not checked twice.
    """
    if type(entry) is not list or len(entry) != 4:
        return False
    size, mtime, row, warnings = entry
    if type(size) is not int or type(mtime) is not int or type(warnings) is not list:
        return False
    if warnings and not all(type(warning) is str for warning in warnings):
        return False
    return type(row) is str or (type(row) is list and len(row) == 11)


def _valid_sketch(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(number, int) and not isinstance(number, bool) for number in value
    )


class IndexCache:
    """Reads and writes the metadata index and the sketches file of one library."""

    def __init__(self, root: Path, path: Path | None) -> None:
        self.root = root
        self.path = path

    @property
    def sketch_path(self) -> Path | None:
        """Where the sketches are kept (beside the index)."""
        return self.path.with_name("library-sketches.json") if self.path else None

    def read_payload(
        self, path: Path | None = None, *, check_entries: bool = True
    ) -> dict[str, Any] | None:
        """A whole index file, if it is one for this library in this format.

        Entries of the wrong shape or types are left out (unless not
        ``check_entries``: then the caller must treat any surprise in them as
        "the index cannot answer", as ``Library.load_unchanged`` does).
        """
        path = path or self.path
        if path is None:
            return None
        data = read_json(path)
        if (
            not isinstance(data, dict)
            or data.get("format") != INDEX_FORMAT
            or data.get("library") != str(self.root)
            or not isinstance(data.get("files"), dict)
        ):
            return None
        folders = data.get("folders")
        if folders is not None and not (
            isinstance(folders, dict) and all(isinstance(v, int) for v in folders.values())
        ):
            data.pop("folders")
        order = data.get("order")
        if order is not None and not (
            isinstance(order, list) and all(isinstance(item, str) for item in order)
        ):
            data.pop("order")
        if path == self.path and check_entries:
            files = data["files"]
            good = {key: entry for key, entry in files.items() if valid_entry(key, entry)}
            if len(good) != len(files):
                data["files"] = good
                data.pop("order", None)
                data.pop("folders", None)  # So that the next scan rewrites the index.
        return data

    def read_sketches(self) -> dict[str, list[int]]:
        """Relative path -> sketch (entries of the wrong type are left out)."""
        payload = self.read_payload(self.sketch_path) if self.sketch_path else None
        files = payload["files"] if payload is not None else {}
        return {key: value for key, value in files.items() if _valid_sketch(value)}

    def write(
        self,
        path: Path | None,
        files: Mapping[str, Any],
        folders: Mapping[str, int] | None = None,
        order: list[str] | None = None,
    ) -> bool:
        """Replace an index file (only a cache: if it cannot be written, nothing breaks).

        True when it was written.
        """
        if path is None:
            return False
        payload: dict[str, Any] = {
            "format": INDEX_FORMAT,
            "library": str(self.root),
            "files": files,
        }
        if folders is not None:
            payload["folders"] = folders
        if order is not None:
            payload["order"] = order
        written = False
        with contextlib.suppress(OSError):
            write_atomic(path, json.dumps(payload, separators=(",", ":")).encode(), durable=False)
            written = True
        remove_stale_temporaries(path.parent)
        return written
