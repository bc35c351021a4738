"""Migration from the single-file layout (schema 1, ``HOME/annotations.json``)."""

from __future__ import annotations

import os

from reader.store.core import StoreCore, valid_article_id
from reader.store.errors import DamagedFileError, StoreWriteError
from reader.store.schema import split_single_file
from reader.store.storage import read_tables, write_tables
from reader.store.summary import LoadReport
from reader.util.files import os_reason


class SingleFileMigration(StoreCore):
    """Moves a schema-1 file into per-article files, once."""

    def _migrate_single_file(self, report: LoadReport) -> None:
        """Move a schema-1 ``HOME/annotations.json`` into per-article files (once)."""
        old = self.folder.parent / "annotations.json"
        if not old.exists():
            return
        with self._locked():
            try:
                tables = read_tables(old)
            except DamagedFileError as error:
                self._quarantine(old, error.reason, unreadable=error.unreadable)
                return
            if tables is None:
                return
            for article_id, article_tables in split_single_file(tables).items():
                if not valid_article_id(article_id):
                    continue  # Kept in annotations.json.migrated-v1.
                path = self.path_of(article_id)
                try:
                    existing = read_tables(path) if path.exists() else None
                except DamagedFileError as error:
                    self._quarantine(path, error.reason, unreadable=error.unreadable)
                    continue
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
            try:
                os.replace(old, old.with_name("annotations.json.migrated-v1"))
            except OSError as error:
                raise StoreWriteError(
                    f"cannot finish moving {old} to the new layout: {os_reason(error)}"
                ) from None
