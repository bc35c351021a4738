"""Reading a file whole, within a size limit, with one-line reasons for failure."""

from __future__ import annotations

from pathlib import Path


class FileReadError(Exception):
    """A file that could not be read; the message says why in a few words."""


def megabytes(size: int) -> str:
    """A byte count as megabytes for messages (``10 MB``, ``0.5 MB``)."""
    value = size / 1_048_576
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; :class:`FileReadError` if over ``limit`` bytes or unreadable."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise FileReadError(f"too large ({megabytes(size)}; the limit is {megabytes(limit)})")
        return path.read_bytes()
    except FileReadError:
        raise
    except FileNotFoundError:
        raise FileReadError("file not found") from None
    except PermissionError:
        raise FileReadError("permission denied") from None
    except IsADirectoryError:
        raise FileReadError("is a folder, not a file") from None
    except OSError as error:
        raise FileReadError(f"cannot be read ({error.strerror or error})") from None
