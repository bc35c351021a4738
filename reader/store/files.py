"""StoreFiles: the annotation files on disk, loaded, kept in step and written safely.

Layout under ``HOME/annotations/``:

- ``articles/<first two characters of the id>/<id>.json``: one TinyDB file per
  article that has annotations (tables in ``records``); ``<id>.json.bak`` is
  its previous version;
- ``library.json``: library-wide data (entity corrections that apply to every
  article);
- ``.~lock.annotations#``: the cross-process lock (see ``locking``).

Why one file per article: TinyDB rewrites a whole file on every write, so one
big file costs hundreds of milliseconds per tag at 50,000 tags; a small file
per article costs about a millisecond including the fsync.

This class loads the files into the summary (``core``), picks up other
programs' changes and runs the read-modify-write transaction. The other
jobs have their own modules: the lock (``locking``), the summary cache
(``summary_cache``), damaged files and repair (``damage``), the migration
from the old single file (``migration``) and sync-conflict copies
(``conflicts``). ``AnnotationStore`` builds the person's operations on top.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from reader.store.conflicts import ConflictMerging, conflict_target
from reader.store.core import Lookup
from reader.store.damage import DamageRepair
from reader.store.errors import DamagedFileError, StoreError
from reader.store.migration import SingleFileMigration
from reader.store.quick import folder_stamps, is_annotation_file, same_files
from reader.store.schema import SCHEMA_VERSION, check_and_upgrade
from reader.store.storage import BufferedStorage
from reader.store.summary import LIBRARY_KEY, LoadReport
from reader.util.atomic import STALE_AFTER, is_temporary_name

__all__ = ["Lookup", "StoreFiles"]


@dataclass(slots=True)
class _Listing:
    """What one pass over the store's folders found besides the article files."""

    conflicts: list[Path] = field(default_factory=list)
    temporaries: list[tuple[Path, float]] = field(default_factory=list)


