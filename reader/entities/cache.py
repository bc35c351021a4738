"""A disk cache of extraction results, keyed by text and extractor.

One small JSON file per (text, extractor name, extractor version), named by
a SHA-256 of the three and sharded by its first two hex digits:
``cache_dir/ab/abcdef....json``. Looking one up is a single file open, so
thousands of cached articles cost nothing. Writes go to a temporary file
that is then renamed over the target. A file that cannot be read or does
not match its key is treated as missing and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from reader.entities.bounds import bounded
from reader.entities.types import LABELS, Extractor, Mention

FORMAT = 1


class EntityCache:
    """Extraction results stored under ``cache_dir``."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)

    def key(self, text: str, extractor: Extractor) -> str:
        """The cache key of ``text`` under ``extractor``."""
        h = hashlib.sha256()
        h.update(f"{FORMAT}\0{extractor.name}\0{extractor.version}\0".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        return self.cache_dir / key[:2] / f"{key}.json"

    def get(self, text: str, extractor: Extractor) -> list[Mention]:
        """Cached mentions of ``text``, extracting (and storing) them on a miss."""
        key = self.key(text, extractor)
        path = self.path(key)
        cached = self._read(path, key, text)
        if cached is not None:
            return cached
        mentions = extractor.extract(bounded(text))
        with contextlib.suppress(OSError):
            self._write(path, key, mentions)
        return mentions

    def _read(self, path: Path, key: str, text: str) -> list[Mention] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") != key:
                return None
            out: list[Mention] = []
            for label, start, end in data["mentions"]:
                if label not in LABELS or not (0 <= start < end <= len(text)):
                    return None
                out.append(Mention(label, start, end, text[start:end]))
            return out
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def _write(self, path: Path, key: str, mentions: list[Mention]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(
            {"key": key, "mentions": [[m.label, m.start, m.end] for m in mentions]},
            separators=(",", ":"),
        )
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
