"""The keymap, the choices kept across restarts, ``R`` and the palette, with real keys.

Each test starts the app on a temporary HOME (real TinyDB files), presses
keys and checks what the screens show and what was saved.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Footer

from reader.session.session import Session
from reader.tui.dialogs.help_screen import HelpScreen
from reader.tui.keys import key_table
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.filter_input import FilterInput
from tests.feedgen import paragraph, rss
from tests.functional.helpers import make_app, settle
from tests.webserver import TestSite


def _config(home: Path, text: str) -> None:
    (home / "config.toml").write_text(text, encoding="utf-8")


async def test_f_mapped_to_the_filter_opens_it(sample_home: Path) -> None:
    _config(sample_home, '[keymap]\n"list.filter" = "f"\n')
    app = make_app(sample_home)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert not app.query_one(FilterInput).has_focus
        await pilot.press("f", *"korea")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.filter_query == "korea"
        await pilot.press("escape")
        await pilot.press("slash")  # no longer the filter
        await pilot.pause()
        assert not app.query_one(FilterInput).has_focus
        # The help screen and the footer show the key as remapped.
        rows = dict((description, keys) for keys, description in key_table(screen))
        assert rows["Search"] == "f"
        footer_keys = [item.key_display for item in app.query_one(Footer).query("FooterKey")]
        assert "f" in footer_keys and "/" not in footer_keys
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert any(keys == "f" for keys, what in app.screen._rows if what == "Search")


async def test_bad_keymap_entries_are_named_once_and_ignored(sample_home: Path) -> None:
    _config(
        sample_home,
        '[keymap]\n"list.nothing" = "z"\n"list.read" = "j"\n"list.sort" = "O"\n',
    )
    app = make_app(sample_home)
    async with app.run_test() as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications if n.message.startswith("Keymap")]
        assert len(notices) == 1
        assert "list.nothing: no such key binding" in notices[0]
        assert "list.read: j is already list.down (Down)" in notices[0]
        assert "list.sort" not in notices[0]
        table = app.query_one(ArticleTable)
        await pilot.press("j")  # still moves down: the clashing entry was ignored
        assert table.cursor == 1
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("O")
        await pilot.pause()
        assert screen.order_by == "oldest"


async def test_theme_and_view_choices_survive_a_restart(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p", *"theme")  # the palette: Theme, then the list of themes
        await settle(pilot)  # the palette has gathered its matches
        await pilot.press("enter")
        await settle(pilot)  # the palette has gathered its matches
        await pilot.press(*"nord")
        await settle(pilot)  # the palette has gathered its matches
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
        await pilot.press("enter")  # open an article, hide the highlights, show the panel
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("h", "e")
        await pilot.pause()
    saved = json.loads((sample_home / "settings.json").read_text(encoding="utf-8"))
    assert saved["theme"]["value"] == "nord"
    config = (sample_home / "config.toml").read_text(encoding="utf-8")
    again = make_app(sample_home)
    async with again.run_test() as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        await pilot.press("enter")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.show_highlights is False and screen.show_entity_panel is True
    assert (sample_home / "config.toml").read_text(encoding="utf-8") == config


def test_config_toml_sets_the_view_and_a_later_edit_wins(home: Path) -> None:
    _config(home, '[view]\ntheme = "gruvbox"\nhidden_labels = ["date", "FIGURE"]\n')
    session = Session.at(home)
    assert session.theme == "gruvbox"
    assert session.view.hidden_labels == frozenset({"DATE", "FIGURE"})
    assert session.remember_theme("nord") == ""
    assert Session.at(home).theme == "nord"  # chosen in the app after config said gruvbox
    _config(home, '[view]\ntheme = "dracula"\n')
    assert Session.at(home).theme == "dracula"  # config edited since: the newer decision


async def test_palette_runs_an_entry(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show only starred")
        await settle(pilot)  # the palette has gathered its matches
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.filter_query == "is:starred"
        assert app.query_one(ArticleTable).rows == []


async def test_r_refreshes_feeds_and_the_palette_shows_each(home: Path, web: TestSite) -> None:
    entries = [(f"Harbour story {n}", web.url(f"/news/{n}"), paragraph(n)) for n in range(3)]
    url = web.add("/feed.xml", rss("Harbour News", entries), content_type="application/rss+xml")
    web.routes["/feed.xml"].etag = '"1"'
    session = Session.at(home)
    session.load_store()
    assert session.add_feed(url, "Harbour News").ok
    app = make_app(home)
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        before = len(screen.articles)
        await pilot.press("R")
        await settle(pilot)
        await pilot.pause()
        assert len(screen.articles) == before + 3
        titles = {meta.title for meta in app.query_one(ArticleTable).rows}
        assert "Harbour story 2" in titles
        assert screen.feeds_progress == ""
        assert any("3 new articles from 1 of 1 feeds" in n.message for n in app._notifications)
        await pilot.press("R")  # nothing new: one 304
        await settle(pilot)
        await pilot.pause()
        assert web.not_modified == 1
        assert len(screen.articles) == before + 3
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Harbour News")
        await settle(pilot)  # the palette has gathered its matches
        await pilot.press("enter")
        await pilot.pause()
        assert screen.filter_query.startswith("source:127.0.0.1:")
        assert {meta.title for meta in app.query_one(ArticleTable).rows} == {
            f"Harbour story {n}" for n in range(3)
        }
    assert Session.at(home).feeds()[0].etag == '"1"'
