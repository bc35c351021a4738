"""NotesList: the notes of an article, to open, edit or delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.store.records import Note

NoteChoice = tuple[str, Note]
"""What to do (``open``, ``edit`` or ``delete``) and with which note."""


def _label(note: Note) -> Text:
    text = Text(end="")
    if note.quote:
        quote = " ".join(note.quote.split())
        text.append("“" + (quote[:70] + "…" if len(quote) > 70 else quote) + "”\n", style="italic")
    first = " ".join(note.text.split())
    text.append(first[:90] + ("…" if len(first) > 90 else ""))
    text.append(f"\n{note.updated[:16].replace('T', ' ')}", style="dim")
    return text


class NotesList(ModalScreen[NoteChoice | None]):
    """``enter`` opens the note's passage, ``e`` edits, ``d`` deletes, ``escape`` closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose('open')", "Go to passage", priority=True, id="notes.open"),
        Binding("e", "choose('edit')", "Edit", id="notes.edit"),
        Binding("d,delete", "choose('delete')", "Delete", id="notes.delete"),
        Binding("escape,N", "close", "Close", id="notes.close"),
    ]

    def __init__(self, title: str, notes: Sequence[Note]) -> None:
        super().__init__()
        self.title_text = title
        self.notes = list(notes)

    def compose(self) -> ComposeResult:
        """Title and one option per note."""
        with Vertical(classes="dialog-box", id="notes-box"):
            yield Static(Text(self.title_text), classes="dialog-title")
            if self.notes:
                yield OptionList(
                    *[Option(_label(note), id=note.id) for note in self.notes], id="notes-options"
                )
            else:
                yield Static(Text("No notes yet: press n to write one."), classes="dialog-text")
            yield Static(
                Text("enter go to passage · e edit · d delete · esc close"), classes="dialog-hint"
            )

    def action_choose(self, what: str) -> None:
        """Close with the highlighted note and what to do with it."""
        if not self.notes:
            return
        options = self.query_one("#notes-options", OptionList)
        if options.highlighted is not None:
            self.dismiss((what, self.notes[options.highlighted]))

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
