"""Renaming and deleting a tag on every article (from the command palette)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from reader.store import StoreError, TagEdit, normalise_tag
from reader.tui.dialogs.confirm_dialog import ConfirmDialog
from reader.tui.dialogs.tag_dialog import TagDialog
from reader.tui.dialogs.text_prompt import TextPrompt

if TYPE_CHECKING:
    from reader.tui.app import BroadsheetApp


class TagAdministration:
    """The dialogs of "rename a tag everywhere" and "delete a tag everywhere"."""

    def __init__(self, app: BroadsheetApp) -> None:
        self.app = app

    def _choose_tag(self, title: str, then: Callable[[str], None]) -> None:
        tags = self.app.store.all_tags()
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
                count = len(self.app.store.ids_with_tag(old))
                question = f"Rename #{old} to #{target} on {count} article(s)?"

                def confirmed(yes: bool | None) -> None:
                    if yes:
                        self._run_tag_change(lambda: self.app.store.rename_tag(old, target))

                self.app.push_screen(ConfirmDialog(question, "Rename", "Cancel"), confirmed)

            self.app.push_screen(TextPrompt(f"New name for #{old}", value=old), named)

        self._choose_tag("Rename which tag?", rename)

    def delete(self) -> None:
        """Remove a tag from every article (asks which, then to confirm)."""

        def delete(tag: str) -> None:
            count = len(self.app.store.ids_with_tag(tag))

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._run_tag_change(lambda: self.app.store.delete_tag(tag))

            self.app.push_screen(
                ConfirmDialog(f"Remove #{tag} from {count} article(s)?", "Remove", "Cancel"),
                confirmed,
            )

        self._choose_tag("Delete which tag everywhere?", delete)

    def _run_tag_change(self, change_tags: Callable[[], TagEdit]) -> None:
        """Rename or delete a tag in a thread (it may touch thousands of files)."""
        self.app.run_worker(
            partial(self._change_tags, change_tags), thread=True, exclusive=True, group="tags"
        )

    def _change_tags(self, change_tags: Callable[[], TagEdit]) -> None:
        """The worker: make the change, then record it for undo and say what was done."""
        try:
            change = change_tags()
        except StoreError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.app.record_change, change)
        self.app.call_from_thread(self.app.notify, change.describe().capitalize(), markup=False)
