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
    whatever the person chooses, the damaged bytes survive.
    """

    path: Path
    reason: str
    kept: Path | None

    def describe(self) -> str:
        """One line for the person."""
        kept = f"; a copy is kept at {self.kept}" if self.kept else ""
        return f"{self.path.name}: {self.reason}{kept}"


class DamagedFileError(StoreError):
    """Raised when reading (or writing to) a file listed as damaged."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
