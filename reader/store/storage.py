"""TinyDB storage that never leaves a half-written file.

TinyDB's default ``JSONStorage`` rewrites its file in place: a crash in the
middle leaves it truncated. :class:`AtomicJSONStorage` writes the whole
database to a temporary file in the same folder, flushes and fsyncs it,
keeps the previous version as ``<name>.bak`` (a hard link, so no copying),
then renames the new file over the old one and fsyncs the folder. When
``write`` returns, the change is on disk.

The files it writes are plain TinyDB JSON: ``tinydb.TinyDB(path)`` opens them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from reader.store.errors import DamagedFileError
from reader.util.atomic import write_atomic

Tables = dict[str, dict[str, Any]]


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept."""
    return path.with_name(path.name + ".bak")


def read_tables(path: Path) -> Tables | None:
    """Read a TinyDB JSON file; None if it does not exist.

    Raises :class:`DamagedFileError` if it is not a JSON object of tables.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DamagedFileError(path, f"cannot be read ({error.strerror or error})") from None
    if not raw.strip():
        raise DamagedFileError(path, "is empty (not valid JSON)")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise DamagedFileError(path, f"is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
        raise DamagedFileError(path, "is not a TinyDB database (expected an object of tables)")
    return data


def keep_previous(path: Path) -> None:
    """Keep the current version of ``path`` as ``<name>.bak`` before it is replaced."""
    if not path.exists():
        return
    backup = backup_path(path)
    temporary = backup.with_name(backup.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    try:
        os.link(path, temporary)
    except OSError:  # No hard links on this file system: copy instead.
        shutil.copy2(path, temporary)
    os.replace(temporary, backup)


def write_tables(path: Path, tables: Tables, *, keep_backup: bool = True) -> None:
    """Write tables atomically and durably, keeping the previous version."""
    data = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if keep_backup:
        keep_previous(path)
    write_atomic(path, data, durable=True)


class AtomicJSONStorage(Storage):
    """A TinyDB storage writing through :func:`write_tables` (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str], keep_backup: bool = True) -> None:
        self.path = Path(path)
        self.keep_backup = keep_backup

    def read(self) -> Tables | None:
        """The whole database, or None for a new file."""
        return read_tables(self.path)

    def write(self, data: Tables) -> None:
        """Replace the whole database, atomically and durably."""
        write_tables(self.path, data, keep_backup=self.keep_backup)

    def close(self) -> None:
        """Nothing to release."""


class BufferedStorage(Storage):
    """Reads a file once, collects TinyDB's writes in memory, writes once on :meth:`flush`.

    Lets several table operations on one article become a single atomic write.
    """

    def __init__(self, path: str | os.PathLike[str], keep_backup: bool = True) -> None:
        self._file = AtomicJSONStorage(path, keep_backup)
        self._data: Tables | None = self._file.read()
        self.existed = self._data is not None
        self.dirty = False

    @property
    def data(self) -> Tables:
        """The tables as they stand in memory."""
        return self._data or {}

    def read(self) -> Tables | None:
        """The tables as they stand in memory (a copy, as TinyDB modifies what it reads)."""
        if self._data is None:
            return None
        return json.loads(json.dumps(self._data))  # type: ignore[no-any-return]

    def write(self, data: Tables) -> None:
        """Keep the new tables in memory until :meth:`flush`."""
        self._data = data
        self.dirty = True

    def flush(self) -> None:
        """Write the tables to disk if they changed."""
        if self.dirty and self._data is not None:
            self._file.write(self._data)
            self.dirty = False

    def close(self) -> None:
        """Nothing to release (call :meth:`flush` to write)."""
