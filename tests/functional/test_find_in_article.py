"""Find in the article: ``/`` opens the find bar, matches are marked and counted, keys step."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.find_bar import FindBar
from tests.functional.helpers import make_app, settle


def status(screen: ReadingScreen) -> str:
    return str(screen.query_one("#status-bar", Static).render())


async def test_find_kursk_counts_steps_and_closes(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        view = screen.query_one(ArticleView)
        await pilot.press("slash", *"kursk")
        await pilot.pause()
        assert screen.query_one(FindBar).has_focus
        assert screen.find_position == (1, 2)
        assert "kursk · 1/2" in status(screen)
        first_line = view.scroll_y
        assert view.found, "the matches are marked"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.find_position == (2, 2)
        assert "2/2" in status(screen)
        await pilot.press("down")  # wraps to the first
        assert screen.find_position == (1, 2)
        await pilot.press("up")
        assert screen.find_position == (2, 2)
        assert view.scroll_y >= first_line
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one(FindBar).has_class("-active")
        assert view.found == {}
        assert view.has_focus
        await pilot.press("escape")  # the next escape goes back to the list
        await pilot.pause()
        assert not isinstance(app.screen, ReadingScreen)


async def test_find_is_case_and_accent_insensitive_and_says_not_found(
    sample_home: Path,
) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await pilot.press("slash", *"KÜRSK")
        await pilot.pause()
        assert screen.find_position == (1, 2)
        await pilot.press(*"zzz")
        await pilot.pause()
        assert screen.find_position == (0, 0)
        assert "not found" in status(screen)
