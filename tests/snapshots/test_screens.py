"""Snapshots of the main screens at a fixed size.

Each test's docstring says what a reviewer should see in the picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.app import BroadsheetApp

SIZE = (110, 32)


async def _loaded(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_library_list(snap_compare: Any, sample_home: Path) -> None:
    """The list of the 24 samples, newest first: title, source, date and word count
    columns, the cursor on "Joe Biden projected US president-elect", a footer of keys."""
    assert snap_compare(BroadsheetApp(home=sample_home), terminal_size=SIZE, run_before=_loaded)


def test_library_filtered(snap_compare: Any, sample_home: Path) -> None:
    """The list filtered by "korea": one row (the seed article), the filter line at the
    bottom, and "1 of 24 articles · filter: korea" in the title bar."""

    async def filtered(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"korea")
        await pilot.pause()

    assert snap_compare(BroadsheetApp(home=sample_home), terminal_size=SIZE, run_before=filtered)


def test_reading_seed_article(snap_compare: Any, sample_home: Path) -> None:
    """The seed article: bold title, a rule, then its paragraphs wrapped at the width;
    the status line says "1/1" and the article's title."""

    async def opened(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await _loaded(pilot)

    assert snap_compare(BroadsheetApp(home=sample_home), terminal_size=SIZE, run_before=opened)


def test_reading_wikinews_article_header(snap_compare: Any, sample_home: Path) -> None:
    """A Wikinews article's header: title, date · author · site, and the CC BY 2.5
    attribution line with the source and licence links, above the text."""

    async def opened(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("enter")
        await _loaded(pilot)

    assert snap_compare(BroadsheetApp(home=sample_home), terminal_size=SIZE, run_before=opened)


def test_help_screen(snap_compare: Any, sample_home: Path) -> None:
    """The help over the list: every key of the list screen with what it does."""

    async def helped(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(BroadsheetApp(home=sample_home), terminal_size=SIZE, run_before=helped)
