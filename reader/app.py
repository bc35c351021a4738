"""BroadsheetApp: the application object, its global keys and its first screen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.dialogs.help_screen import HelpScreen
from reader.library import ArticleMeta, Library
from reader.palette import LibraryCommands
from reader.paths import bundled_path, resolve_paths
from reader.screens.library_screen import LibraryScreen
from reader.screens.reading_screen import ReadingScreen


class BroadsheetApp(App[None]):
    """Broadsheet: a terminal reader for stored news articles.

    ``home`` and ``library`` override the data folder and the library folder
    (the command line's ``--home`` and ``--library``).
    """

    TITLE = "Broadsheet"
    CSS_PATH = [str(path) for path in sorted(bundled_path("styles").glob("*.tcss"))]
    COMMANDS = App.COMMANDS | {LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    def __init__(self, home: Path | None = None, library: Path | None = None) -> None:
        super().__init__()
        self.paths = resolve_paths(home, library)
        self.library = Library(self.paths.library, self.paths.library_index)

    def get_default_screen(self) -> Screen[None]:
        """The article list."""
        return LibraryScreen()

    def get_library_screen(self) -> LibraryScreen | None:
        """The list screen, if it is on the stack."""
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                return screen
        return None

    def open_article(self, meta: ArticleMeta, order: list[ArticleMeta] | None = None) -> None:
        """Show an article; ``J``/``K`` then follow ``order`` (the list as shown)."""
        library_screen = self.get_library_screen()
        if order is None:
            order = (
                library_screen.visible_articles()
                if library_screen is not None
                else list(self.library.articles)
            )
        if not any(item.id == meta.id for item in order):
            order = [meta]
        while isinstance(self.screen, ReadingScreen):
            self.pop_screen()
        position = next(i for i, item in enumerate(order) if item.id == meta.id)
        self.push_screen(ReadingScreen(order, position), self._back_from_article)

    def _back_from_article(self, article_id: str | None) -> None:
        library_screen = self.get_library_screen()
        if library_screen is not None and article_id:
            library_screen.show_article(article_id)

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        if isinstance(self.screen, HelpScreen):
            return
        title = "article" if isinstance(self.screen, ReadingScreen) else "library"
        self.push_screen(HelpScreen(self.screen, title))

    def action_filter(self) -> None:
        """Go to the list and start typing a filter."""
        while isinstance(self.screen, ReadingScreen):
            self.pop_screen()
        library_screen = self.get_library_screen()
        if library_screen is not None:
            library_screen.action_start_filter()
