"""FindBar: the line where a string to find in the article is typed (``/`` in the reading view)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class FindBar(Input):
    """An input that asks for the next or previous match and closes on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down", "step(1)", "Next match", id="find.next"),
        Binding("up", "step(-1)", "Previous match", id="find.previous"),
        Binding("escape", "close", "Close find", id="find.close"),
    ]

    class Stepped(Message):
        """Go to the next (``step`` 1) or previous (-1) match."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Closed(Message):
        """Escape: stop finding."""

    def action_step(self, step: int) -> None:
        """Ask for another match."""
        self.post_message(self.Stepped(step))

    def action_close(self) -> None:
        """Ask to close the find bar."""
        self.post_message(self.Closed())
