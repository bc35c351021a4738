"""AnnotationList: every note and highlight, three lines each, drawn line by line.

A line-API widget, so 20,000 annotations cost nothing until they are on
screen: each entry is its article's title with what it is and when, the
quoted passage (in its highlight colour), and the first line of the note.
All text is data: it is built into ``rich.text.Text``, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.session.annotations import Annotation
from reader.store.records import HIGHLIGHT_COLORS
from reader.util.safety import inert_line

ROW_HEIGHT = 3
"""Screen lines per annotation."""

_ROLES = ("cursor", "title", "meta", "tags", "quote", "note", "orphan", "empty")


class AnnotationList(ScrollView, can_focus=True):
    """The annotations, newest first; ``enter`` and the screen's keys act on the cursor's."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"annotation-list--{role}" for role in _ROLES),
        *(f"annotation-list--highlight-{colour}" for colour in HIGHLIGHT_COLORS),
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", show=False, id="annotations.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="annotations.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="annotations.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="annotations.page_up"),
        Binding("g,home", "first", "Newest", show=False, id="annotations.first"),
        Binding("G,end", "last", "Oldest", show=False, id="annotations.last"),
    ]

    cursor: reactive[int] = reactive(0)
    """Index of the annotation under the cursor."""

    class CursorMoved(Message):
        """The cursor is on another annotation (or the list changed)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Annotation] = []
        self._styles: dict[str, Style] | None = None

    # -- content ------------------------------------------------------------------
    def show(self, entries: Sequence[Annotation], keep: str | None = None) -> None:
        """Show these annotations; the cursor stays on note id ``keep`` if it is still there."""
        self.entries = list(entries)
        index = 0
        if keep is not None:
            index = next((i for i, e in enumerate(self.entries) if e.note.id == keep), 0)
        self.virtual_size = Size(self.size.width, len(self.entries) * ROW_HEIGHT)
        self.set_reactive(AnnotationList.cursor, min(index, max(len(self.entries) - 1, 0)))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved())

    @property
    def current(self) -> Annotation | None:
        """The annotation under the cursor."""
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    # -- moving ---------------------------------------------------------------------
    def watch_cursor(self) -> None:
        """Keep the cursor in view; tell the screen."""
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved())

    def _scroll_to_cursor(self) -> None:
        self.scroll_to_region(
            Region(0, self.cursor * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, immediate=True
        )

    def _go(self, index: int) -> None:
        if self.entries:
            self.cursor = min(max(index, 0), len(self.entries) - 1)

    def action_move(self, step: int) -> None:
        """One annotation down or up."""
        self._go(self.cursor + step)

    def action_page(self, step: int) -> None:
        """One screen down or up."""
        rows = max(self.scrollable_content_region.height // ROW_HEIGHT, 1)
        self._go(self.cursor + step * rows)

    def action_first(self) -> None:
        """The newest annotation."""
        self._go(0)

    def action_last(self) -> None:
        """The oldest annotation."""
        self._go(len(self.entries) - 1)

    # -- drawing --------------------------------------------------------------------
    def notify_style_update(self) -> None:
        """Forget resolved styles when the theme or CSS changes."""
        super().notify_style_update()
        self._styles = None

    def _style(self, role: str) -> Style:
        if self._styles is None:
            names = [*_ROLES, *(f"highlight-{colour}" for colour in HIGHLIGHT_COLORS)]
            self._styles = {
                name: self.get_component_rich_style(f"annotation-list--{name}", partial=True)
                for name in names
            }
        return self._styles.get(role, Style.null())

    def _line(self, entry: Annotation, row: int, width: int) -> Text:
        note = entry.note
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if row == 0:
            text.append(inert_line(entry.title), self._style("title"))
            kind = f"highlight ({note.color})" if note.is_highlight else "note"
            text.append(f"  {kind} · {note.created[:10]}", self._style("meta"))
            if note.orphan:
                text.append("  orphan: passage no longer in the article", self._style("orphan"))
            if entry.tags:
                text.append("  " + " ".join(f"#{tag}" for tag in entry.tags), self._style("tags"))
        elif row == 1:
            if note.quote:
                quote = inert_line(" ".join(note.quote.split()))
                role = f"highlight-{note.color}" if note.is_highlight else "quote"
                text.append("  “", self._style("quote"))
                text.append(quote[: width * 2], self._style(role))
                text.append("”", self._style("quote"))
            else:
                text.append("  (on the whole article)", self._style("empty"))
        elif note.text.strip():
            text.append(
                "  " + inert_line(" ".join(note.text.split()))[: width * 2], self._style("note")
            )
        else:
            text.append("  (no note: e writes one)", self._style("empty"))
        return text

    def render_line(self, y: int) -> Strip:
        """Draw one line."""
        width = self.scrollable_content_region.width
        line_number = round(self.scroll_y) + y
        index, row = divmod(line_number, ROW_HEIGHT)
        base = self.rich_style
        if not 0 <= index < len(self.entries):
            return Strip.blank(width, base)
        text = self._line(self.entries[index], row, width)
        text.truncate(width, overflow="ellipsis", pad=True)
        if index == self.cursor:
            text.stylize(self._style("cursor"))
        segments = list(text.render(self.app.console))
        return Strip(segments, width).crop_extend(0, width, base).apply_style(base)
