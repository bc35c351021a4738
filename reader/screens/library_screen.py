"""LibraryScreen: the list of stored articles, with filter and sort."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import get_current_worker

from reader.dialogs.import_dialog import ImportDialog, ImportRequest
from reader.importing.options import ImportOptions
from reader.library import ArticleMeta, Problem, ScanResult
from reader.library.filtering import (
    SORT_LABELS,
    SORT_ORDERS,
    filter_words,
    haystack,
    matches,
    sort_articles,
)
from reader.library.samples import install_samples
from reader.widgets.article_table import ArticleTable
from reader.widgets.filter_input import FilterInput
from reader.widgets.import_progress import ImportProgress

MAX_PROBLEMS_LISTED = 4


class LibraryScreen(Screen[None]):
    """The first screen: every article in the library, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "start_filter", "Filter", id="list.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="list.clear_filter"),
        Binding("o", "cycle_sort", "Sort", id="list.sort"),
        Binding("a", "add_articles", "Add", tooltip="Import files, pages or feeds", id="list.add"),
    ]

    order_by: reactive[str] = reactive("newest")
    """How the list is ordered: newest, oldest or title."""
    filter_query: reactive[str] = reactive("")
    """The filter typed after ``/``."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[ArticleMeta] = []
        self._haystacks: dict[str, str] = {}
        self.loaded = False

    def compose(self) -> ComposeResult:
        """Title bar, column header, the table, the filter line and the footer."""
        yield Static(id="title-bar")
        yield Static(id="column-header")
        yield ArticleTable(id="articles")
        yield ProgressBar(id="scan-progress", show_eta=False)
        yield FilterInput(placeholder="Filter by title or source…", id="filter")
        yield Footer()

    def on_mount(self) -> None:
        """Start reading the library in the background."""
        self._update_title_bar()
        self.query_one(ArticleTable).focus()
        self.load_library()

    # -- loading -----------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        """Scan the library folder (a thread: the screen stays responsive)."""
        app = self.app
        paths = app.paths  # type: ignore[attr-defined]
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
        worker = get_current_worker()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if total > 200 and (now - last[0] > 0.1 or done == total):
                last[0] = now
                app.call_from_thread(self._show_progress, done, total)

        result = app.library.scan(progress=progress)  # type: ignore[attr-defined]
        if not worker.is_cancelled:
            app.call_from_thread(self._library_loaded, result)

    def _show_progress(self, done: int, total: int) -> None:
        bar = self.query_one("#scan-progress", ProgressBar)
        bar.add_class("-active")
        bar.update(total=total, progress=done)
        self.query_one("#title-bar", Static).update(
            Text(f" Broadsheet · reading the library: {done:,} of {total:,} files")
        )

    def _library_loaded(self, result: ScanResult) -> None:
        self.query_one("#scan-progress", ProgressBar).remove_class("-active")
        self.articles = result.articles
        self._haystacks = {meta.id: haystack(meta) for meta in self.articles}
        self.loaded = True
        self.refresh_list()
        self._report(result.problems)

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

    # -- list contents --------------------------------------------------------------
    def visible_articles(self) -> list[ArticleMeta]:
        """The articles that pass the filter, in the chosen order."""
        words = filter_words(self.filter_query)
        chosen = (
            [meta for meta in self.articles if matches(self._haystacks[meta.id], words)]
            if words
            else self.articles
        )
        return sort_articles(chosen, self.order_by) if self.order_by != "newest" else chosen

    def refresh_list(self, keep: str | None = None) -> None:
        """Re-filter and re-sort the table, keeping the cursor's article if still shown."""
        table = self.query_one(ArticleTable)
        table.set_rows(self.visible_articles(), keep=keep)
        self._update_title_bar()

    def _update_title_bar(self) -> None:
        table = self.query_one(ArticleTable)
        text = Text(" Broadsheet", style="bold")
        if not self.loaded:
            text.append(" · reading the library…")
        else:
            shown, total = len(table.rows), len(self.articles)
            count = f"{total:,} articles" if shown == total else f"{shown:,} of {total:,} articles"
            text.append(f" · {count} · sorted by {SORT_LABELS[self.order_by]}")
            if self.filter_query:
                text.append(" · filter: ")
                text.append(self.filter_query, style="bold")
        self.query_one("#title-bar", Static).update(text)

    def watch_order_by(self) -> None:
        """Re-sort when the order changes."""
        if self.loaded:
            self.refresh_list()

    def watch_filter_query(self) -> None:
        """Re-filter as the filter is typed."""
        if self.loaded:
            self.refresh_list()

    @on(ArticleTable.ColumnsChanged)
    def _sync_header(self) -> None:
        self.query_one("#column-header", Static).update(self.query_one(ArticleTable).header_text())

    # -- actions -----------------------------------------------------------------
    def action_start_filter(self) -> None:
        """Show the filter line and type into it."""
        filter_input = self.query_one(FilterInput)
        filter_input.add_class("-active")
        filter_input.focus()

    def action_clear_filter(self) -> None:
        """Clear the filter and show every article."""
        filter_input = self.query_one(FilterInput)
        filter_input.value = ""
        filter_input.remove_class("-active")
        self.filter_query = ""
        self.query_one(ArticleTable).focus()

    def action_cycle_sort(self) -> None:
        """Switch to the next sort order."""
        position = SORT_ORDERS.index(self.order_by)
        self.order_by = SORT_ORDERS[(position + 1) % len(SORT_ORDERS)]
        self.notify(f"Sorted by {SORT_LABELS[self.order_by]}", timeout=2)

    def set_sort(self, order: str) -> None:
        """Sort by a named order (from the command palette)."""
        self.order_by = order

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
        self.app.open_article(event.meta, table.rows)  # type: ignore[attr-defined]

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
        app = self.app
        options = ImportOptions(fetch_pages=request.fetch_pages)
        existing = list(app.library.articles)  # type: ignore[attr-defined]
        progress = ImportProgress(request.targets, app.paths, existing, options)  # type: ignore[attr-defined]
        self.mount(progress, before=self.query_one(Footer))

    @on(ImportProgress.ArticlesAdded)
    def _articles_added(self, event: ImportProgress.ArticlesAdded) -> None:
        added = self.app.library.add(event.metas)  # type: ignore[attr-defined]
        if added:
            self.articles = self.app.library.articles  # type: ignore[attr-defined]
            self._haystacks.update({meta.id: haystack(meta) for meta in added})
            self.refresh_list()

    @on(ImportProgress.Finished)
    def _import_finished(self, event: ImportProgress.Finished) -> None:
        self.query(ImportProgress).remove()
        report = event.report
        severity: SeverityLevel = "information"
        if not report.ok:
            severity = "warning" if report.added else "error"
        self.notify(
            report.notification(), title="Import", severity=severity, timeout=12, markup=False
        )
