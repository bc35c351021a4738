"""Renaming and deleting a tag on every article (from the command palette)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App

from reader.session.session import Edited, Session
from reader.store import normalise_tag
from reader.tui.dialogs.confirm_dialog import ConfirmDialog
from reader.tui.dialogs.tag_dialog import TagDialog
from reader.tui.dialogs.text_prompt import TextPrompt


class TagAdministration:
    """The dialogs of "rename a tag everywhere" and "delete a tag everywhere"."""

    def __init__(self, app: App[None], session: Session) -> None:
        self.app = app
        self.session = session

    def _choose_tag(self, title: str, then: Callable[[str], None]) -> None:
        tags = self.session.store.all_tags()
        if not tags:
            self.app.notify("There are no tags yet.", timeout=3)
            return

        def chosen(typed: str | None) -> None:
            tag = normalise_tag(typed or "")
            if not tag:
                return
            if tag not in tags:
                self.app.notify(f"No article has the tag #{tag}.", markup=False, timeout=3)
                return
            then(tag)

        self.app.push_screen(TagDialog(title, [], tags, placeholder="one tag"), chosen)

    def rename(self) -> None:
        """Rename a tag on every article (asks which, the new name, then to confirm)."""

        def rename(old: str) -> None:
            def named(new: str | None) -> None:
                target = normalise_tag(new or "")
                if not target or target == old:
                    return
                count = len(self.session.store.ids_with_tag(old))
                question = f"Rename #{old} to #{target} on {count} article(s)?"

                def confirmed(yes: bool | None) -> None:
                    if yes:
                        self._run_tag_change(lambda: self.session.rename_tag(old, target))

                self.app.push_screen(ConfirmDialog(question, "Rename", "Cancel"), confirmed)

            self.app.push_screen(TextPrompt(f"New name for #{old}", value=old), named)

        self._choose_tag("Rename which tag?", rename)

    def delete(self) -> None:
        """Remove a tag from every article (asks which, then to confirm)."""

        def delete(tag: str) -> None:
            count = len(self.session.store.ids_with_tag(tag))

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._run_tag_change(lambda: self.session.delete_tag(tag))

            self.app.push_screen(
                ConfirmDialog(f"Remove #{tag} from {count} article(s)?", "Remove", "Cancel"),
                confirmed,
            )

        self._choose_tag("Delete which tag everywhere?", delete)

    def _run_tag_change(self, change_tags: Callable[[], Edited]) -> None:
        """Rename or delete a tag in a thread (it may touch thousands of files)."""
        self.app.run_worker(
            partial(self._change_tags, change_tags), thread=True, exclusive=True, group="tags"
        )

    def _change_tags(self, change_tags: Callable[[], Edited]) -> None:
        """The worker: make the change through the session, then say what was done.

        The session announces the change; its listener posts messages, which is
        safe from a thread.
        """
        outcome = change_tags()
        severity = "information" if outcome.ok else "error"
        self.app.call_from_thread(
            self.app.notify, outcome.describe().capitalize(), severity=severity, markup=False
        )
