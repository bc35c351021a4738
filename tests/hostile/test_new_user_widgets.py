"""What a new user met in the list and the reading view (issue 13, section 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from reader.library.article import ArticleMeta
from reader.session.config import load_settings
from reader.tui.dialogs.label_toggles import LabelToggles
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.article_table import ArticleTable, _cell, columns_for
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityList, EntityPanel
from reader.util.safety import steady_width
from tests.functional.helpers import make_app, settle


@pytest.mark.parametrize("width", [78, 80, 100])
@pytest.mark.parametrize("tags", [True, False])
def test_the_title_gets_the_most_room(width: int, tags: bool) -> None:
    columns = columns_for(width, show_tags=tags)
    others = (columns.tags, columns.source, columns.date, columns.words)
    assert columns.title > max(others)
    assert columns.title >= sum(others) - columns.date
    assert columns.flags + columns.title + sum(others) == width


@pytest.mark.parametrize(
    "title",
    [
        "Family 👨‍👩‍👧‍👦 day out",
        "Flags 🇫🇷🇩🇪 at the summit",
        "Wave 👋🏽 and ❤️ with selectors",
        "東京 and 서울 wide characters",
        "Plain title long enough to be cut somewhere",
    ],
)
def test_cells_have_the_width_they_claim(title: str) -> None:
    for width in (8, 17, 40):
        assert cell_len(_cell(title, width)) == width
    assert "\u200d" not in steady_width(title) and "\U0001f1eb" not in steady_width(title)


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield ArticleTable(id="table")

    def on_mount(self) -> None:
        rows = [ArticleMeta(id=f"id{n}", path=f"{n}.md", title=f"Article {n}") for n in range(5)]
        self.query_one(ArticleTable).set_rows(rows)

    def on_article_table_opened(self, message: ArticleTable.Opened) -> None:
        self.opened.append(message.meta.id)


async def test_a_click_on_a_row_opens_its_article() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#table", offset=(10, 2))
        await pilot.pause()
        assert app.opened == ["id2"]
        assert app.query_one(ArticleTable).cursor == 2


async def test_label_dialog_marks_on_and_off_differently() -> None:
    class DialogApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(LabelToggles(["DATE"]))

    app = DialogApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        switches = app.screen.query_one("#label-switches")
        prompts = [str(switches.get_option_at_index(i).prompt) for i in range(6)]  # type: ignore[attr-defined]
        date = next(p for p in prompts if "DATE" in p)
        person = next(p for p in prompts if "PERSON" in p)
        assert date.split("DATE")[0] != person.split("PERSON")[0]
        assert "off" in date and "on" in person
        await pilot.press("space")  # The first line (PERSON) switches off ...
        await pilot.pause()
        first = str(switches.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert "off" in first


async def test_the_last_column_is_not_hidden_under_the_scrollbar(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.text_layout is not None
        left = max((view.scrollable_content_region.width - view.text_layout.width) // 2, 2)
        assert left + view.text_layout.width <= view.scrollable_content_region.width
        assert view.scrollable_content_region.width < view.size.width  # The bar has its column.


async def test_scrolling_is_instant_by_default(sample_home: Path) -> None:
    assert load_settings(sample_home / "config.toml").smooth_scrolling is False
    app = make_app(sample_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        view.focus()
        view.action_scroll_end()
        assert view.scroll_y == view.max_scroll_y > 0  # At once, not after an animation.
        view.action_scroll_home()
        assert view.scroll_y == 0


def test_smooth_scrolling_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[reading]\nsmooth_scrolling = true\n")
    assert load_settings(path).smooth_scrolling is True
    path.write_text("[reading]\nsmooth_scrolling = 'yes'\n")
    settings = load_settings(path)
    assert settings.smooth_scrolling is False and settings.warnings


async def test_a_single_click_on_an_entity_selects_it_and_stays(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        entities = screen.query_one(EntityList)
        before = entities.highlighted
        for row in range(2, 12):
            await pilot.click(EntityList, offset=(4, row))
            await settle(pilot)
            assert app.screen is screen, f"a single click left the article (row {row})"
            if entities.highlighted != before:
                break
        assert entities.highlighted is not None and entities.highlighted != before
        assert screen.query_one(EntityPanel).selected is not None
        assert not isinstance(app.screen, LibraryScreen)
