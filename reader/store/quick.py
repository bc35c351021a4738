"""Believing the summary cache without opening the annotation files.

A command that only lists (``broadsheet list``, ``search``) needs each
article's tags, state and counts, which the summary cache holds. It is
believed as it is only when nothing says the files moved on since it was
checked: the articles folder and each shard folder have the times it
recorded (every write renames a file into its folder, so any write, by
Broadsheet or a sync tool, changes one), no old single-file store waits to be
migrated, and the shards hold exactly the files it has rows for (a damaged
file has no row and a sync-conflict copy is a file of its own, so either
sends the load the whole way, where they are reported and merged).

Light on purpose (no TinyDB): the quick ``list --json`` imports only this.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from reader.store.summary import LIBRARY_KEY, Summary
from reader.store.summary_cache import SummaryCache


def folder_stamps(articles_dir: Path) -> dict[str, int]:
    """Modification times of the store's folders (``""``: the articles folder)."""
    stamps: dict[str, int] = {}
    try:
        stamps[""] = articles_dir.stat().st_mtime_ns
        for shard in os.scandir(articles_dir):
            if shard.is_dir():
                stamps[shard.name] = shard.stat().st_mtime_ns
    except OSError:
        pass
    return stamps


def is_annotation_file(name: str) -> bool:
    """True for the name of an article's annotation file (or a sync-conflict copy of one):
    ``.json``, not hidden, not a temporary file of a write in progress."""
    return name.endswith(".json") and not name.startswith((".", "~"))


def same_files(articles_dir: Path, summaries: Mapping[str, Summary]) -> bool:
    """True when the shards hold a file for each summary and no other ``.json`` file."""
    expected = len(summaries) - (LIBRARY_KEY in summaries)
    found = 0
    try:
        shards = list(os.scandir(articles_dir))
    except FileNotFoundError:
        return expected == 0  # (No annotation written yet.)
    except OSError:
        return False
    try:
        for shard in shards:
            if not shard.is_dir():
                continue
            for entry in os.scandir(shard.path):
                name = entry.name
                if not is_annotation_file(name):
                    continue
                if name[:-5] not in summaries:
                    return False
                found += 1
    except OSError:
        return False
    return found == expected


def trusted_summaries(folder: Path, cache: SummaryCache) -> dict[str, Summary] | None:
    """The cached summaries (``LIBRARY_KEY`` left out), if they can be believed as they are."""
    if (folder.parent / "annotations.json").exists():
        return None  # An old single-file store: the whole load migrates it first.
    cached, cached_folders = cache.read()
    articles_dir = folder / "articles"
    if cached_folders is None or cached_folders != folder_stamps(articles_dir):
        return None
    if not same_files(articles_dir, cached):
        return None
    return {key: value for key, value in cached.items() if key != LIBRARY_KEY}
