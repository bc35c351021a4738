"""Searching the list with the query language, saving searches as views (Pilot)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tinydb import TinyDB

from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.snippet_line import SnippetLine
from tests.functional.helpers import make_app, settle

MUGABE = "Longtime leader of Zimbabwe Robert Mugabe dies aged 95"


def titles(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    return [meta.title for meta in screen.query_one(ArticleTable).rows]


async def test_a_word_from_the_body_finds_the_article_with_a_snippet(
    cold_sample_home: Path,
) -> None:
    """No index yet: the app builds the full-text index in the background."""
    app = make_app(cold_sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Mnangagwa")
        await pilot.pause()
        assert titles(app) == [MUGABE]
        snippet = app.screen.query_one(SnippetLine)
        assert snippet.has_class("-active")
        assert "Mnangagwa" in str(snippet.render())
        bar = str(app.screen.query_one("#title-bar", Static).render())
        assert "1 of 24 match" in bar


async def test_a_date_range_lists_exactly_those_months(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"date:2019-09..2019-10")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        dates = [meta.date[:7] for meta in screen.query_one(ArticleTable).rows]
        expected = sorted(
            (m.date[:7] for m in screen.articles if "2019-09" <= m.date[:7] <= "2019-10"),
            reverse=True,
        )
        assert dates == expected and len(dates) == 7


async def test_a_bad_query_explains_itself_under_the_filter(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"mugabe")
        await pilot.pause()
        assert titles(app) == [MUGABE]
        await pilot.press(*" tag")
        await pilot.pause()
        before = titles(app)
        await pilot.press(*":x")
        await pilot.pause()
        error = app.screen.query_one("#filter-error", Static)
        assert error.has_class("-active")
        assert "did you mean #x?" in str(error.render())
        assert titles(app) == before, "the list stays on the last query understood"
        for _ in range(6):
            await pilot.press("backspace")
        await pilot.pause()
        assert not error.has_class("-active")


async def test_a_saved_view_comes_back_after_a_restart(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zimbabwe OR korea", "enter")
        await pilot.pause()
        await pilot.press("V", *"southern news", "enter")
        await pilot.pause()
    db = TinyDB(sample_home / "annotations" / "library.json")
    assert [(d["name"], d["query"]) for d in db.table("views").all()] == [
        ("southern news", "zimbabwe OR korea")
    ]
    db.close()
    again = make_app(sample_home)
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert len(titles(again)) == 24
        await pilot.press("v")
        await pilot.pause()
        await pilot.press(*"southern", "enter")
        await pilot.pause()
        await settle(pilot)
        shown = titles(again)
        assert MUGABE in shown and len(shown) < 24
        screen = again.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.filter_query == "zimbabwe OR korea"
