"""Saved views in the app: save the current query, switch, rename and delete views.

Switching uses a fuzzy list (``App.search_commands``), the palette's own
widget; saving and renaming ask for a name. Every change goes through the
session (``Session.save_view`` …), so it is undoable and the same as
``broadsheet views``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.command import SimpleCommand
from textual.notifications import SeverityLevel

from reader.session.session import Edited, Session
from reader.store import StoreError
from reader.store.views import View
from reader.tui.dialogs.confirm_dialog import ConfirmDialog
from reader.tui.dialogs.text_prompt import TextPrompt
from reader.tui.messages import ShowFiltered


class ViewAdministration:
    """The dialogs around saved views."""

    def __init__(self, app: App[None], session: Session) -> None:
        self.app = app
        self.session = session

    def _views(self) -> list[View] | None:
        try:
            views = self.session.views()
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return None
        if not views:
            self.app.notify("No saved views yet: search with /, then V saves the search.")
            return None
        return views

    def _report(self, outcome: Edited) -> None:
        severity: SeverityLevel = "information" if outcome.ok else "error"
        self.app.notify(outcome.describe().capitalize(), severity=severity, markup=False)

    def save(self, query: str) -> None:
        """Ask for a name and save ``query`` under it."""
        if not query.strip():
            self.app.notify("Search first (/), then save the search as a view.", timeout=3)
            return

        def named(name: str | None) -> None:
            if name and name.strip():
                self._report(self.session.save_view(name, query))

        self.app.push_screen(TextPrompt(f"Save “{query}” as the view:", placeholder="name"), named)

    def _choose(self, placeholder: str, then: Callable[[View], object]) -> None:
        views = self._views()
        if views is None:
            return
        commands = [SimpleCommand(view.name, partial(then, view), view.query) for view in views]
        self.app.search_commands(commands, placeholder=placeholder)

    def switch(self) -> None:
        """Choose a view and show the list filtered by it."""
        self._choose(
            "Open a saved view…", lambda view: self.app.post_message(ShowFiltered(view.query))
        )

    def rename(self) -> None:
        """Choose a view and give it a new name."""

        def rename(view: View) -> None:
            def named(name: str | None) -> None:
                if name and name.strip() and name.strip() != view.name:
                    self._report(self.session.rename_view(view.name, name))

            self.app.push_screen(TextPrompt(f"New name for “{view.name}”", value=view.name), named)

        self._choose("Rename which view?", rename)

    def delete(self) -> None:
        """Choose a view and delete it (confirmed; undo brings it back)."""

        def delete(view: View) -> None:
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._report(self.session.delete_view(view.name))

            question = f"Delete the view “{view.name}” ({view.query})?"
            self.app.push_screen(ConfirmDialog(question, "Delete", "Keep"), confirmed)

        self._choose("Delete which view?", delete)
