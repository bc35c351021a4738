"""NoteEditor: write or edit a note (Markdown) on an article or on one passage."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.tui.dialogs.confirm_dialog import ConfirmDialog

MAX_QUOTE_SHOWN = 600


class NoteEditor(ModalScreen[str | None]):
    """``ctrl+s`` saves (dismissed with the text); ``escape`` asks before discarding changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note.cancel"),
    ]

    def __init__(self, title: str, quote: str = "", text: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.quote = quote
        self.original = text

    def compose(self) -> ComposeResult:
        """Title, the quoted passage, the editor and a hint."""
        with Vertical(classes="dialog-box", id="note-box"):
            yield Static(Text(self.title_text), classes="dialog-title")
            if self.quote:
                shown = (
                    self.quote
                    if len(self.quote) <= MAX_QUOTE_SHOWN
                    else (self.quote[:MAX_QUOTE_SHOWN] + "…")
                )
                yield Static(Text(shown), id="note-quote")
            yield TextArea(self.original, id="note-text", soft_wrap=True, tab_behavior="indent")
            yield Static(Text("ctrl+s save · esc cancel · Markdown welcome"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Type straight away."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        """What is in the editor now."""
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        """Close with the text (an empty note is not saved)."""
        self.dismiss(self.text.strip() and self.text)

    def action_cancel(self) -> None:
        """Close; ask first if the text changed."""
        if self.text == self.original:
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Discard the changes to this note?", "Discard", "Keep"), decided
        )
