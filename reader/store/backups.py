"""Backups of the annotation store.

Two kinds, both under HOME:

- every write keeps the file's previous version as ``<name>.bak`` beside it
  (see ``storage``);
- once a day, when the app starts, a snapshot of every annotation file goes
  into ``HOME/backups/annotations-YYYY-MM-DD.zip``; the newest
  :data:`KEEP_DAYS` are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import zipfile
from pathlib import Path

from reader.store.errors import DamagedFileError
from reader.store.schema import check_and_upgrade
from reader.store.storage import Tables, backup_path, read_tables

KEEP_DAYS = 7
PREFIX = "annotations-"


def _annotation_files(folder: Path) -> list[Path]:
    files = [folder / "library.json"] if (folder / "library.json").exists() else []
    articles = folder / "articles"
    if articles.is_dir():
        files += sorted(articles.glob("*/*.json"))
    return files


def snapshot(
    folder: Path, backups_dir: Path, today: dt.date | None = None, keep: int = KEEP_DAYS
) -> Path | None:
    """Write today's snapshot if there is none yet; drop the oldest beyond ``keep``.

    Returns the snapshot written, or None if today's already existed or
    there was nothing to back up.
    """
    day = (today or dt.date.today()).isoformat()
    target = backups_dir / f"{PREFIX}{day}.zip"
    files = _annotation_files(folder)
    if target.exists() or not files:
        return None
    backups_dir.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            with contextlib.suppress(OSError):
                archive.write(path, path.relative_to(folder).as_posix())
    os.replace(temporary, target)
    for old in snapshots(backups_dir)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def snapshots(backups_dir: Path) -> list[Path]:
    """The daily snapshots, newest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(backups_dir.glob(f"{PREFIX}*.zip"), reverse=True)


def _usable(path: Path, tables: Tables | None) -> Tables | None:
    if tables is None:
        return None
    try:
        upgraded, _ = check_and_upgrade(path, tables)
    except DamagedFileError:
        return None
    return upgraded


def latest_good_copy(path: Path, folder: Path, backups_dir: Path) -> tuple[Tables, str] | None:
    """The newest readable earlier version of ``path`` and where it came from."""
    try:
        found = _usable(path, read_tables(backup_path(path)))
    except DamagedFileError:
        found = None
    if found is not None:
        return found, "the previous version (.bak)"
    relative = path.relative_to(folder).as_posix()
    for archive_path in snapshots(backups_dir):
        try:
            with zipfile.ZipFile(archive_path) as archive:
                data = json.loads(archive.read(relative))
        except (KeyError, OSError, ValueError, zipfile.BadZipFile):
            continue
        if isinstance(data, dict):
            good = _usable(path, data)
            if good is not None:
                return good, f"the daily backup {archive_path.name}"
    return None
