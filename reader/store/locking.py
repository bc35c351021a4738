"""The store's lock: one read-modify-write at a time, across threads and processes.

The lock file is ``HOME/annotations/.~lock.annotations#``. Its name has the
shape sync tools leave alone (Nextcloud skips ``.~lock.*``, Dropbox ``.~*``;
see the README for Syncthing), and it is never written to, so it cannot turn
into a sync conflict. A lock that cannot be taken or created is a
:class:`StoreError` with the reason, never a bare ``OSError``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reader.store.errors import StoreError
from reader.util.files import os_reason

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_NAME = ".~lock.annotations#"


class StoreLock:
    """A re-entrant thread lock plus the cross-process file lock of one folder."""

    def __init__(self, folder: Path, timeout: float = 15.0) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.timeout = timeout
        self.thread_lock = threading.RLock()
        self._file_lock: FileLock | None = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold both locks; :class:`StoreError` when the lock cannot be had."""
        from filelock import FileLock, Timeout  # Only writers need it; it costs start-up time.

        with self.thread_lock:
            if self._file_lock is None:
                try:
                    self.folder.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise StoreError(
                        f"cannot create the annotations folder {self.folder}: {os_reason(error)}"
                    ) from None
                self._file_lock = FileLock(self.path, timeout=self.timeout)
            try:
                self._file_lock.acquire()
            except Timeout:
                raise StoreError(
                    f"the annotation store is locked by another program for over "
                    f"{self.timeout:.0f} s ({self.path})"
                ) from None
            except OSError as error:
                raise StoreError(
                    f"cannot create the lock file {self.path}: {os_reason(error)}; "
                    "nothing was changed"
                ) from None
            try:
                yield
            finally:
                self._file_lock.release()
