"""NoteMargin: the notes on the passage under the cursor, rendered from Markdown (inert)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from reader.rendering.note_markdown import NOTE_ROLES, render_note
from reader.rendering.styling import StyleMap
from reader.store.records import Note

MAX_NOTES_SHOWN = 3


class NoteRendering:
    """Resolves the note roles from a widget's ``note-view--*`` component classes."""

    NOTE_CLASSES = {f"note-view--{role}" for role in NOTE_ROLES}

    def note_styles(self) -> StyleMap:
        """The Rich style of each note role."""
        get = self.get_component_rich_style
        return {role: get(f"note-view--{role}", partial=True) for role in NOTE_ROLES}


class NoteMargin(NoteRendering, Static):
    """Shown under the article while the passage cursor is on a passage with notes."""

    COMPONENT_CLASSES = NoteRendering.NOTE_CLASSES | {"note-margin--label"}

    def show_notes(self, notes: Sequence[Note]) -> None:
        """Render these notes (hidden when there are none with text)."""
        written = [note for note in notes if note.text.strip()]
        self.set_class(bool(written), "-active")
        if not written:
            self.update(Text(""))
            return
        styles = self.note_styles()
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
