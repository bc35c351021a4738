"""StoreFiles: the annotation files on disk, kept safe and summarised.

Layout under ``HOME/annotations/``:

- ``articles/<first two characters of the id>/<id>.json``: one TinyDB file per
  article that has annotations (tables in ``records``); ``<id>.json.bak`` is
  its previous version;
- ``library.json``: library-wide data (entity corrections that apply to every
  article);
- ``.lock``: the cross-process lock held around every read-modify-write.

Why one file per article: TinyDB rewrites a whole file on every write, so one
big file costs hundreds of milliseconds per tag at 50,000 tags; a small file
per article costs about a millisecond including the fsync.

This class owns the files: locking, the read-modify-write transaction, the
in-memory summary (with its cache in HOME/cache), picking up other programs'
changes, damaged files and the migration from the old single file.
``AnnotationStore`` builds the person's operations on top of it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB

from reader.entities.corrections import Correction
from reader.library.article import ArticleMeta
from reader.store.errors import DamagedFile, DamagedFileError, StoreError
from reader.store.records import record_from_tables
from reader.store.schema import SCHEMA_VERSION, check_and_upgrade, split_single_file
from reader.store.storage import BufferedStorage, read_tables, write_tables
from reader.store.summary import (
    LIBRARY_KEY,
    SUMMARY_FORMAT,
    LoadReport,
    Summary,
    corrections_digest,
    summary_of,
)
from reader.util.atomic import write_atomic

if TYPE_CHECKING:
    from filelock import FileLock

Lookup = Callable[[str], ArticleMeta | None]


class StoreFiles:
    """The annotation files under one folder (``HOME/annotations``).

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
        self.cache_file = cache_dir / "annotations-summary.json" if cache_dir else None
        self.backups_dir = folder.parent / "backups"
        self.lookup = lookup
        self.lock_timeout = lock_timeout
        self._file_lock: FileLock | None = None
        self._thread_lock = threading.RLock()
        self._summary: dict[str, Summary] = {}
        self._tag_index: dict[str, set[str]] = {}
        self.damaged: dict[Path, DamagedFile] = {}
        self._summary_dirty = False
        self._library_corrections: list[Correction] = []
        self._folder_stamps: dict[str, int] = {}
        """Folder times at which the summary was known to match the files."""

    # -- paths and locking ------------------------------------------------------------
    def path_of(self, article_id: str) -> Path:
        """The TinyDB file of an article."""
        if not article_id or "/" in article_id or "\\" in article_id or article_id[0] == ".":
            raise StoreError(f"not a valid article id: {article_id[:40]!r}")
        return self.articles_dir / article_id[:2] / f"{article_id}.json"

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the thread lock and the cross-process lock."""
        from filelock import FileLock, Timeout  # Only writers need it; it costs start-up time.

        with self._thread_lock:
            if self._file_lock is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._file_lock = FileLock(self.folder / ".lock", timeout=self.lock_timeout)
            try:
                with self._file_lock:
                    yield
            except Timeout:
                raise StoreError(
                    f"the annotation store is locked by another program for over "
                    f"{self.lock_timeout:.0f} s ({self.folder / '.lock'})"
                ) from None

    # -- loading ------------------------------------------------------------------------
    def load(self, *, quick: bool = False) -> LoadReport:
        """Read the summary (re-reading changed files) and migrate an old single file.

        With ``quick``, the summary cache is trusted as it is when no folder of
        the store changed since it was last checked (every write renames a file
        into its folder, so any write by Broadsheet changes one); the files
        themselves are then not looked at.
        """
        report = LoadReport()
        with self._thread_lock:
            self._migrate_single_file(report)
            cached, cached_folders = self._read_summary_cache()
            self._summary = {}
            self._tag_index = {}
            folders = self._stat_folders()
            if quick and cached and cached_folders == folders:
                for article_id, summary in cached.items():
                    if article_id != LIBRARY_KEY:
                        self._remember_summary(article_id, summary)
                with contextlib.suppress(OSError):
                    self._reload(LIBRARY_KEY, self.library_file, self.library_file.stat())
                self._folder_stamps = folders
                report.articles = len(self._summary)
                return report
            for article_id, path, stat in self._files():
                entry = cached.get(article_id) if article_id != LIBRARY_KEY else None
                if entry is not None and (entry.mtime_ns, entry.size) == (
                    stat.st_mtime_ns,
                    stat.st_size,
                ):
                    self._remember_summary(article_id, entry)
                    continue
                report.files_read += 1
                self._reload(article_id, path, stat)
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
        stamps: dict[str, int] = {}
        try:
            stamps[""] = self.articles_dir.stat().st_mtime_ns
            for shard in os.scandir(self.articles_dir):
                if shard.is_dir():
                    stamps[shard.name] = shard.stat().st_mtime_ns
        except OSError:
            pass
        return stamps

    def refresh(self) -> set[str]:
        """Pick up changes made by other programs; return the ids whose annotations changed."""
        changed: set[str] = set()
        with self._thread_lock:
            folders = self._stat_folders()
            seen: set[str] = set()
            for article_id, path, stat in self._files():
                seen.add(article_id)
                entry = self._summary.get(article_id)
                if entry is None and path in self.damaged:
                    continue
                if entry is None or (entry.mtime_ns, entry.size) != (
                    stat.st_mtime_ns,
                    stat.st_size,
                ):
                    self._reload(article_id, path, stat)
                    changed.add(article_id)
            for article_id in set(self._summary) - seen:
                self._forget(article_id)
                changed.add(article_id)
            if folders != self._folder_stamps:
                self._folder_stamps = folders
                self._summary_dirty = True
        return changed

    def _files(self) -> Iterator[tuple[str, Path, os.stat_result]]:
        """Every article file (and ``library.json``) with its stat."""
        try:
            library_stat: os.stat_result | None = self.library_file.stat()
        except OSError:
            library_stat = None
        if library_stat is not None:
            yield LIBRARY_KEY, self.library_file, library_stat
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
                if not name.endswith(".json") or name.startswith("."):
                    continue
                try:
                    yield name[:-5], Path(entry.path), entry.stat()
                except OSError:
                    continue

    def _reload(self, article_id: str, path: Path, stat: os.stat_result | None) -> None:
        """Re-read one file into the summary; quarantine it if damaged."""
        try:
            tables = read_tables(path)
            if tables is None:
                self._forget(article_id)
                return
            tables, _ = check_and_upgrade(path, tables)
        except DamagedFileError as error:
            self._quarantine(path, error.reason)
            self._forget(article_id)
            return
        self.damaged.pop(path, None)
        if article_id == LIBRARY_KEY:
            docs = [
                doc for doc in (tables.get("corrections") or {}).values() if isinstance(doc, dict)
            ]
            self._library_corrections = [
                correction for doc in docs if (correction := Correction.from_doc(doc))
            ]
            self._summary[LIBRARY_KEY] = Summary(
                mtime_ns=stat.st_mtime_ns if stat else 0,
                size=stat.st_size if stat else 0,
                corrections=corrections_digest(docs),
            )
            return
        self._remember_summary(article_id, summary_of(record_from_tables(article_id, tables), stat))
        self._summary_dirty = True

    def _remember_summary(self, article_id: str, summary: Summary) -> None:
        old = self._summary.get(article_id)
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
        if old is not None:
            for tag in old.tags:
                self._tag_index.get(tag, set()).discard(article_id)
            self._summary_dirty = True

    def _quarantine(self, path: Path, reason: str) -> None:
        """Keep a copy of a damaged file and refuse to write over it until the person decides."""
        if path in self.damaged:
            return
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept: Path | None = path.with_name(f"{path.name}.damaged-{stamp}")
        try:
            assert kept is not None
            shutil.copy2(path, kept)
        except OSError:
            kept = None
        self.damaged[path] = DamagedFile(path, reason, kept)

    # -- the summary cache -------------------------------------------------------------
    def _read_summary_cache(self) -> tuple[dict[str, Summary], dict[str, int] | None]:
        """The cached summaries and the folder times they were checked against."""
        if self.cache_file is None:
            return {}, None
        try:
            data = json.loads(self.cache_file.read_bytes())
            if data.get("format") != SUMMARY_FORMAT or data.get("folder") != str(self.folder):
                return {}, None
            summaries = {key: Summary.from_json(value) for key, value in data["files"].items()}
            folders = data.get("folders")
            return summaries, folders if isinstance(folders, dict) else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}, None

    def save_summary(self) -> None:
        """Write the summary cache if it changed (it is only a cache: failures are ignored)."""
        if self.cache_file is None or not self._summary_dirty:
            return
        with self._thread_lock:
            payload = {
                "format": SUMMARY_FORMAT,
                "folder": str(self.folder),
                "files": {key: value.to_json() for key, value in self._summary.items()},
                "folders": self._folder_stamps,
            }
            self._summary_dirty = False
        with contextlib.suppress(OSError):
            write_atomic(self.cache_file, json.dumps(payload).encode(), durable=False)

    def close(self) -> None:
        """Save the summary cache."""
        self.save_summary()

    # -- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _article(self, article_id: str) -> Iterator[TinyDB]:
        """A TinyDB on one article's file (or ``library.json``), read under the lock,
        written once at the end."""
        path = self.library_file if article_id == LIBRARY_KEY else self.path_of(article_id)
        with self._locked():
            if path in self.damaged:
                damaged = self.damaged[path]
                raise StoreError(
                    f"the annotations of {article_id} are damaged ({damaged.reason}); "
                    "restore a backup or start them fresh first"
                )
            try:
                db = TinyDB(path, storage=BufferedStorage)
                storage: BufferedStorage = db.storage  # type: ignore[assignment]
                if storage.existed:
                    tables, upgraded = check_and_upgrade(path, storage.data)
                    if upgraded:
                        storage.write(tables)
            except DamagedFileError as error:
                self._quarantine(path, error.reason)
                self._forget(article_id)
                raise StoreError(
                    f"the annotations of {article_id} are damaged ({error.reason})"
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
                title=info.title, source=info.source, path=info.path, sketch=list(info.sketch)
            )
        if docs and docs[0] == meta:
            return
        meta_table.truncate()
        meta_table.insert(meta)

    # -- damaged files ------------------------------------------------------------------
    def restore_backup(self, path: Path) -> str:
        """Replace a damaged file by its newest good backup; say which one was used."""
        with self._locked():
            from reader.store.backups import latest_good_copy  # zipfile: only when restoring

            found = latest_good_copy(path, self.folder, self.backups_dir)
            if found is None:
                raise StoreError(f"no good backup of {path.name} was found")
            tables, where = found
            write_tables(path, tables, keep_backup=False)
            self.damaged.pop(path, None)
            self._reload(self._id_of(path), path, path.stat())
            return where

    def start_fresh(self, path: Path) -> None:
        """Set a damaged file aside (its copy is kept) and start it empty."""
        with self._locked():
            damaged = self.damaged.get(path)
            if damaged is not None and damaged.kept is None:
                raise StoreError(f"{path.name} could not be copied aside; not removing it")
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            self.damaged.pop(path, None)
            self._forget(self._id_of(path))

    def _id_of(self, path: Path) -> str:
        return LIBRARY_KEY if path == self.library_file else path.name.removesuffix(".json")

    # -- migration from the single-file layout --------------------------------------------
    def _migrate_single_file(self, report: LoadReport) -> None:
        """Move a schema-1 ``HOME/annotations.json`` into per-article files (once)."""
        old = self.folder.parent / "annotations.json"
        if not old.exists():
            return
        with self._locked():
            try:
                tables = read_tables(old)
            except DamagedFileError as error:
                self._quarantine(old, error.reason)
                return
            if tables is None:
                return
            for article_id, article_tables in split_single_file(tables).items():
                path = self.path_of(article_id)
                existing = read_tables(path) if path.exists() else None
                if existing:
                    for name, table in article_tables.items():
                        if name == "meta":
                            continue
                        target = existing.setdefault(name, {})
                        next_key = max((int(key) for key in target), default=0)
                        for offset, doc in enumerate(table.values(), start=1):
                            if doc not in target.values():
                                target[str(next_key + offset)] = doc
                    article_tables = existing
                write_tables(path, article_tables)
                report.migrated += 1
            os.replace(old, old.with_name("annotations.json.migrated-v1"))