class StoreFiles(ConflictMerging, SingleFileMigration, DamageRepair):
    """The annotation files under one folder (``HOME/annotations``)."""

    # -- loading ------------------------------------------------------------------------
    def load(self, *, quick: bool = False) -> LoadReport:
        """Read the summary (re-reading changed files), merge sync conflicts, migrate.

        With ``quick``, the summary cache is trusted as it is when no folder of
        the store changed since it was last checked (every write renames a file
        into its folder, so any write by Broadsheet changes one) and the shards
        hold exactly the files it has rows for (see ``quick``); the files
        themselves are then not read. A quick load leaves sync-conflict copies
        and damaged files to the next full one.
        """
        report = LoadReport()
        with self._thread_lock:
            self._migrate_single_file(report)
            cached, cached_folders = self._cache.read()
            # The summary is brought up to date in place, never emptied first: a load
            # after a quick one runs while the list is drawn from it (another thread).
            seen: set[str] = set()
            folders = self._stat_folders()
            if (
                quick
                and cached
                and cached_folders == folders
                and same_files(self.articles_dir, cached)
            ):
                for article_id, summary in cached.items():
                    if article_id != LIBRARY_KEY:
                        seen.add(article_id)
                        self._remember_summary(article_id, summary)
                with contextlib.suppress(OSError):
                    seen.add(LIBRARY_KEY)
                    self._reload(LIBRARY_KEY, self.library_file, self.library_file.stat())
                self._forget_unseen(seen)
                self._folder_stamps = folders
                report.articles = len(self._summary)
                report.damaged = list(self.damaged.values())
                return report
            listing = _Listing()
            files = list(self._files(listing))
            if listing.conflicts and quick:
                report.files_read += len(listing.conflicts)  # Merged by the full load next.
            elif listing.conflicts:
                self._merge_conflicts(listing.conflicts, report)
                self._untold.extend(report.conflicts)
                files = list(self._files(_Listing()))
                folders = self._stat_folders()
            report.temporaries_removed = self._remove_stale(listing.temporaries)
            for article_id, path, stat in files:
                seen.add(article_id)
                entry = cached.get(article_id)
                if entry is not None and article_id != LIBRARY_KEY and entry.matches(stat):
                    self._remember_summary(article_id, entry)
                    continue
                report.files_read += 1
                self._reload(article_id, path, stat)
            self._forget_unseen(seen)
            report.articles = len(self._summary)
            report.damaged = list(self.damaged.values())
            if (
                report.files_read
                or len(cached) != len(self._summary)
                or (folders != cached_folders)
            ):
                self._summary_dirty = True
            self._folder_stamps = folders
        return report

    def _forget_unseen(self, seen: set[str]) -> None:
        """Drop what an earlier load knew of files that are gone (or damaged now)."""
        for article_id in [key for key in self._summary if key not in seen]:
            self._forget(article_id)

    @staticmethod
    def _remove_stale(temporaries: list[tuple[Path, float]]) -> int:
        """Remove temporary files of killed writes (only old ones: see ``util.atomic``)."""
        limit = time.time() - STALE_AFTER
        removed = 0
        for path, mtime in temporaries:
            if mtime < limit:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed

    def _folder_times(self, shard: Path) -> tuple[int | None, int | None]:
        """Modification times of a shard folder and of the articles folder (None: missing)."""
        times: list[int | None] = []
        for folder in (shard, self.articles_dir):
            try:
                times.append(folder.stat().st_mtime_ns)
            except OSError:
                times.append(None)
        return times[0], times[1]

    def _restamp(self, shard: Path, before: tuple[int | None, int | None]) -> None:
        """After our own write (still under the lock), keep the folder times current.

        Only when the folders were as last checked before the write: a change
        another program made earlier must still be picked up.
        """
        for key, was in ((shard.name, before[0]), ("", before[1])):
            if self._folder_stamps.get(key) == was:
                with contextlib.suppress(OSError):
                    folder = shard if key else self.articles_dir
                    self._folder_stamps[key] = folder.stat().st_mtime_ns
            else:
                self._folder_stamps.pop(key, None)

    def _stat_folders(self) -> dict[str, int]:
        """Modification times of the store's folders (``""``: the articles folder)."""
        return folder_stamps(self.articles_dir)

    def refresh(self) -> set[str]:
        """Pick up changes made by other programs; return the ids whose annotations changed."""
        changed: set[str] = set()
        with self._thread_lock:
            folders = self._stat_folders()
            seen: set[str] = set()
            for article_id, path, stat in self._files():
                seen.add(article_id)
                entry = self._summary.get(article_id)
                known = self.damaged.get(path)
                if entry is None and known is not None and not known.unreadable:
                    continue
                if entry is None or not entry.matches(stat):
                    self._reload(article_id, path, stat)
                    if entry != self._summary.get(article_id):
                        changed.add(article_id)
            for article_id in set(self._summary) - seen:
                self._forget(article_id)
                changed.add(article_id)
            if folders != self._folder_stamps:
                self._folder_stamps = folders
                self._summary_dirty = True
        return changed

    def _files(self, listing: _Listing | None = None) -> Iterator[tuple[str, Path, os.stat_result]]:
        """Every article file (and ``library.json``) with its stat.

        ``listing`` collects the sync-conflict copies and temporary files seen.
        """
        try:
            library_stat: os.stat_result | None = self.library_file.stat()
        except OSError:
            library_stat = None
        if library_stat is not None:
            yield LIBRARY_KEY, self.library_file, library_stat
        if listing is not None:
            self._note_others(self.folder, listing)
        try:
            shards = list(os.scandir(self.articles_dir))
        except OSError:
            return
        for shard in shards:
            if not shard.is_dir():
                continue
            try:
                entries = list(os.scandir(shard.path))
            except OSError:
                continue
            for entry in entries:
                name = entry.name
                if not is_annotation_file(name):
                    if listing is not None and is_temporary_name(name):
                        with contextlib.suppress(OSError):
                            listing.temporaries.append((Path(entry.path), entry.stat().st_mtime))
                    continue
                if conflict_target(name) is not None:
                    if listing is not None:
                        listing.conflicts.append(Path(entry.path))
                    continue
                try:
                    yield name[:-5], Path(entry.path), entry.stat()
                except OSError:
                    continue

    @staticmethod
    def _note_others(folder: Path, listing: _Listing) -> None:
        """Conflict copies of ``library.json`` and temporary files at the top of the store."""
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if conflict_target(entry.name) == "library.json":
                listing.conflicts.append(Path(entry.path))
            elif is_temporary_name(entry.name):
                with contextlib.suppress(OSError):
                    listing.temporaries.append((Path(entry.path), entry.stat().st_mtime))

    def take_conflict_lines(self) -> list[str]:
        """The sync-conflict lines of loads not yet told to the person (then forgotten)."""
        with self._thread_lock:
            lines, self._untold = self._untold, []
        return lines

    # -- the summary cache -------------------------------------------------------------
    def save_summary(self) -> None:
        """Write the summary cache if it changed (it is only a cache: failures are ignored)."""
        if self.cache_file is None or not self._summary_dirty:
            return
        with self._thread_lock:
            summaries = dict(self._summary)
            folders = dict(self._folder_stamps)
            self._summary_dirty = False
        self._cache.write(summaries, folders)

    def close(self) -> None:
        """Save the summary cache and the note index."""
        self.save_summary()
        with self._thread_lock:
            self.note_index.save()

    # -- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _article(self, article_id: str) -> Iterator[TinyDB]:
        """A TinyDB on one article's file (or ``library.json``), read under the lock,
        written once at the end.

        A failed write (disk full, read-only, permissions) raises
        :class:`~reader.store.errors.StoreWriteError`; the file and the
        summary are then as they were.
        """
        path = self.library_file if article_id == LIBRARY_KEY else self.path_of(article_id)
        with self._locked():
            if path in self.damaged:
                damaged = self.damaged[path]
                if damaged.unreadable:
                    self._reload(article_id, path, None)
            if path in self.damaged:
                damaged = self.damaged[path]
                what = "cannot be read" if damaged.unreadable else "are damaged"
                raise StoreError(
                    f"the annotations of {article_id} {what} ({damaged.reason}); "
                    + (
                        "nothing was changed"
                        if damaged.unreadable
                        else "restore a backup or start them fresh first"
                    )
                )
            try:
                db = TinyDB(path, storage=BufferedStorage)
                storage: BufferedStorage = db.storage  # type: ignore[assignment]
                if storage.existed:
                    tables, upgraded = check_and_upgrade(path, storage.data)
                    if upgraded:
                        storage.write(tables)
            except DamagedFileError as error:
                self._quarantine(path, error.reason, unreadable=error.unreadable)
                self._forget(article_id)
                what = "cannot be read" if error.unreadable else "are damaged"
                raise StoreError(
                    f"the annotations of {article_id} {what} ({error.reason})"
                ) from None
            yield db
            if storage.dirty:
                self._stamp_meta(db, article_id)
                before = self._folder_times(path.parent)
                storage.flush()
                self._reload(article_id, path, path.stat())
                if article_id != LIBRARY_KEY:
                    self._restamp(path.parent, before)

    def _stamp_meta(self, db: TinyDB, article_id: str) -> None:
        """Record the schema and what the article is, in the file's ``meta`` table."""
        meta_table = db.table("meta")
        docs = meta_table.all()
        meta: dict[str, Any] = dict(docs[0]) if docs else {}
        meta["schema"] = SCHEMA_VERSION
        if article_id == LIBRARY_KEY:
            meta["content"] = "library-wide annotations"
        else:
            meta["article"] = article_id
        info = self.lookup(article_id) if self.lookup and article_id != LIBRARY_KEY else None
        if info is not None:
            meta.update(
                title=info.title,
                source=info.source,
                path=info.path,
                sketch=list(info.sketch),
                text_hash=info.text_hash,
            )
        if docs and docs[0] == meta:
            return
        meta_table.truncate()
        meta_table.insert(meta)
