"""Keys on an article whose annotation file is damaged: a message, and the app goes on."""

from __future__ import annotations

from pathlib import Path

from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.widgets.article_table import ArticleTable
from tests.functional.helpers import make_app, settle


async def test_u_and_s_on_a_damaged_article_say_so_and_the_app_goes_on(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        meta = table.current
        assert meta is not None
        await pilot.press("s")  # creates the article's annotation file
        await pilot.pause()
    path = app.session.store.path_of(meta.id)
    assert path.is_file()
    path.write_text("{ this is not json", encoding="utf-8")
    again = make_app(sample_home)
    async with again.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        if not isinstance(again.screen, LibraryScreen):  # the repair dialog: leave it as it is
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(again.screen, LibraryScreen)
        messages_before = len(again._notifications)
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        texts = [n.message for n in list(again._notifications)[messages_before:]]
        assert any("damaged" in text for text in texts), texts
        assert all(n.severity == "error" for n in list(again._notifications)[messages_before:])
        # The app goes on: the cursor moves, another article can be starred.
        await pilot.press("j", "s")
        await pilot.pause()
        current = again.screen.query_one(ArticleTable).current
        assert current is not None and current.id != meta.id
        assert again.session.store.summary(current.id).starred
    assert path.read_text(encoding="utf-8") == "{ this is not json", "nothing overwritten"
