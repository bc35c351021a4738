"""BroadsheetApp: the application object, its global keys and its first screen."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import get_current_worker

from reader.entities.service import EntityService
from reader.library import ArticleMeta, Library
from reader.session.config import Settings, load_settings
from reader.session.indexer_process import IndexerProcess
from reader.session.indexing import entity_index, pending
from reader.store import AnnotationStore, StoreError
from reader.store.backups import snapshot
from reader.store.changes import Change, UndoStack
from reader.tui.dialogs.damaged_dialog import DamagedStoreDialog
from reader.tui.dialogs.help_screen import HelpScreen
from reader.tui.messages import AnnotationsChanged
from reader.tui.palette import LibraryCommands
from reader.tui.preload import Preload
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.tag_admin import TagAdministration
from reader.util.paths import bundled_path, resolve_paths

REFRESH_SECONDS = 3.0
"""How often the app looks for changes other programs made to the annotations."""


class BroadsheetApp(App[None]):
    """Broadsheet: a terminal reader for stored news articles.

    ``home`` and ``library`` override the data folder and the library folder
    (the command line's ``--home`` and ``--library``); ``store`` hands in an
    annotation store (by default the one under HOME).
    """

    TITLE = "Broadsheet"
    CSS_PATH = [str(path) for path in sorted(bundled_path("styles").glob("*.tcss"))]
    COMMANDS = App.COMMANDS | {LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("ctrl+z", "undo", "Undo", id="app.undo"),
    ]

    def __init__(
        self,
        home: Path | None = None,
        library: Path | None = None,
        store: AnnotationStore | None = None,
    ) -> None:
        super().__init__()
        self.paths = resolve_paths(home, library)
        self.library = Library(self.paths.library, self.paths.library_index)
        self.settings: Settings = load_settings(self.paths.config_file)
        self.store = store or AnnotationStore(
            self.paths.annotations, self.paths.cache, lookup=self.library.get_with_sketch
        )
        self.store_ready = False
        self.undo_stack = UndoStack()
        self._preload = Preload(self.library, self.store)
        self.entities = EntityService(self.settings.entity_backend, self.paths.cache / "entities")
        self.entity_index = entity_index(self.paths)
        self.entity_notice_shown = False
        self.show_highlights = True
        self.hidden_labels: frozenset[str] = frozenset()
        self.show_entity_panel = False
        self.index_progress = ""
        self._indexer: IndexerProcess | None = None
        """What the entity indexer is doing, for the list's title bar ("" when idle)."""

    def get_default_screen(self) -> Screen[None]:
        """The article list."""
        return LibraryScreen()

    def on_mount(self) -> None:
        """Report settings problems; look for other programs' changes now and then."""
        for warning in self.settings.warnings:
            self.notify(warning, title="Settings", severity="warning", markup=False)
        self.set_interval(REFRESH_SECONDS, self._refresh_store)

    async def on_unmount(self) -> None:
        """Stop the entity indexer; save the store's summary cache."""
        if self._indexer is not None:
            self._indexer.stop()
        self.store.close()

    # -- the store ---------------------------------------------------------------------
    def preloaded(self) -> list[ArticleMeta] | None:
        """Wait for the start-up reading of the store and the metadata index; the articles."""
        return self._preload.result()

    def store_loaded(self) -> None:
        """Called once the store is open: deal with damaged files, take the daily backup."""
        self.store_ready = True
        if self.store.damaged:
            self.push_screen(DamagedStoreDialog(list(self.store.damaged.values())), self._repair)
        self._daily_backup()

    def _repair(self, choice: str | None) -> None:
        if choice not in ("restore", "fresh"):
            self.notify(
                "Damaged annotation files left as they are; see `broadsheet repair`.",
                severity="warning",
                timeout=8,
            )
            return
        for path in list(self.store.damaged):
            try:
                if choice == "restore":
                    where = self.store.restore_backup(path)
                    self.notify(f"{path.name}: restored from {where}", markup=False)
                else:
                    self.store.start_fresh(path)
                    self.notify(
                        f"{path.name}: started fresh; the damaged copy is kept", markup=False
                    )
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False, timeout=10)
        self.broadcast_changes(None)

    @work(thread=True, exclusive=True, group="backup")
    def _daily_backup(self) -> None:
        try:
            snapshot(self.paths.annotations, self.paths.home / "backups")
        except OSError as error:
            self.call_from_thread(
                self.notify, f"Daily backup failed: {error}", severity="warning", markup=False
            )

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh_store(self) -> None:
        if not self.store_ready:
            return
        changed = self.store.refresh()
        if changed:
            self.call_from_thread(self.broadcast_changes, changed)

    def record_change(self, change: Change | None) -> None:
        """Remember a change for undo and tell every screen about it."""
        if change is None or change.is_empty:
            return
        self.undo_stack.push(change)
        self.broadcast_changes(None if change.affects_all else change.article_ids)
        if change.touches_entities:
            self.refresh_entity_index()

    # -- the entity index --------------------------------------------------------------
    @work(thread=True, exclusive=True, group="entity-index")
    def refresh_entity_index(self) -> None:
        """Bring the entity index up to date in the background (a separate process)."""
        worker = get_current_worker()
        try:
            stale, gone = pending(
                self.entity_index, self.library, self.store, self.settings.entity_backend
            )
        except (OSError, StoreError):
            stale, gone = [], True
        if not stale and not gone:
            return
        if self._indexer is not None:
            self._indexer.stop()
        indexer = self._indexer = IndexerProcess(self.paths.home, self.paths.library)
        last = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                indexer.stop()
                return
            now = time.monotonic()
            if now - last[0] > 0.25 or done == total:
                last[0] = now
                with contextlib.suppress(RuntimeError):  # the app has stopped
                    self.call_from_thread(
                        self._index_progress, f"indexing entities {done:,}/{total:,}"
                    )

        try:
            failure = indexer.run(progress)
        except OSError as error:
            failure = str(error)
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(self._index_progress, "")
            if failure:
                self.call_from_thread(
                    self.notify, f"Entity index: {failure}", severity="warning", markup=False
                )
            elif not worker.is_cancelled and not indexer.stopped:
                self.call_from_thread(self._index_done)

    def _index_progress(self, text: str) -> None:
        self.index_progress = text
        library_screen = self.get_library_screen()
        if library_screen is not None:
            library_screen.index_progress_changed()

    def _index_done(self) -> None:
        self.entity_index = entity_index(self.paths)
        library_screen = self.get_library_screen()
        if library_screen is not None:
            library_screen.entity_index_changed()

    def browse_entity(self, name: str) -> None:
        """Go to the list, filtered to the articles that mention an entity."""
        self.show_filtered(f'@"{name}"')

    def broadcast_changes(self, article_ids: set[str] | None) -> None:
        """Tell every screen that these articles' annotations changed."""
        for screen in self.screen_stack:
            screen.post_message(AnnotationsChanged(article_ids))

    def action_undo(self) -> None:
        """Undo the last tag, note or state change."""
        change = self.undo_stack.pop()
        if change is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        try:
            undone = self.store.apply(change.inverse())
        except StoreError as error:
            self.notify(f"Could not undo: {error}", severity="error", markup=False)
            return
        everything = change.affects_all or undone.affects_all
        self.broadcast_changes(None if everything else change.article_ids | undone.article_ids)
        self.notify(f"Undone: {change.describe()}", timeout=3, markup=False)
        if change.touches_entities:
            self.refresh_entity_index()

    # -- screens -----------------------------------------------------------------------
    def get_library_screen(self) -> LibraryScreen | None:
        """The list screen, if it is on the stack."""
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                return screen
        return None

    def get_reading_screen(self) -> ReadingScreen | None:
        """The reading screen, if one is on the stack."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReadingScreen):
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
            self.screen.save_position()
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

    def show_filtered(self, query: str) -> None:
        """Go to the list filtered by ``query``."""
        while isinstance(self.screen, ReadingScreen):
            self.pop_screen()
        library_screen = self.get_library_screen()
        if library_screen is not None:
            library_screen.set_filter(query)

    def action_rename_tag(self) -> None:
        """Rename a tag on every article (asks which, the new name, then to confirm)."""
        TagAdministration(self).rename()

    def action_delete_tag(self) -> None:
        """Remove a tag from every article (asks which, then to confirm)."""
        TagAdministration(self).delete()

    async def action_quit(self) -> None:
        """Remember the reading position, then quit."""
        if isinstance(self.screen, ReadingScreen):
            self.screen.save_position()
        self.exit()
