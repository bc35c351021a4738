"""Atomic file writes: a reader never sees a half-written file.

The temporary file of a write sits beside its target and is named
``~<name>.<random>.tmp``. Sync tools ignore that shape (Dropbox and Nextcloud
skip files that start with ``~`` and end with ``.tmp``), so a write never
shows up on another machine half-done, and :func:`remove_stale_temporaries`
can recognise the leftovers of a write that was killed.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

TEMP_PREFIX = "~"
TEMP_SUFFIX = ".tmp"
STALE_AFTER = 15 * 60.0
"""Seconds after which a temporary file can only be the leftover of a killed write."""

_TEMPORARY = re.compile(
    r"""\A(?:
        ~.+\.[a-z0-9_]{8}\.tmp        # this writer: ~NAME.XXXXXXXX.tmp
      | \..+\.[a-z0-9_]{8}\.tmp       # earlier versions: .NAME.XXXXXXXX.tmp
      | .+\.bak\.tmp                  # the backup link made before a write
    )\Z""",
    re.VERBOSE,
)


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def umask_mode() -> int:
    """The mode a new file gets from the user's umask (``0o666 & ~umask``), like any tool's."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes, *, durable: bool = True, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed (and fsynced when ``durable``), then renamed
    over ``path``; on any failure (a full disk, say) it is removed, ``path``
    is untouched and the ``OSError`` is raised. The file is private to its
    owner (``mkstemp``'s 0600) unless ``mode`` is given (see :func:`umask_mode`
    for files meant for the person, such as exports).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # (not needed by a command that only reads)

    fd, temp_name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    if durable:
        fsync_folder(path.parent)


def is_temporary_name(name: str) -> bool:
    """True for the name of a temporary file this module (or an earlier version) makes."""
    return bool(_TEMPORARY.match(name))


def remove_stale_temporaries(folder: Path, older_than: float = STALE_AFTER) -> int:
    """Remove leftovers of killed writes in ``folder``; return how many were removed.

    Only regular files named as :func:`write_atomic` names its temporary files
    and untouched for ``older_than`` seconds are removed: no write in progress
    takes that long, and nothing else is ever touched.
    """
    removed = 0
    limit = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not is_temporary_name(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
