"""Command palette providers: the main actions and "Open article: …"."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.library.filtering import SORT_LABELS


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

    def _actions(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        screen = app.get_library_screen()  # type: ignore[attr-defined]
        actions: list[tuple[str, Callable[[], object], str]] = []
        if screen is not None:
            for order, label in SORT_LABELS.items():
                actions.append(
                    (
                        f"Library: sort by {label}",
                        partial(screen.set_sort, order),
                        "Change the order of the article list",
                    )
                )
            actions.append(
                (
                    "Library: filter…",
                    app.action_filter,  # type: ignore[attr-defined]
                    "Filter the list by title or source",
                )
            )
        actions.append(
            (
                "Help: keys of this screen",
                app.action_help,  # type: ignore[attr-defined]
                "Show every key of the current screen",
            )
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
        library = self.app.library  # type: ignore[attr-defined]
        for meta in library.articles:
            candidate = f"Open article: {meta.title}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, query, candidate),
                    partial(self.app.open_article, meta),  # type: ignore[attr-defined]
                    text=candidate,
                    help=meta.date[:10] or None,
                )
