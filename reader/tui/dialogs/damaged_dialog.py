"""DamagedStoreDialog: annotation files that cannot be read, and what to do about them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reader.store.errors import DamagedFile


class DamagedStoreDialog(ModalScreen[str]):
    """Dismissed with ``restore``, ``fresh`` or ``later``. Nothing is overwritten before that."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "choose('restore')", "Restore backups", id="damaged.restore"),
        Binding("f", "choose('fresh')", "Start fresh", id="damaged.fresh"),
        Binding("l,escape", "choose('later')", "Decide later", id="damaged.later"),
    ]

    def __init__(self, damaged: Sequence[DamagedFile]) -> None:
        super().__init__()
        self.damaged = list(damaged)

    def compose(self) -> ComposeResult:
        """What is damaged, where the copies are, and the three choices."""
        with Vertical(classes="dialog-box", id="damaged-box"):
            yield Static(Text("Some annotation files cannot be read"), classes="dialog-title")
            lines = Text(end="")
            for item in self.damaged[:8]:
                lines.append(f"• {item.describe()}\n")
            if len(self.damaged) > 8:
                lines.append(f"… and {len(self.damaged) - 8} more\n")
            lines.append(
                "\nNothing has been overwritten. Until you choose, these articles' tags and "
                "notes are not shown and cannot be changed."
            )
            yield Static(lines, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore newest good backup (r)", id="restore", variant="primary")
                yield Button("Start fresh (f)", id="fresh", variant="error")
                yield Button("Decide later (l)", id="later")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A click chooses too."""
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        """Close with the choice."""
        self.dismiss(choice)
