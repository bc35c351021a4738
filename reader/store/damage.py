"""Repairing the store: checking every file, restoring a backup, starting fresh.

Two kinds of trouble are kept apart. A *damaged* file (not JSON, not a
TinyDB database, an unknown schema) has a copy of its bytes kept beside it
and can be replaced by its newest good backup or started empty. An
*unreadable* file (permission denied, an I/O error) may be perfectly
intact: it is never replaced; its reason says how to fix it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from reader.store.conflicts import conflict_target
from reader.store.core import StoreCore
from reader.store.errors import DamagedFile, StoreError, StoreWriteError
from reader.store.storage import write_tables
from reader.store.summary import LIBRARY_KEY
from reader.util.files import os_reason


class DamageRepair(StoreCore):
    """What ``broadsheet repair`` and the app's damaged-files dialog do."""

    def check_files(self) -> list[DamagedFile]:
        """Read every annotation file (never the summary cache); return those in trouble."""
        with self._thread_lock:
            for path in list(self.damaged):
                if not path.exists():
                    self.damaged.pop(path, None)
            for article_id, path, stat in self._every_file():
                self._reload(article_id, path, stat)
            return list(self.damaged.values())

    def _every_file(self) -> list[tuple[str, Path, os.stat_result | None]]:
        found: list[tuple[str, Path, os.stat_result | None]] = []
        if self.library_file.exists():
            found.append((LIBRARY_KEY, self.library_file, None))
        if self.articles_dir.is_dir():
            for path in sorted(self.articles_dir.glob("*/*.json")):
                if not path.name.startswith((".", "~")) and valid_name(path.name):
                    with contextlib.suppress(OSError):
                        found.append((path.name[:-5], path, path.stat()))
        return found

    def _refuse_replacing(self, path: Path) -> DamagedFile | None:
        damaged = self.damaged.get(path)
        if damaged is None:
            return None
        if damaged.unreadable:
            raise StoreError(
                f"{path.name} {damaged.reason}; it is left as it is (nothing was replaced)"
            )
        if damaged.kept is None:
            raise StoreError(f"{path.name} could not be copied aside; not replacing it")
        return damaged

    def restore_backup(self, path: Path) -> str:
        """Replace a damaged file by its newest good backup; say which one was used.

        Refused for a file that could not be read or copied aside first.
        """
        with self._locked():
            self._refuse_replacing(path)
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
            self._refuse_replacing(path)
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                raise StoreWriteError(f"cannot remove {path}: {os_reason(error)}") from None
            self.damaged.pop(path, None)
            self._forget(self._id_of(path))


def valid_name(name: str) -> bool:
    """True for the file name of an article's annotations (not a sync-conflict copy)."""
    return name.endswith(".json") and conflict_target(name) is None
