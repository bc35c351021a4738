"""Helpers for Pilot tests: start the app on a HOME, read what a widget shows."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget

from reader.session.indexing import InProcessIndexer
from reader.session.session import Session
from reader.tui.app import BroadsheetApp


async def settle(pilot: Pilot[object]) -> None:
    """Wait until no worker is left and the screen has caught up.

    A worker's last message can start another (the library scan asks for the
    indexes, the indexes finished reload the list), so this waits again until a
    pause starts no new worker, rather than trusting one pause to be long enough.
    """
    await pilot.pause()
    while any(not worker.is_finished for worker in pilot.app.workers):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shown_lines(widget: Widget) -> list[str]:
    """The text of each line a line-API widget currently draws."""
    return [
        widget.render_line(y).text.rstrip() for y in range(widget.scrollable_content_region.height)
    ]


def article_lines(view: Widget) -> list[str]:
    """The lines of the reading view without the gutter marks (passage bar, note marker)."""
    return [line.replace("▎", " ").replace("✎", " ") for line in shown_lines(view)]


def in_process(session: Session) -> InProcessIndexer:
    """The indexer run inside the test's process (no child process to start)."""
    return InProcessIndexer(session.paths, session.library, session.store, "builtin")


def make_app(
    home: Path, library: Path | None = None, *, real_indexer: bool = False
) -> BroadsheetApp:
    """The app on a temporary HOME (indexing in-process unless ``real_indexer``)."""
    return BroadsheetApp(home=home, library=library, indexer=None if real_indexer else in_process)
