"""AnnotationStore: the person's tags, notes and reading state, one TinyDB file per article.

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

A summary of every file (tags, flags, note count) is kept in memory, and in
``HOME/cache/annotations-summary.json`` between runs, so the list can be drawn
without opening 10,000 files; files whose size or modification time changed
are re-read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import Query, TinyDB
from tinydb.table import Table

from reader.atomic import write_atomic
from reader.entities.corrections import Correction, merge
from reader.library.article import ArticleMeta
from reader.store.backups import latest_good_copy
from reader.store.changes import (
    LIBRARY_SCOPE,
    Change,
    ChangeGroup,
    CorrectionEdit,
    NoteSaved,
    StateEdit,
    TagEdit,
)
from reader.store.errors import DamagedFile, DamagedFileError, StoreError
from reader.store.records import ArticleRecord, ArticleState, Note, now, record_from_tables
from reader.store.schema import SCHEMA_VERSION, check_and_upgrade, split_single_file
from reader.store.storage import BufferedStorage, read_tables, write_tables
from reader.store.tags import normalise_tag

if TYPE_CHECKING:
    from filelock import FileLock

SUMMARY_FORMAT = 3
LIBRARY_KEY = "library"
"""Summary key of ``library.json`` (article ids never start with a dot or contain a slash)."""

Lookup = Callable[[str], ArticleMeta | None]


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
        ]

    @classmethod
    def from_json(cls, data: list[Any]) -> Summary:
        """From :meth:`to_json` output."""
        tags, read, starred, notes, position, mtime_ns, size, corrections = data
        return cls(tuple(tags), read, starred, notes, position, mtime_ns, size, corrections)


@dataclass(slots=True)
class LoadReport:
    """What opening the store found."""

    articles: int = 0
    files_read: int = 0
    damaged: list[DamagedFile] = field(default_factory=list)
    migrated: int = 0


def corrections_digest(docs: Iterable[dict[str, Any]]) -> str:
    """A short digest of correction documents (empty when there are none)."""
    items = sorted(json.dumps(doc, sort_keys=True) for doc in docs)
    if not items:
        return ""
    return hashlib.blake2b("\n".join(items).encode(), digest_size=6).hexdigest()


def _summary_of(record: ArticleRecord, stat: os.stat_result | None) -> Summary:
    return Summary(
        corrections=corrections_digest(record.corrections),
        tags=tuple(record.tags),
        read=record.state.read,
        starred=record.state.starred,
        notes=len(record.notes),
        position=record.state.position,
        mtime_ns=stat.st_mtime_ns if stat else 0,
        size=stat.st_size if stat else 0,
    )


class AnnotationStore:
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
        self._remember_summary(
            article_id, _summary_of(record_from_tables(article_id, tables), stat)
        )
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

    # -- reading ----------------------------------------------------------------------------
    def summary(self, article_id: str) -> Summary:
        """The summary of an article (the empty summary if it has no annotations)."""
        return self._summary.get(article_id) or Summary()

    def tags_of(self, article_id: str) -> tuple[str, ...]:
        """The article's tags."""
        return self.summary(article_id).tags

    def all_tags(self) -> Counter[str]:
        """Every tag in use, with the number of articles that have it."""
        return Counter({tag: len(ids) for tag, ids in self._tag_index.items() if ids})

    def ids_with_tag(self, tag: str) -> set[str]:
        """The ids of the articles with this tag."""
        return set(self._tag_index.get(normalise_tag(tag), ()))

    def annotated_ids(self) -> set[str]:
        """Every article id with a file in the store."""
        return set(self._summary) - {LIBRARY_KEY}

    def known_sketches(self) -> dict[str, tuple[int, ...]]:
        """Sketches of annotated articles, so the library can re-attach edited files to them.

        Read from the article files (only needed when an article's text changed).
        """
        sketches: dict[str, tuple[int, ...]] = {}
        for article_id in self.annotated_ids():
            record = self.record(article_id)
            if record.sketch:
                sketches[article_id] = record.sketch
        return sketches

    def record(self, article_id: str) -> ArticleRecord:
        """Everything stored about one article, read from its file."""
        path = self.path_of(article_id)
        if path in self.damaged:
            return ArticleRecord(article_id)
        try:
            tables = read_tables(path)
        except DamagedFileError as error:
            with self._thread_lock:
                self._quarantine(path, error.reason)
                self._forget(article_id)
            return ArticleRecord(article_id)
        return record_from_tables(article_id, tables or {})

    def notes_of(self, article_id: str) -> list[Note]:
        """The article's notes, oldest first."""
        return self.record(article_id).notes

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

    def edit_tags(
        self, article_ids: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = ()
    ) -> TagEdit:
        """Add and remove tags on articles; return what actually changed."""
        to_add = [tag for tag in dict.fromkeys(normalise_tag(t) for t in add) if tag]
        to_remove = [tag for tag in dict.fromkeys(normalise_tag(t) for t in remove) if tag]
        edit = TagEdit()
        for article_id in dict.fromkeys(article_ids):
            with self._article(article_id) as db:
                table = db.table("tags")
                present = {doc.get("tag") for doc in table.all()}
                added = tuple(tag for tag in to_add if tag not in present)
                removed = tuple(tag for tag in to_remove if tag in present and tag not in to_add)
                if added:
                    stamp = now()
                    table.insert_multiple({"tag": tag, "added": stamp} for tag in added)
                if removed:
                    table.remove(Query().tag.one_of(list(removed)))
            if added:
                edit.added[article_id] = added
            if removed:
                edit.removed[article_id] = removed
        return edit

    def toggle_tag(self, article_ids: Iterable[str], tag: str) -> TagEdit:
        """Quick-tag toggle: remove ``tag`` if every article has it, else add it where missing."""
        ids = list(dict.fromkeys(article_ids))
        normal = normalise_tag(tag)
        if ids and all(normal in self.tags_of(article_id) for article_id in ids):
            return self.edit_tags(ids, remove=[normal])
        return self.edit_tags(ids, add=[normal])

    def adopt_initial_tags(self, articles: Iterable[ArticleMeta]) -> int:
        """Import front-matter tags of articles the store has never seen (once per article).

        An article counts as seen once it has a file here, so tags removed later
        are not imported again. Returns how many articles were tagged.
        """
        adopted = 0
        for meta in articles:
            if meta.tags and meta.id not in self._summary:
                path = self.path_of(meta.id)
                if path in self.damaged or path.exists():
                    continue
                self.edit_tags([meta.id], add=meta.tags)
                adopted += 1
        return adopted

    def rename_tag(self, old: str, new: str) -> TagEdit:
        """Rename a tag on every article that has it."""
        old_tag, new_tag = normalise_tag(old), normalise_tag(new)
        if not new_tag:
            raise StoreError("the new tag name is empty")
        if old_tag == new_tag:
            return TagEdit()
        ids = sorted(self.ids_with_tag(old_tag))
        edit = TagEdit()
        for article_id in ids:
            part = self.edit_tags([article_id], add=[new_tag], remove=[old_tag])
            edit.added.update(part.added)
            edit.removed.update(part.removed)
        return edit

    def delete_tag(self, tag: str) -> TagEdit:
        """Remove a tag from every article."""
        return self.edit_tags(sorted(self.ids_with_tag(tag)), remove=[tag])

    def set_flag(self, article_id: str, flag: str, value: bool) -> StateEdit:
        """Set ``read`` or ``starred`` on an article."""
        if flag not in ("read", "starred"):
            raise StoreError(f"unknown state flag {flag!r}")
        with self._article(article_id) as db:
            table = db.table("state")
            docs = table.all()
            state = ArticleState.from_doc(docs[0] if docs else None)
            old = bool(getattr(state, flag))
            if old != value:
                doc = state.to_doc()
                doc[flag] = value
                if flag == "read" and value:
                    doc["read_at"] = now()
                table.truncate()
                table.insert(doc)
        return StateEdit(article_id, flag, old, value)

    def set_position(self, article_id: str, position: int) -> None:
        """Remember where the person stopped reading (a plain-text offset)."""
        if self.summary(article_id).position == position:
            return
        with self._article(article_id) as db:
            table = db.table("state")
            docs = table.all()
            doc = ArticleState.from_doc(docs[0] if docs else None).to_doc()
            if doc["position"] != position:
                doc["position"] = position
                table.truncate()
                table.insert(doc)

    def save_note(self, article_id: str, note: Note) -> NoteSaved:
        """Create or replace a note (matched by its id)."""
        with self._article(article_id) as db:
            table: Table = db.table("notes")
            found = table.get(Query().id == note.id)
            before = Note.from_doc(dict(found)) if isinstance(found, dict) else None
            if before != note:
                if found is None:
                    table.insert(note.to_doc())
                else:
                    table.update(note.to_doc(), Query().id == note.id)
        return NoteSaved(article_id, before, note)

    def delete_note(self, article_id: str, note_id: str) -> NoteSaved:
        """Delete a note."""
        with self._article(article_id) as db:
            table = db.table("notes")
            found = table.get(Query().id == note_id)
            before = Note.from_doc(dict(found)) if isinstance(found, dict) else None
            if before is not None:
                table.remove(Query().id == note_id)
        return NoteSaved(article_id, before, None)

    def library_corrections(self) -> list[Correction]:
        """The corrections that apply to every article."""
        return list(self._library_corrections)

    def library_corrections_digest(self) -> str:
        """Changes whenever the library-wide corrections change."""
        return self._summary.get(LIBRARY_KEY, Summary()).corrections

    def corrections_for(self, article_id: str) -> dict[str, Correction]:
        """The corrections in effect for an article, by key (its own win)."""
        own: list[Correction] = []
        if self.summary(article_id).corrections:
            own = [
                correction
                for doc in self.record(article_id).corrections
                if (correction := Correction.from_doc(doc))
            ]
        return merge(self._library_corrections, own)

    def set_correction(self, scope: str, key: str, correction: Correction | None) -> CorrectionEdit:
        """Set (or with None, withdraw) the correction for ``key`` in a scope.

        ``scope`` is ``"library"`` for every article, or an article id.
        """
        target = LIBRARY_KEY if scope == LIBRARY_SCOPE else scope
        with self._article(target) as db:
            table = db.table("corrections")
            found = table.get(Query().key == key)
            before = Correction.from_doc(dict(found)) if isinstance(found, dict) else None
            if before != correction:
                table.remove(Query().key == key)
                if correction is not None:
                    table.insert(correction.to_doc())
        return CorrectionEdit(scope, key, before, correction)

    def apply(self, change: Change) -> Change:
        """Carry out a change (an inverse, for undo); return what actually changed."""
        if isinstance(change, TagEdit):
            result = TagEdit()
            for article_id in change.article_ids:
                part = self.edit_tags(
                    [article_id],
                    add=change.added.get(article_id, ()),
                    remove=change.removed.get(article_id, ()),
                )
                result.added.update(part.added)
                result.removed.update(part.removed)
            return result
        if isinstance(change, StateEdit):
            return self.set_flag(change.article_id, change.flag, change.new)
        if isinstance(change, NoteSaved):
            if change.after is None:
                if change.before is None:
                    return change
                return self.delete_note(change.article_id, change.before.id)
            return self.save_note(change.article_id, change.after)
        if isinstance(change, CorrectionEdit):
            return self.set_correction(change.scope, change.key, change.after)
        if isinstance(change, ChangeGroup):
            return ChangeGroup([self.apply(part) for part in change.changes])
        raise StoreError(f"cannot apply {type(change).__name__}")

    # -- damaged files ------------------------------------------------------------------
    def restore_backup(self, path: Path) -> str:
        """Replace a damaged file by its newest good backup; say which one was used."""
        with self._locked():
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
