"""LibraryScreen: the list of stored articles, with search, sort, marks and tags.

What ``/`` types is a query of the one query language, evaluated by the
session (:meth:`reader.session.session.Session.query`), exactly as
``broadsheet search`` evaluates it; a query it cannot understand is explained
on the line under the filter.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.library import ArticleMeta, Problem
from reader.query.ordering import SORT_LABELS, SORT_ORDERS, sort_articles
from reader.query.syntax import Query, QueryError
from reader.session.session import OpenReport, Session
from reader.store import StoreError
from reader.tui.feed_refresh import (
    FeedArticlesAdded,
    FeedsProgressed,
    FeedsRefreshed,
    run_refresh,
)
from reader.tui.feed_refresh import summary as feeds_summary
from reader.tui.messages import (
    AnnotationsChanged,
    EntityIndexUpdated,
    IndexesStale,
    LibraryRescanned,
    OpenArticle,
    SearchIndexUpdated,
    StoreOpened,
    WatchLibrary,
)
from reader.tui.preload import Preload, Preloaded
from reader.tui.screens.annotating import AnnotatingScreen
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.filter_input import FilterInput
from reader.tui.widgets.import_progress import ImportProgress
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.snippet_line import SnippetLine

if TYPE_CHECKING:  # Loaded when first used: the first frame needs none of them.
    from reader.store.feeds import Subscription
    from reader.tui.dialogs.import_dialog import ImportRequest

MAX_PROBLEMS_LISTED = 4
PROGRESS_SECONDS = 0.1
"""How often the first scan of a library redraws its progress (each redraw costs the scan time)."""
SEND_SECONDS = 0.03
"""After the first paint, before reading the whole index: the terminal driver writes the frame
from a thread of its own, which would otherwise wait while the index's JSON is parsed (that
holds the interpreter lock for tens of milliseconds at 10,000 articles)."""
PAINT_WAIT_SECONDS = 2.0
"""How long the scan waits for the list as last seen to be painted before it starts anyway."""


class ScanProgressed(Message):
    """The library scan read more files (newer reports replace older queued ones)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        """Only the latest count matters."""
        return isinstance(message, ScanProgressed)


class LibraryOpened(Message):
    """The open sequence finished (in the loading worker)."""

    def __init__(self, report: OpenReport) -> None:
        super().__init__()
        self.report = report


