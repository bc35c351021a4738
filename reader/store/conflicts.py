"""Sync conflicts: copies of an annotation file left beside it by a sync tool.

When two machines change the same file before they sync, the tool keeps
both: Syncthing as ``NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.json``,
Dropbox as ``NAME (Someone's conflicted copy YYYY-MM-DD).json``, Nextcloud as
``NAME (conflicted copy YYYY-MM-DD HHMMSS).json``, ownCloud as
``NAME_conflict-YYYYMMDD-HHMMSS.json``. At the next load each copy is merged
into its file with nothing lost:

- tags: the union (the earliest ``added`` time);
- notes: by id; when both versions of a note differ, the newer (by
  ``updated``) keeps the id and the other is kept as a note of its own;
- state and corrections: per field, the value of the newer file;
- anything else: every document of either version, once.

The merged copy is then moved to ``HOME/backups/merged-conflicts/`` and the
load report says so once.
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import Any

from reader.store.core import StoreCore
from reader.store.errors import DamagedFileError, StoreError
from reader.store.schema import check_and_upgrade
from reader.store.storage import Tables, read_tables, write_tables
from reader.store.summary import LoadReport
from reader.util.files import os_reason

_PATTERNS = (
    re.compile(r"\A(?P<base>.+?)\.sync-conflict-\d{8}-\d{6}(?:-[A-Za-z0-9]+)?(?P<ext>\.json)\Z"),
    re.compile(r"\A(?P<base>.+?) \([^()]*conflicted copy[^()]*\)(?P<ext>\.json)\Z", re.IGNORECASE),
    re.compile(r"\A(?P<base>.+?)_conflict-\d{8}-\d{6}(?P<ext>\.json)\Z"),
)


def conflict_target(name: str) -> str | None:
    """The name of the file a sync-conflict copy belongs to, or None if it is not one."""
    for pattern in _PATTERNS:
        match = pattern.match(name)
        if match:
            return match.group("base") + match.group("ext")
    return None


def _ordered(table: dict[str, Any]) -> list[dict[str, Any]]:
    return [doc for _, doc in sorted(table.items(), key=lambda item: int(item[0]))]


def _renumber(docs: list[dict[str, Any]]) -> dict[str, Any]:
    return {str(number): doc for number, doc in enumerate(docs, start=1)}


def _merge_tags(older: list[dict[str, Any]], newer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_tag: dict[str, dict[str, Any]] = {}
    others: list[dict[str, Any]] = []
    for doc in older + newer:
        tag = doc.get("tag")
        if not isinstance(tag, str):
            if doc not in others:
                others.append(doc)
            continue
        kept = by_tag.get(tag)
        if kept is None:
            by_tag[tag] = dict(doc)
        elif str(doc.get("added", "")) < str(kept.get("added", "")):
            kept["added"] = doc.get("added")
    return list(by_tag.values()) + others


def _merge_notes(older: list[dict[str, Any]], newer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = [dict(doc) for doc in older]
    index = {doc.get("id"): position for position, doc in enumerate(merged) if doc.get("id")}
    for doc in newer:
        position = index.get(doc.get("id")) if doc.get("id") else None
        if position is None:
            if doc not in merged:
                merged.append(dict(doc))
            continue
        mine = merged[position]
        if mine == doc:
            continue
        first, second = sorted((mine, doc), key=lambda note: str(note.get("updated", "")))
        merged[position] = dict(second)
        other = dict(first)
        other["id"] = f"{first.get('id')}-conflict"
        suffix = 2
        while any(note.get("id") == other["id"] for note in merged):
            other["id"] = f"{first.get('id')}-conflict-{suffix}"
            suffix += 1
        merged.append(other)
    return merged


def _merge_by_field(
    older: list[dict[str, Any]], newer: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    if not older or not newer:
        return [dict(doc) for doc in (newer or older)[:1]]
    merged = dict(older[0])
    merged.update(newer[0])
    return [merged]


def _merge_keyed(
    older: list[dict[str, Any]], newer: list[dict[str, Any]], key: str
) -> list[dict[str, Any]]:
    merged: dict[Any, dict[str, Any]] = {}
    loose: list[dict[str, Any]] = []
    for doc in older + newer:
        value = doc.get(key)
        if isinstance(value, str):
            merged[value] = dict(doc)
        elif doc not in loose:
            loose.append(dict(doc))
    return list(merged.values()) + loose


def merge_tables(older: Tables, newer: Tables) -> Tables:
    """Two versions of one annotation file as one, nothing lost (see the module docstring)."""
    result: Tables = {"meta": copy.deepcopy(newer.get("meta") or older.get("meta") or {})}
    for name in dict.fromkeys([*older, *newer]):
        if name == "meta":
            continue
        old_docs = _ordered(older.get(name) or {})
        new_docs = _ordered(newer.get(name) or {})
        if name == "tags":
            docs = _merge_tags(old_docs, new_docs)
        elif name == "notes":
            docs = _merge_notes(old_docs, new_docs)
        elif name == "state":
            docs = _merge_by_field(old_docs, new_docs)
        elif name == "corrections":
            docs = _merge_keyed(old_docs, new_docs, "key")
        else:
            docs = [dict(doc) for doc in old_docs]
            docs += [dict(doc) for doc in new_docs if doc not in old_docs]
        result[name] = _renumber(docs)
    return result


def _aside(target_dir: Path, name: str) -> Path:
    place = target_dir / name
    number = 1
    while place.exists():
        number += 1
        place = target_dir / f"{number}-{name}"
    return place


class ConflictMerging(StoreCore):
    """Merges the sync-conflict copies found by a load."""

    @property
    def conflicts_dir(self) -> Path:
        """Where merged conflict copies are moved."""
        return self.backups_dir / "merged-conflicts"

    def _merge_conflicts(self, copies: list[Path], report: LoadReport) -> None:
        """Merge each copy into its file (under the lock) and move it aside."""
        if not copies:
            return
        with self._locked():
            for copy_path in copies:
                line = self._merge_one(copy_path)
                if line:
                    report.conflicts.append(line)

    def _merge_one(self, copy_path: Path) -> str | None:
        target_name = conflict_target(copy_path.name)
        if target_name is None or not copy_path.exists():
            return None
        target = copy_path.with_name(target_name)
        shown = f"{copy_path.name} (a sync-conflict copy of {target_name})"
        try:
            theirs = read_tables(copy_path)
            if theirs is None:
                return None
            theirs, _ = check_and_upgrade(copy_path, theirs)
        except DamagedFileError as error:
            return f"{shown} was not merged: it {error.reason}"
        try:
            ours = read_tables(target)
            if ours is not None:
                ours, _ = check_and_upgrade(target, ours)
        except DamagedFileError as error:
            return f"{shown} was not merged: {target_name} {error.reason}"
        try:
            copy_newer = ours is None or copy_path.stat().st_mtime_ns > target.stat().st_mtime_ns
        except OSError:
            copy_newer = False
        if ours is None:
            merged = theirs
        elif copy_newer:
            merged = merge_tables(ours, theirs)
        else:
            merged = merge_tables(theirs, ours)
        try:
            if merged != ours:
                write_tables(target, merged)
            self.conflicts_dir.mkdir(parents=True, exist_ok=True)
            os.replace(copy_path, _aside(self.conflicts_dir, copy_path.name))
        except StoreError as error:
            return f"{shown} was not merged: {error}"
        except OSError as error:
            return f"{shown} was merged but could not be moved aside: {os_reason(error)}"
        self.damaged.pop(target, None)
        return (
            f"merged {shown} into {target_name}; nothing was lost, and the copy is kept in "
            f"{self.conflicts_dir}"
        )
