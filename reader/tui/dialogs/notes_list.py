"""NotesList: the notes and highlights of an article, to open, edit, convert or delete."""

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

from reader.rendering.note_markdown import render_note
from reader.rendering.styling import StyleMap
from reader.store.records import Note
from reader.tui.widgets.note_margin import NOTE_CLASSES, note_styles

NoteChoice = tuple[str, Note]
"""What to do (``open``, ``edit``, ``convert`` or ``delete``) and with which note."""


def note_label(note: Note, styles: StyleMap, quote_style: object = None) -> Text:
    """A note as a list entry: its quote, its note rendered from Markdown, when and what."""
    text = Text(end="")
    if note.quote:
        quote = " ".join(note.quote.split())
        shown = quote[:70] + "…" if len(quote) > 70 else quote
        role = f"highlight_{note.color}" if note.is_highlight else "quote"
        text.append("“", styles.get("quote"))
        text.append(shown, styles.get(role) or styles.get("quote"))
        text.append("”\n", styles.get("quote"))
    if note.text.strip():
        text.append_text(render_note(note.text, styles))
        text.append("\n")
    kind = f"highlight ({note.color})" if note.is_highlight else "note"
    orphan = " · orphan: passage no longer in the article" if note.orphan else ""
    text.append(f"{kind} · {note.updated[:16].replace('T', ' ')}{orphan}", styles.get("meta"))
    return text


class NoteOptions(OptionList):
    """The option list of notes; ``j``/``k`` move like everywhere else."""

    COMPONENT_CLASSES = (
        OptionList.COMPONENT_CLASSES
        | NOTE_CLASSES
        | {
            "note-view--meta",
            *{f"note-view--highlight-{c}" for c in ("yellow", "green", "blue", "pink")},
        }
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="notes.up"),
    ]

    def label_styles(self) -> StyleMap:
        """The note roles, plus the meta line and the highlight colours."""
        styles = dict(note_styles(self))
        for role in (
            "meta",
            "highlight_yellow",
            "highlight_green",
            "highlight_blue",
            "highlight_pink",
        ):
            styles[role] = self.get_component_rich_style(
                f"note-view--{role.replace('_', '-')}", partial=True
            )
        return styles


class NotesList(ModalScreen[NoteChoice | None]):
    """``enter`` goes to the passage, ``e`` edits, ``c`` converts, ``d`` deletes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose('open')", "Go to passage", priority=True, id="notes.open"),
        Binding("e", "choose('edit')", "Edit", id="notes.edit"),
        Binding("d,delete", "choose('delete')", "Delete", id="notes.delete"),
        Binding("c", "choose('convert')", "Note ↔ highlight", id="notes.convert"),
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
                yield NoteOptions(id="notes-options")
            else:
                yield Static(Text("No notes yet: press n to write one."), classes="dialog-text")
            yield Static(
                Text("enter go to passage · e edit · c note ↔ highlight · d delete · esc close"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        """Render the notes (their Markdown needs the list's styles)."""
        if not self.notes:
            return
        options = self.query_one(NoteOptions)
        styles = options.label_styles()
        options.add_options([Option(note_label(note, styles), id=note.id) for note in self.notes])
        options.highlighted = 0
        options.focus()

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
