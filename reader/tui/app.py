"""BroadsheetApp: the application object, its global keys and its first screen."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeGuard

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from reader.library import ArticleMeta
from reader.session.session import Session
from reader.store import AnnotationStore, StoreError
from reader.store.changes import Change
from reader.tui.messages import (
    AnnotationsChanged,
    EntityIndexUpdated,
    IndexesStale,
    IndexProgressed,
    LibraryChanged,
    LibraryRescanned,
    OpenArticle,
    SearchIndexUpdated,
    ShowFiltered,
    StoreOpened,
    WatchLibrary,
)
from reader.tui.screens.library_screen import LibraryScreen
from reader.util.paths import bundled_path, resolve_paths

if TYPE_CHECKING:
    # Loaded when first needed: the list is all the first frame shows.
    from reader.session.indexing import Indexer
    from reader.session.watching import LibraryWatcher
    from reader.tui.screens.annotations_screen import AnnotationsScreen
    from reader.tui.screens.reading_screen import ReadingScreen

REFRESH_SECONDS = 3.0
"""How often the app looks for changes other programs made to the annotations."""


def _child_indexer(session: Session) -> Indexer:
    """``broadsheet index`` in a child process (the default)."""
    from reader.session.indexer_process import IndexerProcess

    return IndexerProcess(session.paths.home, session.paths.library)


def _library_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from reader.tui.palette import LibraryCommands

    return LibraryCommands


def _loaded(module: str, name: str) -> type | None:
    """A class if its module has been imported, else None (then no instance of it exists)."""
    loaded = sys.modules.get(module)
    return getattr(loaded, name, None) if loaded is not None else None


def is_reading(screen: object) -> TypeGuard[ReadingScreen]:
    """Whether ``screen`` is a reading screen (without importing that module to ask)."""
    kind = _loaded("reader.tui.screens.reading_screen", "ReadingScreen")
    return kind is not None and isinstance(screen, kind)


def is_annotations(screen: object) -> TypeGuard[AnnotationsScreen]:
    """Whether ``screen`` is the annotations view (without importing that module to ask)."""
    kind = _loaded("reader.tui.screens.annotations_screen", "AnnotationsScreen")
    return kind is not None and isinstance(screen, kind)


class BroadsheetApp(App[None]):
    """Broadsheet: a terminal reader for stored news articles.

    ``home`` and ``library`` override the data folder and the library folder
    (the command line's ``--home`` and ``--library``); ``session`` hands in a
    core (by default one for those folders), ``store`` just the store;
    ``indexer`` makes what brings the indexes up to date (by default a
    ``broadsheet index`` child process). Every screen gets the session; none
    reaches back into the app for it.
    """

    TITLE = "Broadsheet"
    CSS_PATH = [str(path) for path in sorted(bundled_path("styles").glob("*.tcss"))]
    COMMANDS = App.COMMANDS | {_library_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="app.undo"),
        Binding(
            "A",
            "annotations",
            "Annotations",
            key_display="A",
            show=False,
            tooltip="Every note and highlight in the library",
            id="app.annotations",
        ),
    ]

    index_progress: reactive[str] = reactive("", repaint=False)
    """What the background indexer is doing, for the list's title bar ("" when idle)."""

    def __init__(
        self,
        home: Path | None = None,
        library: Path | None = None,
        store: AnnotationStore | None = None,
        session: Session | None = None,
        indexer: Callable[[Session], Indexer] | None = None,
    ) -> None:
        super().__init__()
        self.session = session or Session(resolve_paths(home, library), store=store)
        self._make_indexer = indexer or _child_indexer
        self.session.subscribe(self._changed)
        from reader.tui.preload import Preload

        self._preload = Preload(self.session)
        self._indexer: Indexer | None = None
        self._watcher: LibraryWatcher | None = None
        self._start_notices: list[str] = []
        self._annotations_screen: AnnotationsScreen | None = None
        self._apply_keymap()
        self._apply_theme()

    def _apply_keymap(self) -> None:
        """``[keymap]`` from config.toml; entries that cannot be applied are named and ignored."""
        wanted = self.session.settings.keymap
        if not wanted:
            return
        from reader.tui.keymap import check_keymap

        keymap, problems = check_keymap(type(self), wanted, self.session.settings.quick_tags)
        self.set_keymap(keymap)
        if problems:
            self._start_notices.append(
                "Keymap entries ignored:\n" + "\n".join(f"• {line}" for line in problems)
            )

    def _apply_theme(self) -> None:
        theme = self.session.theme
        if not theme:
            return
        if theme in self.available_themes:
            self.theme = theme
        else:
            self._start_notices.append(f"Unknown theme {theme!r}; using {self.theme}")

    def _theme_changed(self, _theme: object) -> None:
        error = self.session.remember_theme(self.theme)
        if error:
            self.notify(error, severity="warning", markup=False)

    def get_default_screen(self) -> Screen[None]:
        """The article list."""
        return LibraryScreen(self.session, self._preload)

    def on_mount(self) -> None:
        """Report settings problems; look for other programs' changes now and then."""
        for warning in (*self.session.settings.warnings, *self._start_notices):
            self.notify(warning, title="Settings", severity="warning", markup=False, timeout=10)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(REFRESH_SECONDS, self._refresh_store)

    async def on_unmount(self) -> None:
        """Stop the indexer; save the store's summary cache."""
        if self._indexer is not None:
            self._indexer.stop()
        if self._watcher is not None:
            self._watcher.stop()
        self.session.close()

    # -- the store ---------------------------------------------------------------------
    @on(StoreOpened)
    def store_opened(self) -> None:
        """Called once the store is open: deal with damaged files, take the daily backup."""
        if self.session.store.damaged:
            from reader.tui.dialogs.damaged_dialog import DamagedStoreDialog

            damaged = list(self.session.store.damaged.values())
            self.push_screen(DamagedStoreDialog(damaged), self._repair)
        self._daily_backup()
        self._warm_note_index()

    @work(thread=True, exclusive=True, group="notes")
    def _warm_note_index(self) -> None:
        """Read every annotation now, so the annotations view (``A``) opens at once."""
        with contextlib.suppress(StoreError, OSError):
            self.session.annotations()

    def _repair(self, choice: str | None) -> None:
        store = self.session.store
        if choice not in ("restore", "fresh"):
            self.notify(
                "Damaged annotation files left as they are; see `broadsheet repair`.",
                severity="warning",
                timeout=8,
            )
            return
        for path in list(store.damaged):
            try:
                if choice == "restore":
                    where = store.restore_backup(path)
                    self.notify(f"{path.name}: restored from {where}", markup=False)
                else:
                    store.start_fresh(path)
                    self.notify(
                        f"{path.name}: started fresh; the damaged copy is kept", markup=False
                    )
            except (StoreError, OSError) as error:
                self.notify(str(error), severity="error", markup=False, timeout=10)
        self.broadcast_changes(None)

    @work(thread=True, exclusive=True, group="backup")
    def _daily_backup(self) -> None:
        from reader.store.backups import snapshot

        paths = self.session.paths
        try:
            snapshot(paths.annotations, paths.home / "backups")
        except OSError as error:
            self.call_from_thread(
                self.notify, f"Daily backup failed: {error}", severity="warning", markup=False
            )

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh_store(self) -> None:
        changed = self.session.refresh_store()
        if changed:
            self.call_from_thread(self.broadcast_changes, changed)

    def _changed(self, change: Change) -> None:
        """Every saved edit and undo: tell every screen; re-index entities if they changed."""
        if threading.get_ident() != self._thread_id:  # an edit made in a worker thread
            self.call_from_thread(self._changed, change)
            return
        self.broadcast_changes(None if change.affects_all else change.article_ids)
        if change.touches_entities:
            self.refresh_indexes()

    def broadcast_changes(self, article_ids: set[str] | None) -> None:
        """Tell every screen that these articles' annotations changed."""
        for screen in self.screen_stack:
            screen.post_message(AnnotationsChanged(article_ids))

    def action_undo(self) -> None:
        """Undo the last tag, note or state change."""
        change, outcome = self.session.undo()
        if change is None:
            self.notify("Nothing to undo.", timeout=2)
        elif not outcome.ok:
            self.notify(f"Could not undo: {outcome.error}", severity="error", markup=False)
        else:
            self.notify(f"Undone: {change.describe()}", timeout=3, markup=False)

    # -- a library that stays current -------------------------------------------------
    def watch_library(self) -> None:
        """Start watching the library folder (once it has been read)."""
        if self._watcher is None:
            from reader.session.watching import LibraryWatcher

            self._watcher = LibraryWatcher(
                self.session.paths.library, lambda: self.post_message(LibraryChanged())
            )
            self._watcher.start()

    @on(WatchLibrary)
    def _watch_requested(self) -> None:
        self.watch_library()

    @on(LibraryChanged)
    def _library_changed(self) -> None:
        self.rescan_library()

    def action_rescan(self) -> None:
        """Read the library folder again now."""
        self.notify("Reading the library folder again…", timeout=2)
        self.rescan_library()

    @work(thread=True, exclusive=True, group="rescan")
    def rescan_library(self) -> None:
        """Scan the library in a thread; the list then shows what is there now."""
        try:
            report = self.session.rescan()
        except (OSError, StoreError) as error:
            self.call_from_thread(
                self.notify, f"Cannot read the library: {error}", severity="error", markup=False
            )
            return
        for screen in self.screen_stack:
            screen.post_message(LibraryRescanned(report))
        self.post_message(IndexesStale())
        self.session.keep_first_screen()

    # -- the indexes -------------------------------------------------------------------
    @on(IndexesStale)
    def _indexes_stale(self) -> None:
        self.refresh_indexes()

    @work(thread=True, exclusive=True, group="indexes")
    def refresh_indexes(self) -> None:
        """Bring the full-text and entity indexes up to date (a separate process)."""
        from reader.session.indexing import pending

        worker = get_current_worker()
        session = self.session
        try:
            text_pending = session.search_pending()
            stale, gone = pending(
                session.entity_index,
                session.library,
                session.store,
                session.settings.entity_backend,
            )
        except (OSError, StoreError):
            text_pending, stale, gone = 1, [], True
        if not text_pending and not stale and not gone:
            return
        if self._indexer is not None:
            self._indexer.stop()
        indexer = self._indexer = self._make_indexer(session)

        def progress(done: int, total: int, phase: str) -> None:
            if worker.is_cancelled:
                indexer.stop()
                return
            what = "text" if phase == "text" else "entities"
            self.post_message(IndexProgressed(f"indexing {what} {done:,}/{total:,}"))
            if phase == "text" and done == total:
                self.post_message(SearchIndexUpdated())

        try:
            failure = indexer.run(progress)
        except OSError as error:
            failure = str(error)
        self.post_message(IndexProgressed(""))
        if failure:
            with contextlib.suppress(RuntimeError):  # the app has stopped
                self.call_from_thread(
                    self.notify, f"Indexing: {failure}", severity="warning", markup=False
                )
        elif not worker.is_cancelled and not indexer.stopped:
            self.post_message(SearchIndexUpdated())
            self.post_message(EntityIndexUpdated())

    @on(IndexProgressed)
    def _index_progressed(self, message: IndexProgressed) -> None:
        self.index_progress = message.text

    @on(EntityIndexUpdated)
    def _entity_index_updated(self) -> None:
        self.session.entity_index_reloaded()
        for screen in self.screen_stack:
            screen.post_message(EntityIndexUpdated())

    @on(SearchIndexUpdated)
    def _search_index_updated(self) -> None:
        for screen in self.screen_stack:
            screen.post_message(SearchIndexUpdated())

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
            if is_reading(screen):
                return screen
        return None

    def _reading(self) -> ReadingScreen | None:
        """The current screen if it is a reading screen."""
        screen = self.screen
        return screen if is_reading(screen) else None

    @on(OpenArticle)
    def _open_requested(self, message: OpenArticle) -> None:
        self.open_article(message.meta, message.order, offset=message.offset)

    def open_article(
        self,
        meta: ArticleMeta,
        order: list[ArticleMeta] | None = None,
        *,
        offset: int | None = None,
    ) -> None:
        """Show an article (at plain-text ``offset`` if given); ``J``/``K`` follow ``order``."""
        library_screen = self.get_library_screen()
        if order is None:
            order = (
                library_screen.visible_articles()
                if library_screen is not None
                else list(self.session.articles)
            )
        if not any(item.id == meta.id for item in order):
            order = [meta]
        while (reading := self._reading()) is not None:
            reading.save_position()
            self.pop_screen()
        from reader.tui.screens.reading_screen import ReadingScreen

        position = next(i for i, item in enumerate(order) if item.id == meta.id)
        self.push_screen(
            ReadingScreen(self.session, order, position, at=offset), self._back_from_article
        )

    def _back_from_article(self, article_id: str | None) -> None:
        library_screen = self.get_library_screen()
        if library_screen is not None and article_id:
            library_screen.show_article(article_id)

    def action_annotations(self) -> None:
        """Show every note and highlight of the library (``A`` again goes back)."""
        if is_annotations(self.screen):
            self.screen.dismiss(None)
            return
        if isinstance(self.screen, ModalScreen):
            return
        if self._annotations_screen is None:  # Kept: opening it again costs no layout.
            from reader.tui.screens.annotations_screen import AnnotationsScreen

            self._annotations_screen = AnnotationsScreen(self.session)
        self.push_screen(self._annotations_screen)

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from reader.tui.dialogs.help_screen import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        title = (
            "article"
            if is_reading(screen)
            else "annotations"
            if is_annotations(screen)
            else "library"
        )
        self.push_screen(HelpScreen(screen, title))

    @on(ShowFiltered)
    def _show_filtered(self, message: ShowFiltered) -> None:
        if message.edit:
            self.action_filter()
        else:
            self.show_filtered(message.query)

    def action_filter(self) -> None:
        """Go to the list and start typing a filter."""
        while is_reading(self.screen):
            self.pop_screen()
        library_screen = self.get_library_screen()
        if library_screen is not None:
            library_screen.action_start_filter()

    def show_filtered(self, query: str) -> None:
        """Go to the list filtered by ``query``."""
        while is_reading(self.screen):
            self.pop_screen()
        library_screen = self.get_library_screen()
        if library_screen is not None:
            library_screen.set_filter(query)

    def action_rename_tag(self) -> None:
        """Rename a tag on every article (asks which, the new name, then to confirm)."""
        from reader.tui.tag_admin import TagAdministration

        TagAdministration(self, self.session).rename()

    def action_delete_tag(self) -> None:
        """Remove a tag from every article (asks which, then to confirm)."""
        from reader.tui.tag_admin import TagAdministration

        TagAdministration(self, self.session).delete()

    def action_open_view(self) -> None:
        """Choose a saved view and show the list filtered by it."""
        from reader.tui.view_admin import ViewAdministration

        ViewAdministration(self, self.session).switch()

    def action_rename_view(self) -> None:
        """Rename a saved view."""
        from reader.tui.view_admin import ViewAdministration

        ViewAdministration(self, self.session).rename()

    def action_delete_view(self) -> None:
        """Delete a saved view (confirmed)."""
        from reader.tui.view_admin import ViewAdministration

        ViewAdministration(self, self.session).delete()

    async def action_quit(self) -> None:
        """Remember the reading position, then quit."""
        if (reading := self._reading()) is not None:
            reading.save_position()
        self.exit()
