"""Watching the library folder, so the open app sees files added, changed or removed.

``watchfiles`` (inotify on Linux, FSEvents on macOS, polling where neither
works) reports changes in a background thread; a burst of changes (a copy of
many files, an editor's save-as-rename) is gathered for ``debounce_ms`` and
reported once. The caller then rescans the library, which re-reads only the
files whose size or time changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from reader.library.parsing import ARTICLE_SUFFIXES


def _relevant(path: str) -> bool:
    name = Path(path).name
    return not name.startswith((".", "~")) and name.lower().endswith(ARTICLE_SUFFIXES)


class LibraryWatcher:
    """Calls ``on_change()`` from a thread after article files under ``root`` change."""

    def __init__(self, root: Path, on_change: Callable[[], object], debounce_ms: int = 300) -> None:
        self.root = root
        self.on_change = on_change
        self.debounce_ms = debounce_ms
        self.failure = ""
        """Why watching stopped, if it did (the app then offers a manual rescan)."""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start watching (a daemon thread)."""
        if self._thread is not None or not self.root.is_dir():
            return
        self._thread = threading.Thread(target=self._run, name="library-watcher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            from watchfiles import watch

            for changes in watch(
                self.root,
                stop_event=self._stop,
                debounce=self.debounce_ms,
                step=50,
                yield_on_timeout=False,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                if any(_relevant(path) for _, path in changes) or any(
                    Path(path).is_dir() for _, path in changes
                ):
                    self.on_change()
        except Exception as error:  # ImportError, inotify limits, a folder that vanished
            self.failure = str(error) or type(error).__name__

    def stop(self) -> None:
        """Stop watching (returns at once; the thread ends within ~50 ms)."""
        self._stop.set()
