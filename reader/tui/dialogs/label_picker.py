"""LabelPicker: one key gives an entity its label (or says it is none), as in a labelling tool."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Static

LABEL_KEYS = {
    "p": "PERSON",
    "o": "ORG",
    "l": "PLACE",
    "m": "MISC",
    "d": "DATE",
    "f": "FIGURE",
}
NOT_AN_ENTITY = "NONE"

Choice = tuple[str, bool]
"""(label, or ``NONE`` for "not an entity"; True when it applies to this article only)."""


class LabelPicker(ModalScreen[Choice | None]):
    """``p o l m d f`` choose the label, ``x`` says "not an entity", ``a`` switches between
    the whole library and this article only, ``escape`` cancels.

    With ``remove_only`` the question is just "not an entity?": ``enter`` or ``x`` confirms.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(key, f"choose('{label}')", label, show=False, id=f"relabel.{label.lower()}")
            for key, label in LABEL_KEYS.items()
        ],
        Binding(
            "x", f"choose('{NOT_AN_ENTITY}')", "Not an entity", show=False, id="relabel.not_entity"
        ),
        Binding("enter", "confirm", "Confirm", show=False, id="relabel.confirm"),
        Binding(
            "a", "toggle_scope", "This article only / whole library", show=False, id="relabel.scope"
        ),
        Binding("escape", "cancel", "Cancel", id="relabel.cancel"),
    ]

    article_only: reactive[bool] = reactive(False)
    """True: the correction applies to this article only."""

    def __init__(
        self,
        name: str,
        current: str = "",
        *,
        allow_none: bool = True,
        prompt: str = "Label for",
        remove_only: bool = False,
    ) -> None:
        super().__init__()
        self.entity_name = name
        self.current = current
        self.allow_none = allow_none or remove_only
        self.remove_only = remove_only
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        """The name, the keys, the scope."""
        with Vertical(classes="dialog-box", id="label-box"):
            yield Static(Text(f"{self.prompt} “{self.entity_name}”"), classes="dialog-title")
            keys = Text(end="")
            if self.remove_only:
                keys.append(" enter ", style="bold reverse")
                keys.append(" or ")
                keys.append(" x ", style="bold reverse")
                keys.append(" it is not an entity\n")
            else:
                for key, label in LABEL_KEYS.items():
                    marker = " (now)" if label == self.current else ""
                    keys.append(f" {key} ", style="bold reverse")
                    keys.append(f" {label}{marker}\n")
                if self.allow_none:
                    keys.append(" x ", style="bold reverse")
                    keys.append(" not an entity\n")
            yield Static(keys, classes="dialog-text")
            yield Static(id="label-scope", classes="dialog-text")
            yield Static(Text("esc cancel"), classes="dialog-hint")

    def watch_article_only(self) -> None:
        """Say where the correction will apply."""
        where = "this article only" if self.article_only else "every article in the library"
        other = "the whole library" if self.article_only else "this article only"
        self.query_one("#label-scope", Static).update(Text(f"Applies to {where}  (a: {other})"))

    def on_mount(self) -> None:
        """Show the scope line."""
        self.watch_article_only()

    def action_toggle_scope(self) -> None:
        """Switch between the whole library and this article."""
        self.article_only = not self.article_only

    def action_choose(self, label: str) -> None:
        """Close with the label."""
        if label == NOT_AN_ENTITY and not self.allow_none:
            return
        if self.remove_only and label != NOT_AN_ENTITY:
            return
        self.dismiss((label, self.article_only))

    def action_confirm(self) -> None:
        """``enter`` confirms "not an entity" (when that is the question)."""
        if self.remove_only:
            self.dismiss((NOT_AN_ENTITY, self.article_only))

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
