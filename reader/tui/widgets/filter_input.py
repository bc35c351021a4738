"""FilterInput: the line where the list filter is typed."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    """An input that reports when the person is done (enter) or gives up (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Clear filter", id="filter.cancel"),
        Binding("enter", "done", "Keep filter", id="filter.done"),
        Binding("down", "done", "To the list", show=False, id="filter.to_list"),
    ]

    class Cancelled(Message):
        """Escape: the filter should be cleared."""

    class Done(Message):
        """Enter: keep the filter and go back to the list."""

    def _watch_value(self, value: str) -> None:
        """As Input's, without laying out the screen again at every key.

        Input gives its text's width as ``virtual_size``, a layout change; this
        line is as wide as the screen whatever is typed, so the width is taken
        quietly first (it still bounds how far the line scrolls sideways) and
        Input's own assignment then changes nothing.
        """
        if not self.styles.auto_dimensions:
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
            self.refresh()
        super()._watch_value(value)

    def action_cancel(self) -> None:
        """Ask for the filter to be cleared."""
        self.post_message(self.Cancelled())

    def action_done(self) -> None:
        """Ask to return to the list with the filter kept."""
        self.post_message(self.Done())
