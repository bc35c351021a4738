"""The copies kept of damaged annotation files: ``<name>.damaged-<time>``, one per content.

A damaged file is copied aside before anything else happens to it, so its
bytes survive whatever the person chooses. Every program that meets the same
damaged bytes reuses the copy already made, so there is one copy per
distinct damaged content, not one per command.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

from reader.util.atomic import write_atomic

MAX_COMPARED = 64 * 1024 * 1024


def _digest(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_COMPARED:
            return None
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def damaged_copies(path: Path) -> list[Path]:
    """The copies kept of ``path``, oldest first."""
    prefix = f"{path.name}.damaged-"
    try:
        names = sorted(entry.name for entry in os.scandir(path.parent))
    except OSError:
        return []
    return [path.with_name(name) for name in names if name.startswith(prefix)]


def keep_damaged_copy(path: Path) -> Path | None:
    """A copy of ``path``'s current bytes beside it (an existing one if it has them).

    None when no copy could be made (the file could not be read, or the
    folder is not writable): callers must then not replace the file.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    for copy in damaged_copies(path):
        if _digest(copy) == digest:
            return copy
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while kept.exists():
        number += 1
        kept = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    try:
        write_atomic(kept, data, durable=True)
    except OSError:
        return None
    return kept
