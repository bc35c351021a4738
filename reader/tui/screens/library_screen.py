"""LibraryScreen: the list of stored articles, with filter, sort, marks and tags."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import get_current_worker

from reader.importing.options import ImportOptions
from reader.library import ArticleMeta, Problem, ScanResult
from reader.library.samples import install_samples
from reader.query.filtering import (
    SORT_LABELS,
    SORT_ORDERS,
    ListQuery,
    haystack,
    matches,
    parse_query,
    sort_articles,
)
from reader.store import StoreError, normalise_tag
from reader.store.changes import ChangeGroup
from reader.tui.dialogs.import_dialog import ImportDialog, ImportRequest
from reader.tui.messages import AnnotationsChanged
from reader.tui.screens.annotating import AnnotatingScreen
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.filter_input import FilterInput
from reader.tui.widgets.import_progress import ImportProgress

MAX_PROBLEMS_LISTED = 4


class LibraryScreen(AnnotatingScreen[None]):
    """The first screen: every article in the library, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "start_filter", "Filter", key_display="/", id="list.filter"),
        Binding("escape", "clear_filter", "Clear filter/marks", show=False, id="list.clear_filter"),
        Binding("space", "toggle_mark", "Mark", id="list.mark"),
        Binding("u", "toggle_read", "Read/unread", id="list.read"),
        Binding("o", "cycle_sort", "Sort", show=False, id="list.sort"),
        Binding("a", "add_articles", "Add", tooltip="Import files, pages or feeds", id="list.add"),
    ]

    order_by: reactive[str] = reactive("newest")
    """How the list is ordered: newest, oldest or title."""
    filter_query: reactive[str] = reactive("")
    """The filter typed after ``/``."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[ArticleMeta] = []
        self.marked: set[str] = set()
        self._haystacks: dict[str, str] = {}
        self._query = ListQuery()
        self._entity_counts: dict[str, int] | None = None
        self.loaded = False

    def compose(self) -> ComposeResult:
        """Title bar, column header, the table, the filter line and the footer."""
        yield Static(id="title-bar")
        yield Static(id="column-header")
        yield ArticleTable(id="articles")
        yield ProgressBar(id="scan-progress", show_eta=False)
        yield FilterInput(
            placeholder="Filter: words, #tag, -#tag, @name, is:unread, is:starred, has:notes",
            id="filter",
        )
        yield Footer()

    def on_mount(self) -> None:
        """Wire the table to the store and start reading the library in the background."""
        table = self.query_one(ArticleTable)
        table.flags_of = self._flags
        table.tags_of = lambda meta: self.broadsheet.store.tags_of(meta.id)
        table.is_unread = lambda meta: not self.broadsheet.store.summary(meta.id).read
        table.is_marked = lambda meta: meta.id in self.marked
        self._update_title_bar()
        table.focus()
        self.load_library()

    def _flags(self, meta: ArticleMeta) -> str:
        summary = self.broadsheet.store.summary(meta.id)
        return (
            ("+" if meta.id in self.marked else " ")
            + (" " if summary.read else "•")
            + ("★" if summary.starred else " ")
            + ("✎" if summary.notes else " ")
        )

    # -- loading -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        """Open the store and scan the library folder (a thread: the screen stays responsive)."""
        app = self.broadsheet
        paths = app.paths
        if paths.uses_default_library:
            try:
                install_samples(paths.library)
            except OSError as error:
                app.call_from_thread(
                    app.notify,
                    f"Could not install the sample articles: {error}",
                    severity="warning",
                    markup=False,
                )
        cached = app.preloaded()  # The store and the index, read while the app started.
        app.call_from_thread(app.store_loaded)
        if cached:  # Show the list as last seen at once; the scan below checks the files.
            app.call_from_thread(self._show_articles, list(cached))
        worker = get_current_worker()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if total > 200 and (now - last[0] > 0.1 or done == total):
                last[0] = now
                app.call_from_thread(self._show_progress, done, total)

        result = app.library.scan(progress=progress, known=app.store.known_sketches)
        if not worker.is_cancelled:
            app.call_from_thread(self._library_loaded, result)
            self._adopt_initial_tags(result.articles, app.call_from_thread)

    def _adopt_initial_tags(
        self, articles: list[ArticleMeta], schedule: Callable[..., object]
    ) -> None:
        """Import the front-matter tags of articles the store has never seen (once each).

        ``schedule`` runs a call on the app's thread (``call_from_thread`` from the
        loading worker, ``call_later`` from the screen itself).
        """
        app = self.broadsheet
        try:
            adopted = app.store.adopt_initial_tags(articles)
        except StoreError as error:
            schedule(partial(app.notify, str(error), severity="warning", markup=False))
            return
        if adopted:
            schedule(partial(app.broadcast_changes, None))

    def _show_progress(self, done: int, total: int) -> None:
        bar = self.query_one("#scan-progress", ProgressBar)
        bar.add_class("-active")
        bar.update(total=total, progress=done)
        self.query_one("#title-bar", Static).update(
            Text(f" Broadsheet · reading the library: {done:,} of {total:,} files")
        )

    def _show_articles(self, articles: list[ArticleMeta]) -> None:
        """Fill the list (keeping the cursor's article)."""
        self.articles = articles
        self._haystacks = {meta.id: haystack(meta) for meta in self.articles}
        self.loaded = True
        self.refresh_list()

    def _library_loaded(self, result: ScanResult) -> None:
        self.query_one("#scan-progress", ProgressBar).remove_class("-active")
        if not self.loaded or result.articles != self.articles:
            self._show_articles(result.articles)
        # The library's objects live as long as the app: keep them out of the
        # collector's way, so a full collection never stalls a key press.
        gc.freeze()
        self._report(result.problems)
        self.broadsheet.refresh_entity_index()

    def _report(self, problems: list[Problem]) -> None:
        if not problems:
            return
        lines = [str(problem) for problem in problems[:MAX_PROBLEMS_LISTED]]
        more = len(problems) - len(lines)
        if more:
            lines.append(f"… and {more} more (`broadsheet list` prints them all)")
        fatal = sum(1 for problem in problems if problem.fatal)
        title = f"{fatal} file(s) skipped" if fatal else "Some files were read with caveats"
        self.notify("\n".join(lines), title=title, severity="warning", timeout=12, markup=False)

    # -- list contents -------------------------------------------------------------------
    def _passes(self, meta: ArticleMeta, query: ListQuery, tagged: set[str] | None) -> bool:
        if query.words and not matches(self._haystacks[meta.id], query.words):
            return False
        if tagged is not None and meta.id not in tagged:
            return False
        if self._entity_counts is not None and meta.id not in self._entity_counts:
            return False
        store = self.broadsheet.store
        if query.without_tags and set(query.without_tags) & set(store.tags_of(meta.id)):
            return False
        if query.flags:
            summary = store.summary(meta.id)
            for flag in query.flags:
                if (
                    (flag == "unread" and summary.read)
                    or (flag == "read" and not summary.read)
                    or (flag == "starred" and not summary.starred)
                    or (flag == "notes" and not summary.notes)
                    or (flag == "marked" and meta.id not in self.marked)
                ):
                    return False
        return True

    def _update_entity_counts(self) -> None:
        """Look up the ``@name`` terms of the filter in the entity index."""
        counts: dict[str, int] | None = None
        for name in self._query.entities:
            found = self.broadsheet.entity_index.articles_mentioning(name)
            counts = (
                found
                if counts is None
                else {key: value for key, value in counts.items() if key in found}
            )
        self._entity_counts = counts
        table = self.query_one(ArticleTable)
        counted = counts
        table.count_of = (lambda meta: counted.get(meta.id, 0)) if counted is not None else None

    def visible_articles(self) -> list[ArticleMeta]:
        """The articles that pass the filter, in the chosen order."""
        query = self._query
        if query.is_empty:
            chosen = self.articles
        else:
            tagged: set[str] | None = None
            for tag in query.tags:
                ids = self.broadsheet.store.ids_with_tag(tag)
                tagged = ids if tagged is None else tagged & ids
            chosen = [meta for meta in self.articles if self._passes(meta, query, tagged)]
        return sort_articles(chosen, self.order_by) if self.order_by != "newest" else chosen

    def refresh_list(self, keep: str | None = None) -> None:
        """Re-filter and re-sort the table, keeping the cursor's article if still shown."""
        self._update_entity_counts()
        table = self.query_one(ArticleTable)
        table.set_rows(self.visible_articles(), keep=keep)
        self._sync_header()
        self._update_title_bar()

    def index_progress_changed(self) -> None:
        """The entity indexer made progress: show it in the title bar."""
        self._update_title_bar()

    def entity_index_changed(self) -> None:
        """The entity index was rebuilt: an ``@name`` filter may now find more."""
        if self._query.entities:
            self.refresh_list()

    def _update_title_bar(self) -> None:
        table = self.query_one(ArticleTable)
        text = Text(" Broadsheet", style="bold")
        if not self.loaded:
            text.append(" · reading the library…")
        else:
            shown, total = len(table.rows), len(self.articles)
            count = f"{total:,} articles" if shown == total else f"{shown:,} of {total:,} articles"
            text.append(f" · {count} · sorted by {SORT_LABELS[self.order_by]}")
            if self.marked:
                text.append(f" · {len(self.marked)} marked", style="bold")
            if self.filter_query:
                text.append(" · filter: ")
                text.append(self.filter_query, style="bold")
            if self.broadsheet.index_progress:
                text.append(f" · {self.broadsheet.index_progress}", style="italic")
        self.query_one("#title-bar", Static).update(text)

    def watch_order_by(self) -> None:
        """Re-sort when the order changes."""
        if self.loaded:
            self.refresh_list()

    def watch_filter_query(self, value: str) -> None:
        """Re-filter as the filter is typed."""
        self._query = parse_query(value, normalise_tag)
        if self.loaded:
            self.refresh_list()

    @on(ArticleTable.ColumnsChanged)
    def _sync_header(self) -> None:
        self.query_one("#column-header", Static).update(self.query_one(ArticleTable).header_text())

    @on(AnnotationsChanged)
    def _annotations_changed(self, message: AnnotationsChanged) -> None:
        if not self.loaded:
            return
        query = self._query
        if (
            message.article_ids is None
            or query.tags
            or query.without_tags
            or query.flags
            or query.entities
        ):
            self.refresh_list()
        else:
            self.query_one(ArticleTable).refresh_rows(message.article_ids)
            self.query_one(ArticleTable).refresh_columns()

    # -- what the annotation keys act on ---------------------------------------------------
    def targets(self) -> list[ArticleMeta]:
        """The marked articles (in list order), or the one under the cursor."""
        table = self.query_one(ArticleTable)
        if self.marked:
            in_list = [meta for meta in table.rows if meta.id in self.marked]
            hidden = [
                meta for meta in self.articles if meta.id in self.marked and meta not in in_list
            ]
            return in_list + hidden
        return [table.current] if table.current is not None else []

    # -- actions -----------------------------------------------------------------------------
    def action_start_filter(self) -> None:
        """Show the filter line and type into it."""
        filter_input = self.query_one(FilterInput)
        filter_input.add_class("-active")
        filter_input.focus()

    def action_clear_filter(self) -> None:
        """Clear the filter; with no filter, clear the marks."""
        filter_input = self.query_one(FilterInput)
        if not self.filter_query and self.marked:
            self.marked.clear()
            self.query_one(ArticleTable).refresh_rows()
            self._update_title_bar()
        filter_input.value = ""
        filter_input.remove_class("-active")
        self.filter_query = ""
        self.query_one(ArticleTable).focus()

    def action_toggle_mark(self) -> None:
        """Mark or unmark the article under the cursor, then move down."""
        table = self.query_one(ArticleTable)
        meta = table.current
        if meta is None:
            return
        self.marked ^= {meta.id}
        table.refresh_rows({meta.id})
        table.cursor += 1
        self._update_title_bar()

    def action_toggle_read(self) -> None:
        """Mark the targets read, or unread if all are read."""
        targets = self.targets()
        if not targets or not self._guarded("that"):
            return
        store = self.broadsheet.store
        value = not all(store.summary(meta.id).read for meta in targets)
        group = ChangeGroup([store.set_flag(meta.id, "read", value) for meta in targets])
        self.broadsheet.record_change(group)
        word = "read" if value else "unread"
        count = "" if len(targets) == 1 else f" ({len(targets)} articles)"
        self.notify(f"Marked as {word}{count}", timeout=2)

    def action_cycle_sort(self) -> None:
        """Switch to the next sort order."""
        position = SORT_ORDERS.index(self.order_by)
        self.order_by = SORT_ORDERS[(position + 1) % len(SORT_ORDERS)]
        self.notify(f"Sorted by {SORT_LABELS[self.order_by]}", timeout=2)

    def set_sort(self, order: str) -> None:
        """Sort by a named order (from the command palette)."""
        self.order_by = order

    def set_filter(self, text: str) -> None:
        """Show the list filtered by ``text`` (from the command palette)."""
        filter_input = self.query_one(FilterInput)
        filter_input.value = text
        filter_input.add_class("-active")
        self.filter_query = text

    @on(FilterInput.Changed)
    def _filter_changed(self, event: FilterInput.Changed) -> None:
        self.filter_query = event.value

    @on(FilterInput.Cancelled)
    def _filter_cancelled(self) -> None:
        self.action_clear_filter()

    @on(FilterInput.Done)
    def _filter_done(self) -> None:
        if not self.filter_query:
            self.query_one(FilterInput).remove_class("-active")
        self.query_one(ArticleTable).focus()

    @on(ArticleTable.Opened)
    def _open(self, event: ArticleTable.Opened) -> None:
        table = self.query_one(ArticleTable)
        self.broadsheet.open_article(event.meta, table.rows)

    def show_article(self, article_id: str) -> None:
        """Put the cursor on an article (after reading it)."""
        table = self.query_one(ArticleTable)
        for position, meta in enumerate(table.rows):
            if meta.id == article_id:
                table.cursor = position
                break

    # -- importing (the ``a`` key) ----------------------------------------------------
    def action_add_articles(self) -> None:
        """Ask for a path or URL and import it in the background."""
        if not self.loaded:
            self.notify("Still reading the library; try again in a moment.", markup=False)
        elif self.query(ImportProgress):
            self.notify("An import is already running.", markup=False)
        else:
            self.app.push_screen(ImportDialog(), self._start_import)

    def _start_import(self, request: ImportRequest | None) -> None:
        if request is None:
            return
        app = self.broadsheet
        options = ImportOptions(fetch_pages=request.fetch_pages)
        existing = list(app.library.articles)
        progress = ImportProgress(request.targets, app.paths, existing, options)
        self.mount(progress, before=self.query_one(Footer))

    @on(ImportProgress.ArticlesAdded)
    def _articles_added(self, event: ImportProgress.ArticlesAdded) -> None:
        added = self.broadsheet.library.add(event.metas)
        self._adopt_initial_tags(added, self.broadsheet.call_later)
        if added:
            self.articles = self.broadsheet.library.articles
            self._haystacks.update({meta.id: haystack(meta) for meta in added})
            self.refresh_list()

    @on(ImportProgress.Finished)
    def _import_finished(self, event: ImportProgress.Finished) -> None:
        self.query(ImportProgress).remove()
        self.broadsheet.refresh_entity_index()
        report = event.report
        severity: SeverityLevel = "information"
        if not report.ok:
            severity = "warning" if report.added else "error"
        self.notify(
            report.notification(), title="Import", severity=severity, timeout=12, markup=False
        )
