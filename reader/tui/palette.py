"""Command palette providers: the main actions and "Open article: …"."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.entities import LABELS
from reader.library import ArticleMeta
from reader.query.ordering import SORT_LABELS
from reader.query.syntax import QueryError
from reader.session.session import Session
from reader.store import StoreError
from reader.store.views import View
from reader.tui.messages import OpenArticle, ShowFiltered
from reader.tui.screens.annotating import AnnotatingScreen
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.util.safety import inert_line

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

    def _session(self) -> Session | None:
        """The session of the screen the palette was opened on."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, AnnotatingScreen):
                return screen.session
        return None

    def _action(self, name: str) -> Callable[[], object]:
        """Run an app action by name (``undo``, ``help`` …)."""
        return partial(self.app.run_action, name)

    def _post(self, message: OpenArticle | ShowFiltered) -> Callable[[], object]:
        return partial(self.app.post_message, message)

    def _open(self, meta: ArticleMeta) -> Callable[[], object]:
        return self._post(OpenArticle(meta))

    def _actions(self) -> list[Action]:
        stack = self.app.screen_stack
        actions: list[Action] = []
        library_screen = next((s for s in stack if isinstance(s, LibraryScreen)), None)
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
                    "Library: search…",
                    self._post(ShowFiltered("", edit=True)),
                    'Search: words, "phrases", #tag, @name, is:unread, has:notes, date:2020-06',
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
                        self._post(ShowFiltered(query)),
                        f"Filter the list by {query}",
                    )
                )
        if library_screen is not None:
            actions.append(
                (
                    "Views: save the current search as a view…",
                    partial(library_screen.action_save_view),
                    "Keep the query typed after / under a name (V)",
                )
            )
            actions += self._feed_actions(library_screen)
        actions += [
            (
                "Library: rescan the folder now",
                self._action("rescan"),
                "Read the library folder again (it is also watched for changes)",
            ),
            (
                "Views: open a saved view…",
                self._action("open_view"),
                "Switch to a saved search (v)",
            ),
            ("Views: rename a view…", self._action("rename_view"), "Give a saved view a new name"),
            ("Views: delete a view…", self._action("delete_view"), "Delete a saved view"),
            (
                "Tags: rename a tag everywhere…",
                self._action("rename_tag"),
                "Rename a tag on every article that has it",
            ),
            (
                "Tags: delete a tag everywhere…",
                self._action("delete_tag"),
                "Remove a tag from every article",
            ),
            (
                "Annotations: every note and highlight",
                self._action("annotations"),
                "One list of every note and highlight in the library, filtered as you type (A)",
            ),
            (
                "Edit: undo the last change",
                self._action("undo"),
                "Undo the last tag, note, state or entity change (ctrl+z)",
            ),
        ]
        reading = next((s for s in reversed(stack) if isinstance(s, ReadingScreen)), None)
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
            actions += [
                (
                    "Highlight: this passage",
                    reading.action_highlight_passage,
                    "Highlight the paragraph under the passage cursor, or remove its highlight (y)",
                ),
                (
                    "Highlight: a sentence…",
                    partial(reading.action_mark_highlight, "sentence"),
                    "Choose a sentence with ←/→, grow with shift+→, enter highlights (Y)",
                ),
                (
                    "Highlight: a range of words…",
                    partial(reading.action_mark_highlight, "word"),
                    "Choose words with ←/→ and shift+←/→, enter highlights (M)",
                ),
                (
                    "Highlight: next colour",
                    reading.action_cycle_colour,
                    "Recolour the passage's highlight; new highlights use it too (c)",
                ),
            ]
            for label in LABELS:
                actions.append(
                    (
                        f"Highlights: {label} on/off",
                        partial(reading.toggle_label, label),
                        f"Turn the {label} highlights on or off",
                    )
                )
        actions.append(
            (
                "Help: keys of this screen",
                self._action("help"),
                "Show every key of the current screen",
            )
        )
        return actions

    @staticmethod
    def _saved_views(session: Session | None) -> list[View]:
        if session is None:
            return []
        try:
            return session.views()
        except StoreError:
            return []

    def _feed_actions(self, library_screen: LibraryScreen) -> list[Action]:
        """ "Feeds: refresh all", then one entry per feed showing its articles and unread count."""
        session = library_screen.session
        actions: list[Action] = [
            (
                "Feeds: refresh all",
                library_screen.action_refresh_feeds,
                "Fetch what is new in every subscribed feed (R)",
            )
        ]
        try:
            feeds = session.feeds() if session.store_loaded else []
        except StoreError:
            feeds = []
        store = session.store
        for feed in feeds:
            try:
                shown = session.query(feed.query).articles
            except QueryError:
                continue
            unread = sum(1 for meta in shown if not store.summary(meta.id).read)
            actions.append(
                (
                    f"Feeds: {inert_line(feed.name)} ({unread} unread)",
                    self._post(ShowFiltered(feed.query)),
                    f"{len(shown)} articles from {inert_line(feed.url)}",
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
        session = self._session()
        views = self._saved_views(session)
        for view in views:
            candidate = f"View: {view.name}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, query, candidate),
                    self._post(ShowFiltered(view.query)),
                    text=candidate,
                    help=view.query,
                )
        for meta in session.articles if session is not None else ():
            candidate = f"Open article: {meta.title}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, query, candidate),
                    self._open(meta),
                    text=candidate,
                    help=meta.date[:10] or None,
                )
