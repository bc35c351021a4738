"""EntityService: an article's mentions from the cache or the extractor, corrections applied.

One per app (or command). The extractor is loaded on first use, so callers
run :meth:`mentions` in a worker; :meth:`peek` answers from the cache alone
and is cheap enough for the first paint.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

from reader.entities.bounds import bounded
from reader.entities.cache import EntityCache
from reader.entities.corrections import Correction, apply_corrections
from reader.entities.registry import backend_identity, get_extractor_or_builtin
from reader.entities.types import Extractor, Mention


class _Identity:
    """Just what ``EntityCache.key`` needs of an extractor: its name and version."""

    def __init__(self, identity: str) -> None:
        self.name, _, self.version = identity.partition(":")

    def extract(self, text: str) -> list[Mention]:  # pragma: no cover - never called
        raise NotImplementedError


class EntityService:
    """Mentions of entities in articles' plain text, cached under HOME/cache/entities."""

    def __init__(self, backend: str = "builtin", cache_dir: Path | None = None) -> None:
        self.backend = backend
        self.cache = EntityCache(cache_dir) if cache_dir is not None else None
        self.notice: str | None = None
        """Why another backend than the one asked for is used (shown once), if so."""
        self._extractor: Extractor | None = None
        self._identity: _Identity | None = None
        self._lock = threading.Lock()

    @property
    def extractor(self) -> Extractor:
        """The extractor (loaded on first use; the built-in one if the backend is missing)."""
        with self._lock:
            if self._extractor is None:
                self._extractor, self.notice = get_extractor_or_builtin(self.backend)
            return self._extractor

    def peek(self, text: str) -> list[Mention] | None:
        """Cached raw mentions of ``text``, or None (never runs the extractor)."""
        if self.cache is None:
            return None
        if self._extractor is not None:
            identity: Extractor = self._extractor
        else:
            if self._identity is None:
                self._identity = _Identity(backend_identity(self.backend))
            identity = self._identity
        key = self.cache.key(text, identity)
        return self.cache._read(self.cache.path(key), key, text)

    def raw_mentions(self, text: str) -> list[Mention]:
        """Mentions as the extractor finds them (cached)."""
        if self.cache is None:
            return self.extractor.extract(bounded(text))
        return self.cache.get(text, self.extractor)

    @staticmethod
    def corrected(
        text: str, raw: list[Mention], corrections: Mapping[str, Correction]
    ) -> list[Mention]:
        """Mentions with the person's corrections applied."""
        return apply_corrections(text, raw, corrections)
