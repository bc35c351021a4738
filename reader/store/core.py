"""StoreCore: the state every part of the store shares.

The folders and paths, the lock, the in-memory summary of every file with
its tag index, and reading one file into it (a damaged one is kept aside,
an unreadable one is only reported). The parts built on it: loading and the
write transaction (``files``), repair (``damage``), migration
(``migration``) and sync conflicts (``conflicts``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.entities.corrections import Correction
from reader.library.article import ArticleMeta
from reader.store.damage_copies import keep_damaged_copy
from reader.store.errors import DamagedFile, DamagedFileError, StoreError
from reader.store.locking import StoreLock
from reader.store.note_index import NoteIndex
from reader.store.records import record_from_tables
from reader.store.schema import check_and_upgrade
from reader.store.storage import read_tables
from reader.store.summary import LIBRARY_KEY, Summary, corrections_digest, summary_of
from reader.store.summary_cache import CACHE_NAME, SummaryCache

Lookup = Callable[[str], ArticleMeta | None]


def valid_article_id(article_id: str) -> bool:
    """True for an id that can name a file: not empty, no slash, not starting with a dot."""
    return (
        bool(article_id)
        and "/" not in article_id
        and "\\" not in article_id
        and (article_id[0] != ".")
    )


class StoreCore:
    """The annotation files under one folder (``HOME/annotations``): shared state.

    ``lookup`` gives the library's metadata of an article id, recorded in the
    article's file when it is first written (title, source, path, sketch).
    """

    def __init__(
        self,
        folder: Path,
        cache_dir: Path | None = None,
        lookup: Lookup | None = None,
        lock_timeout: float = 15.0,
    ) -> None:
        self.folder = folder
        self.articles_dir = folder / "articles"
        self.library_file = folder / "library.json"
        self.cache_file = cache_dir / CACHE_NAME if cache_dir else None
        self.backups_dir = folder.parent / "backups"
        self.lookup = lookup
        self.lock = StoreLock(folder, lock_timeout)
        self._thread_lock = self.lock.thread_lock
        self._cache = SummaryCache(self.cache_file, folder)
        self.note_index = NoteIndex(
            cache_dir / "annotations-notes.json" if cache_dir else None, folder
        )
        """Every article's notes and highlights, for the library-wide list."""
        self._summary: dict[str, Summary] = {}
        self.generation = 0
        """Goes up whenever the summary of any file changes (for caches built on the store)."""
        self._tag_index: dict[str, set[str]] = {}
        self.damaged: dict[Path, DamagedFile] = {}
        self._summary_dirty = False
        self._library_corrections: list[Correction] = []
        self._folder_stamps: dict[str, int] = {}
        """Folder times at which the summary was known to match the files."""
        self._untold: list[str] = []
        """Sync-conflict lines not yet handed to a front end (see ``take_conflict_lines``)."""

    @property
    def lock_timeout(self) -> float:
        """Seconds to wait for another program's lock."""
        return self.lock.timeout

    # -- paths and locking ------------------------------------------------------------
    def path_of(self, article_id: str) -> Path:
        """The TinyDB file of an article."""
        if not valid_article_id(article_id):
            raise StoreError(f"not a valid article id: {article_id[:40]!r}")
        return self.articles_dir / article_id[:2] / f"{article_id}.json"

    def _id_of(self, path: Path) -> str:
        return LIBRARY_KEY if path == self.library_file else path.name.removesuffix(".json")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the thread lock and the cross-process lock."""
        with self.lock.held():
            yield

    # -- the summary in memory ----------------------------------------------------------
    def _reload(self, article_id: str, path: Path, stat: os.stat_result | None) -> None:
        """Re-read one file into the summary; set it aside if damaged."""
        try:
            tables = read_tables(path)
            if tables is None:
                self._forget(article_id)
                return
            tables, _ = check_and_upgrade(path, tables)
            record = record_from_tables(article_id, tables)
        except DamagedFileError as error:
            self._quarantine(path, error.reason, unreadable=error.unreadable)
            self._forget(article_id)
            return
        self.damaged.pop(path, None)
        if article_id == LIBRARY_KEY:
            docs = record.corrections
            self._library_corrections = [
                correction for doc in docs if (correction := Correction.from_doc(doc))
            ]
            self._summary[LIBRARY_KEY] = Summary(
                mtime_ns=stat.st_mtime_ns if stat else 0,
                size=stat.st_size if stat else 0,
                ctime_ns=stat.st_ctime_ns if stat else 0,
                corrections=corrections_digest(docs),
            )
            return
        summary = summary_of(record, stat)
        self._remember_summary(article_id, summary)
        self._summary_dirty = True
        if stat is not None:
            self.note_index.put(article_id, summary.stamp, tuple(record.notes))

    def _remember_summary(self, article_id: str, summary: Summary) -> None:
        old = self._summary.get(article_id)
        if old == summary:
            return
        self.generation += 1
        if old is not None:
            for tag in old.tags:
                self._tag_index.get(tag, set()).discard(article_id)
        self._summary[article_id] = summary
        for tag in summary.tags:
            self._tag_index.setdefault(tag, set()).add(article_id)

    def _forget(self, article_id: str) -> None:
        if article_id == LIBRARY_KEY:
            self._library_corrections = []
        old = self._summary.pop(article_id, None)
        self.generation += 1
        self.note_index.forget(article_id)
        if old is not None:
            for tag in old.tags:
                self._tag_index.get(tag, set()).discard(article_id)
            self._summary_dirty = True

    def _quarantine(self, path: Path, reason: str, *, unreadable: bool = False) -> None:
        """List a file as damaged (keeping one copy of its bytes) or as unreadable.

        Nothing is written to a listed file until the person decides. An
        unreadable file gets no copy (it cannot be read); it is listed with
        the reason and the fix, and never replaced.
        """
        known = self.damaged.get(path)
        if known is not None and (known.reason, known.unreadable) == (reason, unreadable):
            return
        kept = None if unreadable else keep_damaged_copy(path)
        self.damaged[path] = DamagedFile(path, reason, kept, unreadable)
