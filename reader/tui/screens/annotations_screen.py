"""AnnotationsScreen: every note and highlight in the library, in one list.

Newest first, with the article's title, the quote, the note and the tags;
typing filters it through the query language (words also match the
annotation's own quote, note and tags; ``has:highlights`` keeps highlights);
``enter`` opens the article at the passage; ``e`` edits, ``c`` turns a note
into a highlight and back, ``d`` deletes (after asking). The list and the
filtering are :class:`~reader.session.annotations.AnnotationCatalog`'s; this
screen wires them to keys and widgets.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from reader.query.syntax import QueryError
from reader.rendering.note_markdown import render_note
from reader.session.annotations import Annotation, AnnotationCatalog
from reader.session.session import Edited, Session
from reader.tui.dialogs.confirm_dialog import ConfirmDialog
from reader.tui.dialogs.note_editor import NoteEditor
from reader.tui.messages import AnnotationsChanged, OpenArticle
from reader.tui.widgets.annotation_list import AnnotationList
from reader.tui.widgets.filter_input import FilterInput
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.note_margin import NOTE_CLASSES, note_styles


class NoteDetail(Static):
    """The annotation under the cursor, its note rendered from Markdown."""

    COMPONENT_CLASSES = NOTE_CLASSES

    def show_entry(self, entry: Annotation | None) -> None:
        """Render an annotation's note (or say there is none)."""
        if entry is None:
            self.update(Text(""))
            return
        note = entry.note
        text = render_note(note.text, note_styles(self)) if note.text.strip() else Text("")
        self.update(text)
        self.set_class(bool(note.text.strip()), "-active")


class AnnotationsScreen(Screen[None]):
    """One list of every note and highlight; filter as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open at passage", id="annotations.open"),
        Binding("e", "edit", "Edit note", id="annotations.edit"),
        Binding("c", "convert", "Note ↔ highlight", id="annotations.convert"),
        Binding("d,delete", "delete", "Delete", id="annotations.delete"),
        Binding("escape", "close", "Back", id="annotations.close"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """The core: the annotations, the query language and the one way to edit."""
        self.catalog: AnnotationCatalog | None = None
        self.query_text = ""

    def compose(self) -> ComposeResult:
        """Title bar, filter line, query errors, the list, the note shown, the footer."""
        yield Static(id="annotations-title")
        yield FilterInput(
            placeholder="Filter: words, #tag, @name, has:highlights, is:starred …",
            id="annotations-filter",
        )
        yield Static(id="annotations-error")
        yield AnnotationList(id="annotations-list")
        yield NoteDetail(id="annotations-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read every annotation and show them; typing filters at once."""
        self.reload()
        self.query_one(FilterInput).focus()

    def on_screen_resume(self) -> None:
        """Shown again (the screen is kept): catch up with changes made meanwhile."""
        if self.catalog is not None and self.session.annotations() is not self.catalog:
            self.reload()

    # -- content ------------------------------------------------------------------
    def reload(self) -> None:
        """Read the annotations again (after a change) and re-apply the filter."""
        listing = self.query_one(AnnotationList)
        keep = listing.current.note.id if listing.current else None
        self.catalog = self.session.annotations()
        self.apply_filter(self.query_text, keep)

    def apply_filter(self, text: str, keep: str | None = None) -> None:
        """Show the annotations matching ``text`` (an explanation under it if it is wrong)."""
        self.query_text = text
        if self.catalog is None:
            return
        error = self.query_one("#annotations-error", Static)
        try:
            entries = self.catalog.filter(text)
        except QueryError as problem:
            error.update(Text(f" {problem}"))
            error.add_class("-active")
            return
        error.remove_class("-active")
        self.query_one(AnnotationList).show(entries, keep)
        total = len(self.catalog)
        shown = f"{len(entries):,} of {total:,}" if text.strip() else f"{total:,}"
        orphans = sum(1 for entry in entries if entry.note.orphan)
        title = Text(f" Annotations: {shown} · newest first")
        if orphans:
            title.append(f" · {orphans} orphan{'s' if orphans != 1 else ''}")
        self.query_one("#annotations-title", Static).update(title)

    @on(FilterInput.Changed)
    def _typed(self, event: FilterInput.Changed) -> None:
        self.apply_filter(event.value)

    @on(FilterInput.Done)
    def _to_list(self) -> None:
        self.query_one(AnnotationList).focus()

    @on(FilterInput.Cancelled)
    def _cancelled(self) -> None:
        filter_input = self.query_one(FilterInput)
        if filter_input.value:
            filter_input.value = ""
        else:
            self.dismiss(None)

    @on(AnnotationList.CursorMoved)
    def _cursor_moved(self) -> None:
        self.query_one(NoteDetail).show_entry(self.query_one(AnnotationList).current)

    @on(AnnotationsChanged)
    def _changed(self) -> None:
        self.reload()

    # -- actions --------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The list's keys act when the list has the focus (typing goes to the filter)."""
        if action in ("open", "edit", "convert", "delete"):
            return self.query_one(AnnotationList).has_focus
        return True

    def _current(self) -> Annotation | None:
        return self.query_one(AnnotationList).current

    def _report(self, outcome: Edited, done: str | None = None) -> bool:
        if not outcome.ok:
            self.notify(outcome.error, severity="error", markup=False, timeout=6)
            return False
        self.notify(done or outcome.describe().capitalize(), timeout=2, markup=False)
        return True

    def action_open(self) -> None:
        """Open the article at the annotation's passage."""
        entry = self._current()
        if entry is None or self.catalog is None:
            return
        note = entry.note
        offset = None if note.orphan else note.start
        self.post_message(OpenArticle(self.catalog.meta_of(entry), offset=offset))

    def action_edit(self) -> None:
        """Edit the note (a highlight's note, too)."""
        entry = self._current()
        if entry is None:
            return
        note = entry.note
        title = f"Edit {note.kind} on {entry.title}"

        def saved(text: str | None) -> None:
            if not text:
                return
            if not self._report(self.session.save_note(entry.article_id, note.edited(text))):
                self.app.push_screen(NoteEditor(title, note.quote, text), saved)

        self.app.push_screen(NoteEditor(title, note.quote, note.text), saved)

    def action_convert(self) -> None:
        """Turn a note on a passage into a highlight, or a highlight back into a note."""
        entry = self._current()
        if entry is not None:
            self._report(self.session.convert_note(entry.article_id, entry.note))

    def action_delete(self) -> None:
        """Delete the annotation, after asking."""
        entry = self._current()
        if entry is None:
            return
        note = entry.note

        def confirmed(yes: bool | None) -> None:
            if yes:
                outcome = self.session.delete_note(entry.article_id, note.id)
                self._report(outcome, f"{note.kind.capitalize()} deleted (ctrl+z brings it back).")

        shown = " ".join((note.text or note.quote).split())[:60]
        self.app.push_screen(
            ConfirmDialog(f"Delete the {note.kind} “{shown}”?", "Delete", "Keep"), confirmed
        )

    def action_close(self) -> None:
        """From the list, back to the filter line; from there, back to the screen before."""
        if self.query_one(AnnotationList).has_focus:
            self.query_one(FilterInput).focus()
        else:
            self.dismiss(None)
