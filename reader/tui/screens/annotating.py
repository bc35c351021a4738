"""AnnotatingScreen: the tagging, note and star keys shared by the list and the reading view.

A subclass says which articles the keys act on (:meth:`targets`) and, in the
reading view, which passage a new note is attached to (:meth:`note_passage`).
Every change goes through the session's one mutation path
(:meth:`reader.session.session.Session.edit`), which saves it, keeps it for
undo and tells the app, which tells every screen; :meth:`report` shows the
outcome (or the reason nothing could be saved).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.library import ArticleMeta
from reader.session.session import Edited, Session
from reader.store import Note, parse_tag_input
from reader.tui.messages import OpenArticle

if TYPE_CHECKING:  # The dialogs are loaded when first opened, not while the app starts.
    from reader.tui.dialogs.notes_list import NoteChoice

ResultType = TypeVar("ResultType")


def quick_tag_bindings(quick_tags: dict[int, str]) -> list[Binding]:
    """The bindings of the configured quick tags: key N toggles tag N (id ``quick_tag.N``)."""
    return [
        Binding(
            str(number),
            f"quick_tag({number})",
            f"Toggle #{tag}",
            show=False,
            id=f"quick_tag.{number}",
        )
        for number, tag in sorted(quick_tags.items())
    ]


class AnnotatingScreen(Screen[ResultType]):
    """A screen whose keys tag, star and annotate articles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "tag", "Tag", id="annotate.tag"),
        Binding("n", "add_note", "Note", id="annotate.note"),
        Binding("N", "list_notes", "Notes", key_display="N", show=False, id="annotate.notes"),
        Binding("s", "toggle_star", "Star", id="annotate.star"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """The core: library, store, settings, queries and the one way to edit."""
        for binding in quick_tag_bindings(session.settings.quick_tags):
            self._bindings.key_to_bindings.setdefault(binding.key, []).append(binding)

    # -- what the keys act on -----------------------------------------------------------
    def targets(self) -> list[ArticleMeta]:
        """The articles the keys act on (the cursor's, or every marked one)."""
        raise NotImplementedError

    def note_passage(self) -> tuple[str, int | None, int | None]:
        """The passage a new note quotes: (text, start, end) in plain-text offsets."""
        return "", None, None

    def anchor_note(self, note: Note) -> Note:
        """A new note with the context of its passage (the reading view knows the text)."""
        return note

    def show_note(self, meta: ArticleMeta, note: Note) -> None:
        """Open the article at the note's passage (the reading view just scrolls to it)."""
        self.post_message(OpenArticle(meta, offset=note.start))

    def _describe_targets(self, targets: list[ArticleMeta]) -> str:
        if len(targets) == 1:
            return targets[0].title
        return f"{len(targets)} marked articles"

    def report(self, outcome: Edited, done: str | None = None, *, timeout: float = 2) -> bool:
        """Show what an edit did (``done``, else its description) or why it failed."""
        if not outcome.ok:
            self.notify(outcome.error, severity="error", markup=False, timeout=6)
            return False
        text = done if done is not None else outcome.describe().capitalize()
        self.notify(text, timeout=timeout, markup=False)
        return True

    def _guarded(self, work: str) -> bool:
        if self.session.store_loaded:
            return True
        self.notify(f"The annotations are still loading; try {work} again in a moment.", timeout=3)
        return False

    # -- tags --------------------------------------------------------------------------
    def action_tag(self) -> None:
        """Open the tag prompt for the targets."""
        targets = self.targets()
        if not targets or not self._guarded("tagging"):
            return
        store = self.session.store
        current: list[str] = []
        for meta in targets:
            current.extend(tag for tag in store.tags_of(meta.id) if tag not in current)

        def apply(typed: str | None) -> None:
            if not typed:
                return
            add, remove = parse_tag_input(typed)
            if not add and not remove:
                return
            outcome = self.session.edit_tags([meta.id for meta in targets], add, remove)
            self.report(outcome, None if outcome.changed else "No tag changed.", timeout=3)

        from reader.tui.dialogs.tag_dialog import TagDialog

        title = f"Tag: {self._describe_targets(targets)}"
        self.app.push_screen(TagDialog(title, current, store.all_tags()), apply)

    def action_quick_tag(self, number: int) -> None:
        """Toggle quick tag ``number`` on the targets."""
        tag = self.session.settings.quick_tags.get(number)
        targets = self.targets()
        if tag is None or not targets or not self._guarded("tagging"):
            return
        self.report(self.session.toggle_tag([meta.id for meta in targets], tag))

    # -- reading state ---------------------------------------------------------------
    def action_toggle_star(self) -> None:
        """Star the targets (or unstar them if all are starred)."""
        self._toggle_flag("starred")

    def _toggle_flag(self, flag: str) -> None:
        """Set a flag on the targets, or clear it if all have it (one path for read and star)."""
        targets = self.targets()
        if not targets or not self._guarded("that"):
            return
        outcome = self.session.toggle_flag([meta.id for meta in targets], flag)
        count = "" if len(targets) == 1 else f" ({len(targets)} articles)"
        self.report(outcome, f"{outcome.describe().capitalize()}{count}")

    # -- notes -------------------------------------------------------------------------
    def action_add_note(self) -> None:
        """Write a note on the current article (on the current passage when reading)."""
        targets = self.targets()
        if not targets or not self._guarded("the note"):
            return
        meta = targets[0]
        quote, start, end = self.note_passage()
        where = "passage of " if quote else ""
        note = self.anchor_note(Note.new("", quote, start, end))
        self._edit_note(meta, note, f"Note on the {where}{meta.title}")

    def _edit_note(self, meta: ArticleMeta, note: Note, title: str) -> None:
        from reader.tui.dialogs.note_editor import NoteEditor

        def saved(text: str | None) -> None:
            if not text:
                return
            outcome = self.session.save_note(meta.id, note.edited(text))
            if not self.report(outcome):
                # Nothing typed is lost: the editor comes back with the text.
                self.app.push_screen(NoteEditor(title, note.quote, text), saved)

        self.app.push_screen(NoteEditor(title, note.quote, note.text), saved)

    def action_list_notes(self) -> None:
        """List the current article's notes."""
        targets = self.targets()
        if not targets or not self._guarded("that"):
            return
        from reader.tui.dialogs.notes_list import NotesList

        meta = targets[0]
        notes = self.session.store.notes_of(meta.id)

        def chosen(choice: NoteChoice | None) -> None:
            if choice is None:
                return
            what, note = choice
            if what == "open":
                self.show_note(meta, note)
            elif what == "convert":
                self.report(self.session.convert_note(meta.id, note))
                self.action_list_notes()
            elif what == "edit":
                self._edit_note(meta, note, f"Edit note on {meta.title}")
            elif what == "delete":
                self._delete_note(meta, note)

        self.app.push_screen(NotesList(f"Notes on {meta.title}", notes), chosen)

    def _delete_note(self, meta: ArticleMeta, note: Note) -> None:
        from reader.tui.dialogs.confirm_dialog import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if not yes:
                self.action_list_notes()
                return
            outcome = self.session.delete_note(meta.id, note.id)
            done = f"{note.kind.capitalize()} deleted (ctrl+z brings it back)."
            if self.report(outcome, done, timeout=3):
                self.action_list_notes()

        first_line = " ".join((note.text or note.quote).split())[:60]
        self.app.push_screen(
            ConfirmDialog(f"Delete the {note.kind} “{first_line}”?", "Delete", "Keep"), confirmed
        )
