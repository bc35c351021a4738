"""Tagging, notes, reading state and undo, by the real keys; then a restart shows it all."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea
from tinydb import TinyDB

from reader.store import AnnotationStore
from reader.tui.dialogs.note_editor import NoteEditor
from reader.tui.dialogs.notes_list import NotesList
from reader.tui.dialogs.tag_dialog import TagDialog
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.article_view import ArticleView
from tests.conftest import SEED_ID
from tests.functional.helpers import article_lines, make_app, settle, shown_lines

BIDEN = "27cc5014c5e8"
CALICUT = "881f3f6cfa16"
TESCO = "14a652dbb129"
SPACEX = "055aba34b7e7"
NBA = "691958c5d28b"


def store_of(home: Path) -> AnnotationStore:
    store = AnnotationStore(home / "annotations", home / "cache")
    store.load()
    return store


async def test_tag_prompt_with_completion_and_removal(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"Economy, world news", "enter")
        await pilot.pause()
        assert app.session.store.tags_of(BIDEN) == ("economy", "world-news")
        await pilot.press("j", "t", *"eco")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TagDialog)
        options = dialog.query_one("#tag-suggestions", OptionList)
        assert options.get_option_at_index(0).id == "economy"
        await pilot.press("tab", *"wn")  # fuzzy: world-news
        await pilot.pause()
        assert options.get_option_at_index(0).id == "world-news"
        await pilot.press("tab")
        assert dialog.query_one(Input).value == "economy, world-news, "
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.store.tags_of(CALICUT) == ("economy", "world-news")
        await pilot.press("t", *"-economy", "enter")
        await pilot.pause()
        assert app.session.store.tags_of(CALICUT) == ("world-news",)
        row = shown_lines(app.screen.query_one(ArticleTable))[1]
        assert "#world-news" in row and "#economy" not in row
        await pilot.press("t", "escape")
        await pilot.pause()
        assert app.session.store.tags_of(CALICUT) == ("world-news",)


async def test_quick_tags_marks_bulk_and_filter(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert app.session.store.tags_of(BIDEN) == ("important",)
        await pilot.press("1")
        assert app.session.store.tags_of(BIDEN) == ()
        await pilot.press("space", "j", "space", "space")  # marks Biden, Tesco, SpaceX
        table = app.screen.query_one(ArticleTable)
        assert app.screen.marked == {BIDEN, TESCO, SPACEX}  # type: ignore[attr-defined]
        assert "3 marked" in str(app.screen.query_one("#title-bar", Static).render())
        await pilot.press("2")
        for article in (BIDEN, TESCO, SPACEX):
            assert app.session.store.tags_of(article) == ("follow-up",)
        assert app.session.store.tags_of(CALICUT) == ()
        await pilot.press("t", *"trade", "enter")
        await pilot.pause()
        assert app.session.store.ids_with_tag("trade") == {BIDEN, TESCO, SPACEX}
        await pilot.press("escape")  # no filter: clears the marks
        assert app.screen.marked == set()  # type: ignore[attr-defined]
        await pilot.press("slash", *"#trade", "enter")
        await pilot.pause()
        assert {meta.id for meta in table.rows} == {BIDEN, TESCO, SPACEX}
        await pilot.press("escape", "slash", *"#trade -#follow-up", "enter")
        await pilot.pause()
        assert table.rows == []


async def test_read_star_undo_and_state_filters(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        assert shown_lines(table)[0].startswith(" •")
        await pilot.press("u", "j", "s")
        assert app.session.store.summary(BIDEN).read
        assert app.session.store.summary(CALICUT).starred
        assert shown_lines(table)[0].startswith("     Joe Biden")
        assert shown_lines(table)[1].startswith(" •★")
        await pilot.press("slash", *"is:starred", "enter")
        await pilot.pause()
        assert [meta.id for meta in table.rows] == [CALICUT]
        await pilot.press("escape", "slash", *"is:unread", "enter")
        await pilot.pause()
        assert len(table.rows) == 23
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        assert not app.session.store.summary(CALICUT).starred
        assert any("Undone: starred" in n.message for n in app._notifications)
        await pilot.press("ctrl+z")
        assert not app.session.store.summary(BIDEN).read
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("Nothing to undo" in n.message for n in app._notifications)


async def test_note_on_passage_edit_delete_and_undo(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        view = screen.query_one(ArticleView)
        await pilot.press("right_curly_bracket", "right_curly_bracket")  # third paragraph
        passage = screen.document.blocks[view.passage].text  # type: ignore[union-attr]
        assert passage.startswith("Alarmingly, intelligence suggests around 50,000")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Check the 50,000 figure", "ctrl+s")
        await pilot.pause()
        [note] = app.session.store.notes_of(SEED_ID)
        assert note.text == "Check the 50,000 figure"
        assert note.quote == passage
        assert screen.document.plain[note.start : note.end] == passage  # type: ignore[index]
        assert "✎ 1 note" in str(screen.query_one("#article-bar", Static).render())
        marker_lines = [line for line in shown_lines(view) if line.lstrip().startswith("✎")]
        assert marker_lines and "Alarmingly" in marker_lines[0]
        # Edit through the notes list.
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, NotesList)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).text = "Checked: 50,000 is right"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.store.notes_of(SEED_ID)[0].text == "Checked: 50,000 is right"
        # Escape on a changed note asks first.
        await pilot.press("N", "e")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "unsaved words"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.session.store.notes_of(SEED_ID)[0].text == "Checked: 50,000 is right"
        # Delete with confirmation, then undo brings it back.
        await pilot.press("N", "d", "y")
        await pilot.pause()
        assert app.session.store.notes_of(SEED_ID) == []
        await pilot.press("escape", "ctrl+z")
        await pilot.pause()
        assert [n.text for n in app.session.store.notes_of(SEED_ID)] == ["Checked: 50,000 is right"]
        # Enter in the notes list scrolls to the passage.
        await pilot.press("g", "N", "enter")
        await pilot.pause()
        assert screen.document.blocks[view.passage].text == passage  # type: ignore[union-attr]
        assert any("Alarmingly" in line for line in article_lines(view))


async def test_opening_marks_read_and_position_is_restored(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"n.korea", "enter", "enter")
        await settle(pilot)
        assert app.session.store.summary(SEED_ID).read
        await pilot.press("space", "space", "j")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        top = view.offset_at_line(round(view.scroll_y))
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.store.summary(SEED_ID).position == top
        assert top is not None and top > 0
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.scroll_y > 0
        assert view.offset_at_line(round(view.scroll_y)) == top
        assert "Russia and N.Korea" not in article_lines(view)[0]


async def test_everything_is_there_after_a_restart(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", *"alpha", "enter", "j", "1", "j", "s")
        await pilot.press("space", "j", "space", "t", *"bulk", "enter")
        await pilot.pause()
        await pilot.press("q")
    restarted = make_app(sample_home)
    async with restarted.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        store = restarted.session.store
        assert store.tags_of(BIDEN) == ("alpha",)
        assert store.tags_of(CALICUT) == ("important",)
        assert store.summary(TESCO).starred
        assert store.ids_with_tag("bulk") == {TESCO, NBA}
        rows = shown_lines(restarted.screen.query_one(ArticleTable))
        assert "#alpha" in rows[0] and "#important" in rows[1] and "★" in rows[2]
    plain = TinyDB(sample_home / "annotations" / "articles" / TESCO[:2] / f"{TESCO}.json")
    assert {doc["tag"] for doc in plain.table("tags").all()} == {"bulk"}
    assert plain.table("state").all()[0]["starred"] is True
    assert plain.table("meta").all()[0]["title"].startswith("British supermarket")


async def test_change_by_another_program_shows_up(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        store_of(sample_home).edit_tags([BIDEN], add=["from-script"])
        await app._refresh_store().wait()
        await pilot.pause()
        assert "#from-script" in shown_lines(app.screen.query_one(ArticleTable))[0]


async def test_damaged_store_file_asks_and_restores(sample_home: Path) -> None:
    store = store_of(sample_home)
    store.edit_tags([BIDEN], add=["first"])
    store.edit_tags([BIDEN], add=["second"])
    store.close()
    path = store.path_of(BIDEN)
    path.write_text("{broken")
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "DamagedStoreDialog"
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "not valid JSON" in text and "damaged-" in text
        assert path.read_text() == "{broken"
        await pilot.press("r")
        await pilot.pause()
        assert app.session.store.tags_of(BIDEN) == ("first",)
    kept = list(path.parent.glob(f"{BIDEN}.json.damaged-*"))
    assert kept and kept[0].read_text() == "{broken"


async def test_rename_and_delete_a_tag_everywhere_with_confirmation(sample_home: Path) -> None:
    store = store_of(sample_home)
    store.edit_tags([BIDEN, TESCO], add=["econ"])
    store.close()
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.action_rename_tag()
        await pilot.pause()
        await pilot.press(*"econ", "enter")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        prompt.value = ""
        await pilot.press(*"Economy", "enter")
        await pilot.pause()
        assert "Rename #econ to #economy on 2 article(s)?" in " ".join(
            str(widget.render()) for widget in app.screen.query(Static)
        )
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.store.ids_with_tag("economy") == {BIDEN, TESCO}
        assert app.session.store.ids_with_tag("econ") == set()
        app.action_delete_tag()
        await pilot.pause()
        await pilot.press(*"economy", "enter", "n")
        await pilot.pause()
        assert app.session.store.ids_with_tag("economy") == {BIDEN, TESCO}, "n keeps it"
        app.action_delete_tag()
        await pilot.pause()
        await pilot.press(*"economy", "enter", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session.store.all_tags() == {}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.store.ids_with_tag("economy") == {BIDEN, TESCO}
