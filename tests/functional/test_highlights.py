"""Highlights, the annotations view and the notes list, by the real keys."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from textual.widgets import OptionList
from tinydb import TinyDB

from reader.tui.dialogs.confirm_dialog import ConfirmDialog
from reader.tui.dialogs.note_editor import NoteEditor
from reader.tui.dialogs.notes_list import NotesList
from reader.tui.screens.annotations_screen import AnnotationsScreen
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.annotation_list import AnnotationList
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.note_margin import NoteMargin
from tests.functional.helpers import article_lines, make_app, settle, shown_lines

BIDEN = "27cc5014c5e8"
SECOND = "His running mate, Kamala Harris, would become the first female"


def stored(home: Path, article_id: str = BIDEN) -> list[dict[str, object]]:
    path = home / "annotations" / "articles" / article_id[:2] / f"{article_id}.json"
    return TinyDB(path).table("notes").all()


def segments_with(view: ArticleView, words: str) -> list[Segment]:
    """The drawn segments of the line showing ``words``."""
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        if words in strip.text:
            return [segment for segment in strip if segment.text.strip()]
    raise AssertionError(f"{words!r} is not on screen")


def background_of(view: ArticleView, words: str) -> object:
    """The background drawn under ``words`` (None when it is the view's own)."""
    base = view.rich_style.bgcolor
    for segment in segments_with(view, words):
        if words.split()[0] in segment.text:
            colour = segment.style.bgcolor if segment.style else None
            return None if colour == base else colour
    raise AssertionError(words)


async def open_biden(pilot: object) -> ReadingScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, ReadingScreen) and screen.meta.id == BIDEN
    return screen


async def test_highlight_a_passage_colour_it_note_it_and_undo(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_biden(pilot)
        view = screen.query_one(ArticleView)
        assert background_of(view, "Kamala Harris") is None
        await pilot.press("right_curly_bracket", "y")
        await settle(pilot)
        (doc,) = stored(sample_home)
        assert doc["kind"] == "highlight" and str(doc["quote"]).startswith(SECOND)
        assert doc["color"] == "yellow" and doc["prefix"] and doc["suffix"]
        yellow = background_of(view, "Kamala Harris")
        assert yellow is not None, "the highlighted passage is coloured"
        await pilot.press("c")
        await settle(pilot)
        assert stored(sample_home)[0]["color"] == "green"
        assert background_of(view, "Kamala Harris") not in (None, yellow)
        await pilot.press("n")  # on a highlighted passage: the highlight's own note
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"**first** [bold]VP[/]", "ctrl+s")
        await settle(pilot)
        (doc,) = stored(sample_home)
        assert doc["kind"] == "highlight" and doc["text"] == "**first** [bold]VP[/]"
        margin = screen.query_one(NoteMargin)
        assert margin.has_class("-active")
        shown = str(margin.render())
        assert "first [bold]VP[/]" in shown and "**" not in shown, "Markdown rendered, inert"
        await pilot.press("ctrl+z", "ctrl+z")  # the note, then the colour
        await settle(pilot)
        (doc,) = stored(sample_home)
        assert doc["text"] == "" and doc["color"] == "yellow"
        await pilot.press("y")  # on the highlighted passage: removes it
        await settle(pilot)
        assert stored(sample_home) == []
        assert background_of(view, "Kamala Harris") is None
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(stored(sample_home)) == 1


