"""The ``a`` key: a prompt for a path or URL, an import in the background, the list updated."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input

from reader.tui.dialogs.import_dialog import ImportDialog, split_targets
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.import_progress import ImportProgress
from tests.conftest import IMPORT_FIXTURES
from tests.functional.helpers import make_app, settle, shown_lines
from tests.webserver import TestSite

NOTES = IMPORT_FIXTURES / "notes"


async def type_into_dialog(pilot: object, text: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    assert isinstance(app.screen, ImportDialog)
    app.screen.query_one("#import-target", Input).value = text
    await pilot.press("enter")  # type: ignore[attr-defined]


async def test_a_imports_a_folder_and_the_list_shows_it_at_once(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, ImportDialog)
        assert app.screen.query_one("#import-target", Input).has_focus
        await type_into_dialog(pilot, str(NOTES))
        assert isinstance(app.screen, LibraryScreen)
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        assert len(table.rows) == 27
        titles = {meta.title for meta in table.rows}
        assert "Notes on the harbour wall" in titles
        assert any("Notes on the harbour wall" in line for line in shown_lines(table))
        assert "27 articles" in str(app.screen.query_one("#title-bar").render())
        messages = [n.message for n in app._notifications]
        assert "Added 3 articles, skipped 0 already in the library, failed 0." in messages
        assert not app.screen.query(ImportProgress)
        # The app's library knows them too: they open like any other article.
        await pilot.press("G")
        assert app.session.library.get(table.rows[table.cursor].id) is not None  # type: ignore[attr-defined]
    assert len(list((sample_home / "articles").glob("*.md"))) == 24 + 3


async def test_importing_again_adds_nothing_and_says_so(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(2):
            await pilot.press("a")
            await type_into_dialog(pilot, str(NOTES))
            await settle(pilot)
        assert len(app.screen.query_one(ArticleTable).rows) == 27
        messages = [n.message for n in app._notifications]
        assert messages[-1] == "Added 0 articles, skipped 3 already in the library, failed 0."


async def test_keys_typed_in_the_prompt_are_text_and_escape_cancels(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.press("q", "question_mark", "a", "slash", "o")
        assert app.screen.query_one("#import-target", Input).value == "q?a/o"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert len(app.screen.query_one(ArticleTable).rows) == 24
        assert not app._notifications


async def test_failures_are_reported_and_the_rest_imports(sample_home: Path, web: TestSite) -> None:
    web.add(
        "/story.html",
        "<html><head><title>Night market opens</title></head><body><article>"
        "<p>The night market opened on Friday with forty stalls along the quay, and "
        "crowds stayed until long after midnight.</p></article></body></html>",
    )
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        missing = web.url("/missing.html")
        await type_into_dialog(pilot, f"{missing} {web.url('/story.html')} [bold]nope[/bold]")
        await settle(pilot)
        titles = {meta.title for meta in app.screen.query_one(ArticleTable).rows}
        assert "Night market opens" in titles
        [notification] = app._notifications
        assert notification.severity == "warning"
        assert notification.message.splitlines() == [
            "Added 1 article, skipped 0 already in the library, failed 2.",
            f"{missing}: HTTP 404 Not Found",
            "[bold]nope[/bold]: no such file or folder",
        ]


async def test_the_fetch_option_downloads_entry_pages(sample_home: Path, web: TestSite) -> None:
    web.add(
        "/a.html",
        "<html><body><article><p>The whole story, as its own page tells it, with every "
        "detail the feed left out.</p></article></body></html>",
    )
    feed = web.add(
        "/feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
        f"<title>Story A</title><link>{web.url('/a.html')}</link>"
        "<description>Short summary.</description></item></channel></rss>",
        content_type="application/rss+xml",
    )
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        app.screen.query_one("#import-fetch", Checkbox).value = True
        await type_into_dialog(pilot, feed)
        await settle(pilot)
    stored = (sample_home / "articles").glob("*story-a.md")
    assert "The whole story, as its own page tells it" in next(stored).read_text()
    assert web.paths_requested() == ["/feed.xml", "/a.html"]


def test_split_targets(tmp_path: Path) -> None:
    spaced = tmp_path / "my notes"
    spaced.mkdir()
    assert split_targets(f"  {spaced}  ") == (str(spaced),)
    assert split_targets(f"'{spaced}' https://example.org/a") == (
        str(spaced),
        "https://example.org/a",
    )
    assert split_targets(str(spaced).replace(" ", "\\ ")) == (str(spaced),)
    assert split_targets("   ") == ()
    assert split_targets('unbalanced "quote') == ('unbalanced "quote',)