class LibraryScreen(AnnotatingScreen[None]):
    """The first screen: every article in the library, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "start_filter", "Search", key_display="/", id="list.filter"),
        Binding("escape", "clear_filter", "Clear filter/marks", show=False, id="list.clear_filter"),
        Binding("space", "toggle_mark", "Mark", show=False, id="list.mark"),
        Binding("u", "toggle_read", "Read/unread", show=False, id="list.read"),
        Binding("o", "cycle_sort", "Sort", show=False, id="list.sort"),
        Binding(
            "a",
            "add_articles",
            "Add",
            show=False,
            tooltip="Import files, pages or feeds",
            id="list.add",
        ),
        Binding("v", "open_view", "Views", tooltip="Open a saved search", id="list.views"),
        Binding(
            "V",
            "save_view",
            "Save view",
            key_display="V",
            show=False,
            tooltip="Save the current search as a view",
            id="list.save_view",
        ),
        Binding(
            "R",
            "refresh_feeds",
            "Refresh feeds",
            key_display="R",
            show=False,
            tooltip="Fetch what is new in the subscribed feeds",
            id="list.refresh",
        ),
    ]

    order_by: reactive[str] = reactive("newest", repaint=False)
    """How the list is ordered: newest, oldest or title.

    (These three do not repaint the screen when set: their watchers update the
    widgets that show them, and a repaint of the whole screen at every key
    typed in the filter would cost more than the query.)"""
    filter_query: reactive[str] = reactive("", repaint=False)
    """The query typed after ``/``."""
    feeds_progress: reactive[str] = reactive("", repaint=False)
    """How far a refresh of the feeds (``R``) has got, for the title bar ("" when none runs)."""

    def __init__(self, session: Session, preload: Preload | None = None) -> None:
        super().__init__(session)
        self.preload = preload
        self.articles: list[ArticleMeta] = []
        self.marked: set[str] = set()
        self._query = Query()
        self._query_error = ""
        self._ranked = False
        self._reported: set[str] = set()
        """Problems already told (a rescan tells only new ones)."""
        self.loaded = False
        self._snippet_of: tuple[ArticleMeta | None, Query] | None = None
        """The article and query of the snippet shown (it is not looked up twice)."""
        self._first_generation = -1
        self._total: int | None = None
        """The library's size while only its first screen is listed (None otherwise)."""
        """The store's generation when the list as last seen was shown."""

    def compose(self) -> ComposeResult:
        """Title bar, column header, the table, snippet and filter lines and the footer."""
        yield Static(id="title-bar")
        yield Static(id="column-header")
        yield ArticleTable(id="articles")
        yield SnippetLine(id="snippet")
        yield Static(id="filter-error")
        yield FilterInput(
            placeholder='Search: words, "phrase", #tag, @name, is:unread, date:2020-06, OR, -word',
            id="filter",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        """Wire the table to the store and start reading the library in the background."""
        table = self.query_one(ArticleTable)
        store = self.session.store
        table.flags_of = self._flags
        table.tags_of = lambda meta: store.tags_of(meta.id)
        table.is_unread = lambda meta: not store.summary(meta.id).read
        table.is_marked = lambda meta: meta.id in self.marked
        table.any_tagged = self._any_tagged
        self.watch(self.app, "index_progress", self._update_title_bar, init=False)
        self._update_title_bar()
        table.focus()
        # Often the preload has finished by now: then the first frame shows the list.
        early = self.preload.ready() if self.preload is not None else None
        painted: threading.Event | None = None
        if early is not None and (early.first is not None or early.articles):
            painted = threading.Event()
            if early.first is not None:
                self._show_first(early.first.rows, early.first.total, painted.set)
            elif early.articles:
                self._show_first(list(early.articles), len(early.articles), painted.set)
        self.load_library(painted)

    def _any_tagged(self, rows: list[ArticleMeta]) -> bool:
        store = self.session.store
        tagged: set[str] = set()
        for tag in store.all_tags():
            tagged |= store.ids_with_tag(tag)
        return bool(tagged) and any(meta.id in tagged for meta in rows)

    def _flags(self, meta: ArticleMeta) -> str:
        summary = self.session.store.summary(meta.id)
        return (
            ("+" if meta.id in self.marked else " ")
            + (" " if summary.read else "•")
            + ("★" if summary.starred else " ")
            + ("✎" if summary.notes else " ")
        )

    # -- loading -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self, painted: threading.Event | None = None) -> None:
        """Open the session: the store and the list as last seen, then a scan of the files.

        ``painted`` is set once the list as last seen is on screen, when
        ``on_mount`` showed it (the preload had finished by then).

        The list as last seen is painted first; the scan, the daily backup and
        the other work that follows ``StoreOpened`` start once it is on screen,
        so that they do not hold up the first frame.
        """
        session = self.session
        worker = get_current_worker()
        found = Preloaded()
        try:
            if self.preload is not None:  # The store and the list, read while the app started.
                found = self.preload.result()
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._open_failed, str(error))
            return
        first = found.first
        shown = first.rows if first is not None else found.articles
        if shown:  # Show the list as last seen at once; the scan below checks the files.
            if painted is None:  # (``painted``: on_mount showed it already.)
                total = first.total if first is not None else len(shown)
                painted = threading.Event()
                self.app.call_from_thread(self._show_first, list(shown), total, painted.set)
            waited = 0.0
            while not painted.wait(0.05) and waited < PAINT_WAIT_SECONDS:
                waited += 0.05
                if worker.is_cancelled:
                    return
            time.sleep(SEND_SECONDS)  # Let the driver send the frame before the index is read.
        # Each step below is checked for a quit before it starts: quitting waits
        # for the step under way only (the process ends when this thread does).
        if first is not None and not worker.is_cancelled:  # Now the whole list.
            whole = session.load_cached()
            if whole and not worker.is_cancelled:
                self.app.call_from_thread(self._show_articles, list(whole))
        if worker.is_cancelled:
            return
        try:
            session.check_store()  # The preload trusted the store's summary cache: check it.
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._open_failed, str(error))
            return
        if worker.is_cancelled:
            return
        self.post_message(StoreOpened())
        reported = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal reported
            if total <= 200:
                return
            now = time.monotonic()
            if done == total or now - reported >= PROGRESS_SECONDS:
                reported = now
                self.post_message(ScanProgressed(done, total))

        try:
            report = session.open(progress=progress)
        except (StoreError, OSError) as error:
            self.app.call_from_thread(self._open_failed, str(error))
            return
        if not worker.is_cancelled:
            self.post_message(LibraryOpened(report))
            session.keep_first_screen()

    def _show_first(
        self, articles: list[ArticleMeta], total: int, painted: Callable[[], None]
    ) -> None:
        """Fill the list as last seen (``total`` long, of which ``articles`` may be only the
        first screen); ``painted`` is called once it is on screen."""
        self._first_generation = self.session.store.generation
        self._show_articles(articles, total)
        self.call_after_refresh(painted)

    def _open_failed(self, reason: str) -> None:
        self.notify(reason, title="Cannot open the library", severity="error", markup=False)
        self.loaded = True
        self._update_title_bar()

    @on(ScanProgressed)
    def _show_progress(self, message: ScanProgressed) -> None:
        from textual.widgets import ProgressBar

        found = self.query("#scan-progress")
        if found:
            bar = found.first(ProgressBar)
        else:  # Mounted at the first report: only a first run (or a big change) shows it.
            bar = ProgressBar(id="scan-progress", show_eta=False)
            self.mount(bar, after=self.query_one(ArticleTable))
        bar.add_class("-active")
        bar.update(total=message.total, progress=message.done)
        self.query_one("#title-bar", Static).update(
            Text(f" Broadsheet · reading the library: {message.done:,} of {message.total:,} files"),
            layout=False,
        )

    def _show_articles(self, articles: list[ArticleMeta], total: int | None = None) -> None:
        """Fill the list (keeping the cursor's article).

        ``total``: the library has that many articles, of which ``articles``
        are the first (the first screen kept from the last run).
        """
        self.articles = articles
        self._total = total if total is not None and total > len(articles) else None
        self.loaded = True
        self.refresh_list()

    @on(LibraryOpened)
    def _library_opened(self, message: LibraryOpened) -> None:
        report = message.report
        self.query("#scan-progress").remove_class("-active")
        if not self.loaded or report.articles != self.articles or report.adopted:
            self._show_articles(report.articles)
        elif self._first_generation != self.session.store.generation:
            # The store's files said more than its summary cache did: draw the rows again.
            self.refresh_list()
        # The library's objects live as long as the app: keep them out of the
        # collector's way, so a full collection never stalls a key press.
        gc.freeze()
        self._report(report.problems)
        for warning in report.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.post_message(IndexesStale())
        self.post_message(WatchLibrary())

    @on(LibraryRescanned)
    def _library_rescanned(self, message: LibraryRescanned) -> None:
        """The folder changed while open: show what is there now, the cursor kept."""
        report = message.report
        if report.articles != self.articles or report.adopted:
            self._show_articles(report.articles)
        fresh = [p for p in report.problems if str(p) not in self._reported]
        self._report(fresh)

    def _report(self, problems: list[Problem]) -> None:
        self._reported.update(str(problem) for problem in problems)
        if not problems:
            return
        fatal = sum(1 for problem in problems if problem.fatal)
        caveats = len(problems) - fatal
        parts = []
        if fatal:
            parts.append(f"{fatal} file(s) skipped")
        if caveats:
            parts.append(f"{caveats} read with caveats")
        lines = [str(problem) for problem in problems[:MAX_PROBLEMS_LISTED]]
        more = len(problems) - len(lines)
        if more:
            lines.append(f"… and {more} more (`broadsheet list` prints them all)")
        self.notify(
            "\n".join(lines), title=", ".join(parts), severity="warning", timeout=12, markup=False
        )

    # -- list contents -------------------------------------------------------------------
    def visible_articles(self) -> list[ArticleMeta]:
        """The articles that pass the query, ranked when it has words, else in the chosen order."""
        if self._query.is_empty:
            self._ranked = False
            table = self.query_one(ArticleTable)
            table.count_of = None
            chosen = self.articles
        else:
            result = self.session.query(self._query, articles=self.articles, marked=self.marked)
            self._ranked = result.ranked
            counts = result.mentions
            table = self.query_one(ArticleTable)
            table.count_of = (lambda meta: counts.get(meta.id, 0)) if counts is not None else None
            chosen = result.articles
            if result.ranked:
                return chosen
        return sort_articles(chosen, self.order_by) if self.order_by != "newest" else chosen

    def refresh_list(self, keep: str | None = None) -> None:
        """Re-query and re-sort the table, keeping the cursor's article if still shown."""
        table = self.query_one(ArticleTable)
        table.set_rows(self.visible_articles(), keep=keep, length=self._whole_length())
        self._sync_header()
        self._update_title_bar()
        self._update_snippet()

    def _whole_length(self) -> int | None:
        """While only the first screen is known and shown as it is: the whole list's length."""
        if self._total is None or not self._query.is_empty or self.order_by != "newest":
            return None
        return self._total

    @on(EntityIndexUpdated)
    def _entity_index_updated(self) -> None:
        if any(term.kind == "entity" for term in self._query.terms()):
            self.refresh_list()

    @on(SearchIndexUpdated)
    def _search_index_updated(self) -> None:
        self._snippet_of = None  # The index may have the article's text now.
        if any(term.kind == "words" for term in self._query.terms()):
            self.refresh_list()

    def _update_title_bar(self) -> None:
        table = self.query_one(ArticleTable)
        text = Text(" Broadsheet", style="bold")
        if not self.loaded:
            text.append(" · reading the library…")
        else:
            shown, total = len(table.rows), len(self.articles)
            if self._total is not None:  # Only the first screen is known yet.
                total = self._total
                shown = self._whole_length() or shown
            count = f"{total:,} articles" if shown == total else f"{shown:,} of {total:,} match"
            order = (
                "best match first" if self._ranked else f"sorted by {SORT_LABELS[self.order_by]}"
            )
            text.append(f" · {count} · {order}")
            if self.marked:
                text.append(f" · {len(self.marked)} marked", style="bold")
            for progress in (self.feeds_progress, str(getattr(self.app, "index_progress", ""))):
                if progress:
                    text.append(f" · {progress}", style="italic")
        # One line, as wide as the screen whatever it says: no layout needed.
        self.query_one("#title-bar", Static).update(text, layout=False)

    def _update_snippet(self) -> None:
        """Under the list: the matched passage of the article under the cursor."""
        meta = self.query_one(ArticleTable).current
        shown = (meta, self._query)
        if shown == self._snippet_of:  # The list was refilled, then the cursor moved: once.
            return
        self._snippet_of = shown
        snippet = self.session.snippet(meta, self._query) if meta is not None else None
        self.query_one(SnippetLine).show(snippet)

    @on(ArticleTable.Highlighted)
    def _cursor_moved(self) -> None:
        if self._query.text_terms:
            self._update_snippet()

    def watch_order_by(self) -> None:
        """Re-sort when the order changes."""
        if self.loaded:
            self.refresh_list()

    def watch_filter_query(self, value: str) -> None:
        """Re-query as the filter is typed; explain a query that cannot be understood."""
        error_line = self.query_one("#filter-error", Static)
        try:
            self._query = self.session.parse(value)
        except QueryError as error:
            self._query_error = str(error)
            error_line.update(Text(f" {error}", style="bold"))
            error_line.add_class("-active")
            return  # The list stays as it was for the last query understood.
        self._query_error = ""
        error_line.remove_class("-active")
        if self.loaded:
            self.refresh_list()

    @property
    def whole_list_shown(self) -> bool:
        """The list holds the whole library (not only the first screen kept from the last run)."""
        return self.loaded and self._total is None

    @property
    def query_error(self) -> str:
        """Why the query typed cannot be understood ("" when it can)."""
        return self._query_error

    @on(ArticleTable.ColumnsChanged)
    def _sync_header(self) -> None:
        header = self.query_one(ArticleTable).header_text()
        self.query_one("#column-header", Static).update(header, layout=False)

    @on(AnnotationsChanged)
    def _annotations_changed(self, message: AnnotationsChanged) -> None:
        if not self.loaded:
            return
        if message.article_ids is None or any(
            term.kind in ("tag", "flag", "entity") for term in self._query.terms()
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
            shown = {meta.id for meta in in_list}
            hidden = [
                meta for meta in self.articles if meta.id in self.marked and meta.id not in shown
            ]
            return in_list + hidden
        return [table.current] if table.current is not None else []

    # -- actions -----------------------------------------------------------------------------
    def action_start_filter(self) -> None:
        """Show the search line and type into it."""
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
        self._toggle_flag("read")

    def action_cycle_sort(self) -> None:
        """Switch to the next sort order."""
        position = SORT_ORDERS.index(self.order_by)
        self.order_by = SORT_ORDERS[(position + 1) % len(SORT_ORDERS)]
        self.notify(f"Sorted by {SORT_LABELS[self.order_by]}", timeout=2)

    def set_sort(self, order: str) -> None:
        """Sort by a named order (from the command palette)."""
        self.order_by = order

    def set_filter(self, text: str) -> None:
        """Show the list filtered by ``text`` (from the command palette or a view)."""
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
        self.post_message(OpenArticle(event.meta, self.query_one(ArticleTable).rows))

    def show_article(self, article_id: str) -> None:
        """Put the cursor on an article (after reading it)."""
        table = self.query_one(ArticleTable)
        for position, meta in enumerate(table.rows):
            if meta.id == article_id:
                table.cursor = position
                break

    # -- saved views --------------------------------------------------------------------
    def action_open_view(self) -> None:
        """Choose a saved view; the list shows its query."""
        from reader.tui.view_admin import ViewAdministration

        ViewAdministration(self.app, self.session).switch()

    def action_save_view(self) -> None:
        """Save the current search under a name."""
        from reader.tui.view_admin import ViewAdministration

        ViewAdministration(self.app, self.session).save(self.filter_query)

    # -- importing (the ``a`` key) ----------------------------------------------------
    def action_add_articles(self) -> None:
        """Ask for a path or URL and import it in the background."""
        if not self.loaded:
            self.notify("Still reading the library; try again in a moment.", markup=False)
        elif self.query(ImportProgress):
            self.notify("An import is already running.", markup=False)
        else:
            from reader.tui.dialogs.import_dialog import ImportDialog

            self.app.push_screen(ImportDialog(), self._start_import)

    def _start_import(self, request: ImportRequest | None) -> None:
        if request is None:
            return
        from reader.importing.options import ImportOptions

        options = ImportOptions(fetch_pages=request.fetch_pages)
        existing = list(self.session.articles)
        progress = ImportProgress(request.targets, self.session.paths, existing, options)
        self.mount(progress, before=self.query_one(KeyFooter))

    # -- refreshing the feeds (the ``R`` key) -----------------------------------------
    def action_refresh_feeds(self) -> None:
        """Fetch what is new in every subscribed feed, in the background."""
        if not self.loaded or not self.session.store_loaded:
            self.notify("Still reading the library; try again in a moment.", markup=False)
            return
        if self.feeds_progress:
            self.notify("The feeds are already being refreshed.", markup=False)
            return
        try:
            feeds = self.session.feeds()
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if not feeds:
            self.notify(
                "No subscriptions yet. Subscribe with: broadsheet feeds add URL", markup=False
            )
            return
        self.feeds_progress = f"refreshing feeds 0/{len(feeds)}"
        self._refresh_feeds(feeds)

    @work(thread=True, exclusive=True, group="feeds")
    def _refresh_feeds(self, feeds: list[Subscription]) -> None:
        worker = get_current_worker()
        run_refresh(
            feeds,
            self.session.paths,
            list(self.session.articles),
            self.post_message,
            lambda: worker.is_cancelled,
        )

    @on(FeedsProgressed)
    def _feeds_progressed(self, message: FeedsProgressed) -> None:
        self.feeds_progress = message.text

    def watch_feeds_progress(self) -> None:
        """Show the refresh's progress in the title bar."""
        if self.is_mounted:
            self._update_title_bar()

    @on(FeedArticlesAdded)
    def _feed_articles_added(self, message: FeedArticlesAdded) -> None:
        self._add_to_list(message.metas)

    @on(FeedsRefreshed)
    def _feeds_refreshed(self, message: FeedsRefreshed) -> None:
        pairs = [
            (feed.url, result.feed)
            for feed, result in zip(message.feeds, message.results, strict=False)
        ]
        saved = self.session.save_feed_states(pairs)
        if saved.error:
            self.notify(saved.error, severity="warning", markup=False)
        self.post_message(IndexesStale())
        failed = any(result.failed for result in message.results)
        self.notify(
            feeds_summary(message.results),
            title="Feeds",
            severity="warning" if failed else "information",
            timeout=10,
            markup=False,
        )

    def _add_to_list(self, metas: list[ArticleMeta]) -> None:
        """Articles written into the library while the app is open: into the list."""
        added, warnings = self.session.add_articles(metas)
        for warning in warnings:
            self.notify(warning, severity="warning", markup=False)
        if added:
            self.articles = self.session.articles
            self._total = None
            self.refresh_list()

    @on(ImportProgress.ArticlesAdded)
    def _articles_added(self, event: ImportProgress.ArticlesAdded) -> None:
        self._add_to_list(event.metas)

    @on(ImportProgress.Finished)
    def _import_finished(self, event: ImportProgress.Finished) -> None:
        self.query(ImportProgress).remove()
        self.post_message(IndexesStale())
        report = event.report
        severity: SeverityLevel = "information"
        if not report.ok:
            severity = "warning" if report.added else "error"
        self.notify(
            report.notification(), title="Import", severity=severity, timeout=12, markup=False
        )
