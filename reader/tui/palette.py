"""Command palette providers: the main actions and "Open article: …"."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.entities import LABELS
from reader.query.filtering import SORT_LABELS

if TYPE_CHECKING:
    from reader.tui.app import BroadsheetApp

Action = tuple[str, Callable[[], object], str]
"""A palette entry: title ("area: verb"), what it does, help text."""


def highlighted(matcher: object, query: str, candidate: str) -> Content:
    """The candidate as plain content (never parsed as markup), matched letters in bold."""
    content = Content(candidate)
    fuzzy = getattr(matcher, "fuzzy_search", None)
    if fuzzy is None:
        return content
    score, offsets = fuzzy.match(query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
    return content


class LibraryCommands(Provider):
    """Actions on the library, and opening any article by a fuzzy match of its title."""

    @property
    def broadsheet(self) -> BroadsheetApp:
        """The app."""
        return self.app  # type: ignore[return-value]

    def _actions(self) -> list[Action]:
        app = self.broadsheet
        actions: list[Action] = []
        library_screen = app.get_library_screen()
        if library_screen is not None:
            for order, label in SORT_LABELS.items():
                actions.append(
                    (
                        f"Library: sort by {label}",
                        partial(library_screen.set_sort, order),
                        "Change the order of the article list",
                    )
                )
            actions.append(
                (
                    "Library: filter…",
                    app.action_filter,
                    "Filter by words, #tag, @name, is:unread, is:starred, has:notes",
                )
            )
            for label, query in (
                ("unread", "is:unread"),
                ("starred", "is:starred"),
                ("with notes", "has:notes"),
            ):
                actions.append(
                    (
                        f"Library: show only {label} articles",
                        partial(app.show_filtered, query),
                        f"Filter the list by {query}",
                    )
                )
        actions += [
            (
                "Tags: rename a tag everywhere…",
                app.action_rename_tag,
                "Rename a tag on every article that has it",
            ),
            (
                "Tags: delete a tag everywhere…",
                app.action_delete_tag,
                "Remove a tag from every article",
            ),
            (
                "Edit: undo the last change",
                app.action_undo,
                "Undo the last tag, note, state or entity change (ctrl+z)",
            ),
        ]
        reading = app.get_reading_screen()
        if reading is not None:
            actions.append(
                (
                    "Entities: show/hide the panel",
                    reading.action_toggle_panel,
                    "The article's key entities (e)",
                )
            )
            actions.append(
                (
                    "Highlights: all on/off",
                    reading.action_toggle_highlights,
                    "Turn every entity highlight on or off (h)",
                )
            )
            for label in LABELS:
                actions.append(
                    (
                        f"Highlights: {label} on/off",
                        partial(reading.toggle_label, label),
                        f"Turn the {label} highlights on or off",
                    )
                )
        actions.append(
            ("Help: keys of this screen", app.action_help, "Show every key of the current screen")
        )
        return actions

    async def discover(self) -> Hits:
        """The main actions, shown before anything is typed."""
        for title, callback, help_text in self._actions():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        """Actions and article titles matching ``query``."""
        matcher = self.matcher(query)
        for title, callback, help_text in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, highlighted(matcher, query, title), callback, text=title, help=help_text
                )
        library = self.broadsheet.library
        for meta in library.articles:
            candidate = f"Open article: {meta.title}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, query, candidate),
                    partial(self.broadsheet.open_article, meta),
                    text=candidate,
                    help=meta.date[:10] or None,
                )
