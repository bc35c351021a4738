"""NoteMargin: the notes on the passage under the cursor, rendered from Markdown (inert)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from reader.rendering.note_markdown import NOTE_ROLES, render_note
from reader.rendering.styling import StyleMap
from reader.store.records import Note

MAX_NOTES_SHOWN = 3


NOTE_CLASSES = {f"note-view--{role}" for role in NOTE_ROLES}
"""Component classes a widget showing rendered notes declares (styled in app.tcss)."""


def note_styles(widget: Widget) -> StyleMap:
    """The Rich style of each note role, from the widget's ``note-view--*`` classes."""
    return {
        role: widget.get_component_rich_style(f"note-view--{role}", partial=True)
        for role in NOTE_ROLES
    }


class NoteMargin(Static):
    """Shown under the article while the passage cursor is on a passage with notes."""

    COMPONENT_CLASSES = NOTE_CLASSES | {"note-margin--label"}

    def show_notes(self, notes: Sequence[Note]) -> None:
        """Render these notes (hidden when there are none with text)."""
        written = [note for note in notes if note.text.strip()]
        self.set_class(bool(written), "-active")
        if not written:
            self.update(Text(""))
            return
        styles = note_styles(self)
        label = self.get_component_rich_style("note-margin--label", partial=True)
        text = Text(end="")
        for number, note in enumerate(written[:MAX_NOTES_SHOWN]):
            if number:
                text.append("\n")
            text.append("✎ " + ("highlight note · " if note.is_highlight else "note · "), label)
            text.append("\n")
            text.append_text(render_note(note.text, styles))
        if len(written) > MAX_NOTES_SHOWN:
            text.append(f"\n… {len(written) - MAX_NOTES_SHOWN} more (N lists them)", label)
        self.update(text)
