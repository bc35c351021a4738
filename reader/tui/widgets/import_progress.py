"""ImportProgress: runs one import in a thread and shows how far it has got.

Mounted on the list screen when an import starts, removed when it ends. The
import (``reader.importing``) runs in a thread worker; new articles are
posted to the screen in batches (:class:`ImportProgress.ArticlesAdded`) so
the list grows while the import goes on, and the report comes last
(:class:`ImportProgress.Finished`).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.library import ArticleMeta
from reader.util.paths import Paths

if TYPE_CHECKING:  # The importing code (YAML and all) is loaded when an import starts.
    from reader.importing.options import ImportOptions
    from reader.importing.report import ImportReport, Outcome

BATCH_SECONDS = 0.25
"""How often new articles are handed to the list while an import runs."""
PROGRESS_SECONDS = 0.1
"""How often the progress bar is redrawn."""


class ImportProgress(Horizontal):
    """A one-line progress bar for an import running in the background."""

    class ArticlesAdded(Message):
        """Articles were written into the library (a batch of them)."""

        def __init__(self, metas: list[ArticleMeta]) -> None:
            super().__init__()
            self.metas = metas

    class Finished(Message):
        """The import ended; ``report`` says what happened to every item."""

        def __init__(self, report: ImportReport) -> None:
            super().__init__()
            self.report = report

    def __init__(
        self,
        targets: tuple[str, ...],
        paths: Paths,
        existing: list[ArticleMeta],
        options: ImportOptions | None = None,
    ) -> None:
        super().__init__(id="import-progress")
        self.targets = targets
        self.paths = paths
        self.existing = existing
        if options is None:
            from reader.importing.options import ImportOptions

            options = ImportOptions()
        self.options = options
        self._pending: list[ArticleMeta] = []
        self._lock = threading.Lock()

    def compose(self) -> ComposeResult:
        """A label and the bar."""
        yield Static(Text("Importing…"), id="import-label")
        from textual.widgets import ProgressBar  # (not loaded while the app starts)

        yield ProgressBar(id="import-bar", show_eta=False)

    def on_mount(self) -> None:
        """Start the import as soon as the bar is on screen."""
        self.run_import()

    @work(thread=True, exclusive=True, group="import")
    def run_import(self) -> None:
        """Import every target (a thread: the screen stays responsive)."""
        from reader.importing.runner import import_targets  # loads the extraction libraries
        from reader.importing.store import LibraryWriter

        worker = get_current_worker()
        app = self.app
        writer = LibraryWriter(self.paths.library, self.existing)
        last_batch = [time.monotonic()]
        last_progress = [0.0]

        def flush() -> None:
            with self._lock:
                batch, self._pending = self._pending, []
            if batch:
                self.post_message(self.ArticlesAdded(batch))

        def on_outcome(outcome: Outcome) -> None:
            if outcome.meta is not None:
                with self._lock:
                    self._pending.append(outcome.meta)
            now = time.monotonic()
            if now - last_batch[0] >= BATCH_SECONDS:
                last_batch[0] = now
                flush()

        def progress(done: int, total: int, what: str) -> None:
            now = time.monotonic()
            if now - last_progress[0] >= PROGRESS_SECONDS or done == total:
                last_progress[0] = now
                app.call_from_thread(self._show_progress, done, total, what)

        report = import_targets(
            self.targets,
            writer,
            self.options,
            progress=progress,
            on_outcome=on_outcome,
            cancelled=lambda: worker.is_cancelled,
        )
        flush()
        self.post_message(self.Finished(report))

    def _show_progress(self, done: int, total: int, what: str) -> None:
        from textual.widgets import ProgressBar

        self.query_one("#import-bar", ProgressBar).update(total=max(total, 1), progress=done)
        label = Text(f"Importing {done:,} of {total:,}: ")
        label.append(what)
        self.query_one("#import-label", Static).update(label)
