"""Reading a file whole, within a size limit, with one-line reasons for failure.

Every file Broadsheet reads on the person's behalf goes through
:func:`read_limited`: it opens without blocking (a FIFO would otherwise wait
forever for a writer), accepts only regular files (a symlink to
``/dev/zero`` is a device, refused with that reason) and never reads more
than the limit, whatever the file claims its size is.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
    from typing import Any


class FileReadError(Exception):
    """A file that could not be read; the message says why in a few words."""


def read_json(path: Path) -> Any:
    """The JSON of a file Broadsheet wrote for itself (a cache or an index), or None when
    the file is missing, unreadable, not JSON, or nested deeper than the parser goes:
    such a file is derived data, made again rather than trusted."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None


def file_identity(path: Path) -> str | None:
    """A string that changes whenever the file at ``path`` is replaced or rewritten (its
    inode, size and modification time), or None when it cannot be looked at: for
    caches that are good only for one version of a file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return f"{path}:{found.st_ino}:{found.st_size}:{found.st_mtime_ns}"


def megabytes(size: int) -> str:
    """A byte count as megabytes for messages (``10 MB``, ``0.5 MB``)."""
    value = size / 1_048_576
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EIO: "input/output error (the disk may be failing)",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EMFILE: "too many open files",
}


def os_reason(error: OSError) -> str:
    """A short, plain reason for an ``OSError`` (``the disk is full``)."""
    reason = _REASONS.get(error.errno or 0)
    if reason is not None:
        return reason
    return (error.strerror or str(error) or type(error).__name__).lower()


def kind_of_file(mode: int) -> str:
    """What a non-regular file is, in words (``a named pipe (FIFO)``)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _open_flags() -> int:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    return flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``.

    :class:`FileReadError` if it is over ``limit`` bytes, not a regular file
    (a FIFO, a device, a folder) or cannot be read.
    """
    try:
        fd = os.open(path, _open_flags())
    except FileNotFoundError:
        raise FileReadError("file not found") from None
    except PermissionError:
        raise FileReadError("permission denied") from None
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise FileReadError("is a socket or device, not a regular file") from None
        raise FileReadError(f"cannot be read ({os_reason(error)})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = kind_of_file(info.st_mode)
            if kind == "a folder":
                raise FileReadError("is a folder, not a file")
            raise FileReadError(f"is {kind}, not a regular file; not read")
        if info.st_size > limit:
            shown = megabytes(info.st_size)
            raise FileReadError(f"too large ({shown}; the limit is {megabytes(limit)})")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FileReadError(f"too large (over {megabytes(limit)}, the limit)")
        return b"".join(chunks)
    except FileReadError:
        raise
    except IsADirectoryError:
        raise FileReadError("is a folder, not a file") from None
    except PermissionError:
        raise FileReadError("permission denied") from None
    except OSError as error:
        raise FileReadError(f"cannot be read ({os_reason(error)})") from None
    finally:
        os.close(fd)
