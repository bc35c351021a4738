"""What can go wrong in the store, as exceptions with one-line messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class StoreError(Exception):
    """A store operation that cannot be done; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class DamagedFile:
    """An annotation file that cannot be read safely.

    ``kept`` is the copy made of it before anything else happens, so that
    whatever the person chooses, the damaged bytes survive. ``unreadable``
    marks a file that could not be read at all (permissions, an I/O error):
    it may well be intact, so it is never replaced; the reason says how to fix it.
    """

    path: Path
    reason: str
    kept: Path | None
    unreadable: bool = False

    def describe(self) -> str:
        """One line for the person."""
        kept = f"; a copy is kept at {self.kept}" if self.kept else ""
        return f"{self.path.name}: {self.reason}{kept}"


class DamagedFileError(StoreError):
    """Raised when a file cannot be used: damaged, or (``unreadable``) not readable at all."""

    def __init__(self, path: Path, reason: str, *, unreadable: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.unreadable = unreadable


class StoreWriteError(StoreError):
    """A write that failed (disk full, read-only, permissions, I/O); nothing was changed."""
