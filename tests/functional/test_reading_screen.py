"""The reading view: opening, scrolling, paging, next/previous, back."""

from __future__ import annotations

from pathlib import Path

from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.article_view import ArticleView
from tests.conftest import SEED_ID, WriteArticle, front_matter
from tests.functional.helpers import article_lines, make_app, settle


async def open_seed(pilot: object) -> None:
    await pilot.press("slash", *"n.korea", "enter", "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_seed_article_shows_all_its_text_with_header(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 200)) as pilot:
        await settle(pilot)
        await open_seed(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.meta.id == SEED_ID
        view = app.screen.query_one(ArticleView)
        text = " ".join(line.strip() for line in article_lines(view))
        assert text.startswith("Russia and N.Korea’s chilling new mutual aid deal sparks Ukraine")
        seed_body = (
            (Path(__file__).parents[2] / "articles" / "russia-north-korea-mutual-aid-deal.md")
            .read_text()
            .split("---\n")[2]
        )
        for paragraph in seed_body.split("\n\n"):
            words = paragraph.split()
            if words:
                assert " ".join(words) in " ".join(text.split())


async def test_scroll_keys(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        await open_seed(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.scroll_y == 0
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert view.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert view.scroll_y == 2
        await pilot.press("space")
        await pilot.pause()
        assert view.scroll_y > 10
        await pilot.press("b")
        await pilot.pause()
        assert view.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        assert "13,000 containers" in " ".join(article_lines(view))
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_next_and_previous_article_follow_the_list(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.meta.title == "Joe Biden projected US president-elect"
        await pilot.press("J")
        await settle(pilot)
        assert screen.meta.title.startswith("Passenger flight crashes")
        view = screen.query_one(ArticleView)
        assert "Passenger flight crashes" in article_lines(view)[0]
        await pilot.press("J", "K", "K")
        await settle(pilot)
        assert screen.meta.title == "Joe Biden projected US president-elect"
        await pilot.press("J", "J")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#articles").cursor == 2  # type: ignore[attr-defined]


async def test_attribution_is_shown(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = " ".join(article_lines(app.screen.query_one(ArticleView)))
        assert "From Wikinews" in text
        assert "licensed CC BY 2.5" in text


async def test_markup_and_escapes_inside_article_are_inert(
    tmp_path: Path, home: Path, write_article: WriteArticle
) -> None:
    write_article(
        "evil.md",
        front_matter(
            "[link=http://evil]Click[/link]", "Body [bold red]not bold[/] \x1b[2J\x1b]8;;x\x07 end"
        ),
    )
    app = make_app(home, library=tmp_path / "library")
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        lines = article_lines(view)
        assert lines[0].strip() == "[link=http://evil]Click[/link]"
        body = next(line for line in lines if "Body" in line)
        assert "[bold red]not bold[/] ␛[2J␛]8;;x␇ end" in body
        for y in range(view.scrollable_content_region.height):
            for segment in view.render_line(y):
                assert segment.style is None or segment.style.link is None
                assert "\x1b" not in segment.text


async def test_article_that_went_bad_after_listing(
    tmp_path: Path, home: Path, write_article: WriteArticle
) -> None:
    path = write_article("soon-gone.md", front_matter("Soon gone", "Text."))
    app = make_app(home, library=tmp_path / "library")
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        path.unlink()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        messages = [notification.message for notification in app._notifications]
        assert any("file not found" in message for message in messages)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
