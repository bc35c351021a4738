"""The summary cache: ``HOME/cache/annotations-summary.json``.

It lets the list draw without opening every annotation file, so it must
never be believed over the files. Each row carries the size, modification
and status-change times of its file, and is used only while they match;
the whole payload carries a digest of its rows, so a cache edited by hand
(or half-synced from another machine) is ignored as a whole; a row of the
wrong shape or types is dropped (its file is read again). Failing to write
it is harmless: it is only a cache.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path

from reader.store.summary import SUMMARY_FORMAT, Summary
from reader.util.atomic import remove_stale_temporaries, write_atomic
from reader.util.digest import blake2b
from reader.util.files import read_json

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
    from typing import Any

CACHE_NAME = "annotations-summary.json"
"""The cache's file name in HOME/cache."""


def _digest(files: Any, folders: Any) -> str:
    text = json.dumps([files, folders], sort_keys=True, separators=(",", ":"))
    return blake2b(text.encode(), digest_size=16).hexdigest()


class SummaryCache:
    """Reads and writes the cached summaries of one store folder."""

    def __init__(self, path: Path | None, folder: Path) -> None:
        self.path = path
        self.folder = folder

    def read(self) -> tuple[dict[str, Summary], dict[str, int] | None]:
        """The cached summaries and the folder times they were checked against.

        Empty when there is no cache, it is for another folder or format, or
        its digest does not match its rows.
        """
        if self.path is None:
            return {}, None
        data = read_json(self.path)
        if not isinstance(data, dict) or data.get("format") != SUMMARY_FORMAT:
            return {}, None
        files, folders = data.get("files"), data.get("folders")
        if (
            data.get("folder") != str(self.folder)
            or not isinstance(files, dict)
            or data.get("digest") != _digest(files, folders)
        ):
            return {}, None
        summaries: dict[str, Summary] = {}
        for key, value in files.items():
            with contextlib.suppress(ValueError):
                summaries[key] = Summary.from_json(value)
        good_folders = (
            folders
            if isinstance(folders, dict)
            and all(isinstance(value, int) for value in folders.values())
            and len(summaries) == len(files)
            else None
        )
        return summaries, good_folders

    def write(self, summaries: Mapping[str, Summary], folders: Mapping[str, int]) -> None:
        """Replace the cache (failures are ignored) and clear leftovers of killed writes."""
        if self.path is None:
            return
        files = {key: value.to_json() for key, value in summaries.items()}
        payload = {
            "format": SUMMARY_FORMAT,
            "folder": str(self.folder),
            "files": files,
            "folders": dict(folders),
            "digest": _digest(files, dict(folders)),
        }
        with contextlib.suppress(OSError):
            write_atomic(self.path, json.dumps(payload).encode(), durable=False)
        remove_stale_temporaries(self.path.parent)
