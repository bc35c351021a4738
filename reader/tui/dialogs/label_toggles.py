"""LabelToggles: turn the highlights of each entity label on or off."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from reader.entities import LABELS
from reader.tui.widgets.entity_panel import LABEL_NAMES


class LabelToggles(ModalScreen[frozenset[str] | None]):
    """``space`` switches a label, ``enter`` applies; dismissed with the labels to hide."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "apply", "Apply", priority=True, id="labels.apply"),
        Binding("escape", "cancel", "Cancel", id="labels.cancel"),
    ]

    def __init__(self, hidden: Iterable[str]) -> None:
        super().__init__()
        self.hidden = frozenset(hidden)

    def compose(self) -> ComposeResult:
        """One switch per label."""
        with Vertical(classes="dialog-box", id="toggles-box"):
            yield Static(Text("Highlight which entities?"), classes="dialog-title")
            yield SelectionList[str](
                *[
                    (self._prompt(label, label not in self.hidden), label, label not in self.hidden)
                    for label in LABELS
                ],
                id="label-switches",
            )
            yield Static(Text("space switch · enter apply · esc cancel"), classes="dialog-hint")

    @staticmethod
    def _prompt(label: str, on: bool) -> Text:
        """A label's line: a mark that differs for on and off, in words too."""
        mark = "[x] on " if on else "[ ] off"
        return Text(f"{mark}  {label}  {LABEL_NAMES[label]}")

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Keep each line's mark in step with its switch."""
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        switches = self.query_one(SelectionList)
        selected = set(switches.selected)
        for index, label in enumerate(LABELS):
            option = switches.get_option_at_index(index)
            prompt = self._prompt(label, label in selected)
            if option.prompt != prompt:
                switches.replace_option_prompt_at_index(index, prompt)

    def action_apply(self) -> None:
        """Close with the labels left unselected (hidden)."""
        shown = set(self.query_one(SelectionList).selected)
        self.dismiss(frozenset(label for label in LABELS if label not in shown))

    def action_cancel(self) -> None:
        """Close without a change."""
        self.dismiss(None)
