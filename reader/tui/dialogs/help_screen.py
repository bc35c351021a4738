"""HelpScreen: every key of the screen it was opened from."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from reader.tui.keys import key_table


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys active on one screen, with what they do."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, screen: Screen[object], title: str) -> None:
        super().__init__()
        self._rows = key_table(screen)
        self._title = title

    def compose(self) -> ComposeResult:
        """A title and the key table in a scrollable box."""
        with VerticalScroll(id="help-box"):
            yield Static(Text(f"Keys: {self._title}"), id="help-title")
            table = Text(end="")
            width = max((len(keys) for keys, _ in self._rows), default=4) + 3
            for keys, description in self._rows:
                table.append(keys.ljust(width), style="bold")
                table.append(description + "\n")
            table.append("\nescape, ? or q closes this help.", style="italic")
            yield Static(table, id="help-keys")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss(result)
