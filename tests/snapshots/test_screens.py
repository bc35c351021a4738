"""Snapshots of the main screens at a fixed size.

Each test's docstring says what a reviewer should see in the picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.functional.helpers import make_app, settle

SIZE = (110, 32)


async def _loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


def test_library_list(snap_compare: Any, sample_home: Path) -> None:
    """The list of the 24 samples, newest first: title, source, date and word count
    columns, the cursor on "Joe Biden projected US president-elect", a footer of keys."""
    assert snap_compare(make_app(sample_home), terminal_size=SIZE, run_before=_loaded)


def test_library_filtered(snap_compare: Any, sample_home: Path) -> None:
    """The list filtered by "korea": one row (the seed article), the filter line at the
    bottom, and "1 of 24 articles · filter: korea" in the title bar."""

    async def filtered(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"korea")
        await pilot.pause()

    assert snap_compare(make_app(sample_home), terminal_size=SIZE, run_before=filtered)


def test_reading_seed_article(snap_compare: Any, sample_home: Path) -> None:
    """The seed article: bold title, a rule, then its paragraphs wrapped at the width;
    the status line says "1/1" and the article's title."""

    async def opened(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await _loaded(pilot)

    assert snap_compare(make_app(sample_home), terminal_size=SIZE, run_before=opened)


def test_reading_wikinews_article_header(snap_compare: Any, sample_home: Path) -> None:
    """A Wikinews article's header: title, date · author · site, and the CC BY 2.5
    attribution line with the source and licence links, above the text."""

    async def opened(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("enter")
        await _loaded(pilot)

    assert snap_compare(make_app(sample_home), terminal_size=SIZE, run_before=opened)


def test_help_screen(snap_compare: Any, sample_home: Path) -> None:
    """The help over the list: every key of the list screen with what it does."""

    async def helped(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(sample_home), terminal_size=SIZE, run_before=helped)


def test_tag_prompt(snap_compare: Any, sample_home: Path) -> None:
    """The tag prompt over the list after tagging two articles: the title "Tag: …", "Now:
    no tags yet", "ec" typed with "#economy (2)" suggested, and the key hints."""

    async def prompted(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("space", "space", "t", *"economy, world", "enter")
        await pilot.press("escape", "G", "t", *"ec")
        await pilot.pause()

    assert snap_compare(make_app(sample_home), terminal_size=SIZE, run_before=prompted)


def test_note_editor_on_passage(snap_compare: Any, sample_home: Path) -> None:
    """The note editor on the seed article's second paragraph: the quoted passage (12,000
    North Korean troops…) above the text area holding "Verify the figure"."""

    async def editing(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await _loaded(pilot)
        await pilot.press("right_curly_bracket", "n", *"Verify the figure")
        await pilot.pause()

    assert snap_compare(make_app(sample_home), terminal_size=SIZE, run_before=editing)


async def _seed_with_panel(pilot: Pilot[Any]) -> None:
    await _loaded(pilot)
    await pilot.press("slash", *"n.korea", "enter", "enter")
    await _loaded(pilot)
    await pilot.press("e")
    await pilot.pause()


def test_entities_dark(snap_compare: Any, sample_home: Path) -> None:
    """Dark theme: the seed article with people (orange), organisations (sky blue), places
    (green), other names (purple), dates (yellow) and figures (vermillion) coloured; the
    entity panel on the right with the legend, "People (2)" first with Kim Jong Un 4
    selected, and Kim Jong Un's mentions underlined in the text."""
    assert snap_compare(make_app(sample_home), terminal_size=(130, 40), run_before=_seed_with_panel)


def test_entities_light(snap_compare: Any, sample_home: Path) -> None:
    """Light theme: the same view, the entity colours as highlighter backgrounds under
    dark text; after one ] the first mention of Kim Jong Un is shown in reverse."""

    async def light(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-light"
        await _seed_with_panel(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()

    assert snap_compare(make_app(sample_home), terminal_size=(130, 40), run_before=light)


def test_every_stored_snapshot_belongs_to_a_test() -> None:
    """A picture no test takes any more fails the run.

    syrupy checks this itself only when it sees the whole run in one process; the
    suite runs under pytest-xdist, where each worker sees only part of it.
    """
    stored = {path.stem for path in (Path(__file__).parent / "__snapshots__").rglob("*.svg")}
    tests = {name for name in globals() if name.startswith("test_")}
    assert stored, "no snapshots found"
    assert stored <= tests, f"snapshots without a test: {sorted(stored - tests)}"
