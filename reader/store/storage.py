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

from reader.store.errors import DamagedFileError, StoreWriteError
from reader.util.atomic import write_atomic
from reader.util.files import os_reason

Tables = dict[str, dict[str, Any]]


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept."""
    return path.with_name(path.name + ".bak")


def _user_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def unreadable_reason(path: Path, error: OSError) -> str:
    """Why a file cannot be read, and, for permissions, the command that fixes it."""
    if not isinstance(error, PermissionError):
        return f"cannot be read ({os_reason(error)}); it was left as it is"
    try:
        info = path.stat()
    except OSError:
        return (
            "cannot be read (permission denied on its folder); it is not damaged: "
            f"check the owner and permissions of {path.parent}"
        )
    owner, mode = _user_name(info.st_uid), f"{info.st_mode & 0o777:04o}"
    geteuid = getattr(os, "geteuid", None)
    if geteuid is not None and info.st_uid != geteuid():
        fix = f"sudo chown {_user_name(geteuid())} {path}"
    else:
        fix = f"chmod u+rw {path}"
    return (
        f"cannot be read (permission denied: owner {owner}, mode {mode}); "
        f"it is not damaged: fix it with `{fix}`"
    )


def check_tables(path: Path, data: object) -> Tables:
    """``data`` as TinyDB tables, or :class:`DamagedFileError` saying what is wrong.

    Every reader and ``repair`` go through this: a table that is not an
    object, or an entry that is not an object with a numeric id, is damage.
    """
    if not isinstance(data, dict):
        raise DamagedFileError(path, "is not a TinyDB database (expected an object of tables)")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFileError(path, f"table {str(name)[:40]!r} is not an object of entries")
        for key, doc in table.items():
            if not isinstance(doc, dict):
                raise DamagedFileError(
                    path, f"entry {str(key)[:20]!r} of table {str(name)[:40]!r} is not an object"
                )
            if not key.isdigit():
                raise DamagedFileError(
                    path, f"entry {str(key)[:20]!r} of table {str(name)[:40]!r} has no number"
                )
    return data


def read_tables(path: Path) -> Tables | None:
    """Read a TinyDB JSON file; None if it does not exist.

    Raises :class:`DamagedFileError` if it is not a JSON object of tables of
    objects, or (with ``unreadable`` set) if it cannot be read at all.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DamagedFileError(path, unreadable_reason(path, error), unreadable=True) from None
    if not raw.strip():
        raise DamagedFileError(path, "is empty (not valid JSON)")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise DamagedFileError(path, f"is not valid JSON ({str(error)[:80]})") from None
    return check_tables(path, data)


def keep_previous(path: Path) -> None:
    """Keep the current version of ``path`` as ``<name>.bak`` before it is replaced."""
    if not path.exists():
        return
    backup = backup_path(path)
    with contextlib.suppress(OSError):
        if os.path.samefile(path, backup):  # Kept already (an earlier write failed).
            return
    temporary = backup.with_name(backup.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    try:
        os.link(path, temporary)
    except OSError:  # No hard links on this file system: copy instead.
        shutil.copy2(path, temporary)
    os.replace(temporary, backup)


def write_tables(path: Path, tables: Tables, *, keep_backup: bool = True) -> None:
    """Write tables atomically and durably, keeping the previous version.

    Any failure (a full disk, a read-only or unwritable folder, an I/O error)
    is a :class:`StoreWriteError` with the reason; the file is then as it was.
    """
    data = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if keep_backup:
            keep_previous(path)
        write_atomic(path, data, durable=True)
    except OSError as error:
        raise StoreWriteError(
            f"cannot save the annotations: {os_reason(error)} ({path}); nothing was changed"
        ) from None


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
