"""ImportDialog: asks for a path or URL to import (the ``a`` key on the list)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What the person asked to import: paths or URLs, and whether to fetch entry pages."""

    targets: tuple[str, ...]
    fetch_pages: bool = False


def split_targets(typed: str) -> tuple[str, ...]:
    """The paths and URLs in what was typed.

    A path that exists is taken whole (spaces and all); otherwise the line is
    split like a shell would, so quoted or backslash-escaped paths (as a
    terminal pastes a dropped file) and several targets at once both work.
    """
    text = typed.strip()
    if not text:
        return ()
    if Path(text).expanduser().exists():
        return (text,)
    try:
        parts = shlex.split(text)
    except ValueError:
        return (text,)
    return tuple(part for part in parts if part)


class ImportDialog(ModalScreen[ImportRequest | None]):
    """A small prompt: a path or URL, and a choice to fetch each feed entry's page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    def compose(self) -> ComposeResult:
        """Title, input line, the fetch option and a hint."""
        with Vertical(id="import-box"):
            yield Static(Text("Add articles"), id="import-title")
            yield Input(
                placeholder="File, folder, web page, feed or OPML: a path or an http(s) URL",
                id="import-target",
            )
            yield Checkbox("Download each feed entry's page for its full text", id="import-fetch")
            yield Static(
                Text("enter imports · tab moves · escape cancels"),
                id="import-hint",
            )

    def on_mount(self) -> None:
        """Start in the input line."""
        self.query_one("#import-target", Input).focus()

    @on(Input.Submitted, "#import-target")
    def _submitted(self, event: Input.Submitted) -> None:
        targets = split_targets(event.value)
        if not targets:
            self.app.bell()
            return
        fetch = self.query_one("#import-fetch", Checkbox).value
        self.dismiss(ImportRequest(targets, fetch_pages=fetch))

    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)
