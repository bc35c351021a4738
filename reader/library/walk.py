"""Walking the library folder: every article file with its stat, and each folder's time."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from reader.library.parsing import ARTICLE_SUFFIXES


def walk(
    root: Path, unreadable: list[tuple[str, str]], folders: dict[str, int] | None = None
) -> Iterable[tuple[str, os.stat_result, str]]:
    """Yield (relative posix path, stat, full path) for each article file under root.

    Paths are plain strings: building a ``Path`` per file costs a third of a scan.
    Hidden names (``.*``) and temporary files of writes in progress are skipped.

    Entries that cannot even be examined are added to ``unreadable`` with the reason;
    ``folders`` receives each folder's modification time (relative path -> ns).
    """
    stack = [str(root)]
    cut = len(str(root)) + 1
    while stack:
        folder = stack.pop()
        try:
            if folders is not None:
                folders[folder[cut:].replace(os.sep, "/")] = os.stat(folder).st_mtime_ns
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.lower().endswith(ARTICLE_SUFFIXES):
                    relative = entry.path[cut:].replace(os.sep, "/")
                    yield relative, entry.stat(), entry.path
            except OSError as error:
                unreadable.append(
                    (entry.path[cut:].replace(os.sep, "/"), error.strerror or str(error))
                )
