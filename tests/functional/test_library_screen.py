"""The article list: keys pressed for real, results read off the screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from reader.tui.dialogs.help_screen import HelpScreen
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.article_table import ArticleTable
from tests.conftest import WriteArticle, front_matter
from tests.functional.helpers import make_app, settle, shown_lines


async def test_first_run_installs_and_lists_the_samples(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        assert len(table.rows) == 24
        lines = shown_lines(table)
        assert "Joe Biden projected US president-elect" in lines[0]
        assert "2020-11-07" in lines[0]
        assert any("Russia and N.Korea" in line for line in lines)
        title_bar = str(app.screen.query_one("#title-bar", Static).render())
        assert "24 articles" in title_bar
    assert (home / "articles" / "russia-north-korea-mutual-aid-deal.md").exists()


async def test_cursor_moves_with_j_and_k(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        await pilot.press("j", "j", "down", "k")
        assert table.cursor == 2
        await pilot.press("G")
        assert table.cursor == 23
        await pilot.press("g")
        assert table.cursor == 0


async def test_filter_as_you_type_and_escape_clears(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        await pilot.press("slash", *"korea")
        await pilot.pause()
        # Title and body, best match first: the seed's title; Tesco sold its South Korean chain.
        assert [meta.title for meta in table.rows] == [
            "Russia and N.Korea’s chilling new mutual aid deal sparks Ukraine fears",
            "British supermarket chain Tesco to sell its Polish branch to Salling Group A/S",
        ]
        bar = str(app.screen.query_one("#title-bar", Static).render())
        assert "2 of 24 match" in bar and "best match first" in bar
        await pilot.press("enter")
        assert table.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert len(table.rows) == 24


async def test_filter_matches_source_too(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"wikinews.org biden")
        await pilot.pause()
        rows = app.screen.query_one(ArticleTable).rows
        assert [meta.title for meta in rows] == ["Joe Biden projected US president-elect"]


async def test_sort_cycles_between_orders(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        await pilot.press("o")
        assert table.rows[0].date == "2019-01-04"
        await pilot.press("o")
        titles = [meta.title for meta in table.rows]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("o")
        assert table.rows[0].date == "2020-11-07"


async def test_enter_opens_and_escape_returns_to_same_row(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.meta.title.startswith("SpaceX")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleTable).cursor == 3


async def test_help_lists_the_keys_of_the_list(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).render())
        lines = keys.splitlines()
        for key, description in (
            ("/", "Search"),
            ("o", "Sort"),
            ("⏎", "Open"),
            ("q", "Quit"),
            ("?", "Help"),
            ("j", "Down"),
            ("k", "Up"),
            ("^p", "palette"),
        ):
            assert any(key in line and description in line for line in lines), description
        assert not any("Scroll Left" in line for line in lines)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_q_quits(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_bad_files_are_reported_and_the_rest_listed(
    tmp_path: Path, home: Path, write_article: WriteArticle
) -> None:
    write_article("good.md", front_matter("A good article", "Text."))
    write_article("empty.md", "")
    write_article("binary.md", b"\x00\x01\x02")
    write_article("broken.md", "---\ntitle: [unclosed\n---\n# Broken but readable\n\nText.\n")
    write_article("latin.txt", "Caf\xe9 news\n\nText.\n".encode("latin-1"))
    write_article("evil.md", front_matter("Evil \x1b[31m[bold red]title[/]", "\x1b]0;pwned\x07"))
    app = make_app(home, library=tmp_path / "library")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        titles = sorted(meta.title for meta in table.rows)
        assert titles == [
            "A good article",
            "Broken but readable",
            "Café news",
            "Evil ␛[31m[bold red]title[/]",
        ]
        lines = "\n".join(shown_lines(table))
        assert "[bold red]title[/]" in lines
        assert "\x1b" not in lines
        messages = [notification.message for notification in app._notifications]
        assert len(messages) == 1
        assert "empty.md: empty file" in messages[0]
        assert "binary.md: binary file" in messages[0]


async def test_list_shown_from_the_index_is_then_checked_against_the_files(
    tmp_path: Path, home: Path, write_article: WriteArticle
) -> None:
    path = write_article("a.md", front_matter("Old title", "Text.", id="one"))
    app = make_app(home, library=tmp_path / "library")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
    path.write_text(front_matter("New title", "Text.", id="one"))
    write_article("b.md", front_matter("Another", "Text.", id="two"))
    again = make_app(home, library=tmp_path / "library")
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        titles = sorted(meta.title for meta in again.screen.query_one(ArticleTable).rows)
        assert titles == ["Another", "New title"]


async def test_front_matter_tags_are_imported_once_in_the_app(
    tmp_path: Path, home: Path, write_article: WriteArticle
) -> None:
    write_article("a.md", '---\ntitle: "Tagged"\nid: "tagged1"\ntags: [Trade, EU]\n---\n\nText.\n')
    app = make_app(home, library=tmp_path / "library")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.session.store.tags_of("tagged1") == ("trade", "eu")
        assert "#trade #eu" in shown_lines(app.screen.query_one(ArticleTable))[0]
        await pilot.press("t", *"-trade", "enter")
        await pilot.pause()
    again = make_app(home, library=tmp_path / "library")
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert again.session.store.tags_of("tagged1") == ("eu",), (
            "removed tags are not imported again"
        )
