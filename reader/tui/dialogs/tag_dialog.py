"""TagDialog: type tags, comma-separated, with completion of existing tags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.store.tags import complete_tags


def _split_last(value: str) -> tuple[str, str, str]:
    """Split input into (text before the last tag, its ``-`` sign, the last tag typed)."""
    head, _, last = value.rpartition(",")
    stripped = last.lstrip()
    sign = "-" if stripped.startswith("-") else ""
    return (head + "," if head else "") + (" " if head else ""), sign, stripped.lstrip("-")


class LastTagSuggester(Suggester):
    """Suggests the rest of the tag being typed (inline, accepted with the right arrow)."""

    def __init__(self, known: Mapping[str, int]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last tag completed by the best prefix match."""
        head, sign, last = _split_last(value)
        if not last:
            return None
        for tag in complete_tags(last, self.known, limit=1):
            if tag.startswith(last.casefold()):
                return f"{head}{sign}{tag}"
        return None


class TagDialog(ModalScreen[str | None]):
    """Tag prompt: ``enter`` applies, ``tab`` takes the highlighted suggestion, ``escape`` cancels.

    Dismissed with what was typed (parsed by ``reader.store.tags.parse_tag_input``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tag.cancel"),
        Binding("tab", "complete", "Complete tag", priority=True, id="tag.complete"),
        Binding(
            "down",
            "suggestion(1)",
            "Next suggestion",
            show=False,
            priority=True,
            id="tag.next_suggestion",
        ),
        Binding(
            "up",
            "suggestion(-1)",
            "Previous suggestion",
            show=False,
            priority=True,
            id="tag.previous_suggestion",
        ),
    ]

    def __init__(
        self,
        title: str,
        current: Sequence[str],
        known: Mapping[str, int],
        placeholder: str = "tags, comma-separated; -tag removes one",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.current = list(current)
        self.known = dict(known)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        """Title, current tags, the input and the suggestions."""
        with Vertical(classes="dialog-box", id="tag-box"):
            yield Static(Text(self.title_text), classes="dialog-title")
            shown = " ".join(f"#{tag}" for tag in self.current) or "no tags yet"
            yield Static(Text(f"Now: {shown}"), id="tag-current", classes="dialog-text")
            yield Input(
                placeholder=self.placeholder, suggester=LastTagSuggester(self.known), id="tag-input"
            )
            yield OptionList(id="tag-suggestions")
            yield Static(
                Text("enter apply · tab complete · ↑↓ choose · esc cancel"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        """Show the most used tags before anything is typed."""
        self._suggest("")

    def _suggest(self, value: str) -> None:
        _, _, last = _split_last(value)
        options = self.query_one("#tag-suggestions", OptionList)
        options.clear_options()
        matches = complete_tags(last, self.known)
        options.add_options(
            [Option(Text(f"#{tag}  ({self.known[tag]})"), id=tag) for tag in matches]
        )
        options.display = bool(matches)
        if matches:
            options.highlighted = 0

    @on(Input.Changed, "#tag-input")
    def _changed(self, event: Input.Changed) -> None:
        self._suggest(event.value)

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    @on(OptionList.OptionSelected, "#tag-suggestions")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._take(str(event.option.id))
        self.query_one("#tag-input", Input).focus()

    def _take(self, tag: str) -> None:
        field = self.query_one("#tag-input", Input)
        head, sign, _ = _split_last(field.value)
        field.value = f"{head}{sign}{tag}, "
        field.cursor_position = len(field.value)

    def action_complete(self) -> None:
        """Put the highlighted suggestion in place of the tag being typed."""
        options = self.query_one("#tag-suggestions", OptionList)
        if options.display and options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self._take(str(option.id))

    def action_suggestion(self, step: int) -> None:
        """Move the highlight in the suggestions."""
        options = self.query_one("#tag-suggestions", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = (current + step) % options.option_count

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