async def test_highlight_a_word_range_and_a_sentence_by_mark_mode(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_biden(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("right_curly_bracket", "M", "right", "right", "right")
        await pilot.press("shift+right", "shift+right", "enter")  # "Kamala Harris, would"
        await settle(pilot)
        (doc,) = stored(sample_home)
        assert doc["quote"] == "Kamala Harris, would"
        assert background_of(view, "Kamala Harris") is not None
        assert background_of(view, "His running") is None, "only the words marked"
        await pilot.press("Y", "enter")  # the paragraph's first sentence
        await settle(pilot)
        quotes = sorted(str(doc["quote"]) for doc in stored(sample_home))
        assert (
            quotes[0] == "His running mate, Kamala Harris, would become the first female and "
            "first African- and Asian-American vice president."
        )
        assert app.session.store.summary(BIDEN).highlights == 2


async def test_annotations_view_lists_filters_opens_edits_and_deletes(sample_home: Path) -> None:
    app = make_app(sample_home)
    session = app.session
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        meta = session.resolve(BIDEN)
        plain, _ = session.plain_text(meta) or ("", 0)
        start = plain.index("Kamala Harris")
        assert session.highlight(BIDEN, plain, start, start + 13, "blue").changed
        other = session.articles[5]
        assert session.save_note(other.id, session_note("Check *this* later")).changed
        await pilot.press("A")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        listing = screen.query_one(AnnotationList)
        lines = shown_lines(listing)
        assert lines[0].startswith(other.title[:30]) and "note" in lines[0]
        assert "Check *this* later" in lines[2]
        assert "highlight (blue)" in lines[3] and "“Kamala Harris”" in lines[4]
        await pilot.press(*"has:highlights")
        await pilot.pause()
        assert [entry.article_id for entry in listing.entries] == [BIDEN]
        await pilot.press("enter")  # from the filter to the list
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"VP pick", "ctrl+s")
        await settle(pilot)
        assert stored(sample_home)[0]["text"] == "VP pick"
        assert listing.entries[0].note.text == "VP pick"
        await pilot.press("enter")
        await settle(pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen) and reading.meta.id == BIDEN
        view = reading.query_one(ArticleView)
        document = reading.document
        assert document is not None
        assert view.passage == document.locate(start)[0], "opened at the passage"
        assert any("Kamala Harris" in line for line in article_lines(view))
        await pilot.press("escape")  # back to the annotations view
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert stored(sample_home) == []
        assert listing.entries == []
        await pilot.press("escape", "escape")  # list -> filter; clears the filter
        await pilot.pause()
        assert isinstance(app.screen, AnnotationsScreen) and len(listing.entries) == 1
        await pilot.press("escape")  # empty filter: back
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


def session_note(text: str) -> object:
    from reader.store import Note

    return Note.new(text)


async def test_notes_list_moves_with_j_k_and_goes_to_the_passage_from_the_list(
    sample_home: Path,
) -> None:
    app = make_app(sample_home)
    session = app.session
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        meta = session.resolve(BIDEN)
        plain, _ = session.plain_text(meta) or ("", 0)
        first = plain.index("Kamala Harris")
        later = plain.index("At around 11:25am")
        session.highlight(BIDEN, plain, first, first + 13)
        session.highlight(BIDEN, plain, later, later + 17, text="a `note`")
        await pilot.press("N")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NotesList)
        options = dialog.query_one(OptionList)
        assert options.highlighted == 0
        await pilot.press("j")
        assert options.highlighted == 1
        await pilot.press("k", "j", "enter")
        await settle(pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        document = reading.document
        assert document is not None
        assert reading.query_one(ArticleView).passage == document.locate(later)[0]
        await pilot.press("N", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert [doc["quote"] for doc in stored(sample_home)] == ["At around 11:25am"]


async def test_orphan_is_shown_at_the_end_of_the_article(sample_home: Path) -> None:
    app = make_app(sample_home)
    session = app.session
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        meta = session.resolve(BIDEN)
        article = sample_home / "articles" / meta.path
        plain, _ = session.plain_text(meta) or ("", 0)
        start = plain.index("Kamala Harris")
        session.highlight(BIDEN, plain, start, start + 13, text="gone soon")
    article.write_text(article.read_text().replace("Kamala Harris", "his running mate"))
    app = make_app(sample_home)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_biden(pilot)
        (doc,) = stored(sample_home)
        assert doc["orphan"] is True
        await pilot.press("G")
        await settle(pilot)
        lines = "\n".join(article_lines(screen.query_one(ArticleView)))
        assert "no longer in the article" in lines and "“Kamala Harris”" in lines
